/**
 * End-to-end: the converter page, catalogue.html, as built into packages/embed/dist and put in the
 * release folder, served as it is (with the strict Content-Security-Policy) and used in Chromium
 * as a curator would: a file chosen, its problems read, its columns mapped, the library previewed
 * and the catalogue downloaded. Every request the page makes is recorded: only its own files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { strToU8, unzipSync, zipSync } from 'fflate';
import Papa from 'papaparse';
import { readManifest, toCsv, type Catalogue } from '@reportshelf/core';
import { generateCatalogue } from '../../bench/generate.js';
import { CSP, dist, reportshelf, root, setUp } from './server.js';

const fixture = (name: string) => `${root}test/fixtures/curators/${name}`;
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const e2e = setUp({
  work: 'converter',
  serve: () => {
    for (const file of ['catalogue.html', 'reportshelf.catalogue.js', 'reportshelf.js'])
      if (!existsSync(dist + file))
        throw new Error(`packages/embed/dist/${file} is missing: run \`npm run build\` first.`);
    // The built folder as it is, as a partner would put the release folder on a site.
    return { mounts: [['/', dist]], headers: () => ({ 'Content-Security-Policy': CSP }) };
  },
});
const { work } = e2e;

/** The page opened in a context of its own, every request it and its workers make recorded. */
async function open(): Promise<{ page: Page; context: BrowserContext; requests: string[]; errors: string[] }> {
  const context = await e2e.browser.newContext({ acceptDownloads: true });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${e2e.origin}/catalogue.html`);
  return { page, context, requests, errors };
}

/** Chooses a file, and waits for the page to have read it (its name, then what became of it). */
async function choose(page: Page, path: string): Promise<string> {
  await page.getByLabel('Spreadsheet or catalogue file').setInputFiles(path);
  const name = basename(path).replace(/[.]/g, '\\.');
  const status = page.locator('#status');
  await status
    .filter({ hasText: new RegExp(`^${name}: .*(ready\\.|cannot be used|can be used)`) })
    .waitFor({ timeout: 120_000 });
  return (await status.textContent()) ?? '';
}

/** Presses a download button by keyboard, and reads what it saved. */
async function download(page: Page, name: RegExp): Promise<{ name: string; bytes: Buffer }> {
  const button = page.getByRole('button', { name });
  await button.focus();
  const [saved] = await Promise.all([
    page.waitForEvent('download', { timeout: 180_000 }),
    page.keyboard.press('Enter'),
  ]);
  const path = await saved.path();
  return { name: saved.suggestedFilename(), bytes: readFileSync(path) };
}

/** The requests that were not for the page's own files (nor its own Blob URLs, the downloads). */
const notOwn = (requests: string[]) =>
  requests.filter(
    (url) =>
      url !== `${e2e.origin}/catalogue.html` &&
      !/^reportshelf(\.[a-z]+)?\.js$/.test(url.slice(e2e.origin.length + 1)) &&
      !url.startsWith(`blob:${e2e.origin}/`),
  );

test('a UTF-8, Windows-1252, UTF-16 CSV and a LibreOffice workbook give the same catalogue.json, the one the CLI writes', async () => {
  const out = join(work, 'cli.json');
  // The page writes no feeds, so its catalogue names none.
  const run = reportshelf('build', fixture('catalogue.csv'), '-o', out, '--feeds', 'none');
  assert.equal(run.status, 0, run.stderr);
  const expected = readFileSync(out, 'utf8');
  const { page, context, requests, errors } = await open();
  const said: Record<string, RegExp> = {
    'catalogue.csv': /^catalogue\.csv: 3 reports ready\.$/,
    'catalogue.1252.csv': /^catalogue\.1252\.csv: 3 reports ready\. Read as Windows-1252\.$/,
    'catalogue.utf16le.csv': /^catalogue\.utf16le\.csv: 3 reports ready\. Read as UTF-16 LE\.$/,
    'catalogue.utf16be.csv': /^catalogue\.utf16be\.csv: 3 reports ready\. Read as UTF-16 BE\.$/,
    'catalogue.xlsx': /^catalogue\.xlsx: 3 reports ready\.$/,
    'catalogue.ods': /^catalogue\.ods: 3 reports ready\.$/,
  };
  for (const [name, status] of Object.entries(said)) {
    assert.match(await choose(page, fixture(name)), status, name);
    assert.equal(await page.locator('#problems-section').isHidden(), true, `${name} has no problem`);
    const saved = await download(page, /Download catalogue\.json/);
    assert.equal(saved.name, 'catalogue.json');
    assert.equal(saved.bytes.toString('utf8'), expected, name);
  }
  assert.deepEqual(notOwn(requests), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('opened from the folder itself (file:), as the release’s README says: it converts, and the preview searches', async () => {
  const page = await e2e.browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`file://${dist}catalogue.html`);
  assert.match(await choose(page, fixture('catalogue.xlsx')), /^catalogue\.xlsx: 3 reports ready\.$/);
  const preview = page.locator('#preview shelf-library');
  await preview.getByText('Showing 1–3 of 3 reports').waitFor();
  await preview.getByRole('searchbox').fill('cacao');
  await preview.getByText('Showing 1–1 of 1 report').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('a broken CSV: every problem listed with its line and column, the usable reports kept', async () => {
  const csv = join(work, 'broken.csv');
  writeFileSync(
    csv,
    [
      'title,year,country,regions',
      'Good report,2019,Ghana,West Africa',
      'Bad, report,2020,Ghana,West Africa',
      'Odd year,twenty,Mali,West Africa',
      '',
    ].join('\n'),
  );
  const { page, context } = await open();
  assert.match(
    await choose(page, csv),
    /^broken\.csv: 2 reports ready\. 1 report was left out\. 1 error and 2 warnings/,
  );
  const list = page.getByRole('region', { name: /Problems/ }).getByRole('listitem');
  const expected = [
    'Warning, Line 1, column C "country": Column "country" is not a catalogue field; it was ignored.',
    'Error, Line 3: Report 2: the row has 5 cells but the header has 4; a cell with a "," in it must be in quotes. The row was skipped.',
    'Warning, Line 4, column B "year": Report 3 ("odd-year"): "year" must be a whole number from 1800 to 2100, but is the text "twenty"; the field was left out and the report kept.',
  ];
  assert.deepEqual(await list.allTextContents(), expected);
  // The CLI's own messages, each at its line.
  const run = reportshelf('build', csv, '-o', join(work, 'broken.json'));
  for (const item of expected) {
    const [, line, message] = /^\w+, Line (\d+)[^:]*: (.*)$/.exec(item)!;
    assert.ok(run.stderr.includes(message!), `the CLI says: ${message}`);
    assert.match(run.stderr, new RegExp(`broken\\.csv:${line}\\b`));
  }
  await context.close();
});

test('remapping a column re-converts: the fields picked are the catalogue’s; the preview shows the reports', async () => {
  const csv = join(work, 'own-headers.csv');
  writeFileSync(csv, 'Headline,Published,Notes\nFirst report,2019,About shelters\nSecond report,2021,About fees\n');
  const { page, context } = await open();
  // No column is called title: nothing can be made until one is picked.
  assert.match(await choose(page, csv), /this file cannot be used/);
  assert.match(
    (await page.getByRole('region', { name: /Problems/ }).textContent()) ?? '',
    /No column gives the title: name one "title" or pick Title for a column under Columns/,
  );
  const field = (name: string) => page.getByRole('combobox', { name: `Field for column ${name}` });
  assert.equal(await field('A “Headline”').inputValue(), '');
  await field('A “Headline”').selectOption({ label: 'Title' });
  await page.locator('#status').filter({ hasText: '2 reports ready' }).waitFor();
  await field('B “Published”').selectOption({ label: 'Year' });
  await field('C “Notes”').selectOption({ label: 'Summary' });
  await page
    .locator('#status')
    .filter({ hasText: /^own-headers\.csv: 2 reports ready\.$/ })
    .waitFor();
  assert.equal(await page.locator('#map').textContent(), '--map A=title,B=year,C=summary');
  const catalogue = JSON.parse((await download(page, /Download catalogue\.json/)).bytes.toString('utf8')) as Catalogue;
  assert.deepEqual(
    catalogue.reports.map((r) => [r.title, r.year, r.summary]),
    [
      ['First report', 2019, 'About shelters'],
      ['Second report', 2021, 'About fees'],
    ],
  );
  // The preview is the library itself, with the reports converted.
  const preview = page.locator('#preview shelf-library');
  await preview.getByRole('heading', { name: 'Second report' }).waitFor();
  await preview.getByRole('heading', { name: 'First report' }).waitFor();

  // A field takes one column: picking Title for C leaves A unused, and the titles change.
  await field('C “Notes”').selectOption({ label: 'Title' });
  assert.equal(await field('A “Headline”').inputValue(), '');
  await preview.getByRole('heading', { name: 'About fees' }).waitFor();
  const again = JSON.parse((await download(page, /Download catalogue\.json/)).bytes.toString('utf8')) as Catalogue;
  assert.deepEqual(
    again.reports.map((r) => [r.title, r.year, r.summary]),
    [
      ['About shelters', 2019, undefined],
      ['About fees', 2021, undefined],
    ],
  );
  await context.close();
});

test('the separator between values and the summaries’ format are the curator’s to say', async () => {
  const csv = join(work, 'cms.csv');
  writeFileSync(
    csv,
    'title,countries,summary\nFrom the CMS,Ghana|Mali,"**Bold** claim, [source](https://example.org/a)"\n',
  );
  const { page, context } = await open();
  await choose(page, csv);
  await page.getByLabel('Between values in one cell').selectOption({ label: '| (bar)' });
  await page.getByLabel('Summaries are written as').selectOption({ label: 'Markdown' });
  await page
    .locator('#status')
    .filter({ hasText: /^cms\.csv: 1 report ready\.$/ })
    .waitFor();
  const { reports } = JSON.parse(
    (await download(page, /Download catalogue\.json/)).bytes.toString('utf8'),
  ) as Catalogue;
  assert.deepEqual(reports[0]!.countries, ['Ghana', 'Mali']);
  assert.equal(reports[0]!.summary, 'Bold claim, source (https://example.org/a)');
  await context.close();
});

test('a file dropped on the page is read; another text encoding picks the fields from its headers again', async () => {
  const { page, context } = await open();
  // A drop as the browser delivers it: a DataTransfer holding the file (Windows-1252 bytes).
  const bytes = [...readFileSync(fixture('catalogue.1252.csv'))];
  const transfer = await page.evaluateHandle((bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'dropped.csv', { type: 'text/csv' }));
    return data;
  }, bytes);
  await page.locator('main').dispatchEvent('drop', { dataTransfer: transfer });
  await page
    .locator('#status')
    .filter({ hasText: /^dropped\.csv: 3 reports ready\. Read as Windows-1252\.$/ })
    .waitFor();
  const encoding = page.getByLabel('Text encoding');
  // Read as UTF-16, the headers are not the fields' names: nothing can be made.
  await encoding.selectOption({ label: 'UTF-16 LE' });
  await page
    .locator('#status')
    .filter({ hasText: /cannot be used/ })
    .waitFor();
  // Back to detection: the headers are read, and their fields found, again.
  await encoding.selectOption({ label: 'Detect' });
  await page
    .locator('#status')
    .filter({ hasText: /^dropped\.csv: 3 reports ready\./ })
    .waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'Field for column B “title”' }).inputValue(), 'title');
  await context.close();
});

