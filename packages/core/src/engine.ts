/**
 * Where a query runs. Every engine answers the same requests with the same results: the index in
 * the page (the full drop-in file, the npm package), the lite drop-in file's worker, the split
 * format's reader (in the worker or in the page) and a search server. The store asks; the engine
 * answers or says why it cannot. Staleness (a newer query asked before an older one's answer came)
 * is the store's one rule, by request number: an engine may drop work for an aborted request but
 * never decides which answer shows.
 */
import type { ExportJob } from './query.js';
import type { FacetName, Query, Report, Results } from './types.js';

/** What the page asks: a query (normalised) and the facets whose value lists it shows. */
export interface EngineRequest {
  query: Query;
  /**
   * The facets whose lists are wanted. An engine may answer others as well; a facet not asked
   * for may come back with no values (a split catalogue or a server counts only what is shown).
   */
  facets: readonly FacetName[];
}

/** What went wrong, as a visitor's message is chosen from it. */
export type EngineErrorKind =
  /** A file or the server could not be reached (after a few tries). */
  | 'network'
  /** What came was not what it should be: a damaged file, an answer that is not one. */
  | 'damaged'
  /** The engine could not start or stopped answering (a worker that failed). */
  | 'engine'
  /** No word came in time (a worker or a server that stalled). */
  | 'timeout'
  /** The request itself was refused (a server's 400): its message says why. */
  | 'refused';

/** Why an engine could not answer (a new build of a split catalogue is the engine's own to start over from). */
export class EngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/**
 * An engine: the one asynchronous contract every place a query can run implements. `query`
 * answers one page; `all` every report a query finds, in its order (an export). `signal` aborts
 * a request that no longer matters (a newer one came): the engine may stop fetching for it, and
 * its promise may then reject or resolve, the store ignores it either way. `early` hears the page
 * of results before the answer, where an engine has it sooner than some facet counts (a split
 * catalogue whose facet files are on their way): those facets with no values, their lists coming
 * with the answer.
 */
export interface Engine {
  query(request: EngineRequest, signal?: AbortSignal, early?: (results: Results) => void): Promise<Results>;
  all(query: Query, job?: ExportJob): Promise<Report[]>;
  /** Lets go of what it holds (a worker, caches): the library was replaced or removed. */
  stop(): void;
}
