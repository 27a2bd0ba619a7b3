/**
 * The search server's HTTP side (Hono on Node): `GET /` (its own address, the `src` a page gives)
 * says what it is, a `ServerDescriptor` (core's server-engine.ts), by which the elements tell a
 * server from a catalogue file with the one fetch they make of any `src`; `GET /query` answers one view of the elements (a
 * page, the counts of the facets asked, the years, the notes) as the `Results` JSON; `GET /export`
 * streams every report of a result set, one JSON object a line (NDJSON). The parameters are the
 * elements' own address parameters (core's `encodeQuery`), plus `facets=region,country`.
 *
 * Every parameter is checked, and a bad one answered 400 with what was wrong; each client has a
 * few queries under way at most (429 past them); a statement that runs too long is stopped
 * (503). A visitor never sees the database's own errors: the server's log has them.
 */
import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import { cors } from 'hono/cors';
import { getConnInfo } from '@hono/node-server/conninfo';
import type pg from 'pg';
import {
  FACET_NAMES,
  MAX_PAGE_SIZE,
  MAX_QUERY_LENGTH,
  SORT_ORDERS,
  type FacetName,
  type Query,
  type ServerDescriptor,
  type SortOrder,
} from '@reportshelf/core';
import { Memory } from './columns.js';
import type { Reader } from './reader.js';
import { busy, unreachable } from './reader.js';
import { keptAnswer, catalogueInfo, dataVersion, streamReports, type CatalogueInfo } from './search.js';

export interface ServerOptions {
  /** Origins whose pages may query (CORS); `*` for any. None: only pages of the server's own origin. */
  allowOrigins?: readonly string[];
  /** Queries under way at once from one address; more are answered 429. */
  perClient?: number;
  /** Seconds a CDN or browser may keep an answer without asking again (default 0: it asks, with the ETag). */
  maxAge?: number;
  /** The reports' columns kept in memory (one is made if none is given; startServer reads it before listening). */
  memory?: Memory;
  /** Where errors are told (the server's log). */
  log?: (message: string) => void;
  /**
   * Which of several processes this is (serve.ts, `processes`): each answer says it in a
   * `Reportshelf-Process` header, so that a slow or failed answer can be matched with its log.
   */
  processName?: string;
}

/** A request the server refuses, with what was wrong. */
export class BadRequest extends Error {}

/** The most values one facet may select, and the longest value (as the address reader keeps them). */
const MAX_VALUES = 50;
const MAX_VALUE_LENGTH = 300;
const SINGLE = ['q', 'year', 'undated', 'report', 'sort', 'page', 'size', 'recent', 'facets'] as const;

