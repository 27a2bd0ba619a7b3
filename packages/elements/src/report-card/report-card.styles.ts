import { css } from 'lit';

export const styles = css`
  article {
    display: grid;
    gap: calc(var(--_gap) * 0.75);
    padding: var(--shelf-card-padding, var(--_space));
    border: 1px solid var(--shelf-card-border-color, var(--_border-subtle));
    border-radius: var(--_radius);
    background: var(--shelf-card-background, var(--_surface));
    overflow-wrap: anywhere;
  }
  .covered {
    display: flex;
    align-items: flex-start;
    gap: var(--_space);
  }
  .covered > div {
    display: grid;
    gap: calc(var(--_gap) * 0.75);
    flex: 1;
    min-width: 0;
  }
  img {
    flex: none;
    width: var(--shelf-cover-width, 5.5rem);
    height: auto;
    aspect-ratio: 3 / 4;
    object-fit: cover;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_border-subtle);
  }
  .title {
    font-size: var(--shelf-card-title-size, 1.15em);
    line-height: 1.3;
    font-weight: 650;
  }
  a {
    color: var(--_accent);
  }
  p {
    margin: 0;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5em;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .meta li + li::before {
    content: '·';
    margin-inline-end: 0.5em;
  }
  .people {
    font-size: 0.9em;
  }
  .people span {
    color: var(--_muted);
  }
  .clamped {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: var(--shelf-summary-lines, 4);
    overflow: hidden;
  }
  .link {
    justify-self: start;
  }
  /* On paper: the link's address written out, the whole summary, no buttons. */
  @media print {
    article {
      break-inside: avoid;
    }
    a::after {
      content: ' (' attr(href) ')';
    }
    .clamped {
      display: block;
    }
    button,
    #cite {
      display: none;
    }
  }
  @media (forced-colors: active) {
    article {
      border-color: CanvasText;
    }
  }
`;
