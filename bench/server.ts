/**
 * npm run bench:server [-- --reports N --clients C --requests R --processes P[,P…] --rounds K --data DIR]
 *
 * The search server under load, on a PostgreSQL of its own (127.0.0.1, see test/server/postgres.ts):
 * N synthetic reports (default 1,000,000; bench/generate.ts) loaded, then C clients (default 20)
 * each asking R queries (default 15) of text and two facet filters with every facet's counts. It
 * prints the load time, the query times (p50, p95), errors, the first view's time and bytes, and
 * how soon an upserted report shows.
 *
 * Beside that query (c), the same clients ask the same number of (a) one query whose answer the
 * server keeps (only HTTP, JSON writing, the data version's statement and the clients: the
 * machine's floor), and (b) the same words and filters with no facet's counts asked (the words,
 * the filters, the pass over the rows and the page statement, no facet listed); with the CPU time
 * the server's process and PostgreSQL's take a query, so that what bounds the p95 is measured.
 *
 * --processes P: the server as P processes on one port (startServer's `processes`; default 1, the
 * server in this process); their CPU is counted with this process's. --processes 1,2: a server of
 * each, started one after the other, then measured in turn, K rounds (--rounds, default 1), so
 * that on a shared machine each meets the same other work.
 *
 * --data DIR: a PostgreSQL data folder a run of this benchmark (or of its load) filled already,
 * started as it is: no generation and no load (their lines say so), the words and filters taken
 * from its first 2,000 reports. The upsert at the end changes one report's title in it.
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
import { FACET_NAMES, type Catalogue, type Report } from '@reportshelf/core';
import { loadCatalogue, startServer, type RunningServer } from '@reportshelf/server';
import { generateCatalogue, random } from './generate.js';
import { startPostgres } from '../test/server/postgres.js';

const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: '1000000' },
    clients: { type: 'string', default: '20' },
    requests: { type: 'string', default: '15' },
    data: { type: 'string' },
    processes: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '1' },
  },
});
const size = Number(values.reports);
const clients = Number(values.clients);
const requests = Number(values.requests);
const dataDir = values.data;
/** The server's processes (--processes 2), or several servers to compare, measured in turn (--processes 1,2). */
const processCounts = values.processes.split(',').map(Number);
if (processCounts.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error('--processes: give whole numbers from 1, such as 2 or 1,2');
const rounds = Number(values.rounds);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const load1 = () => loadavg()[0]!.toFixed(1);

/** A process's CPU seconds (user + system) from Linux's /proc, 0 once it has gone. */
const cpuOf = (pid: number) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
};

const postgres = await startPostgres({
  ...(dataDir ? { dataDir } : {}),
  settings: {
    shared_buffers: '1GB',
    work_mem: '32MB',
    maintenance_work_mem: '512MB',
    max_wal_size: '8GB',
    checkpoint_timeout: '30min',
    jit: 'off',
  },
});
/** PostgreSQL's processes (the postmaster's children: the server's connections, the writers) and their CPU seconds. */
const postmaster = Number(
  readFileSync(join(dataDir ?? join(postgres.dir, 'data'), 'postmaster.pid'), 'utf8').split('\n')[0],
);
const postgresCpu = () => {
  const cpu = new Map<number, number>();
  for (const child of readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8')
    .split(' ')
    .filter(Boolean))
    cpu.set(Number(child), cpuOf(Number(child)));
  return cpu;
};
try {
  let catalogue: Catalogue;
  let started = performance.now();
  if (dataDir) {
    // A database loaded already: its first reports give the words and filters, its 12,345th the upsert.
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    const { rows } = await db.query<{ report: Report }>(
      'SELECT report FROM reportshelf_reports ORDER BY pos LIMIT 2000',
    );
    const { rows: count } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reportshelf_reports');
    const { rows: upserted } = await db.query<{ report: Report }>(
      'SELECT report FROM reportshelf_reports ORDER BY pos OFFSET $1 LIMIT 1',
      [12345 % count[0]!.n],
    );
    const { rows: own } = await db.query<{ title: string | null; language: string | null }>(
      'SELECT title, language FROM reportshelf_catalogue',
    );
    await db.end();
    catalogue = {
      version: 1,
      ...(own[0]!.title === null ? {} : { title: own[0]!.title }),
      ...(own[0]!.language === null ? {} : { language: own[0]!.language }),
      reports: [...rows.map((row) => row.report), upserted[0]!.report],
    };
    console.log(
      `PostgreSQL at ${postgres.url} on the data folder ${dataDir} (--data): ${count[0]!.n.toLocaleString('en')} reports loaded before; no generation, no load measured`,
    );
  } else {
    console.log(`PostgreSQL at ${postgres.url}; ${size.toLocaleString('en')} synthetic reports`);
    catalogue = generateCatalogue(size, 7);
    console.log(`generated in ${seconds(performance.now() - started)}`);
    await loadTimed(catalogue);
  }
  /** The report the upsert changes: the 12,345th (the last one read, with --data). */
  const toUpsert = dataDir ? catalogue.reports.at(-1)! : catalogue.reports[12345 % size]!;

  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
  /** The servers to compare (--processes 1,2), each with its processes other than this one. */
  const servers: { server: RunningServer; others: number[]; label: string }[] = [];
  try {
    for (const count of processCounts) {
      // The server's start (it reads the reports' columns and words into memory) and what that holds.
      const label = processCounts.length > 1 ? `[${count} process${count > 1 ? 'es' : ''}] ` : '';
      const before = process.memoryUsage();
      started = performance.now();
      const server = await startServer({
        databases: [postgres.url],
        port: 0,
        perClient: clients,
        connections: 8,
        processes: count,
      });
      const after = process.memoryUsage();
      const others = server.processIds().filter((pid) => pid !== process.pid);
      servers.push({ server, others, label });
      console.log(
        others.length
          ? `${label}server start: ${seconds(performance.now() - started)}, ${others.length} processes; memory each holds: RSS ${others.map((pid) => mb(rssOf(pid))).join(', ')}`
          : `${label}server start: ${seconds(performance.now() - started)}; memory it holds: RSS +${mb(after.rss - before.rss)} (heap +${mb(after.heapUsed - before.heapUsed)}, typed arrays +${mb(after.arrayBuffers - before.arrayBuffers)}), process RSS ${mb(after.rss)}`,
      );
    }
    await measureServers(servers, catalogue, toUpsert);
  } finally {
    for (const { server } of servers) await server.close();
  }
} finally {
  await postgres.stop();
}

