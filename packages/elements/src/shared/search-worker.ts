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
  readManifest,
  EngineError,
  SplitReader,
  SplitRebuilt,
  splitFetch,
  type EngineErrorKind,
  type FacetName,
  type Query,
  type Report,
  type ReportIndex,
  type SplitAnswer,
  type SplitManifest,
  type TextAnswer,
  type TextRequest,
  type Years,
} from '@reportshelf/core';

/** A question the page asks by number: a single-file catalogue's text search, or a split catalogue's query. */
type Question =
  | { type: 'search'; id: number; request: TextRequest }
  | { type: 'query'; id: number; query: Query; wanted: FacetName[]; all: boolean };

/**
 * What the page sends: reports (`last` on the final slice), a split catalogue to open, a question,
 * or the cancelling of one (a page's query overtaken, an export closed).
 */
export type ToWorker =
  | { type: 'reports'; reports: Report[]; last: boolean; language?: string }
  | { type: 'open'; manifest: unknown; url: string; lang: string }
  | Question
  | { type: 'cancel'; id: number };

/**
 * What the worker sends, by the question's number: a split catalogue's manifest, checked (or what
 * is wrong with it), as the answer to question 0, its opening; a search's answer (null: not searched, a newer
 * one overtook it), a query's (null likewise), why none comes (the kind of failure, or a new build
 * of the catalogue to start over from), or an export's progress.
 */
export type FromWorker =
  | { type: 'opened'; id: 0; manifest: SplitManifest | string }
  | { type: 'found'; id: number; answer: TextAnswer | null }
  | { type: 'answered'; id: number; answer: SplitAnswer | null }
  | { type: 'failed'; id: number; kind: EngineErrorKind; message: string; rebuilt?: SplitManifest }
  | { type: 'progress'; id: number; done: number; total: number };

/**
 * Where answers go: to the page, from the worker; or, when no worker could start (another origin,
 * a Content-Security-Policy), to the page's own handler (`inPage`).
 */
let post = (message: FromWorker, options?: { transfer: Transferable[] }): void => postMessage(message, options);

let reports: Report[] = [];
let index: ReportIndex | undefined;
/** The reports' years, kept (as the index) when the reports are let go: for recency in relevance order. */
let years: Years | undefined;

/** Each dated report's year by id, and the newest. */
function yearsOf(dated: Report[]): Years {
  const byId = new Map<string, number>();
  let newest: number | undefined;
  for (const { id, year } of dated)
    if (year !== undefined) {
      byId.set(id, year);
      if (newest === undefined || year > newest) newest = year;
    }
  return { of: (id) => byId.get(id), newest };
}
let waiting: { id: number; request: TextRequest }[] = [];
let draining = false;

/**
 * Answers the newest search waiting; the older ones (keystrokes typed while a search ran) get
 * `null`, which the page takes as "not searched": it asks again if those words come back.
 */
function drain(): void {
  draining = false;
  const newest = waiting.pop();
  for (const { id } of waiting) post({ type: 'found', id, answer: null });
  waiting = [];
  if (newest) post({ type: 'found', id: newest.id, answer: answerText(index!, newest.request, years) });
}

type QueryQuestion = Extract<Question, { type: 'query' }>;
let reader: SplitReader | undefined;
const queries: QueryQuestion[] = [];
let running = false;

/** Why a question has no answer: what went wrong, by its kind, or the new build the page is to start over from. */
const failure = (id: number, error: unknown): FromWorker =>
  error instanceof SplitRebuilt
    ? { type: 'failed', id, kind: 'damaged', message: error.message, rebuilt: error.manifest }
    : {
        type: 'failed',
        id,
        kind: error instanceof EngineError ? error.kind : 'engine',
        message: (error as Error).message,
      };

/** Questions cancelled by the page (an export closed, a page's query overtaken): they stop fetching. */
const cancelled = new Set<number>();

/**
 * Runs an export beside the pages' queries (a search typed meanwhile is answered at once), telling
 * the page how far it has come, until it is done or cancelled.
 */
async function exportAll({ id, query, wanted }: QueryQuestion): Promise<void> {
  const stop = () => cancelled.has(id);
  try {
    const answer = await reader!.query(query, wanted, true, stop, {
      progress: (done, total) => post({ type: 'progress', id, done, total }),
    });
    post({ type: 'answered', id, answer: stop() ? null : answer });
  } catch (error) {
    post(failure(id, error));
  } finally {
    cancelled.delete(id);
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
    const stale = () => queries.length > 0 || cancelled.has(next.id);
    if (stale()) {
      cancelled.delete(next.id);
      post({ type: 'answered', id: next.id, answer: null });
      continue;
    }
    try {
      const answer = await reader!.query(next.query, next.wanted, next.all, stale);
      post(
        { type: 'answered', id: next.id, answer },
        { transfer: answer ? [answer.parts.counts.buffer as ArrayBuffer] : [] },
      );
    } catch (error) {
      post(failure(next.id, error));
    }
    cancelled.delete(next.id);
  }
  running = false;
}

const receive = (data: ToWorker): void => {
  switch (data.type) {
    case 'open':
      // The first number formatted in a process loads ICU's data for the language, a long task
      // (70 ms here); done here, off the page's main thread, the page's first one is instant.
      try {
        new Intl.NumberFormat(data.lang).format(0);
        new Intl.PluralRules(data.lang).select(0);
        new Intl.Collator(data.lang).compare('a', 'b');
      } catch {
        // Not a language Intl knows: the page falls back on its own.
      }
      {
        const manifest = readManifest(data.manifest);
        post({ type: 'opened', id: 0, manifest });
        if (typeof manifest != 'string') reader = new SplitReader(manifest, splitFetch(data.url, manifest.build));
      }
      return;
    case 'cancel':
      cancelled.add(data.id);
      return;
    case 'query':
      if (data.all) void exportAll(data);
      else {
        queries.push(data);
        void run();
      }
      return;
    case 'reports':
      reports.push(...data.reports);
      if (!data.last) return;
      index = buildIndex(reports, data.language);
      years = yearsOf(reports);
      reports = [];
      break;
    case 'search':
      waiting.push(data);
  }
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
