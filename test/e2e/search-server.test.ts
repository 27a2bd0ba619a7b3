/**
 * End-to-end: a page whose `src` names a search server. @reportshelf/server runs over a PostgreSQL
 * of its own (test/server/postgres.ts, 10,000 reports: test/server/catalogue.ts) on one loopback
 * port, allowing by CORS the page's origin, on another. The built drop-in files, lite and full,
 * tell the server from a catalogue by the one fetch they make of `src` (its descriptor), then
 * search (words, a phrase, a typo), filter (the counts shown), page, sort (recently added too), export (the download
 * read back) and open a shared link to one report, the address following each view as with
 * files. What the page shows is checked against the in-page engine on the same catalogue (the
 * server's answers equal its own: test/server/server.test.ts). A server that is down, or stops
 * during a visit, is said as a file that cannot be reached is; the lite file without its
 * server engine beside it says which file is missing.
 *
 * The time and bytes to the first results of each file are written as diagnostics.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { Page, Request } from 'playwright-core';
import Papa from 'papaparse';
import { allReports, createLibrary, runQuery, type Catalogue, type Library, type Query } from '@reportshelf/core';
import { loadCatalogue, startServer, type RunningServer } from '@reportshelf/server';
import { freePort, startPostgres, type Postgres } from '../server/postgres.js';
import { testCatalogue } from '../server/catalogue.js';
import { dist, dropIns, libraryPage, setUp } from './server.js';

let postgres: Postgres;
let api: RunningServer;
let catalogue: Catalogue;
let library: Library;
/** A second server over the same database, stopped during a visit. */
let stopping: RunningServer;
let stopped = false;
/** An address where no server listens. */
let down: string;

const page = (src: string, script = '/reportshelf.lite.js') => libraryPage(src, { script, attributes: 'sync-url' });

const e2e = setUp({
  serve: async () => {
    postgres = await startPostgres();
    catalogue = testCatalogue();
    library = createLibrary(catalogue);
    await loadCatalogue(postgres.url, catalogue);
    down = `http://127.0.0.1:${await freePort()}/`;
    return {
      routes: {
        // The server's address given as src, as a partner writes it.
        '/lite.html': () => ({ body: page(api.url) }),
        '/full.html': () => ({ body: page(api.url, '/reportshelf.js') }),
        '/down-lite.html': () => ({ body: page(down) }),
        '/down-full.html': () => ({ body: page(down, '/reportshelf.js') }),
        '/stopping.html': () => ({ body: page(stopping.url) }),
        // The lite file copied alone to another folder: no reportshelf.server.js beside it.
        '/alone.html': () => ({ body: page(api.url, '/alone/reportshelf.lite.js') }),
        '/alone/reportshelf.lite.js': () => ({ body: readFileSync(`${dist}reportshelf.lite.js`) }),
        ...dropIns(['', '.lite', '.search', '.cite', '.server']),
      },
    };
  },
  // The search servers allow the page's origin, known once its server listens.
  ready: async ({ origin }) => {
    api = await startServer({ databases: [postgres.url], port: 0, allowOrigins: [origin] });
    stopping = await startServer({ databases: [postgres.url], port: 0, allowOrigins: [origin] });
  },
  close: async () => {
    if (!stopped) await stopping?.close();
    await api?.close();
    await postgres?.stop();
  },
});

const summary = (tab: Page) => tab.locator('shelf-result-summary [part="summary"]');
const cards = (tab: Page) => tab.locator('shelf-report-card');
const titles = (tab: Page) => cards(tab).locator('[part="title"]').allInnerTexts();
const number = (n: number) => n.toLocaleString('en');
const WAIT = { timeout: 30_000 };

/** The in-page engine's answer to a query, for what the page must show. */
const want = (query: Partial<Query>) => runQuery(library, query);

/** The region with the most reports among a query's results, and its count as the filter bar shows it. */
function topRegion(query: Partial<Query>): [string, number] {
  const values = [...want(query).facets.region.values].sort((a, b) => b.count - a.count);
  return [values[0]!.value, values[0]!.count];
}

/** Opens a page, gathering its errors, the server's answers (status by path) and what came before the first results. */
async function open(path: string) {
  const tab = await e2e.browser.newPage();
  const errors: string[] = [];
  const answers: { path: string; status: number }[] = [];
  const requests: Request[] = [];
  tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  tab.on('pageerror', (e) => errors.push(e.message));
  tab.on('request', (r) => requests.push(r));
  tab.on('response', (r) => {
    const url = new URL(r.url());
    if (url.origin !== e2e.origin) answers.push({ path: url.pathname, status: r.status() });
  });
  // The moment the first results (not the pending placeholder) are on their way to the screen.
  await tab.addInitScript(() => {
    document.addEventListener('shelf-results-change', (e) => {
      const w = window as unknown as { firstResults?: number };
      if (!e.detail.results.pending) w.firstResults ??= performance.now();
    });
  });
  await tab.goto(e2e.origin + path);
  return { tab, errors, answers, requests };
}

