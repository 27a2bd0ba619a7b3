/**
 * End-to-end: the lite drop-in file wherever a partner puts it (issue 24). Its files served from a
 * second origin (a CDN, with CORS), as a module script, under `script-src 'self'`, and with each
 * of its companion files removed in turn. Run after `npm run build`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { generateCatalogue } from '../../bench/generate.js';
import { toCsv } from '@reportshelf/core';
import { CSP, dist, dropIns, libraryPage, reportshelf, root, setUp } from './server.js';

let cdnOrigin: string;

/** The companion files, each left out of one folder on the CDN. */
const COMPANIONS = ['search', 'fr', 'cite'];

/** A page whose lite file (and companions) come from `lite`, reading `src`. */
function page(lite: string, src = '/catalogue.json', { lang = 'en', module = false } = {}) {
  const html = libraryPage(src, { script: lite, lang });
  return module ? html.replace('<script ', '<script type="module" ') : html;
}

/** A word of the small split catalogue's first title, to search for. */
let splitWord = '';

const e2e = setUp({
  work: 'anywhere',
  serve: async (e2e) => {
    const { work } = e2e;
    // The CDN: every drop-in file in /all/, and a folder without each companion.
    cpSync(dist, join(work, 'cdn', 'all'), { recursive: true });
    for (const name of COMPANIONS) {
      cpSync(dist, join(work, 'cdn', `without-${name}`), { recursive: true });
      rmSync(join(work, 'cdn', `without-${name}`, `reportshelf.${name}.js`));
    }
    cdnOrigin = await e2e.serve({
      mounts: [['/', join(work, 'cdn')]],
      headers: () => ({ 'Access-Control-Allow-Origin': '*' }),
    });

    // A small split catalogue, made by the CLI.
    const catalogue = generateCatalogue(300, 5);
    splitWord = catalogue.reports[0]!.title.split(/\s+/).find((word) => /^[a-z]{6,}$/i.test(word))!;
    writeFileSync(join(work, 'few.csv'), toCsv(catalogue.reports));
    const run = reportshelf('build', join(work, 'few.csv'), '--split', join(work, 'split'));
    assert.equal(run.status, 0, run.stderr);

    const html =
      (body: string, headers: Record<string, string> = {}) =>
      () => ({ body, headers });
    const lite = (folder: string) => `${cdnOrigin}/${folder}/reportshelf.lite.js`;
    return {
      mounts: [['/split/', join(work, 'split')]],
      routes: {
        '/catalogue.json': () => ({ body: readFileSync(`${root}data/catalogue.json`) }),
        ...dropIns(['.lite', '.search']),
        '/cdn.html': html(page(lite('all'))),
        '/cdn-split.html': html(page(lite('all'), '/split/catalogue.json')),
        '/based.html': html(
          page('/reportshelf.lite.js').replace(
            '</head>',
            `<script>Reportshelf.setBasePath(${JSON.stringify(`${cdnOrigin}/all`)})</script></head>`,
          ),
        ),
        '/attribute.html': html(
          page('/reportshelf.lite.js', '/catalogue.json', { lang: 'fr' }).replace(
            '<script ',
            `<script data-reportshelf-base="${cdnOrigin}/all/" `,
          ),
        ),
        '/cdn-module.html': html(page(lite('all'), '/catalogue.json', { module: true })),
        '/self-csp.html': html(page('/reportshelf.lite.js'), { 'Content-Security-Policy': CSP }),
        '/cdn-csp.html': html(page(lite('all')), {
          'Content-Security-Policy': `default-src 'self'; script-src 'self' ${cdnOrigin}; style-src 'self'`,
        }),
        ...Object.fromEntries(
          COMPANIONS.map((name) => [
            `/without-${name}.html`,
            html(page(lite(`without-${name}`), '/catalogue.json', { lang: name === 'fr' ? 'fr' : 'en' })),
          ]),
        ),
      },
    };
  },
});

/** Opens a page and gathers its errors and the addresses it asked for. */
async function visit(path: string, width = 1200): Promise<{ tab: Page; errors: string[]; requests: string[] }> {
  const tab = await e2e.browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  tab.on('request', (r) => requests.push(r.url()));
  await tab.goto(e2e.origin + path);
  return { tab, errors, requests };
}

const summary = (tab: Page) => tab.locator('shelf-result-summary [part="summary"]');
const cards = (tab: Page) => tab.locator('shelf-report-card');

