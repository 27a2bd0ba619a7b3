/**
 * `npm run bench:designs`: issue 14's index designs compared in one run, in Node's V8 (the
 * engine Chromium runs): for a catalogue of N reports,
 *
 * - full, prebuilt: every field indexed, serialised by the CLI, loaded with `loadJSON`;
 * - head, built: only what the first page, facets and sorting need (no summaries), shipped as
 *   JSON and indexed where it is loaded (a worker, in the browser);
 * - head, prebuilt: the same fields, serialised and loaded with `loadJSON`; summaries would be
 *   searched lazily, in shards;
 * - split (the format chosen, `reportshelf build --split`): years and the shown facets' values by
 *   row, and the index split by term, of which a query fetches the files of its words; the cards
 *   of the reports shown. Its bytes and time to searchable are those of a first query for
 *   "trafficking" (manifest, years, three facets, its index files, ten cards), its heap the
 *   reader's after it, its query time a query's including the index files it parses the first time.
 *
 * For each: bytes to download (gzipped), time to a searchable index, heap held after a full
 * garbage collection, and the median time of a few queries. Medians of BENCH_RUNS runs; ratios to
 * "full, prebuilt" from the same run.
 */
import { gzipSync } from 'node:zlib';
import MiniSearch from 'minisearch';
import {
  INDEX_OPTIONS,
  readManifest,
  SEARCH_OPTIONS,
  splitCatalogue,
  SplitReader,
  type Report,
  type SplitManifest,
} from '@reportshelf/core';
import { generateCatalogue } from './generate.js';

const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const QUERIES = ['trafficking', 'labour migration', 'victim protection nigeria', 'exploit', 'children'];

const heap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** What the head file keeps of a report: everything but the summary. */
const head = ({ summary: _summary, ...rest }: Report) => rest;
const HEAD_OPTIONS = { ...INDEX_OPTIONS, fields: INDEX_OPTIONS.fields.filter((f) => f !== 'summary') };

interface Row {
  design: string;
  bytes: number;
  ready: number;
  heap: number;
  query: number;
}

function measure(design: string, bytes: number, load: () => MiniSearch<Report>): Row {
  const readies: number[] = [];
  const heaps: number[] = [];
  let index: MiniSearch<Report> | undefined;
  for (let run = 0; run < runs; run++) {
    index = undefined;
    const before = heap();
    const start = performance.now();
    index = load();
    readies.push(performance.now() - start);
    heaps.push(heap() - before);
  }
  const queries: number[] = [];
  for (let i = 0; i < 5; i++) {
    for (const q of QUERIES) {
      const start = performance.now();
      index!.search(q, SEARCH_OPTIONS);
      queries.push(performance.now() - start);
    }
  }
  return { design, bytes, ready: median(readies), heap: median(heaps), query: median(queries) };
}

/** The split format, its files parsed from memory as a worker parses what it fetches. */
async function measureSplit(files: Map<string, string>): Promise<Row> {
  const manifest = readManifest(JSON.parse(files.get('catalogue.json')!)) as SplitManifest;
  const SHOWN = ['region', 'country', 'category'] as const;
  let fetched: string[] = [];
  const open = () =>
    new SplitReader(manifest, async (path) => {
      fetched.push(path);
      return JSON.parse(files.get(path)!);
    });
  const readies: number[] = [];
  const heaps: number[] = [];
  let reader: SplitReader | undefined;
  let bytes = 0;
  for (let run = 0; run < runs; run++) {
    reader = undefined;
    fetched = ['catalogue.json'];
    const before = heap();
    const start = performance.now();
    reader = open();
    await reader.query({ q: 'trafficking' }, [...SHOWN]);
    readies.push(performance.now() - start);
    heaps.push(heap() - before);
    bytes = fetched.reduce((n, path) => n + gzipSync(files.get(path)!, { level: 9 }).length, 0);
  }
  const queries: number[] = [];
  for (let i = 0; i < 5; i++) {
    for (const q of QUERIES) {
      const start = performance.now();
      await reader!.query({ q }, [...SHOWN]);
      queries.push(performance.now() - start);
    }
  }
  return { design: 'split (chosen)', bytes, ready: median(readies), heap: median(heaps), query: median(queries) };
}

for (const size of sizes) {
  const catalogue = generateCatalogue(size, 7);
  const reports = catalogue.reports;
  const heads = reports.map(head);
  const fullJson = JSON.stringify(catalogue);
  const headJson = JSON.stringify({ ...catalogue, reports: heads });
  const fullIndex = new MiniSearch<Report>(INDEX_OPTIONS);
  fullIndex.addAll(reports);
  const fullIndexJson = JSON.stringify(fullIndex);
  const headIndex = new MiniSearch<Report>(HEAD_OPTIONS);
  headIndex.addAll(reports);
  const headIndexJson = JSON.stringify(headIndex);
  const gz = (text: string) => gzipSync(text, { level: 9 }).length;
  const summaries = gz(JSON.stringify(reports.map((r) => [r.id, r.summary ?? ''])));

  const rows = [
    // The catalogue itself must come too, to show the first page; the index comes beside it.
    measure('full, prebuilt', gz(fullJson) + gz(fullIndexJson), () =>
      MiniSearch.loadJSON<Report>(fullIndexJson, INDEX_OPTIONS),
    ),
    measure('head, built', gz(headJson), () => {
      const index = new MiniSearch<Report>(HEAD_OPTIONS);
      index.addAll(JSON.parse(headJson).reports);
      return index;
    }),
    measure('head, prebuilt', gz(headJson) + gz(headIndexJson), () =>
      MiniSearch.loadJSON<Report>(headIndexJson, HEAD_OPTIONS),
    ),
  ];
  rows.push(await measureSplit(splitCatalogue(catalogue)));
  const base = rows[0]!;
  console.log(
    `\n${size.toLocaleString('en')} reports (catalogue ${kb(gz(fullJson))} gzipped, head ${kb(gz(headJson))}, summaries ${kb(summaries)})`,
  );
  console.log('| design | bytes (gzip) | ÷ full | to searchable ms | ÷ full | heap | ÷ full | query ms |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.design} | ${kb(r.bytes)} | ${(r.bytes / base.bytes).toFixed(2)} | ${r.ready.toFixed(0)} | ${(r.ready / base.ready).toFixed(2)} | ${mb(r.heap)} | ${(r.heap / base.heap).toFixed(2)} | ${r.query.toFixed(2)} |`,
    );
  }
}
