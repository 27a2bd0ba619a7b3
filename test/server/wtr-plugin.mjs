/**
 * A web-test-runner plugin that gives browser tests a search server: a PostgreSQL of its own
 * (test/server/postgres.ts, started on the first request and stopped with the runner) holding the
 * catalogue the test sends, and @reportshelf/server (built: `npm run build`) over it, open to any
 * origin. In a browser test:
 *
 *   import { executeServerCommand } from '@web/test-runner-commands';
 *   const { url } = await executeServerCommand('reportshelf-server', { catalogue });
 *   const engine = serverEngine(url);
 *
 * Each call replaces the database's catalogue with the one sent (the engine contract's `make`).
 */
import { register } from 'tsx/esm/api';

export function reportshelfServer() {
  let started;
  let running;
  return {
    name: 'reportshelf-server',
    async executeCommand({ command, payload }) {
      if (command !== 'reportshelf-server') return undefined;
      started ??= (async () => {
        register();
        const { startPostgres } = await import('./postgres.ts');
        const { loadCatalogue, startServer } = await import('@reportshelf/server');
        const postgres = await startPostgres();
        return { postgres, loadCatalogue, startServer };
      })();
      const { postgres, loadCatalogue, startServer } = await started;
      await loadCatalogue(postgres.url, payload.catalogue);
      running ??= await startServer({ databases: [postgres.url], port: 0, allowOrigins: ['*'], perClient: 16 });
      return { url: running.url };
    },
    async serverStop() {
      if (!started) return;
      const { postgres } = await started;
      await running?.close();
      await postgres.stop();
    },
  };
}