test('the page passes an axe audit, with problems, columns, downloads and the preview shown', async () => {
  const { page, context, errors } = await open();
  await choose(page, fixture('catalogue.1252.csv'));
  await page
    .locator('#preview shelf-library')
    .getByRole('heading', { name: /Zürich/ })
    .waitFor();
  // Evaluated, not added as a script tag, which the page's Content-Security-Policy refuses.
  await page.evaluate(readFileSync(axePath, 'utf8'));
  const violations = (await page.evaluate(`axe.run(document).then((r) => r.violations.map((v) =>
    v.id + ': ' + v.nodes.map((n) => n.target.join(' > ')).join(' | ')))`)) as string[];
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * A workbook of 20,000 reports, written by LibreOffice from a CSV when `soffice` is there (as
 * test/fixtures/curators was), else by fflate as an .xlsx of inline strings.
 */
function bigWorkbook(): { path: string; madeBy: string } {
  const catalogue = generateCatalogue(20_000, 5);
  const csv = join(work, 'big.csv');
  writeFileSync(csv, toCsv(catalogue.reports));
  const soffice = spawnSync('soffice', [
    `-env:UserInstallation=file://${work}/lo-profile`,
    '--headless',
    '--infilter=CSV:44,34,76,1',
    '--convert-to',
    'xlsx:Calc MS Excel 2007 XML',
    '--outdir',
    work,
    csv,
  ]);
  const path = join(work, 'big.xlsx');
  if (soffice.status === 0 && existsSync(path)) return { path, madeBy: 'LibreOffice' };
  writeFileSync(path, xlsx({ Reports: readFileSync(csv, 'utf8') }));
  return { path, madeBy: 'fflate' };
}

/** A minimal .xlsx: each sheet (name → CSV text) in order, every cell an inline string. */
function xlsx(sheets: Record<string, string>): Uint8Array {
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const xml = '<?xml version="1.0" encoding="UTF-8"?>';
  const names = Object.keys(sheets);
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${names
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('')}</Types>`,
    ),
    '_rels/.rels': strToU8(
      `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `${xml}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}"><sheets>${names
        .map((name, i) => `<sheet name="${escape(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('')}</Relationships>`,
    ),
  };
  names.forEach((name, i) => {
    const rows = Papa.parse<string[]>(sheets[name]!, { skipEmptyLines: true }).data;
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `${xml}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
        .map(
          (cells, r) =>
            `<row r="${r + 1}">${cells.map((c) => `<c t="inlineStr"><is><t xml:space="preserve">${escape(c)}</t></is></c>`).join('')}</row>`,
        )
        .join('')}</sheetData></worksheet>`,
    );
  });
  return zipSync(files);
}

