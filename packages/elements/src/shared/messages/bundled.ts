import type { Messages } from '../i18n.js';
import { fr } from './fr.js';
import { es } from './es.js';
import { ar } from './ar.js';

/**
 * The languages besides English, for the elements package and the full drop-in file: all in the
 * bundle, ready at once. The lite drop-in file is built with `on-demand.ts` in this module's place.
 */
export const languages: Record<string, Messages | (() => Promise<Messages>)> = { fr, es, ar };
