/**
 * `npm run bench:relevance`: how well search finds, side by side in one run, on judged queries:
 * - this engine: the project's core (createLibrary, runQuery: relevance order, pageSize 10),
 *   so it measures whatever engine the branch has;
 * - a textbook BM25 (bench/relevance-lib.ts): OR of the words, English stop words, Porter stems;
 * - Pagefind, its JS API (pagefind.js, `search(q)`) in Chromium, over the same documents (title
 *   and summary as one custom record each, in the report's language; one index per collection).
 * Collections: the Cranfield collection (bench/relevance/cranfield), the ReliefWeb sample with
 * the queries of bench/relevance/reliefweb-queries.json, and the Arabic fixture with
 * bench/relevance/arabic-queries.json. BENCH_COLLECTIONS=cranfield,reliefweb,arabic picks some.
 *
 * Figures: nDCG@10, P@10, the share of queries with no result, and the median time of one query
 * (this engine and BM25 in Node; Pagefind in Chromium, index chunks already loaded, `search()`
 * without loading the results' fragments), and judged@10, the share of the results in the first
 * ten places that were judged. BENCH_UNJUDGED=1 lists the results nobody judged.
 */
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { createLibrary, runQuery, type Catalogue } from '@reportshelf/core';
import { launchChromium } from '../test/e2e/browser.js';
import {
  bm25,
  loadArabic,
  loadCranfield,
  loadReliefWeb,
  median,
  ndcgAt,
  precisionAt,
  type Collection,
} from './relevance-lib.js';

const started = performance.now();
const wanted = (process.env.BENCH_COLLECTIONS ?? 'cranfield,reliefweb,arabic').split(',');
const loaders: Record<string, () => Collection> = {
  cranfield: loadCranfield,
  reliefweb: loadReliefWeb,
  arabic: loadArabic,
};
const collections = wanted.map((name) => {
  const load = loaders[name];
  if (!load) throw new Error(`Unknown collection "${name}": ${Object.keys(loaders).join(', ')}`);
  return { key: name, ...load() };
});

/** One system's answer to one query: report ids in order (at most 10), and the time it took. */
interface Answer {
  ids: string[];
  ms: number;
}

/** Times each query once, after one untimed pass over all of them (caches, JIT). */
function answerAll(search: (q: string) => string[], queries: string[]): Answer[] {
  for (const q of queries) search(q);
  return queries.map((q) => {
    const start = performance.now();
    const ids = search(q);
    return { ids, ms: performance.now() - start };
  });
}

// Pagefind: one bundle per collection, written to a temporary folder and served to Chromium.
const work = mkdtempSync(join(tmpdir(), 'reportshelf-relevance-'));
async function buildPagefind(key: string, catalogue: Catalogue): Promise<string[]> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  const languages = new Set<string>();
  for (const report of catalogue.reports) {
    const language = report.language ?? catalogue.language ?? 'en';
    languages.add(language);
    const added = await index.addCustomRecord({
      url: `/${encodeURIComponent(report.id)}`,
      content: `${report.title}\n${report.summary ?? ''}`,
      language,
      meta: { title: report.title },
    });
    if (added.errors.length > 0) throw new Error(`Pagefind refused ${report.id}: ${added.errors.join('; ')}`);
  }
  await index.writeFiles({ outputPath: join(work, key, 'pagefind') });
  await index.deleteIndex();
  return [...languages];
}
const pagefindLanguages = new Map<string, string[]>();
for (const c of collections) pagefindLanguages.set(c.key, await buildPagefind(c.key, c.catalogue));
await pagefind.close();

