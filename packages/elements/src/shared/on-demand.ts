import {
  splitLibrary,
  yieldToPage,
  type FacetName,
  type Library,
  type SplitAnswer,
  type SplitManifest,
  type TextAnswer,
} from '@reportshelf/core';
import type { Messages } from './i18n.js';
import type { ToWorker } from './search-worker.js';
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
 * on its way; the cite and export panels (`reportshelf.cite.js`), when a visitor opens one; and
 * the search worker (`reportshelf.search.js`), which holds the index off the main thread.
 */
export const languages: Record<string, Messages | (() => Promise<Messages>)> = {
  fr: load('fr'),
  es: load('es'),
  ar: load('ar'),
};

export const loadPanels = (): Promise<typeof Panels> => beside('cite');

/**
 * Starts the search worker from beside the drop-in file (so a CSP of `script-src 'self'` covers
 * it). `ask` sends a message under a new number and resolves with the worker's answer to it.
 * `failed` hears why an answer will not come: the worker could not start (every question,
 * waiting or to come, gets what it returns then), or it could not fetch what a question needed.
 */
function start<A>(failed: (reason: string) => A | null) {
  const url = new URL('reportshelf.search.js', base);
  const worker = new Worker(url, { type: 'module' });
  const waiting = new Map<number, (answer: A | null) => void>();
  let asked = 0;
  let broken: { answer: A | null } | undefined;
  worker.onmessage = ({ data }: MessageEvent<{ id: number; answer?: A | null; error?: string }>) => {
    waiting.get(data.id)?.(data.error === undefined ? (data.answer ?? null) : failed(data.error));
    waiting.delete(data.id);
  };
  worker.onerror = () => {
    broken = { answer: failed(`the search worker ${url.href} could not be started; put it beside the drop-in file`) };
    waiting.forEach((resolve) => resolve(broken!.answer));
  };
  return {
    send: (message: ToWorker) => worker.postMessage(message),
    ask: (message: DistributiveOmit<ToWorker & { id: number }, 'id'>): Promise<A | null> =>
      broken
        ? Promise.resolve(broken.answer)
        : new Promise((resolve) => {
            waiting.set(++asked, resolve);
            worker.postMessage({ ...message, id: asked });
          }),
    stop: () => worker.terminate(),
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Reports copied to the worker per message: a slice copies in well under a frame. */
const SLICE = 500;

/**
 * Makes a library's text searchable by the search worker: the reports go to it a slice at a
 * time, a search is a message answered later (the store shows the newest query's answer, never
 * an older one). Resolves once every report is sent; returns how to stop the worker (a new
 * catalogue, the library removed). Without the worker, every search says it could not run.
 */
export async function indexLibrary(library: Library): Promise<() => void> {
  const { send, ask, stop } = start<TextAnswer>((reason) => {
    console.error(`Reportshelf: ${reason}.`);
    return { hits: [], excluded: [], failed: true };
  });
  library.search = (request) => ask({ request });
  const { reports } = library;
  for (let i = 0; ; i += SLICE) {
    const last = i + SLICE >= reports.length;
    send({ reports: reports.slice(i, i + SLICE), last, ...(last ? { language: library.catalogue.language } : {}) });
    if (i + SLICE >= reports.length) break;
    await yieldToPage();
  }
  return stop;
}

/**
 * A split catalogue's library, its queries answered by the search worker, which fetches the
 * catalogue's files itself (and first formats a number in `lang`: see the worker). `fail` hears
 * what went wrong (a file that could not be fetched or read, or no worker). Returns the library
 * and how to stop the worker.
 */
export function openSplit(
  manifest: SplitManifest,
  url: URL,
  wanted: FacetName[],
  lang: string,
  fail: (reason: string) => void,
): { library: Library; stop: () => void } {
  const { send, ask, stop } = start<SplitAnswer>((reason) => (fail(reason), null));
  send({ manifest, url: url.href, lang });
  const library = splitLibrary(manifest, (query, facets, all) => ask({ query, wanted: facets, all }), wanted);
  return { library, stop };
}
