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
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** A catalogue as a curator's spreadsheet, through the built CLI; the catalogue generated, for checking. */
function build(size: number, ...output: string[]): Catalogue {
  const catalogue = generateCatalogue(size, 11);
  const csv = join(work, `${size}.csv`);
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

const page = (src: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reports</title><script src="/reportshelf.lite.js"></script></head>` +
  `<body><shelf-library src="${src}" sync-url></shelf-library></body></html>`;

let large: Catalogue;
let small: Catalogue;

before(async () => {
  large = build(100_000, '--split', join(work, 'split'));
  small = build(10_000, '-o', join(work, 'single.json'));
  // A small split catalogue, and the same with a file lost and with a manifest that is not one.
  build(300, '--split', join(work, 'few'));
  cpSync(join(work, 'few'), join(work, 'lost'), { recursive: true });
  rmSync(join(work, 'lost', 'facets', 'country.json'));
  server = createStaticServer({
    mounts: [['/data/', work]],
    routes: {
      // Under the strict Content-Security-Policy: the worker and its fetches are the page's own.
      '/split.html': () => ({ body: page('/data/split/catalogue.json'), headers: { 'Content-Security-Policy': CSP } }),
      '/single.html': () => ({ body: page('/data/single.json') }),
      '/lost.html': () => ({ body: page('/data/lost/catalogue.json') }),
      '/bad.html': () => ({ body: page('/bad/catalogue.json') }),
      '/bad/catalogue.json': () => ({ body: JSON.stringify({ version: 1, format: 'split', count: 'many' }) }),
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
        ['', '.lite', '.search', '.cite'].map((name) => [
          `/reportshelf${name}.js`,
          () => ({ body: readFileSync(`${dist}reportshelf${name}.js`) }),
        ]),
      ),
    },
  });
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
  await tab.getByRole('searchbox', { name: 'Search reports' }).fill('trafficking victims');
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
    const { requests } = await browse('/split.html', large);
    // Only what each view needed was fetched: a few index files, the cards of the reports shown.
    const fetched = new Set(requests.filter((path) => path.startsWith('/data/split/')));
    const size = (paths: string[]) =>
      paths.reduce((n, p) => n + statSync(join(work, p.slice('/data/'.length))).size, 0);
    const index = [...fetched].filter((p) => p.includes('/index/'));
    const cardFiles = [...fetched].filter((p) => p.includes('/cards/'));
    assert.ok(index.length > 0 && index.length <= 12, `${index.length} index files`);
    assert.ok(cardFiles.length <= 60, `${cardFiles.length} card files for six views`);
    assert.ok(!fetched.has('/data/split/facets/author.json'), 'the author facet, not shown, was not fetched');
    const whole = size(
      spawnSync('find', [join(work, 'split'), '-type', 'f'], { encoding: 'utf8' })
        .stdout.trim()
        .split('\n')
        .map((f) => `/data/${f.slice(work.length + 1)}`),
    );
    assert.ok(size([...fetched]) < whole / 20, `fetched ${size([...fetched])} of ${whole} bytes`);
  });

  test('the same on 10,000 reports in the single-file format', async () => {
    await browse('/single.html', small);
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
    await tab.getByRole('searchbox', { name: 'Search reports' }).fill('trafficking');
    const both = withWords(few, ['trafficking']).filter((r) => r.authors.includes(author)).length;
    await summary(tab)
      .filter({ hasText: `of ${both} report` })
      .waitFor(LONG);
    assert.deepEqual(errors, []);
    await tab.close();
  });

  test('a split catalogue with a file lost, or a manifest that is not one, says so in the list', async () => {
    for (const [path, message, logged] of [
      [
        '/lost.html',
        'The catalogue at /data/lost/catalogue.json could not be reached.',
        /facets\/country\.json: HTTP 404/,
      ],
      ['/bad.html', 'The catalogue is not in the expected format. "count" is not a number of reports', /"count"/],
    ] as const) {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await tab.goto(origin + path);
      await tab.getByRole('alert').filter({ hasText: message }).waitFor(LONG);
      assert.match(errors.join('\n'), logged);
      await tab.close();
    }
  });
});
