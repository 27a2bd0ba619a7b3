import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createLibrary, loadIndex, runQuery, type Catalogue } from '@reportshelf/core';
import { leadOf, columnLetter } from '@reportshelf/cli';

const root = fileURLToPath(new URL('../..', import.meta.url));
const at = (path: string) => join(root, path);
const out = mkdtempSync(join(tmpdir(), 'reportshelf-cli-'));
const validate = new Ajv2020({ allErrors: true }).compile(JSON.parse(readFileSync(at('data/catalogue.schema.json'), 'utf8')));

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--conditions', 'source', at('packages/cli/src/bin.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
const read = (file: string): Catalogue => JSON.parse(readFileSync(file, 'utf8'));

test('the seed listing as CSV becomes exactly data/catalogue.json', () => {
  const file = join(out, 'seed.json');
  const run = cli('build', 'data/seed.csv', '-o', file, '--title', 'Anti-trafficking in humanitarian action: reports', '--language', 'en');
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.match(run.stdout, /6 reports written; 0 skipped, 0 warnings/);
  assert.equal(readFileSync(file, 'utf8'), readFileSync(at('data/catalogue.json'), 'utf8'));
});

test('each problem in a broken CSV is reported with its line and column, and the valid reports are kept', () => {
  const file = join(out, 'broken.json');
  const run = cli('build', 'test/fixtures/broken.csv', '-o', file);
  assert.equal(run.status, 1, 'a skipped report means exit status 1');
  const lines = run.stderr.trim().split('\n');
  assert.deepEqual(lines, [
    'test/fixtures/broken.csv:1 column F "colour": warning: Column "colour" is not a catalogue field; it was ignored.',
    'test/fixtures/broken.csv:3 column A "id": error: Report 2: has no "id"; the report was skipped.',
    'test/fixtures/broken.csv:4 column C "year": warning: Report 3 ("bad-year"): "year" must be a whole number from 1800 to 2100, but is the text "soon"; the field was left out and the report kept.',
    'test/fixtures/broken.csv:5 column D "url": warning: Report 4 ("bad-url"): "url" must be an http(s) or relative address, but is the text "javascript:alert(1)"; the link was left out and the report kept.',
    'test/fixtures/broken.csv:6 column A "id": error: Report 5 ("ok-1"): the id is already used by report 1; this one was skipped.',
  ]);
  const catalogue = read(file);
  assert.deepEqual(catalogue.reports.map((r) => r.id), ['ok-1', 'bad-year', 'bad-url', 'multi']);
  assert.deepEqual(catalogue.reports[0]!.authors, ['Ana Pérez', 'Ben Ode']);
  assert.equal(catalogue.reports[3]!.title, 'A title that spans two lines');
  assert.deepEqual(catalogue.reports[3]!.authors, ['Chi']);
  assert.equal(validate(catalogue), true);
});

test('warnings alone exit 0, and fail with --strict', () => {
  const csv = join(out, 'warn.csv');
  spawnSync('sh', ['-c', `printf 'title,year\\nFine,1999\\nOdd,20x\\n' > ${csv}`]);
  const relaxed = cli('build', csv, '-o', join(out, 'warn.json'));
  assert.equal(relaxed.status, 0, relaxed.stderr);
  assert.match(relaxed.stderr, /warn\.csv:3 column B "year": warning: /);
  assert.deepEqual(read(join(out, 'warn.json')).reports.map((r) => r.id), ['fine-1999', 'odd']);
  const strict = cli('build', csv, '-o', join(out, 'warn2.json'), '--strict');
  assert.equal(strict.status, 1);
  assert.match(strict.stderr, /--strict: warnings count as failures/);
});

test('European exports: BOM, CRLF, semicolons, quoted multi-line cells, own headers, another list separator', () => {
  const file = join(out, 'eu.json');
  const run = cli('build', 'test/fixtures/european.csv', '-o', file, '--columns', 'title=Titel,year=Jahr,countries=Länder,summary=Zusammenfassung', '--list-separator', ',');
  assert.equal(run.status, 0, run.stderr);
  const { reports } = read(file);
  assert.deepEqual(reports.map((r) => [r.id, r.title, r.year, r.countries]), [
    ['bericht-uber-menschenhandel-2014', 'Bericht über Menschenhandel', 2014, ['Deutschland', 'Österreich']],
    ['zweiter-bericht-2015', 'Zweiter Bericht', 2015, ['Schweiz']],
  ]);
  assert.equal(reports[0]!.summary, 'Erste Zeile zweite Zeile; mit Semikolon');
});

