/**
 * The engine contract (packages/core/src/engine.ts), run unchanged against every place a query
 * runs: the index in the page, the lite file's worker, a split catalogue's reader in the page and
 * in the worker, and the search server (its own PostgreSQL, started by test/server/wtr-plugin.mjs).
 * The same catalogue gives the same pages, totals, facet lists, notes and errors in each; the
 * store never shows an overtaken answer; a split catalogue's damaged file is said to be damaged,
 * and a server that fails is said to be out of reach. The in-page index is the reference: what it
 * answers is checked against the catalogue itself first, so that "the same" means right.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  createLibrary,
  createStore,
  createTables,
  EngineError,
  FACET_NAMES,
  normaliseQuery,
  pageEngine,
  relatedSearch,
  runQuery,
  serverEngine,
  splitCatalogue,
  type Catalogue,
  type Engine,
  type EngineErrorKind,
  type Query,
  type Report,
  type Results,
  type StoreState,
} from '@reportshelf/core';
import * as page from '../../packages/elements/src/shared/bundled.js';
import * as lite from '../../packages/elements/src/shared/on-demand.js';
import { contractCatalogue } from '../fixtures/contract-catalogue.js';

/**
 * The contract catalogue with its countries under regions (`places`, as the CLI writes them): most
 * of them, some regions of several, one with a country no report has; a few, and Worldwide, in none.
 */
const catalogue = ((of: Catalogue): Catalogue => {
  const countries = [...new Set(of.reports.flatMap((r) => r.countries))].filter((c) => c !== 'Worldwide').sort();
  const places: Record<string, string[]> = { Atlantis: ['Atlantis'] };
  countries.forEach((country, i) => {
    if (i % 5) (places[`Region ${i % 7}`] ??= []).push(country);
  });
  return { ...of, places };
})(contractCatalogue());
const reference = createLibrary(catalogue);

/**
 * Reports whose related reports every engine finds: a report's own words searched (its title,
 * places and categories, its abstract's commonest words: `relatedSearch`), with best matches, as
 * the report's view asks its library's engine (the view leaves the report itself out). In French,
 * Spanish, English from the bundled catalogue, Arabic, and a synthetic one. Searches ranked by
 * relevance, they bend as any does (DIFFERENCES): the same reports, those with every word first
 * (none has every one), in a split catalogue's order within its tenths and in the server's own.
 */
const RELATED = [
  'fr-refugies',
  'es-trata',
  'beneath-the-surface-2010',
  'ar-trafficking-women-refugee-camps-2019',
  catalogue.reports.at(-1)!.id,
];
const related = (id: string) => relatedSearch(catalogue.reports.find((report) => report.id === id)!);

/** The queries every engine answers alike, by what they try. */
const QUERIES: [string, Partial<Query>][] = [
  ...RELATED.map((id): [string, Partial<Query>] => [`the reports related to ${id}`, { q: related(id), pageSize: 6 }]),
  ['browsing everything (relevance without words: newest)', {}],
  ['one word', { q: 'trafficking' }],
  ['two words, the last a prefix', { q: 'victims protec' }],
  ['a quoted phrase', { q: '"victims of trafficking"' }],
  ['a -word left out', { q: 'trafficking -framework' }],
  ['a -"phrase" left out', { q: 'protection -"standard operating"' }],
  ['a word with a typo', { q: 'trafficcking' }],
  ['a word without its accents', { q: 'refugies mediterranee' }],
  ['a word with its accents', { q: 'Réfugiés' }],
  ['Spanish words', { q: 'explotación niñas' }],
  ['Arabic words', { q: 'الاتجار بالنساء' }],
  ['words no report has together (the best matches follow)', { q: 'trafficking protectoin xqzvw' }],
  ['a word no report has, even with a typo forgiven (did you mean)', { q: 'trafikcing' }],
  [
    'two values of one facet, and another facet',
    { filters: { region: ['Worldwide', 'Europe'], category: ['Research'] } },
  ],
  [
    'every facet filtered',
    { filters: { country: ['Worldwide'], author: [], organization: ['IOM'], language: ['en'] } },
  ],
  ['an author', { filters: { author: [catalogue.reports.find((r) => r.authors.length > 0)!.authors[0]!] } }],
  ['a language', { q: 'traite', filters: { language: ['fr'] } }],
  [
    'countries and words (the regions counted as the countries are: as if they were not set)',
    { q: 'trafficking', filters: { country: catalogue.places!['Region 1']!.slice(0, 2), category: ['Research'] } },
  ],
  ['a year range (undated left out)', { yearFrom: 2005, yearTo: 2012 }],
  ['a year range with the undated', { yearFrom: 2005, yearTo: 2012, undated: true }],
  ['the undated left out, no range', { undated: false }],
  ['an open-ended range', { yearFrom: 2020 }],
  ['newest first', { q: 'protection', sort: 'newest' }],
  ['oldest first', { q: 'protection', sort: 'oldest' }],
  ['by title', { sort: 'title', filters: { category: ['Guidance', 'Toolkit'] } }],
  ['by relevance with words and a facet', { q: 'women girls', sort: 'relevance', filters: { region: ['Worldwide'] } }],
  ['a linked report', { report: 'fr-refugies' }],
  ['a linked report that is not there', { report: 'no-such-report', q: 'trafficking' }],
  ['a later page', { q: 'trafficking', page: 3, pageSize: 7 }],
  ['a page past the end (the last page)', { sort: 'title', page: 999 }],
  ['nothing found: what to drop', { q: 'trafficking', filters: { region: ['América Latina'] }, yearFrom: 2000 }],
  ['nothing found for the words', { q: 'xqzvwk' }],
];

