/**
 * Where the server reads: one database, or several (a primary and its replicas). Each request
 * runs on one connection of one of them, taken in turn; a database that cannot be reached (it
 * stopped, or is starting) is left aside for a while and the request runs again on the next,
 * so that a replica stopping costs no visitor a failed request. Queries only read: running one
 * again is safe.
 */
import pg from 'pg';

export interface ReaderOptions {
  /** Most milliseconds one statement may run (a query that would hold the database is stopped). */
  statementTimeout?: number;
  /** Connections per database. */
  connections?: number;
}

/** The codes of errors that say the database, not the query, failed: a retry elsewhere can succeed. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

export function unreachable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    (e.code !== undefined && UNREACHABLE.has(e.code)) ||
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(e.message ?? '')
  );
}

/** How long a database that could not be reached is left aside. */
const ASIDE_MS = 5000;

/** Whether every connection to the databases stayed busy for as long as a request may wait for one. */
export const busy = (error: unknown): boolean =>
  /timeout exceeded when trying to connect/.test((error as Error)?.message ?? '');

export class Reader {
  readonly pools: pg.Pool[];
  private turn = 0;
  private readonly aside = new Map<pg.Pool, number>();

  constructor(urls: readonly string[], options: ReaderOptions = {}) {
    if (urls.length === 0) throw new Error('no database to read from');
    this.pools = urls.map((connectionString) => {
      const pool = new pg.Pool({
        connectionString,
        max: options.connections ?? 8,
        statement_timeout: options.statementTimeout ?? 5000,
        connectionTimeoutMillis: 5000,
        application_name: 'reportshelf-server',
        // Typo tolerance looks up near terms by trigrams, then measures them exactly: a low bar.
        options: '-c pg_trgm.similarity_threshold=0.1 -c default_transaction_read_only=on',
      });
      // A connection that breaks (its database stopped), idle or busy, is dropped, not thrown: a
      // busy one's query fails too, and runs again elsewhere (see run).
      pool.on('error', () => this.aside.set(pool, Date.now() + ASIDE_MS));
      pool.on('connect', (client) => client.on('error', () => this.aside.set(pool, Date.now() + ASIDE_MS)));
      return pool;
    });
  }

  /** The databases in the order to try them: in turn, those left aside last. */
  private order(): pg.Pool[] {
    const start = this.turn++ % this.pools.length;
    const turned = [...this.pools.slice(start), ...this.pools.slice(0, start)];
    const now = Date.now();
    const up = turned.filter((pool) => (this.aside.get(pool) ?? 0) <= now);
    return [...up, ...turned.filter((pool) => !up.includes(pool))];
  }

  /** Runs `work` on one connection, again on the next database if its own could not be reached. */
  async run<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let last: unknown;
    for (const pool of this.order()) {
      let client: pg.PoolClient | undefined;
      try {
        client = await pool.connect();
        const result = await work(client);
        client.release();
        return result;
      } catch (error) {
        client?.release(unreachable(error) ? (error as Error) : undefined);
        if (!unreachable(error)) throw error;
        this.aside.set(pool, Date.now() + ASIDE_MS);
        last = error;
      }
    }
    throw last;
  }

  async end(): Promise<void> {
    await Promise.all(this.pools.map((pool) => pool.end()));
  }
}
