import { ensureIndex, type Library } from '@reportshelf/core';
import type { Messages } from './i18n.js';
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

export const loadPanels = (): Promise<typeof Panels> => import('../cite/panels.js');

/**
 * Makes a library's text searchable: here, an index in the page, built in slices after the first
 * page shows. Resolves once searches are answered; returns how to stop (nothing to stop here).
 */
export const indexLibrary = async (library: Library): Promise<() => void> => {
  await ensureIndex(library);
  return () => {};
};
