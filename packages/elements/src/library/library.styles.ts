import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container: shelf-library / inline-size;
    font-size: var(--_font-size);
    line-height: 1.5;
    /* Painted, so that the dark scheme stays legible on a page that is light. */
    background: var(--shelf-library-background, var(--_surface));
    color: var(--_text);
  }
  .layout {
    display: grid;
    gap: var(--_space);
    grid-template-columns: minmax(0, 1fr);
    grid-template-areas:
      'search'
      'toggle'
      'sidebar'
      'toolbar'
      'main';
  }
  .search {
    grid-area: search;
  }
  .toolbar {
    grid-area: toolbar;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_gap);
  }
  .toggle {
    grid-area: toggle;
    justify-self: start;
  }
  .sidebar {
    grid-area: sidebar;
    min-inline-size: 0;
  }
  .sidebar.closed {
    display: none;
  }
  .main {
    grid-area: main;
    display: grid;
    gap: var(--_space);
    align-content: start;
    min-inline-size: 0;
  }
  .badge {
    display: inline-grid;
    place-items: center;
    min-inline-size: 1.5em;
    padding-inline: 0.35em;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_accent-text);
    font-size: 0.8em;
  }
  @container shelf-library (min-width: 48rem) {
    .layout {
      grid-template-columns: var(--shelf-sidebar-width, 16rem) minmax(0, 1fr);
      grid-template-areas:
        'search search'
        'sidebar toolbar'
        'sidebar main';
      grid-template-rows: auto auto 1fr;
      column-gap: calc(var(--_space) * 1.5);
    }
    .toggle {
      display: none;
    }
    .sidebar,
    .sidebar.closed {
      display: block;
    }
  }
`;
