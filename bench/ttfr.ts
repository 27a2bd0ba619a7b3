/**
 * `npm run bench:embed`: Reportshelf's drop-in side by side with Pagefind's component UI, on the
 * same synthetic catalogue, in Chromium, served by one local gzip server, on two networks: loopback,
 * and slow 4G (150 ms round trip per request and one 1.6 Mbit/s link that concurrent responses
 * share, applied by the server, so that workers' requests are shaped too: bench/network.ts).
 *
 * Each run opens a fresh browser context (a cold cache), types a query as soon as the search box
 * appears, then a second one once the first results show. Two kinds of query: broad
 * ("trafficking", then "children migrants": most reports match) and selective (a country's name,
 * "sahamo", then another, "lurimo": about one report in 130 matches). Measured in the page:
 * - first results: from navigation to the first search results on screen, for whatever part of
 *   the query has been typed (results that follow typing show sooner);
 * - whole query: from navigation to the results for the whole first query;
 * - next query: from the last keystroke of the second query to its results on screen;
 * - bytes: what the server sent (headers and gzipped bodies) until the first results showed;
 * - longest task: the longest main-thread task (PerformanceObserver `longtask`, which reports
 *   tasks over 50 ms; 0 means none) from navigation to the second query's results;
 * - second visit: Reportshelf's page opened again in the same browser context (its HTTP cache
 *   warm), the same first query typed: the bytes the server sent until its results showed, ÷ the
 *   first visit's. The server caches as the README asks (ETag and 304; a year for a split build's
 *   files).
 * The two systems alternate; figures are medians, ratios are ours ÷ Pagefind.
 *
 * Catalogues are made by the CLI (`reportshelf build`), in the layout it picks for their size
 * unless `--layout single,split` asks for one or both.
 *
 * Options (or environment variables): --sizes=200,1000,10000,100000 (BENCH_SIZES), --runs=3
 * (BENCH_RUNS), --networks=loopback,slow4g, --queries=broad,selective, --layout=auto|single|split
 * (comma-separated for several), --quick (200 and 1,000 reports, one run), --waterfall (the
 * requests of Reportshelf's median run until its first results, for each case), --dist=FOLDER (the
 * drop-in files to serve, a copy of an earlier build's packages/embed/dist: before and after),
 * --against=FOLDER (another build's drop-in files run beside the one served, in the same runs and
 * alternating with it: a before and after measured in the same conditions, each against Pagefind),
 * --read=MS (the visitor reads the first results this long before typing the next query; 0, at
 * once, by default: what a split catalogue fetches ahead meanwhile shows in the next query),
 * --http2 (the server speaks HTTP/2 over TLS, as CDNs and most hosts do, rather than HTTP/1.1 and
 * its six connections a host: every request of a page at once on one connection; a response's
 * bytes are then its body and its headers as written).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../test/e2e/browser.js';
import { isSplit } from '@reportshelf/core';
import { main as reportshelf } from '../packages/cli/src/cli.js';
import { generateCatalogue } from './generate.js';
import { NETWORKS, startBenchServer, type Network, type Sent } from './network.js';
import { buildPagefindSite, closePagefind } from './pagefind-site.js';

const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string' },
    runs: { type: 'string' },
    networks: { type: 'string' },
    queries: { type: 'string' },
    layout: { type: 'string' },
    quick: { type: 'boolean' },
    waterfall: { type: 'boolean' },
    dist: { type: 'string' },
    against: { type: 'string' },
    read: { type: 'string' },
    http2: { type: 'boolean' },
  },
});
const list = (text: string) => text.split(',').map((x) => x.trim());
const sizes = list(flags.sizes ?? process.env.BENCH_SIZES ?? (flags.quick ? '200,1000' : '200,1000,10000,100000')).map(
  Number,
);
/** Milliseconds between the first results and the next query's first keystroke. */
const read = Number(flags.read ?? 0);
const runs = Number(flags.runs ?? process.env.BENCH_RUNS ?? (flags.quick ? 1 : 3));
const networks = list(flags.networks ?? 'loopback,slow4g').map((name) => {
  const network = NETWORKS[name];
  if (!network) throw new Error(`--networks: "${name}" is not one of ${Object.keys(NETWORKS).join(', ')}`);
  return network;
});
const layouts = list(flags.layout ?? 'auto');
for (const layout of layouts)
  if (!['auto', 'single', 'split'].includes(layout))
    throw new Error(`--layout: "${layout}" is not auto, single or split`);
