import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { Catalogue } from '@reportshelf/core';
import { forever, inLibrary, manyValues, seed } from './data.js';

type Args = Record<string, unknown>;
const many = manyValues as Catalogue;

export default { title: 'Elements' } satisfies Meta;

export const SearchBox: StoryObj<Args> = {
  name: 'shelf-search-box',
  args: { label: '', placeholder: '', debounce: 200, 'hide-label': false },
  render: (a) =>
    inLibrary(
      html`<shelf-search-box label=${(a.label as string) || nothing} placeholder=${(a.placeholder as string) || nothing} debounce=${a.debounce as number} ?hide-label=${a['hide-label'] as boolean}></shelf-search-box
        ><shelf-result-summary></shelf-result-summary>`,
    ),
};

export const FilterBar: StoryObj<Args> = {
  name: 'shelf-filter-bar',
  args: { facets: 'region country category year', limit: 8, collapsed: '' },
  render: (a) => inLibrary(html`<shelf-filter-bar facets=${a.facets as string} limit=${a.limit as number} collapsed=${a.collapsed as string}></shelf-filter-bar>`),
};
export const FilterBarManyValues: StoryObj<Args> = {
  name: 'shelf-filter-bar: 150 countries',
  args: { facets: 'country region year', limit: 8 },
  render: (a) => inLibrary(html`<shelf-filter-bar facets=${a.facets as string} limit=${a.limit as number}></shelf-filter-bar>`, many),
};
export const FilterBarApplied: StoryObj<Args> = {
  name: 'shelf-filter-bar: filters applied',
  render: () => inLibrary(html`<shelf-filter-bar></shelf-filter-bar>`, seed, { filters: { region: ['West Africa'] }, yearFrom: 2015 }),
};

export const ActiveFilters: StoryObj<Args> = {
  name: 'shelf-active-filters',
  args: { 'hide-search': false },
  render: (a) => inLibrary(html`<shelf-active-filters ?hide-search=${a['hide-search'] as boolean}></shelf-active-filters>`, seed, { q: 'trafficking', filters: { region: ['Worldwide', 'West Africa'], country: ['Nigeria'] }, yearFrom: 2010, yearTo: 2019 }),
};

export const ResultSummary: StoryObj<Args> = {
  name: 'shelf-result-summary',
  args: { 'announce-delay': 600 },
  render: (a) => inLibrary(html`<shelf-result-summary announce-delay=${a['announce-delay'] as number}></shelf-result-summary>`, seed, { q: 'trafficking' }),
};
export const ResultSummaryEmpty: StoryObj<Args> = { name: 'shelf-result-summary: no results', render: () => inLibrary(html`<shelf-result-summary></shelf-result-summary>`, seed, { q: 'xylophone' }) };
export const ResultSummaryLoading: StoryObj<Args> = { name: 'shelf-result-summary: loading', render: () => inLibrary(html`<shelf-result-summary></shelf-result-summary>`, forever()) };

export const SortSelect: StoryObj<Args> = { name: 'shelf-sort-select', render: () => inLibrary(html`<shelf-sort-select></shelf-sort-select>`, seed, { q: 'trafficking' }) };

export const ReportList: StoryObj<Args> = {
  name: 'shelf-report-list',
  args: { 'heading-level': 3, skeletons: 3 },
  render: (a) => inLibrary(html`<shelf-report-list heading-level=${a['heading-level'] as number} skeletons=${a.skeletons as number}></shelf-report-list>`),
};
export const ReportListLoading: StoryObj<Args> = { name: 'shelf-report-list: loading', render: () => inLibrary(html`<shelf-report-list></shelf-report-list>`, forever()) };
export const ReportListEmpty: StoryObj<Args> = { name: 'shelf-report-list: empty', render: () => inLibrary(html`<shelf-report-list></shelf-report-list>`, seed, { q: 'xylophone', filters: { region: ['West Africa'] } }) };
export const ReportListError: StoryObj<Args> = {
  name: 'shelf-report-list: error',
  tags: ['error-state'],
  render: () => html`<shelf-library src="/fixtures/missing.json"><shelf-report-list></shelf-report-list></shelf-library>`,
};

export const Pagination: StoryObj<Args> = {
  name: 'shelf-pagination',
  args: { window: 1 },
  render: (a) => inLibrary(html`<shelf-pagination window=${a.window as number}></shelf-pagination>`, many, { page: 7 }),
};
