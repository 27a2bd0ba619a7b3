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

/**
 * A catalogue whose countries the CLI grouped by UN M49 region (`places`): each region ticks its
 * countries, shows mixed when some are ticked, and counts its countries' reports once each.
 */
const placed = {
  version: 1,
  places: {
    'Western Africa': ['Nigeria', 'Ghana', "Côte d'Ivoire"],
    'Middle Africa': ['Chad', 'Cameroon'],
    'Western Asia': ['Syrian Arab Republic', 'Türkiye'],
    'South-eastern Asia': ['Thailand', 'Viet Nam'],
  },
  reports: [
    ['Trafficking along the Gulf of Guinea', ['Nigeria', 'Ghana', "Côte d'Ivoire"], 2019],
    ['Shelters in Lagos and Kano', ['Nigeria'], 2021],
    ['Labour exploitation in cocoa farming', ["Côte d'Ivoire", 'Ghana'], 2018],
    ['Displacement around Lake Chad', ['Chad', 'Cameroon', 'Nigeria'], 2020],
    ['Refugees at risk of trafficking', ['Syrian Arab Republic', 'Türkiye'], 2017],
    ['Fishing fleets and forced labour', ['Thailand'], 2016],
    ['Bride trafficking across borders', ['Viet Nam'], 2019],
    ['A global framework', ['Worldwide'], 2020],
  ].map(([title, countries, year], i) => ({ id: `placed-${i}`, title, countries, year })),
};

export const Regions: StoryObj<Args> = {
  name: 'Countries under their regions',
  render: () =>
    inLibrary(html`<shelf-filter-bar facets="country year"></shelf-filter-bar>`, placed, {
      filters: { country: ['Nigeria'] },
    }),
};
