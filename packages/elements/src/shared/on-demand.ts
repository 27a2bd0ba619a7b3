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
import type { SheetResult } from './sheet.js';
import type { FromWorker, ToWorker, inPage } from './search-worker.js';
import type * as Panels from '../cite/panels.js';

/**
 * Where the companion files are: a folder the page names (`Reportshelf.setBasePath(url)`, or a
 * `data-reportshelf-base` attribute on a script tag), else beside the drop-in file, whose address
 * is read while it runs: `currentScript` for a classic script, else the file named in a stack trace
 * (a module script has no `currentScript`).
 */
let base = '';

/** Sets the folder of the companion files (`reportshelf.search.js`, the languages, the panels); call it before elements connect. */
export const setBasePath = (url: string): void => {
  base = url.replace(/\/?$/, '/');
};
setBasePath(
  document.querySelector<HTMLElement>('[data-reportshelf-base]')?.dataset.reportshelfBase ??
    (
      (document.currentScript as HTMLScriptElement | null)?.src ??
      /(https?:\/\/[^\s)]+?)(:\d+){2}/.exec(new Error().stack!)?.[1] ??
      location.href
    ).replace(/[^/]*$/, ''),
);

/** The address of a companion file: `reportshelf.NAME.js`. */
const companion = (name: string) => new URL(`reportshelf.${name}.js`, new URL(base, location.href));

/** A module beside the drop-in file: `reportshelf.NAME.js`. */
const beside = <T>(name: string): Promise<T> => import(/* @vite-ignore */ companion(name).href) as Promise<T>;

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
 * Reads a spreadsheet given as `src` with the converter beside this file (`reportshelf.sheet.js`),
 * in a worker of its own; in the page where no worker can start (a Content-Security-Policy).
 */
export const convertSheet = (bytes: Uint8Array, name: string): Promise<SheetResult> =>
  new Promise((resolve, reject) => {
    const url = companion('sheet');
    const inPage = () =>
      beside<{ convert: (bytes: Uint8Array, name: string) => SheetResult }>('sheet').then(
        (module) => resolve(module.convert(bytes, name)),
        () => reject(new Error(`${url.href} was not found beside reportshelf.lite.js`)),
      );
    try {
      const worker = new Worker(url, { type: 'module' });
      worker.onmessage = ({ data }: MessageEvent<SheetResult | { error: string }>) => {
        worker.terminate();
        if ('error' in data) reject(new Error(data.error));
        else resolve(data);
      };
      worker.onerror = () => (worker.terminate(), void inPage());
      worker.postMessage({ bytes, name });
    } catch {
      void inPage();
    }
  });

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
  const url = companion('search');
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
  let worker: Pick<Worker, 'postMessage' | 'terminate'> | undefined;
  const receive = (data: FromWorker) => {
    if ('progress' in data) progress.get(data.id)?.(...data.progress);
    else {
      sent = undefined;
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
  // What the page said before the worker's first answer, said again to the search in the page if
  // no worker can start (another origin, a Content-Security-Policy without it, the file missing).
  let sent: ToWorker[] | undefined = [];
  const post = (message: ToWorker) => (sent?.push(message), worker?.postMessage(message));
  const inThePage = (why: string) => {
    worker?.terminate();
    worker = undefined;
    beside<{ inPage: typeof inPage }>('search').then(
      (module) => {
        const handle = module.inPage(receive);
        worker = { postMessage: handle, terminate() {} };
        sent?.forEach(handle);
        sent = undefined;
      },
      () =>
        breakDown(
          `Search could not start: ${url.href} was not found or could not be loaded beside reportshelf.lite.js (${why})`,
          'worker',
        ),
    );
  };
  try {
    const started = (worker = new Worker(url, { type: 'module' }));
    started.onmessage = ({ data }: MessageEvent<FromWorker>) => receive(data);
    started.onerror = () =>
      sent ? inThePage('no worker') : breakDown(`the search worker ${url.href} failed`, 'worker');
  } catch (error) {
    // Refused at once (another origin, or a Content-Security-Policy without it for workers).
    inThePage((error as Error).message);
  }
  return {
    send: post,
    /** Asks a question; an export's `job` hears its progress, and its cancelling stops the worker's fetching. */
    ask: (message: DistributiveOmit<ToWorker & { id: number }, 'id'>, job: ExportJob = {}): Promise<A | null> =>
      broken
        ? Promise.resolve(broken.answer)
        : new Promise((resolve) => {
            const id = ++asked;
            waiting.set(id, resolve);
            if (job.progress) progress.set(id, job.progress);
            job.signal?.addEventListener('abort', () => post({ cancel: id }), {
              once: true,
            });
            post({ ...message, id } as ToWorker);
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
