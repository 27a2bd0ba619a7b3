import { css } from 'lit';

/**
 * The theme, in two tiers: public `--shelf-*` tokens that partners set from their own CSS, and
 * private `--_*` values each element reads, which fall back to light or dark defaults.
 * Public tokens win wherever they are set, in either scheme.
 */
const light = css`
  --_text: var(--shelf-color-text, #1f2328);
  --_muted: var(--shelf-color-muted, #57606a);
  --_surface: var(--shelf-color-surface, #ffffff);
  --_surface-alt: var(--shelf-color-surface-alt, #f4f5f7);
  --_border: var(--shelf-color-border, #8c959f);
  --_border-subtle: var(--shelf-color-border-subtle, #d0d7de);
  --_accent: var(--shelf-color-accent, #0b57d0);
  --_accent-text: var(--shelf-color-accent-text, #ffffff);
  --_mark: var(--shelf-color-highlight, #fff0a8);
  --_mark-text: var(--shelf-color-highlight-text, inherit);
  --_danger: var(--shelf-color-danger, #b3261e);
  --_focus: var(--shelf-color-focus, #0b57d0);
  color-scheme: light;
`;
const dark = css`
  --_text: var(--shelf-color-text, #e6edf3);
  --_muted: var(--shelf-color-muted, #a8b3bf);
  --_surface: var(--shelf-color-surface, #16191d);
  --_surface-alt: var(--shelf-color-surface-alt, #22272e);
  --_border: var(--shelf-color-border, #7d8590);
  --_border-subtle: var(--shelf-color-border-subtle, #3d444d);
  --_accent: var(--shelf-color-accent, #8ab4f8);
  --_accent-text: var(--shelf-color-accent-text, #0b1a33);
  --_mark: var(--shelf-color-highlight, #6b5900);
  --_mark-text: var(--shelf-color-highlight-text, #ffffff);
  --_danger: var(--shelf-color-danger, #ffb4ab);
  --_focus: var(--shelf-color-focus, #8ab4f8);
  color-scheme: dark;
`;

export const tokens = css`
  :host {
    ${light}
    --_radius: var(--shelf-radius, 0.375rem);
    --_space: var(--shelf-space, 1rem);
    --_gap: calc(var(--_space) * 0.5);
    --_font: var(--shelf-font-family, inherit);
    --_font-size: var(--shelf-font-size, 1rem);
    --_duration: var(--shelf-duration, 150ms);
    box-sizing: border-box;
    font-family: var(--_font);
    color: var(--_text);
    text-align: start;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([data-shelf-theme='light'])) {
      ${dark}
    }
  }
  :host([data-shelf-theme='dark']) {
    ${dark}
  }
  /* An element placed outside its library paints its own surface, as the library does. */
  :host([library]) {
    background: var(--shelf-library-background, var(--_surface));
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px !important;
    block-size: 1px !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    margin: -1px !important;
    padding: 0 !important;
    border: 0 !important;
  }
  .button {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    min-block-size: 2.25rem;
    padding-block: 0.25em;
    padding-inline: 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
    line-height: 1.2;
    text-decoration: none;
  }
  .button:hover {
    background: var(--_surface-alt);
  }
  .button[disabled],
  .button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .link-button {
    border: 0;
    background: none;
    padding: 0;
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
    min-block-size: 1.5rem;
  }
  @media (forced-colors: active) {
    .button,
    .link-button {
      border: 1px solid ButtonText;
      color: ButtonText;
      background: ButtonFace;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_duration: 0ms;
    }
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }
`;
