import { css } from 'lit';

/**
 * The theme, in two tiers: public `--shelf-*` tokens that partners set from their own CSS, and
 * private `--_*` values each element reads, which fall back to light or dark defaults. Public
 * tokens win wherever they are set, in either scheme. Controls shared by several elements
 * (buttons, fields, marks) are styled here once.
 */
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
  --_mark-text: var(--shelf-color-highlight-text, #fff);
  --_danger: var(--shelf-color-danger, #ffb4ab);
  --_paint: var(--_surface);
  color-scheme: dark;
`;

export const tokens = css`
  :host {
    --_text: var(--shelf-color-text, #1f2328);
    --_muted: var(--shelf-color-muted, #57606a);
    --_surface: var(--shelf-color-surface, #fff);
    --_surface-alt: var(--shelf-color-surface-alt, #f4f5f7);
    --_border: var(--shelf-color-border, #8c959f);
    --_border-subtle: var(--shelf-color-border-subtle, #d0d7de);
    --_accent: var(--shelf-color-accent, #0b57d0);
    --_accent-text: var(--shelf-color-accent-text, #fff);
    --_mark: var(--shelf-color-highlight, #fff0a8);
    --_mark-text: var(--shelf-color-highlight-text, inherit);
    --_danger: var(--shelf-color-danger, #b3261e);
    --_radius: var(--shelf-radius, 0.375em);
    --_space: var(--shelf-space, 1em);
    --_gap: calc(var(--_space) / 2);
    /* The page shows through in light; in dark the surface is painted, so that light text stays
       legible on a page that is light. */
    --_paint: transparent;
    color-scheme: light;
    display: flow-root;
    box-sizing: border-box;
    font-family: var(--shelf-font-family, inherit);
    /* A page rule such as '* { font-size: 40px !important }' reaches the host and would be
       inherited inside; an important declaration in the shadow tree outranks the page's. The base
       is 'medium' (the reader's own default size), not rem, which such a rule inflates too. */
    font-size: var(--shelf-font-size, medium) !important;
    line-height: 1.5 !important;
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([data-shelf-theme='light'])) {
      ${dark}
    }
  }
  /* Paper is light: a dark theme is for screens (Chromium prints a dark system scheme as light too). */
  @media screen {
    :host([data-shelf-theme='dark']) {
      ${dark}
    }
  }
  /* An element placed outside its library paints as the library does. */
  :host([library]) {
    background: var(--shelf-library-background, var(--_paint));
  }
  /* A text decoration set on the page ('* { text-decoration: underline }') is drawn through every
     in-flow descendant and no rule inside can turn it off; a float is not in flow, so each
     element's content is one, as wide as the element. */
  :host > :where(:not(slot)) {
    float: inline-start;
    inline-size: 100%;
  }
  :host([hidden]) {
    display: none;
  }
  /* Paper gets the results, not the controls, wherever a page places them. */
  @media print {
    :host(:is(shelf-search-box, shelf-filter-bar, shelf-sort-select, shelf-active-filters, shelf-pagination)) {
      display: none;
    }
  }
  * {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--shelf-color-focus, var(--_accent));
    outline-offset: 2px;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  ul,
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
    align-items: center;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .button,
  .field {
    min-block-size: 2.25em;
    padding: 0.25em 0.6em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .button {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    cursor: pointer;
  }
  .button:hover {
    background: var(--_surface-alt);
  }
  .button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  .link {
    border: 0;
    padding: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
  }
  mark {
    background: var(--_mark);
    color: var(--_mark-text);
  }
  @media (forced-colors: active) {
    .button,
    .field {
      border-color: ButtonText;
    }
    mark {
      background: Mark;
      color: MarkText;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`;

/**
 * The rest of the insulation from a theme's CSS, for elements whose host is in the page (the
 * library, an element placed outside it, a card on its own). Elements inside another element's
 * shadow root are out of the page's CSS and inherit these values from that host, so they are
 * not given them again: on every host they were most of the style work of the widget's first
 * frames (see bench/RESULTS.md).
 */
export const insulation = css`
  :host {
    /* Every other inherited text property a theme may set on html, body, * or an ancestor is put
       back as on a clean page, so that 'body { white-space: nowrap; text-transform: uppercase }'
       changes neither layout nor letter case inside. The font family alone comes from the page. */
    font-style: normal !important;
    font-weight: 400 !important;
    font-variant: normal !important;
    font-stretch: normal !important;
    font-kerning: auto !important;
    font-feature-settings: normal !important;
    font-variation-settings: normal !important;
    font-size-adjust: none !important;
    font-optical-sizing: auto !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-transform: none !important;
    text-indent: 0 !important;
    text-align: start !important;
    text-align-last: auto !important;
    text-shadow: none !important;
    text-emphasis: none !important;
    text-underline-offset: auto !important;
    text-underline-position: auto !important;
    text-rendering: auto !important;
    white-space: normal !important;
    word-break: normal !important;
    overflow-wrap: normal !important;
    line-break: auto !important;
    hyphens: manual !important;
    tab-size: 8 !important;
    writing-mode: horizontal-tb !important;
    text-orientation: mixed !important;
    -webkit-text-fill-color: currentcolor !important;
    -webkit-text-stroke: 0 !important;
    -webkit-text-security: none !important;
    quotes: auto !important;
  }
`;
