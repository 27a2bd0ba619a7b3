/**
 * Starts the search server: reads from the databases given (a primary, or its replicas), after
 * checking that their schema is the one this server knows. With `processes`, several server
 * processes (node:cluster) answer on the one port, this process handing them the connections.
 */
import { serve, type ServerType } from '@hono/node-server';
import cluster, { type Worker } from 'node:cluster';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createApp, type ServerOptions } from './http.js';
import { Memory } from './columns.js';
import { Reader, type ReaderOptions } from './reader.js';
import { dataVersion } from './search.js';
import { SCHEMA_VERSION, schemaVersion } from './schema.js';

export interface StartOptions extends ServerOptions, ReaderOptions {
  /** Connection URLs: one database, or several to spread the reads over. */
  databases: readonly string[];
  port?: number;
  /** Address to listen on (default 127.0.0.1; 0.0.0.0 in a container). */
  host?: string;
  /**
   * Server processes answering on the port (default 1: this process answers). One Node thread
   * answers a query at a time, so on a machine of several cores, one process a core answers more
   * at once. Each process holds its own copy of the reports in memory (about 1.4 GB at 1,000,000
   * reports) and its own `perClient` limit; a process that stops is started again.
   */
  processes?: number;
}

export interface RunningServer {
  /** The server's address, ending in a slash: give it as the elements' `src`. */
  url: string;
  /** Where this process reads (none when other processes answer: see `processes`). */
  reader?: Reader;
  /** The ids of the processes answering: this one's, or those it started. */
  processIds(): number[];
  /** Stops answering (every process; connections open are closed, queries under way with them) and ends the connections to the databases. */
  close(): Promise<void>;
  /**
   * With `processes`: settles with why the server stopped on its own, its processes stopping again
   * and again (more than `RESTARTS` in a minute) and so stopped for good. A process that stops
   * now and then is started again, after a wait that grows with each.
   */
  failed?: Promise<Error>;
}

/** Whether this runs from its TypeScript source (as rows.ts tells). */
const SOURCE = import.meta.url.endsWith('.ts');

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const processes = options.processes ?? 1;
  if (!Number.isInteger(processes) || processes < 1)
    throw new Error(`processes: ${processes} is not a whole number from 1`);
  if (processes > 1) return startProcesses(options, processes);
  const reader = new Reader(options.databases, options);
  const memory = new Memory();
  try {
    // One database answering with the right schema is enough to start; the others may come later.
    const version = await reader.run((db) => schemaVersion(db));
    if (version !== SCHEMA_VERSION)
      throw new Error(
        version < SCHEMA_VERSION
          ? `the database has no Reportshelf catalogue yet, or an older schema (${version}, not ${SCHEMA_VERSION}): run reportshelf load first`
          : `the database's schema (${version}) is newer than this server knows (${SCHEMA_VERSION}): update reportshelf`,
      );
    // The reports' years and facets read into memory before the first visitor asks.
    await reader.run(async (db) => memory.at(db, await dataVersion(db)));
  } catch (error) {
    await reader.end();
    throw error;
  }
  const app = createApp(reader, { ...options, memory });
  const server: ServerType = serve({
    fetch: app.fetch,
    port: options.port ?? 8080,
    hostname: options.host ?? '127.0.0.1',
  });
  // Longer than a load balancer's or a browser's idle connection, so the server never closes one as it is reused.
  (server as { keepAliveTimeout?: number }).keepAliveTimeout = 65_000;
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/`,
    reader,
    processIds: () => [process.pid],
    async close() {
      server.close();
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await once(server, 'close').catch(() => undefined);
      await reader.end();
    },
  };
}

/** Most milliseconds a process is given to stop when asked, before it is killed. */
const STOP_MS = 10_000;
/** Processes that may stop unasked in a minute, each started again, before the server stops. */
const RESTARTS = 5;

/**
 * `processes` server processes (process.ts), each started with these options and its own reading
 * of the reports, on one port: this process holds the port and hands each connection to one of
 * them in turn (node:cluster). It resolves once every one listens; if one cannot start (the
 * database's schema, its address), the others are stopped and its error is thrown.
 */
async function startProcesses(options: StartOptions, processes: number): Promise<RunningServer> {
  if (options.memory || options.log)
    throw new Error(
      'memory and log belong to one process: give neither with processes (each process logs to its stderr)',
    );
  cluster.setupPrimary({
    exec: fileURLToPath(new URL(SOURCE ? './process.ts' : './process.js', import.meta.url)),
  });
  const env = { REPORTSHELF_SERVER: JSON.stringify({ ...options, processes: 1 }) };
  const workers = new Set<Worker>();
  let stopping = false;
  let url = '';

  /** One process started: resolves with it once it listens, rejects with why it could not. */
  const fork = () =>
    new Promise<Worker>((resolve, reject) => {
      const worker = cluster.fork(env);
      workers.add(worker);
      worker.once('exit', (code, signal) => {
        workers.delete(worker);
        reject(new Error(`a server process stopped (${signal ?? code}) before it listened`));
      });
      worker.on('message', (message: { reportshelf?: string; url?: string; error?: string }) => {
        if (message.reportshelf === 'listening') {
          url = message.url!;
          resolve(worker);
        } else if (message.reportshelf === 'failed') reject(new Error(message.error));
      });
    });
  let fail: (error: Error) => void = () => {};
  const gaveUp = new Promise<Error>((resolve) => (fail = resolve));
  /** When processes stopped unasked, within the last minute. */
  const stops: number[] = [];
  /**
   * A process that stopped unasked (it ran out of memory, was killed), or one that could not start
   * in its place (the database down a while): another is started after a wait, 0.25 s doubling
   * with each stop in the last minute; past `RESTARTS` in a minute, the server stops for good.
   */
  const again = () => {
    if (stopping) return;
    const now = Date.now();
    stops.push(now);
    while (stops[0]! < now - 60_000) stops.shift();
    if (stops.length > RESTARTS) {
      void stopAll().then(() =>
        fail(new Error(`server processes stopped ${stops.length} times in a minute; the server stopped`)),
      );
      return;
    }
    setTimeout(
      () =>
        !stopping &&
        fork().then(
          (worker) => {
            console.error(`reportshelf-server: process ${worker.process.pid} started in its place`);
            watch(worker);
          },
          (error: Error) => {
            console.error(`reportshelf-server: a process could not start again: ${error.message}`);
            again();
          },
        ),
      250 * 2 ** (stops.length - 1),
    );
  };
  const watch = (worker: Worker) =>
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      console.error(`reportshelf-server: process ${worker.process.pid} stopped (${signal ?? code}); starting another`);
      again();
    });
  /** Asks every process to stop (each closes its connections and its pools), killing one that takes too long. */
  const stopAll = async () => {
    stopping = true;
    await Promise.all(
      [...workers].map(async (worker) => {
        if (worker.isDead()) return;
        const exited = once(worker, 'exit');
        if (worker.isConnected()) worker.send('stop');
        else worker.kill('SIGKILL');
        const timer = setTimeout(() => worker.kill('SIGKILL'), STOP_MS);
        await exited;
        clearTimeout(timer);
      }),
    );
  };

  const started = await Promise.allSettled(Array.from({ length: processes }, fork));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  for (const result of started) if (result.status === 'fulfilled') watch(result.value);
  return {
    url,
    processIds: () => [...workers].map((worker) => worker.process.pid!),
    close: stopAll,
    failed: gaveUp,
  };
}