/** How long a step may take: Pagefind's component UI renders every match, minutes at 100,000 reports. */
const WAIT = 900_000;
// Another build of the drop-in (a copy of an earlier one's dist), to measure before and after in one sitting.
const dist = flags.dist ?? fileURLToPath(new URL('../packages/embed/dist/', import.meta.url));
if (!existsSync(join(dist, 'reportshelf.lite.js')))
  throw new Error('Build the drop-in first: npm run build -w @reportshelf/embed');
// The other build, served under /against/ beside the first.
const against = flags.against;
if (against && !existsSync(join(against, 'reportshelf.lite.js')))
  throw new Error(`--against: no reportshelf.lite.js in ${against}`);

// Words both engines find in the synthetic catalogue: its vocabulary is the seed's, where every
// word is in a tenth of the reports or more; its countries' names are made of syllables, and the
// rarest are in about one report in 130 (3, 7, 58 and 753 reports at 200, 1,000, 10,000, 100,000).
const QUERIES: Record<string, [first: string, second: string]> = {
  broad: ['trafficking', 'children migrants'],
  selective: ['sahamo', 'lurimo'],
};
const queries = list(flags.queries ?? 'broad,selective').map((name) => {
  if (!QUERIES[name]) throw new Error(`--queries: "${name}" is not broad or selective`);
  return name;
});

