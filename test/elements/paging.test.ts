import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ShelfLibrary } from '@reportshelf/elements';
import { generateCatalogue } from '../../bench/generate.js';
import { deep, deepActive, deepAll, eventually, libraryFixture, settle, tabTo, text } from './helpers.js';

const start = location.pathname;
const setAddress = (search: string) => history.replaceState(null, '', start + search);
const catalogue = generateCatalogue(60, 7);

const cards = (lib: Element) => deepAll(lib, 'shelf-report-card');
const summary = (lib: Element) => text(deep(lib, '[part="summary"]'));
const sizeSelect = (lib: Element) => deep<HTMLSelectElement>(lib, 'select[part~="page-size"]');
const moreButton = (lib: Element) => deepAll<HTMLButtonElement>(lib, '[part~="show-more"]')[0];

/** Picks a page size as a visitor does: the select's value, then its change event. */
async function choose(lib: ShelfLibrary, size: number): Promise<void> {
  const select = sizeSelect(lib);
  select.value = String(size);
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await waitUntil(() => lib.store.getState().results?.pageSize === size && !lib.store.getState().results?.pending);
  await settle(lib);
}

describe('page size and "Show more"', () => {
  beforeEach(() => setAddress(''));
  afterEach(() => setAddress(''));

  for (const lang of ['en', 'fr', 'es', 'ar'] as const)
    for (const paging of ['pages', 'more'])
      it(`is accessible: a labelled page size${paging === 'more' ? ' and Show more' : ' beside the pages'}, in ${lang}`, async () => {
        const lib = await libraryFixture(
          html`<shelf-library lang=${lang} paging=${paging} .catalogue=${catalogue}></shelf-library>`,
        );
        const expected = {
          en: ['Reports per page', 'Show 10 more reports'],
          fr: ['Rapports par page', 'Afficher 10 rapports de plus'],
          es: ['Informes por página', 'Mostrar 10 informes más'],
          ar: ['عدد التقارير في الصفحة', 'عرض المزيد: 10 تقارير'],
        }[lang];
        // (The lite file's engine loads a language when the page speaks it.)
        await eventually(() => expect(sizeSelect(lib).labels?.[0]?.textContent?.trim()).to.equal(expected[0]));
        await expect(lib).to.be.accessible();
        expect([...sizeSelect(lib).options].map((o) => o.value)).to.deep.equal(['10', '25', '50']);
        if (paging === 'more') expect(text(moreButton(lib))).to.equal(expected[1]);
        else expect(deepAll(lib, '[part~="nav"]')).to.have.length(1);
      });

  it('shows the page size a visitor chooses, keeps it in the address and restores it from a shared link', async () => {
    const lib = await libraryFixture(html`<shelf-library sync-url .catalogue=${catalogue}></shelf-library>`);
    expect(cards(lib)).to.have.length(10);
    await choose(lib, 25);
    expect(cards(lib)).to.have.length(25);
    expect(summary(lib)).to.match(/^Showing 1–25 of 60 reports/);
    await waitUntil(() => location.search === '?size=25');
    // The default is not written.
    await choose(lib, 10);
    await waitUntil(() => location.search === '');
    lib.remove();
    setAddress('?size=50&page=2');
    const shared = await libraryFixture(html`<shelf-library sync-url .catalogue=${catalogue}></shelf-library>`);
    expect(cards(shared)).to.have.length(10);
    expect(summary(shared)).to.match(/^Showing 51–60 of 60/);
    expect(sizeSelect(shared).value).to.equal('50');
  });

  it('offers the library’s own page size, and writes a visitor’s other choice, 10 included', async () => {
    const lib = await libraryFixture(
      html`<shelf-library sync-url page-size="20" .catalogue=${catalogue}></shelf-library>`,
    );
    expect([...sizeSelect(lib).options].map((o) => o.value)).to.deep.equal(['10', '20', '25', '50']);
    expect(sizeSelect(lib).value).to.equal('20');
    await choose(lib, 10);
    await waitUntil(() => location.search === '?size=10');
    lib.remove();
    setAddress('?size=10');
    const shared = await libraryFixture(
      html`<shelf-library sync-url page-size="20" .catalogue=${catalogue}></shelf-library>`,
    );
    expect(cards(shared)).to.have.length(10);
  });

  it('is chosen by keyboard, and the choice keeps the focus', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${catalogue}><shelf-pagination></shelf-pagination><shelf-report-list></shelf-report-list></shelf-library>`,
    );
    const select = await tabTo(
      (el) => el.localName === 'select' && el.getAttribute('part') === 'page-size',
      'the page size',
    );
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => lib.store.getQuery().pageSize === 25);
    await settle(lib);
    expect(deepActive()).to.equal(select);
    expect(cards(lib)).to.have.length(25);
  });

  it('with paging="more", adds the next page below the others, focuses its first card and keeps the count in the address', async () => {
    const lib = await libraryFixture(
      html`<shelf-library sync-url paging="more" .catalogue=${catalogue}></shelf-library>`,
    );
    expect(deepAll(lib, '[part~="nav"]')).to.have.length(0);
    const first = cards(lib).map((card) => card.shadowRoot!.querySelector('.title')!.textContent);
    moreButton(lib)!.click();
    await waitUntil(() => cards(lib).length === 20);
    await settle(lib);
    expect(
      cards(lib)
        .map((card) => card.shadowRoot!.querySelector('.title')!.textContent)
        .slice(0, 10),
    ).to.deep.equal(first);
    await waitUntil(() => deepActive()?.localName === 'article');
    expect(deepActive()!.getRootNode()).to.equal(cards(lib)[10]!.shadowRoot);
    expect(summary(lib)).to.match(/^Showing 1–20 of 60 reports/);
    await waitUntil(() => location.search === '?page=2');
    lib.remove();
    // A shared link shows as many; with 50 a page, the next adds the last 10, then the button goes.
    const shared = await libraryFixture(
      html`<shelf-library sync-url paging="more" .catalogue=${catalogue}></shelf-library>`,
    );
    expect(cards(shared)).to.have.length(20);
    await choose(shared, 50);
    expect(cards(shared)).to.have.length(50);
    expect(text(moreButton(shared))).to.equal('Show 10 more reports');
    moreButton(shared)!.click();
    await waitUntil(() => cards(shared).length === 60);
    await settle(shared);
    expect(moreButton(shared)).to.equal(undefined);
    expect(summary(shared)).to.match(/^Showing 1–60 of 60 reports/);
  });
});
