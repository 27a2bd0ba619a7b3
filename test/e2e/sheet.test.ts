/**
 * End-to-end: a live sheet as `src` (issue 25, item 4). The lite drop-in file reads a CSV from
 * another origin, answered as Google Sheets answers a published sheet (a redirect to a content
 * host, `Access-Control-Allow-Origin: *`, `text/csv`, five minutes' caching), with the command
 * line's conversion, in a worker of its own (`reportshelf.sheet.js`): an edit of the sheet shows on
 * the next visit; a Windows-1252 CSV from a partner's server reads right; a slow answer shows the
 * loading state, then the reports; a broken one, and a sheet with no title column, say what went
 * wrong.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Page } from 'playwright-core';
import { convertFile } from '@reportshelf/cli';
import { dist, libraryPage, setUp } from './server.js';

let sheetOrigin: string;

/** What the sheet holds now; the test edits it between visits. */
let csv = 'title,year,countries\nAlpha report on forced labour,2019,Nigeria\n';
/** What the sheet host has answered, by path. */
const asked: string[] = [];
/** Answers held until the test lets them go (a slow response). */
let hold: Promise<void> | undefined;

const GOOGLE = {
  'access-control-allow-origin': '*',
  'cache-control': 'public, max-age=300',
  'content-type': 'text/csv; charset=utf-8',
};

/** The sheet host, another origin than the page's. */
const sheets = createServer((req, res) => {
  const url = new URL(req.url!, 'http://x');
  asked.push(url.pathname + url.search);
  // Google's published address redirects to its content host, with CORS on both.
  if (url.pathname === '/spreadsheets/d/e/2PACX-1/pub')
    return void res
      .writeHead(307, { location: `/content/sheet?${url.search.slice(1)}`, 'access-control-allow-origin': '*' })
      .end();
  if (url.pathname === '/content/sheet') {
    const send = () => res.writeHead(200, GOOGLE).end(csv);
    return void (hold ? hold.then(send) : send());
  }
  if (url.pathname === '/partner/reports.csv')
    // Excel's "CSV (Comma delimited)": Windows-1252, no byte order mark.
    return void res
      .writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/csv' })
      .end(Buffer.from('title,countries\r\nLa traite en C\xf4te d\x92Ivoire,C\xf4te d\x92Ivoire\r\n', 'latin1'));
  if (url.pathname === '/broken.csv') {
    // The connection breaks in the middle of the body.
    res.writeHead(200, {
      'access-control-allow-origin': '*',
      'content-type': 'text/csv',
      'content-length': '4000',
    });
    res.write('title,year\nA report,2020\n');
    return void setImmediate(() => res.destroy());
  }
  if (url.pathname === '/untitled.csv')
    return void res
      .writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/csv' })
      .end('name,year\nA report,2020\n');
  res.writeHead(404).end();
});

const e2e = setUp({
  serve: async (e2e) => {
    // Another origin than the page's: 127.0.0.1 for the page, localhost for the sheet.
    sheetOrigin = (await e2e.serve(sheets)).replace('127.0.0.1', 'localhost');
    return {
      mounts: [['/', dist]],
      routes: {
        '/google.html': () => ({
          body: libraryPage(`${sheetOrigin}/spreadsheets/d/e/2PACX-1/pub?gid=0&amp;single=true&amp;output=csv`),
        }),
        '/partner.html': () => ({ body: libraryPage(`${sheetOrigin}/partner/reports.csv`) }),
        '/broken.html': () => ({ body: libraryPage(`${sheetOrigin}/broken.csv`) }),
        '/untitled.html': () => ({ body: libraryPage(`${sheetOrigin}/untitled.csv`) }),
        '/full.html': () => ({
          body: libraryPage(`${sheetOrigin}/partner/reports.csv`).replace('reportshelf.lite.js', 'reportshelf.js'),
        }),
      },
    };
  },
});

const titles = (page: Page) => page.locator('shelf-report-card [part="title"]').allInnerTexts();

