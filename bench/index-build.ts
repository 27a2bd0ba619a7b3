/**
 * `npm run bench:index`: how should the widget get a searchable index without a long task?
 * Four ways, in Chromium, at 1,000 and 10,000 reports, each on a fresh page, interleaved:
 * - blocking: `buildIndex` on the main thread in one go (the first release);
 * - sliced: `buildIndexAsync`, time slices of ~8 ms with a task between them (the widget now);
 * - worker: a dedicated worker fetches, checks and indexes the catalogue (the page still parses
 *   its own copy to show the first page); a search is a message to it and back;
 * - prebuilt: a serialised index fetched beside the catalogue and loaded with `loadJSON`.
 * Figures: the longest main-thread task (PerformanceObserver `longtask`, tasks over 50 ms; 0 is
 * none), time to the first page (catalogue parsed, facet tables made), time until a search has
 * its answer, and bytes (gzip). Medians of BENCH_RUNS (default 5) loads.
 */
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium } from '../test/e2e/browser.js';
import { buildIndex, serialiseIndex } from '@reportshelf/core';
import { generateCatalogue } from './generate.js';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const out = mkdtempSync(join(tmpdir(), 'reportshelf-index-'));
for (const [entry, name] of [
  ['./index-page.ts', 'page.js'],
  ['./index-worker.ts', 'index-worker.js'],
] as const) {
  await build({
    logLevel: 'silent',
    resolve: { conditions: ['source'] },
    build: {
      outDir: out,
      emptyOutDir: false,
      lib: {
        entry: fileURLToPath(new URL(entry, import.meta.url)),
        name: 'Bench',
        formats: ['iife'],
        fileName: () => name,
      },
    },
  });
}

const files = new Map<string, Buffer>();
const gz = new Map<string, Buffer>();
const put = (path: string, body: string | Buffer) => {
  files.set(path, Buffer.from(body));
  gz.set(path, gzipSync(files.get(path)!));
};
put('/page.js', readFileSync(join(out, 'page.js')));
put('/index-worker.js', readFileSync(join(out, 'index-worker.js')));
put('/index.html', '<!doctype html><meta charset="utf-8"><title>bench</title><script src="/page.js"></script>');
for (const size of sizes) {
  const catalogue = generateCatalogue(size, 3);
  put(`/cat-${size}.json`, JSON.stringify(catalogue));
  put(`/idx-${size}.json`, serialiseIndex(buildIndex(catalogue.reports)));
}
const server = createServer((req, res) => {
  const body = gz.get(req.url ?? '');
  if (!body) return void res.writeHead(404).end();
  res.writeHead(200, {
    'Content-Type': req.url!.endsWith('.js')
      ? 'text/javascript'
      : req.url!.endsWith('.html')
        ? 'text/html'
        : 'application/json',
    'Content-Encoding': 'gzip',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const browser = await launchChromium();

const WAYS = ['blocking', 'sliced', 'worker', 'prebuilt'] as const;
type Result = { firstPage: number; searchable: number; hits: number; longest: number };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

console.log(`How to get a searchable index: Chromium, medians of ${runs} fresh pages each way, interleaved\n`);
console.log('| reports | way | bytes (gzip) | longest task ms | first page ms | searchable ms | searchable ÷ sliced |');
console.log('|---:|---|---:|---:|---:|---:|---:|');
for (const size of sizes) {
  const samples = new Map<string, Result[]>(WAYS.map((w) => [w, []]));
  for (let r = 0; r < runs; r++) {
    for (const way of WAYS) {
      const context = await browser.newContext();
      await context.addInitScript(
        `window.__longest = 0; new PerformanceObserver((l) => { for (const e of l.getEntries()) __longest = Math.max(__longest, e.duration); }).observe({ type: 'longtask', buffered: true });`,
      );
      const page = await context.newPage();
      await page.goto(`${origin}/index.html`);
      // The page is idle before the measure starts, so that its own load is not counted.
      const result = (await page.evaluate(
        `(async () => { __longest = 0; const r = await measure('${way}', '/cat-${size}.json', '/idx-${size}.json'); await new Promise((d) => setTimeout(d, 100)); return { ...r, longest: __longest }; })()`,
      )) as Result;
      samples.get(way)!.push(result);
      await context.close();
    }
  }
  const hits = new Set(WAYS.map((w) => samples.get(w)![0]!.hits));
  if (hits.size !== 1) throw new Error(`the ways disagree on a search: ${[...hits].join(', ')}`);
  const sliced = median(samples.get('sliced')!.map((s) => s.searchable));
  for (const way of WAYS) {
    const list = samples.get(way)!;
    // The worker fetches its own copy of the catalogue (the page needs one too, to show it).
    const catalogue = gz.get(`/cat-${size}.json`)!.length;
    const bytes =
      catalogue +
      (way === 'prebuilt' ? gz.get(`/idx-${size}.json`)!.length : 0) +
      (way === 'worker' ? catalogue + gz.get('/index-worker.js')!.length : 0);
    const searchable = median(list.map((s) => s.searchable));
    console.log(
      `| ${size.toLocaleString('en')} | ${way} | ${kb(bytes)} | ${ms(median(list.map((s) => s.longest)))} | ${ms(median(list.map((s) => s.firstPage)))} | ${ms(searchable)} | ${(searchable / sliced).toFixed(2)} |`,
    );
  }
}
await browser.close();
server.close();
