/**
 * `npm run bench:relevance`: how well search finds, side by side in one run, on judged queries:
 * - this engine: the project's core (createLibrary, runQuery: relevance order, pageSize 10),
 *   so it measures whatever engine the branch has;
 * - a textbook BM25 (bench/relevance-lib.ts): OR of the words, English stop words, Porter stems;
 * - Pagefind, its JS API (pagefind.js, `search(q)`) in Chromium, over the same documents (title
 *   and summary as one custom record each, in the report's language; one bundle per collection,
 *   searched from a page in the query's language).
 * Collections: the Cranfield collection (bench/relevance/cranfield), the ReliefWeb sample with
 * the queries of bench/relevance/reliefweb-queries.json, and the Arabic fixture with
 * bench/relevance/arabic-queries.json; and, on request, Cranfield with years drawn at random
 * (`cranfield-dated`), which tells what recency in relevance order costs where dates say nothing
 * of relevance. BENCH_COLLECTIONS=cranfield,reliefweb,arabic,cranfield-dated picks some.
 * BENCH_RECENCY=0,0.2,1 adds a row of this engine for each weight of recency (`boostRecent`;
 * the row "this engine" is its default).
 *
 * Figures: nDCG@10, P@10, the share of queries with no result, and the median time of one query
 * (this engine and BM25 in Node; Pagefind in Chromium, index chunks already loaded, `search()`
 * without loading the results' fragments), and judged@10, the share of the results in the first
 * ten places that were judged. BENCH_UNJUDGED=1 lists the results nobody judged; BENCH_PER_QUERY=1
 * prints each query's nDCG@10 (ReliefWeb and Arabic).
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
  loadCranfieldDated,
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
  'cranfield-dated': loadCranfieldDated,
};
const weights = (process.env.BENCH_RECENCY ?? '').split(',').filter(Boolean).map(Number);
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
async function buildPagefind(key: string, catalogue: Catalogue): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  for (const report of catalogue.reports) {
    const language = report.language ?? catalogue.language ?? 'en';
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
}
for (const c of collections) await buildPagefind(c.key, c.catalogue);
await pagefind.close();

const server = createServer((req, res) => {
  const path = normalize(new URL(req.url ?? '/', 'http://x').pathname);
  // A blank page in a language: Pagefind searches the index of its page's language.
  const blank = /^\/([a-z]{2,3})\.html$/.exec(path);
  if (blank) {
    res
      .writeHead(200, { 'Content-Type': 'text/html' })
      .end(`<!doctype html><html lang="${blank[1]}"><head><title>relevance</title></head></html>`);
    return;
  }
  const file = join(work, path);
  if (!file.startsWith(work) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
    res.writeHead(404).end();
    return;
  }
  const type = path.endsWith('.js') ? 'text/javascript' : 'application/octet-stream';
  res.writeHead(200, { 'Content-Type': type }).end(readFileSync(file));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const browser = await launchChromium();

/**
 * Runs in the page (as source text: the bundler's helpers are not there). One untimed pass over
 * the queries loads the index chunks they need; the second is timed.
 */
const PAGEFIND_RUN = `async ({ bundle, queries }) => {
  const pf = await import(bundle + 'pagefind.js');
  await pf.init();
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

/**
 * Every query through Pagefind, each in a page of the query's language: Pagefind keeps one index
 * per language and searches the one of its page's language, as a multilingual site has a search
 * page per language. (Merging the other languages' indexes into one search, with `mergeIndex`,
 * found far less: nothing at all for `casques bleus tués`.)
 */
async function pagefindAnswers(c: Collection & { key: string }): Promise<Answer[]> {
  const answers: Answer[] = new Array<Answer>(c.queries.length);
  const fallback = c.catalogue.language ?? 'en';
  for (const language of new Set(c.queries.map((q) => q.language ?? fallback))) {
    const mine = c.queries.flatMap((q, i) => ((q.language ?? fallback) === language ? [i] : []));
    const page = await browser.newPage();
    await page.goto(`${origin}/${language}.html`);
    const args = JSON.stringify({ bundle: `/${c.key}/pagefind/`, queries: mine.map((i) => c.queries[i]!.text) });
    const found = (await page.evaluate(`(${PAGEFIND_RUN})(${args})`)) as Answer[];
    await page.close();
    mine.forEach((i, n) => (answers[i] = found[n]!));
  }
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
/** nDCG@10 of each query by each system, for BENCH_PER_QUERY=1 (not for Cranfield's 225). */
const perQuery: string[] = [];
let perQueryColumns: string[] = [];
const ratioOf = (flags: boolean[]) => (flags.length === 0 ? 1 : flags.filter(Boolean).length / flags.length);
for (const c of collections) {
  const texts = c.queries.map((q) => q.text);
  const library = createLibrary(c.catalogue);
  const ours = (q: string, boostRecent?: number) =>
    runQuery(library, { q, pageSize: 10, sort: 'relevance', boostRecent }).hits.map((h) => h.report.id);
  const systems: [string, Answer[]][] = [
    ['this engine', answerAll(ours, texts)],
    ...weights.map((w): [string, Answer[]] => [`this engine, boostRecent ${w}`, answerAll((q) => ours(q, w), texts)]),
    ['BM25 baseline', answerAll(bm25(c.catalogue), texts)],
    ['Pagefind', await pagefindAnswers(c)],
  ];
  perQueryColumns = systems.map(([name]) => name);
  if (!c.key.startsWith('cranfield'))
    c.queries.forEach((q, i) =>
      perQuery.push(
        `| ${c.name} | ${q.id} | ${q.text} | ${systems.map(([, answers]) => ndcgAt(answers[i]!.ids, q.grades).toFixed(2)).join(' | ')} |`,
      ),
    );
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
    // Cranfield's judgements are its own: only ours are meant to cover every result shown.
    if (!c.key.startsWith('cranfield'))
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
if (process.env.BENCH_PER_QUERY)
  console.log(
    `\n| collection | query | words | ${perQueryColumns.join(' | ')} |\n|---|---|---|${perQueryColumns.map(() => '---:|').join('')}\n${perQuery.join('\n')}`,
  );
if (process.env.BENCH_UNJUDGED)
  console.log(`\nUnjudged results (collection, query, system, report):\n${unjudged.join('\n')}`);
console.log(`\nRun time: ${((performance.now() - started) / 1000).toFixed(0)} s.`);
