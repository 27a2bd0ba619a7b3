/**
 * `npm run bench:embed`: Reportshelf's drop-in side by side with Pagefind's component UI, on the
 * same synthetic catalogue, in Chromium, served by one local gzip server.
 *
 * Each run opens a fresh browser context (a cold cache), types a query as soon as the search box
 * appears, then a second one once the first results show. Measured in the page:
 * - first results: from navigation to the first search results on screen, for whatever part of
 *   the query has been typed (results that follow typing show sooner);
 * - whole query: from navigation to the results for the whole first query;
 * - next query: from the last keystroke of the second query to its results on screen;
 * - bytes: what the server sent (gzip where it compresses) until the first results showed;
 * - longest task: the longest main-thread task (PerformanceObserver `longtask`, which reports
 *   tasks over 50 ms; 0 means none) from navigation to the second query's results.
 * The two systems alternate; figures are medians, ratios are ours ÷ Pagefind.
 *
 * Catalogues of BENCH_SPLIT_FROM reports (default 10,000) or more are served in the split format
 * (`reportshelf build --split`), smaller ones as one file.
 *
 * BENCH_SIZES (default 200,1000,10000) and BENCH_RUNS (default 5) change the work.
 */
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/e2e/browser.js';
import { splitCatalogue } from '@reportshelf/core';
import { generateCatalogue } from './generate.js';
import { buildPagefindSite, closePagefind } from './pagefind-site.js';

const sizes = (process.env.BENCH_SIZES ?? '200,1000,10000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const splitFrom = Number(process.env.BENCH_SPLIT_FROM ?? 10_000);
/** How long a step may take: Pagefind's component UI renders every match, minutes at 100,000 reports. */
const WAIT = 900_000;
const dist = fileURLToPath(new URL('../packages/embed/dist/', import.meta.url));
if (!existsSync(join(dist, 'reportshelf.lite.js')))
  throw new Error('Build the drop-in first: npm run build -w @reportshelf/embed');

// Words both engines find in the synthetic catalogue (its vocabulary is the seed's).
const FIRST = 'trafficking';
const SECOND = 'children migrants';

const work = mkdtempSync(join(tmpdir(), 'reportshelf-side-by-side-'));
const generated = new Map<string, string>();
for (const size of sizes) {
  const catalogue = generateCatalogue(size, 3);
  // Large catalogues in the split format (what the README advises from 10,000 reports).
  const split = size >= splitFrom;
  if (split)
    for (const [path, text] of splitCatalogue(catalogue)) {
      mkdirSync(dirname(join(work, `s${size}`, 'split', path)), { recursive: true });
      writeFileSync(join(work, `s${size}`, 'split', path), text);
    }
  else generated.set(`/s${size}/catalogue.json`, JSON.stringify(catalogue));
  generated.set(
    `/s${size}/ours.html`,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reportshelf</title><script src="/reportshelf.lite.js"></script></head>` +
      `<body><main><shelf-library src="/s${size}/${split ? 'split/' : ''}catalogue.json"></shelf-library></main></body></html>`,
  );
  await buildPagefindSite(catalogue, join(work, `s${size}`, 'pf'), `/s${size}/pf/`);
}
await closePagefind();

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};
const compressed = new Map<string, Buffer>();
/** What the server sent and when: [epoch ms when the response finished, bytes]. */
let sent: [number, number][] = [];
const server = createServer((req, res) => {
  const path = normalize(new URL(req.url ?? '/', 'http://x').pathname);
  let body: Buffer | undefined;
  if (generated.has(path)) body = Buffer.from(generated.get(path)!);
  // The lite file, and what it loads from beside itself (its search worker, languages, panels).
  else if (/^\/reportshelf\.[a-z]+(\.[a-z]+)?\.js$/.test(path) && existsSync(join(dist, path)))
    body = readFileSync(join(dist, path));
  else if (/\/(pf|split)\//.test(path) && existsSync(join(work, path)) && statSync(join(work, path)).isFile())
    body = readFileSync(join(work, path));
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  const type = TYPES[extname(path)];
  const headers: Record<string, string> = {
    'Content-Type': type ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
    // Cross-origin isolated, so that the page can measure its memory, its workers' included.
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
  };
  // Text is gzipped, as any web server would; Pagefind's index files are compressed already.
  if (type && /gzip/.test(String(req.headers['accept-encoding']))) {
    const key = path;
    if (!compressed.has(key)) compressed.set(key, gzipSync(body, { level: 6 }));
    body = compressed.get(key)!;
    headers['Content-Encoding'] = 'gzip';
  }
  const length = body.length;
  res.on('finish', () => sent.push([Date.now(), length]));
  res.writeHead(200, headers).end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

/** Installed before any page script: long tasks, keystroke times, and marks set when a condition first holds. */
const INSTRUMENT = `
  window.__bench = { longest: 0, lastKey: 0, marks: {} };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) __bench.longest = Math.max(__bench.longest, e.duration); })
    .observe({ type: 'longtask', buffered: true });
  addEventListener('keydown', (e) => { __bench.lastKey = e.timeStamp; }, true);
  // What the longest frames did (Long Animation Frames), for BENCH_FRAMES=1.
  __bench.frames = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) __bench.frames.push({ at: Math.round(e.startTime), ms: Math.round(e.duration), blocking: Math.round(e.blockingDuration), layout: Math.round(e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0), scripts: e.scripts.map((s) => Math.round(s.duration) + ' ms ' + s.invoker + ' ' + (s.sourceFunctionName || '')) }); })
    .observe({ type: 'long-animation-frame', buffered: true });
  __bench.watch = (name, condition) => {
    const check = () => { if (condition()) __bench.marks[name] = performance.now(); else requestAnimationFrame(check); };
    check();
  };
