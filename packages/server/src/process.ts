/**
 * One of several server processes (serve.ts, `processes`), started by node:cluster: a server of its
 * own, with the options the first process was given, on the port that process holds. It tells
 * that process when it listens (or why it could not start), and stops when told, or when that
 * process has gone.
 */
import cluster from 'node:cluster';
import { startServer, type StartOptions } from './serve.js';

const options = JSON.parse(process.env.REPORTSHELF_SERVER ?? '{}') as StartOptions;
// Ctrl+C (and a service manager's SIGTERM) reaches every process of the group: the first process
// stops the others, each once its own connections are closed, and starts none again.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);

try {
  const running = await startServer({ ...options, processes: 1, processName: String(cluster.worker?.id ?? 1) });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void running.close().finally(() => process.exit(0));
  };
  process.on('message', (message) => {
    if (message === 'stop') stop();
  });
  process.on('disconnect', stop);
  process.send!({ reportshelf: 'listening', url: running.url });
} catch (error) {
  process.send!({ reportshelf: 'failed', error: (error as Error).message }, () => process.exit(1));
}