/** What came before the first results: time from navigation, and bytes (as sent, and as gzip would send them). */
async function firstResults(tab: Page, requests: Request[]) {
  const ms = await tab.evaluate(() => (window as unknown as { firstResults: number }).firstResults);
  const sent: { path: string; bytes: number; gzip: number }[] = [];
  for (const request of requests) {
    const response = await request.response();
    if (!response) continue;
    const sizes = await request.sizes();
    const body = await response.body().catch(() => Buffer.alloc(0));
    const headers = sizes.responseHeadersSize;
    sent.push({
      path: new URL(request.url()).pathname + new URL(request.url()).search,
      bytes: headers + sizes.responseBodySize,
      gzip: headers + gzipSync(body, { level: 9 }).length,
    });
  }
  return { ms, sent };
}

/** A visit to the server through one drop-in file: load, words, a phrase, a typo, a filter, pages, sort, export, a link. */
async function visit(path: string, t: { diagnostic(message: string): void }) {
  const { tab, errors, answers, requests } = await open(path);
  const total = catalogue.reports.length;

  // Loads: the first page of every report, the descriptor fetched once and a query, nothing else.
  await summary(tab)
    .filter({ hasText: `Showing 1–10 of ${number(total)} reports` })
    .waitFor(WAIT);
  assert.deepEqual(
    await titles(tab),
    want({}).hits.map((hit) => hit.report.title),
  );
  const first = await firstResults(tab, requests);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const sum = (key: 'bytes' | 'gzip', from?: string) =>
    first.sent.filter((s) => !from || s.path.startsWith(from)).reduce((n, s) => n + s[key], 0);
  t.diagnostic(
    `${path}: first results ${first.ms.toFixed(0)} ms after navigation; ${kb(sum('bytes'))} sent (${kb(sum('gzip'))} gzipped), ` +
      `of which the server's answers ${kb(sum('bytes', '/query') + sum('bytes', '/?') + first.sent.filter((s) => s.path === '/').reduce((n, s) => n + s.bytes, 0))}: ` +
      first.sent.map((s) => `${s.path.split('?')[0]} ${kb(s.bytes)} (${kb(s.gzip)})`).join(', '),
  );
  assert.deepEqual(
    answers.map((a) => a.path),
    ['/', '/query'],
    'the descriptor (the fetch of src) and one query',
  );
  // A page on a server has no use for the search worker (26 KB): it is not fetched.
  assert.deepEqual(
    first.sent.filter((s) => s.path.includes('reportshelf.search')),
    [],
    'no search worker',
  );

  // Words: as many reports as the in-page engine finds, the address following.
  const search = tab.getByRole('searchbox', { name: 'Search reports' });
  const words = async (q: string) => {
    await search.fill('');
    await search.pressSequentially(q);
    const found = want({ q }).total;
    assert.ok(found > 10, `${q}: ${found} reports`);
    await summary(tab)
      .filter({ hasText: `Showing 1–10 of ${number(found)} reports for “${q}”` })
      .waitFor(WAIT);
    assert.equal(new URL(tab.url()).searchParams.get('q'), q);
    return found;
  };
  await words('trafficking women');
  // A phrase, and a typo (forgiven as in the page).
  await words('"human trafficking"');
  await words('humanitrian');
  const q = 'trafficking';
  await words(q);

  // Filters: the commonest region among them, its count as the bar shows it, then the summary.
  const [region, inRegion] = topRegion({ q });
  await tab.getByRole('checkbox', { name: `${region} ${number(inRegion)}`, exact: true }).check(WAIT);
  await summary(tab)
    .filter({ hasText: `Showing 1–10 of ${number(inRegion)} reports for “${q}”` })
    .waitFor(WAIT);
  assert.deepEqual(new URL(tab.url()).searchParams.getAll('region'), [region]);
  // The other facets' counts are those of the filtered results (one checked).
  const filtered: Partial<Query> = { q, filters: { region: [region] } };
  const country = want(filtered).facets.country.values[0]!;
  await tab.getByRole('checkbox', { name: `${country.value} ${number(country.count)}`, exact: true }).waitFor(WAIT);

  // Pages.
  await tab.getByRole('button', { name: 'Next page' }).click();
  await summary(tab)
    .filter({ hasText: `Showing 11–20 of ${number(inRegion)} reports` })
    .waitFor(WAIT);
  assert.equal(new URL(tab.url()).searchParams.get('page'), '2');

  // Sorts by title: the filtered reports in title order; Back returns to page 2 by relevance.
  await tab.getByRole('combobox', { name: 'Sort by' }).selectOption('title');
  const byTitle = want({ ...filtered, sort: 'title' }).hits.map((hit) => hit.report.title);
  await cards(tab).first().locator('[part="title"]').filter({ hasText: byTitle[0]! }).waitFor(WAIT);
  assert.deepEqual(await titles(tab), byTitle);
  assert.equal(new URL(tab.url()).searchParams.get('sort'), 'title');
  await tab.goBack();
  await summary(tab)
    .filter({ hasText: `Showing 11–20 of ${number(inRegion)} reports` })
    .waitFor(WAIT);
  assert.equal(new URL(tab.url()).searchParams.get('sort'), null);
  await tab.getByRole('combobox', { name: 'Sort by' }).selectOption('title');
  await cards(tab).first().locator('[part="title"]').filter({ hasText: byTitle[0]! }).waitFor(WAIT);

  // "Recently added" is offered, as with files (some reports have an `added` date): in that order.
  await tab.getByRole('combobox', { name: 'Sort by' }).selectOption('added', WAIT);
  const byAdded = want({ ...filtered, sort: 'added' }).hits.map((hit) => hit.report.title);
  await cards(tab).first().locator('[part="title"]').filter({ hasText: byAdded[0]! }).waitFor(WAIT);
  assert.deepEqual(await titles(tab), byAdded);
  assert.equal(new URL(tab.url()).searchParams.get('sort'), 'added');
  await tab.getByRole('combobox', { name: 'Sort by' }).selectOption('title');
  await cards(tab).first().locator('[part="title"]').filter({ hasText: byTitle[0]! }).waitFor(WAIT);

  // Exports every one of them, in order (streamed by the server), read back by Papa Parse.
  await tab.getByRole('button', { name: `Export ${number(inRegion)} reports` }).click();
  const [file] = await Promise.all([
    tab.waitForEvent('download', WAIT),
    tab.locator('[part="export-panel"]').getByRole('button', { name: /^CSV/ }).click(WAIT),
  ]);
  const rows = Papa.parse<Record<string, string>>((await readFile((await file.path())!, 'utf8')).slice(1), {
    header: true,
    skipEmptyLines: true,
  });
  assert.deepEqual(rows.errors, []);
  assert.deepEqual(
    rows.data.map((row) => row.id),
    (await allReports(library, { ...filtered, sort: 'title' })).map((r) => r.id),
  );
  assert.ok(answers.some((a) => a.path === '/export' && a.status === 200));

  // A shared link to one report: it alone.
  const linked = catalogue.reports[Math.floor(total * 0.73)]!;
  await tab.goto(`${e2e.origin}${path}?report=${encodeURIComponent(linked.id)}`);
  await summary(tab).filter({ hasText: 'Showing 1–1 of 1 report' }).waitFor(WAIT);
  assert.deepEqual(await titles(tab), [linked.title]);

  assert.deepEqual(errors, []);
  // Every answer the server gave was one (no request refused or failed).
  assert.deepEqual(
    answers.filter((a) => a.status !== 200 && a.status !== 304),
    [],
  );
  await tab.close();
}

