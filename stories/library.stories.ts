import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { ShelfLibrary } from '@reportshelf/elements';
import { forever, longCatalogue, manyValues, seed } from './data.js';

interface Args {
  src?: string;
  'page-size': number;
  facets: string;
  sort: string;
  'sync-url': boolean;
  'url-prefix': string;
  theme?: string;
  lang?: string;
  catalogue?: unknown;
}

const render = (args: Args) =>
  html`<shelf-library
    src=${args.src ?? nothing}
    .catalogue=${args.src ? undefined : args.catalogue}
    page-size=${args['page-size']}
    facets=${args.facets || nothing}
    sort=${args.sort}
    ?sync-url=${args['sync-url']}
    url-prefix=${args['url-prefix'] || nothing}
    theme=${args.theme || nothing}
    lang=${args.lang || nothing}
  ></shelf-library>`;

const meta: Meta<Args> = {
  title: 'Library/shelf-library',
  component: 'shelf-library',
  tags: ['autodocs'],
  render,
  args: {
    'page-size': 10,
    facets: 'region country category year',
    sort: 'relevance',
    'sync-url': false,
    'url-prefix': '',
    catalogue: seed,
  },
  argTypes: {
    sort: { control: 'select', options: ['relevance', 'newest', 'oldest', 'title'] },
    theme: { control: 'select', options: ['', 'light', 'dark'] },
    lang: { control: 'select', options: ['', 'en', 'fr', 'es', 'ar'] },
    catalogue: { control: false },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The whole library from one element: with no children it renders search, sort, summary, chips, filters, list and pages.',
      },
    },
  },
};
export default meta;
type Story = StoryObj<Args>;

/** The bundled catalogue of six reports. */
export const Default: Story = {};

export const Loading: Story = { args: { catalogue: forever() } };

/** A search that matches nothing: the empty state names what to remove. */
export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const lib = canvasElement.querySelector<ShelfLibrary>('shelf-library')!;
    lib.store.setQuery({ q: 'nothing matches this', filters: { region: ['West Africa'] } });
  },
};

/** A filter emptied the list: the empty state says which, and how many reports its removal gives. */
export const EmptyBecauseOfFilter: Story = {
  name: 'Zero results because of a filter',
  play: async ({ canvasElement }) => {
    const lib = canvasElement.querySelector<ShelfLibrary>('shelf-library')!;
    lib.store.setQuery({ q: 'mediterranean', filters: { region: ['West Africa'] } });
  },
};

/** A word that matches nothing: the index's own spelling is offered. */
export const DidYouMean: Story = {
  name: 'Did you mean',
  play: async ({ canvasElement }) => {
    canvasElement.querySelector<ShelfLibrary>('shelf-library')!.store.setQuery({ q: 'medteranian' });
  },
};

export const WithFilters: Story = {
  name: 'With filters applied',
  play: async ({ canvasElement }) => {
    canvasElement
      .querySelector<ShelfLibrary>('shelf-library')!
      .store.setQuery({ q: 'trafficking', filters: { region: ['Worldwide'] }, yearFrom: 2010, yearTo: 2018 });
  },
};

export const ErrorNotFound: Story = {
  name: 'Error: catalogue not found (404)',
  args: { src: '/fixtures/missing.json' },
  tags: ['error-state'],
};
export const ErrorNotJson: Story = {
  name: 'Error: not JSON',
  args: { src: '/fixtures/not-json.json' },
  tags: ['error-state'],
};
export const ErrorNoReports: Story = {
  name: 'Error: JSON without reports',
  args: { src: '/fixtures/no-reports.json' },
  tags: ['error-state'],
};
export const ErrorNoCatalogue: Story = {
  name: 'Error: no catalogue given',
  args: { catalogue: undefined },
  tags: ['error-state'],
};

/** A catalogue with no reports yet: said as such, with no filter to blame. */
export const NoReports: Story = {
  name: 'No reports in the catalogue',
  args: { catalogue: { version: 1, title: 'New library', reports: [] } },
};
export const LongText: Story = { name: 'Long text', args: { catalogue: longCatalogue } };
export const ManyFacetValues: Story = {
  name: 'Many facet values (150 countries)',
  args: { catalogue: manyValues, facets: 'country region category year' },
};

export const French: Story = { args: { lang: 'fr' } };
export const Arabic: Story = { name: 'Arabic, right to left', args: { lang: 'ar' } };
export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [(story) => html`<div style="background:#0f1114;padding:1rem">${story()}</div>`],
};

/** Another organisation's brand, made only with --shelf-* tokens and ::part(). */
export const PartnerBrand: Story = {
  name: 'Partner brand',
  render: (args) => html`<style>
      .northlight {
        --shelf-font-family: Georgia, 'DejaVu Serif', serif;
        --shelf-color-text: #2b1d0e;
        --shelf-color-muted: #6b5a45;
        --shelf-color-surface: #fffaf0;
        --shelf-color-surface-alt: #f5ead3;
        --shelf-color-border: #8c6d46;
        --shelf-color-border-subtle: #e2cfae;
        --shelf-color-accent: #8a2d0a;
        --shelf-color-accent-text: #fff;
        --shelf-radius: 0;
        --shelf-space: 1.25rem;
      }
      .northlight::part(filters-toggle) {
        text-transform: uppercase;
        letter-spacing: 0.08em;
      }
    </style>
    <div style="background:#fbf4e6;padding:1rem">
      <shelf-library class="northlight" .catalogue=${args.catalogue} page-size=${args['page-size']}></shelf-library>
    </div>`,
};

/**
 * At phone width, the filters open over the results: a tap keeps them open, and "Show N reports"
 * at their foot (or Escape) closes them with focus back on the Filters button.
 */
export const PhoneFiltersOpen: Story = {
  name: 'Phone, filters open',
  render: (args) => html`<div style="max-inline-size: 390px">${render(args)}</div>`,
  play: async ({ canvasElement }) => {
    const lib = canvasElement.querySelector<ShelfLibrary>('shelf-library')!;
    await lib.updateComplete;
    lib.store.setQuery({ filters: { region: ['West Africa'] } });
    lib.shadowRoot!.querySelector<HTMLButtonElement>('[part="filters-toggle"]')!.click();
  },
};

/** With `sync-url`, the toolbar offers "Copy link to this search". */
export const ShareableLink: Story = {
  name: 'Shareable link (sync-url)',
  args: { 'sync-url': true, 'url-prefix': 'story-' },
};

/** "Export N reports" open: every result, in the current order, as CSV, RIS, BibTeX or CSL-JSON. */
export const ExportOpen: Story = {
  name: 'Export open',
  play: async ({ canvasElement }) => {
    const lib = canvasElement.querySelector<ShelfLibrary>('shelf-library')!;
    // Once the results are in (they may be already), the toolbar has its Export button.
    if (!lib.store.getState().results)
      await new Promise((resolve) => lib.addEventListener('shelf-results-change', resolve, { once: true }));
    await lib.updateComplete;
    lib.shadowRoot!.querySelector<HTMLButtonElement>('[part="export"]')!.click();
  },
};
