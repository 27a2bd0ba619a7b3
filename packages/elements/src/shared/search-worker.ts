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
  | { id: number; query: Query; wanted: FacetName[]; all: boolean };

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
  for (const { id } of waiting) postMessage({ id, answer: null });
  waiting = [];
  if (newest) postMessage({ id: newest.id, answer: answerText(index!, newest.request) });
}

let reader: SplitReader | undefined;
const queries: { id: number; query: Query; wanted: FacetName[]; all: boolean }[] = [];
let running = false;

/** Runs the split catalogue's queries one at a time, the newest page first, in arrival order otherwise. */
async function run(): Promise<void> {
  if (running) return;
  running = true;
  // Messages already queued are read first, so that a burst of keystrokes costs one query.
  await new Promise((read) => setTimeout(read));
  while (queries.length > 0) {
    const next = queries.shift()!;
    const newer = () => !next.all && queries.some((q) => !q.all);
    if (newer()) {
      postMessage({ id: next.id, answer: null });
      continue;
    }
    try {
      const answer = await reader!.query(next.query, next.wanted, next.all, newer);
      postMessage({ id: next.id, answer }, { transfer: answer ? [answer.parts.counts.buffer as ArrayBuffer] : [] });
    } catch (error) {
      postMessage({ id: next.id, error: (error as Error).message });
    }
  }
  running = false;
}

onmessage = ({ data }: MessageEvent<ToWorker>) => {
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
    reader = new SplitReader(data.manifest, splitFetch(data.url));
    return;
  }
  if ('query' in data) {
    queries.push(data);
    void run();
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
