/**
 * A worker thread's start when the server runs from its TypeScript source (the tests, the
 * benchmarks: `node --import tsx`): tsx's hooks are not the worker's, so it registers them, then
 * loads the worker's own module (`workerData.entry`). Built, the worker is started from its .js.
 */
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
