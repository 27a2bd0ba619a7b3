/**
 * End-to-end: citing, exporting and linking to reports with the lite drop-in file, whose cite and
 * export panels load from beside it, on a page under a strict Content-Security-Policy. What is
 * downloaded is read back by the parsers reference managers and spreadsheets use.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Download, Page } from 'playwright-core';
import Papa from 'papaparse';
import { apaText, createLibrary, parseCatalogue, relatedSearch, runQuery } from '@reportshelf/core';
import { convertCsv } from '@reportshelf/cli';
import { launchChromium } from './browser.js';
import { CSP, setUp, testPages } from './server.js';
import { createStaticServer, listen } from '../../scripts/static-server.mjs';
import { exportCatalogue } from '../fixtures/export-catalogue.js';
import { checkCsl, readCitations } from '../fixtures/citations.js';

let context: BrowserContext;
const e2e = setUp({
  serve: testPages,
  ready: async ({ browser }) => {
    context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'], acceptDownloads: true });
  },
});

const { catalogue } = parseCatalogue(exportCatalogue);
// The order the page shows them in (newest first, undated last): the order an export keeps.
const shown = runQuery(createLibrary(catalogue), {}, true).hits.map((hit) => hit.report);
const day = new Date().toISOString().slice(0, 10);

/** Opens a page, recording console errors and warnings (a CSP violation is one). */
async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(e2e.origin + path);
  await summary(page).filter({ hasText: 'Showing 1–2 of 6 reports' }).waitFor();
  return { page, problems };
}

const summary = (page: Page) => page.locator('shelf-result-summary [part="summary"]');

