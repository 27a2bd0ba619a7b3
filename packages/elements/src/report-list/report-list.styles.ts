import { css } from 'lit';

export const styles = css`
  ol {
    display: grid;
    gap: var(--shelf-list-gap, var(--_gap));
  }
  /* The last results, while a search waits for the index. */
  ol[aria-busy='true'] {
    opacity: 0.6;
  }
  h2 {
    margin: 0;
    font-size: 1.1em;
  }
  h2:focus {
    outline: none;
  }
  .skeleton {
    display: grid;
    gap: 0.6em;
    padding: var(--_space);
    border: 1px solid var(--_border-subtle);
    border-radius: var(--_radius);
  }
  .skeleton div {
    block-size: 0.9em;
    border-radius: 4px;
    background: var(--_surface-alt);
    animation: pulse 1.4s ease-in-out infinite alternate;
  }
  .skeleton div:first-child {
    block-size: 1.3em;
    inline-size: 70%;
  }
  @keyframes pulse {
    to {
      opacity: 0.4;
    }
  }
  .state {
    display: grid;
    gap: 0.75em;
    justify-items: start;
    padding: var(--_space);
    border: 1px dashed var(--_border-subtle);
    border-radius: var(--_radius);
  }
  .state p {
    margin: 0;
  }
  .error {
    border: 1px solid var(--_danger);
    border-inline-start-width: 4px;
  }
  .error h2 {
    color: var(--_danger);
  }
`;
