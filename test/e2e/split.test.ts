/**
 * End-to-end: large catalogues. A spreadsheet of 100,000 reports made into the split format by
 * the CLI (`reportshelf build … --split`), read by the lite drop-in file in Chromium: it loads,
 * searches, filters, pages, sorts and links to a report, fetching only the files each view needs.
 * The same steps run on the single-file format (10,000 reports, made by the CLI the same way).
 * What the page shows is checked against the catalogue itself, worked out here.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { analyse, foldText, queryTerms, titleKey, toCsv, type Catalogue, type Report } from '@reportshelf/core';
import { createStaticServer, listen } from '../../scripts/static-server.mjs';
import { generateCatalogue } from '../../bench/generate.js';
import { launchChromium } from './browser.js';
import { CSP } from './server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = `${root}packages/embed/dist/`;
const work = mkdtempSync(join(tmpdir(), 'reportshelf-split-'));
let server: Server;
let origin: string;
let browser: Browser;
/** The paths the server answered, in order (emptied by a test that counts them). */
let served: string[] = [];
/** Called after each answer the server finished. */
let answered = () => {};

/** Resolves once the server has answered every one of `paths` (since `served` was last emptied). */
const servedAll = (paths: string[]) =>
  new Promise<void>((resolve) => {
    answered = () => paths.every((path) => served.includes(path)) && resolve();
    answered();
  });

