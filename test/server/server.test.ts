/**
 * The search server over a PostgreSQL of its own (started here on 127.0.0.1, see postgres.ts),
 * holding 10,000 reports: it answers as the in-page engine (`runQuery`) answers the same query,
 * refuses bad parameters with a 400 that says what was wrong, and shows a report changed by
 * `load` in the next query.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fromSource } from './cli.js';
import assert from 'node:assert/strict';
import pg from 'pg';
import {
  allReports,
  createLibrary,
  encodeQuery,
  FACET_NAMES,
  isServer,
  RECENCY,
  runQuery,
  type Catalogue,
  type Library,
  type Query,
  type Results,
} from '@reportshelf/core';
import { loadCatalogue, startServer, type RunningServer } from '@reportshelf/server';
import { startPostgres, type Postgres } from './postgres.js';
import { testCatalogue } from './catalogue.js';

let postgres: Postgres;
let server: RunningServer;
let catalogue: Catalogue;
let library: Library;

before(async () => {
  postgres = await startPostgres();
  catalogue = testCatalogue();
  library = createLibrary(catalogue);
  await loadCatalogue(postgres.url, catalogue);
  server = await startServer({ databases: [postgres.url], port: 0, perClient: 8 });
});

after(async () => {
  await server?.close();
  await postgres?.stop();
});

const ask = (path: string, params: URLSearchParams) => fetch(`${server.url}${path}?${params}`);

async function serverResults(query: Partial<Query>): Promise<Results> {
  const params = encodeQuery(query);
  params.set('facets', FACET_NAMES.join(','));
  const response = await ask('query', params);
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as Results;
}

async function exported(query: Partial<Query>): Promise<string[]> {
  const response = await ask('export', encodeQuery(query)).catch((error: Error) => {
    throw new Error(`export: ${String(error.cause)}`);
  });
  assert.equal(response.status, 200);
  const text = await response.text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { id: string }).id);
}

/** What two engines must agree on: everything but relevance's order within a page. */
function comparable(results: Results, ordered: boolean) {
  const { hits, facets, ...rest } = results;
  const ids = hits.map((hit) => hit.report.id);
  return {
    ...rest,
    hits: ordered ? ids : ids.length,
    facets: FACET_NAMES.map((name) => facets[name].values),
  };
}

const QUERIES: Partial<Query>[] = [
  {},
  { sort: 'title', page: 5, pageSize: 25 },
  { q: 'trafficking', sort: 'newest' },
  { q: 'trafficking' },
  { q: 'trafficking women', sort: 'oldest', page: 3 },
  { q: '"victims of trafficking"', sort: 'title' },
  { q: 'protection -children', sort: 'newest' },
  { q: '-"human trafficking"', sort: 'title' },
  { q: '-trafficking' },
  { q: 'identificaction', sort: 'newest' },
  { q: 'humanitrian', sort: 'newest' },
  { q: 'migra', sort: 'newest' },
  { q: 'trafikcing' },
  { q: 'ghostword trafficking', sort: 'newest' },
  { q: 'women refugee camps assessment borno', sort: 'newest' },
  { q: 'the', sort: 'title' },
  { q: 'réfugiés', sort: 'newest' },
  { q: 'refugies traite', sort: 'newest' },
  { q: 'الاتجار بالنساء', sort: 'newest' },
  { filters: { region: ['Worldwide', 'West Africa'] }, sort: 'newest' },
  { q: 'labour', filters: { category: ['Research', 'Guidance'], language: ['fr', 'es'] }, sort: 'oldest' },
  { yearFrom: 2000, yearTo: 2010, undated: true, sort: 'oldest', page: 4 },
  { yearFrom: 2000, yearTo: 2010, sort: 'newest' },
  { yearTo: 1999, undated: false, sort: 'title' },
  { yearFrom: 2040 },
  { q: 'trafficking', filters: { country: ['Atlantis'] }, sort: 'newest' },
  { q: 'trafficking', filters: { organization: ['IOM'], country: ['Atlantis'] }, yearFrom: 2040 },
  { report: 'r42' },
  { report: 'r42', filters: { region: ['Atlantis'] } },
  { report: 'no-such-report', q: 'trafficking', sort: 'newest' },
  { q: 'protection', page: 99999, sort: 'newest' },
  { q: 'zzzzqqqxx' },
  { sort: 'added', page: 2 },
  { q: 'trafficking', filters: { language: ['fr', 'en'] }, sort: 'added', page: 3 },
];

