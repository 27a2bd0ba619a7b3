/**
 * The search worker of the lite drop-in file (built as reportshelf.search.js beside it): the
 * catalogue's search index lives here, off the page's main thread, which never blocks on building
 * it or on a query. The page sends the reports a slice at a time, then asks text searches by
 * number; each answer carries its number back. Searches asked before the index is built wait.
 */
import { answerText, buildIndex, type Report, type ReportIndex, type TextRequest } from '@reportshelf/core';

/** What the page sends: reports (`last` on the final slice), or a search. */
export type ToWorker = { reports: Report[]; last: boolean } | { id: number; request: TextRequest };

let reports: Report[] = [];
let index: ReportIndex | undefined;
const waiting: { id: number; request: TextRequest }[] = [];

const answer = ({ id, request }: { id: number; request: TextRequest }) =>
  postMessage({ id, answer: answerText(index!, request) });

onmessage = ({ data }: MessageEvent<ToWorker>) => {
  if ('reports' in data) {
    reports.push(...data.reports);
    if (!data.last) return;
    index = buildIndex(reports);
    reports = [];
    waiting.splice(0).forEach(answer);
  } else if (index) answer(data);
  else waiting.push(data);
};
