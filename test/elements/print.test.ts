import { expect, html, waitUntil } from '@open-wc/testing';
import type { Catalogue } from '@reportshelf/core';
import { emulateMedia } from '@web/test-runner-commands';
import { deep, deepAll, libraryFixture, settle } from './helpers.js';
import { small } from '../fixtures/small.js';

/** The small catalogue with an address for each report and one summary long enough to be clamped on screen. */
const linked: Catalogue = {
  ...small,
  reports: small.reports.map((report, i) => ({
    ...report,
    url: `https://example.org/reports/${report.id}.pdf`,
    ...(i === 0 ? { summary: 'A long account of how victims are identified at borders. '.repeat(30) } : {}),
  })),
};

const shown = (root: Element, selector: string) => deepAll(root, selector).filter((el) => el.checkVisibility());

describe('print', () => {
  afterEach(() => emulateMedia({ media: 'screen' }));

  it('prints the current results as a list: titles with their addresses, year, authors, summary; no controls', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${linked} page-size="2" sort="title" sync-url></shelf-library>`,
    );
    lib.store.setQuery({ filters: { region: ['Europe'] } });
    await waitUntil(() => shown(lib, '[part="chip"]').length === 1);
    await waitUntil(() => shown(lib, '[part="toggle"]').length === 1, 'the long summary offers Show more on screen');
    const controls = [
      'input[type="search"]',
      'shelf-filter-bar',
      '[part="year-chart"]',
      'shelf-sort-select',
      'select',
      '[part="filters-toggle"]',
      '[part="skip-link"]',
      '[part="copy-link"]',
      '[part="export"]',
      'shelf-active-filters',
      'shelf-pagination',
      'button',
    ];
    for (const selector of controls) expect(deepAll(lib, selector), selector).not.to.be.empty;

    await emulateMedia({ media: 'print' });
    await settle(lib);
    for (const selector of controls)
      expect(
        shown(lib, selector).map((el) => el.localName),
        `${selector} in print`,
      ).to.be.empty;
    const cards = shown(lib, 'shelf-report-card');
    expect(cards).to.have.length(2);
    const first = cards.find((card) => card.shadowRoot!.querySelector('a')?.href.endsWith('/a.pdf'));
    for (const part of ['title', 'link', 'meta', 'authors', 'summary'])
      expect(shown(first!, `[part="${part}"]`), part).to.have.length(1);
    // The address is written after the title, and the whole summary printed.
    const link = deep<HTMLAnchorElement>(first!, '[part="link"]');
    expect(getComputedStyle(link, '::after').content).to.contain('https://example.org/reports/a.pdf');
    const summary = deep(first!, '[part="summary"]');
    expect(summary.scrollHeight).to.be.at.most(summary.clientHeight + 1);
    expect(summary.getBoundingClientRect().height).to.be.above(100);
    // What the list is: the sentence above it stays.
    expect(shown(lib, '[part="summary"]').map((el) => el.textContent)).to.include('Showing 1–2 of 3 reports');
  });
});