describe('the server answers as the in-page engine', () => {
  for (const query of QUERIES)
    test(`?${encodeQuery(query).toString() || '(everything)'}`, async () => {
      const want = runQuery(library, query);
      const got = await serverResults(query);
      // Relevance is ranked by another formula: the same reports, perhaps in another order.
      const ordered = want.sort !== 'relevance';
      assert.deepEqual(comparable(got, ordered), comparable(JSON.parse(JSON.stringify(want)) as Results, ordered));
      const all = allReports(library, query);
      const ids = (await all).map((r) => r.id);
      const streamed = await exported(query);
      if (ordered) assert.deepEqual(streamed, ids);
      else assert.deepEqual([...streamed].sort(), [...ids].sort());
    });
});

describe('relevance ranked as the page ranks (BM25 over the words held in the server’s memory)', () => {
  test('the same first report for most searches, and most of the same first ten', async () => {
    const searches = [
      'trafficking',
      'trafficking women',
      'victims protec',
      'labour exploitation',
      'children',
      'forced labour',
      'migra',
      'refugee camps',
      'sexual exploitation',
      'identification of victims',
      'protection',
      'women refugee',
      'border',
      'assessment',
      'human rights',
      'domestic work',
      'trafficcking',
      'réfugiés',
      'الاتجار بالنساء',
      'economic girls',
      'action plan',
      'national referral',
      'survivors support',
      'guidance',
      'trafficking -children',
      'europe trafficking',
    ];
    let first = 0;
    let shared = 0;
    for (const q of searches) {
      const want = runQuery(library, { q, pageSize: 10 }).hits.map((hit) => hit.report.id);
      const got = (await serverResults({ q, pageSize: 10 })).hits.map((hit) => hit.report.id);
      assert.equal(got.length, want.length, q);
      assert.ok(want.length > 0, q);
      if (got[0] === want[0]) first++;
      shared += got.filter((id) => want.includes(id)).length / want.length;
    }
    // PostgreSQL's ts_rank, before: the same first report for 5 of these 26 searches, 45 % of the first ten; BM25 in memory: 19, 89 %.
    const figures = `the same first report for ${first} of ${searches.length}, ${((100 * shared) / searches.length).toFixed(0)} % of the first ten`;
    assert.ok(first >= (2 * searches.length) / 3 && shared / searches.length >= 0.8, figures);
  });
});

describe('recency in relevance order (the page’s boost-recent)', () => {
  test('the same reports, the newer higher the more it weighs; none: the words’ scores alone', async () => {
    const years = new Map(catalogue.reports.map((r) => [r.id, r.year]));
    const order = async (recent?: string) => {
      const params = new URLSearchParams({ q: 'trafficking' });
      if (recent !== undefined) params.set('recent', recent);
      const response = await ask('query', params);
      assert.equal(response.status, 200, await response.clone().text());
      const results = (await response.json()) as Results;
      return { total: results.total, ids: results.hits.map((hit) => hit.report.id) };
    };
    const none = await order('0');
    const strong = await order('2');
    assert.ok(none.total > 20);
    assert.equal(strong.total, none.total);
    assert.notDeepEqual(strong.ids, none.ids);
    // The first ten are newer on average the more recency weighs.
    const mean = (ids: string[]) => {
      const dated = ids.slice(0, 10).flatMap((id) => years.get(id) ?? []);
      return dated.reduce((a, b) => a + b, 0) / dated.length;
    };
    assert.ok(mean(strong.ids) > mean(none.ids), `${mean(strong.ids)} ≤ ${mean(none.ids)}`);
    // Unset: the default weight (mild), as the page's engines have it.
    assert.deepEqual(await order(), await order(String(RECENCY.mild)));
  });
});

describe('bad parameters', () => {
  const cases: [string, RegExp][] = [
    ['q=' + 'a'.repeat(300), /"q" is longer than 256/],
    ['page=0', /"page"/],
    ['page=abc', /"page"/],
    ['size=101', /"size"/],
    ['sort=random', /"sort" is not one of/],
    ['year=20x5', /"year"/],
    ['undated=yes', /"undated"/],
    ['facets=region,colour', /"facets" names "colour"/],
    ['q=a&q=b', /"q" is given more than once/],
    ['region=', /"region" has an empty value/],
    [Array.from({ length: 51 }, (_, i) => `country=c${i}`).join('&'), /more than 50 values/],
    ['country=' + 'x'.repeat(301), /longer than 300/],
    ['colour=red', /unknown parameter "colour"/],
    ['q=a&recent=lots', /"recent" is not a number from 0 to 10/],
    ['q=a&recent=11', /"recent" is not a number from 0 to 10/],
  ];
  for (const [params, message] of cases)
    test(params.slice(0, 60), async () => {
      const response = await fetch(`${server.url}query?${params}`);
      assert.equal(response.status, 400);
      const body = (await response.json()) as { error: string };
      assert.match(body.error, message);
    });
});

