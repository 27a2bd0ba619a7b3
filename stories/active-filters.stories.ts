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

export const Default: StoryObj<Args> = {
  args: { 'hide-search': false },
  render: (a) =>
    inLibrary(html`<shelf-active-filters ?hide-search=${a['hide-search'] as boolean}></shelf-active-filters>`, seed, {
      q: 'trafficking',
      filters: { region: ['Worldwide', 'West Africa'], country: ['Nigeria'] },
      yearFrom: 2010,
      yearTo: 2019,
    }),
};