/** A catalogue as a curator's spreadsheet, through the built CLI; the catalogue generated, for checking. */
function build(size: number | Catalogue, ...output: string[]): Catalogue {
  const catalogue = typeof size === 'number' ? generateCatalogue(size, 11) : size;
  const csv = join(work, `${catalogue.reports.length}.csv`);
  writeFileSync(csv, toCsv(catalogue.reports));
  const run = spawnSync(
    process.execPath,
    [
      `${root}packages/cli/bin/reportshelf.js`,
      'build',
      csv,
      ...output,
      '--title',
      catalogue.title!,
      '--language',
      'en',
    ],
    { encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
  return catalogue;
}

/** The build a split catalogue's manifest names: the folder of its files. */
const buildOf = (folder: string): string =>
  (JSON.parse(readFileSync(join(work, folder, 'catalogue.json'), 'utf8')) as { build: string }).build;

const page = (src: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reports</title><script src="/reportshelf.lite.js"></script></head>` +
  `<body><shelf-library src="${src}" sync-url></shelf-library></body></html>`;

let largeCatalogue: Catalogue | undefined;
let smallCatalogue: Catalogue | undefined;
/** The large catalogues, made the first time a test needs them (a minute or two of work). */
const large = () => (largeCatalogue ??= build(100_000, '--split', join(work, 'split')));
const mid = () => build(5_000, '--split', join(work, 'mid'));
const small = () => (smallCatalogue ??= build(10_000, '-o', join(work, 'single.json'), '--single'));

before(async () => {
  // A small split catalogue, and the same with a file lost and with a manifest that is not one.
  build(300, '--split', join(work, 'few'));
  cpSync(join(work, 'few'), join(work, 'lost'), { recursive: true });
  rmSync(join(work, 'lost', buildOf('lost'), 'years.json'));
  server = createStaticServer({
    mounts: [['/data/', work]],
    routes: {
      // Under the strict Content-Security-Policy: the worker and its fetches are the page's own.
      '/split.html': () => ({ body: page('/data/split/catalogue.json'), headers: { 'Content-Security-Policy': CSP } }),
      '/single.html': () => ({ body: page('/data/single.json') }),
      '/lost.html': () => ({ body: page('/data/lost/catalogue.json') }),
      '/bad.html': () => ({ body: page('/bad/catalogue.json') }),
      '/bad/catalogue.json': () => ({ body: JSON.stringify({ version: 1, format: 'split', count: 'many' }) }),
      // Another, whose build would name another host's folder, were it read before it is checked.
      '/hostile.html': () => ({ body: page('/hostile/catalogue.json') }),
      '/hostile/catalogue.json': () => ({
        body: JSON.stringify({ version: 1, format: 'split', count: 'many', build: '//evil.invalid/x', index: ['a'] }),
      }),
      // The small split catalogue, browsed with the lite file (strict CSP) and the full file.
      '/few.html': () => ({ body: page('/data/few/catalogue.json'), headers: { 'Content-Security-Policy': CSP } }),
      '/swap.html': () => ({ body: page('/data/swap/catalogue.json'), headers: { 'Content-Security-Policy': CSP } }),
      '/swap-full.html': () => ({
        body: page('/data/swap/catalogue.json').replace('reportshelf.lite.js', 'reportshelf.js'),
      }),
      // A Content-Security-Policy that allows no worker.
      '/few-no-worker.html': () => ({
        body: page('/data/few/catalogue.json'),
        headers: { 'Content-Security-Policy': `${CSP}; worker-src 'none'` },
      }),
      '/mid.html': () => ({ body: page('/data/mid/catalogue.json') }),
      '/few-full.html': () => ({
        body: page('/data/few/catalogue.json').replace('reportshelf.lite.js', 'reportshelf.js'),
      }),
      // The full file, which reads a split catalogue in the page; a composed layout with its own facets.
      '/full.html': () => ({
        body: page('/data/few/catalogue.json')
          .replace('reportshelf.lite.js', 'reportshelf.js')
          .replace(
            ' sync-url>',
            '><shelf-search-box></shelf-search-box><shelf-filter-bar facets="author,organization"></shelf-filter-bar><shelf-result-summary></shelf-result-summary><shelf-report-list></shelf-report-list>',
          ),
      }),
      ...Object.fromEntries(
        ['', '.lite', '.search', '.cite', '.split'].map((name) => [
          `/reportshelf${name}.js`,
          () => ({ body: readFileSync(`${dist}reportshelf${name}.js`) }),
        ]),
      ),
    },
  });
  server.on('request', (req, res) =>
    res.on('finish', () => {
      served.push(new URL(req.url!, 'http://x').pathname);
      answered();
    }),
  );
  origin = await listen(server);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

const summary = (page: Page) => page.locator('shelf-result-summary [part="summary"]');
const cards = (page: Page) => page.locator('shelf-report-card');
const titles = (page: Page) => cards(page).locator('[part="title"]').allInnerTexts();
const number = (n: number) => n.toLocaleString('en');
const LONG = { timeout: 60_000 };

/** The terms of a report's fields, as the index holds them: analysed, in English. */
const termsOf = (report: Report) =>
  new Set(
    analyse(
      [
        report.title,
        report.summary,
        ...report.authors,
        ...report.organizations,
        ...report.countries,
        ...report.regions,
        ...report.categories,
      ].join(' '),
      'en',
    ),
  );

/** The reports with every word (a term of it): the last one also as the start of a term (as it is typed). */
function withWords(reports: Report[], words: string[]): Report[] {
  return reports.filter((report) => {
    const terms = [...termsOf(report)];
    return words.every((word, i) => {
      const wanted = [...queryTerms(word, ['en']).terms, foldText(word)];
      return i === words.length - 1
        ? terms.some((t) => wanted.some((w) => t.startsWith(w)))
        : wanted.some((w) => terms.includes(w));
    });
  });
}

const collate = new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare;

/** The same visit on both formats: load, search, filter, page, sort, link. */
async function browse(path: string, catalogue: Catalogue): Promise<{ requests: string[] }> {
  const { reports } = catalogue;
  const tab = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  tab.on('pageerror', (e) => errors.push(e.message));
  tab.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await tab.goto(origin + path);

  // Loads: the first page, newest first.
  await summary(tab)
    .filter({ hasText: `Showing 1–10 of ${number(reports.length)} reports` })
    .waitFor(LONG);
  const newest = Math.max(...reports.map((r) => r.year ?? 0));
  assert.match(await cards(tab).first().locator('[part="meta"]').innerText(), new RegExp(String(newest)));

  // Searches: "trafficking victims", as many reports as have both words.
  const found = withWords(reports, ['trafficking', 'victims']);
  await tab.getByRole('searchbox', { name: 'Search reports' }).pressSequentially('trafficking victims');
  await summary(tab)
    .filter({ hasText: `Showing 1–10 of ${number(found.length)} reports for “trafficking victims”` })
    .waitFor(LONG);
  assert.equal(await cards(tab).count(), 10);
  const top = await titles(tab);
  const ids = new Set(found.map((r) => r.title));
  assert.ok(
    top.every((title) => ids.has(title)),
    'every report shown has both words',
  );

  // Filters: the commonest country among them, its count as the filter bar says it.
  const byCountry = new Map<string, number>();
  for (const r of found) for (const c of r.countries) byCountry.set(c, (byCountry.get(c) ?? 0) + 1);
  const [country, inCountry] = [...byCountry].sort((a, b) => b[1] - a[1])[0]!;
  await tab.getByRole('checkbox', { name: `${country} ${number(inCountry)}`, exact: true }).check(LONG);
  await summary(tab)
    .filter({ hasText: `of ${number(inCountry)} reports for “trafficking victims”` })
    .waitFor(LONG);

  // Exports every one of them (a split catalogue's cards fetched by its worker), read back by Papa Parse.
  const exporting = requests.length;
  await tab.getByRole('button', { name: /^Export \d/ }).click();
  const [file] = await Promise.all([
    tab.waitForEvent('download', LONG),
    tab.locator('[part="export-panel"]').getByRole('button', { name: /^CSV/ }).click(LONG),
  ]);
  const rows = Papa.parse<Record<string, string>>((await readFile((await file.path())!, 'utf8')).slice(1), {
    header: true,
    skipEmptyLines: true,
  });
  // The export's own requests (every card of the set) are not a view's.
  requests.splice(exporting);
  assert.deepEqual(rows.errors, []);
  assert.deepEqual(
    rows.data.map((row) => row.id).sort(),
    found
      .filter((r) => r.countries.includes(country))
      .map((r) => r.id)
      .sort(),
  );

  // Pages.
  await tab.getByRole('button', { name: 'Next page' }).click();
  await summary(tab)
    .filter({ hasText: `Showing 11–20 of ${number(inCountry)}` })
    .waitFor(LONG);

  // Sorts by title: the filtered reports in title order.
  await tab.getByRole('group', { name: 'Active filters' }).getByRole('button', { name: 'Clear all' }).click();
  await summary(tab)
    .filter({ hasText: `Showing 1–10 of ${number(reports.length)} reports` })
    .waitFor(LONG);
  await tab.getByRole('combobox', { name: 'Sort by' }).selectOption('title');
  const first = [...reports].sort((a, b) => collate(titleKey(a.title), titleKey(b.title))).slice(0, 10);
  await cards(tab).first().locator('[part="title"]').filter({ hasText: first[0]!.title }).waitFor(LONG);
  assert.deepEqual(
    await titles(tab),
    first.map((r) => r.title),
  );

  // Links to one report, in a new page: it alone.
  const linked = reports[Math.floor(reports.length * 0.73)]!;
  await tab.goto(`${origin}${path}?report=${encodeURIComponent(linked.id)}`);
  await summary(tab).filter({ hasText: 'Showing 1–1 of 1 report' }).waitFor(LONG);
  assert.deepEqual(await titles(tab), [linked.title]);
  assert.deepEqual(errors, []);
  await tab.close();
  return { requests };
}

describe('large catalogues', () => {
  test('100,000 reports in the split format, made by the CLI from a CSV: load, search, filter, page, sort, link', async () => {
    const { requests } = await browse('/split.html', large());
    // Only what each view needed was fetched: a few index files, the cards of the reports shown.
    const fetched = new Set(requests.filter((path) => path.startsWith('/data/split/')));
    const size = (paths: string[]) =>
      paths.reduce((n, p) => n + statSync(join(work, p.slice('/data/'.length))).size, 0);
    const index = [...fetched].filter((p) => p.includes('/index/'));
    const cardFiles = [...fetched].filter((p) => p.includes('/cards/'));
    // Typed letter by letter, a few of the words' beginnings ("t", "tr", …) are searched on the
    // way, each fetching the index files of the terms it begins: more than the words alone.
    assert.ok(index.length > 0 && index.length <= 30, `${index.length} index files`);
    assert.ok(cardFiles.length <= 60, `${cardFiles.length} card files for six views`);
    assert.ok(
      !fetched.has(`/data/split/${buildOf('split')}/facets/author.json`),
      'the author facet, not shown, was not fetched',
    );
    const whole = size(
      // (50,000 card files: their paths are more than spawnSync's default 1 MB of output.)
      spawnSync('find', [join(work, 'split'), '-type', 'f'], { encoding: 'utf8', maxBuffer: 64 << 20 })
        .stdout.trim()
        .split('\n')
        .map((f) => `/data/${f.slice(work.length + 1)}`),
    );
    assert.ok(size([...fetched]) < whole / 20, `fetched ${size([...fetched])} of ${whole} bytes`);
  });

  test('the same on 10,000 reports in the single-file format', async () => {
    await browse('/single.html', small());
  });

  test('the full file reads a split catalogue in the page; a composed filter bar gets the facets it shows', async () => {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await tab.goto(`${origin}/full.html`);
    await summary(tab).filter({ hasText: 'Showing 1–10 of 300 reports' }).waitFor(LONG);
    // The author facet, not among the library's own, is fetched and counted once the bar shows it.
    const few = generateCatalogue(300, 11).reports;
    const counts = new Map<string, number>();
    for (const r of few) for (const a of r.authors) counts.set(a, (counts.get(a) ?? 0) + 1);
    const [author, n] = [...counts].sort((a, b) => b[1] - a[1] || collate(a[0], b[0]))[0]!;
    await tab.getByRole('checkbox', { name: `${author} ${n}`, exact: true }).check(LONG);
    await summary(tab)
      .filter({ hasText: `of ${n} report` })
      .waitFor(LONG);
    await tab.getByRole('searchbox', { name: 'Search reports' }).pressSequentially('trafficking');
    const both = withWords(few, ['trafficking']).filter((r) => r.authors.includes(author)).length;
    await summary(tab)
      .filter({ hasText: `of ${both} report` })
      .waitFor(LONG);
    assert.deepEqual(errors, []);
    await tab.close();
  });

  test('a split catalogue with a file lost, or a manifest that is not one, says so in the list', async () => {
    for (const [path, message, logged] of [
      // A file the manifest names that its folder lacks: the folder is damaged, not out of reach.
      ['/lost.html', 'The catalogue is not in the expected format.', /years\.json: HTTP 404/],
      ['/bad.html', 'The catalogue is not in the expected format. "count" is not a number of reports', /"count"/],
      // With words to search from the address: the page fetches nothing for them before the
      // worker has checked the manifest (it once threw on a manifest without "index", and the
      // list stayed loading), and nothing from elsewhere for a "build" that names another host.
      [
        '/bad.html?q=trafficking',
        'The catalogue is not in the expected format. "count" is not a number of reports',
        /"count"/,
      ],
      [
        '/hostile.html?q=trafficking',
        'The catalogue is not in the expected format. "count" is not a number of reports',
        /"count"/,
      ],
    ] as const) {
      const tab = await browser.newPage();
      const errors: string[] = [];
      const elsewhere: string[] = [];
      tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      tab.on('pageerror', (e) => errors.push(e.message));
      tab.on('request', (r) => new URL(r.url()).origin !== origin && elsewhere.push(r.url()));
      await tab.goto(origin + path);
      await tab.getByRole('alert').filter({ hasText: message }).waitFor(LONG);
      assert.match(errors.join('\n'), logged);
      assert.deepEqual(
        errors.filter((e) => !logged.test(e) && !/status of 404/.test(e)),
        [],
        path,
      );
      assert.deepEqual(elsewhere, [], path);
      await tab.close();
    }
  });
});

/** A page of the small split catalogue (300 reports), its errors gathered. */
async function open(path: string): Promise<{ tab: Page; errors: string[] }> {
  const tab = await browser.newPage();
  const errors: string[] = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await tab.goto(origin + path);
  return { tab, errors };
}

const FEW = 300;

/** The paths of a split catalogue's index files (`folder` under /data/), as the server is asked for them. */
const indexFiles = (folder: string) =>
  readdirSync(join(work, folder, buildOf(folder), 'index')).map(
    (file) => `/data/${folder}/${buildOf(folder)}/index/${file}`,
  );
/** Long enough for a loaded machine; a visit to 300 reports takes well under a second. */
const SHORT = { timeout: 20_000 };

describe('a visit to a split catalogue', () => {
  test('browsing pages without words: plain, a filter only, a year range only, a sort only, a page in the address (lite and full files)', async () => {
    const few = generateCatalogue(FEW, 11).reports;
    const regions = new Map<string, number>();
    for (const r of few) for (const region of r.regions) regions.set(region, (regions.get(region) ?? 0) + 1);
    const [region, inRegion] = [...regions].sort((a, b) => b[1] - a[1])[0]!;
    for (const path of ['/few.html', '/few-full.html']) {
      const { tab, errors } = await open(path);
      const next = async (showing: string) => {
        await tab.getByRole('button', { name: 'Next page' }).click();
        await summary(tab).filter({ hasText: showing }).waitFor(SHORT);
      };
      // Plain browsing.
      await summary(tab)
        .filter({ hasText: `Showing 1–10 of ${FEW} reports` })
        .waitFor(SHORT);
      await next(`Showing 11–20 of ${FEW} reports`);
      assert.match(tab.url(), /[?&]page=2\b/);
      await next(`Showing 21–30 of ${FEW} reports`);
      // A sort only.
      await tab.getByRole('combobox', { name: 'Sort by' }).selectOption('title');
      await summary(tab)
        .filter({ hasText: `Showing 1–10 of ${FEW} reports` })
        .waitFor(SHORT);
      await next(`Showing 11–20 of ${FEW} reports`);
      // A filter only.
      await tab.getByRole('checkbox', { name: `${region} ${inRegion}`, exact: true }).check(SHORT);
      await summary(tab)
        .filter({ hasText: `Showing 1–10 of ${inRegion} reports` })
        .waitFor(SHORT);
      await next(`Showing 11–20 of ${inRegion} reports`);
      // A page in the address.
      await tab.goto(`${origin}${path}?page=7`);
      await summary(tab)
        .filter({ hasText: `Showing 61–70 of ${FEW} reports` })
        .waitFor(SHORT);
      // Past the last page: the last page.
      await tab.goto(`${origin}${path}?page=1234`);
      await summary(tab)
        .filter({ hasText: `Showing 291–300 of ${FEW} reports` })
        .waitFor(SHORT);
      // A year range only.
      await tab.goto(`${origin}${path}?year=2005-2015&page=2`);
      const inYears = few.filter((r) => r.year !== undefined && r.year >= 2005 && r.year <= 2015).length;
      await summary(tab)
        .filter({ hasText: `Showing 11–20 of ${inYears} reports` })
        .waitFor(SHORT);
      assert.deepEqual(errors, []);
      await tab.close();
    }
  });

  test('an export after the search and filters are cleared holds every report, not the earlier results', async () => {
    const few = generateCatalogue(FEW, 11).reports;
    const found = withWords(few, ['trafficking']);
    const byRegion = new Map<string, number>();
    for (const r of found) for (const region of r.regions) byRegion.set(region, (byRegion.get(region) ?? 0) + 1);
    const [region, inRegion] = [...byRegion].sort((a, b) => b[1] - a[1])[0]!;
    const { tab, errors } = await open('/few.html');
    await tab.getByRole('searchbox', { name: 'Search reports' }).pressSequentially('trafficking');
    await tab.getByRole('checkbox', { name: `${region} ${inRegion}`, exact: true }).check(SHORT);
    await summary(tab)
      .filter({ hasText: `of ${inRegion} report` })
      .waitFor(SHORT);
    const exportButton = tab.getByRole('button', { name: /^Export \d/ });
    const csv = tab.locator('[part="export-panel"]').getByRole('button', { name: /^CSV/ });
    await exportButton.click();
    await csv.waitFor(SHORT);
    // Both cleared: the panel closes; opened again, its file holds every report.
    await tab.getByRole('group', { name: 'Active filters' }).getByRole('button', { name: 'Clear all' }).click();
    await summary(tab)
      .filter({ hasText: `Showing 1–10 of ${FEW} reports` })
      .waitFor(SHORT);
    await exportButton.click();
    const [file] = await Promise.all([tab.waitForEvent('download'), csv.click(SHORT)]);
    const rows = Papa.parse<Record<string, string>>((await readFile((await file.path())!, 'utf8')).slice(1), {
      header: true,
      skipEmptyLines: true,
    });
    assert.equal(rows.data.length, FEW);
    assert.match(await tab.locator('[part="export-panel"]').innerText(), new RegExp(`${FEW} reports`));
    assert.deepEqual(errors, []);
    await tab.close();
  });

  test('a large export shows its progress, leaves paging free meanwhile, and its cancel stops the fetching', async () => {
    mid();
    const { tab, errors } = await open('/mid.html?sort=title');
    await summary(tab).filter({ hasText: 'Showing 1–10 of 5,000 reports' }).waitFor(SHORT);
    // Card files from the 40th on wait until the test lets them go: the export is caught in the middle.
    const asked: number[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await tab.route('**/data/mid/**/cards/*.json', async (route) => {
      const file = Number(/(\d+)\.json$/.exec(route.request().url())![1]);
      asked.push(file);
      if (file >= 40) await released;
      await route.continue();
    });
    await tab.getByRole('button', { name: /^Export 5,000/ }).click();
    const panel = tab.locator('[part="export-panel"]');
    const bar = panel.getByRole('progressbar', { name: 'Preparing 5,000 reports…' });
    await bar.waitFor(SHORT);
    // Three batches of 16 files asked, two of them come: 64 of 5,000 reports (2 a file).
    await panel.locator('progress[value="64"]').waitFor(SHORT);
    // Paging meanwhile: answered (its files, the 2nd and 3rd, are not held).
    await tab.getByRole('button', { name: 'Next page' }).click();
    await summary(tab).filter({ hasText: 'Showing 11–20 of 5,000 reports' }).waitFor(SHORT);
    // Cancel: the panel closes, and once the files asked come, nothing more is asked.
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await bar.waitFor({ state: 'hidden', ...SHORT });
    release();
    await tab.getByRole('button', { name: 'Next page' }).click();
    await summary(tab).filter({ hasText: 'Showing 21–30 of 5,000 reports' }).waitFor(SHORT);
    assert.ok(Math.max(...asked) < 48, `card files up to ${Math.max(...asked)} were asked for`);
    assert.deepEqual(errors, []);
    await tab.close();
  });

  test('a card file that fails is tried again, its reports said to be missing, the rest working; back, it shows', async () => {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    // Rows 8 and 9 (the fifth card file, of two reports) are on page 1, rows 10 and 11 (the sixth)
    // on page 2; the server fails them for now.
    let down = true;
    let tries = 0;
    await tab.route(/\/data\/few\/.*\/cards\/[45]\.json$/, (route) => {
      if (!down) return route.continue();
      tries++;
      return route.fulfill({ status: 503, body: 'busy' });
    });
    await tab.goto(`${origin}/few.html?sort=title`);
    await summary(tab)
      .filter({ hasText: `Showing 1–10 of ${FEW} reports` })
      .waitFor(SHORT);
    const unavailable = tab.getByRole('status').filter({ hasText: 'of this page could not be loaded' });
    await unavailable.filter({ hasText: '2 reports of this page' }).waitFor(SHORT);
    assert.equal(await cards(tab).count(), 8);
    assert.equal(tries, 3, 'tried three times, then left out');
    // The rest works: the next pages, the second without 2 of its reports, the third whole.
    await tab.getByRole('button', { name: 'Next page' }).click();
    await summary(tab)
      .filter({ hasText: `Showing 11–20 of ${FEW} reports` })
      .waitFor(SHORT);
    await unavailable.filter({ hasText: '2 reports of this page' }).waitFor(SHORT);
    await tab.getByRole('button', { name: 'Next page' }).click();
    await summary(tab)
      .filter({ hasText: `Showing 21–30 of ${FEW} reports` })
      .waitFor(SHORT);
    await unavailable.waitFor({ state: 'detached', ...SHORT });
    assert.equal(await cards(tab).count(), 10);
    // The files back: the pages that lacked them show whole.
    down = false;
    await tab.getByRole('button', { name: 'Previous page' }).click();
    await summary(tab)
      .filter({ hasText: `Showing 11–20 of ${FEW} reports` })
      .waitFor(SHORT);
    await cards(tab).nth(9).waitFor(SHORT);
    assert.equal(await unavailable.count(), 0);
    assert.deepEqual(
      errors.filter((e) => !/status of 503/.test(e)),
      [],
    );
    await tab.close();
  });

  test('an index file that fails is tried again, the search going on without it and saying so; back, the next search has it', async () => {
    const { tab: whole } = await open('/few.html?q=trafficking');
    const right = summary(whole).filter({ hasText: /Showing 1–10 of [\d,]+ reports for “trafficking”$/ });
    await right.waitFor(SHORT);
    const expected = await right.innerText();
    await whole.close();

    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    // The first index file the search asks for fails, for now.
    let down: string | undefined;
    let tries = 0;
    await tab.route('**/data/few/**/index/*.json', (route) => {
      const url = route.request().url();
      if (down === '' || down === url) {
        down = url;
        tries++;
        return route.fulfill({ status: 503, body: 'busy' });
      }
      return route.continue();
    });
    down = '';
    served = [];
    await tab.goto(`${origin}/few.html?q=trafficking`);
    await summary(tab)
      .filter({ hasText: 'Some files could not be loaded, so some words or filters were left out' })
      .waitFor(SHORT);
    // The page asked for it once too (`warmSplit`: the words are in the address, so they are known
    // before the worker has come), and only once: its fetch is in the page's timeline.
    const warmed = await tab.evaluate(
      (url) => performance.getEntriesByType('resource').filter((entry) => entry.name === url).length,
      down,
    );
    assert.equal(warmed, 1, 'the page asked for it once');
    assert.equal(tries - warmed, 3, 'tried three times, then searched without it');
    // The rest of the index, fetched ahead after the answer, leaves the failing file to the queries.
    await servedAll(indexFiles('few').filter((path) => !down!.endsWith(path)));
    assert.equal(tries - warmed, 3, 'the index fetched ahead did not try it again');
    assert.equal(await tab.getByRole('alert').count(), 0);
    // The rest works: browsing, a filter.
    const box = tab.getByRole('searchbox', { name: 'Search reports' });
    await box.fill('');
    await summary(tab)
      .filter({ hasText: new RegExp(`^Showing 1–10 of ${FEW} reports$`) })
      .waitFor(SHORT);
    // The file back: the same search again has it, and says nothing more.
    down = undefined;
    await box.fill('trafficking');
    await summary(tab).filter({ hasText: expected }).waitFor(SHORT);
    assert.equal(await summary(tab).innerText(), expected);
    assert.deepEqual(
      errors.filter((e) => !/status of 503/.test(e)),
      [],
    );
    await tab.close();
  });

  test("a small catalogue's whole index comes after its first search: the words typed next ask the server for no index file (issue 26)", async () => {
    const index = indexFiles('few');
    assert.ok(index.length > 1, `${index.length} index files`);
    served = [];
    const { tab, errors } = await open('/few.html');
    await summary(tab)
      .filter({ hasText: `Showing 1–10 of ${FEW} reports` })
      .waitFor(SHORT);
    const box = tab.getByRole('searchbox', { name: 'Search reports' });
    const search = async (word: string) => {
      await box.fill(word);
      await summary(tab)
        .filter({ hasText: new RegExp(`^Showing 1–10 of [\\d,]+ reports for “${word}”$`) })
        .waitFor(SHORT);
    };
    // Browsing needs no index file, nor fetches any ahead.
    assert.deepEqual(
      served.filter((path) => path.includes('/index/')),
      [],
    );
    // Every one comes after the first search's answer.
    await search('trafficking');
    await servedAll(index);
    served = [];
    for (const word of ['children', 'migrants']) await search(word);
    assert.deepEqual(
      served.filter((path) => path.includes('/index/')),
      [],
    );
    assert.deepEqual(errors, []);
    await tab.close();
  });

  test('a folder replaced by new builds while a page is open: the page starts over from the newest, never mixing them', async () => {
    const withZebra = (seed: number, title: string): Catalogue => {
      const catalogue = generateCatalogue(FEW, seed);
      catalogue.reports[0]!.title = title;
      return catalogue;
    };
    for (const path of ['/swap.html', '/swap-full.html']) {
      rmSync(join(work, 'swap'), { recursive: true, force: true });
      build(generateCatalogue(FEW, 21), '--split', join(work, 'swap'));
      served = [];
      const { tab, errors } = await open(path);
      await summary(tab)
        .filter({ hasText: `Showing 1–10 of ${FEW} reports` })
        .waitFor(SHORT);
      // The whole index of the page's build at hand (fetched after the first search): the page
      // still finds that its folder was rebuilt, though it asks for no index file.
      const box = tab.getByRole('searchbox', { name: 'Search reports' });
      await box.fill('trafficking');
      await summary(tab)
        .filter({ hasText: /reports? for “trafficking”$/ })
        .waitFor(SHORT);
      await servedAll(indexFiles('swap'));
      await box.fill('');
      await summary(tab)
        .filter({ hasText: new RegExp(`^Showing 1–10 of ${FEW} reports$`) })
        .waitFor(SHORT);
      // Two builds later the page's own files are gone (the build before the newest is kept).
      build(withZebra(22, 'Zebra crossings: an older study'), '--split', join(work, 'swap'));
      const newest = withZebra(23, 'Zebra crossings and safe routes');
      newest.reports.push({ ...newest.reports[1]!, id: 'extra', title: 'One more report' });
      build(newest, '--split', join(work, 'swap'));
      await tab.getByRole('searchbox', { name: 'Search reports' }).pressSequentially('zebra');
      // The page starts over: a new reader (in the lite file a new worker, its script compiled
      // again) and the newest build's manifest and files, which on a loaded machine took over 20 s.
      await summary(tab).filter({ hasText: 'Showing 1–1 of 1 report for “zebra”' }).waitFor({ timeout: 60_000 });
      assert.deepEqual(await titles(tab), ['Zebra crossings and safe routes']);
      // Browsing: the newest build's count and cards.
      await tab.getByRole('searchbox', { name: 'Search reports' }).clear();
      await summary(tab)
        .filter({ hasText: `Showing 1–10 of ${FEW + 1} reports` })
        .waitFor(SHORT);
      // The browser's own line for each file of the old build asked for (then the page started over).
      assert.deepEqual(
        errors.filter((e) => !/status of 404/.test(e)),
        [],
      );
      await tab.close();
    }
  });

  test('a Content-Security-Policy that allows no worker: the same search runs in the page (issue 24)', async () => {
    const tab = await browser.newPage();
    await tab.goto(origin + '/few-no-worker.html');
    const word = generateCatalogue(FEW, 11)
      .reports[0]!.title.split(' ')
      .find((w) => /^[a-z]{6,}$/i.test(w))!;
    await tab.getByRole('searchbox', { name: 'Search reports' }).pressSequentially(word.toLowerCase());
    await tab
      .locator('shelf-result-summary [part="summary"]')
      .filter({ hasText: new RegExp(`^Showing 1–\\d+ of \\d+ reports? for “${word.toLowerCase()}”`) })
      .waitFor(SHORT);
    await tab.close();
  });

  test('a search worker missing or broken is said as such; one that never answers times out, said', async () => {
    const cases: [string, string, (tab: Page) => Promise<unknown>][] = [
      [
        '/few.html',
        'Search is not available on this page',
        (tab) => tab.route('**/reportshelf.search.js', (r) => r.fulfill({ status: 404 })),
      ],
      [
        '/few.html',
        'Search is not available on this page',
        (tab) =>
          tab.route('**/reportshelf.search.js', (r) =>
            r.fulfill({ contentType: 'text/javascript', body: 'this is not JavaScript' }),
          ),
      ],
      [
        '/few.html',
        'The library stopped answering; reload the page.',
        (tab) =>
          tab.route('**/reportshelf.search.js', (r) =>
            r.fulfill({ contentType: 'text/javascript', body: 'onmessage = () => {};' }),
          ),
      ],
    ];
    for (const [path, message, prepare] of cases) {
      const tab = await browser.newPage();
      await prepare(tab);
      await tab.goto(origin + path);
      await tab.getByRole('alert').filter({ hasText: message }).waitFor({ timeout: 40_000 });
      assert.equal(await tab.getByText('could not be reached').count(), 0, path);
      await tab.close();
    }
  });
});
