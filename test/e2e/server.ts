/**
 * What every end-to-end file sets up, in one place: `setUp` launches Chromium and starts the file's
 * web server on loopback before its tests and closes them after, so that a file states only what is
 * its own (what it serves, a folder of its own, more servers). Also the test pages' site
 * (`testPages`): the built drop-in files, the test pages, catalogues, and per-page headers (a
 * strict Content-Security-Policy for one page).
 */
import { after, before } from 'node:test';
import { spawnSync } from 'node:child_process';
import type { Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { createStaticServer, listen, type Options } from '../../scripts/static-server.mjs';
import { generateCatalogue } from '../../bench/generate.js';
import { exportCatalogue } from '../fixtures/export-catalogue.js';
import { launchChromium } from './browser.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const dist = `${root}packages/embed/dist/`;
const pages = fileURLToPath(new URL('./pages/', import.meta.url));

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

/** Routes that answer with built drop-in files: `''` for reportshelf.js, `'.lite'` for reportshelf.lite.js… */
export const dropIns = (names: string[]): NonNullable<Options['routes']> =>
  Object.fromEntries(
    names.map((name) => [`/reportshelf${name}.js`, () => ({ body: readFileSync(`${dist}reportshelf${name}.js`) })]),
  );

/** A partner's page: one drop-in file's script tag and a library reading `src`, with any more `attributes`. */
export const libraryPage = (src: string, { script = '/reportshelf.lite.js', lang = 'en', attributes = '' } = {}) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Reports</title><script src="${script}"></script></head>` +
  `<body><shelf-library src="${src}"${attributes && ` ${attributes}`}></shelf-library></body></html>`;

/** The built CLI, `reportshelf …args`, as a curator runs it. */
export const reportshelf = (...args: string[]) =>
  spawnSync(process.execPath, [`${root}packages/cli/bin/reportshelf.js`, ...args], { encoding: 'utf8' });

/** One end-to-end file's server and browser. */
export class Fixture {
  /** The file's server and its origin, and Chromium: set by the before-hook. */
  server!: Server;
  origin = '';
  browser!: Browser;
  /** A temporary folder of the file's own (with `work`): made at once, removed after. */
  readonly work: string;
  /** What the file's server answered, path and status, in order: a test that counts them empties it first. */
  log: { path: string; status: number }[] = [];
  /** Called after each answer the server finished. */
  private answered = () => {};
  /** Every server started, closed after. */
  private readonly servers: Server[] = [];

  constructor(work?: string) {
    this.work = work ? mkdtempSync(join(tmpdir(), `reportshelf-${work}-`)) : '';
  }

  /** Resolves once the server has answered every one of `paths` (since the log was last emptied). */
  served(paths: string[]): Promise<void> {
    return new Promise((resolve) => {
      this.answered = () => paths.every((path) => this.log.some((a) => a.path === path)) && resolve();
      this.answered();
    });
  }

  /** Starts a server (a static one, from its options) on loopback, closed after the file; gives its origin. */
  serve(server: Server | Options): Promise<string> {
    const started = 'listen' in server ? server : createStaticServer(server);
    this.servers.push(started);
    return listen(started);
  }

  /** Starts the file's own server, its answers logged. */
  async start(options: Options): Promise<void> {
    this.server = createStaticServer(options);
    this.server.on('request', (req, res) =>
      res.on('finish', () => {
        this.log.push({ path: new URL(req.url!, 'http://x').pathname, status: res.statusCode });
        this.answered();
      }),
    );
    this.origin = await this.serve(this.server);
  }

  /** Closes the browser and every server, and removes the folder. */
  async close(): Promise<void> {
    await this.browser?.close();
    for (const server of this.servers) server.close();
    if (this.work) rmSync(this.work, { recursive: true, force: true });
  }
}

export interface Setup {
  /** A temporary folder of the file's own, named `reportshelf-${work}-…` (`e2e.work`). */
  work?: string;
  /** What the file's server serves (made first, if need be, in `e2e.work`); no server without it. */
  serve?: (e2e: Fixture) => Options | Promise<Options>;
  /** What the file starts once the browser and its server are up (another server that needs its origin…). */
  ready?: (e2e: Fixture) => void | Promise<void>;
  /** What the file stops after the browser and the servers are closed. */
  close?: () => void | Promise<void>;
}

/**
 * Registers the file's hooks: before its tests Chromium is launched, the file's server started
 * and `ready` run; after them, all is closed and the folder removed. One hook each, in that order:
 * node:test (Node 20) starts a file's top-level hooks as they are registered, side by side, so a
 * file adds no hook of its own that needs these (it says it in `ready` and `close`).
 */
export function setUp({ work, serve, ready, close }: Setup = {}): Fixture {
  const e2e = new Fixture(work);
  before(async () => {
    // First, so that `serve` runs once the file's module has been read to its end.
    e2e.browser = await launchChromium();
    if (serve) await e2e.start(await serve(e2e));
    await ready?.(e2e);
  });
  after(async () => {
    await e2e.close();
    await close?.();
  });
  return e2e;
}

let big: string | undefined;
const routes = {
  ...dropIns(['', '.lite']),
  // The languages, the cite and export panels and the rest, which the lite file loads from beside itself.
  ...dropIns(['.fr', '.es', '.ar', '.cite', '.search', '.regions', '.split']),
  // The lite file copied alone to a folder, without the language files.
  '/alone/reportshelf.lite.js': () => ({ body: readFileSync(`${dist}reportshelf.lite.js`) }),
  '/catalogue.json': () => ({ body: readFileSync(`${root}data/catalogue.json`) }),
  '/export-catalogue.json': () => ({ body: JSON.stringify(exportCatalogue) }),
  '/big-catalogue.json': () => ({ body: (big ??= JSON.stringify(generateCatalogue(10_000, 7))) }),
};

/** Control pages, derived from a test page by leaving one thing out, to compare the two. */
const CONTROLS: Record<string, [string, RegExp]> = {
  // The hostile page without Reportshelf: what the page looks like when the widget is absent.
  '/hostile-control.html': [
    'hostile.html',
    /<script src="\/reportshelf\.js"><\/script>|<shelf-library[^>]*><\/shelf-library>/g,
  ],
  // The typography page without its theme: the widget as on a clean page.
  '/typography-control.html': ['typography.html', /<style id="theme">[^]*?<\/style>/],
};

/** The test pages' site (test/e2e/pages and the routes above), for `setUp`'s `serve`. */
export function testPages(): Options {
  if (!existsSync(`${dist}reportshelf.js`) || !existsSync(`${dist}reportshelf.lite.js`)) {
    throw new Error('The drop-in files are not built: run `npm run build` first.');
  }
  const controls = Object.fromEntries(
    Object.entries(CONTROLS).map(([path, [file, strip]]) => [
      path,
      () => ({ body: readFileSync(pages + file, 'utf8').replace(strip, '') }),
    ]),
  );
  return {
    mounts: [['/', pages]],
    // The strict-CSP page is the plain page; only its header differs.
    routes: {
      ...routes,
      ...controls,
      '/csp.html': () => ({ body: readFileSync(`${pages}plain.html`), headers: { 'Content-Security-Policy': CSP } }),
      '/cite-csp.html': () => ({
        body: readFileSync(`${pages}cite.html`),
        headers: { 'Content-Security-Policy': CSP },
      }),
      '/lite-ar-csp.html': () => ({
        body: readFileSync(`${pages}lite-ar.html`),
        headers: { 'Content-Security-Policy': CSP },
      }),
      // The French page with the lite file copied alone to another folder.
      '/alone/lite-fr.html': () => ({
        body: readFileSync(`${pages}lite-fr.html`, 'utf8').replace(
          '/reportshelf.lite.js',
          '/alone/reportshelf.lite.js',
        ),
      }),
    },
  };
}
