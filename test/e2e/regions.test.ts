/**
 * End-to-end: countries under their regions (issue 27, item 6) in the built lite drop-in file. The
 * CLI writes the regions (`places`) into a catalogue, single-file and split; the lite file loads
 * the region tree, reportshelf.regions.js, from beside itself for such a catalogue only (the
 * page's side of a split catalogue, reportshelf.split.js, is asked for with any `.json` catalogue,
 * before the page can know its layout: issue 26). Run after `npm run build`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { toCsv, type Report } from '@reportshelf/core';
import { CSP, dist, libraryPage, reportshelf, setUp } from './server.js';

/** Reports in West and Middle Africa and Western Asia, one of them in two West African countries. */
const reports: Report[] = [
  ['r1', 'Trafficking along the coast', ['Nigeria', 'Ghana'], 2010],
  ['r2', 'Shelters in Lagos', ['Nigeria'], 2012],
  ['r3', 'Trafficking across the Sahel', ['Ghana', 'Chad'], 2012],
  ['r4', 'Displacement and exploitation', ['Syria'], 2014],
  ['r5', 'A global framework', ['Worldwide'], 2016],
].map(([id, title, countries, year]) => ({
  id: id as string,
  title: title as string,
  year: year as number,
  countries: countries as string[],
  regions: [],
  categories: [],
  authors: [],
  organizations: [],
}));

/** Runs the built CLI on the reports as a curator's CSV. */
function build(...args: string[]): void {
  const csv = join(work, 'reports.csv');
  writeFileSync(csv, toCsv(reports));
  const run = reportshelf('build', csv, ...args);
  assert.equal(run.status, 0, run.stderr);
}

const e2e = setUp({
  work: 'regions',
  serve: () => {
    build('-o', join(work, 'placed.json'), '--feeds', 'none');
    build('-o', join(work, 'plain.json'), '--feeds', 'none', '--places', 'none');
    build('--split', join(work, 'split'), '--feeds', 'none');
    return {
      mounts: [
        ['/data/', work],
        ['/', dist],
      ],
      // Under the strict Content-Security-Policy: the tree's layout is a sheet it adopts, no style attribute.
      routes: {
        '/placed.html': () => ({ body: libraryPage('/data/placed.json'), headers: { 'Content-Security-Policy': CSP } }),
        '/plain.html': () => ({ body: libraryPage('/data/plain.json') }),
        '/split.html': () => ({
          body: libraryPage('/data/split/catalogue.json'),
          headers: { 'Content-Security-Policy': CSP },
        }),
      },
    };
  },
});
const { work } = e2e;

/** Opens a page, recording the files it loads from beside the lite file, and its errors. */
async function open(path: string): Promise<{ tab: Page; loaded: string[]; errors: string[] }> {
  const tab = await e2e.browser.newPage();
  const loaded: string[] = [];
  const errors: string[] = [];
  tab.on('request', (r) => {
    const name = /\/(reportshelf\.[a-z]+\.js)$/.exec(r.url())?.[1];
    if (name && name !== 'reportshelf.lite.js') loaded.push(name);
  });
  tab.on('console', (m) => ['error', 'warning'].includes(m.type()) && errors.push(m.text()));
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(e2e.origin + path);
  return { tab, loaded, errors };
}

const summary = (tab: Page) => tab.locator('shelf-result-summary [part="summary"]');
const region = (tab: Page, name: string) => tab.locator('shelf-filter-bar .region').filter({ hasText: name });