const work = mkdtempSync(join(tmpdir(), 'reportshelf-side-by-side-'));
/** The layout the CLI wrote, for each size and layout asked. */
const written = new Map<string, 'single' | 'split'>();
const quiet = () => new Writable({ write: (_chunk, _encoding, done) => done() }) as never;
for (const size of sizes) {
  const catalogue = generateCatalogue(size, 3);
  const input = join(work, `s${size}`, 'input.json');
  mkdirSync(join(work, `s${size}`), { recursive: true });
  writeFileSync(input, JSON.stringify(catalogue));
  for (const layout of layouts) {
    // The page's src is the same file whatever the layout: the catalogue, or the split format's manifest.
    const out = join(work, `s${size}`, layout);
    const args =
      layout === 'split'
        ? ['--split', out]
        : ['-o', join(out, 'catalogue.json'), ...(layout === 'single' ? ['--single'] : [])];
    mkdirSync(out, { recursive: true });
    const status = await reportshelf(['build', input, ...args], quiet(), quiet());
    if (status !== 0) throw new Error(`reportshelf build ${args.join(' ')}: exit status ${status}`);
    written.set(
      `${size} ${layout}`,
      isSplit(JSON.parse(readFileSync(join(out, 'catalogue.json'), 'utf8'))) ? 'split' : 'single',
    );
    for (const [page, script] of [
      [layout, '/reportshelf.lite.js'],
      [`${layout}-against`, '/against/reportshelf.lite.js'],
    ])
      writeFileSync(
        join(work, `s${size}`, `${page}.html`),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reportshelf</title><script src="${script}"></script></head>` +
          `<body><main><shelf-library src="/s${size}/${layout}/catalogue.json"></shelf-library></main></body></html>`,
      );
  }
  rmSync(input);
  await buildPagefindSite(catalogue, join(work, `s${size}`, 'pf'), `/s${size}/pf/`);
}
await closePagefind();

const bench = await startBenchServer(
  // The lite file, and what it loads from beside itself (its search worker, languages, panels); the rest from the work folder.
  (path) =>
    /^\/reportshelf\.[a-z]+(\.[a-z]+)?\.js$/.test(path)
      ? join(dist, path)
      : against && /^\/against\/reportshelf\.[a-z]+(\.[a-z]+)?\.js$/.test(path)
        ? join(against, path.slice('/against'.length))
        : join(work, path),
  // Cross-origin isolated, so that the page can measure its memory, its workers' included.
  { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  { http2: flags.http2 === true },
);
const origin = bench.origin;

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
const ours = (layout: string, other = false): System => ({
  name: `Reportshelf ${layout}${other ? ' (against)' : ''}`,
  url: (size) => `/s${size}/${layout}${other ? '-against' : ''}.html`,
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
});
const PAGEFIND: System = {
  name: 'Pagefind',
  url: (size) => `/s${size}/pf/index.html`,
  input: 'pagefind-input input',
  box: `() => !!document.querySelector('pagefind-input input')`,
  resultsFor: (words) => `() => {
      const summary = document.querySelector('pagefind-summary');
      const titles = [...document.querySelectorAll('pagefind-results .pf-result-title')].filter((t) => t.textContent.trim() !== '');
      return !!summary && / for \\S/.test(summary.textContent) && summary.textContent.includes('${words}') && titles.length > 0;
    }`,
};

interface Visit {
  /** The search box on screen, and the first query's last keystroke, from navigation: where the figures below start from. */
  box: number;
  typed: number;
  any: number;
  first: number;
  /** The next query's time, from its last keystroke (NaN when not asked). */
  next: number;
  bytes: number;
  /** Requests the server answered until the first results showed. */
  requests: Sent[];
  /** Every path the server was asked for during the visit. */
  asked: string[];
  /** Requests for the next query, times from its last keystroke. */
  nextRequests: Sent[];
  longest: number;
  /** JavaScript memory of the page and its workers after the second query (measureUserAgentSpecificMemory). */
  memory: number;
}
interface Sample extends Visit {
  /** The second visit's bytes to its first results (NaN when not measured). */
  again: number;
  /** What the second visit downloaded (answered 200): files its first visit never asked for, or a failure to cache. */
  againFetched: string[];
}

/** One visit in a context: the first query typed as soon as the box shows, then (`next`) the second. */
async function visit(
  context: BrowserContext,
  system: System,
  size: number,
  words: [string, string],
  next: boolean,
): Promise<Visit> {
  const [FIRST, SECOND] = words;
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  bench.reset();
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
  const firstLog = [...bench.log];
  if (next) {
    // A visitor reading the results (a pause, not a wait for a condition: the point is what comes meanwhile).
    if (read > 0) await page.waitForTimeout(read);
    await page.evaluate(`__bench.watch('second', ${system.resultsFor(SECOND)})`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(SECOND);
    await page.waitForFunction('__bench.marks.second', undefined, { timeout: WAIT, polling: 50 });
  }
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
  const requests = firstLog
    .filter((r) => r.end <= m.origin + m.any)
    .map((r) => ({ ...r, start: r.start - m.origin, end: r.end - m.origin }));
  const nextRequests = next
    ? bench.log
        .slice(firstLog.length)
        .filter((r) => r.end <= m.origin + m.second)
        .map((r) => ({ ...r, start: r.start - m.origin - m.lastKey, end: r.end - m.origin - m.lastKey }))
    : [];
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
  const memory = next
    ? ((await page.evaluate(
        'self.crossOriginIsolated ? performance.measureUserAgentSpecificMemory().then((m) => m.bytes) : -1',
      )) as number)
    : -1;
  await page.close();
  if (errors.length > 0) throw new Error(`${system.name} at ${size}: ${errors.join('; ')}`);
  return {
    box: m.box,
    typed: m.typed,
    any: m.any,
    first: m.first,
    next: next ? m.second - m.lastKey : NaN,
    bytes: requests.reduce((n, r) => n + r.bytes, 0),
    requests,
    nextRequests,
    asked: bench.log.map((r) => r.path),
    longest: m.longest,
    memory,
  };
}

/** A cold first visit, and for Reportshelf a second in the same context (its cache warm). */
async function run(browser: Browser, system: System, size: number, words: [string, string]): Promise<Sample> {
  const context = await browser.newContext();
  await context.addInitScript(INSTRUMENT);
  try {
    const first = await visit(context, system, size, words, true);
    const second = system === PAGEFIND ? undefined : await visit(context, system, size, words, false);
    const asked = new Set(first.asked);
    return {
      ...first,
      again: second?.bytes ?? NaN,
      againFetched: (second?.requests ?? [])
        .filter((r) => r.status === 200)
        .map((r) => `${r.path.replace(/^\/s\d+\//, '')}${asked.has(r.path) ? ' (asked before!)' : ''}`),
    };
  } finally {
    await context.close();
  }
}

interface Summary extends Sample {
  /** The median run's longest task (`longest` is the largest of all runs). */
  medianLongest: number;
}
const summarise = (list: Sample[]): Summary => {
  const byAny = [...list].sort((a, b) => a.any - b.any);
  return {
    box: median(list.map((x) => x.box)),
    typed: median(list.map((x) => x.typed)),
    any: median(list.map((x) => x.any)),
    first: median(list.map((x) => x.first)),
    next: median(list.map((x) => x.next)),
    bytes: median(list.map((x) => x.bytes)),
    // The requests of the run whose first results were the median.
    requests: byAny[Math.floor(byAny.length / 2)]!.requests,
    nextRequests: [...list].sort((a, b) => a.next - b.next)[Math.floor(list.length / 2)]!.nextRequests,
    longest: Math.max(...list.map((x) => x.longest)),
    memory: median(list.map((x) => x.memory)),
    again: median(list.map((x) => x.again)),
    asked: [],
    againFetched: [...list].sort((a, b) => a.again - b.again)[Math.floor(list.length / 2)]!.againFetched,
    medianLongest: median(list.map((x) => x.longest)),
  };
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));
const kb = (n: number) => `${(n / 1024).toFixed(n < 10_240 ? 1 : 0)} KB`;
const mb = (n: number) => (n < 0 ? 'n/a' : `${(n / 1048576).toFixed(1)} MB`);
const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '1.00' : 'n/a') : (a / b).toFixed(2));

