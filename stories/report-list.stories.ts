import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { forever, inLibrary, seed } from './data.js';

type Args = Record<string, unknown>;

export default {
  title: 'Elements/shelf-report-list',
  component: 'shelf-report-list',
  tags: ['autodocs'],
  parameters: {
    docs: { description: { component: 'The cards of the current page, and the loading, empty and error states.' } },
  },
} satisfies Meta<Args>;

export const Default: StoryObj<Args> = {
  args: { 'heading-level': 3, skeletons: 3 },
  render: (a) =>
    inLibrary(
      html`<shelf-report-list heading-level=${a['heading-level'] as number} skeletons=${a.skeletons as number}></shelf-report-list>`,
    ),
};
export const Loading: StoryObj<Args> = {
  render: () => inLibrary(html`<shelf-report-list></shelf-report-list>`, forever()),
};
export const Empty: StoryObj<Args> = {
  render: () =>
    inLibrary(html`<shelf-report-list></shelf-report-list>`, seed, {
      q: 'xylophone',
      filters: { region: ['West Africa'] },
    }),
};
export const ErrorState: StoryObj<Args> = {
  name: 'Error',
  tags: ['error-state'],
  render: () =>
    html`<shelf-library src="/fixtures/missing.json"><shelf-report-list></shelf-report-list></shelf-library>`,
};
