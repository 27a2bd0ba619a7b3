import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { inLibrary, seed } from './data.js';

type Args = Record<string, unknown>;

export default {
  title: 'Elements/shelf-active-filters',
  component: 'shelf-active-filters',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'One removable chip per refinement, and Clear all; focus moves to a neighbouring chip, or to the results, as they go.',
      },
    },
  },
} satisfies Meta<Args>;

const chips = (a: Args) =>
  html`<shelf-active-filters ?hide-search=${a['hide-search'] as boolean}></shelf-active-filters>`;

/** Several refinements: words, values of two facets and a year range, and Clear all. */
export const Default: StoryObj<Args> = {
  name: 'Several filters',
  args: { 'hide-search': false },
  render: (a) =>
    inLibrary(chips(a), seed, {
      q: 'trafficking',
      filters: { region: ['Worldwide', 'West Africa'], country: ['Nigeria'] },
      yearFrom: 2010,
      yearTo: 2019,
    }),
};

/** One filter: its chip alone, without Clear all. */
export const One: StoryObj<Args> = {
  name: 'One filter',
  args: { 'hide-search': false },
  render: (a) => inLibrary(chips(a), seed, { filters: { region: ['Worldwide'] } }),
};

/** Nothing refined: the chips take no room (the summary beside them shows the story). */
export const None: StoryObj<Args> = {
  name: 'No filters',
  args: { 'hide-search': false },
  render: (a) => inLibrary(html`<shelf-result-summary></shelf-result-summary>${chips(a)}`),
};
