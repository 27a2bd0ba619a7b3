/**
 * Starts the search server: reads from the databases given (a primary, or its replicas), after
 * checking that their schema is the one this server knows.
 */
import { serve, type ServerType } from '@hono/node-server';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createApp, type ServerOptions } from './http.js';
import { Memory } from './columns.js';
import { Reader, type ReaderOptions } from './reader.js';
import { dataVersion } from './search.js';
import { SCHEMA_VERSION, schemaVersion } from './schema.js';

export interface StartOptions extends ServerOptions, ReaderOptions {
  /** Connection URLs: one database, or several to spread the reads over. */
  databases: readonly string[];
  port?: number;
  /** Address to listen on (default 127.0.0.1; 0.0.0.0 in a container). */
  host?: string;
}

export interface RunningServer {
  /** The server's address, ending in a slash: give it as the elements' `src`. */
  url: string;
  reader: Reader;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const reader = new Reader(options.databases, options);
  const memory = new Memory();
  try {
    // One database answering with the right schema is enough to start; the others may come later.
    const version = await reader.run((db) => schemaVersion(db));
    if (version !== SCHEMA_VERSION)
      throw new Error(
        version < SCHEMA_VERSION
          ? `the database has no Reportshelf catalogue yet, or an older schema (${version}, not ${SCHEMA_VERSION}): run reportshelf load first`
          : `the database's schema (${version}) is newer than this server knows (${SCHEMA_VERSION}): update reportshelf`,
      );
    // The reports' years and facets read into memory before the first visitor asks.
    await reader.run(async (db) => memory.at(db, await dataVersion(db)));
  } catch (error) {
    await reader.end();
    throw error;
  }
  const app = createApp(reader, { ...options, memory });
  const server: ServerType = serve({
    fetch: app.fetch,
    port: options.port ?? 8080,
    hostname: options.host ?? '127.0.0.1',
  });
  // Longer than a load balancer's or a browser's idle connection, so the server never closes one as it is reused.
  (server as { keepAliveTimeout?: number }).keepAliveTimeout = 65_000;
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/`,
    reader,
    async close() {
      server.close();
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await once(server, 'close').catch(() => undefined);
      await reader.end();
    },
  };
}
