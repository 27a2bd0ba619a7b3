import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createLibrary, relatedSearch, runQuery, type Catalogue, type Report } from '@reportshelf/core';
import { contractCatalogue } from '../fixtures/contract-catalogue.js';
import { deepActive, deepAll, libraryFixture, seed, settle, tabTo, text } from './helpers.js';

const start = location.pathname;
const setAddress = (search: string) => history.replaceState(null, '', start + search);

/** The bundled catalogue, each report with its document's address. */
const linked: Catalogue = {
  ...seed,
  version: 1,
  reports: seed.reports.map((r) => ({ ...r, url: `https://example.org/${r.id}.pdf` })),
};

/** A few hundred reports (test/fixtures), for reports like one another. */
const many = contractCatalogue();

const dialogOf = (card: Element) => card.shadowRoot!.querySelector<HTMLDialogElement>('dialog');
/** The view open in a library, wherever it is. */
const openView = (lib: Element) => deepAll<HTMLDialogElement>(lib, 'dialog').find((dialog) => dialog.open);
/** The reports related to one, as the index in the page ranks them: its own words searched, itself left out. */
const relatedTo = (report: Report) =>
  runQuery(createLibrary(many), { q: relatedSearch(report), pageSize: 6 })
    .hits.map((hit) => hit.report)
    .filter((other) => other.id !== report.id)
    .slice(0, 5);
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

  it('opens at its address (a shared link): the view over the list, which closing leaves showing what the rest of the address says', async () => {
    const report = linked.reports[4]!;
    setAddress(`?report=${report.id}&sort=title`);
    const lib = await libraryFixture(html`<shelf-library sync-url page-size="3" .catalogue=${linked}></shelf-library>`);
    await waitUntil(() => openView(lib), 'the linked report’s view did not open');
    const dialog = openView(lib)!;
    expect(text(dialog.querySelector('h2'))).to.equal(report.title);
    expect(dialog.contains(deepActive())).to.equal(true);
    expect(new URLSearchParams(location.search).get('report')).to.equal(report.id);
    // Closing it: no entry of the list is behind a shared link, so its address becomes the list's.
    const entries = history.length;
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !openView(lib), 'Escape did not close the view');
    await waitUntil(() => location.search === '?sort=title', `the address is ${location.search}`);
    expect(history.length).to.equal(entries);
    await settle(lib);
    await waitUntil(() => deepAll(lib, 'shelf-report-card').length === 3, 'the list stayed narrowed to one report');
    expect(lib.store.getQuery().report).to.equal(undefined);
    // The focus is on the results, as after a change of page.
    expect(deepActive()?.id).to.equal('results-heading');
  });

  it('closes on Back and opens again on Forward, as its address says', async () => {
    const lib = await libraryFixture(html`<shelf-library sync-url page-size="3" .catalogue=${seed}></shelf-library>`);
    const card = deepAll<HTMLElement & { report: Report }>(lib, 'shelf-report-card')[2]!;
    const report = card.report;
    detailsOf(card).click();
    await waitUntil(() => dialogOf(card)?.open);
    history.back();
    await waitUntil(() => !openView(lib) && location.search === '', 'Back did not close the view');
    history.forward();
    await waitUntil(() => openView(lib), 'Forward did not open the view again');
    expect(text(openView(lib)!.querySelector('h2'))).to.equal(report.title);
    expect(new URLSearchParams(location.search).get('report')).to.equal(report.id);
    openView(lib)!.close();
    await waitUntil(() => location.search === '', `the address is ${location.search}`);
    await waitUntil(() => deepAll(lib, 'shelf-report-card').length === 3, 'the list stayed narrowed');
  });

  it('shows related reports, a list named by its heading, by keyboard; one opens its own view in place, one step of Back from the list', async () => {
    const lib = await libraryFixture(html`<shelf-library sync-url .catalogue=${many}></shelf-library>`);
    const card = deepAll<HTMLElement & { report: Report }>(lib, 'shelf-report-card')[0]!;
    const report = card.report;
    const want = relatedTo(report);
    expect(want.length, 'the catalogue has reports like it').to.equal(5);
    detailsOf(card).focus();
    detailsOf(card).click();
    await waitUntil(() => dialogOf(card)?.querySelector('ul[aria-labelledby] a'), 'no related reports');
    const dialog = dialogOf(card)!;
    const list = dialog.querySelector('ul[aria-labelledby]')!;
    const heading = dialog.querySelector<HTMLElement>(`#${list.getAttribute('aria-labelledby')}`)!;
    expect(heading.localName).to.equal('h3');
    expect(text(heading)).to.equal('Related reports');
    const links = [...list.querySelectorAll('a')];
    expect(links.map((a) => text(a))).to.deep.equal(want.map((r) => r.title));
    expect(new URL(links[0]!.href).searchParams.get('report')).to.equal(want[0]!.id);
    await expect(lib).to.be.accessible();
    // By keyboard: Tab reaches the first one, Enter follows it.
    await tabTo((el) => el === links[0], 'the first related report');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(openView(lib)?.querySelector('h2')) === want[0]!.title, 'its view did not open');
    expect(deepAll(lib, 'dialog')).to.have.length(1);
    expect(openView(lib)!.contains(deepActive())).to.equal(true);
    expect(new URLSearchParams(location.search).get('report')).to.equal(want[0]!.id);
    // Its address took the first one's place: Back leaves the view for the list.
    history.back();
    await waitUntil(() => !openView(lib) && location.search === '', 'Back did not return to the list');
  });

  it('speaks the library’s language', async () => {
    const lib = await libraryFixture(html`<shelf-library lang="fr" .catalogue=${seed}></shelf-library>`);
    const card = deepAll(lib, 'shelf-report-card')[0]!;
    await waitUntil(() => text(detailsOf(card)) === 'Détails');
    detailsOf(card).click();
    await waitUntil(() => dialogOf(card)?.open);
    expect(text(dialogOf(card)!.querySelector('p:last-child button'))).to.equal('Fermer');
    // Without an address of its own (no sync-url), a related report is a button that opens its view.
    await waitUntil(() => dialogOf(card)!.querySelector('ul[aria-labelledby] button'), 'no related reports');
    expect(text(dialogOf(card)!.querySelector('h3'))).to.equal('Rapports similaires');
    const related = dialogOf(card)!.querySelector<HTMLButtonElement>('ul[aria-labelledby] button')!;
    const title = text(related);
    related.click();
    await waitUntil(() => text(openView(lib)?.querySelector('h2')) === title, 'its view did not open');
    openView(lib)!.close();
  });

  it('gives the document’s type and size beside its link, in the library’s language, and nothing when they are not known', async () => {
    const [a, b, c] = seed.reports;
    const catalogue: Catalogue = {
      version: 1,
      reports: [
        { ...a!, url: 'https://example.org/a', fileType: 'application/pdf', fileSize: 2_400_000 },
        // No type given: the link's own extension tells it.
        { ...b!, url: 'https://example.org/b.docx?v=2', fileSize: 350_000 },
        { ...c!, url: 'https://example.org/c.html' },
      ],
    };
    const link = async (lang: string, index: number) => {
      const lib = await libraryFixture(
        html`<shelf-library lang=${lang} sort="title" .catalogue=${catalogue}></shelf-library>`,
      );
      type Card = HTMLElement & { report: Report };
      const card = deepAll<Card>(lib, 'shelf-report-card').find((k) => k.report.id === catalogue.reports[index]!.id)!;
      detailsOf(card).click();
      await waitUntil(() => dialogOf(card)?.open);
      const anchor = dialogOf(card)!.querySelector<HTMLAnchorElement>('a[href]')!;
      const name = text(anchor);
      dialogOf(card)!.close();
      return name;
    };
    // In the link, so that its accessible name says what a visitor is about to download.
    expect(await link('en', 0)).to.equal('Open the document (PDF · 2.4 MB)');
    expect(await link('en', 1)).to.equal('Open the document (DOCX · 350 kB)');
    expect(await link('en', 2)).to.equal('Open the document');
    const fr = await link('fr', 0);
    expect(fr.replace(/\s/g, ' ')).to.equal('Ouvrir le document (PDF · 2,4 Mo)');
  });
});
