/**
 * One small static server for everything here that serves files on loopback: the demo
 * (`npm start`), the end-to-end tests' pages and drop-in files, and the built Storybook. Folders
 * are mounted under URL prefixes (nothing outside them is ever served), and routes answer with
 * content made on the fly. No dependencies: a partner never runs it.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * @typedef {{ body: string | Buffer, type?: string, headers?: Record<string, string> }} Answer
 * @typedef {{
 *   mounts?: [prefix: string, folder: string][],
 *   routes?: Record<string, () => Answer | Promise<Answer>>,
 *   headers?: (pathname: string) => Record<string, string>,
 *   cache?: boolean,
 * }} Options
 */

/**
 * A file of a split catalogue's build: in a folder named by the build's hash (`BUILD_NAME` in
 * packages/core/src/split.ts), under a name the format gives (`isSplitFile`). Its content never
 * changes under that address, so a browser may keep it for a year without asking again.
 */
const BUILD_FILE =
  /\/[0-9a-f]{16}\/(years\.json|facets\/(region|country|category|author|organization|language)\.json|(cards|ids|index)\/(0|[1-9][0-9]*)\.json)$/;

/** `Cache-Control` for a path: a year for a split build's files, else ask each time (ETag). */
export const cacheControl = (pathname) =>
  BUILD_FILE.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache';

/** A strong validator for a body: its hash, quoted. */
export const etagOf = (body) => `"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;

/** The file a URL path names under the mounts, or null when it names none (or leaves its folder). */
function resolveFile(mounts, pathname) {
  for (const [prefix, folder] of mounts) {
    if (!pathname.startsWith(prefix)) continue;
    const file = normalize(join(folder, pathname.slice(prefix.length)));
    return file === folder || file.startsWith(folder.endsWith(sep) ? folder : folder + sep) ? file : null;
  }
  return null;
}

/**
 * With `cache`, answers as a partner's server should (see the README's "Caching"): a split
 * build's files for a year, everything else with an ETag, revalidated (304 when unchanged).
 * Without, nothing is kept (`no-store`), as tests that change files under one address need.
 * @param {Options} options
 */
export function createStaticServer({ mounts = [], routes = {}, headers = () => ({}), cache = false } = {}) {
  return createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const send = (status, body, type, extra = {}) => {
      const caching = { 'Cache-Control': 'no-store' };
      if (cache && status === 200) {
        caching['Cache-Control'] = cacheControl(pathname);
        caching.ETag = etagOf(body);
        if (req.headers['if-none-match'] === caching.ETag) {
          res.writeHead(304, { ...caching, ...headers(pathname) });
          return void res.end();
        }
      }
      res.writeHead(status, { 'Content-Type': type, ...caching, ...headers(pathname), ...extra });
      res.end(body);
    };
    try {
      // No icon; a browser that caches may keep knowing that for a day.
      if (pathname === '/favicon.ico')
        return void res.writeHead(204, cache ? { 'Cache-Control': 'public, max-age=86400' } : {}).end();
      const route = routes[pathname];
      if (route) {
        const { body, type, headers: extra } = await route();
        return send(200, body, type ?? TYPES[extname(pathname)] ?? 'application/octet-stream', extra);
      }
      let file = resolveFile(mounts, decodeURIComponent(pathname));
      if (!file) throw new Error('not mounted');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      send(200, await readFile(file), TYPES[extname(file)] ?? 'application/octet-stream');
    } catch {
      send(404, 'Not found', 'text/plain; charset=utf-8');
    }
  });
}

/** Listens on loopback (port 0: any free one) and gives the origin. */
export function listen(server, port = 0, host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(`http://${host}:${server.address().port}`));
  });
}