test('a workbook of several sheets: the Sheet list picks one, and its columns are read afresh', async () => {
  const path = join(work, 'sheets.xlsx');
  writeFileSync(
    path,
    xlsx({
      'Read me': 'Note\nThe reports are on the next sheet.\n',
      Reports: 'Name,Year\nShelters in Accra,2020\nFees in Dakar,2022\n',
    }),
  );
  const { page, context } = await open();
  // The first sheet is read first: it has no title column.
  assert.match(await choose(page, path), /^sheets\.xlsx: this file cannot be used/);
  const sheet = page.getByLabel('Sheet', { exact: true });
  assert.deepEqual(await sheet.locator('option').allTextContents(), ['Read me', 'Reports']);
  await sheet.selectOption('Reports');
  await page
    .locator('#status')
    .filter({ hasText: /^sheets\.xlsx: this file cannot be used.*Read the sheet “Reports”/ })
    .waitFor();
  await page.getByRole('combobox', { name: 'Field for column A “Name”' }).selectOption({ label: 'Title' });
  await page
    .locator('#status')
    .filter({ hasText: /^sheets\.xlsx: 2 reports ready\. Read the sheet “Reports”\.$/ })
    .waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'Field for column B “Year”' }).inputValue(), 'year');
  await page.locator('#preview shelf-library').getByRole('heading', { name: 'Fees in Dakar' }).waitFor();
  await context.close();
});

