/**
 * Alerts without a server: `reportshelf build` writes Atom feeds beside the catalogue, read here
 * by a real feed parser (feedsmith) and checked well formed by a strict XML parser, with the
 * elements RFC 4287 requires; and the dates (`date`, `added`) they are ordered by, as the catalogue
 * reader takes them.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAtomFeed } from 'feedsmith';
import { XMLValidator } from 'fast-xml-parser';
import { parseCatalogue, readManifest, splitCatalogue } from '@reportshelf/core';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'reportshelf-feeds-'));
after(() => rmSync(out, { recursive: true, force: true }));

function cli(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions', 'source', join(root, 'packages/cli/src/bin.ts'), ...args],
    { cwd: root, encoding: 'utf8' },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const CSV = [
  'id,title,summary,year,date,added,countries,categories,url',
  'old,An old study,Older findings.,2012,,,Nigeria,Research,https://example.org/old.pdf',
  'new,A new guide <script>alert(1)</script> & more,"Newest \u0007 guidance, with ""quotes"".",,2024-05-17,2025-01-10,Côte d\'Ivoire;Nigeria,Guidance,docs/new.pdf',
  "mid,A middle assessment,Mid.,2020,2020-02,2023-06-30,Côte d'Ivoire,Assessment,",
  'undated,No date at all,None.,,,,,Guidance,',
].join('\n');

/** Every element RFC 4287 requires of a feed and of its entries (section 4.1). */
function checkRequired(text: string) {
  assert.equal(XMLValidator.validate(text), true, 'well-formed XML');
  const feed = parseAtomFeed(text);
  assert.ok(feed.id && feed.title?.value && feed.updated, 'feed id, title, updated');
  assert.ok(feed.authors?.length, 'a feed-level author, so no entry lacks one');
  const ids = new Set<string>();
  for (const entry of feed.entries ?? []) {
    assert.ok(entry.id && entry.title?.value && entry.updated, `entry ${entry.id}: id, title, updated`);
    assert.ok(!ids.has(entry.id), `entry ids are unique: ${entry.id}`);
    ids.add(entry.id);
    assert.ok(
      entry.content || entry.links?.some((l) => (l.rel ?? 'alternate') === 'alternate'),
      `entry ${entry.id}: content or an alternate link`,
    );
    assert.match(entry.updated!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, 'an RFC 3339 date');
  }
  return feed;
}

test('build writes feed.xml beside the catalogue: newest added first, text as text, links to the report view', () => {
  const csv = join(out, 'dated.csv');
  writeFileSync(csv, CSV);
  const run = cli(
    'build',
    csv,
    '-o',
    join(out, 'catalogue.json'),
    '--title',
    'Partner library',
    '--site',
    'https://ngo.example/library/',
  );
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /feed\.xml: 1 Atom feed of the newest reports written/);
  const text = readFileSync(join(out, 'feed.xml'), 'utf8');
  assert.doesNotMatch(text, /<script/, 'markup in a title is text');
  const feed = checkRequired(text);
  assert.equal(feed.title?.value, 'Partner library');
  assert.deepEqual(
    feed.entries!.map((e) => e.title?.value),
    ['A new guide <script>alert(1)</script> & more', 'A middle assessment', 'An old study', 'No date at all'],
  );
  const [first] = feed.entries!;
  assert.equal(first!.updated, '2025-01-10T00:00:00Z', 'updated is when the report was added');
  assert.equal(first!.published, '2024-05-17T00:00:00Z', 'published is its date');
  assert.equal(first!.summary?.value, 'Newest guidance, with "quotes".', 'the control character is gone');
  assert.deepEqual(
    first!.links?.map((l) => [l.rel, l.href]),
    [
      ['alternate', 'https://ngo.example/library/?report=new'],
      ['related', 'https://ngo.example/library/docs/new.pdf'],
    ],
  );
  assert.equal(feed.updated, '2025-01-10T00:00:00Z');
});

test('--feeds country,category writes a feed per value with only its reports; an unknown facet is refused', () => {
  const csv = join(out, 'facets.csv');
  writeFileSync(csv, CSV);
  const folder = join(out, 'facets');
  mkdirSync(folder);
  const run = cli('build', csv, '-o', join(folder, 'catalogue.json'), '--feeds', 'country,category');
  assert.equal(run.status, 0, run.stderr);
  const ivoire = checkRequired(readFileSync(join(folder, 'feeds/country/cote-d-ivoire.xml'), 'utf8'));
  assert.deepEqual(
    ivoire.entries!.map((e) => e.title?.value),
    ['A new guide <script>alert(1)</script> & more', 'A middle assessment'],
  );
  assert.match(ivoire.title!.value!, /Côte d'Ivoire$/);
  const guidance = checkRequired(readFileSync(join(folder, 'feeds/category/guidance.xml'), 'utf8'));
  assert.equal(guidance.entries!.length, 2);
  // Without --site, entries link to the document where it has a full address, and are unique ids.
  const all = checkRequired(readFileSync(join(folder, 'feed.xml'), 'utf8'));
  assert.equal(
    all.entries!.find((e) => e.title?.value === 'An old study')!.links![0]!.href,
    'https://example.org/old.pdf',
  );
  assert.notEqual(ivoire.id, all.id, 'each feed has its own id');
  // The catalogue names its feeds, for the page to offer ("Follow new reports").
  assert.deepEqual(JSON.parse(readFileSync(join(folder, 'catalogue.json'), 'utf8')).feeds, ['country', 'category']);

  const bad = cli('build', csv, '-o', join(folder, 'x.json'), '--feeds', 'country,colour');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--feeds: "country,colour" must be "none" or facets from region, country/);
});

