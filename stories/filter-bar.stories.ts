import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Catalogue } from '@reportshelf/core';
import { inLibrary, manyValues, seed } from './data.js';

type Args = Record<string, unknown>;

export default {
  title: 'Elements/shelf-filter-bar',
  component: 'shelf-filter-bar',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'Facet filters with counts, long lists with Show all and a field to filter within, and the year range with its chart.',
      },
    },
  },
} satisfies Meta<Args>;

const many = manyValues as Catalogue;

export const Default: StoryObj<Args> = {
  args: { facets: 'region country category year', limit: 8, collapsed: '' },
  render: (a) =>
    inLibrary(
      html`<shelf-filter-bar facets=${a.facets as string} limit=${a.limit as number} collapsed=${a.collapsed as string}></shelf-filter-bar>`,
    ),
};
export const ManyValues: StoryObj<Args> = {
  name: '150 countries',
  args: { facets: 'country region year', limit: 8 },
  render: (a) =>
    inLibrary(
      html`<shelf-filter-bar facets=${a.facets as string} limit=${a.limit as number}></shelf-filter-bar>`,
      many,
    ),
};
export const Applied: StoryObj<Args> = {
  name: 'Filters applied',
  render: () =>
    inLibrary(html`<shelf-filter-bar></shelf-filter-bar>`, seed, {
      filters: { region: ['West Africa'] },
      yearFrom: 2015,
    }),
};

/** Reports without a year, counted, left out once a bound is set unless the box is ticked. */
export const Undated: StoryObj<Args> = {
  name: 'Reports without a year',
  render: () =>
    inLibrary(
      html`<shelf-filter-bar facets="year"></shelf-filter-bar>`,
      {
        ...seed,
        reports: [
          ...seed.reports,
          ...['Field notes, undated', 'Undated briefing'].map((title, i) => ({ id: `undated-${i}`, title })),
        ],
      },
      { yearFrom: 2015 },
    ),
};

/** Every result undated: the chart says so rather than stand empty. */
export const OnlyUndated: StoryObj<Args> = {
  name: 'Only undated results',
  render: () =>
    inLibrary(
      html`<shelf-filter-bar facets="category year"></shelf-filter-bar>`,
      {
        ...seed,
        reports: [
          ...seed.reports,
          ...['Field notes', 'Briefing'].map((title, i) => ({ id: `note-${i}`, title, categories: ['Notes'] })),
        ],
      },
      { filters: { category: ['Notes'] } },
    ),
};
