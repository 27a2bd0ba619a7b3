/**
 * The benchmark's clients (bench/server.ts), on a thread of their own: `clients` loops, each
 * asking its share of `queries` (URLs) one after another. In the server's thread, parsing the
 * answers (about 40 KB of JSON each) would be counted as the server's time, which no real
 * visitor's browser takes from it.
 */
import { parentPort, workerData } from 'node:worker_threads';

const { queries, clients } = workerData;
const times = [];
const statuses = {};
let errors = 0;
let next = 0;
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
        if (!response.ok) errors++;
      } catch {
        errors++;
      }
      times.push(performance.now() - began);
    }
  }),
);
parentPort.postMessage({ times, statuses, errors, wall: performance.now() - started });
