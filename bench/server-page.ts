/**
 * npm run bench:server-page [-- --reports N --runs R]
 *
 * A page whose `src` names the search server, in Chromium on loopback: the page and the drop-in
 * files from one port, the server (over a PostgreSQL of its own, test/server/postgres.ts, holding N
 * synthetic reports, default 10,000) on another. Each run opens a fresh browser context (a cold
 * cache) and measures, for the lite and the full file:
 * - first results: from navigation to the first results (not the pending placeholder) the library
 *   hands its elements (`shelf-results-change`);
 * - bytes: what came until then (headers and bodies as sent; the server and the file server here
 *   compress nothing), and what gzip would have sent (bodies gzipped at level 9), in all and of
 *   the server's answers alone (its descriptor and the first query), with the time those two took
 *   from request to last byte.
 * Figures are medians of R runs (default 5). Run `npm run build` first.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Request } from 'playwright-core';
import { loadCatalogue, startServer } from '@reportshelf/server';
import { createStaticServer, listen } from '../scripts/static-server.mjs';
import { launchChromium } from '../test/e2e/browser.js';
import { startPostgres } from '../test/server/postgres.js';
import { testCatalogue } from '../test/server/catalogue.js';

const { values } = parseArgs({
  options: { reports: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } },
});
const size = Number(values.reports);
const runs = Number(values.runs);
const dist = fileURLToPath(new URL('../packages/embed/dist/', import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const postgres = await startPostgres();
const page = (src: string, file: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reports</title><script src="${file}"></script></head>` +
  `<body><shelf-library src="${src}" sync-url></shelf-library></body></html>`;
let api = '';
const site = createStaticServer({
  routes: {
    '/lite.html': () => ({ body: page(api, '/reportshelf.lite.js') }),
    '/full.html': () => ({ body: page(api, '/reportshelf.js') }),
    ...Object.fromEntries(
      ['', '.lite', '.search', '.server'].map((name) => [
        `/reportshelf${name}.js`,
        () => ({ body: readFileSync(`${dist}reportshelf${name}.js`) }),
      ]),
    ),
  },
});
try {
  const started = performance.now();
  await loadCatalogue(postgres.url, testCatalogue(size));
  console.log(`${size.toLocaleString('en')} reports loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const origin = await listen(site);
  const server = await startServer({ databases: [postgres.url], port: 0, allowOrigins: [origin] });
  api = server.url;
  const browser = await launchChromium();
  try {
    for (const path of ['/lite.html', '/full.html']) {
      const times: number[] = [];
      const sent: number[] = [];
      const gzipped: number[] = [];
      const answers: number[] = [];
      const answersGzipped: number[] = [];
      const waits: number[] = [];
      const described: number[] = [];
      for (let run = 0; run < runs; run++) {
        const context = await browser.newContext();
        const tab = await context.newPage();
        await tab.addInitScript(() => {
          document.addEventListener('shelf-results-change', (e) => {
            const w = window as unknown as { firstResults?: number };
            if (!e.detail.results.pending) w.firstResults ??= performance.now();
          });
        });
        const requests: Request[] = [];
        tab.on('request', (r) => requests.push(r));
        await tab.goto(origin + path);
        await tab.waitForFunction(() => (window as unknown as { firstResults?: number }).firstResults !== undefined);
        times.push(await tab.evaluate(() => (window as unknown as { firstResults: number }).firstResults));
        let all = 0;
        let allGzip = 0;
        let server = 0;
        let serverGzip = 0;
        let wait = 0;
        for (const request of requests) {
          const response = await request.response();
          if (!response) continue;
          const sizes = await request.sizes();
          const body = await response.body().catch(() => Buffer.alloc(0));
          const wire = sizes.responseHeadersSize + sizes.responseBodySize;
          const gzip = sizes.responseHeadersSize + gzipSync(body, { level: 9 }).length;
          all += wire;
          allGzip += gzip;
          if (request.url().startsWith(api)) {
            server += wire;
            serverGzip += gzip;
            wait += request.timing().responseEnd;
            if (!request.url().includes('/query?')) described.push(request.timing().responseEnd);
          }
        }
        sent.push(all);
        gzipped.push(allGzip);
        answers.push(server);
        answersGzipped.push(serverGzip);
        waits.push(wait);
        await context.close();
      }
      console.log(
        `${path}: first results ${median(times).toFixed(0)} ms (median of ${runs}; ${times.map((t) => t.toFixed(0)).join(', ')}); ` +
          `${kb(median(sent))} sent (${kb(median(gzipped))} gzipped), the server's answers ${kb(median(answers))} (${kb(median(answersGzipped))} gzipped) ` +
          `in ${median(waits).toFixed(0)} ms (its descriptor ${median(described).toFixed(0)} ms and the first query, request to last byte)`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  site.close();
  await postgres.stop();
}
