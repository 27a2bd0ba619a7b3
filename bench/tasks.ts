/**
 * `node --import tsx --conditions source bench/tasks.ts`: what the page's main thread does from
 * navigation to the first results, as bench:embed loads it (the lite file, a catalogue by `src` made
 * by the CLI, a query typed as soon as the search box shows, loopback), from a Chromium trace: each
 * task over `--over` ms (50 by default) with what took its time (script evaluation and the function
 * called, style recalculation, layout, paint, parse, garbage collection), and when each keystroke
 * reached the page.
 *
 * Options: --sizes=200,1000, --runs=1, --dist=FOLDER (another build's drop-in files), --over=MS,
 * --query=sahamo.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium } from '../test/e2e/browser.js';
import { main as reportshelf } from '../packages/cli/src/cli.js';
import { generateCatalogue } from './generate.js';
import { startBenchServer } from './network.js';
import { readFileSync } from 'node:fs';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';

const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string' },
    runs: { type: 'string' },
    dist: { type: 'string' },
    over: { type: 'string' },
    query: { type: 'string' },
    'no-profile': { type: 'boolean' },
  },
});
const sizes = (flags.sizes ?? '200,1000').split(',').map(Number);
const runs = Number(flags.runs ?? 1);
const over = Number(flags.over ?? 50);
const query = flags.query ?? 'sahamo';
const dist = flags.dist ?? fileURLToPath(new URL('../packages/embed/dist/', import.meta.url));
if (!existsSync(join(dist, 'reportshelf.lite.js')))
  throw new Error('Build the drop-in first: npm run build -w @reportshelf/embed');

const work = mkdtempSync(join(tmpdir(), 'reportshelf-tasks-'));
const quiet = () => new Writable({ write: (_chunk, _encoding, done) => done() }) as never;
for (const size of sizes) {
  const input = join(work, `s${size}`, 'input.json');
  mkdirSync(join(work, `s${size}`, 'out'), { recursive: true });
  writeFileSync(input, JSON.stringify(generateCatalogue(size, 3)));
  const status = await reportshelf(
    ['build', input, '-o', join(work, `s${size}`, 'out', 'catalogue.json')],
    quiet(),
    quiet(),
  );
  if (status !== 0) throw new Error(`reportshelf build: exit status ${status}`);
  writeFileSync(
    join(work, `s${size}`, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reportshelf</title><script src="/reportshelf.lite.js"></script></head>` +
      `<body><main><shelf-library src="/s${size}/out/catalogue.json"></shelf-library></main></body></html>`,
  );
}
const bench = await startBenchServer((path) =>
  /^\/reportshelf\.[a-z]+(\.[a-z]+)?\.js$/.test(path) ? join(dist, path) : join(work, path),
);

interface TraceEvent {
  name: string;
  id?: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> } & Record<string, unknown>;
}

const BOX = `() => { const lib = document.querySelector('shelf-library'); const box = lib && lib.shadowRoot && lib.shadowRoot.querySelector('shelf-search-box'); return !!(box && box.shadowRoot && box.shadowRoot.querySelector('input')); }`;
const RESULTS = `() => { const lib = document.querySelector('shelf-library'); const root = lib && lib.shadowRoot; const list = root && root.querySelector('shelf-report-list'); const summary = root && root.querySelector('shelf-result-summary'); return !!summary && !!summary.shadowRoot && /for “./.test(summary.shadowRoot.textContent) && !!list && !!list.shadowRoot && list.shadowRoot.querySelectorAll('shelf-report-card').length > 0; }`;

/** What a slice of the trace is, named as DevTools' summary names it. */
function kind(e: TraceEvent): string {
  const data = e.args?.data ?? {};
  switch (e.name) {
    case 'EvaluateScript':
    case 'v8.compile':
    case 'v8.compileModule':
    case 'v8.evaluateModule':
      return `${e.name} ${String(data.url ?? data.fileName ?? '').replace(/^.*\//, '')}`;
    case 'FunctionCall':
      return `FunctionCall ${String(data.functionName || '(anonymous)')} ${String(data.url ?? '').replace(/^.*\//, '')}:${String(data.lineNumber ?? '')}`;
    case 'EventDispatch':
      return `EventDispatch ${String(data.type)}`;
    case 'UpdateLayoutTree':
    case 'RecalculateStyles':
      return 'Recalculate style';
    default:
      return e.name;
  }
}

