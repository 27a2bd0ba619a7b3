/**
 * Exports checked by the parsers that reference managers and spreadsheets use: citation-js (RIS,
 * BibTeX, CSL-JSON) and Papa Parse (CSV), field by field against the catalogue; and the CSV read
 * back by `reportshelf build`'s own converter gives the same reports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import {
  apaText,
  exportReports,
  parseCatalogue,
  toBibtex,
  toCslJson,
  toCsv,
  toRis,
  type Report,
} from '@reportshelf/core';
import { convertCsv } from '@reportshelf/cli';
import { exportCatalogue } from '../fixtures/export-catalogue.js';
import { checkCsl, readCitations } from '../fixtures/citations.js';

const { catalogue } = parseCatalogue(exportCatalogue);
const reports = catalogue.reports;
const byId = (id: string) => reports.find((r) => r.id === id)!;
test('the fixture has every difficult case, and each report survives parsing', () => {
  const fields = (r: Report) => [r.title, r.summary ?? '', ...r.authors, ...r.organizations, ...r.countries];
  const some = (found: (field: string) => boolean) => reports.some((r) => fields(r).some(found));
  const cases: Record<string, boolean> = {
    'accented letters': some((f) => /[À-ž]/.test(f)),
    Arabic: some((f) => /[\u0600-\u06FF]/.test(f)),
    ...Object.fromEntries([...'%&{}#_'].map((c) => [`TeX's ${c}`, some((f) => f.includes(c))])),
    'a double quote': some((f) => f.includes('"')),
    // Parsing folds white space, so no export ever meets a line break.
    'a line break, folded to a space':
      exportCatalogue.reports.some((r) => r.summary?.includes('\n')) && !some((f) => f.includes('\n')),
    ...Object.fromEntries([...'=+-@'].map((c) => [`a cell that starts with ${c}`, some((f) => f.startsWith(c))])),
    'no author at all': reports.some((r) => r.authors.length === 0 && r.organizations.length === 0),
    'no year': reports.some((r) => r.year === undefined),
    'a full date': reports.some((r) => r.date?.length === 10),
    'a month, no day': reports.some((r) => r.date?.length === 7),
    'no address': reports.some((r) => r.url === undefined),
    'an organisation as the author': reports.some((r) => r.authors.length === 0 && r.organizations.length > 0),
  };
  assert.deepEqual(
    Object.keys(cases).filter((name) => !cases[name]),
    [],
  );
  assert.equal(reports.length, exportCatalogue.reports.length);
});

test('RIS, read by citation-js, gives back each field', () => {
  const ris = toRis(reports);
  assert.ok(
    ris.split('\r\n').every((line) => line === '' || /^[A-Z][A-Z0-9] {2}- /.test(line)),
    'every line is a tag',
  );
  checkCsl(readCitations(ris), reports);
});

test('BibTeX, read by citation-js, gives back each field, special characters included', () => {
  const bibtex = toBibtex(reports);
  checkCsl(readCitations(bibtex), reports);
  // Braces stay balanced: every entry closes where it should.
  assert.equal((bibtex.match(/^@techreport\{/gm) ?? []).length, reports.length);
});

test('BibTeX: an address cannot close its field and start entries of its own', () => {
  const url = 'https://example.org/r.pdf?x=}} @misc{injected, title={Injected}} @misc{two, title={x}';
  const { catalogue } = parseCatalogue({ version: 1, reports: [{ id: 'r', title: 'A report', url }] });
  assert.equal(catalogue.reports[0]!.url, url, 'the catalogue keeps the address');
  const parsed = readCitations(toBibtex(catalogue.reports));
  assert.equal(parsed.length, 1);
  assert.equal(parsed[0]!.title, 'A report');
  // Percent-encoded: the same address to a browser.
  assert.equal(decodeURI(parsed[0]!.URL!), url);
  assert.equal(new URL(parsed[0]!.URL!).href, new URL(url).href.replace(/[{}]/g, encodeURIComponent));
});

test('CSL-JSON is what citation-js takes as it is', () => {
  checkCsl(readCitations(toCslJson(reports)), reports);
});

test('CSV: BOM, one column per field, "; " between values, formulas made inert, and read back by reportshelf build as the same reports', () => {
  const csv = toCsv(reports);
  assert.ok(csv.startsWith('\uFEFF'), 'a byte-order mark for Excel');
  const { data, errors } = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
  assert.deepEqual(errors, []);
  assert.equal(data.length, reports.length);
  assert.equal(data[0]!.authors, 'Rebecca Surtees; Sarah Craggs');
  assert.equal(data[2]!.title, 'الاتجار بالبشر في منطقة الخليج');
  // No cell a spreadsheet would run.
  for (const row of data) for (const cell of Object.values(row)) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
  assert.equal(data[4]!.title, `'=HYPERLINK("http://evil.example","click")`);

  const back = convertCsv(csv);
  assert.deepEqual(
    back.problems.filter((p) => p.severity === 'error'),
    [],
  );
  assert.deepEqual(back.catalogue.reports, reports);
});

test('CSV: no cell a spreadsheet would run under a "," or a ";" delimiter, and every text read back as written', () => {
  const tricky = parseCatalogue({
    version: 1,
    reports: [
      {
        id: 'semicolons',
        title: 'Report;=4+4;',
        summary: 'First line\n=1+1 on the next;@SUM(1); -2',
        authors: ['Ann Lee', '=2+2', '@SUM(1)', '+Plus', "'Quoted"],
        countries: ['Chad', ' -1'],
      },
      { id: 'apostrophe', title: "'+1' is a phone prefix", summary: "'Tis the season: '=not a formula'" },
      { id: 'quote', title: 'x;"=1+1"', organizations: ['\t=tab'] },
    ],
  }).catalogue.reports;
  const csv = toCsv(tricky);
  // Read back by reportshelf build itself, from a file, as written.
  const dir = mkdtempSync(join(tmpdir(), 'reportshelf-csv-'));
  try {
    writeFileSync(join(dir, 'export.csv'), csv);
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions',
        'source',
        'packages/cli/src/bin.ts',
        'build',
        join(dir, 'export.csv'),
        '-o',
        join(dir, 'back.json'),
      ],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
    const back = JSON.parse(readFileSync(join(dir, 'back.json'), 'utf8')) as { reports: unknown[] };
    assert.deepEqual(parseCatalogue(back).catalogue.reports, tricky);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const formula = /^[\s"]*[=+\-@]/;
  for (const delimiter of [',', ';']) {
    const { data } = Papa.parse<string[]>(csv.slice(1), { delimiter, skipEmptyLines: true });
    for (const row of data)
      for (const cell of row)
        assert.doesNotMatch(cell, formula, `a cell under "${delimiter}": ${JSON.stringify(cell)}`);
  }
});

test('file names come from the catalogue title and the day', () => {
  const day = new Date('2026-11-28T12:00:00Z');
  assert.equal(exportReports(reports, 'csv', catalogue, day).filename, 'partner-reports-2026-11-28.csv');
  assert.equal(exportReports(reports, 'bibtex', {}, day).filename, 'reports-2026-11-28.bib');
  assert.match(exportReports(reports, 'ris', catalogue, day).type, /^application\/x-research-info-systems/);
});

test('APA 7 references for reports', () => {
  assert.equal(
    apaText(byId('beneath-the-surface-2010')),
    'Surtees, R., & Craggs, S. (2010). Beneath the Surface: Methodological Issues in Research with Trafficked Persons. IOM; NEXUS Institute. https://example.org/beneath_the_surface.pdf',
  );
  assert.equal(
    apaText(byId('traite-2019')),
    'Koné, A., & Núñez, J. M. (2019). La traite des êtres humains en Côte d’Ivoire : « état des lieux ». Save the Children & Partners.',
  );
  // The organisation is the author, and not repeated as publisher; a question mark needs no stop.
  assert.equal(apaText(byId('org-only')), 'UNODC. (2022). Guidance for shelters? https://example.org/g');
  // Neither author nor year: the title comes first, then "n.d.".
  assert.equal(apaText(byId('bare')), 'A report with no author, year or address. (n.d.).');
});