test("a partner's own feed.xml is never overwritten, and --feeds none writes none", () => {
  const csv = join(out, 'own.csv');
  writeFileSync(csv, CSV);
  const folder = join(out, 'own');
  mkdirSync(folder);
  const theirs = '<?xml version="1.0"?><rss version="2.0"><channel><title>Our news</title></channel></rss>';
  writeFileSync(join(folder, 'feed.xml'), theirs);
  const run = cli('build', csv, '-o', join(folder, 'catalogue.json'));
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /feed\.xml is not a feed this tool wrote; it was left as it is/);
  assert.equal(readFileSync(join(folder, 'feed.xml'), 'utf8'), theirs);
  // feed.xml alone, by default.
  assert.deepEqual(JSON.parse(readFileSync(join(folder, 'catalogue.json'), 'utf8')).feeds, []);

  const none = join(out, 'none');
  mkdirSync(none);
  assert.equal(cli('build', csv, '-o', join(none, 'catalogue.json'), '--feeds', 'none').status, 0);
  assert.equal(existsSync(join(none, 'feed.xml')), false);
  // No feed written, none named (a JSON catalogue's own list is dropped too).
  const named = join(out, 'named.json');
  writeFileSync(named, JSON.stringify({ feeds: ['country'], reports: [{ id: 'a', title: 'A report' }] }));
  assert.equal(cli('build', named, '-o', join(none, 'catalogue.json'), '--feeds', 'none').status, 0);
  assert.equal('feeds' in JSON.parse(readFileSync(join(none, 'catalogue.json'), 'utf8')), false);
});

test("a catalogue's feeds: facet names, others dropped and said", () => {
  const read = (feeds: unknown) => parseCatalogue({ feeds, reports: [{ id: 'a', title: 'A report' }] });
  assert.deepEqual(read(['country', 'category', 'country']).catalogue.feeds, ['country', 'category']);
  assert.deepEqual(read(['country', 'category']).problems, []);
  const some = read(['country', 'town']);
  assert.deepEqual(some.catalogue.feeds, ['country']);
  assert.deepEqual(
    some.problems.map((p) => p.message),
    [
      'The catalogue\'s "feeds" must list facets (region, country, category, author, organization, language); what else it held was ignored.',
    ],
  );
  const none = read('country');
  assert.equal(none.catalogue.feeds, undefined);
  assert.equal(none.problems.length, 1);
  // A split manifest's likewise, checked where it is read.
  const manifest = JSON.parse(splitCatalogue(read(['country']).catalogue).get('catalogue.json')!);
  assert.deepEqual(manifest.feeds, ['country']);
  assert.match(readManifest({ ...manifest, feeds: ['town'] }) as string, /^"feeds" must list facets/);
});

test('the split format gets its feed in its folder too', () => {
  const csv = join(out, 'split.csv');
  writeFileSync(csv, CSV);
  const folder = join(out, 'split');
  const run = cli('build', csv, '--split', folder);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(checkRequired(readFileSync(join(folder, 'feed.xml'), 'utf8')).entries!.length, 4);
  // Its manifest names the feeds, as a catalogue does.
  assert.deepEqual(JSON.parse(readFileSync(join(folder, 'catalogue.json'), 'utf8')).feeds, []);
  // Built again: the folder (with its feed) is still the split catalogue's, and the feed is replaced.
  assert.equal(cli('build', csv, '--split', folder).status, 0);
});

