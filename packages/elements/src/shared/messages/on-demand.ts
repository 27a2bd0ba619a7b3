import type { Messages } from '../i18n.js';

// The address of the drop-in file, read while it runs (later `currentScript` is another script).
const base = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : location.href;

const load = (lang: string) => (): Promise<Messages> =>
  import(/* @vite-ignore */ new URL(`reportshelf.${lang}.js`, base).href).then(
    (module: Record<string, Messages>) => module[lang]!,
  );

/**
 * The languages besides English, for the lite drop-in file (built with this module in place of
 * `bundled.ts`): each is a small module beside the drop-in (`reportshelf.fr.js`), loaded the first
 * time an element speaks it, while the catalogue the lite file always fetches is on its way.
 */
export const languages: Record<string, Messages | (() => Promise<Messages>)> = {
  fr: load('fr'),
  es: load('es'),
  ar: load('ar'),
};