test('unusable input is refused with a reason and writes nothing', () => {
  const missing = cli('build', 'nope.csv', '-o', join(out, 'x.json'));
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot read nope\.csv: no such file/);
  const noTitle = cli('build', 'test/fixtures/european.csv', '-o', join(out, 'y.json'));
  assert.equal(noTitle.status, 1);
  assert.match(noTitle.stderr, /No column gives the title: name one "title" or map it with --columns title=YOUR_HEADER/);
  const badMap = cli('build', 'data/seed.csv', '-o', join(out, 'z.json'), '--columns', 'titel=Title');
  assert.equal(badMap.status, 2);
  assert.match(badMap.stderr, /"titel" is not a catalogue field/);
  const wrongHeader = cli('build', 'data/seed.csv', '-o', join(out, 'z.json'), '--columns', 'title=Headline');
  assert.equal(wrongHeader.status, 1);
  assert.match(wrongHeader.stderr, /--columns maps title to "Headline", but the header has no such column/);
  const notJson = join(out, 'bad.json');
  spawnSync('sh', ['-c', `printf '{"reports": [' > ${notJson}`]);
  const broken = cli('build', notJson, '-o', join(out, 'w.json'));
  assert.equal(broken.status, 1);
  assert.match(broken.stderr, /is not valid JSON/);
  const usage = cli('convert');
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /Usage: reportshelf build/);
});

test('JSON in, validated catalogue and index out', () => {
  const file = join(out, 'from-json.json');
  const index = join(out, 'from-json.index.json');
  const run = cli('build', 'data/catalogue.json', '-o', file, '--index', index);
  assert.equal(run.status, 0, run.stderr);
  const catalogue = read(file);
  assert.deepEqual(catalogue, read(at('data/catalogue.json')));
  const library = createLibrary(catalogue, { index: readFileSync(index, 'utf8') });
  assert.deepEqual(runQuery(library, { q: 'Surtees' }).hits.map((h) => h.report.id), ['beneath-the-surface-2010']);
  assert.ok(loadIndex(readFileSync(index, 'utf8')).documentCount === 6);
});

test('the ReliefWeb sample becomes a valid catalogue that searches well in French and Spanish', () => {
  const file = join(out, 'reliefweb.json');
  const run = cli('build', 'test/fixtures/reliefweb-language-sample.csv', '-o', file, '--columns', 'id=nid,summary=post,language=language_name', '--title-from-summary');
  // Three ids occur twice in the real data: reported with their lines, and exit status 1.
  assert.equal(run.status, 1);
  const errors = run.stderr.split('\n').filter((l) => l.includes(': error: '));
  assert.equal(errors.length, 3);
  for (const e of errors) assert.match(e, /reliefweb-language-sample\.csv:\d+ column A "nid": error: Report \d+ \("\d+"\): the id is already used by report \d+; this one was skipped\./);
  const catalogue = read(file);
  assert.equal(catalogue.reports.length, 996);
  assert.equal(validate(catalogue), true, JSON.stringify(validate.errors?.slice(0, 3)));
  const languages = catalogue.reports.reduce<Record<string, number>>((n, r) => ({ ...n, [r.language!]: (n[r.language!] ?? 0) + 1 }), {});
  assert.deepEqual(Object.keys(languages).sort(), ['en', 'es', 'fr']);
  assert.ok(catalogue.reports.every((r) => r.title.length > 0 && r.title.length <= 151));

  const library = createLibrary(catalogue);
  const search = (q: string, language: string) => runQuery(library, { q, filters: { language: [language] }, pageSize: 100 });
  // Unaccented queries find accented French and Spanish text, and the other way round.
  for (const [q, accented, language] of [
    ['securite alimentaire', /sécurité alimentaire/i, 'fr'],
    ['refugies', /réfugiés/i, 'fr'],
    ['ninos', /niños/i, 'es'],
    ['poblacion', /población/i, 'es'],
  ] as const) {
    const r = search(q, language);
    assert.ok(r.total >= 3, `${q}: ${r.total}`);
    assert.ok(r.hits.slice(0, 3).every((h) => accented.test(`${h.report.title} ${h.report.summary}`)), q);
  }
  assert.equal(search('sécurité alimentaire', 'fr').total, search('securite alimentaire', 'fr').total);
});

test('helpers: titles from a summary lead, and column letters', () => {
  assert.equal(leadOf('DSWD Report #20 as of 26 December 2017 **Situation Overview**\n\nOn 12 December'), 'DSWD Report #20 as of 26 December 2017');
  assert.equal(leadOf('UNICEF calls 2017 horrible – Children in Yemen'), 'UNICEF calls 2017 horrible');
  assert.ok(leadOf('word '.repeat(100)).endsWith('…'));
  assert.deepEqual([0, 25, 26, 27, 701, 702].map(columnLetter), ['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
});
