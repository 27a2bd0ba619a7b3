import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { seed } from './data.js';
import { small } from '../test/fixtures/small.js';

const meta: Meta = {
  title: 'Library/Composition',
  parameters: {
    docs: {
      description: { component: 'The elements placed by the page: inside a library, or anywhere with library="ID".' },
    },
  },
};
export default meta;

/** Search box in the header, filters in a sidebar, list in the main column. */
export const ComposedLayout: StoryObj = {
  name: 'Composed layout',
  render: () => html`<div style="display:grid;gap:1rem">
    <header style="display:flex;justify-content:space-between;align-items:end;gap:1rem;padding:1rem;border-bottom:2px solid #b5651d">
      <strong>Partner site</strong>
      <shelf-search-box library="composed" hide-label style="flex:1;max-width:30rem"></shelf-search-box>
    </header>
    <div style="display:grid;grid-template-columns:16rem 1fr;gap:2rem">
      <aside><shelf-filter-bar library="composed" facets="region country year"></shelf-filter-bar></aside>
      <main>
        <shelf-library id="composed" .catalogue=${seed} page-size="3">
          <div style="display:flex;justify-content:space-between;flex-wrap:wrap;gap:1rem"><shelf-result-summary></shelf-result-summary><shelf-sort-select></shelf-sort-select></div>
          <shelf-active-filters hide-search></shelf-active-filters>
          <shelf-report-list heading-level="2"></shelf-report-list>
          <shelf-pagination></shelf-pagination>
        </shelf-library>
      </main>
    </div>
  </div>`,
};

/** Two independent libraries: searching or filtering one leaves the other as it is. */
export const TwoLibraries: StoryObj = {
  name: 'Two libraries on one page',
  render: () => html`<div style="display:grid;grid-template-columns:1fr 1fr;gap:2rem">
    <section aria-label="Seed catalogue"><shelf-library id="first" .catalogue=${seed} page-size="3"></shelf-library></section>
    <section aria-label="Sample catalogue"><shelf-library id="second" .catalogue=${small} page-size="3"></shelf-library></section>
  </div>`,
};
