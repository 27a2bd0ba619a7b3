import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font-size: var(--_font-size);
    line-height: 1.5;
  }
  article {
    display: grid;
    gap: calc(var(--_gap) * 0.75);
    padding: var(--shelf-card-padding, var(--_space));
    border: 1px solid var(--shelf-card-border-color, var(--_border-subtle));
    border-radius: var(--_radius);
    background: var(--shelf-card-background, var(--_surface));
  }
  .title {
    margin: 0;
    font-size: var(--shelf-card-title-size, 1.15em);
    line-height: 1.3;
    font-weight: 650;
    overflow-wrap: anywhere;
  }
  .title a {
    color: var(--_accent);
    text-decoration-thickness: 1px;
    text-underline-offset: 0.15em;
  }
  .title a:hover {
    text-decoration-thickness: 2px;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0;
    column-gap: 0.5em;
    margin: 0;
    padding: 0;
    list-style: none;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .meta li + li::before {
    content: '·';
    margin-inline-end: 0.5em;
    color: var(--_border);
  }
  .people {
    margin: 0;
    font-size: 0.9em;
    overflow-wrap: anywhere;
  }
  .people span {
    color: var(--_muted);
  }
  .summary {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .summary.clamped {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: var(--shelf-summary-lines, 4);
    line-clamp: var(--shelf-summary-lines, 4);
    overflow: hidden;
  }
  .toggle {
    justify-self: start;
  }
  mark {
    background: var(--_mark);
    color: var(--_mark-text);
    border-radius: 2px;
    padding-inline: 0.05em;
  }
  @media (forced-colors: active) {
    article {
      border-color: CanvasText;
    }
    mark {
      background: Mark;
      color: MarkText;
    }
  }
`;
