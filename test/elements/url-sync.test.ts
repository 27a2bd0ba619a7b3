import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ShelfLibrary } from '@reportshelf/elements';
import { generateCatalogue } from '../../bench/generate.js';
import { deep, eventually, libraryFixture, ready, seed, settle, text, titles } from './helpers.js';
import { small } from '../fixtures/small.js';

const start = location.pathname;
const setAddress = (search: string) => history.replaceState(null, '', start + search);

/**
 * How many history entries the page pushes from now on (replacing one or going Back counts none).
 * Counted with the Navigation API's navigate events: `history.length` stops growing at 50, which a
 * tab the test runner reuses for file after file reaches.
 */
function pushes(): () => number {
  let pushed = 0;
  const { navigation } = window as unknown as { navigation: EventTarget };
  navigation.addEventListener('navigate', (event) => {
    if ((event as Event & { navigationType: string }).navigationType === 'push') pushed++;
  });
  return () => pushed;
}

describe('URL sync', () => {
  beforeEach(() => {
    setAddress('');
    // Entries of this page's own before each test: a Back too many (a search the page replaced
    // rather than pushed, on a slow machine) fails the test's own check instead of leaving for the
    // entry before, another test file's page in the runner's reused tab, which stops the run.
    history.pushState(null, '', start);
    history.pushState(null, '', start);
  });
  afterEach(() => setAddress(''));

  it('opens the view a shared link describes', async () => {
    setAddress('?q=trafficking&region=West+Africa&sort=oldest&utm_source=mail');
    const lib = await libraryFixture(html`<shelf-library .catalogue=${small} sync-url></shelf-library>`);
    expect(titles(lib)).to.deep.equal(['Child trafficking in West Africa', 'Migration routes and trafficking risk']);
    expect(deep<HTMLInputElement>(lib, 'input[type="search"]').value).to.equal('trafficking');
    expect(deep<HTMLSelectElement>(lib, '[part="select"]').value).to.equal('oldest');
    // Parameters that are not the library's are left alone.
    expect(location.search).to.contain('utm_source=mail');
  });

  it('pushes a history entry per change, one per search however typed, and restores the view on Back', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${small} sync-url></shelf-library>`);
    const pushed = pushes();
    lib.store.setQuery({ filters: { region: ['Europe'] } });
    await waitUntil(() => location.search === '?region=Europe');
    expect(pushed()).to.equal(1);
    lib.store.setQuery({ q: 'l' });
    await waitUntil(() => location.search === '?q=l&region=Europe');
    lib.store.setQuery({ q: 'labour' });
    await waitUntil(() => location.search === '?q=labour&region=Europe');
    // The search is one entry: the first letter added it, the next ones replaced it.
    expect(pushed()).to.equal(2);
    await eventually(() => expect(titles(lib)).to.deep.equal(['Labour exploitation research']));
    lib.store.setQuery({ sort: 'title' });
    await waitUntil(() => location.search === '?q=labour&region=Europe&sort=title');
    expect(pushed()).to.equal(3);

    history.back();
    await oneEvent(window, 'popstate');
    await settle(lib);
    expect(lib.store.getQuery().sort).to.equal('relevance');
    expect(lib.store.getQuery().q).to.equal('labour');
    history.back();
    await oneEvent(window, 'popstate');
    await waitUntil(() => location.search === '?region=Europe', 'Back did not give the view before the search');
    history.back();
    await oneEvent(window, 'popstate');
    await waitUntil(() => titles(lib).length === 7, 'Back did not restore the unfiltered view');
    expect(location.search).to.equal('');
    expect(deep<HTMLInputElement>(lib, 'input[type="search"]').value).to.equal('');
    history.forward();
    await oneEvent(window, 'popstate');
    await waitUntil(() => location.search === '?region=Europe');
  });

  it('adds one history entry per search typed and settled with Enter, not one per letter; Back gives the words before', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${small} sync-url></shelf-library>`);
    const input = deep<HTMLInputElement>(lib, 'input[type="search"]');
    input.focus();
    await sendKeys({ type: 'labour' });
    await waitUntil(() => location.search === '?q=labour');
    await sendKeys({ press: 'Enter' });
    await settle(lib);
    input.select();
    await sendKeys({ type: 'fishing' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => location.search === '?q=fishing');
    await waitUntil(() => titles(lib).length === 1 && titles(lib)[0]!.startsWith('Zero tolerance'));

    history.back();
    await oneEvent(window, 'popstate');
    await waitUntil(() => titles(lib)[0] === 'Labour exploitation research', 'Back did not give the words before');
    expect(input.value).to.equal('labour');
    // One entry per search: the letters typed ("labou", "fishin") are none.
    history.back();
    await oneEvent(window, 'popstate');
    await waitUntil(() => titles(lib).length === 7);
    expect(input.value).to.equal('');
    expect(location.search).to.equal('');
    history.forward();
    await oneEvent(window, 'popstate');
    await waitUntil(() => input.value === 'labour');
  });

  it('keeps the choice to include reports without a year in the address, and opens it again', async () => {
    setAddress('?year=2015-');
    const lib = await libraryFixture(html`<shelf-library .catalogue=${small} sync-url></shelf-library>`);
    expect(titles(lib)).to.have.length(4);
    const undated = [...deep(lib, 'shelf-filter-bar').shadowRoot!.querySelectorAll('label.option')].find((l) =>
      text(l).startsWith('Reports without a year'),
    )!;
    undated.querySelector('input')!.click();
    await waitUntil(() => location.search === '?year=2015-&undated=1');
    await waitUntil(() => titles(lib).length === 5);
    lib.remove();
    const again = await libraryFixture(html`<shelf-library .catalogue=${small} sync-url></shelf-library>`);
    expect(titles(again)).to.include('Undated note');
    expect(again.store.getQuery()).to.include({ yearFrom: 2015, undated: true });
  });

  it('keeps two libraries apart with url-prefix', async () => {
    setAddress('?a-q=nigeria&b-q=fishing');
    const wrap = await libraryFixture(html`<div>
      <shelf-library id="a" .catalogue=${seed} sync-url url-prefix="a-"></shelf-library>
      <shelf-library id="b" .catalogue=${small} sync-url url-prefix="b-"></shelf-library>
    </div>`);
    const b = wrap.parentElement!.querySelector<HTMLElement & { store: typeof wrap.store }>('#b')!;
    await eventually(() => expect(titles(b)).to.deep.equal(['Zero tolerance guidance for fishing fleets']));
    expect(titles(wrap)).to.have.length(1);
    expect(titles(wrap)[0]).to.match(/^Assessment of Borno/);
    b.store.setQuery({ page: 1, sort: 'title' });
    await waitUntil(() => location.search === '?a-q=nigeria&b-q=fishing&b-sort=title');
  });

  it('opens a shared link on the page it names, though the index is built after the first page shows', async () => {
    setAddress('?q=trafficking&page=3');
    const catalogue = generateCatalogue(300, 4);
    const lib = await fixture<ShelfLibrary>(html`<shelf-library .catalogue=${catalogue} sync-url></shelf-library>`);
    await ready(lib);
    await waitUntil(() => !lib.store.getState().results?.pending);
    const results = lib.store.getState().results!;
    expect(results.total).to.be.greaterThan(30);
    expect(results.page).to.equal(3);
    expect(text(deep(lib, '[part="summary"]'))).to.match(/^Showing 21–30 of/);
    expect(location.search).to.equal('?q=trafficking&page=3');
  });

  it('restores a view on Back without adding an entry, with a page size of its own', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${small} sync-url page-size="2"></shelf-library>`);
    const pushed = pushes();
    lib.store.setQuery({ page: 2 });
    await waitUntil(() => location.search === '?page=2');
    expect(pushed()).to.equal(1);
    history.back();
    await oneEvent(window, 'popstate');
    await settle(lib);
    expect(lib.store.getQuery()).to.include({ page: 1, pageSize: 2 });
    // Back added nothing: Forward still goes to page 2, and one more Back leaves nothing behind.
    expect(pushed()).to.equal(1);
    history.forward();
    await oneEvent(window, 'popstate');
    await waitUntil(() => lib.store.getQuery().page === 2);
    expect(pushed()).to.equal(1);
  });

  it('warns when two libraries keep their state under the same prefix', async () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    try {
      await libraryFixture(html`<div>
        <shelf-library .catalogue=${seed} sync-url></shelf-library>
        <shelf-library .catalogue=${small} sync-url></shelf-library>
      </div>`);
      // (Its words come with the panels, loaded only then.)
      await waitUntil(() => warnings.length > 0);
      expect(warnings).to.deep.equal([
        '<shelf-library sync-url>: another library on this page keeps its state in the address under the same prefix; give each a different url-prefix.',
      ]);
    } finally {
      console.warn = warn;
    }
  });

  it('does not touch the address without sync-url', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${small}></shelf-library>`);
    lib.store.setQuery({ q: 'labour' });
    await eventually(() => expect(text(deep(lib, '[part="summary"]'))).to.contain('labour'));
    expect(location.search).to.equal('');
  });
});
