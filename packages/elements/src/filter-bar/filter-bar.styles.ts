import { css } from 'lit';

export const styles = css`
  section {
    display: grid;
    gap: var(--_gap);
  }
  .head {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
  }
  h2 {
    margin: 0;
    font-size: 1.05em;
  }
  details {
    border-block-end: 1px solid var(--_border-subtle);
    padding-block-end: var(--_gap);
  }
  summary {
    display: flex;
    align-items: center;
    min-block-size: 2.25em;
    font-weight: 600;
    cursor: pointer;
  }
  summary span {
    margin-inline-start: 0.5em;
    font-weight: 400;
    color: var(--_muted);
  }
  label {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-block-size: 2em;
    cursor: pointer;
  }
  input[type='checkbox'] {
    inline-size: 1.1em;
    block-size: 1.1em;
    margin: 0;
    accent-color: var(--_accent);
  }
  .value {
    flex: 1;
    overflow-wrap: anywhere;
  }
  .count,
  .none {
    color: var(--_muted);
    font-size: 0.9em;
  }
  input.field {
    inline-size: 100%;
    margin-block: 0.25em;
  }
  .years {
    display: flex;
    gap: var(--_gap);
  }
  .years label {
    display: grid;
    gap: 0;
    font-size: 0.9em;
  }
  svg {
    display: block;
    inline-size: 100%;
    block-size: 3em;
    margin-block: 0.5em;
    fill: var(--_border-subtle);
  }
  .in {
    fill: var(--_accent);
  }
  /* The whole height of a year answers the pointer, and shows the keyboard's focus. */
  .hit {
    fill: transparent;
    cursor: pointer;
  }
  g:focus {
    outline: none;
  }
  g:focus-visible .hit {
    stroke: var(--_text);
    stroke-width: 2px;
    vector-effect: non-scaling-stroke;
  }
  /* Years run the way the text does: right to left in Arabic. */
  .axis {
    display: flex;
    justify-content: space-between;
    margin-block-start: -0.5em;
    color: var(--_muted);
    font-size: 0.8em;
  }
  svg:dir(rtl) {
    transform: scaleX(-1);
  }
  @media (forced-colors: active) {
    svg {
      fill: GrayText;
    }
    .in {
      fill: Highlight;
    }
  }
`;
