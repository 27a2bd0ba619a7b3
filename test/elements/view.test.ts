import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Catalogue, Report } from '@reportshelf/core';
import { deepActive, deepAll, libraryFixture, seed, settle, text } from './helpers.js';

const start = location.pathname;
const setAddress = (search: string) => history.replaceState(null, '', start + search);

/** The bundled catalogue, each report with its document's address. */
const linked: Catalogue = {
  ...seed,
  version: 1,
  reports: seed.reports.map((r) => ({ ...r, url: `https://example.org/${r.id}.pdf` })),
};

const dialogOf = (card: Element) => card.shadowRoot!.querySelector<HTMLDialogElement>('dialog');
const detailsOf = (card: Element) => card.shadowRoot!.querySelector<HTMLButtonElement>('[part="view-toggle"]')!;

describe("a report's own view", () => {
  beforeEach(() => {
    setAddress('');
    // An entry of this page's own: a Back too many fails the test's check rather than leaving for
    // another test file's page in the runner's reused tab (see url-sync.test.ts).
    history.pushState(null, '', start);
  });
  afterEach(() => setAddress(''));

  it('opens from a card with every field, the whole abstract, the document and Cite; it has its own address, and Escape gives the list back with the focus', async () => {
    setAddress('?page=1&sort=title');
    const lib = await libraryFixture(html`<shelf-library sync-url page-size="3" .catalogue=${linked}></shelf-library>`);
    const before = location.search;
    type Card = HTMLElement & { report: Report };
    const card = deepAll<Card>(lib, 'shelf-report-card').find((c) => c.report.authors.length)!;
    const report = card.report;
    const details = detailsOf(card);
    details.focus();
    details.click();
    await waitUntil(() => dialogOf(card)?.open, 'the view did not open');
    const dialog = dialogOf(card)!;
    // Named by the report's title, with its text whole (the card clamps it), its people and places.
    expect(dialog.getAttribute('aria-labelledby')).to.equal(dialog.querySelector('h2')!.id);
    expect(text(dialog.querySelector('h2'))).to.equal(report.title);
    expect(dialog.textContent).to.contain(report.summary!);
    for (const author of report.authors) expect(dialog.textContent).to.contain(author);
    expect(dialog.textContent).to.contain(report.countries.join(', '));
    expect(dialog.querySelector<HTMLAnchorElement>('a[href]')!.href).to.equal(report.url);
    await waitUntil(() => dialog.querySelector('.reference'), 'no citation');
    expect(new URLSearchParams(location.search).get('report')).to.equal(report.id);
    await expect(lib).to.be.accessible();
    // Keyboard: focus is in the view; Escape closes it and gives the focus back to Details.
    expect(dialog.contains(deepActive())).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialogOf(card), 'Escape did not close the view');
    await waitUntil(() => location.search === before, 'the address did not go back');
    expect(deepActive()).to.equal(details);
    await settle(lib);
    expect(deepAll(lib, 'shelf-report-card')).to.have.length(3);
  });

  it('closes on Back, with the list as it was', async () => {
    const lib = await libraryFixture(html`<shelf-library sync-url .catalogue=${seed}></shelf-library>`);
    const card = deepAll(lib, 'shelf-report-card')[0]!;
    detailsOf(card).click();
    await waitUntil(() => dialogOf(card)?.open);
    history.back();
    await oneEvent(window, 'popstate');
    await waitUntil(() => !dialogOf(card), 'Back did not close the view');
    expect(location.search).to.equal('');
    expect(deepAll(lib, 'shelf-report-card')).to.have.length(seed.reports.length);
  });

  it('speaks the library’s language', async () => {
    const lib = await libraryFixture(html`<shelf-library lang="fr" .catalogue=${seed}></shelf-library>`);
    const card = deepAll(lib, 'shelf-report-card')[0]!;
    await waitUntil(() => text(detailsOf(card)) === 'Détails');
    detailsOf(card).click();
    await waitUntil(() => dialogOf(card)?.open);
    expect(text(dialogOf(card)!.querySelector('p:last-child button'))).to.equal('Fermer');
    dialogOf(card)!.close();
  });
});
