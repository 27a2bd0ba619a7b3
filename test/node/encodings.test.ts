/**
 * A catalogue as curators' programs save it: Excel's "CSV (Comma delimited)" (Windows-1252), its
 * "Unicode text" (UTF-16), the workbook itself (.xlsx) and LibreOffice's (.ods) all give the
 * catalogue the UTF-8 CSV gives. The files in test/fixtures/curators were written by LibreOffice
 * (make.sh there says how), so that the tests need no spreadsheet program.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { constants } from 'node:buffer';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { convertFile, decode, readWorkbook } from '@reportshelf/cli';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => `test/fixtures/curators/${name}`;
const out = mkdtempSync(join(tmpdir(), 'reportshelf-encodings-'));
after(() => rmSync(out, { recursive: true, force: true }));

function cli(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions', 'source', join(root, 'packages/cli/src/bin.ts'), ...args],
    { cwd: root, encoding: 'utf8' },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function build(input: string, ...args: string[]) {
  const file = join(out, `${basename(input).replace(/\W/g, '-')}-${args.join('-').replace(/\W/g, '')}.json`);
  const run = cli('build', input, '-o', file, ...args);
  return { ...run, catalogue: existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined };
}

test('a Windows-1252, UTF-16 and workbook copy of a CSV give the catalogue the UTF-8 CSV gives', () => {
  const utf8 = build(fixture('catalogue.csv'));
  assert.equal(utf8.status, 0, utf8.stderr);
  assert.equal(utf8.stderr, '');
  assert.match(JSON.stringify(utf8.catalogue), /Côte d'Ivoire/);
  const said: Record<string, RegExp | undefined> = {
    'catalogue.1252.csv': /: read as Windows-1252 \(it is not UTF-8; --encoding names another\)\.\n/,
    'catalogue.utf16le.csv': /: read as UTF-16 LE \(its byte order mark says so\)\.\n/,
    'catalogue.utf16be.csv': /: read as UTF-16 BE \(its byte order mark says so\)\.\n/,
    'catalogue.xlsx': undefined,
    'catalogue.ods': undefined,
  };
  for (const [name, line] of Object.entries(said)) {
    const run = build(fixture(name));
    assert.equal(run.status, 0, `${name}: ${run.stderr}`);
    assert.deepEqual(run.catalogue, utf8.catalogue, name);
    assert.match(run.stdout, /3 reports written as one file; 0 skipped, 0 warnings\./, name);
    if (line) assert.match(run.stderr, line, name);
    else assert.equal(run.stderr, '', name);
    assert.doesNotMatch(JSON.stringify(run.catalogue), /\uFFFD/, name);
  }
});

test('dates and numbers in a year column are read as years, in workbooks and CSV alike', () => {
  for (const name of ['dates.csv', 'dates.xlsx', 'dates.ods']) {
    const run = build(fixture(name));
    assert.equal(run.status, 0, `${name}: ${run.stderr}`);
    const reports = (run.catalogue as { reports: { year?: number }[] }).reports;
    assert.deepEqual(
      reports.map((r) => r.year),
      [2019, 2020, 2021],
      name,
    );
  }
});

test('--encoding forces an encoding; a forced wrong one warns on each line it garbles', () => {
  const latin = build(fixture('catalogue.1252.csv'), '--encoding', 'latin1');
  assert.equal(latin.status, 0);
  assert.match(latin.stderr, /read as Latin-1 \(--encoding\)/);
  assert.deepEqual(latin.catalogue, build(fixture('catalogue.csv')).catalogue);

  const wrong = build(fixture('catalogue.1252.csv'), '--encoding', 'utf-8');
  assert.equal(wrong.status, 0);
  assert.match(wrong.stderr, /read as UTF-8 \(--encoding\)/);
  // Lines 2, 3 (the same cell, over two lines), 4 and 5 hold accents; line 1 (the header) none.
  for (const line of [2, 3, 4, 5])
    assert.match(
      wrong.stderr,
      new RegExp(
        `catalogue\\.1252\\.csv:${line}: warning: Line ${line} has characters that could not be read as UTF-8 \\(shown as �\\): if the file was saved by Excel as "CSV \\(Comma delimited\\)", give --encoding windows-1252; the text there is lost\\.`,
      ),
    );
  assert.doesNotMatch(wrong.stderr, /:1: warning/);
  assert.match(wrong.stdout, /4 warnings\./);

  const unknown = cli('build', fixture('catalogue.csv'), '-o', join(out, 'x.json'), '--encoding', 'ebcdic');
  assert.equal(unknown.status, 2);
  assert.equal(
    unknown.stderr,
    'reportshelf: --encoding: "ebcdic" is not an encoding this reads; use one of utf-8, utf-16le, utf-16be, windows-1252, latin1, iso-8859-1.\n',
  );
});

test('a replacement character already in a UTF-8 file is a warning naming its line', () => {
  const csv = join(out, 'lost.csv');
  writeFileSync(csv, 'title,year\nFine,2019\nC\uFFFDte,2020\n');
  const run = build(csv);
  assert.equal(run.status, 0);
  assert.match(
    run.stderr,
    /lost\.csv:3: warning: Line 3 holds the replacement character � \(U\+FFFD\), which stands for text lost before the file was saved\./,
  );
  assert.match(run.stdout, /1 warning\./);
});

test('detection: a byte order mark decides; else valid UTF-8 is UTF-8; else Windows-1252', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  // "é" as UTF-8 (C3 A9), without a byte order mark: UTF-8, not the two Windows-1252 letters "Ã©".
  assert.deepEqual(
    [decode(bytes(0x63, 0x61, 0x66, 0xc3, 0xa9)).text, decode(bytes(0x63, 0xc3, 0xa9)).encoding],
    ['café', 'UTF-8'],
  );
  // "é" as Windows-1252 (E9), which is not valid UTF-8; and "€" and "’", which Latin-1 lacks.
  const cp = decode(bytes(0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x92));
  assert.deepEqual([cp.text, cp.encoding, cp.problems], ['café €’', 'Windows-1252', []]);
  assert.deepEqual(
    [decode(bytes(0xef, 0xbb, 0xbf, 0x61)).text, decode(bytes(0xef, 0xbb, 0xbf, 0x61)).encoding],
    ['a', 'UTF-8'],
  );
  assert.deepEqual(
    [decode(bytes(0xff, 0xfe, 0x61, 0x00, 0xe9, 0x00)).text, decode(bytes(0xff, 0xfe, 0x61, 0x00)).encoding],
    ['aé', 'UTF-16 LE'],
  );
  assert.deepEqual(
    [decode(bytes(0xfe, 0xff, 0x00, 0x61, 0x00, 0xe9)).text, decode(bytes(0xfe, 0xff, 0x00, 0x61)).encoding],
    ['aé', 'UTF-16 BE'],
  );
  // UTF-16 without its byte order mark, told by its zero bytes.
  const le = decode(bytes(0x74, 0x00, 0x69, 0x00, 0x74, 0x00, 0xe9, 0x00));
  assert.deepEqual([le.text, le.encoding], ['tité', 'UTF-16 LE']);
  assert.match(le.note ?? '', /no byte order mark, but its zero bytes say so/);
  assert.equal(decode(bytes(0x00, 0x74, 0x00, 0x69, 0x00, 0xe9)).encoding, 'UTF-16 BE');
  // Plain ASCII is UTF-8 and worth no line of output.
  assert.equal(decode(bytes(0x61)).note, undefined);
  // A lone UTF-8 lead byte at the very end (a file cut short) is not valid UTF-8 either.
  assert.equal(decode(bytes(0x61, 0xc3)).encoding, 'Windows-1252');
});

/** A workbook written by hand: two sheets, a merged header cell and a column with no header. */
function handMadeWorkbook(): Uint8Array {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const sheet = (rows: string, extra = '') =>
    `<?xml version="1.0"?><worksheet ${ns}><sheetData>${rows}</sheetData>${extra}</worksheet>`;
  const s = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0"?><workbook ${ns} ${rel}><sheets><sheet name="Notes" sheetId="1" r:id="rId1"/><sheet name="Reports" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet(`<row r="1">${s('A1', 'Just notes')}</row>`)),
    'xl/worksheets/sheet2.xml': strToU8(
      sheet(
        `<row r="2">${s('A2', 'title')}${s('B2', 'Authors')}${s('E2', 'year')}</row>` +
          `<row r="3">${s('A3', 'Sold &amp; resold')}${s('B3', 'A. Writer')}${s('C3', 'B. Writer')}${s('D3', 'note')}<c r="E3"><v>2019</v></c></row>`,
        '<mergeCells count="1"><mergeCell ref="B2:C2"/></mergeCells>',
      ),
    ),
  });
}

