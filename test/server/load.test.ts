/**
 * `loadCatalogue` on a PostgreSQL of its own (started here on 127.0.0.1, see postgres.ts): the
 * rows a catalogue is loaded as do not depend on how the load went (worker threads or not, into
 * an empty table or not), and every row written carries a change stamp of its own, later than
 * those before it (the server reads the rows changed since the last stamp it has).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { Catalogue } from '@reportshelf/core';
import { loadCatalogue } from '@reportshelf/server';
import { startPostgres, type Postgres } from './postgres.js';
import { testCatalogue } from './catalogue.js';

let postgres: Postgres;
let catalogue: Catalogue;

before(async () => {
  postgres = await startPostgres();
  catalogue = testCatalogue(6000);
  const db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  for (const name of ['threads', 'here', 'twice']) await db.query(`CREATE DATABASE ${name}`);
  await db.end();
});

after(async () => {
  await postgres?.stop();
});

const urlOf = (database: string) => postgres.url.replace(/\/reportshelf$/, `/${database}`);

/** Every column of every row, stamps aside, in the order of arrival. */
async function rowsOf(database: string): Promise<unknown[]> {
  const db = new pg.Client({ connectionString: urlOf(database) });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT id, pos, report::text, year, title_key, regions, countries, categories, authors, organizations,
         language, terms::text, folded FROM reportshelf_reports ORDER BY pos`,
    );
    return rows;
  } finally {
    await db.end();
  }
}

async function stamps(database: string): Promise<{ id: string; changed: number }[]> {
  const db = new pg.Client({ connectionString: urlOf(database) });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; changed: number }>(
      'SELECT id, changed::float8 AS changed FROM reportshelf_reports ORDER BY changed',
    );
    return rows;
  } finally {
    await db.end();
  }
}

test(
  'a catalogue analysed on worker threads is loaded as one analysed on this thread',
  { timeout: 120_000 },
  async () => {
    const threaded = await loadCatalogue(urlOf('threads'), catalogue, { threads: 2 });
    const here = await loadCatalogue(urlOf('here'), catalogue, { threads: 0 });
    assert.deepEqual([threaded.threads, here.threads], [2, 0]);
    assert.equal(threaded.upserted, catalogue.reports.length);
    assert.equal(here.upserted, catalogue.reports.length);
    const want = await rowsOf('here');
    assert.equal(want.length, catalogue.reports.length);
    assert.deepEqual(await rowsOf('threads'), want);
  },
);

test(
  'a catalogue loaded into a table with reports (upserted) has the rows it has loaded into an empty one; each row written has a stamp of its own, later than those before',
  { timeout: 120_000 },
  async () => {
    // 'here' had it loaded into an empty table (the test before). 'twice' has a report first,
    // then the catalogue less one report and one changed, then the catalogue.
    const stranger = { ...catalogue.reports[0]!, id: 'stranger', title: 'Not in the catalogue' };
    await loadCatalogue(urlOf('twice'), { ...catalogue, reports: [stranger] });
    const [changed, gone] = [catalogue.reports[10]!, catalogue.reports[20]!];
    const edited = { ...changed, title: 'A title changed' };
    const less = await loadCatalogue(urlOf('twice'), {
      ...catalogue,
      reports: catalogue.reports.filter((r) => r !== gone).map((r) => (r === changed ? edited : r)),
    });
    assert.deepEqual([less.upserted, less.deleted], [catalogue.reports.length - 1, 1]);
    const before = await stamps('twice');
    assert.equal(new Set(before.map((s) => s.changed)).size, before.length, 'each row its own stamp');
    assert.ok(before.every((s) => s.changed > 0));
    const again = await loadCatalogue(urlOf('twice'), catalogue);
    assert.deepEqual([again.upserted, again.unchanged, again.deleted], [2, catalogue.reports.length - 2, 0]);
    const newest = Math.max(...before.map((s) => s.changed));
    assert.deepEqual(
      (await stamps('twice')).filter((s) => s.changed > newest).map((s) => s.id),
      [changed.id, gone.id],
    );
    // The same rows as loaded at once into an empty table, positions aside: a report keeps the
    // position it came with, the one gone and back comes last.
    const strip = (rows: unknown[]) => rows.map((row) => ({ ...(row as object), pos: undefined }));
    const byId = (rows: unknown[]) =>
      [...rows].sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1));
    const got = await rowsOf('twice');
    assert.deepEqual(byId(strip(got)), byId(strip(await rowsOf('here'))));
    assert.deepEqual(
      got.slice(-1).map((row) => (row as { id: string }).id),
      [gone.id],
    );
  },
);
