/**
 * `npm start`: serves the demo pages, the built drop-in files and the data on localhost.
 * A plain static server with no dependencies: what the demo needs and nothing a partner must run.
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
};
// URL prefix → folder; everything else comes from demo/.
const MOUNTS = [
  ['/dist/', join(root, 'packages/embed/dist')],
  ['/data/', join(root, 'data')],
  ['/', join(root, 'demo')],
];

function resolve(pathname) {
  for (const [prefix, dir] of MOUNTS) {
    if (!pathname.startsWith(prefix)) continue;
    const file = normalize(join(dir, pathname.slice(prefix.length)));
    // Never serve anything outside the mounted folder.
    return file === dir || file.startsWith(dir + sep) ? file : null;
  }
  return null;
}

export function startServer(port = Number(process.env.PORT ?? 5173), host = process.env.HOST ?? '127.0.0.1') {
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    let file = resolve(decodeURIComponent(pathname));
    try {
      if (file && (await stat(file)).isDirectory()) file = join(file, 'index.html');
      if (!file) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let server;
  for (let port = Number(process.env.PORT ?? 5173), tries = 0; !server && tries < 20; port++, tries++) {
    server = await startServer(port).catch((error) => {
      if (error.code !== 'EADDRINUSE') throw error;
      return undefined;
    });
  }
  const { port } = server.address();
  console.log(`Reportshelf demo: http://localhost:${port}/`);
  console.log('Press Ctrl+C to stop.');
}
