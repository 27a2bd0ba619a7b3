import { css } from 'lit';

export const styles = css`
  :host {
    container: shelf-library / inline-size;
    background: var(--shelf-library-background, var(--_paint));
  }
  .layout {
    display: grid;
    gap: var(--_space);
    grid-template-areas: 'search' 'toggle' 'sidebar' 'toolbar' 'main';
    grid-template-columns: minmax(0, 1fr);
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
    display: grid;
    gap: var(--_space);
  }
  /* Kept in view at the bottom of a tall panel: the count the filters give, and the way out. */
  .done {
    position: sticky;
    bottom: var(--_gap);
    justify-self: stretch;
  }
  .closed {
    display: none;
  }
  .main {
    grid-area: main;
    display: grid;
    gap: var(--_space);
    align-content: start;
  }
  .skip:focus {
    clip-path: none;
    width: auto;
    height: auto;
    z-index: 1;
  }
  .badge {
    padding: 0 0.45em;
    border-radius: 1em;
    background: var(--_accent);
    color: var(--_accent-text);
    font-size: 0.8em;
  }
  /* On paper, the results: the sentence that says which, and the list; none of the controls. */
  @media print {
    .layout {
      display: block;
    }
    .layout > :not(.toolbar, .main),
    .toolbar > :not(shelf-result-summary) {
      display: none;
    }
  }
  @container shelf-library (min-width: 48em) {
    .layout {
      grid-template-areas: 'search search' 'sidebar toolbar' 'sidebar main';
      grid-template-columns: var(--shelf-sidebar-width, 16em) minmax(0, 1fr);
      grid-template-rows: auto auto 1fr;
      column-gap: calc(var(--_space) * 1.5);
    }
    .toggle,
    .done {
      display: none;
    }
    .sidebar {
      display: block;
    }
  }
`;
