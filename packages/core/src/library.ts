import { answerText, libraryYears, type TextAnswer } from './answer.js';
import type { Engine } from './engine.js';
import { normaliseQuery, parseSearch, queryParts, resultsOf, type ExportJob } from './query.js';
import { buildIndex, buildIndexAsync, loadIndex, type ReportIndex } from './search-index.js';
import { createTables, type Library } from './tables.js';
import { tablesEngine } from './tables-engine.js';
import { countPlaces } from './places.js';
import type { Catalogue, Query, Report, Results } from './types.js';

export { collator, titleKey, createTables, type Library } from './tables.js';

export interface LibraryOptions {
  /** A serialised index (from `serialiseIndex`) to load instead of building one. */
  index?: string;
  /** Leave the index unbuilt; call `ensureIndex` later. Browsing works meanwhile. */
  deferIndex?: boolean;
}

/** A catalogue ready to query, with its search index in the page (built, loaded, or deferred). */
export function createLibrary(catalogue: Catalogue, options: LibraryOptions = {}): Library {
  const library = createTables(catalogue);
  library.countPlaces = countPlaces;
  let index: ReportIndex | undefined;
  if (options.index !== undefined)
    try {
      index = loadIndex(options.index);
    } catch (error) {
      // An index made by another version is not searched wrongly: the catalogue's own is built.
      console.warn(`Reportshelf: ${(error as Error).message}; the index is built from the catalogue instead.`);
    }
  if (index || !options.deferIndex) useIndex(library, index ?? buildIndex(catalogue.reports, catalogue.language));
  return library;
}

/** Text searches of this library are answered from this index, in the page. */
export function useIndex(library: Library, index: ReportIndex): void {
  library.index = index;
}

/** Indexes being built, by library: asked twice, one is built. */
const building = new WeakMap<Library, Promise<ReportIndex>>();

/** Builds the index of a library created with `deferIndex`, without blocking for long. */
export function ensureIndex(library: Library): Promise<ReportIndex> {
  if (library.index) return Promise.resolve(library.index);
  let made = building.get(library);
  if (!made)
    building.set(
      library,
      (made = buildIndexAsync(library.reports, 8, library.catalogue.language).then((index) => {
        library.index ??= index;
        return library.index;
      })),
    );
  return made;
}

/**
 * Runs a query in the page, synchronously (see `queryParts` for its phases): for Node and for
 * pages that hold the library themselves. A search while the index is unbuilt is pending (no
 * words searched yet), on the page asked for. With `all`, every hit in order (an export).
 */
export function runQuery(library: Library, input: Partial<Query>, all = false): Results {
  const query = normaliseQuery(input);
  const text = query.q.trim();
  let answer: TextAnswer | null = null;
  if (library.index && text !== '' && !(query.report !== undefined && library.positions.has(query.report))) {
    const syntax = parseSearch(text);
    answer = answerText(
      library.index,
      { text: syntax.text, exclude: syntax.exclude, boostRecent: query.boostRecent },
      libraryYears(library),
    );
  }
  return resultsOf(library, queryParts(library, query, all, answer));
}

/** Every report a query finds, in its order: for an export. */
export async function allReports(library: Library, input: Partial<Query>, job: ExportJob = {}): Promise<Report[]> {
  const hits = runQuery(library, input, true).hits;
  if (job.signal?.aborted) return [];
  return hits.map((hit) => hit.report);
}

/**
 * The engine of a library in the page: its queries run here, their words searched in its index,
 * which is built (in slices) the first time a search needs it, if it is not yet; browsing and
 * filtering answer meanwhile.
 */
export function pageEngine(library: Library): Engine {
  library.countPlaces = countPlaces;
  return tablesEngine(
    library,
    (request) =>
      library.index
        ? answerText(library.index, request, libraryYears(library))
        : ensureIndex(library).then((index) => answerText(index, request, libraryYears(library))),
    () => {},
  );
}
