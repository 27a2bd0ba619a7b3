import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ShelfLibrary } from '@reportshelf/elements';
import type { Catalogue } from '@reportshelf/core';
import { inLibrary, manyValues } from './data.js';

type Args = Record<string, unknown>;

export default {
  title: 'Elements/shelf-pagination',
  component: 'shelf-pagination',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'Page navigation with aria-current; focus moves to the new results. Visitors choose the page size (10, 25, 50); with the library’s `paging="more"`, a Show more button adds the next page below the others.',
      },
    },
  },
} satisfies Meta<Args>;

const many = manyValues as Catalogue;

const pager =
  (page: number, pageSize = 10) =>
  (a: Args) =>
    inLibrary(
      html`<shelf-result-summary></shelf-result-summary><shelf-pagination window=${a.window as number}></shelf-pagination>`,
      many,
      { page, pageSize },
    );

/** Page 7 of 40: Previous and Next, the first and last pages, and a window around the current one. */
export const Default: StoryObj<Args> = { name: 'Middle page', args: { window: 1 }, render: pager(7) };

/** The first page: Previous is disabled. */
export const First: StoryObj<Args> = { name: 'First page', args: { window: 1 }, render: pager(1) };

/** The last page: Next is disabled. */
export const Last: StoryObj<Args> = { name: 'Last page', args: { window: 1 }, render: pager(40) };

/** A visitor chose 25 reports a page (`size=25` in the address). */
export const PageSize: StoryObj<Args> = { name: 'Page size 25', args: { window: 1 }, render: pager(1, 25) };

/**
 * `paging="more"`: two pages shown, one list; "Show 10 more reports" adds the next, and focus goes
 * to its first card.
 */
export const ShowMore: StoryObj<Args> = {
  name: 'Show more',
  render: () =>
    html`<shelf-library
      paging="more"
      .catalogue=${many}
      @shelf-catalogue-load=${(e: Event) => (e.currentTarget as ShelfLibrary).store.setQuery({ page: 2 })}
      ><shelf-result-summary></shelf-result-summary><shelf-report-list></shelf-report-list
      ><shelf-pagination></shelf-pagination
    ></shelf-library>`,
};
