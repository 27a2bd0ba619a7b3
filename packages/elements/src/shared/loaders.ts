import type { Engine, Library, ServerDescriptor, SplitManifest, Store } from '@reportshelf/core';
import type { Messages } from './i18n.js';
import type { SheetResult } from './sheet.js';
import type * as Panels from '../cite/panels.js';
import type * as Regions from '../filter-bar/regions.js';

/** A split catalogue opened: its engine (with the page's library), and its manifest, checked. */
export interface OpenedSplit {
  engine: Engine & { library: Library };
  manifest: SplitManifest;
}

/** A search server opened: its engine (with the page's library), and its descriptor. */
export interface OpenedServer {
  engine: Engine & { library: Library };
  manifest: ServerDescriptor;
}

/**
 * What the elements load beyond their first page, given by the file that bundles them (see
 * `ShelfLibrary.use`): the elements package and the full drop-in file have everything in the page
 * (shared/bundled.ts), the lite drop-in file loads it from beside itself (shared/on-demand.ts).
 * Both are checked against this (`satisfies Loaders`).
 */
export interface Loaders {
  /** The languages besides English: their strings, or how to load them. */
  languages: Record<string, Messages | (() => Promise<Messages>)>;
  /** The cite and export panels, when a visitor first opens one. */
  loadPanels(): Promise<typeof Panels>;
  /** The filter's region tree, when a catalogue with regions (`places`) first shows its countries. */
  loadRegions(): Promise<typeof Regions>;
  /** Reads a spreadsheet given as `src` into a catalogue. */
  convertSheet(bytes: Uint8Array, name: string): Promise<SheetResult>;
  /** Begins what a catalogue at this address will need while it is fetched (the lite file: its search worker). */
  warm(url: URL): void;
  /** The engine of a single-file catalogue. */
  singleEngine(library: Library): Engine;
  /**
   * A split catalogue's engine, once its manifest is checked (else what is wrong with it; null: it
   * could not be loaded). The query of `store`, as typed meanwhile, has what it will need fetched
   * before the engine is ready (see `warmSplit`).
   */
  openSplit(
    input: unknown,
    url: URL,
    lang: string,
    store?: Pick<Store, 'getState' | 'subscribe'>,
  ): Promise<OpenedSplit | string | null>;
  /** A search server's engine, for a `src` that names one (null: it could not be loaded). */
  serverEngineFor(server: ServerDescriptor, url: URL): Promise<OpenedServer | null>;
}

/** The loaders in use: the bundling file's. */
export let loaders: Loaders;

/** Uses these loaders from now on. */
export const useLoaders = (given: Loaders): void => void (loaders = given);
