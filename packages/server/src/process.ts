/**
 * One of several server processes (serve.ts, `processes`), started by node:cluster: a server of its
 * own, with the options the first process was given, on the port that process holds. It tells
 * that process when it listens (or why it could not start), and stops when told, even while it is
 * still starting. (When the first process is gone, node:cluster ends this one at once.)
 */
import { startServer, type RunningServer, type StartOptions } from './serve.js';

const options = JSON.parse(process.env.REPORTSHELF_SERVER ?? '{}') as StartOptions;
// Ctrl+C (and a service manager's SIGTERM) reaches every process of the group: the first process
// stops the others and starts none again.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);

let running: RunningServer | undefined;
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  if (!running) process.exit(0);
  void running.close().finally(() => process.exit(0));
};
// Heard before the server starts (reading the reports takes a minute at 1,000,000): a stop asked
// meanwhile is not lost.
process.on('message', (message) => {
  if (message === 'stop') stop();
});
try {
  // Named by its process id, as the first process's log names it.
  running = await startServer({ ...options, processes: 1, processName: String(process.pid) });
  if (stopping) {
    await running.close();
    process.exit(0);
  }
  process.send!({ reportshelf: 'listening', url: running.url });
} catch (error) {
  process.send!({ reportshelf: 'failed', error: (error as Error).message }, () => process.exit(1));
}
