import {
  splitLibrary,
  yieldToPage,
  type FacetName,
  type Library,
  type ExportJob,
  type SplitAnswer,
  type SplitManifest,
  type TextAnswer,
} from '@reportshelf/core';
import type { Messages } from './i18n.js';
import type { FromWorker, ToWorker } from './search-worker.js';
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

/** Why an answer will not come: the worker could not start (or died), it stopped answering, or a question failed. */
export type Failure = 'worker' | 'timeout' | 'answer';

/** How long a question may wait without a word from the worker (an answer, an export's progress) before it counts as stalled. */
const ANSWER_WAIT = 20_000;

/**
 * Starts the search worker from beside the drop-in file (so a CSP of `script-src 'self'` covers
 * it). `ask` sends a message under a new number and resolves with the worker's answer to it.
 * `failed` hears why an answer will not come: the worker could not start or stalled (every
 * question, waiting or to come, gets what it returns then), or it could not fetch what a question
 * needed (or found a new build to start over from).
 */
function start<A>(failed: (reason: string, cause: Failure, rebuilt?: SplitManifest) => A | null) {
  const url = new URL('reportshelf.search.js', base);
  const waiting = new Map<number, (answer: A | null) => void>();
  const progress = new Map<number, NonNullable<ExportJob['progress']>>();
  let asked = 0;
  let broken: { answer: A | null } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const breakDown = (reason: string, cause: Failure) => {
    if (broken) return;
    clearTimeout(timer);
    broken = { answer: failed(reason, cause) };
    waiting.forEach((resolve) => resolve(broken!.answer));
    waiting.clear();
  };
  // While questions wait, the worker must be heard from at least every ANSWER_WAIT.
  const watch = () => {
    clearTimeout(timer);
    if (waiting.size > 0 && !broken)
      timer = setTimeout(
        () => breakDown(`the search worker ${url.href} did not answer in ${ANSWER_WAIT / 1000} seconds`, 'timeout'),
        ANSWER_WAIT,
      );
  };
  let worker: Worker | undefined;
  try {
    worker = new Worker(url, { type: 'module' });
  } catch (error) {
    // Refused at once (a Content-Security-Policy without the page's own origin for workers).
    queueMicrotask(() => breakDown(`the search worker ${url.href} was refused: ${(error as Error).message}`, 'worker'));
  }
  if (worker) {
    worker.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      if ('progress' in data) progress.get(data.id)?.(...data.progress);
      else {
        waiting.get(data.id)?.(
          data.error === undefined
            ? ((data.answer as A | undefined) ?? null)
            : failed(data.error, 'answer', data.rebuilt),
        );
        waiting.delete(data.id);
        progress.delete(data.id);
      }
      watch();
    };
    worker.onerror = () =>
      breakDown(
        `the search worker ${url.href} could not be started, or failed (missing, broken, or refused by the page's Content-Security-Policy); put it beside the drop-in file`,
        'worker',
      );
  }
  return {
    send: (message: ToWorker) => worker?.postMessage(message),
    /** Asks a question; an export's `job` hears its progress, and its cancelling stops the worker's fetching. */
    ask: (message: DistributiveOmit<ToWorker & { id: number }, 'id'>, job: ExportJob = {}): Promise<A | null> =>
      broken
        ? Promise.resolve(broken.answer)
        : new Promise((resolve) => {
            const id = ++asked;
            waiting.set(id, resolve);
            if (job.progress) progress.set(id, job.progress);
            job.signal?.addEventListener('abort', () => worker?.postMessage({ cancel: id } satisfies ToWorker), {
              once: true,
            });
            worker?.postMessage({ ...message, id });
            watch();
          }),
    stop: () => {
      clearTimeout(timer);
      worker?.terminate();
    },
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
 * what went wrong (a file that could not be fetched or read, or no worker), `restart` a new build
 * of the catalogue found in its place (see `SplitRebuilt`). Returns the library and how to stop the
 * worker.
 */
export function openSplit(
  manifest: SplitManifest,
  url: URL,
  wanted: FacetName[],
  lang: string,
  fail: (reason: string, cause: Failure) => void,
  restart: (manifest: SplitManifest) => void,
): { library: Library; stop: () => void } {
  const { send, ask, stop } = start<SplitAnswer>(
    (reason, cause, rebuilt) => (rebuilt ? restart(rebuilt) : fail(reason, cause), null),
  );
  send({ manifest, url: url.href, lang });
  const library = splitLibrary(manifest, (query, facets, all, job) => ask({ query, wanted: facets, all }, job), wanted);
  return { library, stop };
}
