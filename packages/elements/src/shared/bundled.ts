import {
  ensureIndex,
  splitFetch,
  splitLibrary,
  SplitReader,
  SplitRebuilt,
  type FacetName,
  type Library,
  type SplitManifest,
} from '@reportshelf/core';
import type { Messages } from './i18n.js';
import type { SheetResult } from './sheet.js';
import type * as Panels from '../cite/panels.js';
import { fr } from './messages/fr.js';
import { es } from './messages/es.js';
import { ar } from './messages/ar.js';

/**
 * What the elements load beyond their first page, for the elements package and the full drop-in
 * file: the languages besides English, in the bundle; the cite and export panels, a dynamic
 * import a bundler splits off (the full file inlines it); and the search index, in the page. The lite drop-in file is built with
 * `on-demand.ts` in this module's place.
 */
export const languages: Record<string, Messages | (() => Promise<Messages>)> = { fr, es, ar };

/** Where the lite drop-in file finds its companion files (see on-demand.ts); everything here is bundled, so it changes nothing. */
export const setBasePath = (url: string): void => void url;

export const loadPanels = (): Promise<typeof Panels> => import('../cite/panels.js');

/**
 * Reads a spreadsheet given as `src`: not here. The elements package and the full drop-in file
 * carry no spreadsheet reader (it would more than double the full file); the lite file has one
 * beside it, and a page using the package may set `ShelfLibrary.convertSheet`. Said as such.
 */
export const convertSheet = (): Promise<SheetResult> =>
  Promise.reject(
    new Error(
      'this Reportshelf file reads no spreadsheet: use reportshelf.lite.js (with reportshelf.sheet.js beside it), or make a catalogue of the sheet with catalogue.html',
    ),
  );

/**
 * Makes a library's text searchable: here, an index in the page, built in slices after the first
 * page shows. Resolves once searches are answered; returns how to stop (nothing to stop here).
 */
export const indexLibrary = async (library: Library): Promise<() => void> => {
  await ensureIndex(library);
  return () => {};
};

/**
 * A split catalogue's library, its queries answered in the page (the elements package and the full
 * drop-in file have no worker file beside them; the lite file's `openSplit` uses one). One query
 * runs at a time; a page of results overtaken by a newer one is dropped. `fail` and `restart` as
 * the lite file's.
 */
export function openSplit(
  manifest: SplitManifest,
  url: URL,
  wanted: FacetName[],
  lang: string,
  fail: (reason: string, cause: 'worker' | 'timeout' | 'answer') => void,
  restart: (manifest: SplitManifest) => void,
): { library: Library; stop: () => void } {
  void lang;
  const reader = new SplitReader(manifest, splitFetch(url, manifest.build));
  const failed = (error: Error) => (
    error instanceof SplitRebuilt ? restart(error.manifest) : fail(error.message, 'answer'),
    null
  );
  let queue: Promise<unknown> = Promise.resolve();
  let latest = 0;
  const library = splitLibrary(
    manifest,
    (query, facets, all, job) => {
      // An export runs beside the pages' queries, not before them, until done or cancelled.
      if (all) return reader.query(query, facets, true, () => job?.signal?.aborted === true, job).catch(failed);
      const mine = ++latest;
      const stale = () => mine !== latest;
      const answer = queue.then(() => (stale() ? null : reader.query(query, facets, false, stale)));
      queue = answer.catch(() => {});
      return answer.catch(failed);
    },
    wanted,
  );
  return { library, stop: () => {} };
}