// Memory is measured at once rather than at the next garbage collection.
const browser = await launchChromium([
  '--enable-blink-features=ForceEagerMeasureMemory',
  // The benchmark's own certificate, trusted, for HTTP/2 (`--http2`).
  ...(bench.spki ? [`--ignore-certificate-errors-spki-list=${bench.spki}`] : []),
]);
const tables = new Map<Network, { table: string[]; timeline: string[]; waterfall: string[] }>();
for (const network of networks) {
  bench.use(network);
  const out = { table: [] as string[], timeline: [] as string[], waterfall: [] as string[] };
  tables.set(network, out);
  for (const size of sizes)
    for (const query of queries)
      for (const layout of layouts) {
        const builds = [ours(layout), ...(against ? [ours(layout, true)] : [])];
        const systems = [...builds, PAGEFIND];
        const samples = new Map<System, Sample[]>(systems.map((s) => [s, []]));
        for (let r = 0; r < runs; r++) {
          // Alternate which system goes first, so that neither always meets a warmer machine.
          for (const system of r % 2 === 0 ? systems : [...systems].reverse())
            samples.get(system)!.push(await run(browser, system, size, QUERIES[query]!));
        }
        const them = summarise(samples.get(PAGEFIND)!);
        for (const build of builds) {
          const us = summarise(samples.get(build)!);
          const what = `| ${size.toLocaleString('en')} | ${written.get(`${size} ${layout}`)}${layout === 'auto' ? '' : ` (${layout})`}${build === builds[1] ? ` (--against)` : ''} | ${query} `;
          out.timeline.push(
            `${what}| ${ms(us.box)} | ${ms(them.box)} | ${ms(us.typed)} | ${ms(them.typed)} | ${ms(us.first - us.typed)} | ${ms(them.first - them.typed)} | ${us.requests.length} | ${them.requests.length} | ${mb(us.memory)} | ${mb(them.memory)} |`,
          );
          out.table.push(
            `${what}| ${ms(us.any)} | ${ms(them.any)} | **${ratio(us.any, them.any)}** | ${ratio(us.first, them.first)} | ${ms(us.next)} | ${ms(them.next)} | **${ratio(us.next, them.next)}** | ${kb(us.bytes)} | ${kb(them.bytes)} | **${ratio(us.bytes, them.bytes)}** | ${ms(us.medianLongest)} (max ${ms(us.longest)}) | ${ms(them.medianLongest)} (max ${ms(them.longest)}) | ${kb(us.again)} | **${ratio(us.again, us.bytes)}** |`,
          );
          const requests = (list: Sent[]) =>
            list
              .map(
                (r) =>
                  `${r.path.replace(/^\/s\d+\//, '')} ${Math.round(r.start)}–${Math.round(r.end)} ms ${kb(r.bytes)}${r.status === 304 ? ' (304)' : ''}`,
              )
              .join('; ');
          out.waterfall.push(
            `${what.slice(2)}(first results at ${ms(us.any)} ms): ${requests(us.requests)}`,
            `${what.slice(2)}second visit downloaded: ${us.againFetched.join(', ') || 'nothing'}`,
            `${what.slice(2)}next query (results ${ms(us.next)} ms after its last keystroke; times from it): ${requests(us.nextRequests) || 'none'}`,
          );
          console.error(`${network.name} ${out.table.at(-1)}\n${network.name} ${out.timeline.at(-1)}`);
          if (flags.waterfall) for (const line of out.waterfall.slice(-3)) console.error(`${network.name} - ${line}`);
        }
      }
}
await browser.close();
bench.close();
rmSync(work, { recursive: true, force: true });

