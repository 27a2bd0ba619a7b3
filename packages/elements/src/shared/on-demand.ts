import {
  EngineError,
  tablesEngine,
  yieldToPage,
  type Engine,
  type EngineErrorKind,
  type ExportJob,
  type Library,
  type SplitAnswer,
  type SplitManifest,
  type TextAnswer,
  type openServer,
  type splitEngine,
  type warmSplit,
  type ServerDescriptor,
  type Store,
} from '@reportshelf/core';
import type { Messages } from './i18n.js';
import type { SheetResult } from './sheet.js';
import type { Loaders, OpenedServer, OpenedSplit } from './loaders.js';
import type { FromWorker, ToWorker, inPage } from './search-worker.js';
import type * as Panels from '../cite/panels.js';
import type * as Regions from '../filter-bar/regions.js';

/**
 * Where the companion files are: a folder the page names (`Reportshelf.setBasePath(url)`, or a
 * `data-reportshelf-base` attribute on a script tag), else beside the drop-in file, whose address
 * is read while it runs: `currentScript` for a classic script, else the file named in a stack trace
 * (a module script has no `currentScript`).
 */
let base = '';
let early: Worker | undefined;
/** `reportshelf.split.js`, once asked for (see `warm`). */
let split: Promise<{ splitEngine: typeof splitEngine; warmSplit: typeof warmSplit }> | undefined;

