/**
 * A report's words as the database holds them, and a search's words as it asks for them: the same
 * analysis as the browser engines (core's analysis.ts), so that the server finds the same reports.
 * PostgreSQL's own text search configurations stem differently (another English stemmer, other
 * stop words, no Arabic), so the terms are made here and stored as a `simple` tsvector.
 *
 * The few helpers below that core keeps internal (its answer.ts and query.ts) are repeated, as
 * they are there; the server's parity test with `runQuery` holds the two together.
 */
import { analyse, analysed, foldText, type Analysed, type Report } from '@reportshelf/core';

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

/** A word's term in a language, and its quoted lexeme: a catalogue has far fewer distinct words than words. */
const memos = new Map<string, Map<string, { term: string; quoted: string } | null>>();

/** The words' terms (and lexemes, quoted) in one language, in titles or not: `analyse` of each word alone, remembered. */
function memoFor(lang: Analysed | null, title: boolean): Map<string, { term: string; quoted: string } | null> {
  const key = `${lang}${title ? '+' : ''}`;
  let memo = memos.get(key);
  // A catalogue's words are bounded; a stream of distinct ones (numbers, codes) is not kept for ever.
  if (!memo || memo.size > 500_000) memos.set(key, (memo = new Map()));
  return memo;
}

/** A report's terms as a tsvector literal, each term with its positions and its field's weight. */
export function termsOf(report: Report, language: string | undefined): { vector: string; terms: Set<string> } {
  const lang = analysed(report.language ?? language);
  const positions = new Map<string, { quoted: string; at: string; n: number }>();
  let position = 0;
  for (const [field, weight] of FIELDS) {
    const value = report[field];
    const text = Array.isArray(value) ? value.join(' ') : ((value as string | undefined) ?? '');
    if (text === '') continue;
    const title = field === 'title';
    const memo = memoFor(lang, title);
    // The words as core's `analyse` splits them, each analysed once (see memoFor).
    for (const word of text.split(WORD_BREAK)) {
      let got = memo.get(word);
      if (got === undefined) {
        const term = analyse(word, lang, title)[0];
        // A lexeme too long for PostgreSQL takes its position but is not kept (quoted empty).
        got =
          term === undefined
            ? null
            : { term, quoted: Buffer.byteLength(term) > MAX_LEXEME_BYTES ? '' : quoteLexeme(term) };
        memo.set(word, got);
      }
      if (got === null) continue;
      if (position < MAX_POSITION) position++;
      if (got.quoted === '') continue;
      const entry = positions.get(got.term);
      if (!entry) positions.set(got.term, { quoted: got.quoted, at: `:${position}${weight}`, n: 1 });
      else if (entry.n++ < MAX_POSITIONS) entry.at += `,${position}${weight}`;
    }
  }
  let vector = '';
  for (const { quoted, at } of positions.values()) vector += vector === '' ? quoted + at : ` ${quoted}${at}`;
  return { vector, terms: new Set(positions.keys()) };
}

/** Where core's `analyse` splits a text into words. */
const WORD_BREAK = /[^\p{L}\p{M}\p{N}]+/u;

/** A lexeme quoted for a tsvector or tsquery literal. */
export const quoteLexeme = (term: string): string => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** A report's searchable text, folded, one space between words and a line between fields: as core's query.ts matches "phrases". */
export function foldedText(r: Report): string {
  const text = foldText(
    [r.title, r.summary, ...r.authors, ...r.organizations, ...r.countries, ...r.regions, ...r.categories].join('\n'),
  );
  // Folded ASCII has no capitals, marks or other letters: the plain class is the same, and faster.
  return /[^\0-\x7f]/.test(text) ? text.replace(/[^\p{L}\p{M}\p{N}\n]+/gu, ' ') : text.replace(/[^a-z0-9\n]+/g, ' ');
}

/** A title as it is sorted (core's tables.ts `titleKey`). */
export const titleKey = (title: string): string => title.replace(/^[\p{P}\p{S}\s]+/u, '') || title;

// How a search's words are read and their typos forgiven: core's own, so that the server finds
// what the page finds.
export { editDistance, searchedWords, swaps, TYPOS_BELOW, typosIn, type Word } from '@reportshelf/core';
