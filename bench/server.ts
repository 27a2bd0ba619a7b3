/**
 * npm run bench:server [-- --reports N --clients C --requests R]
 *
 * The search server under load, on a PostgreSQL of its own (127.0.0.1, see test/server/postgres.ts):
 * N synthetic reports (default 1,000,000; bench/generate.ts) loaded, then C clients (default 20)
 * each asking R queries (default 15) of text and two facet filters with every facet's counts. It
 * prints the load time, the query times (p50, p95), errors, the first view's time and bytes, and
 * how soon an upserted report shows.
 */
import { readFileSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { convertFile } from '@reportshelf/cli';
import { FACET_NAMES } from '@reportshelf/core';
import { loadCatalogue, startServer } from '@reportshelf/server';
import { generateCatalogue, random } from './generate.js';
import { startPostgres } from '../test/server/postgres.js';

const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: '1000000' },
    clients: { type: 'string', default: '20' },
    requests: { type: 'string', default: '15' },
  },
});
const size = Number(values.reports);
const clients = Number(values.clients);
const requests = Number(values.requests);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

const postgres = await startPostgres({
  settings: {
    shared_buffers: '1GB',
    work_mem: '32MB',
    maintenance_work_mem: '512MB',
    max_wal_size: '8GB',
    checkpoint_timeout: '30min',
    jit: 'off',
  },
});
try {
  console.log(`PostgreSQL at ${postgres.url}; ${size.toLocaleString('en')} synthetic reports`);
  let started = performance.now();
  const catalogue = generateCatalogue(size, 7);
  console.log(`generated in ${seconds(performance.now() - started)}`);
  // What `reportshelf load catalogue.json` does before the load: the file read and checked as
  // `build` does (the CLI's convertFile), timed on the catalogue written out a report at a time.
  const file = join(postgres.dir, 'catalogue.json');
  const out = await open(file, 'w');
  await out.write(`{"version":1,"title":${JSON.stringify(catalogue.title)},"language":"en","reports":[`);
  for (let i = 0; i < catalogue.reports.length; i += 1000)
    await out.write(
      (i ? ',' : '') +
        catalogue.reports
          .slice(i, i + 1000)
          .map((r) => JSON.stringify(r))
          .join(','),
    );
  await out.write(']}');
  await out.close();
  started = performance.now();
  try {
    const bytes = await readFile(file);
    const read = convertFile(bytes, file);
    console.log(
      `the CLI's reading of the catalogue.json (${(bytes.byteLength / 2 ** 20).toFixed(0)} MB, ${read.catalogue.reports.length.toLocaleString('en')} reports): ${seconds(performance.now() - started)}${read.fatal ? `; it refused the file: ${read.problems[0]?.message}` : ''}`,
    );
  } catch (error) {
    console.log(`the CLI cannot read the catalogue.json: ${(error as Error).message}`);
  }
  await rm(file);
  // The load on a connection of its own, whose PostgreSQL process's CPU time is read (Linux's
  // /proc): on a shared machine, CPU seconds say what the load costs where wall time cannot.
  const db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  const { rows: backend } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const cpuOf = (pid: number) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  const nodeCpu = process.cpuUsage();
  const postgresCpu = cpuOf(backend[0]!.pid);
  started = performance.now();
  let told = 0;
  let sentAt = 0;
  const loaded = await loadCatalogue(db, catalogue, {
    progress: (sent, total) => {
      if (sent === total) sentAt = performance.now() - started;
      if (sent - told >= total / 10) {
        told = sent;
        console.log(`  sent ${sent.toLocaleString('en')} (${seconds(performance.now() - started)})`);
      }
    },
  });
  const loadTime = performance.now() - started;
  const { user, system } = process.cpuUsage(nodeCpu);
  const postgresSeconds = cpuOf(backend[0]!.pid) - postgresCpu;
  await db.end();
  console.log(
    `load: ${seconds(loadTime)} (goal ≤ 5 min): analysis and COPY ${seconds(sentAt)}, then upsert and indexes ${seconds(loadTime - sentAt)}`,
  );
  console.log(
    `  steps: ${Object.entries(loaded.phases)
      .map(([name, ms]) => `${name} ${seconds(ms)}`)
      .join(', ')}; on ${loaded.threads} worker threads`,
  );
  console.log(
    `  CPU: Node ${((user + system) / 1e6).toFixed(1)} s (every thread), PostgreSQL's process ${postgresSeconds.toFixed(1)} s; load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(', ')}`,
  );

  // The server's start (it reads the reports' columns and words into memory) and what that holds.
  const before = process.memoryUsage();
  started = performance.now();
  const server = await startServer({ databases: [postgres.url], port: 0, perClient: clients, connections: 8 });
  const after = process.memoryUsage();
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  console.log(
    `server start: ${seconds(performance.now() - started)}; memory it holds: RSS +${mb(after.rss - before.rss)} (heap +${mb(after.heapUsed - before.heapUsed)}, typed arrays +${mb(after.arrayBuffers - before.arrayBuffers)}), process RSS ${mb(after.rss)}`,
  );
  try {
    // The words and values a visitor would pick: from the catalogue itself.
    const rand = random(99);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
    const sample = catalogue.reports.slice(0, 2000);
    const words = [...new Set(sample.flatMap((r) => r.title.toLowerCase().match(/\p{L}{5,}/gu) ?? []))];
    const ask = () => {
      const report = pick(sample);
      const params = new URLSearchParams({ q: `${pick(words)} ${pick(words)}` });
      params.append('region', report.regions[0]!);
      params.append('category', report.categories[0] ?? 'Research');
      params.set('facets', FACET_NAMES.join(','));
      return params;
    };
    // Warm: the first queries read the tables into memory.
    for (let i = 0; i < 5; i++) await (await fetch(`${server.url}query?${ask()}`)).arrayBuffer();

    // The clients on a thread of their own (bench/server-clients.mjs): the answers parsed there, not in the server's.
    const queries = Array.from({ length: clients * requests }, () => `${server.url}query?${ask()}`);
    const clientThread = new Worker(new URL('./server-clients.mjs', import.meta.url), {
      workerData: { queries, clients },
    });
    const [report] = (await once(clientThread, 'message')) as [
      { times: number[]; statuses: Record<string, number>; errors: number; wall: number },
    ];
    const { times, errors, wall } = report;
    const statuses = new Map(Object.entries(report.statuses));
    times.sort((a, b) => a - b);
    console.log(
      `text + two facets, every facet's counts, ${clients} clients × ${requests}: p50 ${percentile(times, 0.5).toFixed(0)} ms, p95 ${percentile(times, 0.95).toFixed(0)} ms (goal ≤ 150 ms), ${(times.length / (wall / 1000)).toFixed(1)} queries/s, errors ${errors} (statuses ${JSON.stringify(Object.fromEntries(statuses))})`,
    );

    // The first view of a page: everything, with the facets a page shows by default.
    started = performance.now();
    const first = await fetch(`${server.url}query?facets=region,country,category,language`);
    const body = await first.arrayBuffer();
    console.log(
      `first results (browse, 4 facets): ${(performance.now() - started).toFixed(0)} ms, ${(body.byteLength / 1024).toFixed(1)} KB (goal ≤ 1 s, ≤ 50 KB)`,
    );
    // Another visitor's first view: the same query, answered from the answers kept for this data version.
    started = performance.now();
    await (await fetch(`${server.url}query?facets=region,country,category,language`)).arrayBuffer();
    console.log(`first results again (another visitor): ${(performance.now() - started).toFixed(0)} ms`);
    started = performance.now();
    const text = await fetch(`${server.url}query?q=trafficking&facets=region,country,category,language`);
    const textBody = await text.arrayBuffer();
    console.log(
      `first results of a search: ${(performance.now() - started).toFixed(0)} ms, ${(textBody.byteLength / 1024).toFixed(1)} KB`,
    );

    // A report upserted: how soon the next query has it.
    started = performance.now();
    await loadCatalogue(
      postgres.url,
      { ...catalogue, reports: [{ ...catalogue.reports[12345 % size]!, title: 'The Quokkaland corridor' }] },
      { replace: false },
    );
    // Asked again until it shows, 20 times at most (a query that fails says so, not loops).
    let visible = false;
    for (let tries = 0; tries < 20 && !visible; tries++) {
      const got = (await (await fetch(`${server.url}query?q=quokkaland`)).json()) as { total?: number };
      visible = got.total === 1;
    }
    console.log(
      visible
        ? `upsert → visible in the next query: ${(performance.now() - started).toFixed(0)} ms (goal ≤ 1 s)`
        : 'upsert → not visible after 20 queries',
    );
  } finally {
    await server.close();
  }
} finally {
  await postgres.stop();
}
