import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Catalogue } from '@reportshelf/core';
import type { ShelfLibrary } from '@reportshelf/elements';
import { emulateMedia } from '@web/test-runner-commands';
import { deep, deepAll, libraryFixture, ready, settle } from './helpers.js';
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
  afterEach(() => emulateMedia({ media: 'screen', colorScheme: 'light' }));

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

  it("in the page's own arrangement, the pieces that are controls are not printed either", async () => {
    const page = await fixture(html`<div>
      <header><shelf-search-box library="arranged"></shelf-search-box></header>
      <aside><shelf-filter-bar library="arranged" facets="region year"></shelf-filter-bar></aside>
      <main>
        <shelf-library id="arranged" .catalogue=${linked} page-size="2">
          <shelf-result-summary></shelf-result-summary>
          <shelf-sort-select></shelf-sort-select>
          <shelf-active-filters></shelf-active-filters>
          <shelf-report-list></shelf-report-list>
          <shelf-pagination></shelf-pagination>
        </shelf-library>
      </main>
    </div>`);
    const lib = await ready(page.querySelector<ShelfLibrary>('shelf-library')!);
    lib.store.setQuery({ filters: { region: ['Europe'] } });
    await waitUntil(() => shown(page, '[part="chip"]').length === 1);
    await emulateMedia({ media: 'print' });
    await settle(page);
    const pieces = [
      'shelf-search-box',
      'shelf-filter-bar',
      'shelf-sort-select',
      'shelf-active-filters',
      'shelf-pagination',
    ];
    expect(pieces.filter((piece) => page.querySelector(piece)!.checkVisibility())).to.deep.equal([]);
    expect(shown(page, 'button').map((el) => el.textContent)).to.deep.equal([]);
    expect(shown(page, 'shelf-report-card')).to.have.length(2);
    expect(shown(page, 'shelf-result-summary')).to.have.length(1);
  });

  it("paper is light, whatever the screen's scheme or the theme", async () => {
    const text = (lib: Element) => getComputedStyle(deep(deep(lib, 'shelf-report-card'), 'article')).color;
    await emulateMedia({ colorScheme: 'dark' });
    const system = await libraryFixture(html`<shelf-library .catalogue=${linked}></shelf-library>`);
    const themed = await libraryFixture(html`<shelf-library theme="dark" .catalogue=${linked}></shelf-library>`);
    expect([text(system), text(themed)]).to.deep.equal(['rgb(230, 237, 243)', 'rgb(230, 237, 243)']);
    await emulateMedia({ media: 'print' });
    expect([text(system), text(themed)]).to.deep.equal(['rgb(31, 35, 40)', 'rgb(31, 35, 40)']);
  });
});
