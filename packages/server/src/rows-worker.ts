/** A worker thread of the load's analysis (rows.ts): reports in, their COPY lines and terms out. */
import { parentPort } from 'node:worker_threads';
import type { Report } from '@reportshelf/core';
import { rowsOf } from './rows.js';

parentPort!.on('message', ({ reports, first, language }: { reports: Report[]; first: number; language?: string }) =>
  parentPort!.postMessage(rowsOf(reports, first, language)),
);
