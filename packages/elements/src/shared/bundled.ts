import {
  ensureIndex,
  pageEngine,
  splitEngine,
  openServer,
  readManifest,
  splitFetch,
  SplitReader,
  yieldToPage,
  type Engine,
  type Library,
  type ServerDescriptor,
} from '@reportshelf/core';
import type { Messages } from './i18n.js';
import type { SheetResult } from './sheet.js';
import type { Loaders, OpenedServer, OpenedSplit } from './loaders.js';
import { fr } from './messages/fr.js';
import { es } from './messages/es.js';
import { ar } from './messages/ar.js';

/**
 * What the elements load beyond their first page, for the elements package (its default, see
 * index.ts) and the full drop-in file: the languages besides English, in the bundle, and the
 * search index, in the page. The lite drop-in file gives those of `on-demand.ts` instead.
 */
export const languages: Record<string, Messages | (() => Promise<Messages>)> = { fr, es, ar };

/** Where the lite drop-in file finds its companion files (see on-demand.ts); everything here is bundled, so it changes nothing. */
export const setBasePath = (url: string): void => void url;

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
 * A search server's engine, with its library (see `openServer`), for a `src` that names one: in
 * the bundle. (The lite file's resolves with null where its module is missing.)
 */
export const serverEngineFor = async (server: ServerDescriptor, url: URL): Promise<OpenedServer | null> => ({
  engine: openServer(server, url.href),
  manifest: server,
});

/**
 * The engine of a single-file catalogue: an index in the page, built in slices after the first
 * page shows (a search typed meanwhile waits for it).
 */
export function singleEngine(library: Library): Engine {
  void yieldToPage().then(() => ensureIndex(library));
  return pageEngine(library);
}

/**
 * A split catalogue's engine, its reader in the page (the elements package and the full drop-in
 * file have no worker file beside them; the lite file's `openSplit` uses one), once its manifest
 * is checked (else what is wrong with it). One page's query runs at a time; one overtaken by a
 * newer one before it ran is not run.
 */
export async function openSplit(input: unknown, url: URL, lang: string): Promise<OpenedSplit | string> {
  void lang;
  const manifest = readManifest(input);
  if (typeof manifest === 'string') return manifest;
  const engine = splitEngine(manifest, (built) => {
    const reader = new SplitReader(built, splitFetch(url, built.build));
    let queue: Promise<unknown> = Promise.resolve();
    return {
      ask(query, wanted, all, signal, job) {
        // An export runs beside the pages' queries, not after them, until done or cancelled.
        if (all) return reader.query(query, wanted, true, () => job?.signal?.aborted === true, job);
        const stale = () => signal?.aborted === true;
        const answer = queue.then(() => (stale() ? null : reader.query(query, wanted, false, stale)));
        queue = answer.catch(() => {});
        return answer;
      },
      stop() {},
    };
  });
  return { engine, manifest };
}

/**
 * The loaders in the page (see `Loaders`), but for the panels and the region tree: the elements
 * package imports them when first needed (modules a bundler splits off), the full drop-in file has
 * them at once.
 */
/** Nothing to begin early: everything is in the page. */
const warm = (): void => {};

export const inPage = { languages, convertSheet, warm, singleEngine, openSplit, serverEngineFor } satisfies Omit<
  Loaders,
  'loadPanels' | 'loadRegions'
>;