/** Clicks, and returns what the click downloaded. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: (file as Download).suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

describe('cite, export and link, from the lite file', () => {
  test('a page under a strict CSP exports every result in order, and the parsers read each file back', async () => {
    const { page, problems } = await open('/cite-csp.html');
    const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    assert.equal(csp, CSP);
    const toggle = page.getByRole('button', { name: 'Export 6 reports' });
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const panel = page.locator('[part="export-panel"]');
    await panel.getByText('6 reports: every page of these results, in this order.').waitFor();
    const button = (name: RegExp) => () => panel.getByRole('button', { name }).click();

    const ris = await download(page, button(/^RIS/));
    assert.equal(ris.name, `partner-reports-${day}.ris`);
    checkCsl(readCitations(ris.text), shown);
    const bibtex = await download(page, button(/^BibTeX/));
    assert.equal(bibtex.name, `partner-reports-${day}.bib`);
    checkCsl(readCitations(bibtex.text), shown);
    const csl = await download(page, button(/^CSL-JSON/));
    checkCsl(readCitations(csl.text), shown);

    const csv = await download(page, button(/^CSV/));
    assert.equal(csv.name, `partner-reports-${day}.csv`);
    assert.ok(csv.text.startsWith('\uFEFF'), 'a byte-order mark for Excel');
    const rows = Papa.parse<Record<string, string>>(csv.text.slice(1), { header: true, skipEmptyLines: true });
    assert.deepEqual(rows.errors, []);
    assert.deepEqual(
      rows.data.map((row) => row.id),
      shown.map((report) => report.id),
    );
    for (const row of rows.data) for (const cell of Object.values(row)) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
    // Read back by `reportshelf build`: the same catalogue.
    assert.deepEqual(convertCsv(csv.text).catalogue.reports, shown);

    // Escape closes the panel and gives the focus back to its button.
    await panel.getByRole('button', { name: /^CSV/ }).press('Escape');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await panel.isVisible(), false);
    assert.ok(await toggle.evaluate((b) => b.matches(':focus')));
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('an address or a title that tries to break out of its field stays in it: BibTeX and CSV under both delimiters', async () => {
    const url = 'https://example.org/r.pdf?x=}} @misc{injected, title={Injected}}';
    const hostile = {
      ...exportCatalogue,
      reports: exportCatalogue.reports.map((r) =>
        r.id === 'beneath-the-surface-2010'
          ? { ...r, url }
          : r.id === 'bare'
            ? { ...r, title: "Report;=4+4; 'quoted", authors: ['Ann Lee', '=2+2', '@SUM(1)'] }
            : r,
      ),
    };
    const page = await context.newPage();
    await page.route(`${e2e.origin}/export-catalogue.json`, (route) => route.fulfill({ json: hostile }));
    await page.goto(`${e2e.origin}/cite.html`);
    await summary(page).filter({ hasText: 'Showing 1–2 of 6 reports' }).waitFor();
    await page.getByRole('button', { name: 'Export 6 reports' }).click();
    const panel = page.locator('[part="export-panel"]');
    const bibtex = await download(page, () => panel.getByRole('button', { name: /^BibTeX/ }).click());
    const entries = readCitations(bibtex.text);
    assert.equal(entries.length, 6);
    const entry = entries.find((e) => e.title?.startsWith('Beneath the Surface'))!;
    assert.equal(decodeURI(entry.URL!), url);

    const csv = await download(page, () => panel.getByRole('button', { name: /^CSV/ }).click());
    for (const delimiter of [',', ';']) {
      const { data } = Papa.parse<string[]>(csv.text.slice(1), { delimiter, skipEmptyLines: true });
      for (const cell of data.flat()) assert.doesNotMatch(cell, /^[\s"]*[=+\-@]/, `under "${delimiter}": ${cell}`);
    }
    const back = convertCsv(csv.text).catalogue.reports;
    const { catalogue: expected } = parseCatalogue(hostile);
    assert.deepEqual(
      back.find((r) => r.id === 'bare'),
      expected.reports.find((r) => r.id === 'bare'),
    );
    await page.close();
  });

  test('one report: its APA reference to copy, RIS and BibTeX to download, by keyboard', async () => {
    const { page, problems } = await open('/cite-csp.html');
    const card = page.locator('shelf-report-card').first();
    const report = shown[0]!;
    const cite = card.getByRole('button', { name: 'Cite' });
    await cite.focus();
    await page.keyboard.press('Enter');
    assert.equal(await cite.getAttribute('aria-expanded'), 'true');
    const panel = card.locator('[part="cite"]');
    await panel.getByText('Reference (APA 7)').waitFor();
    assert.equal((await panel.locator('.reference').innerText()).trim(), apaText(report));
    assert.equal(await panel.locator('.reference i').innerText(), report.title.replace(/[.\s]+$/, ''));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await panel.getByRole('status').filter({ hasText: 'Reference copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), apaText(report));
    const ris = await download(page, () => panel.getByRole('button', { name: 'Download RIS' }).click());
    checkCsl(readCitations(ris.text), [report]);
    const bibtex = await download(page, () => panel.getByRole('button', { name: 'Download BibTeX' }).click());
    checkCsl(readCitations(bibtex.text), [report]);
    await page.keyboard.press('Escape');
    assert.equal(await cite.getAttribute('aria-expanded'), 'false');
    assert.ok(await cite.evaluate((b) => b.matches(':focus')));
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a link to one report opens its view, with its related reports; closing it leaves the list of all, and Back the page', async () => {
    const { page } = await open('/cite.html');
    const second = shown[1]!;
    const card = page.locator('shelf-report-card').nth(1);
    await card.getByRole('button', { name: 'Cite' }).click();
    await card.getByRole('button', { name: 'Copy link to this report' }).click();
    await card.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(new URL(link).search, `?report=${second.id}`);

    // Such a link, to a report that has others like it in this small catalogue (its own words
    // searched as the index in the page searches them: see relatedSearch).
    const liked = shown.find((report) => report.id === 'beneath-the-surface-2010')!;
    const like = runQuery(createLibrary(catalogue), { q: relatedSearch(liked), pageSize: 6 })
      .hits.map((hit) => hit.report.title)
      .filter((title) => title !== liked.title);
    assert.ok(like.length > 0);
    const url = new URL(link);
    url.searchParams.set('report', liked.id);
    const other = await context.newPage();
    await other.goto(e2e.origin + '/plain.html');
    await other.goto(url.href);
    // Its view, loaded from beside the lite file, named by its title, over the list of it alone.
    const view = other.getByRole('dialog', { name: liked.title });
    await view.waitFor();
    await summary(other).filter({ hasText: 'Showing 1–1 of 1 report' }).waitFor();
    const related = view.getByRole('list', { name: 'Related reports' }).getByRole('link');
    await related.first().waitFor();
    assert.deepEqual(await related.allInnerTexts(), like);
    // Closing it: the address keeps the rest, without the report, in the same entry; the list shows all.
    await other.keyboard.press('Escape');
    await view.waitFor({ state: 'detached' });
    await summary(other).filter({ hasText: 'Showing 1–2 of 6 reports' }).waitFor();
    assert.equal(new URL(other.url()).searchParams.get('report'), null);
    await other.goBack();
    await other.waitForURL(e2e.origin + '/plain.html');
    await other.close();
    await page.close();
  });

  test('a link to a report no longer there says so politely and shows the rest', async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`${e2e.origin}/cite.html?report=withdrawn-2015`);
    await summary(page)
      .filter({ hasText: 'The linked report is no longer in this library. Showing 1–2 of 6 reports' })
      .waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('shelf-export and shelf-cite tell the page what is exported, and cancelling one does it no more', async () => {
    const { page } = await open('/cite.html');
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      for (const type of ['shelf-export', 'shelf-cite'])
        document.addEventListener(type, (event) => {
          const { format, reports } = (event as CustomEvent<{ format: string; reports: { id: string }[] }>).detail;
          seen.push(`${type} ${format} ${reports.length}`);
          // The page routes CSV its own way: the library does nothing more.
          if (format === 'csv') event.preventDefault();
        });
    });
    await page.getByRole('button', { name: 'Export 6 reports' }).click();
    const panel = page.locator('[part="export-panel"]');
    await panel.getByRole('button', { name: /^CSV/ }).click();
    // The next download is the RIS one: the cancelled CSV gave none.
    const ris = await download(page, () => panel.getByRole('button', { name: /^RIS/ }).click());
    assert.match(ris.name, /\.ris$/);
    const card = page.locator('shelf-report-card').first();
    await card.getByRole('button', { name: 'Cite' }).click();
    await download(page, () => card.getByRole('button', { name: 'Download BibTeX' }).click());
    assert.deepEqual(await page.evaluate(() => (window as unknown as { seen: string[] }).seen), [
      'shelf-export csv 6',
      'shelf-export ris 6',
      'shelf-cite bibtex 1',
    ]);
    await page.close();
  });

  test('on a plain-http site (no clipboard there), Cite offers no Copy that would fail; downloads still work', async (t) => {
    // A host name other than 127.0.0.1 over http is not a secure context: no Clipboard API.
    const plain = await launchChromium([`--host-resolver-rules=MAP reports.example 127.0.0.1`]);
    t.after(() => plain.close());
    const page = await plain.newPage({ acceptDownloads: true });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`http://reports.example:${new URL(e2e.origin).port}/cite.html`);
    await summary(page).filter({ hasText: 'Showing 1–2 of 6 reports' }).waitFor();
    assert.equal(await page.evaluate(() => isSecureContext || 'clipboard' in navigator), false);
    const card = page.locator('shelf-report-card').first();
    await card.getByRole('button', { name: 'Cite' }).click();
    const panel = card.locator('[part="cite"]');
    await panel.getByText('Reference (APA 7)').waitFor();
    assert.deepEqual(await panel.getByRole('button').allInnerTexts(), ['Download RIS', 'Download BibTeX']);
    const ris = await download(page, () => panel.getByRole('button', { name: 'Download RIS' }).click());
    checkCsl(readCitations(ris.text), [shown[0]!]);
    assert.deepEqual(problems, []);
  });

  test('in a frame of another site without the clipboard permission, Copy says so and selects the text, with no error', async (t) => {
    // The library's page framed by a partner's site (another origin) that grants it no clipboard.
    const partner = createStaticServer({
      routes: {
        '/framed.html': () => ({
          body: `<!doctype html><title>Partner</title><iframe src="${e2e.origin}/cite.html" width="900" height="700"></iframe>`,
        }),
      },
    });
    const outer = await listen(partner);
    t.after(() => partner.close());
    const frameless = await e2e.browser.newContext();
    t.after(() => frameless.close());
    const page = await frameless.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${outer}/framed.html`);
    const frame = page.frameLocator('iframe');
    await frame
      .locator('shelf-result-summary [part="summary"]')
      .filter({ hasText: 'Showing 1–2 of 6 reports' })
      .waitFor();
    const card = frame.locator('shelf-report-card').first();
    await card.getByRole('button', { name: 'Cite' }).click();
    const panel = card.locator('[part="cite"]');
    await panel.getByRole('button', { name: 'Copy reference' }).click();
    await panel.getByRole('status').filter({ hasText: 'the text is selected' }).waitFor();
    assert.ok(await panel.getByRole('status').isVisible(), 'said where it shows');
    const selected = await page.frames()[1]!.evaluate(() => getSelection()?.toString());
    assert.equal(selected?.trim(), apaText(shown[0]!));
    // The browser's own report of the policy, and nothing else: no unhandled rejection.
    assert.deepEqual(
      problems.filter((p) => !p.startsWith('Permissions policy violation')),
      [],
    );
  });
});
