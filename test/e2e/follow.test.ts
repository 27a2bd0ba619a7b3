/**
 * End-to-end: "Follow new reports". `reportshelf build --feeds country` writes the Atom feeds
 * beside the catalogue and names them in it; the page, on the built lite file, offers the feed of
 * the country chosen (or of every new report), and that address is the feed the CLI wrote, read
 * here by a real feed parser. A catalogue without feeds offers none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parseAtomFeed } from 'feedsmith';
import { dist, root, setUp } from './server.js';

const CSV = [
  'id,title,summary,year,added,countries,categories',
  "ci,Labour in cocoa farms,Findings.,2021,2024-03-01,Côte d'Ivoire,Research",
  'ng,Shelters in Lagos,Findings.,2022,2024-05-01,Nigeria,Guidance',
  "both,Routes across the Sahel,Findings.,2023,2024-06-01,Côte d'Ivoire;Nigeria,Assessment",
].join('\n');

function build(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions', 'source', join(root, 'packages/cli/src/bin.ts'), 'build', ...args],
    { cwd: root, encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
}

const page = (src: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reports</title><script src="/reportshelf.lite.js"></script></head>` +
  `<body><main><shelf-library src="${src}"></shelf-library></main></body></html>`;

const e2e = setUp({
  work: 'follow',
  serve: ({ work }) => {
    writeFileSync(join(work, 'reports.csv'), CSV);
    for (const folder of ['reports', 'plain']) mkdirSync(join(work, 'site', folder), { recursive: true });
    // Countries not grouped by region (--places none), so that each is a checkbox in view: the feeds
    // are this file's subject; the region tree has test/e2e/regions.test.ts.
    const flat = ['--places', 'none'];
    build(join(work, 'reports.csv'), '-o', join(work, 'site/reports/catalogue.json'), '--feeds', 'country', ...flat);
    build(join(work, 'reports.csv'), '-o', join(work, 'site/plain/catalogue.json'), '--feeds', 'none', ...flat);
    build(join(work, 'reports.csv'), '--split', join(work, 'site/split'), '--feeds', 'country', ...flat);
    return {
      mounts: [
        ['/data/', join(work, 'site')],
        ['/', dist],
      ],
      routes: {
        '/library/index.html': () => ({ body: page('../data/reports/catalogue.json') }),
        '/plain.html': () => ({ body: page('/data/plain/catalogue.json') }),
        '/split.html': () => ({ body: page('/data/split/catalogue.json') }),
      },
    };
  },
});

const follow = (tab: Page) => tab.getByRole('link', { name: /^Follow new reports/ });

/** The feed a link leads to, read by a real Atom parser: its title and its entries' titles. */
async function feedAt(tab: Page, href: string) {
  const response = await tab.request.get(href);
  assert.equal(response.status(), 200, href);
  const feed = parseAtomFeed(await response.text());
  return { title: feed.title?.value, entries: (feed.entries ?? []).map((e) => e.title?.value).sort() };
}

test('the page offers the feed of the country chosen, else of every new report: the feeds the CLI wrote beside the catalogue', async () => {
  const tab = await e2e.browser.newPage();
  await tab.goto(`${e2e.origin}/library/index.html`);
  await tab.locator('shelf-report-card').first().waitFor();
  // Nothing chosen: every new report, beside the catalogue (its address relative to the page's).
  assert.equal(await follow(tab).innerText(), 'Follow new reports');
  assert.equal(await follow(tab).getAttribute('type'), 'application/atom+xml');
  const all = await follow(tab).getAttribute('href');
  assert.equal(all, `${e2e.origin}/data/reports/feed.xml`);
  assert.deepEqual((await feedAt(tab, all!)).entries, [
    'Labour in cocoa farms',
    'Routes across the Sahel',
    'Shelters in Lagos',
  ]);

  // One country: its own feed, named for it.
  await tab.getByRole('checkbox', { name: /^Côte d'Ivoire/ }).check();
  await follow(tab).filter({ hasText: "Follow new reports: Côte d'Ivoire" }).waitFor();
  const country = await follow(tab).getAttribute('href');
  assert.equal(country, `${e2e.origin}/data/reports/feeds/country/cote-d-ivoire.xml`);
  assert.deepEqual((await feedAt(tab, country!)).entries, ['Labour in cocoa farms', 'Routes across the Sahel']);

  // Two countries: no feed holds just those; every new report is offered again.
  await tab.getByRole('checkbox', { name: /^Nigeria/ }).check();
  await follow(tab)
    .filter({ hasText: /^Follow new reports$/ })
    .waitFor();
  assert.equal(await follow(tab).getAttribute('href'), all);
  // A category has no feeds here: every new report.
  await tab.getByRole('checkbox', { name: /^Nigeria/ }).uncheck();
  await tab.getByRole('checkbox', { name: /^Côte d'Ivoire/ }).uncheck();
  await tab.getByRole('checkbox', { name: /^Research/ }).check();
  await tab.locator('shelf-result-summary', { hasText: /of 1 report/ }).waitFor();
  assert.equal(await follow(tab).innerText(), 'Follow new reports');
  await tab.close();
});

test('a catalogue built with --feeds none offers no feed', async () => {
  const tab = await e2e.browser.newPage();
  await tab.goto(`${e2e.origin}/plain.html`);
  await tab.locator('shelf-report-card').first().waitFor();
  // The toolbar is drawn (its export button), without a feed link.
  await tab.getByRole('button', { name: /^Export/ }).waitFor();
  assert.equal(await follow(tab).count(), 0);
  await tab.close();
});

test('a split catalogue offers its feeds the same way (its manifest names them)', async () => {
  const tab = await e2e.browser.newPage();
  await tab.goto(`${e2e.origin}/split.html`);
  await tab.locator('shelf-report-card').first().waitFor();
  assert.equal(await follow(tab).getAttribute('href'), `${e2e.origin}/data/split/feed.xml`);
  await tab.getByRole('checkbox', { name: /^Nigeria/ }).check();
  await follow(tab).filter({ hasText: 'Follow new reports: Nigeria' }).waitFor();
  const href = await follow(tab).getAttribute('href');
  assert.equal(href, `${e2e.origin}/data/split/feeds/country/nigeria.xml`);
  assert.deepEqual((await feedAt(tab, href!)).entries, ['Routes across the Sahel', 'Shelters in Lagos']);
  await tab.close();
});
