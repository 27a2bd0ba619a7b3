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

export const Default: StoryObj<Args> = {
  args: { window: 1 },
  render: (a) => inLibrary(html`<shelf-pagination window=${a.window as number}></shelf-pagination>`, many, { page: 7 }),
};
