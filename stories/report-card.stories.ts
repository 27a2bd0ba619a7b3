import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { Report } from '@reportshelf/core';
import type { ShelfLibrary } from '@reportshelf/elements';
import { inLibrary, linked, longReport, withoutSummary, withoutUrl, withoutYear } from './data.js';

interface Args {
  report: Report;
  highlight: string;
  'heading-level': number;
}

const meta: Meta<Args> = {
  title: 'Elements/shelf-report-card',
  component: 'shelf-report-card',
  tags: ['autodocs'],
  args: { report: linked, highlight: '', 'heading-level': 3 },
  argTypes: { report: { control: 'object' }, 'heading-level': { control: { type: 'number', min: 1, max: 6 } } },
  render: (a) =>
    html`<div style="max-width: 46rem"><shelf-report-card .report=${a.report} highlight=${a.highlight} heading-level=${a['heading-level']}></shelf-report-card></div>`,
  parameters: { docs: { description: { component: 'One report, usable on its own with a `report` property.' } } },
};
export default meta;
type Story = StoryObj<Args>;

export const Default: Story = {};
export const Highlighted: Story = { args: { highlight: 'trafficking data' } };
export const WithoutUrl: Story = { name: 'Without url', args: { report: withoutUrl } };
export const WithoutSummary: Story = { name: 'Without summary', args: { report: withoutSummary } };
export const WithoutYear: Story = { name: 'Without year', args: { report: withoutYear } };
/** A 2,000-character summary, a very long title and twenty authors. */
export const LongText: Story = { name: 'Long text', args: { report: longReport } };
/** A cover (`image`, described by `imageAlt`): lazy, in a 3:4 box sized before it loads, so nothing moves. */
export const WithCover: Story = {
  name: 'With cover',
  args: {
    report: { ...linked, image: '/fixtures/cover.svg', imageAlt: 'The report’s cover: its title on a blue page' },
  },
};
export const Narrow: Story = {
  render: (a) => html`<div style="max-width: 18rem"><shelf-report-card .report=${a.report}></shelf-report-card></div>`,
};

/** Cite open: the APA 7 reference, Copy, and RIS and BibTeX downloads (loaded when first opened). */
export const CiteOpen: Story = {
  name: 'Cite open',
  play: async ({ canvasElement }) => {
    const card = canvasElement.querySelector('shelf-report-card')!;
    await (card as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    card.shadowRoot!.querySelector<HTMLButtonElement>('[part="cite-toggle"]')!.click();
  },
};

/**
 * The report's own view (Details): every field, the whole abstract, the document's link, Cite and
 * related reports (those that share most of its words, from its library's own engine: here a card
 * in a library of the bundled catalogue), in a dialog loaded when first opened. In a library with
 * sync-url it has its own address, and each related report is a link to its own.
 */
export const ViewOpen: Story = {
  name: 'Report view open',
  render: (a) =>
    inLibrary(html`<div style="max-width: 46rem"><shelf-report-card .report=${a.report}></shelf-report-card></div>`),
  play: async ({ canvasElement }) => {
    const lib = canvasElement.querySelector<ShelfLibrary>('shelf-library')!;
    await waitFor(() => expect(lib.store.getEngine()).toBeTruthy());
    const card = canvasElement.querySelector('shelf-report-card')!;
    await (card as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    card.shadowRoot!.querySelector<HTMLButtonElement>('[part="view-toggle"]')!.click();
    await waitFor(() => expect(card.shadowRoot!.querySelector('[part="view"] ul[aria-labelledby] li')).toBeTruthy());
  },
};
