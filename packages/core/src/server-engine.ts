/**
 * The engine of a search server (`@reportshelf/server`): each query is one GET of `query?` with
 * the address parameters the page itself would show (`encodeQuery`) and the facets shown; an
 * export streams `export?` (one report a line). Nothing is held in the page but the answers.
 */
import { EngineError, type Engine, type EngineRequest } from './engine.js';
import type { ExportJob } from './query.js';
import { normaliseQuery } from './query.js';
import { createTables, type Library } from './tables.js';
import { readPlaces } from './parse.js';
import { FACET_NAMES, type Query, type Report, type Results } from './types.js';
import { encodeQuery } from './url-state.js';

/**
 * What a search server answers at its own address (`GET /`, the `src` a page gives): the elements
 * fetch `src` once, whatever it names, and tell what came by its shape, a catalogue (`reports`),
 * a split manifest (`format: "split"`) or a server (`reportshelf: "server"`), with no convention
 * on the address and no second request. It carries what the page shows before any query: the
 * catalogue's title (the landmarks' names) and language (its collation), and how many reports
 * it holds (`shelf-catalogue-load`).
 */
export interface ServerDescriptor {
  reportshelf: 'server';
  /** The version of the server's queries (`query?`, `export?`) this descriptor speaks for. */
  version: 1;
  title?: string;
  language?: string;
  count: number;
  /** Whether some report has an `added` date: the page offers "Recently added" then (as `Library.added`). */
  added?: boolean;
  /** The catalogue's regions and their countries (`Catalogue.places`): the filter shows its countries under them. */
  places?: Record<string, string[]>;
}

/** Whether a parsed `src` is a search server's descriptor. */
export const isServer = (input: unknown): input is ServerDescriptor =>
  (input as Partial<ServerDescriptor> | null)?.reportshelf === 'server';

export interface ServerEngineOptions {
  /** Tries of a request the network or the server failed, before saying so (default 3). */
  tries?: number;
  /** The fetch to use (default the page's). */
  fetch?: typeof fetch;
  /**
   * Milliseconds a try waits for the server's answer to begin before it counts as unanswered
   * (default 20,000): a connection a server took and never answered (a process that died holding
   * it) would otherwise hold one of the page's queries at the server for good.
   */
  wait?: number;
}

/** Waits before trying again: a little longer each time (or until one of the signals aborts). */
const pause = (ms: number, ...signals: (AbortSignal | undefined)[]) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    for (const signal of signals)
      signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

const isAbort = (error: unknown) => (error as Error)?.name === 'AbortError';
const aborted = () => new DOMException('The request was aborted', 'AbortError');

/**
 * Queries at the server at once from one page, at most. A visitor typing asks a query a keystroke,
 * each aborting the last; but a request once sent is worked on at the server to its end (an abort
 * closes the connection, the database goes on) and counts against the page's share there
 * (`--per-client`). So a query under way is let finish, not cancelled, and of those asked
 * meanwhile only the newest is sent when one ends: the server never has more than this from a
 * page, and the newest query waits one query's time at most.
 */
const AT_ONCE = 2;

/** A query's address parameters, as the page's, with its weight of recency (`recent`) when it has one. */
function withRecent(query: Query): URLSearchParams {
  const params = encodeQuery(query);
  if (query.boostRecent !== undefined) params.set('recent', String(query.boostRecent));
  return params;
}

