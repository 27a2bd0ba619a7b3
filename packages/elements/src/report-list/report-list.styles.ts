import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font-size: var(--_font-size);
  }
  ol {
    display: grid;
    gap: var(--shelf-list-gap, var(--_gap));
    margin: 0;
    padding: 0;
    list-style: none;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 2px solid var(--_focus);
  }
  .skeleton {
    display: grid;
    gap: 0.6em;
    padding: var(--_space);
    border: 1px solid var(--_border-subtle);
    border-radius: var(--_radius);
  }
  .bone {
    block-size: 0.9em;
    border-radius: 4px;
    background: linear-gradient(90deg, var(--_surface-alt), var(--_border-subtle), var(--_surface-alt));
    background-size: 200% 100%;
    animation: shimmer 1.4s ease-in-out infinite;
  }
  .bone.title {
    block-size: 1.3em;
    inline-size: 70%;
  }
  .bone.short {
    inline-size: 40%;
  }
  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
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
  .state h2 {
    margin: 0;
    font-size: 1.1em;
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
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
`;