/** Sets the folder of the companion files (`reportshelf.search.js`, the languages, the panels); call it before elements connect. */
export const setBasePath = (url: string): void => {
  base = url.replace(/\/?$/, '/');
  early?.terminate();
  early = split = undefined;
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
 * What the lite drop-in file loads when first needed (its loaders, in place of `bundled.ts`'s),
 * each a small module beside it: French, Spanish and Arabic (`reportshelf.fr.js`), loaded the
 * first time an element speaks one, while the catalogue the lite file always fetches is on its
 * way; the cite and export panels (`reportshelf.cite.js`), when a visitor opens one; the filter's
 * countries under their regions (`reportshelf.regions.js`), for a catalogue with regions; the
 * page's side of a split catalogue (`reportshelf.split.js`) and the
 * search worker (`reportshelf.search.js`), which holds the index off the main thread.
 */
export const languages: Record<string, Messages | (() => Promise<Messages>)> = {
  fr: load('fr'),
  es: load('es'),
  ar: load('ar'),
};

export const loadPanels = (): Promise<typeof Panels> => beside('cite');

/** The filter's region tree (`reportshelf.regions.js`), for a catalogue with regions only. */
export const loadRegions = (): Promise<typeof Regions> => beside('regions');

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
        () => reject(new Error(`${url.href} could not be loaded`)),
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

/**
 * A search server's engine, with its library (see `openServer`), for a `src` that names one: from
 * `reportshelf.server.js` beside this file, fetched only by a page that names a server (which the
 * lite file learns from `src` itself). Null where it cannot be had.
 */
export const serverEngineFor = (server: ServerDescriptor, url: URL): Promise<OpenedServer | null> =>
  beside<{ openServer: typeof openServer }>('server').then(
    (module) => ({ engine: module.openServer(server, url.href), manifest: server }),
    () => null,
  );

/** The page's side of a split catalogue, asked for once. */
const loadSplit = () => (split ??= beside('split'));

/**
 * The search worker and the page's side of a split catalogue, asked for as a catalogue file
 * (`.json`) is: their scripts then come beside the catalogue or manifest, not after it (a round
 * trip each less to first results, issue 26; a single file's page fetches the 2.8 KB of
 * `reportshelf.split.js` for nothing, a split one's first index file is asked 170 ms sooner on
 * slow 4G). The first engine takes the worker. A search server's page asks for neither. A worker
 * that fails before, or from a folder the page names after, is dropped (the engine starts its own).
 */
export const warm = (url: URL): void => {
  try {
    if (url.pathname.endsWith('.json')) {
      loadSplit().catch(() => {});
      (early ??= new Worker(companion('search'), { type: 'module' })).onerror = () => (early = undefined);
    }
  } catch {
    // Started by the engine, which says why it cannot.
  }
};

/** How long a question may wait without a word from the worker (an answer, an export's progress) before it counts as stalled. */
const ANSWER_WAIT = 20_000;

type Question = Extract<ToWorker, { id: number }>;
type Asked = DistributiveOmit<Extract<Question, { type: 'search' | 'query' }>, 'id'>;
/** A question's job: its cancelling, and an export's progress. */
type Job = { signal?: AbortSignal | undefined } & Pick<ExportJob, 'progress'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Starts the search worker from beside the drop-in file (so a CSP of `script-src 'self'` covers
 * it). `ask` sends a question under a new number and resolves with the worker's answer to it, or
 * rejects with why none will come: the worker could not start (`engine`) or stalled (`timeout`),
 * said once on the console and given to every question, waiting or to come; or what the question
 * needed could not be had (its kind, or `SplitRebuilt` for a new build to start over from).
 */
function start(opened?: (read: unknown) => void) {
  const url = companion('search');
  const waiting = new Map<number, { resolve: (answer: unknown) => void; reject: (error: Error) => void; job: Job }>();
  let asked = 0;
  let broken: EngineError | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const breakDown = (kind: EngineErrorKind, reason: string) => {
    if (broken) return;
    clearTimeout(timer);
    console.error(`Reportshelf: ${reason}.`);
    broken = new EngineError(kind, reason);
    waiting.forEach(({ reject }) => reject(broken!));
    waiting.clear();
  };
  // While questions wait, the worker must be heard from at least every ANSWER_WAIT.
  const watch = () => {
    clearTimeout(timer);
    if (waiting.size > 0 && !broken)
      timer = setTimeout(
        () => breakDown('timeout', `the search worker ${url.href} did not answer in ${ANSWER_WAIT / 1000} seconds`),
        ANSWER_WAIT,
      );
  };
  let worker: Pick<Worker, 'postMessage' | 'terminate'> | undefined;
  const receive = (data: FromWorker) => {
    const question = waiting.get(data.id);
    if (data.type === 'progress') question?.job.progress?.(data.done, data.total);
    else {
      sent = undefined;
      waiting.delete(data.id);
      if (data.type == 'opened') question?.resolve(data.manifest);
      else if (data.type !== 'failed') question?.resolve(data.answer);
      // A new build's manifest comes with it, as `SplitRebuilt` holds it.
      else question?.reject(Object.assign(new EngineError(data.kind, data.message), { manifest: data.rebuilt }));
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
      () => breakDown('engine', `${url.href} could not be loaded (${why})`),
    );
  };
  try {
    const started = (worker = early ?? new Worker(url, { type: 'module' }));
    early = undefined;
    started.onmessage = ({ data }: MessageEvent<FromWorker>) => receive(data);
    started.onerror = () => (sent ? inThePage('no worker') : breakDown('engine', `${url.href} failed`));
  } catch (error) {
    // Refused at once (another origin, or a Content-Security-Policy without it for workers).
    inThePage((error as Error).message);
  }
  // A split catalogue's opening waits for its manifest, checked, as a question waits for its
  // answer: a worker that never answers times out. One that fails opens it unchecked, and says so
  // to the first query.
  if (opened) {
    waiting.set(0, { resolve: opened, reject: opened, job: {} });
    watch();
  }
  return {
    send: post,
    /**
     * Asks a question. Its `job.signal` aborting cancels it (the worker stops fetching for it), and
     * an export's `job.progress` hears how far it has come.
     */
    ask: <A>(message: Asked, job: Job = {}): Promise<A> =>
      broken
        ? Promise.reject(broken)
        : new Promise<A>((resolve, reject) => {
            const id = ++asked;
            waiting.set(id, { resolve: resolve as (answer: unknown) => void, reject, job });
            job.signal?.addEventListener('abort', () => waiting.has(id) && post({ type: 'cancel', id }), {
              once: true,
            });
            post({ ...message, id });
            watch();
          }),
    stop: () => {
      clearTimeout(timer);
      worker?.terminate();
    },
  };
}

/** Reports copied to the worker per message: a slice copies in well under a frame. */
const SLICE = 500;

/** What a search says when it could not run: nothing found, and that it failed (the list says so). */
const FAILED: TextAnswer = { hits: [], excluded: [], failed: true };

/**
 * The engine of a single-file catalogue in the lite file: the library's tables in the page, its
 * text searches answered by the search worker, to which the reports go a slice at a time.
 * Without the worker, every search says it could not run.
 */
export function singleEngine(library: Library): Engine {
  const { send, ask, stop } = start();
  void (async () => {
    const { reports } = library;
    for (let i = 0; ; i += SLICE) {
      const last = i + SLICE >= reports.length;
      send({
        type: 'reports',
        reports: reports.slice(i, i + SLICE),
        last,
        ...(last ? { language: library.catalogue.language } : {}),
      });
      if (last) break;
      await yieldToPage();
    }
  })();
  return tablesEngine(
    library,
    (request) => ask<TextAnswer | null>({ type: 'search', request }).catch(() => FAILED),
    stop,
  );
}

/**
 * A split catalogue's engine: the page's side of it from `reportshelf.split.js` beside this file
 * (asked for with the catalogue, see `warm`; null where it cannot be had), its
 * queries answered by the search worker, which checks its manifest (resolving with what is wrong
 * with it, if anything), then fetches the catalogue's files itself (and first formats a number in
 * `lang`: see the worker). A new build of the catalogue found in its place is opened in a new
 * worker (see `splitEngine`). A worker that cannot start is said by the first query.
 */
export const openSplit = (
  input: unknown,
  url: URL,
  lang: string,
  store?: Pick<Store, 'getState' | 'subscribe'>,
): Promise<OpenedSplit | string | null> => {
  const manifest = input as SplitManifest;
  // The worker opens the manifest while the page's side loads: beside it, not a round trip after.
  let told: (read: unknown) => void;
  const heard = new Promise<unknown>((resolve) => (told = resolve));
  let ready: ReturnType<typeof start> | undefined = opening(manifest, url, lang, (read) => told(read));
  return loadSplit().then(
    ({ splitEngine, warmSplit }) =>
      new Promise<OpenedSplit | string>((resolve) => {
        // Until the worker is heard, the page fetches what the query typed will need (see `warmSplit`).
        const quiet = warmSplit(manifest, url, store);
        // What the worker said of the manifest (a manifest checked is the one sent), or why it could not.
        const first = (read: unknown) => (
          quiet(),
          resolve(typeof read == 'string' ? (engine.stop(), read) : { engine, manifest })
        );
        void heard.then(first);
        const engine = splitEngine(manifest, (built) => {
          const { ask, stop } = ready ?? opening(built, url, lang, first);
          ready = undefined;
          return {
            ask: (query, wanted, all, signal, job) =>
              ask<SplitAnswer | null>({ type: 'query', query, wanted, all }, { ...job, signal }),
            stop,
          };
        });
      }),
    () => (ready?.stop(), null),
  );
};

/** A search worker opening a split catalogue's manifest: `opened` hears what it said of it. */
const opening = (manifest: SplitManifest, url: URL, lang: string, opened: (read: unknown) => void) => {
  const worker = start(opened);
  worker.send({ type: 'open', manifest, url: url.href, lang });
  return worker;
};

/** The lite drop-in file's loaders (see `Loaders`). */
export const loaders = {
  languages,
  loadPanels,
  loadRegions,
  convertSheet,
  warm,
  singleEngine,
  openSplit,
  serverEngineFor,
} satisfies Loaders;
