import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Catalogue } from '@reportshelf/core';
import { inLibrary, manyValues } from './data.js';

type Args = Record<string, unknown>;

export default {
  title: 'Elements/shelf-pagination',
  component: 'shelf-pagination',
  tags: ['autodocs'],
  parameters: {
    docs: { description: { component: 'Page navigation with aria-current; focus moves to the new results.' } },
  },
} satisfies Meta<Args>;

const many = manyValues as Catalogue;

const pager = (page: number) => (a: Args) =>
  inLibrary(
    html`<shelf-result-summary></shelf-result-summary><shelf-pagination window=${a.window as number}></shelf-pagination>`,
    many,
    { page },
  );

/** Page 7 of 40: Previous and Next, the first and last pages, and a window around the current one. */
export const Default: StoryObj<Args> = { name: 'Middle page', args: { window: 1 }, render: pager(7) };

/** The first page: Previous is disabled. */
export const First: StoryObj<Args> = { name: 'First page', args: { window: 1 }, render: pager(1) };

/** The last page: Next is disabled. */
export const Last: StoryObj<Args> = { name: 'Last page', args: { window: 1 }, render: pager(40) };