test('a published Google Sheet is the library; an edit in the sheet shows on the next visit, in the same browser', async () => {
  const context = await e2e.browser.newContext();
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto(`${e2e.origin}/google.html`);
  await page.locator('shelf-report-card').first().waitFor();
  assert.deepEqual(await titles(page), ['Alpha report on forced labour']);
  // Read by the converter beside the lite file, which the lite file itself does not carry.
  assert.ok(
    requests.some((url) => url.endsWith('/reportshelf.sheet.js')),
    requests.join('\n'),
  );
  assert.deepEqual(warnings, []);

  csv =
    'title,year,countries,notes\nAlpha report on forced labour (revised),2019,Nigeria,x\nBeta assessment of child trafficking,2021,Chad,y\n,2020,Mali,a row without a title\n';
  const again = await context.newPage();
  const later: string[] = [];
  again.on('console', (m) => m.type() === 'warning' && later.push(m.text()));
  await again.goto(`${e2e.origin}/google.html`);
  await again.locator('shelf-report-card', { hasText: 'Beta assessment' }).waitFor();
  assert.deepEqual((await titles(again)).sort(), [
    'Alpha report on forced labour (revised)',
    'Beta assessment of child trafficking',
  ]);
  // The sheet's problems are the command line's, each with its line and column.
  const expected = convertFile(new TextEncoder().encode(csv), 'pub.csv').problems.map(
    (p) => `${p.line ? `line ${p.line}${p.column ? `, column ${p.column}` : ''}: ` : ''}${p.message}`,
  );
  assert.ok(
    expected.some((m) => m.startsWith('line 4')),
    JSON.stringify(expected),
  );
  assert.ok(expected.length >= 2, JSON.stringify(expected));
  for (const message of expected)
    assert.ok(
      later.some((w) => w.includes(message)),
      `${message}\nnot in\n${later.join('\n')}`,
    );
  // The search works on what the sheet gave.
  await again.locator('shelf-search-box input').fill('trafficking');
  await again.locator('shelf-result-summary', { hasText: '“trafficking”' }).waitFor();
  assert.deepEqual(await titles(again), ['Beta assessment of child trafficking']);
  await context.close();
});

test("a partner's CSV in Excel's Windows-1252 reads with its accents", async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.origin}/partner.html`);
  await page.locator('shelf-report-card').first().waitFor();
  assert.deepEqual(await titles(page), ['La traite en Côte d’Ivoire']);
  assert.match(await page.locator('shelf-report-card [part="meta"]').innerText(), /Côte d’Ivoire/);
  await page.close();
});

test('a slow sheet shows the loading state, then its reports', async () => {
  let release!: () => void;
  hold = new Promise((done) => (release = done));
  csv = 'title\nGamma slow report\n';
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.origin}/google.html`);
  await page.locator('shelf-library [part="skeleton"]').first().waitFor();
  assert.equal(await page.locator('shelf-report-card').count(), 0);
  release();
  hold = undefined;
  await page.locator('shelf-report-card', { hasText: 'Gamma slow report' }).waitFor();
  await page.close();
});

test('a sheet whose answer breaks off, or that has no title column, says so', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.origin}/broken.html`);
  await page.getByText(`The catalogue at ${sheetOrigin}/broken.csv could not be reached.`).waitFor();
  assert.equal(await page.locator('shelf-report-card').count(), 0);

  await page.goto(`${e2e.origin}/untitled.html`);
  await page.getByText(/The catalogue is not in the expected format\. No column gives the title/).waitFor();
  await page.close();
});

test('the full file, which carries no spreadsheet reader, says what to use instead', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.origin}/full.html`);
  await page
    .getByText(/reads no spreadsheet: use reportshelf\.lite\.js \(with reportshelf\.sheet\.js beside it\)/)
    .waitFor();
  assert.equal(await page.locator('shelf-report-card').count(), 0);
  await page.close();
});
