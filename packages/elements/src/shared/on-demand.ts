import type { Messages } from './i18n.js';
import type * as Panels from '../cite/panels.js';

// The address of the drop-in file, read while it runs (later `currentScript` is another script).
const base = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : location.href;

/** A module beside the drop-in file: `reportshelf.NAME.js`. */
const beside = <T>(name: string): Promise<T> =>
  import(/* @vite-ignore */ new URL(`reportshelf.${name}.js`, base).href) as Promise<T>;

const load = (lang: string) => (): Promise<Messages> =>
  beside<Record<string, Messages>>(lang).then((module) => module[lang]!);

/**
 * What the lite drop-in file loads when first needed (it is built with this module in place of
 * `bundled.ts`), each a small module beside it: French, Spanish and Arabic (`reportshelf.fr.js`),
 * loaded the first time an element speaks one, while the catalogue the lite file always fetches is
 * on its way; and the cite and export panels (`reportshelf.cite.js`), when a visitor opens one.
 */
export const languages: Record<string, Messages | (() => Promise<Messages>)> = {
  fr: load('fr'),
  es: load('es'),
  ar: load('ar'),
};

export const loadPanels = (): Promise<typeof Panels> => beside('cite');
