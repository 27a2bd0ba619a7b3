/**
 * The server's memory (columns.ts, postings.ts) searched the fast way gives what the plain way
 * gives: a query's rows with every word as bitsets (`matchEvery`) and their scores by halving
 * each term's rows (`scoresOf`) against `match`, which visits every posting; the candidates
 * narrowed by the filters' bitset (`keepOf`) against all of them, in filterAndCount's counts.
 * Checked on a catalogue as loaded, after reports are rewritten and deleted (rows kept apart),
 * and after enough rewrites that the postings are built again with the rewritten rows out of order.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { FACET_NAMES, parseCatalogue, type Catalogue, type Report } from '@reportshelf/core';
import { loadCatalogue } from '@reportshelf/server';
import { Columns, type Constraints } from '../../packages/server/src/columns.js';
import { Postings, type WordTerms } from '../../packages/server/src/postings.js';
import { startPostgres, type Postgres } from './postgres.js';
import { testCatalogue } from './catalogue.js';

let postgres: Postgres;
let db: pg.Client;
let catalogue: Catalogue;

before(async () => {
  postgres = await startPostgres();
  catalogue = parseCatalogue(testCatalogue(3000)).catalogue;
  await loadCatalogue(postgres.url, catalogue);
  db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
});

after(async () => {
  await db?.end();
  await postgres?.stop();
});

const version = async () =>
  (await db.query<{ v: string }>('SELECT version::text AS v FROM reportshelf_catalogue')).rows[0]!.v;

/** The columns and postings as a server reads them at start. */
async function readAll(): Promise<Columns> {
  const columns = await Columns.read(db, await version());
  columns.text = await Postings.read(db, columns.rowOf, columns.alive);
  columns.commonBits();
  return columns;
}

/** Brought up to date as a server does when the data version moves on. */
async function update(columns: Columns): Promise<void> {
  const since = columns.stamp;
  assert.ok(await columns.update(db, await version()));
  await columns.text.update(db, columns.rowOf, columns.alive, since);
}

/** Searches: common terms, a rare one, a prefix's terms weighed less, and -words. */
function searches(postings: Postings): { words: WordTerms[]; excluded: string[] }[] {
  const common = ['traffick', 'women', 'labour', 'children', 'report', 'victim', 'protect'].filter((t) =>
    postings.has(t),
  );
  assert.ok(common.length >= 4, `common terms found: ${common.join(', ')}`);
  const word = (...terms: [string, number][]): WordTerms => new Map(terms.filter(([t]) => postings.has(t)));
  const prefix = (p: string): WordTerms => new Map(postings.prefixed(p).map((t) => [t, t === p ? 1 : 0.4]));
  return [
    { words: [word([common[0]!, 1])], excluded: [] },
    { words: [word([common[0]!, 1]), word([common[1]!, 1])], excluded: [] },
    { words: [word([common[1]!, 1]), prefix(common[2]!.slice(0, 3))], excluded: [] },
    { words: [word([common[2]!, 1]), word([common[3]!, 1])], excluded: [common[0]!] },
    { words: [word([common[0]!, 1]), prefix('vi')], excluded: ['zzzz'] },
    { words: [word(['kobana', 1], [common[0]!, 0.5])], excluded: [] },
  ];
}

/** The candidates (ascending rows) the filters' bitset keeps: those that fail at most one filter. */
function narrow(columns: Columns, query: Constraints, candidates: Int32Array): Int32Array {
  const keep = columns.keepOf(query);
  return keep ? candidates.filter((r) => (keep[r >>> 5]! & (1 << (r & 31))) !== 0) : candidates;
}

