/**
 * The benchmark's clients (bench/server.ts), on a thread of their own: for each message, `clients`
 * loops, each asking its share of `queries` (URLs) one after another. In the server's thread,
 * parsing the answers (about 40 KB of JSON each) would be counted as the server's time, which no
 * real visitor's browser takes from it. Each answer says this thread's own CPU time (Linux's
 * /proc/thread-self), so the benchmark can tell the server's CPU from the clients'.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

/** This thread's CPU seconds (user + system), or 0 where /proc cannot say. */
const threadCpu = () => {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
};

parentPort.on('message', async ({ queries, clients }) => {
  const times = [];
  const statuses = {};
  const processes = {};
  let errors = 0;
  let next = 0;
  const cpu = threadCpu();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < queries.length) {
        const url = queries[next++];
        const began = performance.now();
        try {
          const response = await fetch(url);
          await response.arrayBuffer();
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          const process = response.headers.get('reportshelf-process');
          if (process) processes[process] = (processes[process] ?? 0) + 1;
          if (!response.ok) errors++;
        } catch {
          errors++;
        }
        times.push(performance.now() - began);
      }
    }),
  );
  const wall = performance.now() - started;
  parentPort.postMessage({ times, statuses, processes, errors, wall, cpu: threadCpu() - cpu });
});
