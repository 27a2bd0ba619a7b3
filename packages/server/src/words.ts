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

/**
 * A term met in the catalogue, once however many words and languages give it: its quoted lexeme,
 * and its positions in the report being analysed (`report`, the analysis's count, says which), so
 * that a report's terms are gathered without a map of their own.
 */
interface Term {
  term: string;
  quoted: string;
  report: number;
  at: string;
  n: number;
}

/** Each term met, by its text. */
let terms = new Map<string, Term>();

/** A word's term in a language (null: none), in titles or not: a catalogue has far fewer distinct words than words. */
let memos = new Map<string, Map<string, Term | null>>();

/** Reports analysed so far, and words remembered. */
let analysedReports = 0;
let remembered = 0;

/** The words' terms in one language, in titles or not: `analyse` of each word alone, remembered. */
function memoFor(lang: Analysed | null, title: boolean): Map<string, Term | null> {
  const key = `${lang}${title ? '+' : ''}`;
  let memo = memos.get(key);
  if (!memo) memos.set(key, (memo = new Map()));
  return memo;
}

/** A term's weighted positions, `1A` to `16383D`, made once each. */
const placed: Record<string, string[]> = { A: [], B: [], C: [], D: [] };
const place = (position: number, weight: 'A' | 'B' | 'C' | 'D'): string =>
  (placed[weight]![position] ??= `${position}${weight}`);

/** A report's terms as a tsvector literal, each term with its positions and its field's weight. */
export function termsOf(report: Report, language: string | undefined): { vector: string; terms: string[] } {
  // A catalogue's words are bounded; a stream of distinct ones (numbers, codes) is not kept for
  // ever (forgotten between reports, as a term is one object within a report).
  if (remembered > 2_000_000) [terms, memos, remembered] = [new Map(), new Map(), 0];
  const lang = analysed(report.language ?? language);
  const now = ++analysedReports;
  const met: Term[] = [];
  let position = 0;
  for (const [field, weight] of FIELDS) {
    const value = report[field];
    const text = Array.isArray(value) ? value.join(' ') : ((value as string | undefined) ?? '');
    if (text === '') continue;
    const title = field === 'title';
    const memo = memoFor(lang, title);
    // The words as core's `analyse` splits them, each analysed once (see memoFor). In ASCII text
    // the same breaks are a plain class, which splits several times as fast as the Unicode one.
    for (const word of text.split(NOT_ASCII.test(text) ? WORD_BREAK : ASCII_WORD_BREAK)) {
      let got = memo.get(word);
      if (got === undefined) {
        const term = analyse(word, lang, title)[0];
        got = term === undefined ? null : (terms.get(term) ?? null);
        if (term !== undefined && got === null) {
          // A lexeme too long for PostgreSQL takes its position but is not kept (quoted empty).
          const quoted = Buffer.byteLength(term) > MAX_LEXEME_BYTES ? '' : quoteLexeme(term);
          terms.set(term, (got = { term, quoted, report: 0, at: '', n: 0 }));
        }
        memo.set(word, got);
        remembered++;
      }
      if (got === null) continue;
      if (position < MAX_POSITION) position++;
      if (got.quoted === '') continue;
      if (got.report !== now) {
        got.report = now;
        got.at = place(position, weight);
        got.n = 1;
        met.push(got);
      } else if (got.n++ < MAX_POSITIONS) got.at += `,${place(position, weight)}`;
    }
  }
  let vector = '';
  for (const { quoted, at } of met) vector += vector === '' ? `${quoted}:${at}` : ` ${quoted}:${at}`;
  return { vector, terms: met.map((t) => t.term) };
}

/** Where core's `analyse` splits a text into words; in a text of ASCII only, the same breaks. */
const WORD_BREAK = /[^\p{L}\p{M}\p{N}]+/u;
const ASCII_WORD_BREAK = /[^A-Za-z0-9]+/;
const NOT_ASCII = /[^\0-\x7f]/;

/** A lexeme quoted for a tsvector or tsquery literal. */
export const quoteLexeme = (term: string): string => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** A report's searchable text, folded, one space between words and a line between fields: as core's query.ts matches "phrases". */
export function foldedText(r: Report): string {
  const text = foldText(
    [r.title, r.summary, ...r.authors, ...r.organizations, ...r.countries, ...r.regions, ...r.categories].join('\n'),
  );
  // Folded ASCII has no capitals, marks or other letters: the plain class is the same, and faster.
  return NOT_ASCII.test(text) ? text.replace(/[^\p{L}\p{M}\p{N}\n]+/gu, ' ') : text.replace(/[^a-z0-9\n]+/g, ' ');
}

/** A title as it is sorted (core's tables.ts `titleKey`). */
export const titleKey = (title: string): string => title.replace(/^[\p{P}\p{S}\s]+/u, '') || title;

// How a search's words are read and their typos forgiven: core's own, so that the server finds
// what the page finds.
export { editDistance, searchedWords, swaps, TYPOS_BELOW, typosIn, type Word } from '@reportshelf/core';
