/** `npm start`'s server, as a visitor meets it: every demo page renders reports, with no error. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { setUp } from './server.js';

let server: ChildProcess;

// The server is `npm start`'s own, run as a partner runs it, not one of the fixture's.
const e2e = setUp({
  ready: async (e2e) => {
    server = spawn(process.execPath, [fileURLToPath(new URL('../../scripts/serve.mjs', import.meta.url))], {
      env: { ...process.env, PORT: '0' },
    });
    const [chunk] = (await once(server.stdout!, 'data')) as [Buffer];
    e2e.origin = /http:\/\/localhost:\d+/.exec(chunk.toString())![0];
  },
  close: () => void server?.kill(),
});

const pages: [string, RegExp][] = [
  ['/plain.html', /Showing 1–6 of 6 reports/],
  ['/composed.html', /Showing 1–4 of 6 reports/],
  ['/fr.html', /1–6 sur 6 rapports/],
  ['/ar.html', /من/],
  ['/brand-dark.html', /Showing 1–6 of 6 reports/],
  ['/partner-catalogue.html', /1–10 de 60 informes/],
];

test('the index links every demo page', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(e2e.origin + '/');
  const links = await page
    .locator('main a')
    .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  assert.deepEqual(links, [...pages.map(([path]) => path), '/dist/catalogue.html']);
  await page.close();
});

test('the converter page linked from the index makes a catalogue of the demo’s spreadsheet', async () => {
  const page = await e2e.browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(e2e.origin + '/');
  await page.getByRole('link', { name: 'Make a catalogue from a spreadsheet' }).click();
  await page
    .getByLabel('Spreadsheet or catalogue file')
    .setInputFiles(fileURLToPath(new URL('../../data/seed.csv', import.meta.url)));
  await page
    .locator('#status')
    .filter({ hasText: /^seed\.csv: \d+ reports ready\./ })
    .waitFor();
  await page.locator('#preview shelf-report-card').first().waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

for (const [path, summary] of pages) {
  test(`${path} shows reports without errors`, async () => {
    const page = await e2e.browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(e2e.origin + path);
    await page.locator('shelf-result-summary [part="summary"]').filter({ hasText: summary }).waitFor();
    assert.ok((await page.locator('shelf-report-card').count()) >= 4);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('with sync-url, "Copy link to this search" copies an address that opens the same view', async () => {
  const context = await e2e.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(`${e2e.origin}/plain.html`);
  const summary = page.locator('shelf-result-summary [part="summary"]');
  await summary.filter({ hasText: 'Showing 1–6 of 6 reports' }).waitFor();
  await page.getByRole('searchbox', { name: 'Search reports' }).fill('nigeria');
  await page.getByRole('searchbox', { name: 'Search reports' }).press('Enter');
  await summary.filter({ hasText: /for “nigeria”/ }).waitFor();
  const shown = await summary.innerText();
  await page.getByRole('button', { name: 'Copy link to this search' }).click();
  await page.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, page.url());
  assert.match(copied, /nigeria/);

  const other = await context.newPage();
  await other.goto(copied);
  await other.locator('shelf-result-summary [part="summary"]').filter({ hasText: shown }).waitFor();
  // Another search: the old link is no longer this view's, and nothing says it was copied.
  await page.getByRole('searchbox', { name: 'Search reports' }).fill('');
  await page.getByRole('searchbox', { name: 'Search reports' }).press('Enter');
  await summary.filter({ hasText: 'Showing 1–6 of 6 reports' }).waitFor();
  assert.equal(await page.getByRole('status').filter({ hasText: 'Link copied' }).count(), 0);
  await context.close();
});
