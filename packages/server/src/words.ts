/**
 * A report's words as the database holds them, and a search's words as it asks for them: the same
 * analysis as the browser engines (core's analysis.ts), so that the server finds the same reports.
 * PostgreSQL's own text search configurations stem differently (another English stemmer, other
 * stop words, no Arabic), so the terms are made here and stored as a `simple` tsvector.
 *
 * The few helpers below that core keeps internal (its answer.ts and query.ts) are repeated, as
 * they are there; the server's parity test with `runQuery` holds the two together.
 */
import { analyse, analysed, foldText, queryTerms, type Analysed, type Report } from '@reportshelf/core';

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

/** One searched word: as typed, folded, its terms in each of the catalogue's languages. */
export interface Word {
  typed: string;
  folded: string;
  terms: string[];
  stop: boolean;
}

/** The words of a search (core's `searchedWords`): stop words left out unless there is nothing else. */
export function searchedWords(text: string, languages: readonly (Analysed | null)[]): Word[] {
  const all = text
    .split(' ')
    .filter(Boolean)
    .map((typed) => ({ typed, folded: foldText(typed), ...queryTerms(typed, languages) }));
  const meaningful = all.filter((word) => !word.stop);
  return meaningful.length > 0 ? meaningful : all;
}

/** The most typos forgiven in a word: none under five letters, one per five letters, three at most. */
export const typosIn = (word: string): number => (word.length >= 5 ? Math.min(3, Math.round(0.2 * word.length)) : 0);

/** A word with two neighbouring letters swapped, each way. */
export function swaps(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++)
    if (word[i] !== word[i + 1]) out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  return out;
}

/** Edit distance counting a swap of neighbouring letters as one (optimal string alignment), or more than `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row[j] = d;
      least = Math.min(least, d);
    }
    if (least > max) return max + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}

/** Typos are looked for only when a word finds fewer reports than this as written (core's TYPOS_BELOW). */
export const TYPOS_BELOW = 10;
