/**
 * A report's words as the database holds them, and a search's words as it asks for them: the same
 * analysis as the browser engines (core's analysis.ts), so that the server finds the same reports.
 * PostgreSQL's own text search configurations stem differently (another English stemmer, other
 * stop words, no Arabic), so the terms are made here and stored as a `simple` tsvector.
 *
 * The few helpers below that core keeps internal (its answer.ts and query.ts) are repeated, as
 * they are there; the server's parity test with `runQuery` holds the two together.
 */
import { analyse, analysed, foldText, type Report } from '@reportshelf/core';

/** The fields searched, their weight letter in the tsvector (title A, people B, organisations C, the rest D). */
const FIELDS: readonly [keyof Report, 'A' | 'B' | 'C' | 'D'][] = [
  ['title', 'A'],
  ['authors', 'B'],
  ['organizations', 'C'],
  ['summary', 'D'],
  ['countries', 'D'],
  ['regions', 'D'],
  ['categories', 'D'],
];

/** PostgreSQL keeps positions up to 16383, and at most 256 per lexeme; a lexeme is at most 2046 bytes. */
const MAX_POSITION = 16383;
const MAX_POSITIONS = 255;
const MAX_LEXEME_BYTES = 2046;

/** A report's terms as a tsvector literal, each term with its positions and its field's weight. */
export function termsOf(report: Report, language: string | undefined): { vector: string; terms: Set<string> } {
  const lang = analysed(report.language ?? language);
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const [field, weight] of FIELDS) {
    const value = report[field];
    const text = Array.isArray(value) ? value.join(' ') : ((value as string | undefined) ?? '');
    for (const term of analyse(text, lang, field === 'title')) {
      position = Math.min(MAX_POSITION, position + 1);
      if (Buffer.byteLength(term) > MAX_LEXEME_BYTES) continue;
      let list = positions.get(term);
      if (!list) positions.set(term, (list = []));
      if (list.length < MAX_POSITIONS) list.push(`${position}${weight}`);
    }
  }
  const vector = [...positions].map(([term, at]) => `${quoteLexeme(term)}:${at.join(',')}`).join(' ');
  return { vector, terms: new Set(positions.keys()) };
}

/** A lexeme quoted for a tsvector or tsquery literal. */
export const quoteLexeme = (term: string): string => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** A report's searchable text, folded, one space between words and a line between fields: as core's query.ts matches "phrases". */
export const foldedText = (r: Report): string =>
  foldText(
    [r.title, r.summary, ...r.authors, ...r.organizations, ...r.countries, ...r.regions, ...r.categories].join('\n'),
  ).replace(/[^\p{L}\p{M}\p{N}\n]+/gu, ' ');

/** A title as it is sorted (core's tables.ts `titleKey`). */
export const titleKey = (title: string): string => title.replace(/^[\p{P}\p{S}\s]+/u, '') || title;

// How a search's words are read and their typos forgiven: core's own, so that the server finds
// what the page finds.
export { editDistance, searchedWords, swaps, TYPOS_BELOW, typosIn, type Word } from '@reportshelf/core';
