import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { apaText, type Report } from '@reportshelf/core';
import { libraryContext, type ShelfReportCard } from '@reportshelf/elements';
import { deep, deepAll, deepActive, eventually, libraryFixture, settle, text } from './helpers.js';
import { small } from '../fixtures/small.js';

const report = small.reports[2] as Report;
const start = location.pathname;

/** A card's cite panel, once its content has loaded. */
async function openCite(card: Element): Promise<HTMLElement> {
  deep<HTMLButtonElement>(card, '[part="cite-toggle"]').click();
  const panel = deep(card, '[part="cite"]');
  await waitUntil(() => panel.querySelector('.reference'), 'the cite panel did not fill');
  return panel;
}

describe('cite and export', () => {
  afterEach(() => history.replaceState(null, '', start));

  it('a card alone: Cite opens its APA reference (title in italics) with Copy, RIS and BibTeX, and passes axe', async () => {
    const card = await fixture<ShelfReportCard>(html`<shelf-report-card .report=${report}></shelf-report-card>`);
    const toggle = deep(card, '[part="cite-toggle"]');
    expect(text(toggle)).to.equal('Cite');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    const panel = await openCite(card);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(toggle.getAttribute('aria-controls')).to.equal(panel.id);
    expect(text(panel.querySelector('.reference'))).to.equal(apaText(report));
    expect(text(panel.querySelector('.reference i'))).to.equal('Child trafficking in West Africa');
    // No sync-url library around it: no link to offer.
    expect([...panel.querySelectorAll('button')].map((b) => text(b))).to.deep.equal([
      'Copy reference',
      'Download RIS',
      'Download BibTeX',
    ]);
    await expect(card).to.be.accessible();
    // Escape closes it and gives the focus back to Cite.
    panel.querySelector('button')!.focus();
    await sendKeys({ press: 'Escape' });
    await settle(card);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(panel.hidden).to.equal(true);
    expect(deepActive()).to.equal(toggle);
  });

  it('speaks the interface’s language, and a page can reword the panel’s strings', async () => {
    const card = await fixture<ShelfReportCard>(
      html`<shelf-report-card lang="fr" .report=${report}></shelf-report-card>`,
    );
    await eventually(() => expect(text(deep(card, '[part="cite-toggle"]'))).to.equal('Citer'));
    const panel = await openCite(card);
    expect([...panel.querySelectorAll('button')].map((b) => text(b))).to.deep.equal([
      'Copier la référence',
      'Télécharger RIS',
      'Télécharger BibTeX',
    ]);
  });

  it('in a library with sync-url, the panel also copies a link to the report', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${small} sync-url url-prefix="r-"></shelf-library>`,
    );
    const card = deepAll(lib, 'shelf-report-card')[0]!;
    const panel = await openCite(card);
    expect(text([...panel.querySelectorAll('button')].at(-1))).to.equal('Copy link to this report');
    const { reportLink } = await import('../../packages/elements/src/cite/panels.js');
    expect(new URL(reportLink('c', 'r-')).search).to.equal('?r-report=c');
  });

  it('a card whose library comes through the context (a partner’s own element provides it) copies a link too', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${small} sync-url url-prefix="p-"><shelf-search-box></shelf-search-box></shelf-library>`,
    );
    // The community context protocol, answered by a partner's element around a card of its own.
    const partner = await fixture<HTMLElement>(
      html`<div><shelf-report-card .report=${report}></shelf-report-card></div>`,
    );
    partner.addEventListener('context-request', (event) => {
      const request = event as Event & { context: unknown; callback: (value: unknown) => void };
      if (request.context !== libraryContext) return;
      event.stopPropagation();
      request.callback(lib);
    });
    const card = partner.querySelector<ShelfReportCard>('shelf-report-card')!;
    await settle(card);
    const panel = await openCite(card);
    expect(text([...panel.querySelectorAll('button')].at(-1))).to.equal('Copy link to this report');
  });

  it('each action first sends a cancelable shelf-cite with the format and the report', async () => {
    const card = await fixture<ShelfReportCard>(html`<shelf-report-card .report=${report}></shelf-report-card>`);
    const panel = await openCite(card);
    card.addEventListener('shelf-cite', (e) => e.preventDefault());
    setTimeout(() => panel.querySelectorAll('button')[1]!.click());
    const event = await oneEvent(card, 'shelf-cite');
    expect(event.detail.format).to.equal('ris');
    expect(event.detail.reports).to.deep.equal([report]);
    expect(event.composed && event.bubbles && event.cancelable).to.equal(true);
  });

  it('the toolbar exports every result in the current order, not only the page shown', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${small} page-size="2"></shelf-library>`);
    lib.store.setQuery({ sort: 'title' });
    await settle(lib);
    const toggle = deep<HTMLButtonElement>(lib, '[part="export"]');
    expect(text(toggle)).to.equal('Export 7 reports');
    toggle.click();
    const panel = deep(lib, '[part="export-panel"]');
    await waitUntil(() => panel.querySelector('button'), 'the export panel did not fill');
    expect(text(panel.querySelector('p'))).to.equal('7 reports: every page of these results, in this order.');
    expect([...panel.querySelectorAll('button')].map((b) => text(b))).to.deep.equal([
      'CSV (spreadsheet)',
      'RIS (Zotero, EndNote, Mendeley)',
      'BibTeX',
      'CSL-JSON',
    ]);
    await expect(lib).to.be.accessible();
    lib.addEventListener('shelf-export', (e) => e.preventDefault());
    setTimeout(() => panel.querySelectorAll('button')[3]!.click());
    const event = await oneEvent(lib, 'shelf-export');
    expect(event.detail.format).to.equal('csl-json');
    expect(event.detail.reports.map((r: Report) => r.title)).to.deep.equal(
      [...small.reports].map((r) => r.title).sort((a, b) => a.localeCompare(b)),
    );
    // A new query closes the panel: its count would no longer be the results'.
    lib.store.setQuery({ q: 'labour' });
    await eventually(() => expect(text(toggle)).to.equal('Export 2 reports'));
    expect(panel.hidden).to.equal(true);
  });

  it('report=ID opens that report’s view, over the list of it alone with a chip back to all; an unknown one is said', async () => {
    history.replaceState(null, '', `${start}?report=d`);
    const lib = await libraryFixture(html`<shelf-library .catalogue=${small} sync-url></shelf-library>`);
    // (Its view, and closing it: test/elements/view.test.ts, with the suites that go Back.)
    await waitUntil(() => deepActive()?.closest('dialog'), `focus on ${deepActive()?.localName}`);
    const view = deepActive()!.closest('dialog')!;
    expect(text(view.querySelector('h2'))).to.equal(small.reports.find((r) => r.id === 'd')!.title);
    expect(text(deep(lib, '[part="summary"]'))).to.equal('Showing 1–1 of 1 report');
    expect(deepAll(lib, 'shelf-report-card')).to.have.length(1);
    const chip = deepAll(deep(lib, 'shelf-active-filters'), '[part="chip"]');
    expect(chip.map((c) => text(c))).to.deep.equal(['Linked report ×']);
    view.close();
    await waitUntil(() => location.search === '', 'closing the view left the address');
    lib.remove();
    history.replaceState(null, '', `${start}?report=gone`);
    const again = await libraryFixture(html`<shelf-library .catalogue=${small} sync-url></shelf-library>`);
    expect(text(deep(again, '[part="summary"]'))).to.equal(
      'The linked report is no longer in this library. Showing 1–7 of 7 reports',
    );
  });
});
