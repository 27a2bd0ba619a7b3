import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font-size: var(--_font-size);
  }
  .bar {
    display: grid;
    gap: var(--_gap);
  }
  .head {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: var(--_gap);
  }
  .head h2 {
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
    justify-content: space-between;
    min-block-size: 2.25rem;
    font-weight: 600;
    cursor: pointer;
    list-style: none;
  }
  summary::-webkit-details-marker {
    display: none;
  }
  summary::after {
    content: '';
    inline-size: 0.5em;
    block-size: 0.5em;
    border-inline-end: 2px solid currentColor;
    border-block-end: 2px solid currentColor;
    transform: rotate(45deg);
    transition: transform var(--_duration);
    margin-inline-end: 0.25em;
  }
  details[open] > summary::after {
    transform: rotate(-135deg);
  }
  .selected-count {
    margin-inline-start: auto;
    margin-inline-end: 0.75em;
    font-weight: 400;
    color: var(--_muted);
    font-size: 0.9em;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 0.1em;
  }
  .option {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-block-size: 2rem;
    cursor: pointer;
    border-radius: var(--_radius);
    padding-inline: 0.25em;
  }
  .option:hover {
    background: var(--_surface-alt);
  }
  input[type='checkbox'] {
    inline-size: 1.1em;
    block-size: 1.1em;
    margin: 0;
    accent-color: var(--_accent);
    flex: none;
  }
  .value {
    flex: 1;
    overflow-wrap: anywhere;
  }
  .count {
    flex: none;
    min-inline-size: 2em;
    text-align: end;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
    font-size: 0.9em;
  }
  .zero .value {
    color: var(--_muted);
  }
  .within {
    inline-size: 100%;
    min-block-size: 2.25rem;
    margin-block: 0.25em;
    padding-inline: 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .more {
    margin-block-start: 0.35em;
  }
  .none {
    color: var(--_muted);
    margin: 0.25em 0;
  }
  .years {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
  }
  .years label {
    display: grid;
    gap: 0.15em;
    font-size: 0.9em;
  }
  .years select {
    min-block-size: 2.25rem;
    min-inline-size: 6em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  svg.chart {
    display: block;
    inline-size: 100%;
    block-size: 3rem;
    margin-block: 0.5em;
  }
  .chart rect {
    fill: var(--_border-subtle);
  }
  .chart rect.in {
    fill: var(--_accent);
  }
  @media (forced-colors: active) {
    .chart rect {
      fill: GrayText;
    }
    .chart rect.in {
      fill: Highlight;
    }
  }
`;
