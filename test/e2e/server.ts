/**
 * The end-to-end tests' web server: the built drop-in files, the test pages, catalogues, and
 * per-page headers (a strict Content-Security-Policy for one page). Loopback only.
 */
import type { Server } from 'node:http';
import { createStaticServer, listen } from '../../scripts/static-server.mjs';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateCatalogue } from '../../bench/generate.js';
import { exportCatalogue } from '../fixtures/export-catalogue.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = `${root}packages/embed/dist/`;
const pages = fileURLToPath(new URL('./pages/', import.meta.url));

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

let big: string | undefined;
const routes = {
  '/reportshelf.js': () => ({ body: readFileSync(`${dist}reportshelf.js`) }),
  '/reportshelf.lite.js': () => ({ body: readFileSync(`${dist}reportshelf.lite.js`) }),
  // The languages, the cite and export panels and the rest, which the lite file loads from beside itself.
  ...Object.fromEntries(
    ['fr', 'es', 'ar', 'cite', 'search', 'regions', 'split'].map((lang) => [
      `/reportshelf.${lang}.js`,
      () => ({ body: readFileSync(`${dist}reportshelf.${lang}.js`) }),
    ]),
  ),
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

export async function startServer(): Promise<{ server: Server; origin: string }> {
  if (!existsSync(`${dist}reportshelf.js`) || !existsSync(`${dist}reportshelf.lite.js`)) {
    throw new Error('The drop-in files are not built: run `npm run build` first.');
  }
  const controls = Object.fromEntries(
    Object.entries(CONTROLS).map(([path, [file, strip]]) => [
      path,
      () => ({ body: readFileSync(pages + file, 'utf8').replace(strip, '') }),
    ]),
  );
  const server = createStaticServer({
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
  });
  return { server, origin: await listen(server) };
}
