/**
 * Exports checked by the parsers that reference managers and spreadsheets use: citation-js (RIS,
 * BibTeX, CSL-JSON) and Papa Parse (CSV), field by field against the catalogue; and the CSV read
 * back by `reportshelf build`'s own converter gives the same reports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import Papa from 'papaparse';
import { apaText, exportReports, parseCatalogue, toBibtex, toCslJson, toCsv, toRis } from '@reportshelf/core';
import { convertCsv } from '@reportshelf/cli';

const require = createRequire(import.meta.url);
const { Cite } = require('@citation-js/core') as {
  Cite: new (input: unknown) => { data: Csl[] };
};
require('@citation-js/plugin-ris');
require('@citation-js/plugin-bibtex');

interface Csl {
  id?: string;
  title?: string;
  author?: { given?: string; family?: string; literal?: string }[];
  publisher?: string | string[];
  issued?: { 'date-parts': number[][] };
  URL?: string;
  abstract?: string;
}

const { catalogue } = parseCatalogue({
  version: 1,
  title: 'Partner reports: 2024',
  reports: [
    {
      id: 'beneath-the-surface-2010',
      title: 'Beneath the Surface: Methodological Issues in Research with Trafficked Persons',
      summary: 'A study of 50% of cases & their {data}.\nSecond line: #2 and snake_case.',
      year: 2010,
      countries: ['Worldwide'],
      regions: ['Worldwide'],
      categories: ['Research'],
      authors: ['Rebecca Surtees', 'Sarah Craggs'],
      organizations: ['IOM', 'NEXUS Institute'],
      url: 'https://example.org/beneath_the_surface.pdf',
      language: 'en',
    },
    {
      id: 'traite-2019',
      title: 'La traite des êtres humains en Côte d’Ivoire : « état des lieux »',
      summary: 'Étude réalisée par l’équipe de José Núñez.',
      year: 2019,
      countries: ['Côte d’Ivoire'],
      authors: ['Aïssata Koné', 'José María Núñez'],
      organizations: ['Save the Children & Partners'],
      language: 'fr',
    },
    {
      id: 'arabic-2021',
      title: 'الاتجار بالبشر في منطقة الخليج',
      summary: 'تقرير عن "الاتجار" بالبشر.',
      year: 2021,
      authors: ['ليلى حسن'],
      organizations: ['منظمة العمل الدولية'],
      url: 'https://example.org/ar',
      language: 'ar',
    },
    { id: 'bare', title: 'A report with no author, year or address' },
    {
      id: 'formula',
      title: '=HYPERLINK("http://evil.example","click")',
      summary: '- a bullet that a spreadsheet would read as minus',
      authors: ['+Plus Person'],
      organizations: ['@Org'],
    },
    {
      id: 'org-only',
      title: 'Guidance for shelters?',
      year: 2022,
      organizations: ['UNODC'],
      url: 'https://example.org/g',
    },
  ],
});
const reports = catalogue.reports;
const byId = (id: string) => reports.find((r) => r.id === id)!;
const spaced = (text = '') => text.replace(/\s+/g, ' ').trim();
const personName = (a: { given?: string; family?: string; literal?: string }) =>
  a.literal ?? [a.given, a.family].filter(Boolean).join(' ');

test('the fixture has every difficult case', () => {
  assert.equal(reports.length, 6);
});

/** Publishers as a list, however a parser gives them (one string, a list, or joined with "; "). */
const publishers = (p: string | string[] | undefined) => (p === undefined ? [] : Array.isArray(p) ? p : p.split('; '));

function checkCsl(parsed: Csl[]) {
  assert.equal(parsed.length, reports.length);
  for (const [i, report] of reports.entries()) {
    const got = parsed[i]!;
    assert.equal(got.title, report.title, `title of ${report.id}`);
    assert.deepEqual((got.author ?? []).map(personName), report.authors, `authors of ${report.id}`);
    assert.deepEqual(publishers(got.publisher), report.organizations, `publisher of ${report.id}`);
    assert.deepEqual(got.issued?.['date-parts'][0]?.[0], report.year, `year of ${report.id}`);
    assert.equal(got.URL, report.url, `url of ${report.id}`);
    assert.equal(spaced(got.abstract), spaced(report.summary), `abstract of ${report.id}`);
  }
}

test('RIS, read by citation-js, gives back each field', () => {
  const ris = toRis(reports);
  assert.ok(
    ris.split('\r\n').every((line) => line === '' || /^[A-Z][A-Z0-9] {2}- /.test(line)),
    'every line is a tag',
  );
  checkCsl(new Cite(ris).data);
});

test('BibTeX, read by citation-js, gives back each field, special characters included', () => {
  const bibtex = toBibtex(reports);
  checkCsl(new Cite(bibtex).data);
  // Braces stay balanced: every entry closes where it should.
  assert.equal((bibtex.match(/^@techreport\{/gm) ?? []).length, reports.length);
});

test('CSL-JSON is what citation-js takes as it is', () => {
  const data = new Cite(JSON.parse(toCslJson(reports))).data;
  checkCsl(data);
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