test('a workbook: the sheet asked for, a wrong name listing the sheets, merged and empty headers named', () => {
  const file = join(out, 'hand.xlsx');
  writeFileSync(file, handMadeWorkbook());
  const first = build(file);
  assert.equal(first.status, 1);
  assert.match(first.stderr, /hand\.xlsx: read the sheet "Notes" \(of "Notes", "Reports"\)\./);
  assert.match(first.stderr, /No column gives the title/);

  const wrong = build(file, '--sheet', 'Report');
  assert.equal(wrong.status, 1);
  assert.match(
    wrong.stderr,
    /error: The workbook cannot be read: the workbook has no sheet "Report"; its sheets are "Notes", "Reports"\./,
  );

  const run = build(file, '--sheet', 'Reports');
  assert.equal(run.status, 0, run.stderr);
  assert.match(
    run.stderr,
    /hand\.xlsx:2 column B–C: warning: The header cells B2 to C2 are merged: only column B has a name; unmerge them and name each column\./,
  );
  assert.match(
    run.stderr,
    /hand\.xlsx:2 column C: warning: Column C has cells but no name in the header row; it was ignored\./,
  );
  assert.match(run.stderr, /hand\.xlsx:2 column D: warning: Column D has cells but no name/);
  assert.deepEqual((run.catalogue as { reports: unknown[] }).reports, [
    {
      id: 'sold-resold-2019',
      title: 'Sold & resold',
      year: 2019,
      authors: ['A. Writer'],
      countries: [],
      regions: [],
      categories: [],
      organizations: [],
    },
  ]);
  // The same through the Node API the WordPress upload screen uses.
  const result = convertFile(new Uint8Array(readFileSync(file)), 'hand.xlsx', { sheet: 'reports' });
  assert.equal(result.catalogue.reports[0]?.title, 'Sold & resold');
});

