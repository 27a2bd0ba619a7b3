import { answerText } from './answer.js';
import { buildIndex, buildIndexAsync, loadIndex, type ReportIndex } from './search-index.js';
import { createTables, type Library } from './tables.js';
import type { Catalogue } from './types.js';

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
  if (options.index !== undefined) useIndex(library, loadIndex(options.index));
  else if (!options.deferIndex) useIndex(library, buildIndex(catalogue.reports));
  return library;
}

/** Text searches of this library are answered from this index, in the page. */
export function useIndex(library: Library, index: ReportIndex): void {
  library.index = index;
  library.search = (request) => answerText(index, request);
}

/** Builds the index of a library created with `deferIndex`, without blocking for long. */
export async function ensureIndex(library: Library): Promise<ReportIndex> {
  if (!library.index) useIndex(library, await buildIndexAsync(library.reports));
  return library.index!;
}
