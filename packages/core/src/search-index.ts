import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { sliced } from './schedule.js';
import type { Report } from './types.js';

export { foldText } from './text.js';
import { FIELD_BOOST, foldText, INDEXED_FIELDS } from './text.js';

export { FIELD_BOOST };

export const SEARCH_OPTIONS: SearchOptions = {
  boost: FIELD_BOOST,
  combineWith: 'AND',
  // Only the word being typed is a prefix; earlier words are complete. A single letter is not a
  // prefix: it would match nearly every report, at a cost, and tell the reader nothing.
  prefix: (term: string, i: number, terms: string[]) => i === terms.length - 1 && term.length > 1,
  // Short words have too many neighbours to be corrected usefully.
  fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
  maxFuzzy: 3,
};

/**
 * The one options object used both to build an index and to load a serialised one, so the
 * two can never disagree on fields or term processing.
 */
export const INDEX_OPTIONS: Options<Report> = {
  idField: 'id',
  fields: [...INDEXED_FIELDS],
  storeFields: [],
  extractField: (report, field) => {
    const value = (report as unknown as Record<string, unknown>)[field];
    return Array.isArray(value) ? value.join(' ') : ((value as string | undefined) ?? '');
  },
  // Words are runs of letters, marks and digits: symbols such as < = $ split words as
  // punctuation does, so "img" finds "<img" and "US$5" finds "us".
  tokenize: (text) => text.split(/[^\p{L}\p{M}\p{N}]+/u),
  processTerm: (term) => {
    const folded = foldText(term);
    return folded === '' ? null : folded;
  },
  searchOptions: SEARCH_OPTIONS,
};

export type ReportIndex = MiniSearch<Report>;

export function buildIndex(reports: readonly Report[]): ReportIndex {
  const index = new MiniSearch<Report>(INDEX_OPTIONS);
  index.addAll(reports);
  return index;
}

/** Builds the index without a long task: reports are added in time slices (see `sliced`). */
export async function buildIndexAsync(reports: readonly Report[], sliceMs = 8): Promise<ReportIndex> {
  const index = new MiniSearch<Report>(INDEX_OPTIONS);
  await sliced(reports.length, (i) => index.add(reports[i]!), sliceMs);
  return index;
}

/** The serialised form, as JSON text. */
export function serialiseIndex(index: ReportIndex): string {
  return JSON.stringify(index);
}

export function loadIndex(json: string): ReportIndex {
  return MiniSearch.loadJSON<Report>(json, INDEX_OPTIONS);
}
