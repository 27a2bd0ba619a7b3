/**
 * `serverEngine` in Chromium, against the search server (its own PostgreSQL on 127.0.0.1): a page
 * of another origin (allowed by CORS) runs the engine as the elements will, and gets the same
 * answers as the in-page engine, the server's 400 as a refusal with its message, an unreachable
 * server as a network failure, an answer that is not one as damaged, and an abort as an abort.
 *
 * How to run the engine against a server elsewhere (a web-test-runner test, a page): start one
 * with `startServer({ databases: [url], port: 0, allowOrigins: [pageOrigin] })` from
 * @reportshelf/server (after `loadCatalogue`), and give its `url` to `serverEngine(url)`.
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import {
  allReports,
  createLibrary,
  parseCatalogue,
  runQuery,
  type Catalogue,
  type Library,
  type Query,
} from '@reportshelf/core';
import { loadCatalogue, startServer, type RunningServer } from '@reportshelf/server';
import { launchChromium } from '../e2e/browser.js';
import { startPostgres, type Postgres } from './postgres.js';
import { testCatalogue } from './catalogue.js';

let postgres: Postgres;
let server: RunningServer;
let site: Server;
let origin: string;
let browser: Browser;
let page: Page;
let catalogue: Catalogue;
let library: Library;

before(async () => {
  postgres = await startPostgres();
  catalogue = parseCatalogue(testCatalogue(2000)).catalogue;
  library = createLibrary(catalogue);
  await loadCatalogue(postgres.url, catalogue);
  // The engine as a page loads it: core's server-engine module, bundled for the browser.
  const bundled = await build({
    entryPoints: [new URL('../../packages/core/src/server-engine.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    write: false,
  });
  const script = bundled.outputFiles[0]!.text;
  site = createServer((request, response) => {
    if (request.url === '/engine.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' });
      response.end(script);
    } else if (request.url?.startsWith('/not-a-server/')) {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<!doctype html><p>Welcome to our site');
    } else {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<!doctype html><title>Engine</title>');
    }
  }).listen(0, '127.0.0.1');
  await once(site, 'listening');
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  server = await startServer({ databases: [postgres.url], port: 0, allowOrigins: [origin] });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`${origin}/`);
  // tsx names the functions of this file (esbuild's keepNames): the page needs its helper.
  await page.evaluate('window.__name = (f) => f');
  await page.evaluate(async () => {
    (window as unknown as { engine: unknown }).engine = await import('/engine.js' as string);
  });
});

after(async () => {
  await browser?.close();
  site?.close();
  await server?.close();
  await postgres?.stop();
});

interface Outcome {
  total?: number;
  ids?: string[];
  facets?: Record<string, { value: string; count: number }[]>;
  kind?: string;
  name?: string;
  message?: string;
}

/** Runs a query through serverEngine(url) in the page. */
const inPage = (url: string, query: object, facets: string[], abort = false, options: object = {}) =>
  page.evaluate(
    async ({ url, query, facets, abort, options }) => {
      type Engine = {
        query(
          request: object,
          signal?: AbortSignal,
        ): Promise<{
          total: number;
          hits: { report: { id: string } }[];
          facets: Record<string, { values: { value: string; count: number }[] }>;
        }>;
      };
      const { serverEngine } = (window as unknown as { engine: { serverEngine(url: string, options: object): Engine } })
        .engine;
      const engine = serverEngine(url, options);
      const controller = new AbortController();
      try {
        const asking = engine.query({ query, facets }, controller.signal);
        if (abort) controller.abort();
        const results = await asking;
        return {
          total: results.total,
          ids: results.hits.map((hit) => hit.report.id),
          facets: Object.fromEntries(Object.entries(results.facets).map(([name, f]) => [name, f.values])),
        } as Outcome;
      } catch (error) {
        return {
          kind: (error as { kind?: string }).kind,
          name: (error as Error).name,
          message: (error as Error).message,
        } as Outcome;
      }
    },
    { url, query, facets, abort, options },
  );

const full = (query: Partial<Query>): Query => ({
  q: '',
  filters: {},
  sort: 'relevance',
  page: 1,
  pageSize: 10,
  ...query,
});

test('a page of an allowed origin gets the in-page engine’s answers', async () => {
  const query = full({ q: 'trafficking women', filters: { region: ['Worldwide'] }, sort: 'newest', page: 2 });
  const got = await inPage(server.url, query, ['region', 'category']);
  const want = runQuery(library, query);
  assert.equal(got.total, want.total);
  assert.deepEqual(
    got.ids,
    want.hits.map((hit) => hit.report.id),
  );
  assert.deepEqual(got.facets!.region, JSON.parse(JSON.stringify(want.facets.region.values)));
  // Facets not asked for come back empty.
  assert.deepEqual(got.facets!.author, []);
});

