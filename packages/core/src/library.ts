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
  library.search = (request) => answerText(index, request);
}

/** Builds the index of a library created with `deferIndex`, without blocking for long. */
export async function ensureIndex(library: Library): Promise<ReportIndex> {
  if (!library.index) useIndex(library, await buildIndexAsync(library.reports, 8, library.catalogue.language));
  return library.index!;
}
