/**
 * The release folder's README.txt followed as written (run after `npm run build`): the release made
 * into a temporary folder, the folder served as /reportshelf/ as the README suggests, and a fresh
 * page holding the README's lines, pasted unchanged, in real Chromium. The full file also from
 * another origin, where the README's first two lines work as they are, and the lite file from
 * another origin that sends `Access-Control-Allow-Origin`, as the README says.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { root, setUp } from './server.js';

const version = JSON.parse(readFileSync(join(root, 'packages/embed/package.json'), 'utf8')).version as string;
/** The README's HTML snippets, each a block of lines indented by four spaces. */
let snippets: string[] = [];

/** Serves the release folder as /reportshelf/, a catalogue as /reports/catalogue.json, and pages. */
function serve(pages: Record<string, string>, headers: Record<string, string> = {}): Promise<string> {
  return e2e.serve({
    headers: () => headers,
    mounts: [['/reportshelf/', join(out, 'release', `reportshelf-${version}`)]],
    routes: {
      '/reports/catalogue.json': () => ({ body: readFileSync(join(root, 'data/catalogue.json')) }),
      ...Object.fromEntries(Object.entries(pages).map(([path, body]) => [path, () => ({ body, type: 'text/html' })])),
    },
  });
}

const page = (body: string) => `<!doctype html><html lang="en"><head><title>Partner</title></head><body>
<h1>Our reports</h1>
${body}
</body></html>`;

// No server of its own: each test serves the release folder as a partner would (`serve`).
const e2e = setUp({
  work: 'release-e2e',
  ready: () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts/release.mjs'), '--out', join(out, 'release')], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, `scripts/release.mjs failed (has \`npm run build\` run?):\n${run.stderr}`);
    const readme = readFileSync(join(out, 'release', `reportshelf-${version}`, 'README.txt'), 'utf8');
    snippets = [...readme.matchAll(/(?:^ {4}<.*\n)+/gm)].map(([block]) => block.replace(/^ {4}/gm, ''));
  },
});
const out = e2e.work;

/** Opens a page, collecting its errors; shows the library and searches it. */
async function searchOn(url: string): Promise<{ tab: Page; errors: string[] }> {
  const tab = await e2e.browser.newPage();
  const errors: string[] = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  tab.on('console', (m) => m.type() == 'error' && errors.push(m.text()));
  await tab.goto(url);
  const summary = tab.locator('shelf-result-summary [part="summary"]');
  await summary.filter({ hasText: /Showing 1–\d+ of \d+ reports/ }).waitFor();
  await tab.getByRole('searchbox', { name: 'Search reports' }).fill('mediterranean');
  await summary.filter({ hasText: 'for “mediterranean”' }).waitFor();
  assert.match(await tab.locator('shelf-report-card [part="title"]').first().innerText(), /Harrowing Journeys/);
  return { tab, errors };
}

test('README.txt gives the two lines for the full file and the lines for a catalogue of your own', () => {
  assert.equal(snippets.length, 2, `snippets: ${JSON.stringify(snippets)}`);
  assert.match(
    snippets[0]!,
    /^<script src="\/reportshelf\/reportshelf\.js"><\/script>\n<shelf-library><\/shelf-library>\n$/,
  );
  assert.match(snippets[1]!, /reportshelf\.lite\.js.*\n<shelf-library src="\/reports\/catalogue\.json">/);
});

test('the two lines, pasted as they are into a page beside the uploaded folder, show a library that searches', async () => {
  const origin = await serve({ '/': page(snippets[0]!) });
  const { tab, errors } = await searchOn(origin + '/');
  assert.deepEqual(errors, []);
  await tab.close();
});

test('the lines for your own catalogue, with the lite file, load it and search in the worker beside it', async () => {
  const origin = await serve({ '/': page(snippets[1]!) });
  const { tab, errors } = await searchOn(origin + '/');
  assert.deepEqual(errors, []);
  await tab.close();
});

test('the full file from another origin (a CDN or another host) works with the same two lines', async () => {
  const files = await serve({});
  const site = await serve({ '/': page(snippets[0]!.replace('/reportshelf/', `${files}/reportshelf/`)) });
  assert.notEqual(new URL(files).origin, new URL(site).origin);
  const { tab, errors } = await searchOn(site + '/');
  assert.deepEqual(errors, []);
  await tab.close();
});

test('the lines for your own catalogue, the files on another origin with CORS (a CDN): search works in the page', async () => {
  const files = await serve({}, { 'Access-Control-Allow-Origin': '*' });
  const site = await serve({ '/': page(snippets[1]!.replace('/reportshelf/', `${files}/reportshelf/`)) });
  const { tab, errors } = await searchOn(site + '/');
  assert.deepEqual(errors, []);
  await tab.close();
});
