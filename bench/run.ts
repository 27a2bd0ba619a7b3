/**
 * `npm run bench`: index build, serialised size and load, memory, and runQuery against a bare
 * MiniSearch search of the same text in the same run. Figures are medians and ratios: the
 * machines are shared and noisy, so a single timing means nothing.
 */
import { gzipSync } from 'node:zlib';
import {
  buildIndex,
  createLibrary,
  loadIndex,
  queryTerms,
  runQuery,
  serialiseIndex,
  type Query,
} from '@reportshelf/core';
import { generateCatalogue } from './generate.js';

const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const now = () => performance.now();

function time(fn: () => unknown, runs: number): { median: number; p95: number } {
  for (let i = 0; i < Math.min(5, runs); i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    fn();
    samples.push(now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(runs / 2)]!, p95: samples[Math.min(runs - 1, Math.floor(runs * 0.95))]! };
}

/**
 * Times two functions alternately, run after run: medians and 95th percentiles of each, and the
 * median of the per-pair ratios a/b (each pair back to back, so drift on the machine cancels).
 */
function timePair(
  a: () => unknown,
  b: () => unknown,
  runs: number,
): [{ median: number; p95: number }, { median: number; p95: number }, number] {
  for (let i = 0; i < Math.min(5, runs); i++) {
    a();
    b();
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = now();
    a();
    sa.push(now() - start);
    start = now();
    b();
    sb.push(now() - start);
  }
  const stats = (xs: number[]) => {
    xs.sort((x, y) => x - y);
    return { median: xs[Math.floor(runs / 2)]!, p95: xs[Math.min(runs - 1, Math.floor(runs * 0.95))]! };
  };
  const ratios = sa.map((x, i) => x / sb[i]!).sort((x, y) => x - y);
  return [stats(sa), stats(sb), ratios[Math.floor(runs / 2)]!];
}

const heap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(0));
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

console.log(`Reportshelf benchmark — node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| reports | build ms (median) | index JSON | gzip | load ms | load/build | heap: reports | heap: index |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
const queryRows: string[] = [];
for (const size of sizes) {
  const before = heap();
  const catalogue = generateCatalogue(size, 42);
  const afterData = heap();
  const buildRuns = size >= 100_000 ? 3 : size >= 10_000 ? 5 : 15;
  const build = time(() => buildIndex(catalogue.reports), buildRuns);
  const index = buildIndex(catalogue.reports);
  const afterIndex = heap();
  const json = serialiseIndex(index);
  const gz = gzipSync(json).length;
  const load = time(() => loadIndex(json), buildRuns);
  console.log(
    `| ${size.toLocaleString('en')} | ${ms(build.median)} | ${kb(json.length)} | ${kb(gz)} | ${ms(load.median)} | ${(load.median / build.median).toFixed(2)} | ${kb(afterData - before)} | ${kb(afterIndex - afterData)} |`,
  );

  const library = createLibrary(catalogue, { index: json });
  // The baseline is the very index runQuery uses, searched bare for the same terms: the words as
  // the analysis reads them (stems, stop words out), any of them (as runQuery's best matches),
  // the last one as a prefix (as runQuery's typing).
  const bare = library.index!;
  const bareSearch = (text: string) => {
    const terms = text.split(' ').flatMap((word) => queryTerms(word, ['en']).terms);
    return bare.search(terms.join(' '), { prefix: (_term, i, all) => i === all.length - 1 });
  };
  const first = catalogue.reports[0]!;
  const queries: [string, Partial<Query>][] = [
    ['text only', { q: 'human trafficking' }],
    ['text + 2 filters', { q: 'human trafficking', filters: { region: [first.regions[0]!], category: ['Research'] } }],
    ['filters only', { filters: { region: [first.regions[0]!], country: [first.countries[0]!] } }],
    ['empty', {}],
  ];
  const runs = size >= 100_000 ? 21 : 201;
  for (const [label, query] of queries) {
    const text = query.q ?? '';
    // The two are timed alternately, so that drift on a shared machine falls on both alike.
    const [ours, base, pairRatio] =
      text === ''
        ? [time(() => runQuery(library, query), runs), undefined, undefined]
        : timePair(
            () => runQuery(library, query),
            () => bareSearch(text),
            runs,
          );
    const total = runQuery(library, query).total;
    const ratio = base
      ? `${pairRatio!.toFixed(2)} (medians: ${(ours.median / base.median).toFixed(2)})`
      : 'n/a (no text)';
    queryRows.push(
      `| ${size.toLocaleString('en')} | ${label} | ${total.toLocaleString('en')} | ${ms(ours.median)} | ${ms(ours.p95)} | ${base ? ms(base.median) : '–'} | ${ratio} |`,
    );
  }
}
console.log(
  '\n| reports | query | hits | runQuery median ms | p95 ms | bare MiniSearch median ms | ratio: median of pairs (of medians) |',
);
console.log('|---:|---|---:|---:|---:|---:|---:|');
for (const row of queryRows) console.log(row);
console.log(
  '\nAim: ratio ≤ 1.5 at 10,000 reports (runQuery adds filters, facet counts, sort and paging to the bare search).',
);
