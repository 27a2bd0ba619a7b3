/**
 * The search worker of the lite drop-in file (built as reportshelf.search.js beside it): the
 * catalogue's search index lives here, off the page's main thread, which never blocks on building
 * it or on a query. The page sends the reports a slice at a time, then asks text searches by
 * number; each answer carries its number back. Searches asked before the index is built wait;
 * of those asked while it was busy, only the newest is run.
 */
import { answerText, buildIndex, type Report, type ReportIndex, type TextRequest } from '@reportshelf/core';

/** What the page sends: reports (`last` on the final slice), or a search. */
export type ToWorker = { reports: Report[]; last: boolean } | { id: number; request: TextRequest };

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

onmessage = ({ data }: MessageEvent<ToWorker>) => {
  if ('reports' in data) {
    reports.push(...data.reports);
    if (!data.last) return;
    index = buildIndex(reports);
    reports = [];
  } else waiting.push(data);
  // Searches are answered after the messages already queued have been read, so a burst of
  // keystrokes costs one search.
  if (index && waiting.length && !draining) {
    draining = true;
    setTimeout(drain);
  }
};
