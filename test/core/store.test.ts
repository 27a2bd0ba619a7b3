import { expect } from '@open-wc/testing';
import {
  answerText,
  buildIndex,
  createLibrary,
  createStore,
  createTables,
  ensureIndex,
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

describe('store', () => {
  it('starts loading, then holds results once a library is set', async () => {
    const store = createStore();
    expect(store.getState()).to.include({ status: 'loading', results: null });
    const next = nextState(store);
    store.setLibrary(createLibrary(small));
    const state = await next;
    expect(state.status).to.equal('ready');
    expect(state.results!.total).to.equal(7);
  });

  it('tells what a query costs: the shorter of the last two runs, so that one slow run does not count', () => {
    const store = createStore();
    store.setLibrary(createLibrary(generateCatalogue(3000, 2)));
    expect(store.queryCost()).to.equal(0);
    const slow =
      'framewor developin operatin procedure facilitat identificactio protectio traffickin objectiv strengthe cooperatio';
    store.setQuery({ q: slow });
    store.getState();
    expect(store.queryCost(), 'one run').to.equal(0);
    store.setQuery({ q: `${slow} ` });
    store.getState();
    const slowCost = store.queryCost();
    expect(slowCost).to.be.greaterThan(0);
    store.setQuery({ q: '' });
    store.getState();
    // Browsing 3,000 reports costs less than forty fuzzy words; the cost follows the cheaper run.
    expect(store.queryCost()).to.be.at.most(slowCost);
  });

  it('keeps the last results on screen, marked pending, while a search waits for the index', () => {
    const store = createStore();
    const library = createLibrary(small, { deferIndex: true });
    store.setLibrary(library);
    const browsing = store.getState().results!;
    store.setQuery({ q: 'trafficking', page: 1 });
    const waiting = store.getState().results!;
    expect(waiting.pending).to.equal(true);
    expect(waiting.query.q).to.equal('trafficking');
    expect(waiting.hits).to.equal(browsing.hits);
    expect(waiting.facets).to.equal(browsing.facets);
  });

  it('keeps the page asked for while a search waits for the index, and clamps it once it runs', async () => {
    const store = createStore({ q: 'trafficking', page: 3, pageSize: 1 });
    // (Two reports of the small catalogue match: page 3 is kept while waiting, then clamped to 2.)
    const library = createLibrary(small, { deferIndex: true });
    store.setLibrary(library);
    expect(store.getState().results!.pending).to.equal(true);
    expect(store.getQuery().page).to.equal(3);
    await ensureIndex(library);
    store.setLibrary(library);
    const { results } = store.getState();
    expect(results!.pending).to.equal(false);
    expect(results!.total).to.equal(2);
    expect(results!.page, 'clamped to the last page').to.equal(2);
  });

  it('with searches answered later (a worker), shows the newest query’s answer and never an older one', async () => {
    // The library's searches are answered when the test says, in any order, from a real index.
    const library = createTables(small);
    const index = buildIndex(small.reports);
    const asked: { request: TextRequest; answer: (a: TextAnswer) => void }[] = [];
    library.search = (request) => new Promise((answer) => asked.push({ request, answer }));
    const store = createStore();
    store.setLibrary(library);
    const seen: StoreState[] = [];
    store.subscribe((s) => seen.push(s));
    // The next time the store tells its listeners (after an answer arrives).
    const told = () =>
      new Promise<void>((done) => {
        const off = store.subscribe(() => (off(), done()));
      });
    store.setQuery({ q: 'labour' });
    expect(store.getState().results?.pending).to.equal(true);
    store.setQuery({ q: 'fishing' });
    expect(store.getState().results?.pending).to.equal(true);
    expect(asked.map((a) => a.request.text)).to.deep.equal(['labour', 'fishing']);
    // The newer search is answered first: its results show.
    asked[1]!.answer(answerText(index, asked[1]!.request));
    await told();
    expect(store.getState().results?.hits.map((h) => h.report.id)).to.deep.equal(['e']);
    // The older answer comes late: the results stay the newer query's.
    asked[0]!.answer(answerText(index, asked[0]!.request));
    await told();
    expect(store.getState().query.q).to.equal('fishing');
    expect(store.getState().results?.hits.map((h) => h.report.id)).to.deep.equal(['e']);
    // Back to the older words: answered already, no second question.
    store.setQuery({ q: 'labour' });
    expect(store.getState().results?.total).to.equal(2);
    expect(asked).to.have.length(2);
    expect(seen.at(-1)?.results?.pending).to.equal(false);
  });

  it('asks again for words typed back while their search was overtaken (answered "not searched")', async () => {
    const library = createTables(small);
    const index = buildIndex(small.reports);
    const asked: { request: TextRequest; answer: (a: TextAnswer | null) => void }[] = [];
    library.search = (request) => new Promise((answer) => asked.push({ request, answer }));
    const store = createStore();
    store.setLibrary(library);
    const told = () =>
      new Promise<void>((done) => {
        const off = store.subscribe(() => (off(), done()));
      });
    store.setQuery({ q: 'fish' });
    store.getState();
    store.setQuery({ q: 'fishing' });
    store.getState();
    // Back to "fish" while its search is still out: no second question yet.
    store.setQuery({ q: 'fish' });
    expect(store.getState().results?.pending).to.equal(true);
    expect(asked.map((a) => a.request.text)).to.deep.equal(['fish', 'fishing']);
    await told(); // the listeners hear of the typing
    // The worker ran only the newest: "fish" comes back not searched, and is asked again.
    asked[0]!.answer(null);
    await told();
    expect(asked.map((a) => a.request.text)).to.deep.equal(['fish', 'fishing', 'fish']);
    asked[2]!.answer(answerText(index, asked[2]!.request));
    await told();
    expect(store.getState().results?.hits.map((h) => h.report.id)).to.deep.equal(['e']);
  });

  it('notifies once for a burst of changes, with the last query', async () => {
    const store = createStore();
    store.setLibrary(createLibrary(small));
    const seen: StoreState[] = [];
    store.subscribe((s) => seen.push(s));
    store.setQuery({ q: 'l' });
    store.setQuery({ q: 'la' });
    store.setQuery({ q: 'labour' });
    await Promise.resolve();
    await Promise.resolve();
    expect(seen).to.have.length(1);
    expect(seen[0]!.query.q).to.equal('labour');
    expect(seen[0]!.results!.hits[0]!.report.id).to.equal('b');
  });

  it('goes back to page 1 on any change but a page change', async () => {
    const store = createStore({ pageSize: 2 });
    store.setLibrary(createLibrary(small));
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
    store.setLibrary(createLibrary(small));
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

  it('clamps the page to the results once computed', () => {
    const store = createStore({ page: 40 });
    store.setLibrary(createLibrary(small));
    expect(store.getState().results!.page).to.equal(1);
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
});