describe('the data and its version', () => {
  test('a report upserted shows in the next query, and the ETag moves on', async () => {
    const params = new URLSearchParams({ q: 'zanzibarian' });
    const before = await ask('query', params);
    const etag = before.headers.get('etag')!;
    assert.equal(((await before.json()) as Results).total, 0);
    const again = await fetch(`${server.url}query?${params}`, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    const report = { ...catalogue.reports[100]!, title: 'The Zanzibarian route' };
    await loadCatalogue(postgres.url, { ...catalogue, reports: [report] }, { replace: false });
    const after = await ask('query', params);
    assert.notEqual(after.headers.get('etag'), etag);
    const results = (await after.json()) as Results;
    assert.deepEqual(
      results.hits.map((hit) => hit.report.title),
      ['The Zanzibarian route'],
    );
    assert.equal(results.hits[0]!.report.id, report.id);
  });

  test('a catalogue loaded again without a report deletes it', async () => {
    const kept = catalogue.reports.filter((r) => r.id !== 'r7');
    const result = await loadCatalogue(postgres.url, { ...catalogue, reports: kept });
    assert.equal(result.deleted, 1);
    const got = await serverResults({ report: 'r7' });
    assert.equal(got.missing, true);
  });

  test('counts, years and filters follow the data: a report changed by load, and others changed and deleted in the database itself', async () => {
    // The state the test before left: the catalogue without r7.
    const moved = { ...catalogue.reports[200]!, regions: ['Atlantis'], year: 1850 };
    await loadCatalogue(postgres.url, { ...catalogue, reports: [moved] }, { replace: false });
    const gone = catalogue.reports[300]!;
    const edited = catalogue.reports[400]!;
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    try {
      await db.query('DELETE FROM reportshelf_reports WHERE id = $1', [gone.id]);
      await db.query(
        `UPDATE reportshelf_reports SET categories = ARRAY['Atlantean studies'], year = NULL,
           report = (report - 'year') || '{"categories":["Atlantean studies"]}' WHERE id = $1`,
        [edited.id],
      );
    } finally {
      await db.end();
    }
    const { year: _year, ...undated } = edited;
    void _year;
    const now = createLibrary({
      ...catalogue,
      reports: catalogue.reports
        .filter((r) => r.id !== 'r7' && r !== gone)
        .map((r) =>
          r === catalogue.reports[200] ? moved : r === edited ? { ...undated, categories: ['Atlantean studies'] } : r,
        ),
    });
    for (const query of [
      {},
      { filters: { region: ['Atlantis'] } },
      { filters: { category: ['Atlantean studies'] }, yearTo: 1900, undated: true },
      { yearTo: 1900 },
      { q: 'trafficking', filters: { region: ['Atlantis', 'West Africa'] }, sort: 'oldest' as const },
    ]) {
      const want = runQuery(now, query);
      const got = await serverResults(query);
      assert.deepEqual(
        comparable(got, true),
        comparable(JSON.parse(JSON.stringify(want)) as Results, true),
        JSON.stringify(query),
      );
    }
  });

  test(
    'the words follow the data: a new word found as typed and left out by a -word, a word rewritten or deleted no longer found, many reports written at once',
    { timeout: 60_000 },
    async () => {
      const total = async (q: string) => (await serverResults({ q })).total;
      const quokka = { ...catalogue.reports[500]!, title: 'The Quokkaland corridor' };
      await loadCatalogue(postgres.url, { ...catalogue, reports: [quokka] }, { replace: false });
      assert.deepEqual(
        (await serverResults({ q: 'quokkal' })).hits.map((hit) => hit.report.id),
        [quokka.id],
      );
      assert.equal(await total('corridor quokkaland'), 1);
      assert.equal(await total('corridor -quokkaland'), (await total('corridor')) - 1);
      // Rewritten without the word: its old words are not its own any more.
      await loadCatalogue(
        postgres.url,
        { ...catalogue, reports: [{ ...quokka, title: 'The Wombatland corridor' }] },
        { replace: false },
      );
      assert.equal(await total('quokkaland'), 0);
      assert.equal(await total('wombatland'), 1);
      const db = new pg.Client({ connectionString: postgres.url });
      await db.connect();
      try {
        await db.query('DELETE FROM reportshelf_reports WHERE id = $1', [quokka.id]);
      } finally {
        await db.end();
      }
      assert.equal(await total('wombatland'), 0);
      // More reports written at once than are kept apart: the words' arrays are built again.
      const many = catalogue.reports
        .slice(1000, 3500)
        .map((report, i) => ({ ...report, title: `Numbat study ${i}: ${report.title}` }));
      await loadCatalogue(postgres.url, { ...catalogue, reports: many }, { replace: false });
      assert.equal(await total('numbat'), many.length);
      assert.equal(await total('numba'), many.length);
      assert.equal(await total('wombatland'), 0);
      assert.equal(await total('quokkaland'), 0);
    },
  );

  test(
    'a table emptied in the database (TRUNCATE), then loaded again: the next queries follow',
    { timeout: 60_000 },
    async () => {
      const db = new pg.Client({ connectionString: postgres.url });
      await db.connect();
      try {
        await db.query('TRUNCATE reportshelf_reports');
      } finally {
        await db.end();
      }
      assert.equal((await serverResults({})).total, 0);
      const kept = { ...catalogue, reports: catalogue.reports.filter((r) => r.id !== 'r7') };
      await loadCatalogue(postgres.url, kept);
      const query = { filters: { region: ['West Africa'] }, sort: 'title' as const };
      assert.deepEqual(
        comparable(await serverResults(query), true),
        comparable(JSON.parse(JSON.stringify(runQuery(createLibrary(kept), query))) as Results, true),
      );
    },
  );

  test('answers are gzipped for a client that accepts it: the same JSON, a fraction of the bytes', async () => {
    const params = encodeQuery({ q: 'trafficking' });
    params.set('facets', FACET_NAMES.join(','));
    // A query's page and counts. (An export streams as it is: its lines come as they are read.)
    const raw = (path: string, encoding: string) =>
      new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) =>
        httpGet(
          `${server.url}${path}?${path === 'query' ? params : ''}`,
          { headers: { 'Accept-Encoding': encoding } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
          },
        ).on('error', reject),
      );
    const path = 'query';
    const plain = await raw(path, 'identity');
    assert.equal(plain.headers['content-encoding'], undefined, path);
    const zipped = await raw(path, 'gzip');
    assert.equal(zipped.headers['content-encoding'], 'gzip', path);
    assert.equal(gunzipSync(zipped.body).toString(), plain.body.toString(), path);
    assert.ok(
      zipped.body.length < plain.body.length / 2,
      `${path}: ${zipped.body.length} of ${plain.body.length} bytes`,
    );
  });

  test('cache and CORS headers: only the allowed origins', async () => {
    const allowed = await startServer({
      databases: [postgres.url],
      port: 0,
      allowOrigins: ['https://partner.example.org'],
    });
    try {
      const yes = await fetch(`${allowed.url}query`, { headers: { Origin: 'https://partner.example.org' } });
      assert.equal(yes.headers.get('access-control-allow-origin'), 'https://partner.example.org');
      assert.match(yes.headers.get('cache-control') ?? '', /public/);
      assert.match(yes.headers.get('etag') ?? '', /^W\/"rs1-\d+"$/);
      const no = await fetch(`${allowed.url}query`, { headers: { Origin: 'https://elsewhere.example.com' } });
      assert.equal(no.headers.get('access-control-allow-origin'), null);
    } finally {
      await allowed.close();
    }
  });

  test('its own address says what it is (a server, its catalogue’s title, language and count), with CORS and cache headers', async () => {
    const allowed = await startServer({
      databases: [postgres.url],
      port: 0,
      allowOrigins: ['https://partner.example.org'],
    });
    try {
      // What the elements fetch first, as for any src: a page of an allowed origin may read it.
      const got = await fetch(allowed.url, { headers: { Origin: 'https://partner.example.org' } });
      assert.equal(got.status, 200);
      assert.equal(got.headers.get('access-control-allow-origin'), 'https://partner.example.org');
      assert.match(got.headers.get('content-type') ?? '', /^application\/json/);
      assert.match(got.headers.get('cache-control') ?? '', /public/);
      const etag = got.headers.get('etag')!;
      assert.match(etag, /^W\/"rs1-\d+"$/);
      const { total } = await serverResults({});
      const descriptor: unknown = await got.json();
      assert.deepEqual(descriptor, {
        reportshelf: 'server',
        version: 1,
        title: 'Server test catalogue',
        language: 'en',
        count: total,
        // Some reports have an `added` date: the page offers "Recently added".
        added: true,
      });
      assert.ok(isServer(descriptor));
      const again = await fetch(allowed.url, { headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304);
      const no = await fetch(allowed.url, { headers: { Origin: 'https://elsewhere.example.com' } });
      assert.equal(no.headers.get('access-control-allow-origin'), null);
      // A report added: the count and the ETag move on.
      const added = { ...catalogue.reports[0]!, id: 'descriptor-added', title: 'One report more' };
      await loadCatalogue(postgres.url, { ...catalogue, reports: [added] }, { replace: false });
      const after = await fetch(allowed.url, { headers: { 'If-None-Match': etag } });
      assert.equal(after.status, 200);
      assert.notEqual(after.headers.get('etag'), etag);
      assert.equal(((await after.json()) as { count: number }).count, total + 1);
    } finally {
      await allowed.close();
    }
  });
});

