import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { inLibrary, seed } from './data.js';

type Args = Record<string, unknown>;

export default {
  title: 'Elements/shelf-sort-select',
  component: 'shelf-sort-select',
  tags: ['autodocs'],
  parameters: {
    docs: { description: { component: 'The sort order: relevance (with words), newest, oldest, title.' } },
  },
} satisfies Meta<Args>;

const sorted =
  (query: Parameters<typeof inLibrary>[2], catalogue = seed) =>
  () =>
    inLibrary(
      html`<shelf-sort-select></shelf-sort-select> <shelf-result-summary></shelf-result-summary>`,
      catalogue,
      query,
    );

/** The bundled catalogue with the day each report was added to the library (one never). */
const withAdded = {
  ...seed,
  reports: seed.reports.map((r, i) => (i ? { ...r, added: `2024-0${i}-15` } : r)),
};

/** With words, relevance is offered and chosen. */
export const Default: StoryObj<Args> = { name: 'Relevance, with words', render: sorted({ q: 'trafficking' }) };

/** Without words there is no relevance to sort by: newest first. */
export const Browsing: StoryObj<Args> = { name: 'Browsing, newest first', render: sorted({ sort: 'newest' }) };

export const Oldest: StoryObj<Args> = { name: 'Oldest first', render: sorted({ sort: 'oldest' }) };

export const Title: StoryObj<Args> = { name: 'Title', render: sorted({ q: 'trafficking', sort: 'title' }) };

/** Where reports have an `added` date: recently added first, those without last. */
export const Added: StoryObj<Args> = { name: 'Recently added', render: sorted({ sort: 'added' }, withAdded) };