/** matchEvery and scoresOf against match, for each search. */
function sameAsMatch(columns: Columns): void {
  const { text, alive, size } = columns;
  for (const { words, excluded } of searches(text)) {
    const plain = text.match(words, excluded, alive, size, false);
    const order = Array.from(plain.rows.keys()).sort((a, b) => plain.rows[a]! - plain.rows[b]!);
    const { rows, every } = text.matchEvery(words, excluded, alive, size);
    const label = JSON.stringify([words.map((w) => [...w.keys()]), excluded]);
    assert.equal(every, plain.every, `whether some report has every word of ${label}`);
    assert.deepEqual(
      Array.from(rows),
      order.map((i) => plain.rows[i]!),
      `rows of ${label}`,
    );
    assert.ok(rows.length > 0 || words.length > 1, `some rows for ${label}`);
    const scores = text.scoresOf(words, rows);
    order.forEach((i, k) => assert.equal(scores[k], plain.scores[i], `score of row ${rows[k]} for ${label}`));
    // Only the rows the filters keep taken out of the bitset: those narrow keeps of them all.
    for (const report of catalogue.reports.slice(0, 5)) {
      const query: Constraints = {
        filters: { region: [report.regions?.[0] ?? 'Europe'], category: [report.categories?.[0] ?? 'Research'] },
      };
      const kept = text.matchEvery(words, excluded, alive, size, columns.keepOf(query));
      assert.deepEqual(Array.from(kept.rows), Array.from(narrow(columns, query, rows)), `kept rows of ${label}`);
      assert.equal(kept.every, every);
    }
  }
}

/** filterAndCount of the narrowed candidates against that of them all, for filters on two and three facets. */
function sameCounts(columns: Columns): void {
  const every = columns.everyRow().sort();
  const sample = catalogue.reports.slice(0, 40);
  const queries: Constraints[] = sample.map((report, i) => ({
    filters: {
      region: [report.regions?.[0] ?? 'Europe'],
      category: [report.categories?.[0] ?? 'Research', 'Guidance'],
      ...(i % 3 === 0 ? { country: [report.countries?.[0] ?? 'France'] } : {}),
      ...(i % 4 === 0 ? { language: ['fr'] } : {}),
    },
    ...(i % 5 === 0 ? { yearFrom: 2010 } : {}),
  }));
  for (const query of queries) {
    const narrowed = narrow(columns, query, every);
    assert.ok(narrowed.length < every.length, 'two filters or more leave some rows out');
    const all = columns.filterAndCount(query, every);
    const some = columns.filterAndCount(query, narrowed);
    const rowsOf = (counted: typeof all, rows: Int32Array) => counted.matched.map((c) => rows[c]!);
    assert.deepEqual(rowsOf(some, narrowed), rowsOf(all, every), JSON.stringify(query));
    assert.deepEqual(some.counts, all.counts);
    assert.deepEqual(some.relaxed, all.relaxed);
    assert.deepEqual(some.years, all.years);
    assert.equal(some.undated, all.undated);
    assert.deepEqual(
      FACET_NAMES.map((_, f) => [...some.touched[f]!].sort()),
      FACET_NAMES.map((_, f) => [...all.touched[f]!].sort()),
    );
  }
}

/** Reports rewritten with other words (the words of the report `shift` places on) and filters. */
async function rewrite(from: number, count: number, shift: number): Promise<void> {
  const reports = catalogue.reports.map((report, i): Report => {
    if (i < from || i >= from + count) return report;
    const other = catalogue.reports[(i + shift) % catalogue.reports.length]!;
    return {
      ...report,
      title: other.title,
      summary: other.summary,
      regions: other.regions,
      countries: other.countries,
    };
  });
  catalogue = { ...catalogue, reports };
  await loadCatalogue(postgres.url, catalogue);
}

test('as loaded: the bitsets find the rows match finds, with the same scores; narrowing keeps every count', async () => {
  const columns = await readAll();
  sameAsMatch(columns);
  sameCounts(columns);
});

test('after reports are rewritten and deleted (kept apart from the built postings): the same', async () => {
  const columns = await readAll();
  // Rewritten: rows 100-199 take other reports' words; deleted: the last 50.
  await rewrite(100, 100, 1000);
  catalogue = { ...catalogue, reports: catalogue.reports.slice(0, -50) };
  await loadCatalogue(postgres.url, catalogue);
  // Value bitsets made before the changes are kept up to date by them.
  narrow(columns, { filters: { region: ['Europe'], category: ['Research'] } }, columns.everyRow());
  await update(columns);
  assert.ok(columns.text.extraOf.size > 0, 'rewritten rows are kept apart');
  sameAsMatch(columns);
  sameCounts(columns);
});

test('after the postings are built again with rewritten rows out of order: the same', async () => {
  const columns = await readAll();
  // More than 2,000 rows rewritten at once: the arrays are built again, the rows read since after the others.
  await rewrite(0, 2100, 7);
  await update(columns);
  assert.equal(columns.text.extraOf.size, 0, 'built again, nothing kept apart');
  sameAsMatch(columns);
  sameCounts(columns);
});
