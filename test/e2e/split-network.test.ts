/**
 * End-to-end: a split catalogue on a slow network (issue 26). What the first results wait for is
 * counted at the server, the worker's requests included, not timed: the first results do not wait
 * for a facet's file (at 100,000 reports the facets are 480 KB gzipped), held back here by the
 * server until the test lets it go; the filter bar shows that facet's counts once it comes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { splitCatalogue } from '@reportshelf/core';
import { createStaticServer, listen } from '../../scripts/static-server.mjs';
import { generateCatalogue } from '../../bench/generate.js';
import { launchChromium } from './browser.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = `${root}packages/embed/dist/`;
const work = mkdtempSync(join(tmpdir(), 'reportshelf-split-network-'));
let server: Server;
let origin: string;
let browser: Browser;
/** The paths the server was asked for, and those it answered, in order; and both, as they came. */
let asked: string[] = [];
let answered: string[] = [];
let events: string[] = [];
/** Called after each request comes. */
let heard = () => {};

const files = splitCatalogue(generateCatalogue(1000, 7));
const build = (JSON.parse(files.get('catalogue.json')!) as { build: string }).build;
const country = `${build}/facets/country.json`;
const years = `${build}/years.json`;
/** The country facet's file is answered once this is called (a new hold for each test). */
let release = () => {};
let held = Promise.resolve();
const hold = () => (held = new Promise((resolve) => (release = resolve)));
/** The years' file likewise. */
let releaseYears = () => {};
let heldYears = Promise.resolve();
/** The manifest likewise. */
let releaseManifest = () => {};
let heldManifest = Promise.resolve();

/** The server's routes: a test may add one (a file held back). */
const routes: Record<string, () => Promise<{ body: string }> | { body: string }> = {};

const page = (src: string, script = 'reportshelf.lite.js') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reports</title><script src="/${script}"></script></head>` +
  `<body><shelf-library src="${src}"></shelf-library></body></html>`;

before(async () => {
  for (const [path, text] of files) {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), text);
  }
  // Cached as the README asks of a partner's server: a build's files for a year, the rest revalidated.
  server = createStaticServer({
    cache: true,
    mounts: [
      ['/data/', work],
      ['/', dist],
    ],
    routes: Object.assign(routes, {
      '/lite.html': () => ({ body: page('/data/catalogue.json') }),
      '/full.html': () => ({ body: page('/data/catalogue.json', 'reportshelf.js') }),
      [`/data/${country}`]: async () => {
        await held;
        return { body: files.get(country)! };
      },
      [`/data/${years}`]: async () => {
        await heldYears;
        return { body: files.get(years)! };
      },
      '/data/catalogue.json': async () => {
        await heldManifest;
        return { body: files.get('catalogue.json')! };
      },
      '/ping': () => ({ body: '' }),
    }),
  });
  server.on('request', (req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    asked.push(path);
    events.push(`asked ${path}`);
    heard();
    res.on('finish', () => {
      answered.push(path);
      events.push(`answered ${path}`);
      heard();
    });
  });
  origin = await listen(server);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

test('the search worker and reportshelf.split.js are asked for beside the manifest, not a round trip after it', async () => {
  asked = [];
  heldManifest = new Promise((resolve) => (releaseManifest = resolve));
  const tab = await browser.newPage();
  try {
    const manifestAsked = new Promise<void>(
      (resolve) => (heard = () => asked.includes('/data/catalogue.json') && resolve()),
    );
    await tab.goto(`${origin}/lite.html`);
    await manifestAsked;
    // A round trip from the page after the manifest was asked: what was asked with it has been by now.
    await tab.evaluate(() => fetch('/ping').then((r) => r.text()));
    assert.ok(!answered.includes('/data/catalogue.json'));
    assert.ok(asked.includes('/reportshelf.search.js'), asked.join('\n'));
    assert.ok(asked.includes('/reportshelf.split.js'), asked.join('\n'));
    releaseManifest();
    await tab.locator('shelf-report-list ol[part="list"][aria-busy="false"] shelf-report-card').first().waitFor();
  } finally {
    releaseManifest();
    heard = () => {};
    await tab.close();
  }
});

for (const script of ['lite', 'full'])
  test(`${script} file: the first results show while a facet's file is on its way, its counts once it comes`, async () => {
    asked = [];
    answered = [];
    hold();
    const tab = await browser.newPage();
    try {
      await tab.goto(`${origin}/${script}.html`);
      // The browse page's reports, with the country file asked for and not answered.
      await tab.locator('shelf-report-list shelf-report-card').first().waitFor();
      assert.ok(asked.includes(`/data/${country}`), JSON.stringify(asked));
      assert.ok(!answered.includes(`/data/${country}`));
      // A search meanwhile, answered too (its query files and cards), the file still held.
      const word = 'trafficking';
      await tab.locator('shelf-search-box input').fill(word);
      await tab.locator('shelf-result-summary', { hasText: `“${word}”` }).waitFor();
      await tab.locator('shelf-report-list ol[part="list"][aria-busy="false"] shelf-report-card').first().waitFor();
      assert.ok(!answered.includes(`/data/${country}`));
      // No country's checkbox before the file comes (its counts are not known); then each with its count.
      const labels = (JSON.parse(files.get(country)!) as { labels: string[] }).labels;
      const option = tab.locator('shelf-filter-bar label[part="option"]', { hasText: labels[0] });
      assert.equal(await option.count(), 0);
      release();
      await option.first().waitFor();
      assert.match(await option.first().locator('[part="count"]').innerText(), /^\d/);
    } finally {
      release();
      await tab.close();
    }
  });