/** An engine answering from the search server at `url` (its address, e.g. `https://hub.example.org/api/`). */
export function serverEngine(url: string, options: ServerEngineOptions = {}): Engine {
  const base = new URL(url.endsWith('/') ? url : `${url}/`, globalThis.location?.href);
  const tries = Math.max(1, options.tries ?? 3);
  const get = options.fetch ?? ((input, init) => fetch(input, init));
  const wait = options.wait ?? 20_000;
  const flying = new Set<AbortController>();
  let stopped = false;
  /** Queries sent and not yet answered (see AT_ONCE), and those waiting for one to end. */
  let atServer = 0;
  let waiting: (() => void)[] = [];
  const ended = () => {
    atServer--;
    const woken = waiting;
    waiting = [];
    woken.forEach((wake) => wake());
  };

  /**
   * GETs `path`: the response, once it is one the server meant; failures mapped to EngineError
   * kinds. `signal` aborting stops it, or with `finish` lets a request under way end (no other
   * try is made).
   */
  async function request(
    path: string,
    params: URLSearchParams,
    signal?: AbortSignal,
    finish = false,
  ): Promise<Response> {
    const controller = new AbortController();
    const abort = () => controller.abort(signal?.reason);
    if (!finish) {
      if (signal?.aborted) abort();
      signal?.addEventListener('abort', abort, { once: true });
    }
    flying.add(controller);
    try {
      let last = '';
      let unanswered = false;
      for (let attempt = 0; attempt < tries; attempt++) {
        if (attempt > 0) await pause(250 * 2 ** attempt, controller.signal, signal);
        if (controller.signal.aborted || signal?.aborted) throw aborted();
        let response: Response;
        // This try's own signal: the request's, and its wait for the answer to begin.
        const one = new AbortController();
        const follow = () => one.abort(controller.signal.reason);
        controller.signal.addEventListener('abort', follow, { once: true });
        let late = false;
        const timer = setTimeout(() => ((late = true), one.abort()), wait);
        try {
          response = await get(new URL(`${path}?${params}`, base), { signal: one.signal });
        } catch (error) {
          if (controller.signal.aborted) throw error;
          unanswered = late;
          if (!late && isAbort(error)) throw error;
          last = late
            ? `the search server did not answer in ${wait / 1000} seconds`
            : `${base.href} could not be reached`;
          continue;
        } finally {
          clearTimeout(timer);
        }
        unanswered = false;
        if (response.ok) return response;
        const message = await response
          .json()
          .then((body: { error?: unknown }) => (typeof body?.error === 'string' ? body.error : undefined))
          .catch(() => undefined);
        if (response.status === 400) throw new EngineError('refused', message ?? 'the search server refused the query');
        // Too many at once, or the server or its database failing for now: tried again.
        last = message ?? `the search server answered ${response.status}`;
        if (response.status !== 429 && response.status < 500) throw new EngineError('damaged', last);
      }
      throw new EngineError(unanswered ? 'timeout' : 'network', last);
    } finally {
      signal?.removeEventListener('abort', abort);
      flying.delete(controller);
    }
  }

  /** One query's answer, asked when its turn comes (see AT_ONCE); an aborted one waiting is never sent. */
  async function answer(asked: EngineRequest, signal?: AbortSignal): Promise<Results> {
    while (atServer >= AT_ONCE && !stopped && !signal?.aborted) await new Promise<void>((wake) => waiting.push(wake));
    if (stopped || signal?.aborted) throw aborted();
    atServer++;
    try {
      const params = withRecent(asked.query);
      params.set('facets', asked.facets.join(','));
      const response = await request('query', params, signal, true);
      let results: Results;
      try {
        results = (await response.json()) as Results;
      } catch (error) {
        if (isAbort(error)) throw error;
        throw new EngineError('damaged', 'the search server sent an answer that is not JSON');
      }
      if (
        !results ||
        !Array.isArray(results.hits) ||
        typeof results.total !== 'number' ||
        typeof results.facets !== 'object' ||
        !Array.isArray(results.years)
      )
        throw new EngineError('damaged', 'the search server sent an answer that is not a result');
      for (const name of FACET_NAMES) results.facets[name] ??= { name, values: [] };
      return results;
    } finally {
      ended();
    }
  }

  return {
    /** An aborted query rejects at once, as an abort; its request, if sent, ends at the server's pace. */
    query(asked: EngineRequest, signal?: AbortSignal): Promise<Results> {
      const answered = answer(asked, signal);
      if (!signal) return answered;
      return Promise.race([
        answered,
        new Promise<never>((_, reject) => {
          if (signal.aborted) reject(aborted());
          signal.addEventListener('abort', () => reject(aborted()), { once: true });
        }),
      ]);
    },

    async all(query: Query, job: ExportJob = {}): Promise<Report[]> {
      const response = await request('export', withRecent(normaliseQuery(query)), job.signal);
      const total = Number(response.headers.get('Reportshelf-Total') ?? Number.NaN);
      const reports: Report[] = [];
      if (!response.body) return reports;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let rest = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (job.signal?.aborted) return [];
          const lines = (rest + (value ?? '')).split('\n');
          rest = done ? '' : lines.pop()!;
          for (const line of lines) if (line) reports.push(JSON.parse(line) as Report);
          job.progress?.(reports.length, Number.isFinite(total) ? total : reports.length);
          if (done) break;
        }
      } catch (error) {
        if (isAbort(error) || job.signal?.aborted) return [];
        throw new EngineError(
          error instanceof SyntaxError ? 'damaged' : 'network',
          'the export from the search server stopped',
        );
      }
      if (Number.isFinite(total) && reports.length !== total)
        throw new EngineError('network', 'the export from the search server stopped before its end');
      return reports;
    },

    stop() {
      stopped = true;
      for (const controller of flying) controller.abort();
      flying.clear();
    },
  };
}

/**
 * A search server opened for a page (its `src` answered with `server`, its descriptor): its engine,
 * with a library of no reports holding the catalogue's title, language and places, as a split catalogue's
 * does (the page's landmarks are named by it, an export says its progress).
 */
export function openServer(server: ServerDescriptor, url: string): Engine & { library: Library } {
  const { title, language } = server;
  const places = readPlaces(server.places);
  const library = createTables({
    version: 1,
    ...(typeof title == 'string' ? { title } : {}),
    ...(typeof language == 'string' ? { language } : {}),
    ...(places && { places }),
    reports: [],
  });
  library.added = server.added === true;
  return Object.assign(serverEngine(url), { library });
}
