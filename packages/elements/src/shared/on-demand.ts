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

const WORKER = 'reportshelf.search.js';

/** Reports copied to the worker per message: a slice copies in well under a frame. */
const SLICE = 500;

/**
 * Makes a library's text searchable by a worker started from beside the drop-in file (so a CSP
 * of `script-src 'self'` covers it): the reports go to it a slice at a time, a search is a message
 * answered later (the store shows the newest query's answer, never an older one). Resolves once
 * every report is sent; returns how to stop the worker (a new catalogue, the library removed).
 */
export async function indexLibrary(library: Library): Promise<() => void> {
  const url = new URL(WORKER, base);
  const worker = new Worker(url, { type: 'module' });
  const send = (message: ToWorker) => worker.postMessage(message);
  const answers = new Map<number, (answer: TextAnswer | null) => void>();
  let asked = 0;
  worker.onmessage = ({ data }: MessageEvent<{ id: number; answer: TextAnswer | null }>) => {
    answers.get(data.id)?.(data.answer);
    answers.delete(data.id);
  };
  // No worker (its file missing beside the drop-in): every search, waiting or to come, says so.
  worker.onerror = () => {
    console.error(`Reportshelf: the search worker ${url} could not be started; put it beside the drop-in file.`);
    const failed = { hits: [], excluded: [], failed: true };
    library.search = () => failed;
    answers.forEach((resolve) => resolve(failed));
  };
  library.search = (request) =>
    new Promise((resolve) => {
      answers.set(++asked, resolve);
      send({ id: asked, request });
    });
  const { reports } = library;
  for (let i = 0; ; i += SLICE) {
    send({ reports: reports.slice(i, i + SLICE), last: i + SLICE >= reports.length });
    if (i + SLICE >= reports.length) break;
    await yieldToPage();
  }
  return () => worker.terminate();
}

/**
 * A split catalogue's library, its queries answered by the search worker beside the drop-in file,
 * which fetches the catalogue's files itself (and first formats a number in `lang`: see the
 * worker). `fail` hears what went wrong (a file that could not
 * be fetched or read, or no worker). Returns the library and how to stop the worker.
 */
export function openSplit(
  manifest: SplitManifest,
  url: URL,
  wanted: FacetName[],
  lang: string,
  fail: (reason: string) => void,
): { library: Library; stop: () => void } {
  const worker = new Worker(new URL(WORKER, base), { type: 'module' });
  const answers = new Map<number, (answer: SplitAnswer | null) => void>();
  let asked = 0;
  worker.onmessage = ({ data }: MessageEvent<{ id: number; split?: SplitAnswer | null; error?: string }>) => {
    if (data.error) fail(data.error);
    answers.get(data.id)?.(data.split ?? null);
    answers.delete(data.id);
  };
  worker.onerror = () => fail(`the search worker ${new URL(WORKER, base).href} could not be started`);
  const send = (message: ToWorker) => worker.postMessage(message);
  send({ manifest, url: url.href, lang });
  const library = splitLibrary(
    manifest,
    (query, facets, all) =>
      new Promise((resolve) => {
        answers.set(++asked, resolve);
        send({ id: asked, query, wanted: facets, all });
      }),
    wanted,
  );
  return { library, stop: () => worker.terminate() };
}