/** Reads and checks a request's parameters: the query, and the facets whose counts are wanted. */
export function readRequest(
  params: URLSearchParams,
  facetsAllowed = true,
): { query: Partial<Query>; facets: FacetName[] } {
  const known = new Set<string>([...SINGLE, ...FACET_NAMES]);
  if (!facetsAllowed) known.delete('facets');
  for (const key of new Set(params.keys())) {
    if (!known.has(key)) throw new BadRequest(`unknown parameter "${key.slice(0, 40)}"`);
    if ((SINGLE as readonly string[]).includes(key) && params.getAll(key).length > 1)
      throw new BadRequest(`"${key}" is given more than once`);
  }
  const query: Partial<Query> = {};
  const q = params.get('q');
  if (q !== null) {
    if (q.length > MAX_QUERY_LENGTH) throw new BadRequest(`"q" is longer than ${MAX_QUERY_LENGTH} characters`);
    query.q = q;
  }
  const filters: Query['filters'] = {};
  for (const name of FACET_NAMES) {
    const values = params.getAll(name);
    if (values.length === 0) continue;
    if (values.length > MAX_VALUES) throw new BadRequest(`"${name}" has more than ${MAX_VALUES} values`);
    for (const value of values) {
      if (value === '') throw new BadRequest(`"${name}" has an empty value`);
      if (value.length > MAX_VALUE_LENGTH)
        throw new BadRequest(`a value of "${name}" is longer than ${MAX_VALUE_LENGTH} characters`);
    }
    filters[name] = values;
  }
  if (Object.keys(filters).length) query.filters = filters;
  const year = params.get('year');
  if (year !== null) {
    const range = /^(\d{1,4})?-(\d{1,4})?$/.exec(year) ?? /^(\d{1,4})$/.exec(year);
    if (!range) throw new BadRequest('"year" is not a year or a range such as 2015-2020, 2015- or -2020');
    if (range[1] !== undefined) query.yearFrom = Number(range[1]);
    const to = range.length === 3 ? range[2] : range[1];
    if (to !== undefined) query.yearTo = Number(to);
  }
  const undated = params.get('undated');
  if (undated !== null) {
    if (undated !== '0' && undated !== '1') throw new BadRequest('"undated" is neither 0 nor 1');
    query.undated = undated === '1';
  }
  const report = params.get('report');
  if (report !== null) {
    if (report === '' || report.length > MAX_VALUE_LENGTH)
      throw new BadRequest(`"report" is empty or longer than ${MAX_VALUE_LENGTH} characters`);
    query.report = report;
  }
  const sort = params.get('sort');
  if (sort !== null) {
    if (!SORT_ORDERS.includes(sort as SortOrder))
      throw new BadRequest(`"sort" is not one of ${SORT_ORDERS.join(', ')}`);
    query.sort = sort as SortOrder;
  }
  const page = params.get('page');
  if (page !== null) {
    if (!/^[1-9]\d{0,5}$/.test(page)) throw new BadRequest('"page" is not a number from 1 to 999999');
    query.page = Number(page);
  }
  const size = params.get('size');
  if (size !== null) {
    if (!/^[1-9]\d{0,2}$/.test(size) || Number(size) > MAX_PAGE_SIZE)
      throw new BadRequest(`"size" is not a number from 1 to ${MAX_PAGE_SIZE}`);
    query.pageSize = Number(size);
  }
  // The weight of recency in relevance order (the page's `boost-recent`; see ranking.ts).
  const recent = params.get('recent');
  if (recent !== null) {
    if (recent.length > 20 || !/^\d+(\.\d+)?$/.test(recent) || Number(recent) > 10)
      throw new BadRequest('"recent" is not a number from 0 to 10');
    query.boostRecent = Number(recent);
  }
  const facets: FacetName[] = [];
  const asked = params.get('facets');
  if (asked !== null && asked !== '')
    for (const name of asked.split(',')) {
      if (!FACET_NAMES.includes(name as FacetName))
        throw new BadRequest(`"facets" names "${name.slice(0, 40)}", which is not one of ${FACET_NAMES.join(', ')}`);
      if (!facets.includes(name as FacetName)) facets.push(name as FacetName);
    }
  return { query, facets };
}

