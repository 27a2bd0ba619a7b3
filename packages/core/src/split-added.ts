/**
 * The split format's `added.json`: each row's `added` date (or null), written when some report has
 * one, and fetched by the reader for the "Recently added" sort alone (the cards hold the dates too,
 * but a sort needs every row's).
 */
import { EngineError } from './engine.js';
import type { Library } from './tables.js';
import type { Report } from './types.js';

export const ADDED_FILE = 'added.json';

/** Writes the file for reports in row order, if some report has an `added` date; whether it did. */
export function writeAdded(reports: Report[], files: Map<string, string>): boolean {
  if (!reports.some((r) => r.added)) return false;
  files.set(ADDED_FILE, JSON.stringify(reports.map((r) => r.added ?? null)));
  return true;
}

/** Reads the file into a reader's rows (its library's reports), checked as `years.json` is. */
export async function readAdded(get: (path: string) => Promise<unknown>, library: Library): Promise<void> {
  const dates = await get(ADDED_FILE);
  const date = (d: unknown) => d === null || (typeof d == 'string' && /^\d{4}-\d\d-\d\d$/.test(d));
  if (!Array.isArray(dates) || dates.length !== library.reports.length || !dates.every(date))
    throw new EngineError('damaged', `${ADDED_FILE} does not hold a date (YYYY-MM-DD) or null for each report`);
  dates.forEach((added: string | null, row) => added && (library.reports[row]!.added = added));
}
