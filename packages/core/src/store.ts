import type { Library } from './tables.js';
import { normaliseQuery, runQuery } from './query.js';
import type { Query, Results } from './types.js';

export type StoreStatus = 'loading' | 'ready' | 'error';

export interface StoreState {
  status: StoreStatus;
  query: Query;
  /** Null until a library is loaded. */
  results: Results | null;
  error: string | null;
}

export type QueryChange = Partial<Query> | ((query: Query) => Partial<Query>);

export interface Store {
  getState(): StoreState;
  getQuery(): Query;
  /** Merges a change into the query. Any change but a page change goes back to page 1. */
  setQuery(change: QueryChange): void;
  /** Replaces the whole query (used when restoring from the address). */
  replaceQuery(query: Partial<Query>): void;
  setLibrary(library: Library): void;
  getLibrary(): Library | null;
  setError(message: string): void;
  setLoading(): void;
  /**
   * What a query costs now, in milliseconds: the shorter of the last two runs (0 before two), so
   * that a search box can tell whether to wait for typing to pause, and one slow run (the first
   * on a cold engine) does not count as slow searching.
   */
  queryCost(): number;
  /** The listener runs once after every burst of changes; returns an unsubscribe function. */
  subscribe(listener: (state: StoreState) => void): () => void;
}

export function createStore(initial: Partial<Query> = {}): Store {
  let query = normaliseQuery(initial);
  let library: Library | null = null;
  let status: StoreStatus = 'loading';
  let error: string | null = null;
  let results: Results | null = null;
  let dirty = true;
  let lastTime = 0;
  let queryCost = 0;
  let scheduled = false;
  const listeners = new Set<(state: StoreState) => void>();

  const getState = (): StoreState => {
    if (dirty) {
      const start = performance.now();
      const next = library ? runQuery(library, query) : null;
      // A search that must wait for the index keeps the last results on screen, marked pending,
      // rather than emptying the list and every facet count on each keystroke until it is ready.
      results =
        next?.pending && results && !results.pending && results.total > 0
          ? { ...results, query: next.query, pending: true }
          : next;
      const time = performance.now() - start;
      queryCost = Math.min(lastTime, time);
      lastTime = time;
      if (results) query = results.query;
      dirty = false;
    }
    return { status, query, results, error };
  };

  const changed = () => {
    dirty = true;
    if (scheduled) return;
    scheduled = true;
    // Listeners run once per burst: several synchronous changes cost one query.
    queueMicrotask(() => {
      scheduled = false;
      const state = getState();
      for (const listener of [...listeners]) listener(state);
    });
  };

  return {
    getState,
    getQuery: () => getState().query,
    getLibrary: () => library,
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
    setLibrary(next) {
      library = next;
      // An answer from a worker that comes after the query asked: run the current query again.
      next.onAnswer = () => library === next && changed();
      status = 'ready';
      error = null;
      changed();
    },
    setError(message) {
      status = 'error';
      error = message;
      library = null;
      changed();
    },
    setLoading() {
      status = 'loading';
      error = null;
      changed();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
