/**
 * The document's type and size (issue 27, item 1: a report's view shows them beside its link):
 * `fileType` and `fileSize` read and checked as the other optional fields are, by the page, the
 * schema and a spreadsheet's columns.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import {
  createStore,
  createTables,
  parseCatalogue,
  readManifest,
  splitCatalogue,
  splitEngine,
  SplitReader,
  type Results,
} from '@reportshelf/core';
import { convertCsv } from '@reportshelf/cli';

const schema = JSON.parse(readFileSync(new URL('../../data/catalogue.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);

test('a report keeps its document’s type and size, and a wrong one is said and left out', () => {
  const { catalogue, problems } = parseCatalogue({
    reports: [
      { id: 'a', title: 'A', fileType: ' PDF ', fileSize: 2_400_000 },
      { id: 'b', title: 'B', fileType: 'application/pdf', fileSize: '2.4 MB' },
      { id: 'c', title: 'C', fileType: 7, fileSize: -3 },
      { id: 'd', title: 'D', fileSize: 1.5 },
    ],
  });
  const [a, b, c, d] = catalogue.reports;
  assert.deepEqual([a!.fileType, a!.fileSize], ['PDF', 2_400_000]);
  assert.deepEqual([b!.fileType, b!.fileSize], ['application/pdf', undefined]);
  assert.deepEqual([c!.fileType, c!.fileSize, d!.fileSize], [undefined, undefined, undefined]);
  assert.equal(catalogue.reports.length, 4);
  const said = problems.map((p) => [p.id, p.field, p.message]);
  assert.deepEqual(
    said.map(([id, field]) => `${id} ${field}`),
    ['b fileSize', 'c fileType', 'c fileSize', 'd fileSize'],
  );
  assert.match(
    String(said[0]![2]),
    /"fileSize" must be a whole number of bytes.*"2\.4 MB".*left out and the report kept/,
  );
  assert.match(String(said[2]![2]), /"fileSize" must be a whole number of bytes.*but is number -3/);
});

test('the schema takes a document’s type and size as the page does', () => {
  const valid = (report: object) => validate({ reports: [{ id: 'a', title: 'T', ...report }] });
  assert.equal(valid({ fileType: 'PDF', fileSize: 2_400_000 }), true, JSON.stringify(validate.errors));
  assert.equal(valid({ fileType: 'application/pdf' }), true);
  assert.equal(valid({ fileSize: 0 }), false);
  assert.equal(valid({ fileSize: 1.5 }), false);
  assert.equal(valid({ fileSize: '2.4 MB' }), false);
  assert.equal(valid({ fileType: '' }), false);
});

test('a spreadsheet gives them as columns "file type" and "size", sizes in bytes or with a unit', () => {
  const csv = [
    'id,title,file type,size',
    'a,A,PDF,2400000',
    'b,B,application/pdf,2.4 MB',
    'c,C,DOCX,"350 kB"',
    'd,D,PDF,1.5 MiB',
    'e,E,PDF,"2,4 MB"',
    'f,F,PDF,big',
  ].join('\n');
  const { catalogue, problems } = convertCsv(csv);
  assert.deepEqual(
    catalogue.reports.map((r) => [r.id, r.fileType, r.fileSize]),
    [
      ['a', 'PDF', 2_400_000],
      ['b', 'application/pdf', 2_400_000],
      ['c', 'DOCX', 350_000],
      ['d', 'PDF', 1_572_864],
      ['e', 'PDF', undefined],
      ['f', 'PDF', undefined],
    ],
  );
  // A comma could be a decimal or a thousands separator: said, with where it is, not guessed.
  const warned = problems.filter((p) => p.field === 'fileSize');
  assert.deepEqual(
    warned.map((p) => [p.id, p.line, p.column]),
    [
      ['e', 6, 'D "size"'],
      ['f', 7, 'D "size"'],
    ],
  );
  assert.match(warned[0]!.message, /"fileSize" must be a whole number of bytes.*"2,4 MB"/);
  // The catalogue's own names are read too.
  const named = convertCsv('id,title,fileType,fileSize\na,A,PDF,1000');
  assert.deepEqual([named.catalogue.reports[0]!.fileType, named.catalogue.reports[0]!.fileSize], ['PDF', 1000]);
});

test('a split catalogue’s cards keep them', async () => {
  const { catalogue } = parseCatalogue({
    reports: [
      { id: 'a', title: 'A', url: 'a.pdf', fileType: 'PDF', fileSize: 2_400_000 },
      { id: 'b', title: 'B' },
    ],
  });
  const files = new Map([...splitCatalogue(catalogue)].map(([path, text]) => [path, text]));
  const manifest = readManifest(JSON.parse(files.get('catalogue.json')!));
  assert.ok(typeof manifest !== 'string', String(manifest));
  const reader = new SplitReader(manifest, async (path) => (path === '' ? undefined : JSON.parse(files.get(path)!)));
  const page = splitEngine(manifest, () => ({
    ask: (query, wanted, all) => reader.query(query, wanted, all, () => false),
    stop() {},
  }));
  const store = createStore({ sort: 'title' });
  store.setLibrary(createTables({ version: 1, reports: [] }), page, []);
  const results = await new Promise<Results>((resolve) => {
    const stop = store.subscribe(({ results }) => {
      if (results && !results.pending) (resolve(results), stop());
    });
  });
  assert.deepEqual(
    results.hits.map(({ report }) => [report.id, report.fileType, report.fileSize]),
    [
      ['a', 'PDF', 2_400_000],
      ['b', undefined, undefined],
    ],
  );
});