/** What an answer says, all of it but scores: what every engine must give alike. */
const said = (results: Results) =>
  JSON.parse(
    JSON.stringify({
      ...results,
      hits: results.hits.map((hit) => ({ report: hit.report, terms: [...hit.terms].sort() })),
      facets: Object.fromEntries(FACET_NAMES.map((name) => [name, results.facets[name].values])),
    }),
  ) as Record<string, unknown>;

const ask = (engine: Engine, query: Partial<Query>) =>
  engine.query({ query: normaliseQuery(query), facets: FACET_NAMES });

const ids = (said: Record<string, unknown>) => (said.hits as { report: Report }[]).map((hit) => hit.report.id);

/** Asserts two answers alike, field by field, the reports by id first: a difference is named by where it is. */
function alike(answer: Results, reference: Results, except: string[] = []): void {
  const [got, want] = [said(answer), said(reference)];
  if (!except.includes('hits')) expect(ids(got), 'the reports, by id').to.deep.equal(ids(want));
  for (const key of new Set([...Object.keys(want), ...Object.keys(got)]))
    if (!except.includes(key)) expect(got[key], key).to.deep.equal(want[key]);
}

/** Whether a query's reports are ranked by relevance (words were searched). */
const ranked = (query: Query) => normaliseQuery(query).sort === 'relevance' && /[^\s"-]/.test(query.q);

/**
 * Asserts an engine's answer to a query ranked by relevance alike but for the order of its
 * reports: every report found is the reference's, those with every word first; the page is the
 * engine's own order's page; with `near`, that order is the reference's but where its scores of
 * two reports are within `near(a, b)` of each other.
 */
async function alikeButOrder(
  engine: Engine,
  query: Query,
  near?: (a: Results['hits'][number], b: Results['hits'][number]) => number,
): Promise<void> {
  const want = runQuery(reference, query, true);
  const got = await ask(engine, query);
  alike(got, runQuery(reference, query), ['hits']);
  const all = await engine.all(query);
  const every = want.total - (want.partial ?? 0);
  expect(all.map((r) => r.id).sort(), 'the reports found').to.deep.equal(want.hits.map((h) => h.report.id).sort());
  expect(new Set(all.slice(0, every).map((r) => r.id)), 'those with every word first').to.deep.equal(
    new Set(want.hits.slice(0, every).map((h) => h.report.id)),
  );
  const start = (got.page - 1) * got.pageSize;
  expect(ids(said(got)), 'the page, of the engine’s own order').to.deep.equal(
    all.slice(start, start + got.pageSize).map((r) => r.id),
  );
  if (!near) return;
  const hits = new Map(want.hits.map((hit) => [hit.report.id, hit]));
  for (let i = 1; i < all.length; i++) {
    const [a, b] = [hits.get(all[i - 1]!.id)!, hits.get(all[i]!.id)!];
    // (Across the line between every word and some, the line orders them.)
    if (i !== every) expect(a.score, `${a.report.id} before ${b.report.id}`).to.be.at.least(b.score - near(a, b));
  }
}

/**
 * How close two reports' scores may be and a split catalogue order them otherwise: each term's
 * score in a report is rounded to a tenth (off by a twentieth at most), and a report's share of the
 * words at most doubles that; so a tenth per term matched, for each of the two.
 */
const tenths = (a: Results['hits'][number], b: Results['hits'][number]) =>
  0.1 * (a.terms.length + b.terms.length) + 1e-9;

/**
 * Where an engine answers otherwise than the index in the page, by design, and what it answers
 * instead: the one place the contract bends. Every other query, and every other part of these
 * answers (totals, facet lists, notes), is asserted alike.
 */
const DIFFERENCES = {
  /**
   * A split catalogue's index stores each report's score of a term rounded to a tenth (a smaller
   * file), and keeps its reports in title order: reports whose scores are that close may come in
   * another order (in the page, in the order the catalogue lists them).
   */
  'scores in tenths': {
    applies: (query: Query) => ranked(query) && !query.q.includes('"'),
    check: (engine: Engine, query: Query) => alikeButOrder(engine, query, tenths),
  },
  /**
   * A split catalogue's reader has no report text at hand (README, "Split catalogues"): a
   * "quoted phrase" finds the reports with all its words, wherever they stand, and a -"phrase"
   * leaves out the reports with all its words.
   */
  'no text for phrases': {
    applies: (query: Query) => query.q.includes('"'),
    async check(engine: Engine, query: Query) {
      const phrase = /(-?)"([^"]*)"/.exec(query.q)!;
      if (!phrase[1]) return alikeButOrder(engine, { ...query, q: query.q.replace(/"/g, '') }, tenths);
      const rest = query.q.replace(phrase[0], ' ').trim();
      // Those of the words' reports that have every one of them.
      const words = runQuery(reference, { q: phrase[2], pageSize: 100 }, true);
      const left = new Set(words.hits.slice(0, words.total - (words.partial ?? 0)).map((h) => h.report.id));
      const want = runQuery(reference, { q: rest }, true).hits.filter((h) => !left.has(h.report.id));
      const got = await engine.all(query);
      expect(got.map((r) => r.id).sort()).to.deep.equal(want.map((h) => h.report.id).sort());
      expect((await ask(engine, query)).total).to.equal(want.length);
    },
  },
  /**
   * The search server ranks by BM25 over its own index in memory, as the page does, but scores
   * the fields after title, authors and organisations as one (a tsvector's weight classes; README,
   * "A search server"): the same reports, the first ones mostly alike, some in another order.
   */
  'the fields after organisations scored as one': {
    applies: ranked,
    check: (engine: Engine, query: Query) => alikeButOrder(engine, query),
  },
};

/** A split catalogue's files replaced, by path in its build's folder: a text, or an HTTP status to answer instead. */
type Changes = Record<string, string | number>;

/** Splits the catalogue and serves its files, some of them replaced; the manifest's address. */
async function served(of: Catalogue, changes: Changes = {}) {
  const files = splitCatalogue(of);
  const build = (JSON.parse(files.get('catalogue.json')!) as { build: string }).build;
  const replaced = Object.entries(changes).map(([path, file]) => [`${build}/${path}`, file]);
  const { url } = await executeServerCommand<{ url: string }, { files: Changes }>('reportshelf-files', {
    files: { ...Object.fromEntries(files), ...Object.fromEntries(replaced) },
  });
  const manifest = new URL(`${url}catalogue.json`, location.href);
  return { manifest, json: JSON.parse(files.get('catalogue.json')!) as unknown };
}

/** Opens a split catalogue's engine as the elements do (the page's reader, or the lite file's worker). */
async function openSplit(open: typeof lite.openSplit, at: Awaited<ReturnType<typeof served>>): Promise<Engine> {
  const opened = await open(at.json, at.manifest, 'en');
  if (!opened || typeof opened === 'string') throw new Error(opened ?? 'reportshelf.split.js could not be loaded');
  return opened.engine;
}

interface Place {
  name: string;
  /** Where it answers otherwise than the index in the page, by design (see DIFFERENCES). */
  differs?: (keyof typeof DIFFERENCES)[];
  /**
   * Parts of the answers it leaves out, by design: the lite file's engine counts no regions
   * (`places`: their counting is left out of the lite file, its region tree counts them itself).
   */
  leaves?: string[];
  /** An engine answering queries of `catalogue`. */
  make(catalogue: Catalogue): Promise<Engine>;
  /** A split catalogue's engine, for its files' failures: its files, some of them replaced. */
  split?: (changes: Changes) => Promise<Engine>;
}

const PLACES: Place[] = [
  { name: 'the index in the page', make: async (catalogue) => pageEngine(createLibrary(catalogue)) },
  {
    name: 'the lite file’s worker',
    leaves: ['places'],
    make: async (catalogue) => lite.singleEngine(createTables(catalogue)),
  },
  {
    name: 'a split catalogue’s reader in the page',
    differs: ['scores in tenths', 'no text for phrases'],
    make: async (catalogue) => openSplit(page.openSplit, await served(catalogue)),
    split: async (changes) => openSplit(page.openSplit, await served(catalogue, changes)),
  },
  {
    name: 'a split catalogue’s reader in the lite file’s worker',
    differs: ['scores in tenths', 'no text for phrases'],
    make: async (catalogue) => openSplit(lite.openSplit, await served(catalogue)),
    split: async (changes) => openSplit(lite.openSplit, await served(catalogue, changes)),
  },
  {
    name: 'the search server',
    differs: ['the fields after organisations scored as one'],
    async make(catalogue) {
      const { url } = await executeServerCommand<{ url: string }, { catalogue: unknown }>('reportshelf-server', {
        catalogue,
      });
      return serverEngine(url);
    },
  },
];

describe('the reference answers (the index in the page) are right', () => {
  const run = (query: Partial<Query>) => runQuery(reference, query);
  const text = (r: Report) =>
    [r.title, r.summary, ...r.countries, ...r.regions, ...r.categories, ...r.authors, ...r.organizations]
      .join(' ')
      .toLowerCase();

  it('a quoted phrase finds the reports that have it, and only those', () => {
    const results = run({ q: '"victims of trafficking"', pageSize: 100 });
    expect(results.total).to.be.greaterThan(0);
    for (const hit of results.hits) expect(text(hit.report)).to.include('victims of trafficking');
  });

  it('a -word leaves out the reports that have it', () => {
    const all = run({ q: 'trafficking' }).total;
    const results = run({ q: 'trafficking -framework', pageSize: 100 });
    expect(results.total).to.be.greaterThan(0).and.lessThan(all);
    for (const hit of results.hits) expect(text(hit.report)).not.to.match(/\bframework/);
  });

  it('finds a word despite a typo or its accents', () => {
    const typo = run({ q: 'trafficcking' });
    expect(typo.total).to.be.greaterThan(200);
    expect(typo.hits[0]!.terms).to.include('trafficking');
    expect(run({ q: 'refugies mediterranee' }).hits[0]!.report.id).to.equal('fr-refugies');
  });

  it('counts a facet as if it were not set (disjunctive), and puts the undated apart', () => {
    const results = run({ filters: { region: ['Europe'] } });
    const worldwide = results.facets.region.values.find((v) => v.value === 'Worldwide')!;
    expect(worldwide.count).to.equal(catalogue.reports.filter((r) => r.regions.includes('Worldwide')).length);
    const range = run({ yearFrom: 2005, yearTo: 2012, undated: true });
    expect(range.undated).to.equal(catalogue.reports.filter((r) => r.year === undefined).length);
    expect(range.total).to.equal(
      catalogue.reports.filter((r) => r.year === undefined || (r.year >= 2005 && r.year <= 2012)).length,
    );
  });

  it('counts each region’s reports once, with every filter but the countries’ (disjunctive)', () => {
    const region = catalogue.places!['Region 2']!;
    const results = run({ q: 'trafficking', filters: { country: [region[0]!], language: ['en'] } });
    const words = new Set(runQuery(reference, { q: 'trafficking' }, true).hits.map((hit) => hit.report.id));
    const want = catalogue.reports.filter(
      (r) => words.has(r.id) && r.language === 'en' && r.countries.some((c) => region.includes(c)),
    ).length;
    const countries = region.map((c) => results.facets.country.values.find((v) => v.value === c)?.count ?? 0);
    expect(results.places!['Region 2']).to.equal(want);
    // Fewer than its countries' counts added up: a report in two of them counts once.
    expect(want)
      .to.be.greaterThan(0)
      .and.lessThan(countries.reduce((a, b) => a + b));
    expect(results.places!.Atlantis).to.equal(0);
    expect(Object.keys(results.places!)).to.deep.equal(Object.keys(catalogue.places!));
  });

  it('finds a report’s related reports: itself first, then those that share most of its words', () => {
    for (const id of RELATED) {
      const results = run({ q: related(id), pageSize: 6 });
      expect(results.hits[0]!.report.id, id).to.equal(id);
      expect(results.hits.length, id).to.be.greaterThan(1);
      // Each shares some of its words, the first ones most.
      const shared = results.hits.slice(1).map((hit) => hit.terms.length);
      expect(Math.min(...shared), id).to.be.greaterThan(0);
    }
    // A French report on refugees and trafficking ("traite") is nearest others on either.
    const french = run({ q: related('fr-refugies'), pageSize: 6 }).hits.slice(1);
    for (const hit of french)
      expect(
        hit.terms.filter((term) => /^(refug|trait)/.test(term)),
        hit.report.title,
      ).not.to.be.empty;
  });

  it('says what to drop when nothing is found, suggests words, and follows with the best matches', () => {
    expect(run({ q: 'trafficking', filters: { region: ['América Latina'] }, yearFrom: 2000 }).relaxed).to.not.be.empty;
    expect(run({ q: 'trafikcing' }).suggestion).to.equal('traffick');
    expect(run({ q: 'trafficking protectoin xqzvw' }).partial).to.be.greaterThan(0);
    expect(run({ report: 'no-such-report', q: 'trafficking' }).missing).to.equal(true);
    expect(run({ sort: 'title', page: 999 }).page).to.equal(run({ sort: 'title' }).pageCount);
  });
});

for (const place of PLACES)
  describe(`the engine contract: ${place.name}`, () => {
    let engine: Engine;
    before(async function () {
      // The first of each: a worker started, a PostgreSQL started and loaded.
      this.timeout(120_000);
      engine = await place.make(catalogue);
    });
    after(() => engine?.stop());

    for (const [name, query] of QUERIES)
      it(name, async () => {
        const difference = (place.differs ?? []).find((d) => DIFFERENCES[d].applies(normaliseQuery(query)));
        if (difference) return DIFFERENCES[difference].check(engine, normaliseQuery(query));
        const got = await ask(engine, query);
        alike(got, runQuery(reference, query), place.leaves);
        for (const left of place.leaves ?? []) expect(got, left).not.to.have.property(left);
      });

    it('counts the facets asked for (those shown; the others may come back empty)', async () => {
      const query = normaliseQuery({ filters: { region: ['Worldwide'] }, yearFrom: 2000 });
      const got = await engine.query({ query, facets: ['region', 'author'] });
      const want = runQuery(reference, query);
      const [lists, wanted] = [said(got).facets, said(want).facets] as Record<string, unknown>[];
      for (const name of ['region', 'author']) expect(lists![name], name).to.deep.equal(wanted![name]);
      expect(got.total).to.equal(want.total);
    });

    it('exports every report a query finds, in its order', async () => {
      const query = normaliseQuery({ q: 'protection', sort: 'title', filters: { region: ['Worldwide'] } });
      const got = await engine.all(query);
      expect(got.map((r) => r.id)).to.deep.equal(runQuery(reference, query, true).hits.map((h) => h.report.id));
    });

    it('never shows an overtaken answer: two queries, the first answered last, the store shows the second', async () => {
      // The engine answers both; the first query's answer is held until the second's shows.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let first: Promise<unknown> | undefined;
      const late: Engine = {
        ...engine,
        query(request, signal) {
          const answer = engine.query(request, signal);
          if (first) return answer;
          first = answer.then(
            (results) => held.then(() => results),
            (error: unknown) => held.then(() => Promise.reject(error)),
          );
          return first as Promise<Results>;
        },
        stop() {},
      };
      const store = createStore({ q: 'trafficking' });
      const told: StoreState[] = [];
      store.subscribe((state) => told.push(state));
      store.setLibrary(createTables({ version: 1, reports: [] }), late);
      await waitUntil(() => first !== undefined, 'the first query asked');
      store.setQuery({ q: 'protection' });
      await waitUntil(() => told.some((state) => state.results?.query.q === 'protection' && !state.results.pending));
      release();
      // Whatever the first brings now (its request was aborted) is dropped: the store heard it
      // before this test does (it listened first).
      await first!.catch(() => {});
      const shown = told.filter((state) => state.results && !state.results.pending);
      expect(shown.map((state) => state.results!.query.q)).to.deep.equal(['protection']);
      expect(store.getState().results!.total).to.equal(runQuery(reference, { q: 'protection' }).total);
    });
  });

/** What a query of a split catalogue with its files replaced gives: its results, or why not. */
const outcome = async (
  split: NonNullable<Place['split']>,
  changes: Changes,
  query: Partial<Query> = {},
): Promise<{ kind?: EngineErrorKind; message?: string; results?: Results }> => {
  const engine = await split(changes);
  try {
    return await answerOf(engine, query);
  } finally {
    engine.stop();
  }
};

/** An engine's answer to a query, or the kind and message of its `EngineError`. */
async function answerOf(
  engine: Engine,
  query: Partial<Query>,
): Promise<{ kind?: EngineErrorKind; message?: string; results?: Results }> {
  try {
    return { results: await ask(engine, query) };
  } catch (error) {
    expect(error).to.be.instanceOf(EngineError);
    return { kind: (error as EngineError).kind, message: (error as EngineError).message };
  }
}

/** The split catalogue's files, by path in its build's folder. */
const splitFiles = () =>
  new Map([...splitCatalogue(catalogue)].map(([path, text]) => [path.replace(/^[0-9a-f]+\//, ''), text]));

for (const place of PLACES.filter((p) => p.split))
  describe(`a damaged split catalogue: ${place.name}`, () => {
    const split = place.split!;

    it('says a file that is not JSON is damaged', async () => {
      const got = await outcome(split, { 'years.json': '{"years": [1, 2' });
      expect(got.kind).to.equal('damaged');
      expect(got.message).to.match(/years\.json/);
    });

    it('says a file the manifest names but the folder lacks (a 404) is damaged, after its tries', async function () {
      this.timeout(10_000);
      const got = await outcome(split, { 'years.json': 404 });
      expect(got.kind).to.equal('damaged');
      expect(got.message).to.match(/years\.json/);
    });

    it('says a server that fails (a 503) is out of reach: network, after its tries', async function () {
      this.timeout(10_000);
      const got = await outcome(split, { 'years.json': 503 });
      expect(got.kind).to.equal('network');
    });

    it('leaves out the reports of a damaged card file, and says how many', async () => {
      const full = runQuery(reference, { sort: 'title' });
      // The first card file: the first reports by title.
      const cards = (JSON.parse(splitFiles().get('cards/0.json')!) as unknown[]).length;
      const got = await outcome(split, { 'cards/0.json': '[{"id": "a", "title": ' }, { sort: 'title' });
      expect(got.results!.unavailable).to.equal(cards);
      expect(got.results!.hits.map((h) => h.report.id)).to.deep.equal(full.hits.slice(cards).map((h) => h.report.id));
    });

    it('searches without a damaged index file, and says the results are incomplete', async () => {
      const index = [...splitFiles().keys()].filter((path) => path.startsWith('index/'));
      const got = await outcome(split, Object.fromEntries(index.map((path) => [path, 'not json'])), {
        q: 'trafficking',
      });
      expect(got.results!.incomplete).to.equal(true);
      expect(got.results!.total).to.equal(0);
    });
  });

/**
 * The search server's own failures. (That it refuses a query past its limits is its own too: the
 * engines in the page hold the catalogue and have nothing to protect, and `normaliseQuery` bounds
 * what they are asked.)
 */
describe('the search server’s failures, as the engine says them', () => {
  it('says a query the server refuses (past its limits) is refused, with its reason', async () => {
    const { url } = await executeServerCommand<{ url: string }, { catalogue: unknown }>('reportshelf-server', {
      catalogue,
    });
    const got = await answerOf(serverEngine(url), { filters: { country: ['x'.repeat(301)] } });
    expect(got.kind).to.equal('refused');
    expect(got.message).to.match(/country/);
  });

  it('says a server that cannot be reached is out of reach: network, after its tries', async function () {
    this.timeout(10_000);
    // (Port 9, discard: nothing answers there, and browsers refuse to ask it.)
    expect((await answerOf(serverEngine('http://127.0.0.1:9/'), {})).kind).to.equal('network');
  });

  it('says an address that answers what is not a search server is damaged', async () => {
    expect((await answerOf(serverEngine('/served/none/'), {})).kind).to.equal('damaged');
  });
});