/** Types a search letter by letter and waits for its one result. */
async function searchMediterranean(tab: Page): Promise<void> {
  await summary(tab).filter({ hasText: 'Showing 1–6 of 6 reports' }).waitFor();
  await tab.getByRole('searchbox', { name: 'Search reports' }).pressSequentially('mediterranean');
  await summary(tab).filter({ hasText: 'of 1 report for “mediterranean”' }).waitFor();
  assert.match(await cards(tab).first().locator('[part="title"]').innerText(), /^Harrowing Journeys/);
}

describe('the lite file wherever it is put', () => {
  test('from another origin (with CORS): search works, typed letter by letter', async () => {
    const { tab, requests } = await visit('/cdn.html');
    await searchMediterranean(tab);
    assert.ok(!requests.some((url) => url.startsWith(`${e2e.origin}/reportshelf.`)), requests.join('\n'));
    await tab.close();
  });

  test('a split catalogue, the lite file from another origin: search works', async () => {
    const { tab } = await visit('/cdn-split.html');
    await summary(tab).filter({ hasText: 'of 300 reports' }).waitFor();
    await tab.getByRole('searchbox', { name: 'Search reports' }).pressSequentially(splitWord.toLowerCase());
    await summary(tab)
      .filter({ hasText: `for “${splitWord.toLowerCase()}”` })
      .waitFor();
    assert.match(await summary(tab).innerText(), /^Showing 1–/);
    await tab.close();
  });

  test('as a module script from another origin: its companions are looked for beside it', async () => {
    const { tab, requests } = await visit('/cdn-module.html');
    await searchMediterranean(tab);
    assert.ok(!requests.some((url) => url.startsWith(`${e2e.origin}/reportshelf.`)), requests.join('\n'));
    await tab.close();
  });

  test("under script-src 'self', and from another origin that script-src names", async () => {
    for (const path of ['/self-csp.html', '/cdn-csp.html']) {
      const { tab } = await visit(path);
      await searchMediterranean(tab);
      await tab.close();
    }
  });

  test('Reportshelf.setBasePath and data-reportshelf-base name where the companions are', async () => {
    // The lite file from the page's origin, its companions from the CDN.
    const { tab, requests } = await visit('/based.html');
    await searchMediterranean(tab);
    assert.ok(requests.includes(`${cdnOrigin}/all/reportshelf.search.js`), requests.join('\n'));
    await tab.goto(`${e2e.origin}/attribute.html`);
    await tab.getByRole('searchbox', { name: 'Rechercher des rapports' }).waitFor();
    await tab.close();
  });
});

describe('a companion file missing', () => {
  test('the search file: the summary says search could not start, and the console names the file', async () => {
    const { tab, errors } = await visit('/without-search.html');
    await summary(tab).filter({ hasText: 'Showing 1–6 of 6 reports' }).waitFor();
    await tab.getByRole('searchbox', { name: 'Search reports' }).pressSequentially('mediterranean');
    await summary(tab)
      .filter({
        hasText: 'Search is not available on this page: its file, reportshelf.search.js, could not be loaded.',
      })
      .waitFor();
    assert.ok(
      errors.some((e) => e.includes(`${cdnOrigin}/without-search/reportshelf.search.js could not be loaded`)),
      errors.join('\n'),
    );
    await tab.close();
  });

  test('a language file: English, with English plural forms', async () => {
    const { tab } = await visit('/without-fr.html', 500);
    await summary(tab).filter({ hasText: 'Showing 1–6 of 6 reports' }).waitFor();
    await tab.getByRole('searchbox', { name: 'Search reports' }).pressSequentially('zzzzqqq');
    await summary(tab).filter({ hasText: 'No reports match' }).waitFor();
    await tab.getByRole('button', { name: /^Filters/ }).click();
    await tab.getByRole('button', { name: 'Show 0 reports' }).waitFor();
    await tab.close();
  });

  test('the cite and export file: Cite and Export say the panel could not be loaded', async () => {
    const { tab, errors } = await visit('/without-cite.html');
    await cards(tab).first().getByRole('button', { name: 'Cite' }).click();
    await cards(tab).first().getByText('This panel could not be loaded').waitFor();
    await tab.getByRole('button', { name: /^Export/ }).click();
    await tab.locator('shelf-library #export').getByText('This panel could not be loaded').waitFor();
    assert.ok(
      errors.every((e) => !/Uncaught|TypeError/.test(e)),
      errors.join('\n'),
    );
    await tab.close();
  });
});
