/**
 * The search worker of the lite drop-in file (built as reportshelf.search.js beside it): the
 * catalogue's search index lives here, off the page's main thread, which never blocks on building
 * it or on a query.
 *
 * A single-file catalogue: the page sends the reports a slice at a time, then asks text searches
 * by number; each answer carries its number back. Searches asked before the index is built wait;
 * of those asked while it was busy, only the newest is run.
 *
 * A split catalogue: the page sends its manifest and address, then whole queries; the worker
 * fetches what each needs (years, facets, index files, cards) and answers with the results. A
 * query overtaken by a newer one while it fetched is answered `null`; exports always run.
 */
import {
  answerText,
  buildIndex,
  SplitReader,
  SplitRebuilt,
  splitFetch,
  type FacetName,
  type Query,
  type Report,
  type ReportIndex,
  type SplitManifest,
  type TextRequest,
} from '@reportshelf/core';

/** What the page sends: reports (`last` on the final slice), a search, a split catalogue, a query of it. */
export type ToWorker =
  | { reports: Report[]; last: boolean; language?: string }
  | { id: number; request: TextRequest }
  | { manifest: SplitManifest; url: string; lang: string }
  | { id: number; query: Query; wanted: FacetName[]; all: boolean }
  | { cancel: number };

/**
 * What the worker sends: an answer (or why none comes: an error, or a new build of the catalogue
 * to start over from) to a message by number, or an export's progress.
 */
export type FromWorker =
  | { id: number; answer?: unknown; error?: string; rebuilt?: SplitManifest }
  | { id: number; progress: [done: number, total: number] };

/**
 * Where answers go: to the page, from the worker; or, when no worker could start (another origin,
 * a Content-Security-Policy), to the page's own handler (`inPage`).
 */
let post = (message: FromWorker, options?: { transfer: Transferable[] }): void => postMessage(message, options);

let reports: Report[] = [];
let index: ReportIndex | undefined;
let waiting: { id: number; request: TextRequest }[] = [];
let draining = false;

/**
 * Answers the newest search waiting; the older ones (keystrokes typed while a search ran) get
 * `null`, which the page takes as "not searched": it asks again if those words come back.
 */
function drain(): void {
  draining = false;
  const newest = waiting.pop();
  for (const { id } of waiting) post({ id, answer: null });
  waiting = [];
  if (newest) post({ id: newest.id, answer: answerText(index!, newest.request) });
}

let reader: SplitReader | undefined;
const queries: { id: number; query: Query; wanted: FacetName[]; all: boolean }[] = [];
let running = false;

/** Why a question has no answer: what went wrong, or the new build the page is to start over from. */
const failure = (id: number, error: unknown): FromWorker =>
  error instanceof SplitRebuilt
    ? { id, error: error.message, rebuilt: error.manifest }
    : { id, error: (error as Error).message };

/** Exports under way, by number: a cancel message stops one. */
const exports = new Map<number, AbortController>();

/**
 * Runs an export beside the pages' queries (a search typed meanwhile is answered at once), telling
 * the page how far it has come, until it is done or cancelled.
 */
async function exportAll({ id, query, wanted }: { id: number; query: Query; wanted: FacetName[] }): Promise<void> {
  const job = new AbortController();
  exports.set(id, job);
  const cancelled = () => job.signal.aborted;
  try {
    const answer = await reader!.query(query, wanted, true, cancelled, {
      progress: (done, total) => post({ id, progress: [done, total] }),
    });
    post({ id, answer: cancelled() ? null : answer });
  } catch (error) {
    post(failure(id, error));
  } finally {
    exports.delete(id);
  }
}

/** Runs the split catalogue's pages one at a time: of those asked while one ran, the newest only. */
async function run(): Promise<void> {
  if (running) return;
  running = true;
  // Messages already queued are read first, so that a burst of keystrokes costs one query.
  await new Promise((read) => setTimeout(read));
  while (queries.length > 0) {
    const next = queries.shift()!;
    const newer = () => queries.length > 0;
    if (newer()) {
      post({ id: next.id, answer: null });
      continue;
    }
    try {
      const answer = await reader!.query(next.query, next.wanted, next.all, newer);
      post({ id: next.id, answer }, { transfer: answer ? [answer.parts.counts.buffer as ArrayBuffer] : [] });
    } catch (error) {
      post(failure(next.id, error));
    }
  }
  running = false;
}

const receive = (data: ToWorker): void => {
  if ('manifest' in data) {
    // The first number formatted in a process loads ICU's data for the language, a long task
    // (70 ms here); done here, off the page's main thread, the page's first one is instant.
    try {
      new Intl.NumberFormat(data.lang).format(0);
      new Intl.PluralRules(data.lang).select(0);
      new Intl.Collator(data.lang).compare('a', 'b');
    } catch {
      // Not a language Intl knows: the page falls back on its own.
    }
    reader = new SplitReader(data.manifest, splitFetch(data.url, data.manifest.build));
    return;
  }
  if ('cancel' in data) {
    exports.get(data.cancel)?.abort();
    return;
  }
  if ('query' in data) {
    if (data.all) void exportAll(data);
    else {
      queries.push(data);
      void run();
    }
    return;
  }
  if ('reports' in data) {
    reports.push(...data.reports);
    if (!data.last) return;
    index = buildIndex(reports, data.language);
    reports = [];
  } else waiting.push(data);
  // Searches are answered after the messages already queued have been read, so a burst of
  // keystrokes costs one search.
  if (index && waiting.length && !draining) {
    draining = true;
    setTimeout(drain);
  }
};

// In a worker (no `document`), the page's messages come here; imported into the page, nothing runs.
if (typeof document == 'undefined') onmessage = ({ data }: MessageEvent<ToWorker>) => receive(data);

/** The same search run in the page, for when no worker can start: answers go to `answer`; returns what takes the page's messages. */
export function inPage(answer: (message: FromWorker) => void): (message: ToWorker) => void {
  post = answer;
  return receive;
}