test('a page of ten results brings the cards of at most twenty reports: a card file holds a report shown and one more at most', async () => {
  hold();
  release();
  const tab = await browser.newPage();
  try {
    await tab.goto(`${origin}/lite.html`);
    await tab.locator('shelf-report-list ol[part="list"][aria-busy="false"] shelf-report-card').first().waitFor();
    asked = [];
    // A word most reports have, in relevance order: its ten are scattered across the rows (title order).
    const word = 'trafficking';
    await tab.locator('shelf-search-box input').fill(word);
    await tab.locator('shelf-result-summary', { hasText: `“${word}”` }).waitFor();
    const shown = tab.locator('shelf-report-list ol[part="list"][aria-busy="false"] shelf-report-card');
    await shown.nth(9).waitFor();
    const cardFiles = asked.filter((path) => path.includes('/cards/'));
    const reports = cardFiles.reduce(
      (n, path) => n + (JSON.parse(files.get(path.slice('/data/'.length))!) as []).length,
      0,
    );
    assert.ok(cardFiles.length <= 10, `${cardFiles.length} card files`);
    assert.ok(reports <= 20, `${cardFiles.length} card files with ${reports} reports for the ten shown`);
  } finally {
    await tab.close();
  }
});

test('the facet files are asked for once the years have come, which have the link to themselves meanwhile (97 KB at 100,000 reports)', async () => {
  hold();
  release();
  events = [];
  heldYears = new Promise((resolve) => (releaseYears = resolve));
  const tab = await browser.newPage();
  try {
    const yearsAsked = new Promise<void>((resolve) => (heard = () => asked.includes(`/data/${years}`) && resolve()));
    await tab.goto(`${origin}/lite.html`);
    await yearsAsked;
    // A round trip from the page after the years were asked: files asked with them have come by now.
    await tab.evaluate(() => fetch('/ping').then((r) => r.text()));
    releaseYears();
    await tab.locator('shelf-report-list ol[part="list"][aria-busy="false"] shelf-report-card').first().waitFor();
    const labels = (JSON.parse(files.get(country)!) as { labels: string[] }).labels;
    await tab.locator('shelf-filter-bar label[part="option"]', { hasText: labels[0] }).first().waitFor();
    const yearsIn = events.indexOf(`answered /data/${years}`);
    const facets = events.flatMap((event, i) => (event.startsWith('asked ') && event.includes('/facets/') ? [i] : []));
    assert.ok(facets.length > 0);
    assert.ok(
      facets.every((i) => i > yearsIn),
      events.filter((event) => event.includes(build)).join('\n'),
    );
  } finally {
    releaseYears();
    heard = () => {};
    await tab.close();
  }
});

test('the first page’s card files are asked for before the facet files, which would hold connections the cards wait for', async () => {
  hold();
  release();
  events = [];
  const tab = await browser.newPage();
  try {
    await tab.goto(`${origin}/lite.html`);
    await tab.locator('shelf-report-list ol[part="list"][aria-busy="false"] shelf-report-card').first().waitFor();
    const labels = (JSON.parse(files.get(country)!) as { labels: string[] }).labels;
    await tab.locator('shelf-filter-bar label[part="option"]', { hasText: labels[0] }).first().waitFor();
    const asks = events.filter((event) => event.startsWith('asked ') && event.includes(build));
    const firstFacet = asks.findIndex((event) => event.includes('/facets/'));
    const cards = asks.flatMap((event, i) => (event.includes('/cards/') ? [i] : []));
    // The browse page's ten reports: five card files or more, two reports a file.
    assert.ok(cards.length >= 5 && firstFacet > 0, asks.join('\n'));
    assert.ok(
      cards.slice(0, 5).every((i) => i < firstFacet),
      asks.join('\n'),
    );
  } finally {
    await tab.close();
  }
});

