import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font-size: var(--_font-size);
  }
  form {
    display: grid;
    gap: 0.25em;
    margin: 0;
  }
  label {
    font-weight: 600;
  }
  .field {
    position: relative;
    display: flex;
    align-items: center;
  }
  input {
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding-block: 0.5em;
    padding-inline: 2.25em 2.75em;
    border: 1px solid var(--shelf-input-border-color, var(--_border));
    border-radius: var(--_radius);
    background: var(--shelf-input-background, var(--_surface));
    color: var(--_text);
    font-size: 1em;
    appearance: none;
  }
  input::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  input::-webkit-search-cancel-button,
  input::-webkit-search-decoration {
    appearance: none;
  }
  input:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .icon {
    position: absolute;
    inset-inline-start: 0.75em;
    inline-size: 1em;
    block-size: 1em;
    color: var(--_muted);
    pointer-events: none;
  }
  .clear {
    position: absolute;
    inset-inline-end: 0.25em;
    inline-size: 2.25rem;
    block-size: 2.25rem;
    display: grid;
    place-items: center;
    border: 0;
    border-radius: var(--_radius);
    background: none;
    color: var(--_muted);
    cursor: pointer;
  }
  .clear:hover {
    color: var(--_text);
    background: var(--_surface-alt);
  }
  svg {
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
  }
  @media (forced-colors: active) {
    input {
      border-color: FieldText;
    }
    .clear {
      color: ButtonText;
    }
  }
`;
