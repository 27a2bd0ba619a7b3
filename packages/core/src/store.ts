import type { Library } from './tables.js';
import type { Engine, EngineError, EngineRequest } from './engine.js';
import { normaliseQuery, queryParts, resultsOf } from './query.js';
import { FACET_NAMES, type FacetName, type Query, type Results } from './types.js';

export type StoreStatus = 'loading' | 'ready' | 'error';

export interface StoreState {
  status: StoreStatus;
  query: Query;
  /** Null until a library is loaded. */
  results: Results | null;
  error: string | null;
  /** Why the engine could not answer, when that is the error (a message for visitors is made from its kind). */
  failure?: EngineError | undefined;
}

export type QueryChange = Partial<Query> | ((query: Query) => Partial<Query>);

export interface Store {
  /** The last state: what the listeners were last told, or are about to be (no query runs here). */
  getState(): StoreState;
  getQuery(): Query;
  /** Merges a change into the query. Any change but a page change goes back to page 1. */
  setQuery(change: QueryChange): void;
  /** Replaces the whole query (used when restoring from the address). */
  replaceQuery(query: Partial<Query>): void;
  /**
   * Shows a library, its queries answered by `engine` (see engine.ts; `pageEngine(library)` for an
   * index in the page). `facets` are the facet lists wanted from the start (those shown); a list
   * read later is asked for from then on. The last engine, if another, is stopped.
   */
  setLibrary(library: Library, engine: Engine, facets?: readonly FacetName[]): void;
  getLibrary(): Library | null;
  /** The engine answering the library's queries: for an export (`all`). */
  getEngine(): Engine | null;
  setError(message: string): void;
  setLoading(): void;
  /**
   * "Show more" paging: page N shows the reports of the first N pages, in one list (a visitor's
   * Show more asks for the next page). Off, a page shows its own reports.
   */
  setMore(on: boolean): void;
  /**
   * What a query costs the page now, in milliseconds: the shorter of the last two asked (0 before
   * two), so that a search box can tell whether to wait for typing to pause, and one slow run (the
   * first on a cold engine) does not count as slow searching. An engine elsewhere (a worker) costs
   * the page only the question.
   */
  queryCost(): number;
  /** The listener runs once after every burst of changes; returns an unsubscribe function. */
  subscribe(listener: (state: StoreState) => void): () => void;
}

/**
 * The search state of one library: its query, and the results of the newest query asked. The one
 * rule for answers that come late lives here: each query asked has a number, and only the answer
 * to the newest shows (an older one's request is aborted, and whatever it brings dropped). While a
 * query is asked, the last results stay on screen marked `pending`.
 */