/** The HTTP application: mount it, or `serve` it (see serve.ts). */
export function createApp(reader: Reader, options: ServerOptions = {}): Hono {
  const app = new Hono();
  const log = options.log ?? ((message: string) => console.error(message));
  const perClient = options.perClient ?? 4;
  const maxAge = options.maxAge ?? 0;
  const allow = new Set(options.allowOrigins ?? []);
  const underWay = new Map<string, number>();
  const memory = options.memory ?? new Memory();
  let info: CatalogueInfo | undefined;

  /** The catalogue's info and the reports' columns for the data version the connection sees. */
  const infoFor = async (db: pg.ClientBase): Promise<CatalogueInfo> => {
    const version = await dataVersion(db);
    if (info?.version !== version) {
      const columns = await memory.at(db, version);
      info = await catalogueInfo(db, columns);
    }
    return info;
  };

  app.use(
    '*',
    cors({
      origin: (origin) => (allow.has('*') ? '*' : allow.has(origin) ? origin : null),
      allowMethods: ['GET', 'HEAD', 'OPTIONS'],
      exposeHeaders: ['ETag', 'Reportshelf-Total'],
      maxAge: 86400,
    }),
  );
  if (options.processName !== undefined) {
    const name = options.processName;
    app.use('*', async (c, next) => {
      await next();
      c.header('Reportshelf-Process', name);
    });
  }
  // Answers gzipped for a client that accepts it (every browser): a first view's 28 KB of JSON
  // goes as 8 KB. Their ETags are weak, which a compressed body keeps.
  app.use('*', compress());

  /** An error as a visitor may see it: what was wrong with the request, or that the server failed. */
  const failure = (c: Context, error: unknown) => {
    if (error instanceof BadRequest) return c.json({ error: error.message }, 400);
    const code = (error as { code?: string }).code;
    if (code === '57014') {
      log(`reportshelf-server: a query took too long (${c.req.url})`);
      return c.json({ error: 'The search took too long; try fewer words or filters.' }, 503);
    }
    if (busy(error)) {
      log(`reportshelf-server: every connection stayed busy (${c.req.url})`);
      c.header('Retry-After', '1');
      return c.json({ error: 'The server is busy; try again in a moment.' }, 503);
    }
    log(`reportshelf-server: ${c.req.url}: ${(error as Error).stack ?? String(error)}`);
    if (unreachable(error)) return c.json({ error: 'The library cannot be searched just now; try again soon.' }, 503);
    return c.json({ error: 'The search failed on the server.' }, 500);
  };

  /** Runs a request's work within its client's limit of queries under way. */
  const limited = async (c: Context, work: () => Promise<Response>): Promise<Response> => {
    const address = getConnInfo(c).remote.address ?? '';
    const now = underWay.get(address) ?? 0;
    if (now >= perClient) {
      c.header('Retry-After', '1');
      return c.json(
        { error: `More than ${perClient} queries at once from one address; wait for those under way.` },
        429,
      );
    }
    underWay.set(address, now + 1);
    try {
      return await work();
    } finally {
      const left = (underWay.get(address) ?? 1) - 1;
      if (left > 0) underWay.set(address, left);
      else underWay.delete(address);
    }
  };

  const cacheHeaders = (c: Context, version: string) => {
    c.header('ETag', `W/"rs1-${version}"`);
    c.header('Cache-Control', maxAge > 0 ? `public, max-age=${maxAge}` : 'public, no-cache');
  };
  const fresh = (c: Context, version: string) =>
    (c.req.header('If-None-Match') ?? '').split(/\s*,\s*/).includes(`W/"rs1-${version}"`);

  /** The descriptor of the data version last asked for, made once a version. */
  let described: { version: string; body: ServerDescriptor } | undefined;

  app.get('/', (c) =>
    limited(c, async () => {
      try {
        return await reader.run(async (db) => {
          const version = await dataVersion(db);
          cacheHeaders(c, version);
          if (fresh(c, version)) return c.body(null, 304);
          if (described?.version !== version) {
            // The count and whether any report has an `added` date from the reports' columns, of this version.
            const columns = await memory.at(db, version);
            const { rows } = await db.query<{ title: string | null; language: string | null }>(
              'SELECT title, language FROM reportshelf_catalogue',
            );
            const { title, language } = rows[0]!;
            described = {
              version: columns.version,
              body: {
                reportshelf: 'server',
                version: 1,
                ...(title === null ? {} : { title }),
                ...(language === null ? {} : { language }),
                count: columns.count,
                added: columns.withAdded > 0,
                ...(columns.places && { places: columns.places }),
              },
            };
          }
          cacheHeaders(c, described.version);
          return c.json(described.body);
        });
      } catch (error) {
        return failure(c, error);
      }
    }),
  );

  app.get('/query', (c) =>
    limited(c, async () => {
      try {
        const { query, facets } = readRequest(new URL(c.req.url).searchParams);
        return await reader.run(async (db) => {
          const got = await infoFor(db);
          cacheHeaders(c, got.version);
          if (fresh(c, got.version)) return c.body(null, 304);
          return c.json(await keptAnswer(db, got, query, facets));
        });
      } catch (error) {
        return failure(c, error);
      }
    }),
  );

  app.get('/export', (c) =>
    limited(c, async () => {
      try {
        const { query } = readRequest(new URL(c.req.url).searchParams, false);
        return await exportResponse(c, query);
      } catch (error) {
        return failure(c, error);
      }
    }),
  );

  /**
   * Every report of a result set, streamed: the connection stays with the response until its
   * last report is sent (or the visitor goes away).
   */
  const exportResponse = (c: Context, query: Partial<Query>): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      let sent = false;
      reader
        .run(async (db) => {
          const got = await infoFor(db);
          const { total, reports } = await streamReports(db, got, query);
          const iterator = reports[Symbol.asyncIterator]();
          let finish!: () => void;
          const finished = new Promise<void>((done) => (finish = done));
          const body = new ReadableStream<Uint8Array>({
            async pull(controller) {
              try {
                const lines: string[] = [];
                while (lines.length < 200) {
                  const next = await iterator.next();
                  if (next.done) break;
                  lines.push(JSON.stringify(next.value));
                }
                if (lines.length) controller.enqueue(new TextEncoder().encode(lines.join('\n') + '\n'));
                if (lines.length < 200) {
                  controller.close();
                  finish();
                }
              } catch (error) {
                log(`reportshelf-server: an export stopped: ${(error as Error).message}`);
                controller.error(new Error('the export stopped'));
                finish();
              }
            },
            async cancel() {
              await iterator.return?.();
              finish();
            },
          });
          cacheHeaders(c, got.version);
          c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
          c.header('Reportshelf-Total', String(total));
          sent = true;
          resolve(c.body(body));
          await finished;
          await db.query('RESET statement_timeout');
        })
        .catch((error: unknown) => {
          if (!sent) reject(error);
          else log(`reportshelf-server: an export stopped: ${(error as Error).message}`);
        });
    });

  app.notFound((c) => c.json({ error: 'Not found: ask /, /query or /export.' }, 404));
  app.onError((error, c) => failure(c, error));
  return app;
}
