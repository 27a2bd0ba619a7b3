import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { forever, inLibrary, seed } from './data.js';

type Args = Record<string, unknown>;

export default {
  title: 'Elements/shelf-result-summary',
  component: 'shelf-result-summary',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: { component: 'How many reports match, announced politely to screen readers once typing settles.' },
    },
  },
} satisfies Meta<Args>;

export const Default: StoryObj<Args> = {
  args: { 'announce-delay': 600 },
  render: (a) =>
    inLibrary(
      html`<shelf-result-summary announce-delay=${a['announce-delay'] as number}></shelf-result-summary>`,
      seed,
      { q: 'trafficking' },
    ),
};
export const NoResults: StoryObj<Args> = {
  name: 'No results',
  render: () => inLibrary(html`<shelf-result-summary></shelf-result-summary>`, seed, { q: 'xylophone' }),
};
export const Loading: StoryObj<Args> = {
  render: () => inLibrary(html`<shelf-result-summary></shelf-result-summary>`, forever()),
};
