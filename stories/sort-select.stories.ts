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

export const Default: StoryObj<Args> = {
  render: () => inLibrary(html`<shelf-sort-select></shelf-sort-select>`, seed, { q: 'trafficking' }),
};