/** Runs the reportshelf command from source; resolves with its exit status and output. */
async function reportshelf(args: string[]): Promise<{ status: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, fromSource(...args), { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const [status] = (await once(child, 'exit')) as [number | null];
  return { status, out, err };
}

describe('a catalogue’s places (regions and their countries)', () => {
  test('its descriptor has them once loaded (the ETag moves on), and its answers count each region’s reports once', async () => {
    // Two countries one report has together, in one region; another region of a country no report has.
    const two = catalogue.reports.find((r) => r.countries.length > 1)!.countries.slice(0, 2);
    const places = { 'Region one': two, Atlantis: ['Atlantis'] };
    const before = await fetch(server.url);
    const etag = before.headers.get('etag')!;
    assert.equal(((await before.json()) as { places?: unknown }).places, undefined);
    try {
      await loadCatalogue(postgres.url, { ...catalogue, places });
      const got = await fetch(server.url, { headers: { 'If-None-Match': etag } });
      assert.equal(got.status, 200);
      assert.deepEqual(Object.entries(((await got.json()) as { places: unknown }).places!), Object.entries(places));
      const placed = createLibrary({ ...catalogue, places });
      for (const query of [{}, { q: 'trafficking', filters: { country: [two[0]!] }, yearFrom: 2005 }])
        assert.deepEqual((await serverResults(query)).places, runQuery(placed, query).places);
      const { places: counted, facets } = runQuery(placed, {});
      const each = two.map((c) => facets.country.values.find((v) => v.value === c)!.count);
      assert.ok(counted!['Region one']! < each[0]! + each[1]!, 'a report in both counts once');
    } finally {
      await loadCatalogue(postgres.url, catalogue);
    }
    const plain = await fetch(server.url);
    assert.equal(((await plain.json()) as { places?: unknown }).places, undefined);
    assert.equal((await serverResults({})).places, undefined);
  });
});

describe('reportshelf load and serve', () => {
  test('load reads a CSV as build does: the bad row is named, the rest upserted and found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reportshelf-load-'));
    try {
      const csv = join(dir, 'more.csv');
      writeFileSync(csv, 'id,title,year\nquokka-1,The Quokka corridor,2021\n,,1999\n');
      const run = await reportshelf(['load', csv, '--database', postgres.url, '--upsert']);
      assert.equal(run.status, 0, run.err);
      assert.match(run.err, /more\.csv:3: error: .*title/i);
      assert.match(run.out, /1 reports; 1 added or changed, 0 unchanged, 0 deleted/);
      const got = await serverResults({ q: 'quokka' });
      assert.deepEqual(
        got.hits.map((hit) => hit.report.id),
        ['quokka-1'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('serve refuses a database without a catalogue, saying what to do', async () => {
    const url = postgres.url.replace(/\/reportshelf$/, '/postgres');
    const run = await reportshelf(['serve', '--database', url, '--port', '0']);
    assert.equal(run.status, 1);
    assert.match(run.err, /run reportshelf load first/);
  });
});
