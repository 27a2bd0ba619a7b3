import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { createLibrary, loadIndex, parseCatalogue, runQuery, type Catalogue } from '@reportshelf/core';
import { convertCsv, leadOf, columnLetter, printable } from '@reportshelf/cli';

const root = fileURLToPath(new URL('../..', import.meta.url));
const at = (path: string) => join(root, path);
const out = mkdtempSync(join(tmpdir(), 'reportshelf-cli-'));
after(() => rmSync(out, { recursive: true, force: true }));
const validate = new Ajv2020({ allErrors: true }).compile(
  JSON.parse(readFileSync(at('data/catalogue.schema.json'), 'utf8')),
);

function cli(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions', 'source', at('packages/cli/src/bin.ts'), ...args],
    { cwd: root, encoding: 'utf8' },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
const read = (file: string): Catalogue => JSON.parse(readFileSync(file, 'utf8'));

test('the seed listing as CSV becomes exactly data/catalogue.json', () => {
  const file = join(out, 'seed.json');
  const run = cli(
    'build',
    'data/seed.csv',
    '-o',
    file,
    '--title',
    'Anti-trafficking in humanitarian action: reports',
    '--language',
    'en',
    // The demo's catalogue has no feeds beside it (`npm start` serves it alone), so it names none.
    '--feeds',
    'none',
    // The default catalogue has no region tree (its countries are "Worldwide" and one country).
    '--places',
    'none',
  );
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.match(run.stdout, /6 reports written as one file; 0 skipped, 0 warnings/);
  assert.equal(readFileSync(file, 'utf8'), readFileSync(at('data/catalogue.json'), 'utf8'));
});

test('each problem in a broken CSV is reported with its line and column, and the valid reports are kept', () => {
  const file = join(out, 'broken.json');
  const run = cli('build', 'test/fixtures/broken.csv', '-o', file);
  assert.equal(run.status, 1, 'a skipped report means exit status 1');
  const lines = run.stderr.trim().split('\n');
  assert.deepEqual(lines, [
    'test/fixtures/broken.csv:1 column F "colour": warning: Column "colour" is not a catalogue field; it was ignored.',
    'test/fixtures/broken.csv:3 column B "title": error: Report 2: has no "title" (nor an "id"); the report was skipped.',
    'test/fixtures/broken.csv:4 column C "year": warning: Report 3 ("bad-year"): "year" must be a whole number from 1800 to 2100, but is the text "soon"; the field was left out and the report kept.',
    'test/fixtures/broken.csv:5 column D "url": warning: Report 4 ("bad-url"): "url" must be an http(s) or relative address, but is the text "javascript:alert(1)"; the field was left out and the report kept.',
    'test/fixtures/broken.csv:6 column A "id": error: Report 5 ("ok-1"): the id is already used by report 1; this one was skipped.',
  ]);
  const catalogue = read(file);
  assert.deepEqual(
    catalogue.reports.map((r) => r.id),
    ['ok-1', 'bad-year', 'bad-url', 'multi'],
  );
  assert.deepEqual(catalogue.reports[0]!.authors, ['Ana Pérez', 'Ben Ode']);
  assert.equal(catalogue.reports[3]!.title, 'A title that spans two lines');
  assert.deepEqual(catalogue.reports[3]!.authors, ['Chi']);
  assert.equal(validate(catalogue), true);
});

test('a row without a title, in a sheet without an id column, is named by its title cell, not by an id column it lacks', () => {
  const result = convertCsv('Title,Year\nKept,2020\n,2021\n');
  assert.deepEqual(
    result.problems.map((p) => [p.line, p.column, p.message]),
    [[3, 'A "Title"', 'Report 2: has no "title" (nor an "id"); the report was skipped.']],
  );
  assert.equal(result.catalogue.reports.length, 1);
});

test('warnings alone exit 0, and fail with --strict', () => {
  const csv = join(out, 'warn.csv');
  spawnSync('sh', ['-c', `printf 'title,year\\nFine,1999\\nOdd,20x\\n' > ${csv}`]);
  const relaxed = cli('build', csv, '-o', join(out, 'warn.json'));
  assert.equal(relaxed.status, 0, relaxed.stderr);
  assert.match(relaxed.stderr, /warn\.csv:3 column B "year": warning: /);
  assert.deepEqual(
    read(join(out, 'warn.json')).reports.map((r) => r.id),
    ['fine-1999', 'odd'],
  );
  const strict = cli('build', csv, '-o', join(out, 'warn2.json'), '--strict');
  assert.equal(strict.status, 1);
  assert.match(strict.stderr, /--strict: warnings count as failures/);
});

test('European exports: BOM, CRLF, semicolons, quoted multi-line cells, own headers, another list separator', () => {
  const file = join(out, 'eu.json');
  const run = cli(
    'build',
    'test/fixtures/european.csv',
    '-o',
    file,
    '--columns',
    'title=Titel,year=Jahr,countries=Länder,summary=Zusammenfassung',
    '--list-separator',
    ',',
  );
  assert.equal(run.status, 0, run.stderr);
  const { reports } = read(file);
  assert.deepEqual(
    reports.map((r) => [r.id, r.title, r.year, r.countries]),
    [
      ['bericht-uber-menschenhandel-2014', 'Bericht über Menschenhandel', 2014, ['Deutschland', 'Österreich']],
      ['zweiter-bericht-2015', 'Zweiter Bericht', 2015, ['Schweiz']],
    ],
  );
  assert.equal(reports[0]!.summary, 'Erste Zeile zweite Zeile; mit Semikolon');
});

test('unusable input is refused with a reason and writes nothing', () => {
  const missing = cli('build', 'nope.csv', '-o', join(out, 'x.json'));
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot read nope\.csv: no such file/);
  const noTitle = cli('build', 'test/fixtures/european.csv', '-o', join(out, 'y.json'));
  assert.equal(noTitle.status, 1);
  assert.match(
    noTitle.stderr,
    /No column gives the title: name one "title" or map it with --columns title=YOUR_HEADER/,
  );
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

test('a file with no report that can be used is refused, in both formats, and writes nothing', () => {
  for (const [name, text] of [
    ['header-only.csv', 'id,title,year\n'],
    ['no-titles.csv', 'id,title\na,\nb,\n'],
    ['empty.json', '{"version": 1, "reports": []}'],
  ] as const) {
    const input = join(out, name);
    writeFileSync(input, text);
    for (const output of [
      ['-o', join(out, `${name}.out.json`)],
      ['--split', join(out, `${name}.split`)],
    ]) {
      const run = cli('build', input, ...output);
      assert.equal(run.status, 1, `${name} ${output[0]}`);
      assert.match(run.stderr, /no report in .* can be used; nothing was written/);
      assert.equal(existsSync(output[1]!), false);
    }
  }
});

test('JSON in, validated catalogue and index out', () => {
  const file = join(out, 'from-json.json');
  const index = join(out, 'from-json.index.json');
  const run = cli('build', 'data/catalogue.json', '-o', file, '--index', index);
  assert.equal(run.status, 0, run.stderr);
  const catalogue = read(file);
  // The same catalogue, naming the feed written beside it, its one country M49 places grouped under its region.
  assert.deepEqual(catalogue, {
    ...read(at('data/catalogue.json')),
    feeds: [],
    places: { 'Western Africa': ['Nigeria'] },
  });
  const library = createLibrary(catalogue, { index: readFileSync(index, 'utf8') });
  assert.deepEqual(
    runQuery(library, { q: 'Surtees' }).hits.map((h) => h.report.id),
    ['beneath-the-surface-2010'],
  );
  assert.ok(loadIndex(readFileSync(index, 'utf8')).documentCount === 6);
});

test('the ReliefWeb sample becomes a valid catalogue that searches well in French and Spanish', () => {
  const file = join(out, 'reliefweb.json');
  const run = cli(
    'build',
    'test/fixtures/reliefweb-language-sample.csv',
    '-o',
    file,
    '--columns',
    'id=nid,summary=post,language=language_name',
    '--title-from-summary',
  );
  // Three ids occur twice in the real data: reported with their lines, and exit status 1.
  assert.equal(run.status, 1);
  const errors = run.stderr.split('\n').filter((l) => l.includes(': error: '));
  assert.equal(errors.length, 3);
  for (const e of errors)
    assert.match(
      e,
      /reliefweb-language-sample\.csv:\d+(-\d+)? column A "nid": error: Report \d+ \("\d+"\): the id is already used by report \d+; this one was skipped\./,
    );
  const catalogue = read(file);
  assert.equal(catalogue.reports.length, 996);
  assert.equal(validate(catalogue), true, JSON.stringify(validate.errors?.slice(0, 3)));
  const languages = catalogue.reports.reduce<Record<string, number>>(
    (n, r) => ({ ...n, [r.language!]: (n[r.language!] ?? 0) + 1 }),
    {},
  );
  assert.deepEqual(Object.keys(languages).sort(), ['en', 'es', 'fr']);
  assert.ok(catalogue.reports.every((r) => r.title.length > 0 && r.title.length <= 151));

  const library = createLibrary(catalogue);
  const search = (q: string, language: string) =>
    runQuery(library, { q, filters: { language: [language] }, pageSize: 100 });
  // Unaccented queries find accented French and Spanish text, and the other way round.
  for (const [q, accented, language] of [
    ['securite alimentaire', /sécurité alimentaire/i, 'fr'],
    ['refugies', /réfugiés/i, 'fr'],
    // Stemmed: "niños" finds the words of its stem, "niñas" and "niño" too.
    ['ninos', /niñ(o|a)s?/i, 'es'],
    ['poblacion', /población/i, 'es'],
  ] as const) {
    const r = search(q, language);
    assert.ok(r.total >= 3, `${q}: ${r.total}`);
    assert.ok(
      r.hits.slice(0, 3).every((h) => accented.test(`${h.report.title} ${h.report.summary}`)),
      q,
    );
  }
  assert.equal(search('sécurité alimentaire', 'fr').total, search('securite alimentaire', 'fr').total);
});

test('helpers: titles from a summary lead, and column letters', () => {
  assert.equal(
    leadOf('DSWD Report #20 as of 26 December 2017 **Situation Overview**\n\nOn 12 December'),
    'DSWD Report #20 as of 26 December 2017',
  );
  assert.equal(leadOf('UNICEF calls 2017 horrible – Children in Yemen'), 'UNICEF calls 2017 horrible');
  assert.ok(leadOf('word '.repeat(100)).endsWith('…'));
  assert.deepEqual([0, 25, 26, 27, 701, 702].map(columnLetter), ['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
});

/** Writes a file for a test, with exactly these bytes. */
function file(name: string, text: string): string {
  const path = join(out, name);
  writeFileSync(path, text);
  return path;
}

test('refuses to write over its input, and a failed run leaves no half-written file', () => {
  const csv = file('self.csv', 'id,title\na,Alpha\n,No id\n');
  const run = cli('build', csv, '-o', csv);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /self\.csv is the input .*self\.csv; writing there would destroy it/);
  assert.equal(readFileSync(csv, 'utf8'), 'id,title\na,Alpha\n,No id\n');
  // The same file by another name, and the index over the catalogue.
  assert.equal(cli('build', csv, '-o', join(out, '.', 'x', '..', 'self.csv')).status, 2);
  const twice = cli('build', csv, '-o', join(out, 'twice.json'), '--index', join(out, 'twice.json'));
  assert.equal(twice.status, 2);
  assert.match(twice.stderr, /is the catalogue/);
  assert.equal(existsSync(join(out, 'twice.json')), false);
});

test('an unclosed quote is named with its line and fails the run, instead of swallowing the rows after it', () => {
  const run = cli(
    'build',
    file('quote.csv', 'id,title,year\nr1,"Unclosed,2001\nr2,Second,2002\nr3,Third,2003\n'),
    '-o',
    join(out, 'quote.json'),
  );
  assert.equal(run.status, 1);
  assert.match(
    run.stderr,
    /quote\.csv:2-5: error: Report 1: a quote in this row is never closed, so every line after it was read into one cell/,
  );
  // Its one report lost, the file holds none: nothing is written.
  assert.match(run.stderr, /no report in .*quote\.csv can be used; nothing was written/);
  assert.equal(existsSync(join(out, 'quote.json')), false);
});

test('mixed line endings lose no row', () => {
  const run = cli(
    'build',
    file('mixed.csv', 'id,title,year\r\na,Alpha,2001\nb,Beta,2002\r\nc,Gamma,2003\rd,Delta,2004\n'),
    '-o',
    join(out, 'mixed.json'),
  );
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.deepEqual(
    read(join(out, 'mixed.json')).reports.map((r) => [r.id, r.title, r.year]),
    [
      ['a', 'Alpha', 2001],
      ['b', 'Beta', 2002],
      ['c', 'Gamma', 2003],
      ['d', 'Delta', 2004],
    ],
  );
});

test('a row with more or fewer cells than the header is named with its line and fails the run', () => {
  const run = cli(
    'build',
    file('cells.csv', 'id,title,year\na,"Hello, world",2001\nb,Hello, world,2002\nc,Short\nd,Fine,2003\n'),
    '-o',
    join(out, 'cells.json'),
  );
  assert.equal(run.status, 1);
  assert.deepEqual(run.stderr.trim().split('\n'), [
    `${join(out, 'cells.csv')}:3: error: Report 2: the row has 4 cells but the header has 3; a cell with a "," in it must be in quotes. The row was skipped.`,
    `${join(out, 'cells.csv')}:4: error: Report 3: the row has 2 cells but the header has 3; a cell with a "," in it must be in quotes. The row was skipped.`,
  ]);
  assert.deepEqual(
    read(join(out, 'cells.json')).reports.map((r) => [r.id, r.title]),
    [
      ['a', 'Hello, world'],
      ['d', 'Fine'],
    ],
  );
});

test('numeric JSON ids are kept as text, as the browser keeps them', () => {
  const run = cli(
    'build',
    file('numbers.json', '{"reports":[{"id":42,"title":"The answer"},{"id":7,"title":"Seven"}]}'),
    '-o',
    join(out, 'numbers-out.json'),
  );
  assert.equal(run.status, 0, run.stderr);
  const ids = read(join(out, 'numbers-out.json')).reports.map((r) => r.id);
  assert.deepEqual(ids, ['42', '7']);
  assert.deepEqual(
    ids,
    parseCatalogue(JSON.parse(readFileSync(join(out, 'numbers.json'), 'utf8'))).catalogue.reports.map((r) => r.id),
  );
});

test('a path that cannot be written gives one line with the path and the reason, never a stack trace, and writes nothing', () => {
  const csv = file('paths.csv', 'id,title\na,Alpha\n');
  for (const [args, path, why] of [
    [['-o', join(out, 'missing', 'x.json')], join(out, 'missing', 'x.json'), 'its folder does not exist'],
    [['-o', out], out, 'it is a folder'],
    [
      ['-o', join(out, 'paths.json'), '--index', join(out, 'missing', 'i.json')],
      join(out, 'missing', 'i.json'),
      'its folder does not exist',
    ],
  ] as const) {
    const run = cli('build', csv, ...args);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stderr, `reportshelf: cannot write ${path}: ${why}; nothing was written.\n`);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  }
  // The catalogue is not written when its index cannot be.
  assert.equal(existsSync(join(out, 'paths.json')), false);
  assert.deepEqual(
    readdirSync(out).filter((f) => f.endsWith('.tmp')),
    [],
  );
});

test('control characters from cells and headers are shown, not sent to the terminal', () => {
  const run = cli(
    'build',
    file('control.csv', 'id,title,co\u001b[2Jl\nx\u001b]0;pwn\u0007,One,x\nx\u001b]0;pwn\u0007,Two,x\n'),
    '-o',
    join(out, 'control.json'),
  );
  assert.equal(run.status, 1);
  // Control characters in cells are dropped from the catalogue, so what is echoed of them is clean too.
  assert.match(run.stderr, /Report 2 \("x\]0;pwn"\): the id is already used/);
  // eslint-disable-next-line no-control-regex -- exactly what must not reach the terminal
  assert.doesNotMatch(run.stderr, /[\u0000-\u0008\u000b-\u001f\u007f]/);
  assert.match(run.stderr, /column C "co\\u\{1B\}\[2Jl"/);
  assert.equal(printable('a\u202Eb\u001bc'), 'a\\u{202E}b\\u{1B}c');
});

test('languages are checked: --language is refused, and a JSON catalogue language dropped, unless it is a language code', () => {
  const csv = file('lang.csv', 'id,title\na,Alpha\n');
  const flag = cli('build', csv, '-o', join(out, 'lang.json'), '--language', 'English please');
  assert.equal(flag.status, 2);
  assert.match(flag.stderr, /--language: "English please" is not a language code/);
  const json = cli(
    'build',
    file('lang-in.json', '{"language":"klingon language","reports":[{"id":"a","title":"A"}]}'),
    '-o',
    join(out, 'lang-out.json'),
  );
  assert.equal(json.status, 0);
  assert.match(json.stderr, /The catalogue's "language" must be a language code/);
  const catalogue = read(join(out, 'lang-out.json'));
  assert.equal(catalogue.language, undefined);
  assert.equal(validate(catalogue), true);
  assert.equal(cli('build', csv, '-o', join(out, 'lang-ok.json'), '--language', 'fr-CA').status, 0);
  assert.equal(read(join(out, 'lang-ok.json')).language, 'fr-ca');
});

test('fuzz: any CSV text gives every report in the output or named in a problem, and never a crash', () => {
  const cell = fc.stringMatching(/^[a-zé ,;"\r\n]{0,8}$/);
  const ending = fc.constantFrom('\n', '\r\n', '\r');
  fc.assert(
    fc.property(fc.array(fc.tuple(cell, cell, ending), { maxLength: 12 }), fc.boolean(), (rows, quoteSome) => {
      // Row i has the id r<i>; its title and year cells are random, quoted or not, with random line endings.
      const quote = (text: string, i: number) => (quoteSome && i % 2 ? `"${text.replace(/"/g, '""')}"` : text);
      const text =
        'id,title,year\n' + rows.map(([title, year, end], i) => `r${i},${quote(title, i)},${year}${end}`).join('');
      const result = convertCsv(text);
      assert.equal(result.fatal, false);
      const kept = new Set(result.catalogue.reports.map((r) => r.id));
      const lines = text.replace(/\r\n?/g, '\n').split('\n');
      rows.forEach((_, i) => {
        const line = lines.findIndex((l) => l.startsWith(`r${i},`)) + 1;
        if (kept.has(`r${i}`)) return;
        // Not in the output: a problem names its line, or the lines of a row it was read into.
        const named = result.problems.some(
          (p) => p.line !== undefined && p.line <= line && line <= (p.endLine ?? p.line),
        );
        assert.ok(
          named,
          `r${i} (line ${line}) is neither kept nor named:\n${text}\n${JSON.stringify(result.problems)}`,
        );
      });
    }),
    { numRuns: 400 },
  );
});

test('--summary-format turns Markdown or HTML abstracts from a CMS into plain text, links kept as text', () => {
  const md = file(
    'cms-md.csv',
    'id,title,summary\na,One,"**Bold** claim and [the report](https://example.org/r.pdf), with _emphasis_.\n\n- first point\n- second point"\nb,Two,"A [bad link](javascript:alert(1)) <script>alert(2)</script>kept"\n',
  );
  const run = cli('build', md, '-o', join(out, 'cms-md.json'), '--summary-format', 'markdown');
  assert.equal(run.status, 0, run.stderr);
  const [a, b] = read(join(out, 'cms-md.json')).reports;
  assert.equal(
    a!.summary,
    'Bold claim and the report (https://example.org/r.pdf), with emphasis. first point second point',
  );
  assert.equal(b!.summary, 'A bad link kept');
  const html = cli(
    'build',
    file(
      'cms.json',
      JSON.stringify({
        reports: [
          {
            id: 'h',
            title: 'H',
            summary: '<p>Safety &amp; <a href="/reports/h.pdf">support</a></p><p>Second<br>line</p>',
          },
        ],
      }),
    ),
    '-o',
    join(out, 'cms-out.json'),
    '--summary-format',
    'html',
  );
  assert.equal(html.status, 0, html.stderr);
  assert.equal(read(join(out, 'cms-out.json')).reports[0]!.summary, 'Safety & support (/reports/h.pdf) Second line');
  // Without the option, text is kept as written (and the page shows it as text).
  assert.equal(cli('build', md, '-o', join(out, 'cms-raw.json')).status, 0);
  assert.match(read(join(out, 'cms-raw.json')).reports[0]!.summary!, /\*\*Bold\*\*/);
  const bad = cli('build', md, '-o', join(out, 'cms-bad.json'), '--summary-format', 'rtf');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--summary-format: "rtf" is not one of text, markdown, html/);
});

test('--split writes a large catalogue as a folder the elements read a piece at a time, whole or not at all', () => {
  const csv = file('split.csv', 'id,title,year,countries\na,Alpha,2001,Mali; Niger\nb,Beta,,Chad\n');
  const folder = join(out, 'split');
  const run = cli('build', csv, '--split', folder, '--title', 'Split');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /split\/catalogue\.json: 2 reports written in the split format; 0 skipped, 0 warnings/);
  const manifest = JSON.parse(readFileSync(join(folder, 'catalogue.json'), 'utf8'));
  assert.deepEqual(
    [manifest.format, manifest.count, manifest.title, manifest.facets.country],
    ['split', 2, 'Split', 3],
  );
  const build = join(folder, manifest.build);
  assert.deepEqual(JSON.parse(readFileSync(join(build, 'years.json'), 'utf8')), [2001, null]);
  assert.deepEqual(JSON.parse(readFileSync(join(build, 'facets/country.json'), 'utf8')), {
    labels: ['Chad', 'Mali', 'Niger'],
    rows: [[1, 2], 0],
  });
  // The build, its manifest and the Atom feed of its newest reports (see feeds.test.ts).
  assert.deepEqual(readdirSync(folder).sort(), [manifest.build, 'catalogue.json', 'feed.xml']);
  assert.deepEqual(readdirSync(build).sort(), ['cards', 'facets', 'ids', 'index', 'years.json']);

  // Written again over an earlier split catalogue: replaced.
  writeFileSync(csv, 'id,title\nc,Gamma\n');
  assert.equal(cli('build', csv, '--split', folder).status, 0);
  assert.equal(JSON.parse(readFileSync(join(folder, 'catalogue.json'), 'utf8')).count, 1);

  // A folder with anything else in it, the input inside the folder, -o with --split: refused, nothing written.
  const other = join(out, 'other');
  spawnSync('mkdir', ['-p', other]);
  writeFileSync(join(other, 'notes.txt'), 'mine');
  const refused = cli('build', csv, '--split', other);
  assert.equal(refused.status, 1);
  assert.match(
    refused.stderr,
    /cannot write .*other: it is not a folder of an earlier split catalogue; choose another; nothing was written/,
  );
  assert.deepEqual(readdirSync(other), ['notes.txt']);
  const inside = cli('build', csv, '--split', out);
  assert.equal(inside.status, 2);
  assert.match(inside.stderr, /the input .*split\.csv is inside/);
  assert.equal(cli('build', csv, '--split', folder, '-o', join(out, 'both.json')).status, 2);
  assert.equal(
    readdirSync(out).some((name) => name.endsWith('.tmp')),
    false,
  );
});

/** Every file under a folder, by path, symlinks not followed. */
function tree(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

const builds = (folder: string) => readdirSync(folder).filter((name) => /^[0-9a-f]{16}$/.test(name));
const manifestOf = (folder: string) => JSON.parse(readFileSync(join(folder, 'catalogue.json'), 'utf8'));

test('--split replaces only its own files: the partner’s files stay, the build before is kept, older ones go', () => {
  const folder = join(out, 'partner');
  const csv = (n: number) => file(`partner-${n}.csv`, `id,title\nr${n},Report ${n}\n`);
  assert.equal(cli('build', csv(1), '--split', folder).status, 0);
  mkdirSync(join(folder, 'pdf'));
  const mine = {
    '.htaccess': 'Header set Cache-Control "max-age=60"',
    'pdf/r1.pdf': '%PDF-1.4',
    'index.html': '<p>ours</p>',
  };
  for (const [path, text] of Object.entries(mine)) writeFileSync(join(folder, path), text);
  const first = manifestOf(folder).build;
  assert.equal(cli('build', csv(2), '--split', folder).status, 0);
  const second = manifestOf(folder).build;
  // A visitor still on the first build reads it to the end: both are there.
  assert.deepEqual(builds(folder).sort(), [first, second].sort());
  assert.equal(cli('build', csv(3), '--split', folder).status, 0);
  const third = manifestOf(folder).build;
  assert.deepEqual(builds(folder).sort(), [second, third].sort());
  for (const [path, text] of Object.entries(mine)) assert.equal(readFileSync(join(folder, path), 'utf8'), text, path);
  // A file of the partner's inside an old build's folder is not the format's: it stays, with its folder.
  writeFileSync(join(folder, second, 'cards', 'notes.txt'), 'mine');
  assert.equal(cli('build', csv(4), '--split', folder).status, 0);
  assert.deepEqual(tree(join(folder, second)), ['cards/notes.txt']);
});

test('--split follows a symlinked folder, and refuses an input reached through a symlink into it', () => {
  const target = join(out, 'real-target');
  mkdirSync(target);
  const link = join(out, 'linked');
  symlinkSync(target, link);
  const csv = file('linked.csv', 'id,title\na,Alpha\n');
  assert.equal(cli('build', csv, '--split', link).status, 0);
  assert.ok(lstatSync(link).isSymbolicLink(), 'the output is still a symlink');
  assert.equal(manifestOf(target).count, 1);
  // The input inside the folder, reached through another name for it.
  writeFileSync(join(target, 'input.csv'), 'id,title\nb,Beta\n');
  const back = join(out, 'back-door');
  symlinkSync(target, back);
  const refused = cli('build', join(back, 'input.csv'), '--split', link);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /is inside/);
  assert.equal(readFileSync(join(target, 'input.csv'), 'utf8'), 'id,title\nb,Beta\n');
});

test('--split into a folder whose catalogue.json only looks like a split one, or is an older split catalogue', () => {
  const csv = file('looks.csv', 'id,title\na,Alpha\n');
  // Text that mentions the format is not a manifest: refused, nothing touched.
  const looks = join(out, 'looks');
  mkdirSync(looks);
  writeFileSync(join(looks, 'catalogue.json'), '{"note": "set \\"format\\": \\"split\\" to split"}');
  writeFileSync(join(looks, 'index.html'), 'home');
  assert.equal(cli('build', csv, '--split', looks).status, 1);
  assert.deepEqual(tree(looks), ['catalogue.json', 'index.html']);
  // A manifest of the first split format (its files beside it) and a partner's page: the new build
  // is added, the old files kept for one build more, then removed; the page stays throughout.
  const older = join(out, 'older');
  mkdirSync(join(older, 'cards'), { recursive: true });
  writeFileSync(join(older, 'catalogue.json'), JSON.stringify({ version: 1, format: 'split', count: 1 }));
  writeFileSync(join(older, 'years.json'), '[2001]');
  writeFileSync(join(older, 'cards', '0.json'), '[]');
  writeFileSync(join(older, 'index.html'), 'home');
  assert.equal(cli('build', csv, '--split', older).status, 0);
  assert.ok(existsSync(join(older, 'years.json')) && existsSync(join(older, 'cards', '0.json')));
  assert.equal(cli('build', file('looks2.csv', 'id,title\nb,Beta\n'), '--split', older).status, 0);
  assert.deepEqual(
    tree(older).filter((path) => !/^[0-9a-f]{16}\//.test(path)),
    ['catalogue.json', 'feed.xml', 'index.html'],
  );
});

test('--map gives each column its field by letter: headers without a name, or one name twice', () => {
  const csv = join(out, 'letters.csv');
  writeFileSync(csv, ',Notes,Notes,\nA report,First note,Second note,2020\n');
  const file = join(out, 'letters.json');
  const run = cli('build', csv, '-o', file, '--map', 'A=title,c=summary,D=year');
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.deepEqual(
    read(file).reports.map((r) => [r.title, r.summary, r.year]),
    [['A report', 'Second note', 2020]],
  );
  const twice = cli('build', csv, '-o', file, '--map', 'A=title,B=title');
  assert.equal(twice.status, 2);
  assert.match(twice.stderr, /--map: title is given two columns; a field takes one\./);
  const notLetters = cli('build', csv, '-o', file, '--map', '1=title');
  assert.equal(notLetters.status, 2);
  assert.match(notLetters.stderr, /--map: "1=title" is not COLUMN=FIELD/);
  const both = cli('build', csv, '-o', file, '--map', 'A=title', '--columns', 'title=Notes');
  assert.equal(both.status, 2);
  assert.match(both.stderr, /--map and --columns both say which column is which/);
});