test('a workbook of 20,000 reports: converted in the page, the split folder downloaded as a zip the CLI takes as its own', async () => {
  const { path, madeBy } = bigWorkbook();
  console.log(`# the 20,000-row workbook was written by ${madeBy}`);
  const { page, context, requests, errors } = await open();
  assert.match(
    await choose(page, path),
    /^big\.xlsx: 20,000 reports ready\. 150 countries are in no UN M49 region and will show ungrouped: [^,]+, [^,]+, [^,]+ and 147 more\.$/,
  );
  assert.match(
    (await page.locator('#download-advice').textContent()) ?? '',
    /With 20,000 reports, download the split folder/,
  );
  await page.locator('#preview shelf-library').getByText('Showing 1–10 of 20,000 reports').waitFor({ timeout: 60_000 });
  const saved = await download(page, /Download the split folder/);
  assert.equal(saved.name, 'reports.zip');
  await page.locator('#status').filter({ hasText: 'reports.zip is ready' }).waitFor();

  // Unzipped: one folder, "reports", holding what `reportshelf build --split` writes from the same
  // workbook (but the feed of new reports, which the CLI writes beside it and the page does not).
  const unzipped = join(work, 'unzipped');
  for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(saved.bytes)))) {
    assert.match(name, /^reports\//);
    mkdirSync(dirname(join(unzipped, name)), { recursive: true });
    writeFileSync(join(unzipped, name), bytes);
  }
  const byCli = join(work, 'by-cli');
  const run = reportshelf('build', path, '--split', byCli, '--feeds', 'none');
  assert.equal(run.status, 0, run.stderr);
  const files = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
      .sort();
  const folder = join(unzipped, 'reports');
  assert.deepEqual(files(folder), files(byCli));
  for (const file of files(byCli))
    assert.ok(readFileSync(join(folder, file)).equals(readFileSync(join(byCli, file))), file);
  const manifest = readManifest(JSON.parse(readFileSync(join(folder, 'catalogue.json'), 'utf8')));
  assert.equal(typeof manifest === 'string' ? manifest : manifest.count, 20_000);
  // The CLI takes the folder as a split catalogue of its own: building again into it is allowed.
  const rebuild = reportshelf('build', path, '--split', folder);
  assert.equal(rebuild.status, 0, rebuild.stderr);
  assert.deepEqual(notOwn(requests), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file chosen before the page script has run is read when it runs', async () => {
  const context = await e2e.browser.newContext();
  const page = await context.newPage();
  // The page's script is held back until the file is chosen (a quick visitor, a slow phone, or a
  // form the browser restores on Back): its change event has fired with no one to hear it.
  let release!: () => void;
  const held = new Promise<void>((done) => (release = done));
  await page.route('**/reportshelf.catalogue.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${e2e.origin}/catalogue.html`, { waitUntil: 'commit' });
  await page.getByLabel('Spreadsheet or catalogue file').setInputFiles(fixture('catalogue.csv'));
  release();
  await page
    .locator('#status')
    .filter({ hasText: /^catalogue\.csv: \d+ reports? ready\./ })
    .waitFor();
  await context.close();
});