console.log(
  `Reportshelf (reportshelf.lite.js, catalogue by src, built by reportshelf build) and Pagefind ${JSON.parse(readFileSync(fileURLToPath(new URL('../node_modules/pagefind/package.json', import.meta.url)), 'utf8')).version} (component UI), Chromium, medians of ${runs} cold loads each, alternating`,
);
console.log(
  `Queries typed as soon as the search box appears${read ? `, the next ${read} ms after the first results` : ''}: broad "${QUERIES.broad![0]}" then "${QUERIES.broad![1]}", selective "${QUERIES.selective![0]}" then "${QUERIES.selective![1]}". Ratios: Reportshelf ÷ Pagefind; second visit: Reportshelf's bytes to first results with a warm cache ÷ its first visit's.`,
);
for (const [network, { table, timeline, waterfall }] of tables) {
  console.log(
    `\n### ${network.name}${network.roundTrip ? ` (${network.roundTrip} ms round trip per request, one ${(network.rate * 8) / 1e6} Mbit/s link shared)` : ''}\n`,
  );
  console.log(
    '| reports | layout | query | first results ms: ours | Pagefind | ratio | whole query ratio | next query ms: ours | Pagefind | ratio | bytes to first results: ours | Pagefind | ratio | longest task ms: ours | Pagefind | second visit bytes | ÷ first |',
  );
  console.log('|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of table) console.log(row);
  console.log(
    "\nWhere the first results' time goes (medians, ms from navigation): the search box on screen, the last keystroke of the first query, and from there to its results; the requests until the first results; and the JavaScript memory of the page and its workers after the second query.\n",
  );
  console.log(
    '| reports | layout | query | search box: ours | Pagefind | last keystroke: ours | Pagefind | keystroke to results: ours | Pagefind | requests: ours | Pagefind | memory: ours | Pagefind |',
  );
  console.log('|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of timeline) console.log(row);
  if (flags.waterfall) {
    console.log(
      "\nReportshelf's requests until its first results (median run; ms from navigation, as the server saw them):\n",
    );
    for (const line of waterfall) console.log(`- ${line}`);
  }
}