/**
 * The clients' queries to each server, in turn, `rounds` times (on a shared machine, servers
 * measured in turn meet the same other work): (a), (b) and (c) each; then the first views and an
 * upsert.
 */
async function measureServers(
  servers: { server: RunningServer; others: number[]; label: string }[],
  catalogue: Catalogue,
  toUpsert: Report,
): Promise<void> {
  // The clients on a thread of their own (bench/server-clients.mjs): the answers parsed there, not in the server's.
  const clientThread = new Worker(new URL('./server-clients.mjs', import.meta.url));
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
    const first5 = Array.from({ length: 5 }, ask);
    const count = clients * requests;
    // Each round its own queries: a round's answers are kept, and the next would find them.
    const askedIn = Array.from({ length: rounds }, () => Array.from({ length: count }, ask));
    const without = (params: URLSearchParams) => {
      const copy = new URLSearchParams(params);
      copy.delete('facets');
      return copy;
    };

    /** The clients ask `queries`: the times, statuses, errors, and the CPU a query of the server's processes and PostgreSQL's. */
    const measure = async (others: number[], queries: string[]) => {
      const nodeCpu = process.cpuUsage();
      const othersCpu = others.map(cpuOf);
      const pgCpu = postgresCpu();
      clientThread.postMessage({ queries, clients });
      const [report] = (await once(clientThread, 'message')) as [
        {
          times: number[];
          statuses: Record<string, number>;
          processes: Record<string, number>;
          errors: number;
          wall: number;
          cpu: number;
        },
      ];
      const { user, system } = process.cpuUsage(nodeCpu);
      // The server's processes: this one less the clients' thread (which its count includes), and the others.
      let serverCpu = (user + system) / 1e6 - report.cpu;
      others.forEach((pid, i) => (serverCpu += cpuOf(pid) - othersCpu[i]!));
      let postgresSeconds = 0;
      for (const [pid, cpu] of postgresCpu()) postgresSeconds += cpu - (pgCpu.get(pid) ?? 0);
      const times = [...report.times].sort((a, b) => a - b);
      const n = times.length;
      return {
        line: (goal = '') =>
          `p50 ${percentile(times, 0.5).toFixed(0)} ms, p95 ${percentile(times, 0.95).toFixed(0)} ms${goal}, ${(n / (report.wall / 1000)).toFixed(1)} queries/s, errors ${report.errors} (statuses ${JSON.stringify(report.statuses)})${others.length ? `; answers by process ${JSON.stringify(report.processes)}` : ''}`,
        cpu: `CPU a query: server ${((serverCpu * 1000) / n).toFixed(1)} ms, PostgreSQL ${((postgresSeconds * 1000) / n).toFixed(1)} ms, clients ${((report.cpu * 1000) / n).toFixed(1)} ms; load average ${load1()}`,
      };
    };

    for (const { server, others } of servers) {
      const url = (params: URLSearchParams) => `${server.url}query?${params}`;
      // Warm: the first queries read the tables into memory.
      for (const params of first5) await (await fetch(url(params))).arrayBuffer();
      // The words' and values' bitsets made (once a word, as the first visitors to ask them would),
      // so that no figure below pays for them: the same words and filters, with one facet's counts.
      // With several processes, a query goes to one of them: as many passes as processes, so that most reach each.
      const warm = askedIn.flat().map((params) => {
        const copy = new URLSearchParams(params);
        copy.set('facets', 'language');
        return url(copy);
      });
      for (let pass = 0; pass < Math.max(1, others.length); pass++) await measure(others, warm);
    }

    for (let round = 1; round <= rounds; round++)
      for (const { server, others, label } of servers) {
        const url = (params: URLSearchParams) => `${server.url}query?${params}`;
        const at = `${label}${rounds > 1 ? `round ${round}: ` : ''}`;
        // (a) One query of (c)'s kind asked again and again: its answer kept (the first asking
        // below works it out), the rest is HTTP, the data version's statement, JSON and the clients.
        const asked = askedIn[round - 1]!;
        const one = url(asked[0]!);
        await (await fetch(one)).arrayBuffer();
        const floor = await measure(
          others,
          Array.from({ length: count }, () => one),
        );
        console.log(
          `${at}(a) floor, a kept answer (one query of (c), its answer kept), ${clients} clients × ${requests}: ${floor.line()}`,
        );
        console.log(`    ${floor.cpu}`);
        // (b) The same words and filters as (c), no facet's counts asked (the pass over the rows is
        // the same: it checks the filters and counts in one; no facet is listed).
        const plain = await measure(
          others,
          asked.map((params) => url(without(params))),
        );
        console.log(
          `${at}(b) text + two facets, no facet's counts asked, ${clients} clients × ${requests}: ${plain.line()}`,
        );
        console.log(`    ${plain.cpu}`);
        // (c) The goal's query (after the first round, its answers are kept: a round of its own words).
        const full = await measure(others, (round === 1 ? asked : Array.from({ length: count }, ask)).map(url));
        console.log(
          `${at}(c) text + two facets, every facet's counts, ${clients} clients × ${requests}: ${full.line(' (goal ≤ 150 ms)')}`,
        );
        console.log(`    ${full.cpu}`);
      }

    for (const { server, label } of servers) {
      // The first view of a page: everything, with the facets a page shows by default.
      let started = performance.now();
      const first = await fetch(`${server.url}query?facets=region,country,category,language`);
      const body = await first.arrayBuffer();
      console.log(
        `${label}first results (browse, 4 facets): ${(performance.now() - started).toFixed(0)} ms, ${(body.byteLength / 1024).toFixed(1)} KB (goal ≤ 1 s, ≤ 50 KB)`,
      );
      // Another visitor's first view: the same query, answered from the answers kept for this data version.
      started = performance.now();
      await (await fetch(`${server.url}query?facets=region,country,category,language`)).arrayBuffer();
      console.log(`${label}first results again (another visitor): ${(performance.now() - started).toFixed(0)} ms`);
      started = performance.now();
      const text = await fetch(`${server.url}query?q=trafficking&facets=region,country,category,language`);
      const textBody = await text.arrayBuffer();
      console.log(
        `${label}first results of a search: ${(performance.now() - started).toFixed(0)} ms, ${(textBody.byteLength / 1024).toFixed(1)} KB`,
      );

      // A report upserted: how soon the next query has it. A word of this run's own, so that a
      // database kept (--data) changes again.
      const word = `quokka${[...Date.now().toString(26)].map((c) => String.fromCharCode(97 + parseInt(c, 26))).join('')}`;
      started = performance.now();
      await loadCatalogue(
        postgres.url,
        { ...catalogue, reports: [{ ...toUpsert, title: `The ${word} corridor` }] },
        { replace: false },
      );
      // Asked again until it shows, 20 times at most (a query that fails says so, not loops).
      let visible = false;
      for (let tries = 0; tries < 20 && !visible; tries++) {
        const got = (await (await fetch(`${server.url}query?q=${word}`)).json()) as { total?: number };
        visible = got.total === 1;
      }
      console.log(
        visible
          ? `${label}upsert → visible in the next query: ${(performance.now() - started).toFixed(0)} ms (goal ≤ 1 s)`
          : `${label}upsert → not visible after 20 queries`,
      );
    }
  } finally {
    await clientThread.terminate();
  }
}

/** Writes the catalogue out, reads it as the CLI's `load` does, and loads it, timed (with the CPU it takes). */
async function loadTimed(catalogue: Catalogue): Promise<void> {
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
  let started = performance.now();
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
}