export function createStore(initial: Partial<Query> = {}): Store {
  let query = normaliseQuery(initial);
  let library: Library | null = null;
  let engine: Engine | null = null;
  let status: StoreStatus = 'loading';
  let error: string | null = null;
  let failure: EngineError | undefined;
  let results: Results | null = null;
  let lastTime = 0;
  let queryCost = 0;
  let more = false;
  /** The results shown, when made with "Show more": the pages they hold are not asked again. */
  let shown: Results | null = null;
  let scheduled = false;
  /** The number of the newest query asked; an answer to any other is dropped. */
  let asked = 0;
  /** Aborted when a newer query is asked: the engine may stop working on this one. */
  let newest: AbortController | undefined;
  /** The facet lists asked for: those shown. */
  let wanted = new Set<FacetName>(FACET_NAMES);
  const listeners = new Set<(state: StoreState) => void>();

  const getState = (): StoreState => ({ status, query, results, error, failure });

  const tell = () => {
    const state = getState();
    for (const listener of [...listeners]) listener(state);
  };

  /**
   * A facet list not asked for is asked for from its first reading on (an element elsewhere shows
   * it): the query is asked again, with it.
   */
  const watched = (next: Results): Results => {
    const lists = {} as Results['facets'];
    for (const name of FACET_NAMES)
      Object.defineProperty(lists, name, {
        enumerable: true,
        get: () => (wanted.has(name) || (wanted.add(name), changed()), next.facets[name]),
      });
    return { ...next, facets: lists };
  };

  /** Asks the engine for the current query; its answer shows if no newer query was asked meanwhile. */
  const ask = () => {
    newest?.abort();
    const mine = ++asked;
    if (!engine) return tell();
    newest = new AbortController();
    const start = performance.now();
    const request = { query, facets: [...wanted] };
    const paged = more;
    let answered = false;
    /** Shows results for this query, if it is still the newest: the answer, or the page before it (`early`). */
    const show = (next: Results) => {
      answered = true;
      if (mine !== asked) return;
      results = watched(next);
      shown = paged ? results : null;
      query = next.query;
      tell();
    };
    // (With "Show more", the answer alone: a page before it would show without the pages above.)
    const answer =
      more && query.page > 1
        ? pages(engine, request, newest.signal, shown)
        : engine.query(request, newest.signal, show);
    const time = performance.now() - start;
    queryCost = Math.min(lastTime, time);
    lastTime = time;
    answer.then(show, (thrown: unknown) => {
      answered = true;
      if (mine !== asked) return;
      // (Engines fail with an `EngineError`: its kind tells the page what to say.)
      failure = thrown as EngineError;
      status = 'error';
      error = failure.message;
      results = null;
      tell();
    });
    // An answer had at once (an index in the page) shows with no pending state between: it is told
    // before this. Otherwise the last results stay on screen, marked pending, rather than emptying
    // the list and every facet count on each keystroke until the answer comes.
    void Promise.resolve().then(() => {
      if (answered || mine !== asked) return;
      // Made from the library when there are none to keep: no words searched yet, on the page asked for.
      results = {
        ...(results && !results.pending && results.total > 0
          ? results
          : // (With "Show more", the pages up to the one asked for.)
            resultsOf(
              library!,
              queryParts(
                library!,
                more ? { ...query, page: 1, pageSize: query.page * query.pageSize } : query,
                false,
                null,
              ),
            )),
        query,
        page: query.page,
        pageSize: query.pageSize,
        pending: true,
      };
      tell();
    });
  };

  const changed = () => {
    if (scheduled) return;
    scheduled = true;
    // One question per burst: several synchronous changes cost one query.
    queueMicrotask(() => {
      scheduled = false;
      ask();
    });
  };

  return {
    getState,
    getQuery: () => query,
    getLibrary: () => library,
    getEngine: () => engine,
    queryCost: () => queryCost,
    setQuery(change) {
      const partial = typeof change === 'function' ? change(query) : change;
      const next = normaliseQuery({ ...query, ...partial, filters: { ...query.filters, ...partial.filters } });
      const onlyPage = Object.keys(partial).every((k) => k === 'page');
      if (!onlyPage && partial.page === undefined) next.page = 1;
      if ('yearFrom' in partial && partial.yearFrom === undefined) delete next.yearFrom;
      if ('yearTo' in partial && partial.yearTo === undefined) delete next.yearTo;
      // A linked report is left for any other change (a search, a filter): all reports again.
      if (!onlyPage && !('report' in partial)) delete next.report;
      query = next;
      changed();
    },
    replaceQuery(next) {
      query = normaliseQuery({ pageSize: query.pageSize, ...next });
      changed();
    },
    setLibrary(next, nextEngine, facets = FACET_NAMES) {
      if (engine && engine !== nextEngine) engine.stop();
      library = next;
      engine = nextEngine;
      shown = null;
      wanted = new Set(facets);
      status = 'ready';
      error = null;
      failure = undefined;
      changed();
    },
    setError(message) {
      // An answer on its way is not shown.
      asked++;
      engine?.stop();
      engine = null;
      status = 'error';
      error = message;
      failure = undefined;
      library = null;
      results = null;
      changed();
    },
    setMore(on) {
      more = on;
      changed();
    },
    setLoading() {
      status = 'loading';
      error = null;
      failure = undefined;
      changed();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** One search, whatever its page. */
const searchOf = (query: Query) => JSON.stringify({ ...query, page: 0 });

/**
 * The reports of pages 1 to N in one list ("Show more"): the engine is asked for page N (which it
 * clamps to the last), then for the pages before it that `shown` (the list on screen, of the same
 * search) does not hold, with no facets. Showing more thus asks for the new page alone.
 */
async function pages(engine: Engine, request: EngineRequest, signal: AbortSignal, shown: Results | null) {
  const last = await engine.query(request, signal);
  const from =
    shown && !shown.pending && shown.page < last.page && searchOf(shown.query) == searchOf(last.query) ? shown.page : 0;
  const earlier = await Promise.all(
    Array.from({ length: last.page - from - 1 }, (_, i) =>
      engine.query({ query: { ...last.query, page: from + i + 1 }, facets: [] }, signal),
    ),
  );
  return { ...last, hits: [...(from ? shown!.hits : []), ...earlier.flatMap((r) => r.hits), ...last.hits] };
}