test('dates: date gives the year, a day that does not exist is refused, added must be a whole day', () => {
  const { catalogue, problems } = parseCatalogue({
    reports: [
      { id: 'a', title: 'A', date: '2019-03-25T10:00:00Z', added: '2024-01-31' },
      { id: 'b', title: 'B', date: '2023-02-30', year: 2023 },
      { id: 'c', title: 'C', date: '2021-06', year: 2020, added: '2024-01' },
      { id: 'd', title: 'D', image: 'javascript:alert(1)', imageAlt: 'x' },
      { id: 'e', title: 'E', image: 'covers/e.jpg', imageAlt: ' A cover ' },
    ],
  });
  const [a, b, c, d, e] = catalogue.reports;
  assert.deepEqual([a!.date, a!.year, a!.added], ['2019-03-25', 2019, '2024-01-31']);
  assert.deepEqual([b!.date, b!.year], [undefined, 2023]);
  assert.deepEqual([c!.date, c!.year, c!.added], ['2021-06', 2021, undefined]);
  assert.deepEqual([d!.image, d!.imageAlt], [undefined, undefined]);
  assert.deepEqual([e!.image, e!.imageAlt], ['covers/e.jpg', 'A cover']);
  assert.deepEqual(
    problems.map((p) => [p.id, p.field]),
    [
      ['b', 'date'],
      ['c', 'year'],
      ['c', 'added'],
      ['d', 'image'],
    ],
  );
  assert.match(problems[0]!.message, /"date" must be a date such as "2019-03-25" or "2019-03"/);
  assert.match(problems[1]!.message, /"year" is 2020 but "date" is 2021-06; the date's year was kept/);
});

test('facet values that share their first words, a subtitle or a dash get feeds of their own', () => {
  const long = 'Trafficking in persons for the purpose of';
  const csv = join(out, 'near.csv');
  writeFileSync(
    csv,
    [
      'id,title,year,countries,categories',
      `a,Farms,2020,Congo - Brazzaville,Forced labour: agriculture;${long} forced labour`,
      `b,Boats,2021,Congo - Kinshasa,Forced labour: fishing;${long} organ removal`,
      `c,Mines,2022,St. Lucia,Forced labour: mining`,
      `d,Ports,2023,St. Kitts and Nevis,Sexual exploitation`,
    ].join('\n'),
  );
  const folder = join(out, 'near');
  mkdirSync(folder);
  const run = cli('build', csv, '-o', join(folder, 'catalogue.json'), '--feeds', 'country,category');
  assert.equal(run.status, 0, run.stderr);
  const titles = (path: string) => {
    const feed = checkRequired(readFileSync(join(folder, path), 'utf8'));
    return [feed.title?.value, ...feed.entries!.map((e) => e.title?.value)];
  };
  // Before, "Forced labour: agriculture", "…: fishing" and "…: mining" were one feed,
  // feeds/category/forced-labour.xml, titled with the first and holding all three.
  assert.deepEqual(titles('feeds/category/forced-labour-agriculture.xml'), [
    'New reports: Forced labour: agriculture',
    'Farms',
  ]);
  assert.deepEqual(titles('feeds/category/forced-labour-fishing.xml'), [
    'New reports: Forced labour: fishing',
    'Boats',
  ]);
  assert.deepEqual(titles('feeds/country/congo-kinshasa.xml'), ['New reports: Congo - Kinshasa', 'Boats']);
  assert.deepEqual(titles('feeds/country/st-lucia.xml'), ['New reports: St. Lucia', 'Mines']);
  assert.deepEqual(titles('feeds/country/st-kitts-and-nevis.xml'), ['New reports: St. Kitts and Nevis', 'Ports']);
  assert.deepEqual(titles('feeds/category/trafficking-in-persons-for-the-purpose-of-organ-removal.xml'), [
    `New reports: ${long} organ removal`,
    'Boats',
  ]);
});

test('hostile text stays text in a feed: CDATA ends, markup, right-to-left overrides, lone surrogates, control characters', () => {
  const title = 'End ]]> <![CDATA[ x ]]> <!ENTITY e "boom"> &e; \u202Egnp.exe\u202C \uD800 \u0001 \uFFFE done';
  const { catalogue } = parseCatalogue({
    version: 1,
    reports: [{ id: 'r1', title, summary: title, categories: [title] }],
  });
  const csv = join(out, 'hostile.json');
  writeFileSync(csv, JSON.stringify(catalogue));
  const folder = join(out, 'hostile');
  mkdirSync(folder);
  const run = cli(
    'build',
    csv,
    '-o',
    join(folder, 'catalogue.json'),
    '--feeds',
    'category',
    '--site',
    'https://ngo.example/l/?a=1&b="2"',
  );
  assert.equal(run.status, 0, run.stderr);
  for (const path of ['feed.xml', 'feeds/category/end-cdata-x-entity-e-boom-e-gnp-exe-done.xml']) {
    const text = readFileSync(join(folder, path), 'utf8');
    assert.doesNotMatch(text, /<!\[CDATA\[|<!ENTITY|\uFFFD/, path);
    assert.ok(!text.includes('\u0001'), path);
    const feed = checkRequired(text);
    const read = feed.entries![0]!.title!.value!;
    assert.match(read, /^End \]\]> <!\[CDATA\[ x \]\]> <!ENTITY e "boom"> &e; \u202Egnp\.exe\u202C/, path);
  }
});
