import { expect, waitUntil } from '@open-wc/testing';
import {
  answerText,
  buildIndex,
  createLibrary,
  createStore,
  createTables,
  pageEngine,
  tablesEngine,
  type Library,
  type StoreState,
  type TextAnswer,
  type TextRequest,
} from '@reportshelf/core';
import { small } from '../fixtures/small.js';
import { generateCatalogue } from '../../bench/generate.js';

const nextState = (store: ReturnType<typeof createStore>) =>
  new Promise<StoreState>((resolve) => {
    const off = store.subscribe((s) => {
      off();
      resolve(s);
    });
  });

/** The next state with results that are not pending. */
const answered = async (store: ReturnType<typeof createStore>): Promise<StoreState> => {
  for (;;) {
    const state = await nextState(store);
    if (state.results && !state.results.pending) return state;
  }
};

/** Shows a library whose queries run in the page. */
const show = (store: ReturnType<typeof createStore>, library: Library) =>
  store.setLibrary(library, pageEngine(library));

describe('store', () => {
  it('starts loading, then holds results once a library is set', async () => {
    const store = createStore();
    expect(store.getState()).to.include({ status: 'loading', results: null });
    const next = nextState(store);
    show(store, createLibrary(small));
    const state = await next;
    expect(state.status).to.equal('ready');
    expect(state.results!.total).to.equal(7);
  });

  it('tells what a query costs: the shorter of the last two runs, so that one slow run does not count', async () => {
    const store = createStore();
    show(store, createLibrary(generateCatalogue(3000, 2)));
    await nextState(store);
    expect(store.queryCost()).to.equal(0);
    const slow =
      'framewor developin operatin procedure facilitat identificactio protectio traffickin objectiv strengthe cooperatio';
    store.setQuery({ q: slow });
    await nextState(store);
    store.setQuery({ q: `${slow} ` });
    await nextState(store);
    const slowCost = store.queryCost();
    expect(slowCost).to.be.greaterThan(0);
    store.setQuery({ q: '' });
    await nextState(store);
    // Browsing 3,000 reports costs less than forty fuzzy words; the cost follows the cheaper run.
    expect(store.queryCost()).to.be.at.most(slowCost);
  });

  it('has no side effect when read: the state is the last one told', async () => {
    const store = createStore();
    let asked = 0;
    const library = createLibrary(small);
    const engine = pageEngine(library);
    store.setLibrary(library, { ...engine, query: (request, signal) => (asked++, engine.query(request, signal)) });
    await nextState(store);
    store.setQuery({ q: 'labour' });
    const before = store.getState();
    store.getState();
    expect(asked, 'nothing asked until the burst ends').to.equal(1);
    expect(before.results!.total).to.equal(7);
    await nextState(store);
    expect(asked).to.equal(2);
    expect(store.getState().results!.total).to.equal(2);
  });

  it('keeps the last results on screen, marked pending, while a search waits for the index', async () => {
    const store = createStore();
    const library = createLibrary(small, { deferIndex: true });
    show(store, library);
    const browsing = (await nextState(store)).results!;
    store.setQuery({ q: 'trafficking', page: 1 });
    const waiting = (await nextState(store)).results!;
    expect(waiting.pending).to.equal(true);
    expect(waiting.query.q).to.equal('trafficking');
    expect(waiting.hits).to.equal(browsing.hits);
    expect(waiting.facets).to.equal(browsing.facets);
    const found = (await nextState(store)).results!;
    expect(found.pending).to.equal(false);
    expect(found.total).to.equal(2);
  });

  it('keeps the page asked for while a search waits for the index, and clamps it once it runs', async () => {
    const store = createStore({ q: 'trafficking', page: 3, pageSize: 1 });
    // (Two reports of the small catalogue match: page 3 is kept while waiting, then clamped to 2.)
    const library = createLibrary(small, { deferIndex: true });
    show(store, library);
    expect((await nextState(store)).results!.pending).to.equal(true);
    expect(store.getQuery().page).to.equal(3);
    const { results } = await nextState(store);
    expect(results!.pending).to.equal(false);
    expect(results!.total).to.equal(2);
    expect(results!.page, 'clamped to the last page').to.equal(2);
    expect(store.getQuery().page).to.equal(2);
  });

  it('with searches answered later (a worker), shows the newest query’s answer and never an older one', async () => {
    // The library's searches are answered when the test says, in any order, from a real index.
    const library = createTables(small);
    const index = buildIndex(small.reports);
    const asked: { request: TextRequest; answer: (a: TextAnswer) => void }[] = [];
    const store = createStore();
    const engine = tablesEngine(
      library,
      (request) => new Promise((answer) => asked.push({ request, answer })),
      () => {},
    );
    // What the engine was asked, by words: the store's handling of an answer comes before the test's.
    const answers = new Map<string, Promise<unknown>>();
    store.setLibrary(library, {
      ...engine,
      query: (request, signal) => {
        const answer = engine.query(request, signal);
        answers.set(request.query.q, answer);
        return answer;
      },
    });
    await nextState(store);
    const seen: StoreState[] = [];
    store.subscribe((s) => seen.push(s));
    store.setQuery({ q: 'labour' });
    expect((await nextState(store)).results?.pending).to.equal(true);
    store.setQuery({ q: 'fishing' });
    expect((await nextState(store)).results?.pending).to.equal(true);
    expect(asked.map((a) => a.request.text)).to.deep.equal(['labour', 'fishing']);
    // The newer search is answered first: its results show.
    asked[1]!.answer(answerText(index, asked[1]!.request));
    await nextState(store);
    expect(store.getState().results?.hits.map((h) => h.report.id)).to.deep.equal(['e']);
    // The older answer comes late (before the next query is asked): it never shows.
    const told = seen.length;
    asked[0]!.answer(answerText(index, asked[0]!.request));
    await answers.get('labour');
    expect(seen, 'nothing told').to.have.length(told);
    expect(store.getState().query.q).to.equal('fishing');
    expect(store.getState().results?.hits.map((h) => h.report.id)).to.deep.equal(['e']);
    // Back to the older words: answered already, no second question.
    store.setQuery({ q: 'labour' });
    expect((await nextState(store)).results?.total).to.equal(2);
    expect(asked).to.have.length(2);
    expect(seen.at(-1)?.results?.pending).to.equal(false);
    // Every state told showed results of its own query, none of an older one.
    for (const state of seen) expect(state.results?.query.q, JSON.stringify(state.query)).to.equal(state.query.q);
  });

  it('shows the page an engine has before its answer (`early`), then the answer; never an overtaken query’s', async () => {
    // Each query's page is told early (as a split catalogue's, its facet files on their way), its
    // answer when the test says.
    const library = createLibrary(small);
    const engine = pageEngine(library);
    const asked: { q: string; early: () => void; answer: () => void }[] = [];
    const store = createStore();
    store.setLibrary(library, {
      ...engine,
      query: (request, signal, early) =>
        engine.query(request, signal).then(
          (results) =>
            new Promise((answer) =>
              asked.push({
                q: request.query.q,
                early: () => early?.({ ...results, total: -1 }),
                answer: () => answer(results),
              }),
            ),
        ),
    });
    await waitUntil(() => asked.length === 1);
    asked[0]!.answer();
    await answered(store);
    store.setQuery({ q: 'labour' });
    await waitUntil(() => asked.length === 2);
    asked[1]!.early();
    expect(store.getState().results).to.include({ total: -1, pending: false });
    asked[1]!.answer();
    await waitUntil(() => store.getState().results?.total === 2);
    // An early page of a query overtaken never shows.
    store.setQuery({ q: 'fishing' });
    await waitUntil(() => asked.length === 3);
    store.setQuery({ q: 'fishin' });
    await waitUntil(() => asked.length === 4);
    asked[2]!.early();
    expect(store.getState().results?.total).to.not.equal(-1);
    asked[3]!.early();
    expect(store.getState().results).to.include({ total: -1 });
    expect(store.getState().query.q).to.equal('fishin');
  });

  it('asks again for words typed back while their search was overtaken (answered "not searched")', async () => {
    const library = createTables(small);
    const index = buildIndex(small.reports);
    const asked: { request: TextRequest; answer: (a: TextAnswer | null) => void }[] = [];
    const store = createStore();
    store.setLibrary(
      library,
      tablesEngine(
        library,
        (request) => new Promise((answer) => asked.push({ request, answer })),
        () => {},
      ),
    );
    await nextState(store);
    store.setQuery({ q: 'fish' });
    await nextState(store);
    store.setQuery({ q: 'fishing' });
    await nextState(store);
    // Back to "fish" while its search is still out: no second question yet.
    store.setQuery({ q: 'fish' });
    expect((await nextState(store)).results?.pending).to.equal(true);
    expect(asked.map((a) => a.request.text)).to.deep.equal(['fish', 'fishing']);
    // The worker ran only the newest: "fish" comes back not searched, and is asked again.
    asked[0]!.answer(null);
    await waitUntil(() => asked.length === 3, 'asked again');
    expect(asked.map((a) => a.request.text)).to.deep.equal(['fish', 'fishing', 'fish']);
    asked[2]!.answer(answerText(index, asked[2]!.request));
    await nextState(store);
    expect(store.getState().results?.hits.map((h) => h.report.id)).to.deep.equal(['e']);
  });

  it('notifies once for a burst of changes, with the last query', async () => {
    const store = createStore();
    show(store, createLibrary(small));
    await nextState(store);
    const seen: StoreState[] = [];
    store.subscribe((s) => seen.push(s));
    store.setQuery({ q: 'l' });
    store.setQuery({ q: 'la' });
    store.setQuery({ q: 'labour' });
    await nextState(store);
    expect(seen).to.have.length(1);
    expect(seen[0]!.query.q).to.equal('labour');
    expect(seen[0]!.results!.hits[0]!.report.id).to.equal('b');
  });

  it('goes back to page 1 on any change but a page change', async () => {
    const store = createStore({ pageSize: 2 });
    show(store, createLibrary(small));
    store.setQuery({ page: 3 });
    expect(store.getQuery().page).to.equal(3);
    store.setQuery({ sort: 'oldest' });
    expect(store.getQuery().page).to.equal(1);
    store.setQuery({ page: 2 });
    store.setQuery({ filters: { region: ['Europe'] } });
    expect(store.getQuery()).to.include({ page: 1 });
    expect(store.getQuery().filters).to.deep.equal({ region: ['Europe'] });
  });

  it('merges filters per facet and removes a facet given an empty list', () => {
    const store = createStore();
    show(store, createLibrary(small));
    store.setQuery({ filters: { region: ['Europe'] } });
    store.setQuery({ filters: { category: ['Research'] } });
    expect(store.getQuery().filters).to.deep.equal({ region: ['Europe'], category: ['Research'] });
    store.setQuery({ filters: { region: [] } });
    expect(store.getQuery().filters).to.deep.equal({ category: ['Research'] });
    store.setQuery({ yearFrom: 2012, yearTo: 2015 });
    store.setQuery({ yearFrom: undefined });
    expect(store.getQuery()).to.include({ yearTo: 2015 });
    expect('yearFrom' in store.getQuery()).to.equal(false);
  });

  it('clamps the page to the results once computed', async () => {
    const store = createStore({ page: 40 });
    show(store, createLibrary(small));
    expect((await nextState(store)).results!.page).to.equal(1);
    expect(store.getQuery().page).to.equal(1);
  });

  it('holds an error message and stops listening when unsubscribed', async () => {
    const store = createStore();
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.setError('The catalogue could not be read.');
    expect(store.getState()).to.include({ status: 'error', error: 'The catalogue could not be read.' });
    await Promise.resolve();
    off();
    store.setQuery({ q: 'x' });
    await Promise.resolve();
    expect(calls).to.equal(1);
  });

  it('with "Show more" paging, page N holds the first N pages’ reports, and showing more asks only for the new page', async () => {
    const library = createLibrary(generateCatalogue(40, 3));
    const engine = pageEngine(library);
    const pages: number[] = [];
    const store = createStore({ pageSize: 5, page: 3, sort: 'title' });
    store.setMore(true);
    store.setLibrary(library, {
      ...engine,
      query: (request, signal) => (pages.push(request.query.page), engine.query(request, signal)),
    });
    const ids = (s: StoreState) => s.results!.hits.map((h) => h.report.id);
    // A shared link to page 3: the first fifteen reports in order, the same as one page of fifteen.
    const linked = await answered(store);
    const reference = createStore({ pageSize: 15, sort: 'title' });
    show(reference, library);
    expect(ids(linked)).to.deep.equal(ids(await answered(reference)));
    expect(linked.results).to.include({ page: 3, pageSize: 5, total: 40, pageCount: 8 });
    expect(pages.sort()).to.deep.equal([1, 2, 3]);
    // Show more: page 4, asked alone; the fifteen kept, five added.
    pages.length = 0;
    store.setQuery({ page: 4 });
    const more = await answered(store);
    expect(pages).to.deep.equal([4]);
    expect(ids(more).slice(0, 15)).to.deep.equal(ids(linked));
    expect(more.results!.hits).to.have.length(20);
    // Another search starts again from its first page; a page past the last is clamped, its reports not repeated.
    store.setQuery({ q: 'trafficking' });
    const searched = await answered(store);
    expect(searched.results!.page).to.equal(1);
    store.setQuery({ page: 99 });
    const all = await answered(store);
    expect(all.results!.page).to.equal(all.results!.pageCount);
    expect(new Set(ids(all)).size).to.equal(all.results!.total);
    expect(ids(all)).to.have.length(all.results!.total);
    // Paging again: the page's reports alone.
    store.setMore(false);
    expect((await answered(store)).results!.hits.length).to.be.at.most(5);
  });
});
