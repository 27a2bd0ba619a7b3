import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Catalogue } from '@reportshelf/core';
import { small } from '../test/fixtures/small.js';

/** A catalogue whose reports have addresses, as a fallback list and a printout show them. */
const linked: Catalogue = {
  ...small,
  reports: small.reports.map((report) => ({ ...report, url: `https://example.org/reports/${report.id}.pdf` })),
};

/** The fallback: a plain list of the reports, as a page would write it by hand or from its CMS. */
const list = () =>
  html`<ul slot="fallback">
    ${linked.reports.map(
      (r) =>
        html`<li><a href=${r.url!}>${r.title}</a>${r.year ? ` (${r.year})` : ''}${r.authors.length ? `. ${r.authors.join(', ')}` : ''}</li>`,
    )}
  </ul>`;

const meta: Meta = {
  title: 'Library/Without script and on paper',
  component: 'shelf-library',
  parameters: {
    docs: {
      description: {
        component: `Content for visitors without JavaScript and for search engines goes inside the library with
\`slot="fallback"\`: it shows until the element is defined (with script off, or when the drop-in file fails to
load) and is hidden after. A \`<noscript>\` child works too (shown only with script off). Neither switches the
library to a composed layout: with script, the default layout shows as without them.

\`\`\`html
<shelf-library src="catalogue.json">
  <ul slot="fallback">
    <li><a href="https://example.org/a.pdf">Guidance on victim identification in Europe</a> (2010). Ana Pérez.</li>
    <li><a href="https://example.org/b.pdf">Labour exploitation research</a> (2012). Ben Ode.</li>
  </ul>
  <noscript><p>Turn on JavaScript to search and filter these reports.</p></noscript>
</shelf-library>
\`\`\``,
      },
    },
  },
};
export default meta;

/**
 * With script, the library (its fallback hidden); beside it, what visitors without script see:
 * the same fallback list, plain.
 */
export const FallbackContent: StoryObj = {
  name: 'Fallback content',
  render: () => html`<div style="display:grid;grid-template-columns:2fr 1fr;gap:2rem;align-items:start">
    <section aria-label="With script">
      <shelf-library .catalogue=${linked} page-size="4">
        ${list()}
        <noscript><p>Turn on JavaScript to search and filter these reports.</p></noscript>
      </shelf-library>
    </section>
    <section aria-labelledby="without-script">
      <h2 id="without-script" style="font-size:1rem">Without script</h2>
      ${list()}
      <p>Turn on JavaScript to search and filter these reports.</p>
    </section>
  </div>`,
};

/**
 * Printing gives the results shown as a list: each title with its address written out, year,
 * authors and the whole summary; no search box, filters, buttons or pages. To see it, open this
 * story on its own (the canvas in a new tab) and print, or in Chrome's DevTools choose Rendering →
 * "Emulate CSS media type" → print.
 */
export const Print: StoryObj = {
  name: 'Print',
  render: () => html`<shelf-library .catalogue=${linked} page-size="5" sort="title"></shelf-library>`,
};
