import { css } from 'lit';

export const styles = css`
  form {
    display: grid;
    gap: 0.25em;
  }
  label {
    font-weight: 600;
  }
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.85em;
  }
  div {
    position: relative;
    display: flex;
    align-items: center;
  }
  .field {
    inline-size: 100%;
    min-block-size: 2.75em;
    padding-inline: 2.25em;
    border-color: var(--shelf-input-border-color, var(--_border));
    background: var(--shelf-input-background, var(--_surface));
  }
  input::placeholder {
    color: var(--_muted);
  }
  input::-webkit-search-cancel-button {
    appearance: none;
  }
  svg {
    position: absolute;
    inset-inline-start: 0.75em;
    inline-size: 1em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    color: var(--_muted);
  }
  button {
    position: absolute;
    inset-inline-end: 0.25em;
    inline-size: 2.25em;
    block-size: 2.25em;
    border: 0;
    border-radius: var(--_radius);
    background: none;
    cursor: pointer;
  }
  button svg {
    position: static;
  }
`;