const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0));
const browser = await launchChromium();
for (const size of sizes)
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    // Marks in the trace: the search box on screen, results on screen.
    await context.addInitScript(`(() => {
      const watch = (name, condition) => { const check = () => { if (condition()) performance.mark(name); else requestAnimationFrame(check); }; check(); };
      watch('box', ${BOX}); watch('results', ${RESULTS});
      // Each element's updates (render and commit), by tag: how many, and their time, before the first keystroke and after.
      window.__updates = {};
      let typing = false;
      addEventListener('keydown', () => (typing = true), true);
      for (const tag of ['shelf-library', 'shelf-search-box', 'shelf-filter-bar', 'shelf-active-filters', 'shelf-result-summary', 'shelf-sort-select', 'shelf-report-list', 'shelf-report-card', 'shelf-pagination'])
        customElements.whenDefined(tag).then((element) => {
          const proto = element.prototype;
          const update = proto.performUpdate;
          proto.performUpdate = function () {
            const t = performance.now();
            const out = update.call(this);
            const key = (typing ? 'typing ' : 'load ') + tag;
            const entry = (__updates[key] ??= { n: 0, ms: 0, max: 0 });
            const took = performance.now() - t;
            entry.n++; entry.ms += took; entry.max = Math.max(entry.max, took);
            return out;
          };
        });
    })()`);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', ({ value }) => void events.push(...(value as unknown as TraceEvent[])));
    const finished = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
    await cdp.send('Tracing.start', {
      traceConfig: {
        includedCategories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'toplevel',
          'v8.execute',
          'v8',
          'blink.user_timing',
          'loading',
          ...(!flags['no-profile'] ? ['disabled-by-default-v8.cpu_profiler'] : []),
        ],
      },
    });
    await page.goto(`${bench.origin}/s${size}/index.html`, { waitUntil: 'commit' });
    await page.waitForFunction(BOX, undefined, { polling: 'raf' });
    const input = page.locator('shelf-search-box input');
    await input.focus();
    await page.keyboard.type(query);
    await page.waitForFunction(RESULTS, undefined, { polling: 'raf' });
    const updates = (await page.evaluate('__updates')) as Record<string, { n: number; ms: number; max: number }>;
    await cdp.send('Tracing.end');
    await finished;
    await context.close();

    // The page's main thread, and its navigation as time 0.
    const main = events.find(
      (e) =>
        e.name === 'thread_name' &&
        e.args?.name === 'CrRendererMain' &&
        events.some((t) => t.pid === e.pid && t.name === 'EventDispatch'),
    );
    if (!main) throw new Error('no renderer main thread in the trace');
    const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
    const start =
      events.find(
        (e) =>
          e.name === 'navigationStart' &&
          e.pid === main.pid &&
          (e.args?.data as { isLoadingMainFrame?: boolean } | undefined)?.isLoadingMainFrame,
      )?.ts ?? Math.min(...onMain.map((e) => e.ts));
    const ms = (ts: number) => Math.round((ts - start) / 1000);
    // The JavaScript profiler's samples on the main thread: each sample's time and its stack's frames.
    const nodes = new Map<
      number,
      { parent?: number; frame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }
    >();
    const samples: { ts: number; node: number }[] = [];
    const profile = events.find((e) => e.name === 'Profile' && e.pid === main.pid && e.tid === main.tid);
    let clock = Number((profile?.args?.data as { startTime?: number } | undefined)?.startTime ?? 0);
    for (const chunk of events.filter((e) => e.name === 'ProfileChunk' && e.pid === main.pid && e.id === profile?.id)) {
      const data = chunk.args!.data as {
        cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: never }[]; samples?: number[] };
        timeDeltas?: number[];
      };
      for (const node of data.cpuProfile?.nodes ?? [])
        nodes.set(node.id, { ...(node.parent ? { parent: node.parent } : {}), frame: node.callFrame });
      (data.cpuProfile?.samples ?? []).forEach((node, i) =>
        samples.push({ ts: (clock += data.timeDeltas![i]!), node }),
      );
    }
    const maps = new Map<string, TraceMap | null>();
    const mapOf = (url: string) => {
      const file = url.replace(/^.*\//, '');
      if (!maps.has(file))
        maps.set(
          file,
          existsSync(join(dist, `${file}.map`)) ? new TraceMap(readFileSync(join(dist, `${file}.map`), 'utf8')) : null,
        );
      return maps.get(file);
    };
    /** The sample's nearest frame in Reportshelf's own source (not Lit's): which element or engine part the time was for. */
    const owner = (id: number): string => {
      for (let n = nodes.get(id); n; n = n.parent ? nodes.get(n.parent) : undefined) {
        const map = n.frame.url?.includes('reportshelf.') ? mapOf(n.frame.url) : undefined;
        if (!map) continue;
        const at = originalPositionFor(map, { line: n.frame.lineNumber + 1, column: n.frame.columnNumber });
        if (at.source && !at.source.includes('node_modules'))
          return `${at.source.replace(/^(\.\.\/)+/, '')}:${at.line} ${at.name ?? n.frame.functionName}`;
      }
      return '(not ours)';
    };
    /** The sample's nearest frame in our code, by its source file and function; else its leaf. */
    const where = (id: number): string => {
      const leaf = nodes.get(id)?.frame;
      for (let n = nodes.get(id); n; n = n.parent ? nodes.get(n.parent) : undefined) {
        const map = n.frame.url?.includes('reportshelf.') ? mapOf(n.frame.url) : undefined;
        if (map) {
          const at = originalPositionFor(map, { line: n.frame.lineNumber + 1, column: n.frame.columnNumber });
          const file = (at.source ?? '?').replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '');
          const self = n === nodes.get(id) ? '' : ` > ${leaf?.functionName || '(anonymous)'}`;
          return `${file}:${at.line} ${at.name ?? n.frame.functionName}${self}`;
        }
      }
      return leaf ? `${leaf.functionName || '(anonymous)'} ${(leaf.url ?? '').replace(/^.*\//, '')}` : '?';
    };
    if (process.env.DUMP)
      for (const e of onMain.filter((e) => /EvaluateScript|v8.compile|v8.run|ParseHTML/.test(e.name)).slice(0, 6))
        console.log(JSON.stringify(e));
    const tasks = onMain
      .filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')
      .sort((a, b) => a.ts - b.ts);
    const keys = onMain.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
    const mark = (name: string) => events.find((e) => e.name === name && e.cat.includes('user_timing'));
    console.log(
      `\n## ${size} reports, run ${run + 1}: box at ${ms(mark('box')?.ts ?? 0)}, keydowns at ${keys.map((k) => ms(k.ts)).join(', ')}, results at ${ms(mark('results')?.ts ?? 0)} ms`,
    );
    let longest = 0;
    let after = 0;
    for (const task of tasks) {
      // A task inside another (RunTask within ThreadControllerImpl::RunTask) is the same one.
      if (task.ts < after) continue;
      after = task.ts + (task.dur ?? 0);
      const dur = (task.dur ?? 0) / 1000;
      longest = Math.max(longest, dur);
      if (dur < over) continue;
      const end = task.ts + task.dur!;
      // Self time of each slice inside the task, by kind.
      const inside = onMain
        .filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && e.dur)
        .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
      const self = new Map<string, number>();
      const stack: { e: TraceEvent; child: number }[] = [];
      const close = (upTo: number) => {
        while (stack.length && stack.at(-1)!.e.ts + stack.at(-1)!.e.dur! <= upTo) {
          const { e, child } = stack.pop()!;
          self.set(kind(e), (self.get(kind(e)) ?? 0) + (e.dur! - child));
          if (stack.length) stack.at(-1)!.child += e.dur!;
        }
      };
      for (const e of inside) {
        close(e.ts);
        stack.push({ e, child: 0 });
      }
      close(Infinity);
      const parts = [...self]
        .filter(([, t]) => t >= 1000)
        .sort((a, b) => b[1] - a[1])
        .map(([name, t]) => `${Math.round(t / 1000)} ${name}`);
      console.log(`- ${ms(task.ts)}–${ms(end)} ms, ${Math.round(dur)} ms: ${parts.join('; ')}`);
      const js = new Map<string, number>();
      const owners = new Map<string, number>();
      let step = 0;
      for (let i = 0; i < samples.length; i++) {
        const { ts, node } = samples[i]!;
        if (ts < task.ts || ts > end) continue;
        step = (samples[i + 1]?.ts ?? ts) - ts;
        js.set(where(node), (js.get(where(node)) ?? 0) + step);
        owners.set(owner(node), (owners.get(owner(node)) ?? 0) + step);
      }
      if (flags['no-profile']) continue;
      const top = [...js]
        .filter(([, t]) => t >= 2000)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6);
      for (const [name, t] of top) console.log(`    ${Math.round(t / 1000)} ms ${name}`);
      const mine = [...owners]
        .filter(([, t]) => t >= 2000)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5);
      console.log(`    for: ${mine.map(([name, t]) => `${Math.round(t / 1000)} ms ${name}`).join('; ')}`);
    }
    // The whole load's JavaScript, by what it was for, until the results showed.
    if (!flags['no-profile']) {
      const until = mark('results')?.ts ?? Infinity;
      const owners = new Map<string, number>();
      for (let i = 0; i < samples.length - 1; i++) {
        const { ts, node } = samples[i]!;
        if (ts < start || ts > until) continue;
        const name = owner(node);
        owners.set(name, (owners.get(name) ?? 0) + samples[i + 1]!.ts - ts);
      }
      const top = [...owners].sort((a, b) => b[1] - a[1]).slice(0, 40);
      console.log(
        `script until the results, by what for: ${top.map(([name, t]) => `${Math.round(t / 1000)} ${name}`).join('; ')}`,
      );
    }
    // Thread time (CPU), which other processes on the machine disturb less than wall time.
    const until = mark('results')?.ts ?? Infinity;
    const cpu = (e: TraceEvent) => ((e as { tdur?: number }).tdur ?? e.dur!) / 1000;
    const layouts = onMain.filter((e) => e.name === 'Layout' && e.ts >= start && e.ts < until).map(cpu);
    const styles = onMain
      .filter((e) => /UpdateLayoutTree|RecalculateStyles/.test(e.name) && e.ts >= start && e.ts < until)
      .map(cpu);
    const cpuTasks = tasks.filter((t) => t.name === 'ThreadControllerImpl::RunTask' && t.ts >= start && t.ts < until);
    const worst = [...cpuTasks]
      .sort((a, b) => cpu(b) - cpu(a))
      .slice(0, 4)
      .map((t) => `${Math.round(cpu(t))} at ${ms(t.ts)}`);
    const busy = sum(
      tasks.filter((t) => t.name === 'ThreadControllerImpl::RunTask' && t.ts >= start && t.ts < until).map(cpu),
    );
    console.log(
      `updates (n, ms, longest): ${Object.entries(updates)
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(([key, u]) => `${key} ${u.n}× ${Math.round(u.ms)} (${Math.round(u.max)})`)
        .join('; ')}`,
    );
    console.log(
      `longest task ${Math.round(longest)} ms; until the results, main thread CPU ${busy} ms (longest tasks' CPU: ${worst.join(', ')}), layout ${sum(layouts)} ms in all (longest ${Math.round(Math.max(0, ...layouts))}), style ${sum(styles)} ms (longest ${Math.round(Math.max(0, ...styles))})`,
    );
  }
await browser.close();
bench.close();
rmSync(work, { recursive: true, force: true });