test('an old .xls workbook and --sheet on a CSV are refused with what to do', () => {
  const xls = join(out, 'old.xls');
  writeFileSync(xls, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  const old = build(xls);
  assert.equal(old.status, 1);
  assert.match(
    old.stderr,
    /Excel 97–2003 workbook \(\.xls\), which is not read: save it as an Excel workbook \(\.xlsx\)/,
  );
  const sheet = build(fixture('catalogue.csv'), '--sheet', 'Reports');
  assert.equal(sheet.status, 1);
  assert.match(sheet.stderr, /--sheet is for workbooks/);
});

test('an OpenDocument sheet: repeated cells, spaces, comments and a merged header read as a spreadsheet shows them', () => {
  const cell = (body: string, attrs = '') =>
    `<table:table-cell office:value-type="string"${attrs}>${body}</table:table-cell>`;
  const p = (text: string) => `<text:p>${text}</text:p>`;
  const content =
    '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>' +
    '<table:table table:name="Reports">' +
    `<table:table-row>${cell(p('title'))}${cell(p('countries'), ' table:number-columns-spanned="2"')}<table:covered-table-cell/><table:table-cell office:value-type="string">${p('year')}</table:table-cell></table:table-row>` +
    `<table:table-row table:number-rows-repeated="2">${cell(`<office:annotation><text:p>A comment</text:p></office:annotation>${p('Two<text:s text:c="2"/>spaces')}`)}${cell(p('Mali'), ' table:number-columns-repeated="2"')}<table:table-cell office:value-type="date" office:date-value="2019-05-03"/></table:table-row>` +
    '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>' +
    '</table:table></office:spreadsheet></office:body></office:document-content>';
  const bytes = zipSync({
    mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'),
    'content.xml': strToU8(content),
  });
  const result = convertFile(bytes, 'hand.ods');
  assert.deepEqual(
    result.problems.map((p) => [p.line, p.column, p.message]),
    [
      [1, 'B–C', 'The header cells B1 to C1 are merged: only column B has a name; unmerge them and name each column.'],
      [
        1,
        'C',
        'Column C has cells but no name in the header row; it was ignored. Name it (a catalogue field, or map it with --columns) to use it.',
      ],
      // The same row twice over (kept twice): the second's id is made unique, and said.
      [
        3,
        undefined,
        'Report 2: the id "two-spaces-2019" made from its title and year is taken; it was given "two-spaces-2019-2".',
      ],
    ],
  );
  assert.deepEqual(
    result.catalogue.reports.map((r) => [r.title, r.countries, r.year]),
    [
      ['Two spaces', ['Mali'], 2019],
      ['Two spaces', ['Mali'], 2019],
    ],
  );
  // The cell as the sheet has it (the catalogue's titles have their spaces collapsed).
  assert.deepEqual(readWorkbook(bytes).rows[1], { line: 2, cells: ['Two  spaces', 'Mali', 'Mali', '2019-05-03'] });
});

test('fields: a field picked for each column replaces the headers; the columns read are returned', () => {
  const csv = strToU8('Headline,,Published,title\nA report,Note,2020,Old title\nAnother,,2021,\n');
  const guessed = convertFile(csv, 'x.csv');
  assert.deepEqual(guessed.columns, [
    { header: 'Headline', example: 'A report' },
    { header: '', example: 'Note' },
    { header: 'Published', example: '2020' },
    { header: 'title', field: 'title', example: 'Old title' },
  ]);
  const picked = convertFile(csv, 'x.csv', { fields: ['title', 'summary', 'year', ''] });
  assert.equal(picked.fatal, false);
  assert.deepEqual(
    picked.catalogue.reports.map((r) => [r.title, r.summary, r.year]),
    [
      ['A report', 'Note', 2020],
      ['Another', undefined, 2021],
    ],
  );
  assert.deepEqual(
    picked.columns?.map((c) => c.field),
    ['title', 'summary', 'year', undefined],
  );
  // A column left out on purpose is not a warning; two columns for one field is an error naming both.
  assert.deepEqual(picked.problems, []);
  const twice = convertFile(csv, 'x.csv', { fields: ['title', '', '', 'title'] });
  assert.equal(twice.fatal, true);
  assert.match(twice.problems[0]!.message, /Columns A "Headline" and D "title" are both mapped to title/);
  // No title picked: the columns still come back, so that one can be picked.
  const none = convertFile(csv, 'x.csv', { fields: ['', 'summary'] });
  assert.equal(none.fatal, true);
  assert.equal(none.columns?.length, 4);
});

/** A one-sheet workbook whose sheet is `rows` (sheetData's content). */
function oneSheet(rows: string): Uint8Array {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  return zipSync({
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0"?><workbook ${ns} ${rel}><sheets><sheet name="Reports" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0"?><Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<?xml version="1.0"?><worksheet ${ns}><sheetData>${rows}</sheetData></worksheet>`,
    ),
  });
}

test('a hostile workbook is refused quickly and says why: a cell past the last column, sheets that unpack to gigabytes', () => {
  // A cell reference no spreadsheet writes (column ZZZZZZ is 321 million columns in): read as it
  // came, it made a row of 321 million cells (20 s and a gigabyte, then a bare "Invalid array length").
  const far = join(out, 'far.xlsx');
  writeFileSync(
    far,
    oneSheet(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>title</t></is></c><c r="ZZZZZZ1" t="inlineStr"><is><t>x</t></is></c></row>',
    ),
  );
  const started = Date.now();
  const run = build(far);
  assert.equal(run.status, 1, run.stderr);
  assert.match(
    run.stderr,
    /error: The workbook cannot be read: the cell ZZZZZZ1 is past column XFD, the last a spreadsheet has\./,
  );
  assert.ok(Date.now() - started < 10_000, `${Date.now() - started} ms`);

  // A zip bomb: a few hundred bytes whose sheet says it unpacks to 2 GB (its central directory's
  // "uncompressed size", which the unzipper trusts to allocate). Refused before anything is unpacked.
  const bytes = oneSheet('<row r="1"><c r="A1" t="inlineStr"><is><t>title</t></is></c></row>');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at < bytes.length - 46; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue; // a central directory entry
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (name === 'xl/worksheets/sheet1.xml') view.setUint32(at + 24, 2 ** 31, true);
  }
  const bomb = join(out, 'bomb.xlsx');
  writeFileSync(bomb, bytes);
  const burst = build(bomb);
  assert.equal(burst.status, 1, burst.stderr);
  assert.match(
    burst.stderr,
    /error: The workbook cannot be read: its sheets unpack to 2,048 MB, more than the 256 MB a catalogue's workbook may; save the reports alone in a new workbook\./,
  );
});

test('a file longer than the longest text Node can hold is refused with its size and a way forward, not as an encoding', () => {
  // 1,000,000 reports' catalogue.json is 1.2 GB; V8 holds at most about 512 MB of text in one string.
  const file = join(out, 'huge.csv');
  const line = Buffer.from('A report on trafficking,2024,France\n');
  const big = Buffer.alloc(constants.MAX_STRING_LENGTH + line.length);
  for (let at = 0; at < big.length; at += line.length) line.copy(big, at);
  writeFileSync(file, big);
  const run = cli('build', file, '-o', join(out, 'huge.json'));
  rmSync(file);
  assert.equal(run.status, 1, run.stderr);
  assert.doesNotMatch(run.stderr, /--encoding|Invalid string length/);
  assert.match(run.stderr, /huge\.csv: error: The file is 537 MB: more text than can be read at once \(512 MB\)\./);
  assert.match(
    run.stderr,
    /Split it into files of fewer reports; the search server.s `reportshelf load --upsert` adds each to the database\./,
  );
});