test('an export streams every report of the result set, with its progress', async () => {
  const query = full({ q: 'protection', sort: 'title' });
  const got = await page.evaluate(
    async ({ url, query }) => {
      type Engine = {
        all(query: object, job: { progress(done: number, total: number): void }): Promise<{ id: string }[]>;
      };
      const { serverEngine } = (window as unknown as { engine: { serverEngine(url: string): Engine } }).engine;
      let last = [0, 0];
      const reports = await serverEngine(url).all(query, { progress: (done, total) => (last = [done, total]) });
      return { ids: reports.map((r) => r.id), last };
    },
    { url: server.url, query },
  );
  const want = (await allReports(library, query)).map((r) => r.id);
  assert.deepEqual(got.ids, want);
  assert.deepEqual(got.last, [want.length, want.length]);
});

test('a request the server refuses is "refused", with the server’s reason', async () => {
  const got = await inPage(server.url, full({ filters: { country: ['x'.repeat(301)] } }), []);
  assert.equal(got.kind, 'refused');
  assert.match(got.message!, /a value of "country" is longer than 300 characters/);
});

test('a server that cannot be reached is "network", after its tries', async () => {
  const closed = createServer().listen(0, '127.0.0.1');
  await once(closed, 'listening');
  const port = (closed.address() as AddressInfo).port;
  closed.close();
  await once(closed, 'close');
  const got = await inPage(`http://127.0.0.1:${port}/`, full({}), []);
  assert.equal(got.kind, 'network');
});

test(
  'a server that takes the connection and never answers is "timeout" after its tries, not a query held for good',
  { timeout: 60_000 },
  async () => {
    // As a connection handed to a server process that died before it answered (serve --processes).
    const silent = createServer(() => {}).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    try {
      const port = (silent.address() as AddressInfo).port;
      const got = await inPage(`http://127.0.0.1:${port}/`, full({}), [], false, { wait: 300, tries: 2 });
      assert.equal(got.kind, 'timeout', JSON.stringify(got));
      assert.match(got.message!, /did not answer in 0\.3 seconds/);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  },
);

test('an address that answers something else is "damaged"', async () => {
  const got = await inPage(`${origin}/not-a-server/`, full({}), []);
  assert.equal(got.kind, 'damaged');
});

test('a page of an origin not allowed cannot read the answers', async () => {
  const other = await startServer({
    databases: [postgres.url],
    port: 0,
    allowOrigins: ['https://partner.example.org'],
  });
  try {
    const got = await inPage(other.url, full({}), []);
    assert.equal(got.kind, 'network');
  } finally {
    await other.close();
  }
});

test('an aborted request rejects as an abort, not as a failure', async () => {
  const got = await inPage(server.url, full({ q: 'trafficking' }), ['region'], true);
  assert.equal(got.name, 'AbortError');
  assert.equal(got.kind, undefined);
});

test('a visitor typing: a query a keystroke, each aborting the last; two at most are at the server at once, and the newest is answered', async () => {
  const words = 'trafficking women';
  const got = await page.evaluate(
    async ({ url, words }) => {
      type Results = { total: number; query: { q: string } };
      type Engine = { query(request: object, signal?: AbortSignal): Promise<Results> };
      type Make = (url: string, options: { fetch: typeof fetch }) => Engine;
      const { serverEngine } = (window as unknown as { engine: { serverEngine: Make } }).engine;
      // The server's side of it: a request once sent is worked on to its end, wanted or not (an
      // abort closes the connection, the database goes on), and counts against the page's share
      // until then. Each is held here until let through.
      const held: (() => void)[] = [];
      let atServer = 0;
      let most = 0;
      let sent = 0;
      const network = (input: RequestInfo | URL) => {
        sent++;
        most = Math.max(most, ++atServer);
        return new Promise<Response>((resolve, reject) =>
          held.push(() => (atServer--, fetch(input).then(resolve, reject))),
        );
      };
      const engine = serverEngine(url, { fetch: network as typeof fetch });
      const query = { filters: {}, sort: 'relevance', page: 1, pageSize: 10 };
      // As the store asks: a query a keystroke, the one before aborted.
      let controller = new AbortController();
      let last!: Promise<Results>;
      for (let i = 1; i <= words.length; i++) {
        controller.abort();
        controller = new AbortController();
        last = engine.query({ query: { ...query, q: words.slice(0, i) }, facets: ['region'] }, controller.signal);
        last.catch(() => {});
      }
      const whileTyping = most;
      let settled = false;
      void last.finally(() => (settled = true));
      // Each request the server has is answered in turn, until the newest query's is.
      while (!settled) {
        held.shift()?.();
        await new Promise(requestAnimationFrame);
      }
      const results = await last;
      return { whileTyping, most, sent, total: results.total, q: results.query.q };
    },
    { url: server.url, words },
  );
  assert.equal(got.whileTyping, 2);
  assert.equal(got.most, 2);
  // The first two keystrokes' queries, then the newest: those asked between were never sent.
  assert.equal(got.sent, 3);
  assert.equal(got.q, words);
  assert.equal(got.total, runQuery(library, { q: words }).total);
});