`;

interface System {
  name: string;
  url: (size: number) => string;
  input: string;
  /** Browser-side source of a function: is the search box on screen? */
  box: string;
  /** Browser-side source of a function: are results for these words (or, with no words, for any search) on screen? */
  resultsFor: (words: string) => string;
}

const deepText = `(el) => (el && el.shadowRoot ? el.shadowRoot.textContent : '')`;
const SYSTEMS: System[] = [
  {
    name: 'Reportshelf',
    url: (size) => `/s${size}/ours.html`,
    input: 'shelf-search-box input',
    box: `() => { const lib = document.querySelector('shelf-library'); const box = lib && lib.shadowRoot && lib.shadowRoot.querySelector('shelf-search-box'); return !!(box && box.shadowRoot && box.shadowRoot.querySelector('input')); }`,
    resultsFor: (words) => `() => {
      const text = ${deepText};
      const lib = document.querySelector('shelf-library');
      const root = lib && lib.shadowRoot;
      if (!root) return false;
      const summary = text(root.querySelector('shelf-result-summary'));
      const list = root.querySelector('shelf-report-list');
      return summary.includes('for “${words}') && !summary.includes('for “”') && !!list && !!list.shadowRoot && list.shadowRoot.querySelectorAll('shelf-report-card').length > 0;
    }`,
  },
  {
    name: 'Pagefind',
    url: (size) => `/s${size}/pf/index.html`,
    input: 'pagefind-input input',
    box: `() => !!document.querySelector('pagefind-input input')`,
    resultsFor: (words) => `() => {
      const summary = document.querySelector('pagefind-summary');
      const titles = [...document.querySelectorAll('pagefind-results .pf-result-title')].filter((t) => t.textContent.trim() !== '');
      return !!summary && / for \\S/.test(summary.textContent) && summary.textContent.includes('${words}') && titles.length > 0;
    }`,
  },
];

interface Sample {
  /** The search box on screen, and the first query's last keystroke, from navigation: where the figures below start from. */
  box: number;
  typed: number;
  any: number;
  first: number;
  next: number;
  bytes: number;
  longest: number;
  /** JavaScript memory of the page and its workers after the second query (measureUserAgentSpecificMemory). */
  memory: number;
}

async function run(browser: Browser, system: System, size: number): Promise<Sample> {
  const context = await browser.newContext();
  await context.addInitScript(INSTRUMENT);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  sent = [];
  await page.goto(origin + system.url(size), { waitUntil: 'commit' });
  await page.evaluate(`__bench.watch('box', ${system.box})`);
  const input = page.locator(system.input);
  await input.waitFor({ state: 'visible', timeout: WAIT });
  await page.evaluate(
    `__bench.watch('any', ${system.resultsFor('')}); __bench.watch('first', ${system.resultsFor(FIRST)})`,
  );
  await input.focus();
  await page.keyboard.type(FIRST);
  await page.evaluate('__bench.marks.typed = __bench.lastKey');
  await page.waitForFunction('__bench.marks.first', undefined, { timeout: WAIT, polling: 50 });
  await page.evaluate(`__bench.watch('second', ${system.resultsFor(SECOND)})`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(SECOND);
  await page.waitForFunction('__bench.marks.second', undefined, { timeout: WAIT, polling: 50 });
  const m = (await page.evaluate(
    '({ box: __bench.marks.box, typed: __bench.marks.typed, any: __bench.marks.any, first: __bench.marks.first, second: __bench.marks.second, lastKey: __bench.lastKey, longest: __bench.longest, origin: performance.timeOrigin })',
  )) as {
    box: number;
    typed: number;
    any: number;
    first: number;
    second: number;
    lastKey: number;
    longest: number;
    origin: number;
  };
  const bytes = sent.filter(([t]) => t <= m.origin + m.any).reduce((n, [, b]) => n + b, 0);
  if (process.env.BENCH_FRAMES)
    console.error(
      system.name,
      size,
      JSON.stringify(
        ((await page.evaluate('__bench.frames')) as { blocking: number }[]).filter((f) => f.blocking > 0),
        null,
        1,
      ),
    );
  // The page's JavaScript memory, its workers' included, after the second query.
  const memory = (await page.evaluate(
    'self.crossOriginIsolated ? performance.measureUserAgentSpecificMemory().then((m) => m.bytes) : -1',
  )) as number;
  await context.close();
  if (errors.length > 0) throw new Error(`${system.name} at ${size}: ${errors.join('; ')}`);
  return {
    box: m.box,
    typed: m.typed,
    any: m.any,
    first: m.first,
    next: m.second - m.lastKey,
    bytes,
    longest: m.longest,
    memory,
  };
}

interface Summary extends Sample {
  /** The median run's longest task (`longest` is the largest of all runs). */
  medianLongest: number;
}
const summarise = (list: Sample[]): Summary => ({
  box: median(list.map((x) => x.box)),
  typed: median(list.map((x) => x.typed)),
  any: median(list.map((x) => x.any)),
  first: median(list.map((x) => x.first)),
  next: median(list.map((x) => x.next)),
  bytes: median(list.map((x) => x.bytes)),
  longest: Math.max(...list.map((x) => x.longest)),
  memory: median(list.map((x) => x.memory)),
  medianLongest: median(list.map((x) => x.longest)),
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));
const kb = (n: number) => `${(n / 1024).toFixed(n < 10_240 ? 1 : 0)} KB`;
const mb = (n: number) => (n < 0 ? 'n/a' : `${(n / 1048576).toFixed(1)} MB`);
const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '1.00' : 'n/a') : (a / b).toFixed(2));

// Memory is measured at once rather than at the next garbage collection.
const browser = await launchChromium(['--enable-blink-features=ForceEagerMeasureMemory']);
const table: string[] = [];
const timeline: string[] = [];
for (const size of sizes) {
  const samples = new Map<string, Sample[]>(SYSTEMS.map((s) => [s.name, []]));
  for (let r = 0; r < runs; r++) {
    // Alternate which system goes first, so that neither always meets a warmer machine.
    for (const system of r % 2 === 0 ? SYSTEMS : [...SYSTEMS].reverse())
      samples.get(system.name)!.push(await run(browser, system, size));
  }
  const [ours, theirs] = SYSTEMS.map((s) => summarise(samples.get(s.name)!)) as [Summary, Summary];
  timeline.push(
    `| ${size.toLocaleString('en')} | ${ms(ours.box)} | ${ms(theirs.box)} | ${ms(ours.typed)} | ${ms(theirs.typed)} | ${ms(ours.first - ours.typed)} | ${ms(theirs.first - theirs.typed)} | ${mb(ours.memory)} | ${mb(theirs.memory)} |`,
  );
  table.push(
    `| ${size.toLocaleString('en')} | ${ms(ours.any)} | ${ms(theirs.any)} | **${ratio(ours.any, theirs.any)}** | ${ms(ours.first)} | ${ms(theirs.first)} | **${ratio(ours.first, theirs.first)}** | ${ms(ours.next)} | ${ms(theirs.next)} | **${ratio(ours.next, theirs.next)}** | ${kb(ours.bytes)} | ${kb(theirs.bytes)} | **${ratio(ours.bytes, theirs.bytes)}** | ${ms(ours.medianLongest)} (max ${ms(ours.longest)}) | ${ms(theirs.medianLongest)} (max ${ms(theirs.longest)}) |`,
  );
}
await browser.close();
server.close();
rmSync(work, { recursive: true, force: true });

console.log(
  `Reportshelf (reportshelf.lite.js, catalogue by src) and Pagefind ${JSON.parse(readFileSync(fileURLToPath(new URL('../node_modules/pagefind/package.json', import.meta.url)), 'utf8')).version} (component UI), Chromium, medians of ${runs} cold loads each, alternating`,
);
console.log(
  `First query "${FIRST}" typed as soon as the search box appears; second query "${SECOND}". Ratios: Reportshelf ÷ Pagefind.\n`,
);
console.log(
  '| reports | first results ms: ours | Pagefind | ratio | whole first query ms: ours | Pagefind | ratio | next query ms: ours | Pagefind | ratio | bytes to first results: ours | Pagefind | ratio | longest task ms: ours | Pagefind |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const row of table) console.log(row);
console.log(
  "\nWhere the first results' time goes (medians, ms from navigation): the search box on screen, the last keystroke of the first query, and from there to its results; and the JavaScript memory of the page and its workers after the second query (measureUserAgentSpecificMemory).\n",
);
console.log(
  '| reports | search box: ours | Pagefind | last keystroke: ours | Pagefind | keystroke to results: ours | Pagefind | memory: ours | Pagefind |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const row of timeline) console.log(row);