const server = createServer((req, res) => {
  const path = normalize(new URL(req.url ?? '/', 'http://x').pathname);
  // /KEY/as-LANGUAGE/pagefind/… is the same bundle as /KEY/pagefind/ (see PAGEFIND_RUN).
  const file = join(work, path.replace(/^(\/[^/]+)\/as-[^/]+\//, '$1/'));
  if (path === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>relevance</title>');
    return;
  }
  if (!file.startsWith(work) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
    res.writeHead(404).end();
    return;
  }
  const type = path.endsWith('.js')
    ? 'text/javascript'
    : path.endsWith('.css')
      ? 'text/css'
      : 'application/octet-stream';
  res.writeHead(200, { 'Content-Type': type }).end(readFileSync(file));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const browser = await launchChromium();

/**
 * Runs in the page (as source text: the bundler's helpers are not there). The main index is the
 * first language's; the others are merged in (Pagefind keeps one index per language and otherwise
 * searches only one), each from an address of its own, as Pagefind skips a merge from the primary
 * index's address. One untimed pass over the queries loads the index chunks they need.
 */
const PAGEFIND_RUN = `async ({ bundle, first, others, queries }) => {
  const pf = await import(bundle + 'pagefind.js');
  await pf.options({ language: first });
  await pf.init();
  for (const language of others) {
    const alias = bundle.slice(0, -'pagefind/'.length) + 'as-' + language + '/pagefind/';
    await pf.mergeIndex(alias, { language });
  }
  const search = async (q) => (await pf.search(q))?.results ?? [];
  for (const q of queries) await search(q);
  const out = [];
  for (const q of queries) {
    const start = performance.now();
    const results = await search(q);
    const ms = performance.now() - start;
    const urls = await Promise.all(results.slice(0, 10).map(async (r) => (await r.data()).url));
    out.push({ ids: urls.map((url) => decodeURIComponent(url.slice(url.lastIndexOf('/') + 1))), ms });
  }
  return out;
}`;

/** Every query through Pagefind in one page: each language's index merged, one untimed pass first. */
async function pagefindAnswers(key: string, queries: string[]): Promise<Answer[]> {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  const [first, ...others] = pagefindLanguages.get(key)!;
  const args = JSON.stringify({ bundle: `/${key}/pagefind/`, first, others, queries });
  const answers = (await page.evaluate(`(${PAGEFIND_RUN})(${args})`)) as Answer[];
  await page.close();
  return answers;
}

interface Row {
  collection: string;
  system: string;
  ndcg: number;
  p10: number;
  empty: number;
  /** Of the results in the first ten places, the share that was judged (the rest count as not relevant). */
  judged: number;
  ms: number;
}
/** Results in the first ten places that nobody judged, for BENCH_UNJUDGED=1: what to judge next. */
const unjudged: string[] = [];
const rows: Row[] = [];
const ratioOf = (flags: boolean[]) => (flags.length === 0 ? 1 : flags.filter(Boolean).length / flags.length);
for (const c of collections) {
  const texts = c.queries.map((q) => q.text);
  const library = createLibrary(c.catalogue);
  const ours = (q: string) => runQuery(library, { q, pageSize: 10, sort: 'relevance' }).hits.map((h) => h.report.id);
  const systems: [string, Answer[]][] = [
    ['this engine', answerAll(ours, texts)],
    ['BM25 baseline', answerAll(bm25(c.catalogue), texts)],
    ['Pagefind', await pagefindAnswers(c.key, texts)],
  ];
  for (const [system, answers] of systems) {
    const mean = (f: (a: Answer, i: number) => number) => answers.reduce((s, a, i) => s + f(a, i), 0) / answers.length;
    rows.push({
      collection: `${c.name} (${c.catalogue.reports.length.toLocaleString('en')} reports, ${c.queries.length} queries)`,
      system,
      ndcg: mean((a, i) => ndcgAt(a.ids, c.queries[i]!.grades)),
      p10: mean((a, i) => precisionAt(a.ids, c.queries[i]!.grades)),
      empty: mean((a) => (a.ids.length === 0 ? 1 : 0)),
      judged: ratioOf(answers.flatMap((a, i) => a.ids.map((id) => c.queries[i]!.grades.has(id)))),
      ms: median(answers.map((a) => a.ms)),
    });
    answers.forEach((a, i) => {
      for (const id of a.ids)
        if (!c.queries[i]!.grades.has(id)) unjudged.push(`${c.key}\t${c.queries[i]!.id}\t${system}\t${id}`);
    });
  }
}
await browser.close();
server.close();
rmSync(work, { recursive: true, force: true });

const version = (name: string) =>
  (
    JSON.parse(
      readFileSync(fileURLToPath(new URL(`../node_modules/${name}/package.json`, import.meta.url)), 'utf8'),
    ) as {
      version: string;
    }
  ).version;
console.log(
  `Relevance — node ${process.version}, Pagefind ${version('pagefind')}, ${new Date().toISOString().slice(0, 10)}\n`,
);
console.log('| collection | system | nDCG@10 | P@10 | no result | judged@10 | median ms/query | nDCG@10 ÷ BM25 |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const row of rows) {
  const base = rows.find((r) => r.collection === row.collection && r.system === 'BM25 baseline')!;
  const ratio = base.ndcg === 0 ? 'n/a' : (row.ndcg / base.ndcg).toFixed(2);
  console.log(
    `| ${row.collection} | ${row.system} | ${row.ndcg.toFixed(3)} | ${row.p10.toFixed(3)} | ${(row.empty * 100).toFixed(1)} % | ${(row.judged * 100).toFixed(0)} % | ${row.ms < 10 ? row.ms.toFixed(2) : row.ms.toFixed(0)} | ${ratio} |`,
  );
}
console.log(
  '\njudged@10: the share of the results shown in the first ten places that was judged; the others count as not relevant.',
);
if (process.env.BENCH_UNJUDGED)
  console.log(`\nUnjudged results (collection, query, system, report):\n${unjudged.join('\n')}`);
console.log(`\nRun time: ${((performance.now() - started) / 1000).toFixed(0)} s.`);
