/**
 * Run by `npm run bench:server`, not `npm test`.
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

/**
 * The server's connections to a database that have run a search (their last statement is one of a
 * query's, not the schema check or the reading of the reports' columns the server makes when it
 * starts, which ends by resetting the statement timeout), from pg_stat_activity, which is
 * live: pg_stat_database's counts are flushed by each backend only when it has been idle a while
 * (up to 10 s), so a check on them depended on timing.
 */
async function searched(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE application_name = 'reportshelf-server' AND query <> ''
         AND query NOT LIKE '%reportshelf_migrations%' AND query <> 'RESET statement_timeout'`,
    );
    return rows[0]!.n;
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
  assert.deepEqual([await searched(replica.url), await searched(primary.url)], [0, 0]);
  // One query after another: the server takes the databases in turn, so each answers some. Each
  // is looked for right after a query, while the pool keeps that connection (10 s idle).
  const reached = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const response = await ask(i);
    await response.arrayBuffer();
    assert.equal(response.status, 200);
    if ((await searched(replica.url)) > 0) reached.add('replica');
    if ((await searched(primary.url)) > 0) reached.add('primary');
  }
  assert.deepEqual([...reached].sort(), ['primary', 'replica']);
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
