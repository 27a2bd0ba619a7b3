/**
 * Run by `npm run bench:server`, not `npm test`: its first test takes about 275 s here and its
 * spread check failed once in three full runs (to look into: the replica seems to answer slowly).
 *
 * More than one database: the server given a streaming replica and its primary (both started
 * here on 127.0.0.1) spreads its reads over them, and when the replica stops in the middle of a
 * load of queries, no request fails: those it was answering run again on the primary.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { FACET_NAMES } from '@reportshelf/core';
import { loadCatalogue, startServer, type RunningServer } from '@reportshelf/server';
import { startPostgres, startReplica, type Postgres } from './postgres.js';
import { testCatalogue } from './catalogue.js';

let primary: Postgres;
let replica: Postgres;
let server: RunningServer;

/** Transactions a database has run: to see that it was read from. */
async function transactions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = 'reportshelf'",
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

before(async () => {
  primary = await startPostgres();
  const catalogue = testCatalogue(3000);
  await loadCatalogue(primary.url, catalogue);
  replica = await startReplica(primary);
  // The replica has the catalogue once it has replayed the load.
  for (;;) {
    const client = new pg.Client({ connectionString: replica.url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM reportshelf_reports');
    await client.end();
    if (rows[0]!.n === catalogue.reports.length) break;
  }
  server = await startServer({ databases: [replica.url, primary.url], port: 0, perClient: 16, connections: 4 });
});

after(async () => {
  await server?.close();
  await replica?.stop();
  await primary?.stop();
});

const ask = (i: number) => {
  const params = new URLSearchParams({ q: ['trafficking', 'protection women', 'labour migrants'][i % 3]! });
  params.set('facets', FACET_NAMES.join(','));
  params.set('page', String(1 + (i % 4)));
  return fetch(`${server.url}query?${params}`);
};

test('reads are spread over the replica and the primary', async () => {
  const before = [await transactions(replica.url), await transactions(primary.url)];
  for (let i = 0; i < 12; i++) assert.equal((await ask(i)).status, 200);
  const after = [await transactions(replica.url), await transactions(primary.url)];
  // Each database ran some of the queries (a query is a few statements, each its own transaction).
  assert.ok(after[0]! - before[0]! >= 6, `the replica ran ${after[0]! - before[0]!}`);
  assert.ok(after[1]! - before[1]! >= 6, `the primary ran ${after[1]! - before[1]!}`);
});

test('a replica that stops in the middle of a load fails no request', async () => {
  const statuses: number[] = [];
  let stopping: Promise<void> | undefined;
  await Promise.all(
    Array.from({ length: 8 }, async (_, client) => {
      for (let i = 0; i < 12; i++) {
        const response = await ask(client * 12 + i);
        await response.arrayBuffer();
        statuses.push(response.status);
        // A third of the way in, the replica stops (fast shutdown: its sessions are ended).
        if (statuses.length === 32) stopping = replica.stop(true);
      }
    }),
  );
  await stopping;
  assert.equal(statuses.length, 96);
  assert.deepEqual(
    statuses.filter((status) => status !== 200),
    [],
  );
});
