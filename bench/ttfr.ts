/**
 * `npm run bench:embed`: should the drop-in carry a prebuilt index, or build it in the browser?
 * Measures both ways in Chromium, in the same run, at 6, 1,000 and 10,000 reports: bytes to
 * transfer (gzip), time to the first page of results and time until search works. Medians of
 * fresh page loads; the ratio is prebuilt ÷ built.
 */
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium } from '../test/e2e/browser.js';
import { buildIndex, serialiseIndex, type Catalogue } from '@reportshelf/core';
import seed from '../data/catalogue.json' with { type: 'json' };
import { generateCatalogue } from './generate.js';

const runs = Number(process.env.BENCH_RUNS ?? 9);
const out = mkdtempSync(join(tmpdir(), 'reportshelf-ttfr-'));
await build({
  logLevel: 'silent',
  resolve: { conditions: ['source'] },
  build: { outDir: out, lib: { entry: fileURLToPath(new URL('./ttfr-page.ts', import.meta.url)), name: 'Bench', formats: ['iife'], fileName: () => 'page.js' } },
});

const files = new Map<string, string>();
files.set('/page.js', readFileSync(join(out, 'page.js'), 'utf8'));
files.set('/index.html', '<!doctype html><meta charset="utf-8"><title>bench</title><script src="/page.js"></script>');
const sizes: [string, Catalogue][] = [
  ['6 (seed)', seed as Catalogue],
  ['1,000', generateCatalogue(1000, 3)],
  ['10,000', generateCatalogue(10_000, 3)],
];
sizes.forEach(([, catalogue], i) => {
  files.set(`/cat-${i}.json`, JSON.stringify(catalogue));
  files.set(`/idx-${i}.json`, serialiseIndex(buildIndex(catalogue.reports)));
});
const server = createServer((req, res) => {
  const body = files.get(req.url ?? '');
  res.writeHead(body === undefined ? 404 : 200, { 'Content-Type': req.url?.endsWith('.js') ? 'text/javascript' : req.url?.endsWith('.html') ? 'text/html' : 'application/json' });
  res.end(body ?? '');
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const browser = await launchChromium();

type Result = { fetched: number; firstResults: number; searchable: number; shown: number; hits: number };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const gz = (path: string) => gzipSync(files.get(path)!).length;
const kb = (n: number) => `${(n / 1024).toFixed(n < 10_240 ? 1 : 0)} KB`;
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(0));

console.log(`Time to first results and to search, Chromium, medians of ${runs} fresh page loads each way (interleaved)\n`);
console.log('| reports | way | transfer (gzip) | first results ms | searchable ms | ratio first (prebuilt ÷ built) | ratio searchable |');
console.log('|---:|---|---:|---:|---:|---:|---:|');
for (const [i, [label]] of sizes.entries()) {
  const samples: Record<'built' | 'prebuilt', Result[]> = { built: [], prebuilt: [] };
  for (let r = 0; r < runs; r++) {
    for (const way of ['built', 'prebuilt'] as const) {
      const page = await browser.newPage();
      await page.goto(`${origin}/index.html`);
      samples[way].push((await page.evaluate(`measure('/cat-${i}.json', ${way === 'prebuilt' ? `'/idx-${i}.json'` : 'null'})`)) as Result);
      await page.close();
    }
  }
  const built = { first: median(samples.built.map((s) => s.firstResults)), search: median(samples.built.map((s) => s.searchable)) };
  const pre = { first: median(samples.prebuilt.map((s) => s.firstResults)), search: median(samples.prebuilt.map((s) => s.searchable)) };
  if (samples.built[0]!.hits !== samples.prebuilt[0]!.hits) throw new Error('the two ways disagree on a search');
  console.log(`| ${label} | built in the browser | ${kb(gz(`/cat-${i}.json`))} | ${ms(built.first)} | ${ms(built.search)} | | |`);
  console.log(`| ${label} | prebuilt index | ${kb(gz(`/cat-${i}.json`) + gz(`/idx-${i}.json`))} | ${ms(pre.first)} | ${ms(pre.search)} | ${(pre.first / built.first).toFixed(2)} | ${(pre.search / built.search).toFixed(2)} |`);
}
await browser.close();
server.close();