/**
 * The one-word parts of the countries' names (five letters or more, in an index file with one on
 * either side), the rarest first: each with its index file's number, and the reports it is in.
 */
function countryWords(): { word: string; file: number; reports: number; rows: number[] }[] {
  const { labels, rows } = JSON.parse(files.get(country)!) as { labels: string[]; rows: (number | number[])[] };
  const reports = new Map<string, Set<number>>();
  rows.forEach((row, i) => {
    for (const id of [row].flat())
      for (const part of labels[id]!.toLowerCase().split(' '))
        reports.set(part, (reports.get(part) ?? new Set()).add(i));
  });
  const { index } = JSON.parse(files.get('catalogue.json')!) as { index: string[] };
  return [...reports]
    .map(([word, rows]) => ({
      word,
      file: index.findLastIndex((first) => first <= word),
      reports: rows.size,
      rows: [...rows],
    }))
    .filter(({ word, file }) => word.length >= 5 && file > 0 && file < index.length - 1)
    .sort((a, b) => a.reports - b.reports);
}

const indexPath = (file: number) => `/data/${build}/index/${file}.json`;

/** Holds a file back at the server until the function returned is called (a catalogue's file, unless `body` says). */
function holdFile(path: string, body = () => files.get(path.slice('/data/'.length))!): () => void {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  routes[path] = async () => {
    await held;
    return { body: body() };
  };
  return () => {
    release();
    delete routes[path];
  };
}

test('a word that finds few: the index files beside its own, where its typos are, are asked for with its own, not a round trip after', async () => {
  hold();
  release();
  // The rarest (in fewer than ten reports: its typos are searched).
  const { word, file } = countryWords()[0]!;
  const own = indexPath(file);
  const beside = [indexPath(file - 1), indexPath(file + 1)];
  const releaseOwn = holdFile(own);
  const tab = await browser.newPage();
  try {
    await tab.goto(`${origin}/lite.html`);
    await tab.locator('shelf-report-list ol[part="list"][aria-busy="false"] shelf-report-card').first().waitFor();
    asked = [];
    const ownAsked = new Promise<void>((resolve) => (heard = () => asked.includes(own) && resolve()));
    await tab.locator('shelf-search-box input').fill(word);
    await ownAsked;
    // A round trip from the page after its own file was asked: files asked with it have been by now.
    await tab.evaluate(() => fetch('/ping').then((r) => r.text()));
    assert.ok(
      beside.every((path) => asked.includes(path)),
      `${word}: ${beside.join(', ')} not asked with ${own}:\n${asked.join('\n')}`,
    );
    releaseOwn();
    // (It finds fewer than ten reports: its typos were searched.)
    await tab
      .locator('shelf-result-summary [part="summary"]')
      .filter({ hasText: new RegExp(`^Showing 1–(\\d) of \\1 reports? for “${word}”`) })
      .waitFor();
  } finally {
    releaseOwn();
    heard = () => {};
    await tab.close();
  }
});

test('a word typed while the search worker is on its way: the page asks for the years and its index files meanwhile, not once the worker has come', async () => {
  hold();
  release();
  const { word, file } = countryWords()[0]!;
  const own = indexPath(file);
  // The worker's script held back, as a slow network holds its 27 KB after the manifest's 1 KB.
  const releaseWorker = holdFile('/reportshelf.search.js', () => readFileSync(`${dist}reportshelf.search.js`, 'utf8'));
  asked = [];
  answered = [];
  const tab = await browser.newPage();
  try {
    await tab.goto(`${origin}/lite.html`);
    await tab.locator('shelf-search-box input').fill(word);
    // The page's own fetch of it has come (a worker's would not show in the page's timeline);
    // without, nothing would ask for it until the worker came, and the wait fails.
    await tab.waitForFunction(
      (path) => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith(path)),
      own,
    );
    assert.ok(!answered.includes('/reportshelf.search.js'), 'the worker came first');
    assert.ok(asked.includes(`/data/${years}`), asked.join('\n'));
    releaseWorker();
    await tab
      .locator('shelf-result-summary [part="summary"]')
      .filter({ hasText: new RegExp(`of \\d+ reports? for “${word}”`) })
      .waitFor();
    // Each asked for once: the worker's requests were answered by the page's, not sent again.
    for (const path of [own, `/data/${years}`])
      assert.equal(asked.filter((p) => p === path).length, 1, `${path}:\n${asked.join('\n')}`);
  } finally {
    releaseWorker();
    await tab.close();
  }
});