describe('a page whose src names a search server', () => {
  test('the lite file: loads, searches, filters, pages, sorts, exports, links', async (t) => {
    await visit('/lite.html', t);
  });

  test('the full file: the same', async (t) => {
    await visit('/full.html', t);
  });

  test('a server that is down is said as a file that cannot be reached (lite and full files)', async () => {
    for (const path of ['/down-lite.html', '/down-full.html']) {
      const { tab, errors } = await open(path);
      await tab
        .getByRole('alert')
        .filter({ hasText: `The catalogue at ${down} could not be reached.` })
        .waitFor(WAIT);
      assert.ok(errors.length > 0);
      await tab.close();
    }
  });

  test('a server that stops during a visit: the next search says it cannot be reached', async () => {
    const { tab } = await open('/stopping.html');
    await summary(tab)
      .filter({ hasText: `Showing 1–10 of ${number(catalogue.reports.length)} reports` })
      .waitFor(WAIT);
    const src = stopping.url;
    stopped = true;
    await stopping.close();
    await tab.getByRole('searchbox', { name: 'Search reports' }).pressSequentially('protection');
    await tab
      .getByRole('alert')
      .filter({ hasText: `The catalogue at ${src} could not be reached.` })
      .waitFor(WAIT);
    await tab.close();
  });

  test('the lite file without reportshelf.server.js beside it says so', async () => {
    const { tab, errors } = await open('/alone.html');
    await tab
      .getByRole('alert')
      .filter({
        hasText: 'Search is not available on this page: its file, reportshelf.server.js, could not be loaded.',
      })
      .waitFor(WAIT);
    assert.match(errors.join('\n'), /reportshelf\.server\.js/);
    await tab.close();
  });
});