describe('countries under their regions, in the lite file', () => {
  test('a catalogue with regions loads the tree from beside the lite file, once: counts, ticking a region, its countries', async () => {
    const { tab, loaded, errors } = await open('/placed.html');
    await summary(tab).filter({ hasText: 'Showing 1–5 of 5 reports' }).waitFor();
    // Western Africa counts r1, r2 and r3 once each: 3, not the 4 its countries' counts add up to.
    const west = region(tab, 'Western Africa');
    await west.locator('[part="count"]').filter({ hasText: /^3$/ }).waitFor();
    assert.equal(await region(tab, 'Middle Africa').locator('[part="count"]').first().innerText(), '1');
    // Its layout is the tree's own sheet (adopted under the strict CSP): the countries' group below the row.
    assert.equal(await west.evaluate((row) => getComputedStyle(row).display), 'flex');
    const group = tab.getByRole('group', { name: 'Western Africa' });
    assert.equal(await group.isVisible(), false);
    await tab.getByRole('button', { name: 'Western Africa' }).click();
    await group.getByRole('checkbox', { name: /Nigeria/ }).waitFor();
    // Ticking the region ticks its countries: the reports of either.
    await tab.getByRole('checkbox', { name: /^Western Africa/ }).check();
    await summary(tab).filter({ hasText: 'Showing 1–3 of 3 reports' }).waitFor();
    assert.equal(await group.getByRole('checkbox', { name: /Ghana/ }).isChecked(), true);
    // One country unticked: the region is mixed.
    await group.getByRole('checkbox', { name: /Ghana/ }).uncheck();
    await summary(tab).filter({ hasText: 'Showing 1–2 of 2 reports' }).waitFor();
    assert.equal(
      await tab
        .getByRole('checkbox', { name: /^Western Africa/ })
        .evaluate((box) => (box as HTMLInputElement).indeterminate),
      true,
    );
    assert.equal(loaded.filter((name) => name === 'reportshelf.regions.js').length, 1, loaded.join(', '));
    assert.deepEqual(errors, []);
    await tab.close();
  });

  test('a catalogue without regions loads no tree: its countries are one list', async () => {
    const { tab, loaded, errors } = await open('/plain.html');
    await summary(tab).filter({ hasText: 'Showing 1–5 of 5 reports' }).waitFor();
    await tab.getByRole('checkbox', { name: /Nigeria/ }).waitFor();
    assert.equal(await tab.locator('shelf-filter-bar .region').count(), 0);
    // The search worker and the split reader (asked for with the catalogue, before its layout is
    // known), and nothing else: no region tree.
    assert.deepEqual(loaded.sort(), ['reportshelf.search.js', 'reportshelf.split.js']);
    assert.deepEqual(errors, []);
    await tab.close();
  });

  test('a split catalogue: its manifest carries the regions, the tree loads with the split reader', async () => {
    const manifest = JSON.parse(readFileSync(join(work, 'split', 'catalogue.json'), 'utf8')) as {
      places?: Record<string, string[]>;
    };
    assert.deepEqual(manifest.places?.['Western Africa']?.sort(), ['Ghana', 'Nigeria']);
    const { tab, loaded, errors } = await open('/split.html');
    await summary(tab).filter({ hasText: 'Showing 1–5 of 5 reports' }).waitFor();
    // The reader counts the regions as the countries: Western Africa 3 (r1, in two of its
    // countries, once), not the 4 its countries' counts add up to.
    await region(tab, 'Middle Africa').locator(':scope > label [part="count"]').filter({ hasText: /^1$/ }).waitFor();
    await region(tab, 'Western Africa').locator(':scope > label [part="count"]').filter({ hasText: /^3$/ }).waitFor();
    await tab.getByRole('checkbox', { name: /^Western Africa/ }).check();
    await summary(tab).filter({ hasText: 'Showing 1–3 of 3 reports' }).waitFor();
    assert.deepEqual([...new Set(loaded)].sort(), [
      'reportshelf.regions.js',
      'reportshelf.search.js',
      'reportshelf.split.js',
    ]);
    assert.deepEqual(errors, []);
    await tab.close();
  });

  test('a split catalogue whose reportshelf.split.js is missing says so', async () => {
    const tab = await e2e.browser.newPage();
    await tab.route('**/reportshelf.split.js', (r) => r.fulfill({ status: 404 }));
    await tab.goto(e2e.origin + '/split.html');
    await tab
      .getByText('Search is not available on this page: its file, reportshelf.split.js, could not be loaded.')
      .waitFor();
    await tab.close();
  });
});
