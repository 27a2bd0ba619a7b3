/**
 * The split format for large catalogues (packages/core/src/split*.ts): what `splitCatalogue` writes
 * and `SplitReader` answers, against the single-file engine on the same catalogue, and what a
 * damaged file gives. The elements reading it in Chromium: test/e2e/split.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  createLibrary,
  createStore,
  createTables,
  splitEngine,
  warmSplit,
  type Engine,
  type StoreState,
  parseCatalogue,
  readManifest,
  runQuery,
  splitCatalogue,
  splitFetch,
  SplitReader,
  SplitRebuilt,
  KEPT_BYTES,
  type Catalogue,
  type FacetName,
  type Query,
  type Results,
} from '@reportshelf/core';
import { generateCatalogue } from '../../bench/generate.js';

const SHOWN: FacetName[] = ['region', 'country', 'category', 'author', 'organization', 'language'];

interface Split {
  reader: SplitReader;
  /** The page's side: an engine whose queries the reader answers. */
  page: Engine;
  files: Map<string, string>;
  fetched: string[];
}

/** The files of a catalogue in the split format, by their paths in its build's folder (and the manifest). */
function builtFiles(catalogue: Catalogue): Map<string, string> {
  return new Map([...splitCatalogue(catalogue)].map(([path, text]) => [path.replace(/^[0-9a-f]{16}\//, ''), text]));
}

/** A catalogue in the split format, read from memory; `damage` replaces files (by their paths in the build). */
function split(catalogue: Catalogue, damage: Record<string, unknown> = {}, lost = new Set<string>()): Split {
  const files = builtFiles(catalogue);
  const manifest = readManifest(JSON.parse(files.get('catalogue.json')!));
  assert.ok(typeof manifest !== 'string', String(manifest));
  const fetched: string[] = [];
  const reader = new SplitReader(manifest, async (built) => {
    // A check of the build (the manifest as served now): this one stays.
    if (built === '') return void fetched.push('(build checked)');
    assert.ok(built.startsWith(`${manifest.build}/`), built);
    const path = built.slice(manifest.build!.length + 1);
    fetched.push(path);
    if (lost.has(path)) throw new Error(`${path}: HTTP 503`);
    if (path in damage) return damage[path];
    if (!files.has(path)) throw new Error(`${path}: 404`);
    return JSON.parse(files.get(path)!);
  });
  const page = splitEngine(manifest, () => ({
    ask: (query, wanted, all, signal) => reader.query(query, wanted, all, () => signal?.aborted === true),
    stop() {},
  }));
  return { reader, page, files, fetched };
}

/** What a visitor sees of results: the page's reports, counts, facets and the notes on an empty list. */
const seen = (r: Results) => ({
  ids: r.hits.map((h) => h.report.id),
  total: r.total,
  page: r.page,
  pageCount: r.pageCount,
  sort: r.sort,
  years: r.years,
  yearBounds: r.yearBounds,
  undated: r.undated,
  relaxed: r.relaxed,
  suggestion: r.suggestion,
  partial: r.partial,
  missing: r.missing,
  facets: Object.fromEntries(SHOWN.map((name) => [name, r.facets[name].values])),
});

/** A query run by the single-file engine, and by the page of a split catalogue as it runs it: asked, then answered. */
async function both(catalogue: Catalogue, { page }: Split, query: Partial<Query>) {
  const single = runQuery(createLibrary(catalogue), query);
  // As the elements run it: a store whose results wait for the reader, then come to its listeners
  // (the page of results first, while the facet files come: the answer is what follows).
  const store = createStore(query);
  let answer: Promise<Results> | undefined;
  const engine: Engine = { ...page, query: (...asked) => (answer = page.query(...asked)) };
  store.setLibrary(createTables({ version: 1, reports: [] }), engine, SHOWN);
  await new Promise<void>((resolve) => {
    const stop = store.subscribe(() => (stop(), resolve()));
  });
  await answer;
  const got = store.getState().results!;
  assert.equal(got.pending, false);
  return { single: seen(single), split: seen(got) };
}

const seed = parseCatalogue(
  JSON.parse(readFileSync(new URL('../../data/catalogue.json', import.meta.url), 'utf8')),
).catalogue;

test('the split format answers browsing, filters, sorts, pages, links and empty lists as the single file does', async () => {
  for (const catalogue of [seed, generateCatalogue(2_000, 5)]) {
    const format = split(catalogue);
    const [a, b] = [catalogue.reports[3]!, catalogue.reports[catalogue.reports.length - 2]!];
    const queries: Partial<Query>[] = [
      {},
      { sort: 'title' },
      { sort: 'oldest', page: 2 },
      { sort: 'newest', page: 999 },
      { filters: { country: a.countries, region: b.regions } },
      { filters: { country: ['Nowhere at all'] } },
      { yearFrom: 2005, yearTo: 2012 },
      { yearFrom: 2005, undated: true },
      { filters: { author: a.authors.slice(0, 1) } },
      { report: b.id },
      { report: 'no-such-report' },
      { filters: { country: a.countries }, yearFrom: 2100 },
    ];
    for (const query of queries) {
      const { single, split: got } = await both(catalogue, format, query);
      assert.deepEqual(got, single, JSON.stringify(query));
    }
  }
});

test('the split format finds the same reports for words, beginnings of words, typos and -words', async () => {
  const catalogue = generateCatalogue(2_000, 5);
  const format = split(catalogue);
  const { reader } = format;
  for (const q of [
    'trafficking',
    'children migrants',
    'traff',
    'trafficing',
    'victims -children',
    '-children',
    'xqzzyv',
    'TRAFFICKING Children',
    // Another form of a word, stop words, words no report has all of, swapped letters.
    'trafficked child',
    'protection of the victims',
    'children xqzzyv victims',
    'the',
    'chlidren',
  ]) {
    const { single, split: got } = await both(catalogue, format, { q, sort: 'title', pageSize: 100 });
    assert.deepEqual(got, single, q);
  }
  // Relevance: nearly the same first page (scores are the same BM25+, stored rounded).
  const single = runQuery(createLibrary(catalogue), { q: 'trafficking' });
  const answer = (await reader.query({ q: 'trafficking' }, []))!.parts;
  const first = new Set(single.hits.map((h) => h.report.id));
  assert.ok(answer.hits.filter((h) => first.has(h.report.id)).length >= 8);
});

test('a query fetches only what it needs: no cards or index files to browse, the index files of its words to search', async () => {
  const catalogue = generateCatalogue(2_000, 5);
  const { reader, fetched, files } = split(catalogue);
  await reader.query({}, ['region', 'country']);
  assert.deepEqual(fetched.filter((f) => !f.startsWith('cards/')).sort(), [
    'facets/country.json',
    'facets/region.json',
    'years.json',
  ]);
  assert.ok(fetched.filter((f) => f.startsWith('cards/')).length <= 10);
  fetched.length = 0;
  await reader.query({ q: 'trafficking' }, ['region', 'country']);
  const index = fetched.filter((f) => f.startsWith('index/'));
  // The file where its term is, and those beside it (for typos).
  assert.ok(index.length >= 1 && index.length <= 3, index.join());
  assert.ok([...files.keys()].filter((f) => f.startsWith('index/')).length > 10);
  // Fetched once: the same words again fetch nothing but cards.
  fetched.length = 0;
  await reader.query({ q: 'trafficking', page: 2 }, ['region', 'country']);
  assert.deepEqual(
    fetched.filter((f) => !f.startsWith('cards/')),
    [],
  );
});

test("a small catalogue's whole index comes after its first answer: the next words need no round trip; a large one's does not", async () => {
  const catalogue = generateCatalogue(1_000, 5);
  const { reader, fetched, files } = split(catalogue);
  const indexFiles = [...files.keys()].filter((f) => /^index\//.test(f));
  // At most 16 index files are fetched ahead (PREFETCH_INDEX_FILES).
  assert.ok(indexFiles.length > 1 && indexFiles.length <= 16, `${indexFiles.length} index files`);
  await reader.query({}, ['region']);
  // Not before the answer: browsing fetched no index file.
  assert.deepEqual(
    fetched.filter((f) => f.startsWith('index/')),
    [],
  );
  // Then every one, once (the query started it; this waits for it).
  await reader.prefetch();
  assert.equal(fetched.filter((f) => f.startsWith('index/')).length, indexFiles.length);
  fetched.length = 0;
  for (const q of ['trafficking', 'children migrants', 'labour exploitaton']) {
    const answer = await reader.query({ q }, ['region']);
    assert.ok(answer!.parts.hits.length > 0, q);
  }
  // The build checked once per query that used a file fetched ahead for the first time.
  assert.deepEqual(
    fetched.filter((f) => !f.startsWith('cards/') && f !== '(build checked)'),
    [],
  );
  assert.ok(fetched.includes('(build checked)'));

  // A large catalogue: only its words' files, as before.
  const large = split(generateCatalogue(4_000, 5));
  await large.reader.query({}, ['region']);
  await large.reader.query({ q: 'trafficking' }, ['region']);
  await large.reader.prefetch();
  assert.ok(large.fetched.filter((f) => f.startsWith('index/')).length <= 3);
});

test('the index fetched ahead waits while a query runs, so that the query has the network to itself', async () => {
  const { reader, fetched } = split(generateCatalogue(1_000, 5));
  // The index files fetched by the time the query asks whether it is stale (between its steps).
  const during: string[][] = [];
  const running = reader.query({}, ['region', 'country'], false, () => {
    during.push(fetched.filter((f) => f.startsWith('index/')));
    return false;
  });
  const prefetching = reader.prefetch();
  await running;
  assert.ok(during.length > 0);
  assert.deepEqual(during.flat(), []);
  await prefetching;
  assert.ok(fetched.some((f) => f.startsWith('index/')));
});

test('a folder rebuilt after its index was fetched ahead: the query that first uses those files finds the new build', async () => {
  const first = new Map(splitCatalogue(generateCatalogue(300, 5)));
  const second = new Map(splitCatalogue(generateCatalogue(300, 6)));
  const manifest = readManifest(JSON.parse(first.get('catalogue.json')!));
  assert.ok(typeof manifest !== 'string');
  let files = first;
  const fetchWas = globalThis.fetch;
  globalThis.fetch = (async (input: URL | string) => {
    const text = files.get(new URL(input).pathname.slice(1));
    return text === undefined ? new Response('', { status: 404 }) : new Response(text);
  }) as typeof fetch;
  try {
    const reader = new SplitReader(manifest, splitFetch('https://example.org/catalogue.json', manifest.build));
    await reader.query({}, ['region']);
    await reader.prefetch();
    // Its files gone, a new build's in their place: a word it lacks (no cards to fetch, which would
    // meet the 404) searched in the index at hand says so.
    files = second;
    const build = (JSON.parse(second.get('catalogue.json')!) as { build: string }).build;
    await assert.rejects(
      reader.query({ q: 'zebra' }, ['region']),
      (error) => error instanceof SplitRebuilt && error.manifest.build === build,
    );
  } finally {
    globalThis.fetch = fetchWas;
  }
});

test('a damaged file gives an error that names it (the years) or a warning (a facet or index file); a damaged report is left out and said', async () => {
  const catalogue = generateCatalogue(300, 5);
  for (const [file, value, message] of [
    ['years.json', [2001], /years\.json does not hold a year/],
    ['years.json', Array.from({ length: 300 }, (_, i) => (i === 7 ? -300000 : 2001)), /a year from 1800 to 2100/],
    [
      'facets/country.json',
      { labels: ['A'], rows: [7] },
      /facets\/country\.json does not hold this catalogue's country values/,
    ],
    ['index/*', { not: 'an index' }, /index\/\d+\.json is not an index file/],
  ] as const) {
    const damage = Object.fromEntries(
      [...builtFiles(catalogue).keys()]
        .filter((path) => path.startsWith(file.replace('*', '')))
        .map((path) => [path, value]),
    );
    const query = split(catalogue, damage).reader.query({ q: 'trafficking' }, ['country']);
    if (file === 'years.json') {
      await assert.rejects(query, message);
      continue;
    }
    // A facet or index file: the query goes on without it, said, and the warning names it.
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (text: string) => warnings.push(text);
    try {
      assert.equal((await query)!.parts.incomplete, true);
    } finally {
      console.warn = warn;
    }
    assert.match(warnings.join('\n'), message);
  }

  // A card without its title: its report is left out of the page with a warning, the others shown.
  const { reader: whole, files } = split(catalogue);
  const cards = JSON.parse(files.get('cards/0.json')!) as Record<string, unknown>[];
  delete cards[1]!.title;
  const damaged = split(catalogue, { 'cards/0.json': cards }).reader;
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (message: string) => warnings.push(message);
  try {
    const page = (await damaged.query({ sort: 'title' }, []))!.parts;
    const all = (await whole.query({ sort: 'title' }, []))!.parts;
    assert.deepEqual(
      page.hits.map((h) => h.report.id),
      all.hits.map((h) => h.report.id).filter((_, i) => i !== 1),
    );
  } finally {
    console.warn = warn;
  }
  assert.match(warnings.join('\n'), /cards\/0\.json: .*title/);
});

test('a manifest that is not one says what is wrong', () => {
  const good = JSON.parse(splitCatalogue(generateCatalogue(20, 1)).get('catalogue.json')!);
  assert.equal(typeof readManifest(good), 'object');
  for (const [change, message] of [
    [{ version: 2 }, /"version" is not 1/],
    [{ count: -1 }, /"count"/],
    [{ count: 1e8 }, /"count" is not a number of reports from 0 to 2,000,000/],
    [{ count: 2 ** 32 }, /"count"/],
    [{ cards: 1e9 }, /"cards" and "ids"/],
    [{ build: '../../etc' }, /"build" is not the name of a build/],
    [{ cards: 0 }, /"cards" and "ids"/],
    [{ facets: { region: 3 } }, /"facets" must give/],
    [{ index: [] }, /"index" must list/],
    [{ title: 7 }, /"title" is not text/],
    // A folder whose terms another analysis made (an earlier version's, or none) is not searched wrongly.
    [{ analysis: undefined }, /built by another version of Reportshelf: build it again/],
    [{ analysis: 'reportshelf-words-0' }, /built by another version of Reportshelf: build it again/],
  ] as const)
    assert.match(String(readManifest({ ...good, ...change })), message);
});

test('a page asked of a split catalogue is kept while its answer comes: browsing, a filter, a sort', async () => {
  const catalogue = generateCatalogue(300, 5);
  const { page } = split(catalogue);
  const region = catalogue.reports[0]!.regions[0]!;
  for (const query of [{ page: 3 }, { page: 2, filters: { region: [region] } }, { page: 4, sort: 'title' as const }]) {
    const store = createStore(query);
    store.setLibrary(createTables({ version: 1, reports: [] }), page, SHOWN);
    const states: Results[] = [];
    await new Promise<void>((resolve) => {
      const stop = store.subscribe(({ results }) => {
        states.push(results!);
        if (!results!.pending) (resolve(), stop());
      });
    });
    assert.equal(states[0]!.pending, true);
    assert.equal(states[0]!.query.page, query.page, JSON.stringify(query));
    assert.equal(states.at(-1)!.page, query.page);
  }
});

test('links to reports whose ids are names every object has (__proto__, constructor, toString) find them', async () => {
  const catalogue = generateCatalogue(300, 5);
  const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
  names.forEach((id, i) => (catalogue.reports[i * 7]!.id = id));
  const format = split(parseCatalogue(catalogue).catalogue);
  for (const id of [...names, 'prototype']) {
    const { single, split: got } = await both(catalogue, format, { report: id });
    assert.deepEqual(got, single, id);
    if (id === 'prototype') assert.equal(got.missing, true);
    else assert.deepEqual(got.ids, [id]);
  }
});

test('a card file that cannot be had leaves its reports out of the page, said, and is asked for again by the next query', async () => {
  const catalogue = generateCatalogue(300, 5);
  // The card file of rows 8 and 9 (two reports a file: CARDS).
  const lost = new Set(['cards/4.json']);
  const { reader } = split(catalogue, {}, lost);
  const whole = (await split(catalogue).reader.query({ sort: 'title' }, []))!.parts;
  const warn = console.warn;
  const warnings: string[] = [];
  console.warn = (message: string) => warnings.push(message);
  try {
    const page = (await reader.query({ sort: 'title' }, []))!.parts;
    // Rows 8 and 9 are in the lost file.
    assert.deepEqual(
      page.hits.map((h) => h.report.id),
      whole.hits.map((h) => h.report.id).slice(0, 8),
    );
    assert.equal(page.unavailable, 2);
    assert.equal(page.total, 300);
    assert.match(warnings.join('\n'), /cards\/4\.json: HTTP 503/);
  } finally {
    console.warn = warn;
  }
  lost.clear();
  const again = (await reader.query({ sort: 'title' }, []))!.parts;
  assert.deepEqual(
    again.hits.map((h) => h.report.id),
    whole.hits.map((h) => h.report.id),
  );
  assert.equal(again.unavailable, undefined);
});

test('a reader keeps answers and files within bytes: many searches later, no more than its bounds, and still right', async () => {
  const bounds = { ...KEPT_BYTES };
  // Bounds a few files or answers wide (one index file is about 300 KB held), far below the real ones.
  Object.assign(KEPT_BYTES, { answers: 1_000_000, index: 1_000_000, cards: 100_000, ids: 50_000 });
  try {
    const catalogue = generateCatalogue(2_000, 5);
    const { reader } = split(catalogue);
    const words = ['trafficking', 'children', 'victims', 'migrants', 'labour', 'women', 'report', 'border'];
    for (const word of words)
      for (let length = 1; length <= word.length; length++) {
        await reader.query({ q: word.slice(0, length), page: length }, []);
        const kept = reader.kept();
        for (const name of ['answers', 'index', 'cards', 'ids'] as const)
          assert.ok(kept[name] <= KEPT_BYTES[name] || kept[name] === 0, `${name}: ${kept[name]} bytes kept`);
      }
    assert.ok(reader.kept().answers > 0 && reader.kept().index > 0 && reader.kept().cards > 0);
    for (const q of ['trafficking', 'traff', 'children migrants']) {
      const single = runQuery(createLibrary(catalogue), { q, sort: 'title', pageSize: 100 });
      const got = (await reader.query({ q, sort: 'title', pageSize: 100 }, []))!.parts;
      assert.deepEqual(
        got.hits.map((h) => h.report.id),
        single.hits.map((h) => h.report.id),
        q,
      );
    }
  } finally {
    Object.assign(KEPT_BYTES, bounds);
  }
});

test('an index, facet or id file that cannot be had: the query goes on without it, says so, and asks for it again', async () => {
  const catalogue = generateCatalogue(2_000, 5);
  const whole = split(catalogue).reader;
  const lost = new Set<string>();
  const { reader } = split(catalogue, {}, lost);
  const warn = console.warn;
  console.warn = () => {};
  try {
    // An index file of the word: the search goes on without its postings, said; not kept.
    await whole.query({ q: 'trafficking' }, []);
    const right = (await whole.query({ q: 'trafficking' }, []))!.parts;
    const { fetched: needed, reader: probe } = split(catalogue);
    await probe.query({ q: 'trafficking' }, []);
    const index = needed.filter((f) => f.startsWith('index/'));
    for (const file of index) lost.add(file);
    const without = (await reader.query({ q: 'trafficking' }, []))!.parts;
    assert.equal(without.incomplete, true);
    assert.equal(without.pending, false);
    assert.equal(without.total, 0);
    lost.clear();
    const back = (await reader.query({ q: 'trafficking' }, []))!.parts;
    assert.equal(back.incomplete, undefined);
    assert.equal(back.total, right.total);

    // A facet's file: its group has no values, a filter on it is not applied (still chosen), said.
    const region = catalogue.reports[0]!.regions![0]!;
    lost.add('facets/region.json');
    const facetless = (await reader.query({ filters: { region: [region] } }, ['region']))!;
    assert.equal(facetless.parts.incomplete, true);
    assert.equal(facetless.parts.total, 2_000);
    assert.deepEqual(facetless.parts.query.filters, { region: [region] });
    assert.equal(facetless.labels?.region, undefined);
    lost.clear();
    const filtered = (await reader.query({ filters: { region: [region] } }, ['region']))!;
    assert.equal(filtered.parts.incomplete, undefined);
    assert.ok(filtered.parts.total < 2_000);
    assert.ok(filtered.labels?.region?.includes(region));

    // An id file: the linked report is said to be not loaded (not gone), the list works.
    const id = catalogue.reports[5]!.id;
    for (let i = 0; i < 64; i++) lost.add(`ids/${i}.json`);
    const link = (await reader.query({ report: id }, []))!.parts;
    assert.equal(link.unloaded, true);
    assert.equal(link.missing, undefined);
    assert.equal(link.total, 2_000);
    assert.equal(link.query.report, id);
    lost.clear();
    const linked = (await reader.query({ report: id }, []))!.parts;
    assert.equal(linked.unloaded, undefined);
    assert.deepEqual(
      linked.hits.map((h) => h.report.id),
      [id],
    );
  } finally {
    console.warn = warn;
  }
});

test('a file that fails a few times is tried again; one still failing after its tries leaves the search without it', async () => {
  const catalogue = generateCatalogue(300, 5);
  const files = new Map(splitCatalogue(catalogue));
  const build = readManifest(JSON.parse(files.get('catalogue.json')!));
  assert.ok(typeof build !== 'string');
  const failing = new Map<string, number>();
  const asked: string[] = [];
  const fetchWas = globalThis.fetch;
  globalThis.fetch = (async (input: URL | string) => {
    const path = new URL(input).pathname.slice(1);
    asked.push(path);
    const left = failing.get(path) ?? 0;
    if (left > 0) {
      failing.set(path, left - 1);
      return new Response('busy', { status: 503 });
    }
    const text = files.get(path);
    return text === undefined ? new Response('', { status: 404 }) : new Response(text);
  }) as typeof fetch;
  const warn = console.warn;
  console.warn = () => {};
  try {
    const reader = new SplitReader(build, splitFetch('https://example.org/catalogue.json', build.build));
    const right = (await reader.query({ q: 'trafficking' }, []))!.parts;
    const index = asked.filter((p) => p.includes('/index/'));
    assert.ok(index.length > 0);
    // Fewer failures than tries (3): the same answer as before.
    const fresh = new SplitReader(build, splitFetch('https://example.org/catalogue.json', build.build));
    for (const path of index) failing.set(path, 2);
    const retried = (await fresh.query({ q: 'trafficking' }, []))!.parts;
    assert.equal(retried.incomplete, undefined);
    assert.equal(retried.total, right.total);
    // As many failures as tries: the search goes on without them, said.
    const other = new SplitReader(build, splitFetch('https://example.org/catalogue.json', build.build));
    for (const path of index) failing.set(path, 3);
    const without = (await other.query({ q: 'trafficking' }, []))!.parts;
    assert.equal(without.incomplete, true);
    assert.equal(without.pending, false);
    // Back: the next query asks again.
    const back = (await other.query({ q: 'trafficking' }, []))!.parts;
    assert.equal(back.incomplete, undefined);
    assert.equal(back.total, right.total);
  } finally {
    globalThis.fetch = fetchWas;
    console.warn = warn;
  }
});

test('the page fetches, while the worker comes, only index files the reader then reads (warmSplit)', async () => {
  const arabic = generateCatalogue(1_000, 9);
  // Reports in Arabic too, whose stems (prefixes taken off) sort far from the words typed.
  arabic.reports.slice(0, 400).forEach((report, i) => {
    report.language = 'ar';
    report.title = ['الاتجار بالبشر والنساء', 'حماية الأطفال المهاجرين', 'والعمل القسري في البحر'][i % 3]!;
  });
  for (const [name, catalogue] of [
    ['1,000 reports', generateCatalogue(1_000, 5)],
    ['10,000 reports', generateCatalogue(10_000, 5)],
    ['with Arabic', arabic],
  ] as const) {
    const files = builtFiles(catalogue);
    const manifest = readManifest(JSON.parse(files.get('catalogue.json')!));
    assert.ok(typeof manifest !== 'string');
    const url = new URL('https://example.org/reports/catalogue.json');
    for (const q of [
      'trafficking',
      'traffick',
      'human trafficking',
      'trafficked women',
      'the trafficking',
      'sahamo',
      'lurimo',
      'children -labour',
      'migrants "forced labour"',
      'الاتجار',
      'بالبشر',
      'حماية والنساء',
    ]) {
      // What the page asks for, by path in the build.
      const warmed: string[] = [];
      const { fetch } = globalThis;
      globalThis.fetch = (async (address: URL) => {
        warmed.push(address.pathname.replace(`/reports/${manifest.build}/`, ''));
        return new Response('[]');
      }) as typeof globalThis.fetch;
      try {
        const state = { query: { q } } as unknown as StoreState;
        warmSplit(manifest, url, { getState: () => state, subscribe: () => () => {} })();
      } finally {
        globalThis.fetch = fetch;
      }
      // What the reader asks for, answering the same query (before the prefetch, a task later).
      const { reader, fetched } = split(catalogue);
      await reader.query({ q }, []);
      const read = new Set(fetched);
      const unread = warmed.filter((path) => !read.has(path));
      assert.deepEqual(
        unread,
        [],
        `${name}, "${q}": the page fetched ${unread.join(', ')}, the reader ${[...read].join(', ')}`,
      );
    }
  }
});
