/**
 * A catalogue's reports as COPY lines of the staging table, with the index terms they hold: made
 * here for a small catalogue, or by worker threads (rows-worker.ts), one per core, for a large
 * one, while COPY sends the lines made already.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Report } from '@reportshelf/core';
import { foldedText, termsOf, titleKey } from './words.js';

/** A value for COPY's text format: backslash, tab, newline and carriage return escaped. */
const field = (value: string | number | undefined | null): string =>
  value === undefined || value === null
    ? '\\N'
    : String(value).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

/** An array as a text[] value: each element quoted, its backslashes and double quotes escaped. */
const array = (values: readonly string[] | undefined): string =>
  `{${(values ?? []).map((value) => `"${value.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;

/** The columns of a COPY line, as the reports' table names them. */
export const COLUMNS =
  'id, pos, report, year, title_key, regions, countries, categories, authors, organizations, language, terms, folded';

/** Some reports' COPY lines, and their index terms. */
export interface Rows {
  text: string;
  terms: string[];
}

/** The COPY lines of `reports` (COLUMNS), the first at position `first`. */
export function rowsOf(reports: readonly Report[], first: number, language: string | undefined): Rows {
  const lines: string[] = [];
  const terms = new Set<string>();
  for (let i = 0; i < reports.length; i++) {
    const report = reports[i]!;
    const analysed = termsOf(report, language);
    for (const term of analysed.terms) terms.add(term);
    lines.push(
      [
        field(report.id),
        field(first + i),
        field(JSON.stringify(report)),
        field(report.year),
        field(titleKey(report.title)),
        field(array(report.regions)),
        field(array(report.countries)),
        field(array(report.categories)),
        field(array(report.authors)),
        field(array(report.organizations)),
        field(report.language),
        field(analysed.vector),
        field(foldedText(report)),
      ].join('\t') + '\n',
    );
  }
  return { text: lines.join(''), terms: [...terms] };
}

/** Whether this runs from its TypeScript source (see source-worker.mjs). */
const SOURCE = import.meta.url.endsWith('.ts');

/** Reports a batch: COPY gets lines a batch at a time. */
const BATCH = 1000;

/** From this many reports, worker threads analyse them: fewer are done before the threads would start. */
export const THREADS_FROM = 5000;

/**
 * The catalogue's COPY lines, a batch at a time and in order, positions from `base` on, made on
 * `threads` worker threads (none: here), each batch's terms added to `terms`. `waited` is told
 * how long each batch was waited for (the analysis's share of the load's time).
 */
export async function* rowBatches(
  reports: readonly Report[],
  base: number,
  language: string | undefined,
  terms: Set<string>,
  threads: number,
  waited: (ms: number, sent: number) => void,
): AsyncGenerator<string> {
  if (threads < 1) {
    for (let at = 0; at < reports.length; at += BATCH) {
      const started = performance.now();
      const rows = rowsOf(reports.slice(at, at + BATCH), base + at, language);
      for (const term of rows.terms) terms.add(term);
      waited(performance.now() - started, Math.min(reports.length, at + BATCH));
      yield rows.text;
    }
    return;
  }
  // Each worker answers its batches in the order it was given them: batch i is worker i mod n's.
  const workers = Array.from({ length: threads }, () => {
    const worker = SOURCE
      ? new Worker(new URL('./source-worker.mjs', import.meta.url), {
          workerData: { entry: new URL('./rows-worker.ts', import.meta.url).href },
        })
      : new Worker(new URL('./rows-worker.js', import.meta.url));
    const waiting: { resolve: (rows: Rows) => void; reject: (error: Error) => void }[] = [];
    worker.on('message', (rows: Rows) => waiting.shift()!.resolve(rows));
    const fail = (error: Error) => {
      for (const one of waiting.splice(0)) one.reject(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the analysis's worker thread stopped (${code})`)));
    return { worker, waiting };
  });
  const batches = Math.ceil(reports.length / BATCH);
  const asked: (Promise<Rows> | undefined)[] = [];
  const ask = (i: number) => {
    const { worker, waiting } = workers[i % threads]!;
    const rows = new Promise<Rows>((resolve, reject) => waiting.push({ resolve, reject }));
    // Failures are met when the batch is waited for; not before, as unhandled.
    rows.catch(() => {});
    worker.postMessage({ reports: reports.slice(i * BATCH, (i + 1) * BATCH), first: base + i * BATCH, language });
    asked[i] = rows;
  };
  // Two batches ahead per thread: each has the next to do while COPY takes one.
  const ahead = threads * 2;
  try {
    for (let i = 0; i < Math.min(ahead, batches); i++) ask(i);
    for (let i = 0; i < batches; i++) {
      const started = performance.now();
      const rows = await asked[i]!;
      asked[i] = undefined;
      if (i + ahead < batches) ask(i + ahead);
      for (const term of rows.terms) terms.add(term);
      waited(performance.now() - started, Math.min(reports.length, (i + 1) * BATCH));
      yield rows.text;
    }
  } finally {
    for (const { worker } of workers) {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }
}

/** The worker threads for a catalogue of `count` reports: one per core, none for a small one. */
export const threadsFor = (count: number): number => (count < THREADS_FROM ? 0 : availableParallelism());