test('a query overtaken by a newer one gives way at once: the newer word’s index file is asked for while the older word’s is still on its way', async () => {
  hold();
  release();
  const words = countryWords();
  const first = words[0]!;
  // A word whose file is not beside the first's (asked with it, for its typos).
  const second = words.find(({ file }) => Math.abs(file - first.file) > 1)!;
  const releaseFirst = holdFile(indexPath(first.file));
  asked = [];
  answered = [];
  const tab = await browser.newPage();
  try {
    await tab.goto(`${origin}/lite.html`);
    await tab.locator('shelf-report-list ol[part="list"][aria-busy="false"] shelf-report-card').first().waitFor();
    const firstAsked = new Promise<void>(
      (resolve) => (heard = () => asked.includes(indexPath(first.file)) && resolve()),
    );
    await tab.locator('shelf-search-box input').fill(first.word);
    await firstAsked;
    // The server tells the page when the second word's file is asked for: once (a tell still on its
    // way when the tab closes is no failure; one that fails while it is open leaves the wait below to fail).
    let told = false;
    heard = () => {
      if (told || !asked.includes(indexPath(second.file))) return;
      told = true;
      tab.evaluate('window.secondAsked = true').catch(() => {});
    };
    await tab.locator('shelf-search-box input').fill(second.word);
    // Asked while the first's is held (it was asked only once the first's came).
    await tab.waitForFunction('window.secondAsked', undefined, { timeout: 10_000 });
    assert.ok(!answered.includes(indexPath(first.file)));
    releaseFirst();
    await tab.locator('shelf-result-summary', { hasText: `“${second.word}”` }).waitFor();
  } finally {
    releaseFirst();
    heard = () => {};
    await tab.close();
  }
});

test('words typed one after another, reading index files fetched ahead, wait for one check of the build, not one each', async () => {
  hold();
  release();
  asked = [];
  answered = [];
  const { index, cards: perFile } = JSON.parse(files.get('catalogue.json')!) as { index: string[]; cards: number };
  const cardPath = (row: number) => `/data/${build}/cards/${Math.floor(row / perFile)}.json`;
  const checks = () => asked.filter((path) => path === '/data/catalogue.json').length;
  const tab = await browser.newPage();
  try {
    await tab.goto(`${origin}/lite.html`);
    await tab.locator('shelf-report-list ol[part="list"][aria-busy="false"] shelf-report-card').first().waitFor();
    // A first search: the whole index is fetched after it (11 files), all but its own word's ahead.
    const all = index.map((_, i) => indexPath(i));
    const prefetched = new Promise<void>(
      (resolve) => (heard = () => all.every((path) => answered.includes(path)) && resolve()),
    );
    const box = tab.locator('shelf-search-box input');
    await box.fill('trafficking');
    await tab.locator('shelf-result-summary', { hasText: '“trafficking”' }).waitFor();
    await prefetched;
    const own = index.findLastIndex((first) => first <= 'traffick');
    const words = countryWords().filter(({ file }) => file !== own);
    const first = words[0]!;
    const second = words.find(
      ({ file, rows }) =>
        file !== first.file &&
        rows.some((row) => !asked.includes(cardPath(row)) && !first.rows.map(cardPath).includes(cardPath(row))),
    )!;
    // The check of the build held at the server while both words are searched.
    heldManifest = new Promise((resolve) => (releaseManifest = resolve));
    const before = checks();
    const checking = new Promise<void>((resolve) => (heard = () => checks() > before && resolve()));
    await box.fill(first.word);
    await checking;
    const fresh = second.rows
      .map(cardPath)
      .filter((path) => !asked.includes(path) && !first.rows.map(cardPath).includes(path));
    const secondCards = new Promise<void>(
      (resolve) => (heard = () => fresh.some((path) => asked.includes(path)) && resolve()),
    );
    await box.fill(second.word);
    // The second word's query has read its files and asked for its cards; its results, once the
    // check comes, with no check of its own (the browser would send that one after the first).
    await secondCards;
    releaseManifest();
    await tab.locator('shelf-result-summary', { hasText: `“${second.word}”` }).waitFor();
    assert.equal(checks(), before + 1, asked.join('\n'));
  } finally {
    releaseManifest();
    heard = () => {};
    await tab.close();
  }
});
