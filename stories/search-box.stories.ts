import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { inLibrary, seed } from './data.js';

type Args = Record<string, unknown>;

export default {
  title: 'Elements/shelf-search-box',
  component: 'shelf-search-box',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'A labelled search field: results follow typing; Enter searches at once; Escape clears. Shown inside a library, with its result summary.',
      },
    },
  },
} satisfies Meta<Args>;

export const Default: StoryObj<Args> = {
  args: { label: '', placeholder: '', debounce: 200, 'hide-label': false },
  render: (a) =>
    inLibrary(
      html`<shelf-search-box label=${(a.label as string) || nothing} placeholder=${(a.placeholder as string) || nothing} debounce=${a.debounce as number} ?hide-label=${a['hide-label'] as boolean}></shelf-search-box
        ><shelf-result-summary></shelf-result-summary>`,
    ),
};
/** A search with the syntax the hint gives: a -word left out and "quoted words" together. */
export const WithSyntax: StoryObj<Args> = {
  name: 'With -words and quotes',
  render: () =>
    inLibrary(
      html`<shelf-search-box></shelf-search-box><shelf-result-summary></shelf-result-summary><shelf-report-list></shelf-report-list>`,
      seed,
      { q: '"human trafficking" -nigeria' },
    ),
};
