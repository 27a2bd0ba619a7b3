/**
 * `npm start`: serves the demo pages, the built drop-in files and the data on localhost.
 * A plain static server with no dependencies: what the demo needs and nothing a partner must run.
 * It caches as the README asks of a partner's server: ETag and revalidation for most files, a year
 * for a split catalogue's build files.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createStaticServer, listen } from './static-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

// URL prefix → folder; everything else comes from demo/.
export const MOUNTS = [
  ['/dist/', join(root, 'packages/embed/dist')],
  ['/data/', join(root, 'data')],
  ['/', join(root, 'demo')],
];

export async function startServer(port = Number(process.env.PORT ?? 5173), host = process.env.HOST ?? '127.0.0.1') {
  const server = createStaticServer({ mounts: MOUNTS, cache: true });
  await listen(server, port, host);
  return server;
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
