/**
 * The end-to-end tests' web server: the built drop-in files, the test pages, catalogues, and
 * per-page headers (a strict Content-Security-Policy for one page). Loopback only.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateCatalogue } from '../../bench/generate.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = `${root}packages/embed/dist/`;
const pages = fileURLToPath(new URL('./pages/', import.meta.url));

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

let big: string | undefined;
const routes: Record<string, () => { type: string; body: string | Buffer; headers?: Record<string, string> }> = {
  '/reportshelf.js': () => ({ type: 'text/javascript', body: readFileSync(`${dist}reportshelf.js`) }),
  '/reportshelf.lite.js': () => ({ type: 'text/javascript', body: readFileSync(`${dist}reportshelf.lite.js`) }),
  '/catalogue.json': () => ({ type: 'application/json', body: readFileSync(`${root}data/catalogue.json`) }),
  '/big-catalogue.json': () => ({ type: 'application/json', body: (big ??= JSON.stringify(generateCatalogue(10_000, 7))) }),
};

/** Control pages, derived from a test page by leaving one thing out, to compare the two. */
const CONTROLS: Record<string, [string, RegExp]> = {
  // The hostile page without Reportshelf: what the page looks like when the widget is absent.
  '/hostile-control.html': ['hostile.html', /<script src="\/reportshelf\.js"><\/script>|<shelf-library[^>]*><\/shelf-library>/g],
  // The typography page without its theme: the widget as on a clean page.
  '/typography-control.html': ['typography.html', /<style id="theme">[^]*?<\/style>/],
};

export async function startServer(): Promise<{ server: Server; origin: string }> {
  if (!existsSync(`${dist}reportshelf.js`) || !existsSync(`${dist}reportshelf.lite.js`)) {
    throw new Error('The drop-in files are not built: run `npm run build` first.');
  }
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[pathname];
    // The strict-CSP page is the plain page; only its header differs.
    const name = pathname === '/csp.html' ? 'plain.html' : pathname.slice(1);
    const page = /^[\w-]+\.html$/.test(name) && existsSync(pages + name) ? name : undefined;
    if (pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
    } else if (route) {
      const { type, body } = route();
      res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' });
      res.end(body);
    } else if (CONTROLS[pathname]) {
      const [file, strip] = CONTROLS[pathname];
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(readFileSync(pages + file, 'utf8').replace(strip, ''));
    } else if (page) {
      const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' };
      if (pathname === '/csp.html') headers['Content-Security-Policy'] = CSP;
      res.writeHead(200, headers);
      res.end(readFileSync(pages + page));
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}
