import type MiniSearch from 'minisearch';
import type { Report } from './types.js';
import type { Library } from './tables.js';
import { queryTerms, type Analysed } from './analysis.js';
import { indexLanguages } from './search-index.js';
import { foldText } from './text.js';
import {
  MAX_TYPOS,
  RECENCY,
  recencyFactor,
  SUGGESTION_TYPOS_PER_LETTER,
  TYPOS_BELOW,
  TYPOS_PER_LETTER,
  typosIn,
  WEIGHTS,
} from './ranking.js';

export { TYPOS_BELOW, typosIn };

/** A text search as the query engine asks for it: the words, and the -words whose reports are left out. */
export interface TextRequest {
  text: string;
  exclude: string[];
  /** The weight of recency in the order (`Query.boostRecent`); unset, `RECENCY.mild`. */
  boostRecent?: number;
}

/** The reports' years, for recency in relevance order: a report's by id, and the catalogue's newest. */
export interface Years {
  of(id: string): number | undefined;
  newest: number | undefined;
}

/**
 * What a text search found: hits in relevance order with the index terms they matched (`null`
 * when there are no words, only -words: every report), the ids of reports with a -word, and, when
 * no report has every word, the same search with the index's nearest terms (a did-you-mean).
 */
export interface TextAnswer {
  hits: { id: string; score: number; terms: string[] }[] | null;
  /**
   * How many of the hits, the first ones, have every word; those after have most of them (best
   * matches, for when too few have them all). Unset: all of them.
   */
  all?: number;
  excluded: string[];
  suggestion?: string;
  /** The search could not run (its worker could not be started): nothing was searched. */
  failed?: boolean;
}

/** One searched word: as typed, folded, and the terms the index may hold it as (one per catalogue language). */
export interface Word {
  typed: string;
  folded: string;
  terms: string[];
  stop: boolean;
}

/** The reports one word finds, by id, with its score in each and the index terms that matched. */
export type Found = Map<string, { score: number; terms: string[] }>;

/**
 * The words of a search (see `searchText`), each analysed in every language of the catalogue. Stop
 * words are left out, unless the search has nothing else (then they are searched as they are).
 */
export function searchedWords(text: string, languages: readonly (Analysed | null)[]): Word[] {
  const all = text
    .split(' ')
    .filter(Boolean)
    .map((typed) => ({ typed, folded: foldText(typed), ...queryTerms(typed, languages) }));
  const meaningful = all.filter((word) => !word.stop);
  return meaningful.length > 0 ? meaningful : all;
}

/** A word with two neighbouring letters swapped, each way: the typo an edit distance counts twice. */
export function swaps(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++)
    if (word[i] !== word[i + 1]) out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  return out;
}

/**
 * Edit distance of a and b counting a swap of two neighbouring letters as one edit (optimal string
 * alignment; without `swap`, as two: Levenshtein's, as MiniSearch's typos count), or more than
 * `max` as soon as it is sure to be.
 */
export function editDistance(a: string, b: string, max: number, swap = true): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (swap && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row[j] = d;
      least = Math.min(least, d);
    }
    if (least > max) return max + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}

/** Adds what one term finds to a word's reports: a report keeps its best score and every term that matched. */
export function addFound(found: Found, id: string, score: number, terms: readonly string[]): void {
  const had = found.get(id);
  if (!had) found.set(id, { score, terms: [...terms] });
  else {
    had.score = Math.max(had.score, score);
    for (const term of terms) if (!had.terms.includes(term)) had.terms.push(term);
  }
}

/**
 * The hits of a search from what each word found. Reports with every word come first, by score;
 * then the best matches, every report with some of the words, each score rewarded for the share of
 * the words it has (× 1 + matched ÷ words), so that a report with more of them ranks higher while a
 * rare word still outweighs a common one. On the relevance benchmark (`npm run bench:relevance`,
 * Cranfield's questions) keeping only reports with half the words or more, or multiplying by the
 * words matched, cost a fifth of nDCG@10: a question's best report often has few of its words.
 */
export function combineWords(found: readonly Found[]): Pick<TextAnswer, 'hits' | 'all'> {
  const totals = new Map<string, { score: number; terms: string[]; words: number }>();
  for (const word of found)
    for (const [id, { score, terms }] of word) {
      const had = totals.get(id);
      if (!had) totals.set(id, { score, terms: [...terms], words: 1 });
      else {
        had.score += score;
        had.words++;
        for (const term of terms) if (!had.terms.includes(term)) had.terms.push(term);
      }
    }
  const n = found.length;
  type Hit = NonNullable<TextAnswer['hits']>[number];
  const every: Hit[] = [];
  const some: Hit[] = [];
  for (const [id, { score, terms, words }] of totals)
    (words === n ? every : some).push({ id, score: score * (1 + words / n), terms });
  const byScore = (a: Hit, b: Hit) => b.score - a.score;
  return { hits: [...every.sort(byScore), ...some.sort(byScore)], all: every.length };
}

/** A library's years (its reports', or a split catalogue's rows'), for `boostRecent`. */
export const libraryYears = (library: Library): Years => ({
  of: (id) => library.years[library.positions.get(id)!],
  newest: library.yearBounds?.max,
});

/**
 * The hits re-ranked for recency: each score multiplied by its report's `recencyFactor` (the age
 * from the catalogue's newest year), those with every word and the best matches each in their own
 * order again. Ties keep their order. The answer given is not changed (answers are kept).
 */
export function boostRecent(answer: TextAnswer, years: Years, weight: number = RECENCY.mild): TextAnswer {
  const { newest } = years;
  if (!answer.hits || !weight || newest === undefined) return answer;
  const hits = answer.hits.map((hit) => {
    const year = years.of(hit.id);
    return { ...hit, score: hit.score * recencyFactor(weight, year === undefined ? year : newest - year) };
  });
  const all = answer.all ?? hits.length;
  const byScore = (a: { score: number }, b: { score: number }) => b.score - a.score;
  return { ...answer, hits: [...hits.slice(0, all).sort(byScore), ...hits.slice(all).sort(byScore)] };
}

/**
 * The search with each word that finds nothing replaced by a term of the index a few typos away:
 * the one that finds most reports with the other words, then the nearest, then the commonest.
 * `near` gives a word's candidate terms with the reports each finds.
 */
export function suggest(
  text: string,
  words: readonly Word[],
  found: readonly Found[],
  near: (word: Word) => Map<string, Set<string>>,
): string | undefined {
  let changed = false;
  const others = found.filter((f) => f.size > 0);
  const replaced = new Map<string, string>();
  words.forEach((word, i) => {
    if (found[i]!.size > 0) return;
    const most = Math.min(MAX_TYPOS, Math.round(SUGGESTION_TYPOS_PER_LETTER * word.folded.length));
    let best: { term: string; together: number; d: number; n: number } | undefined;
    for (const [term, ids] of near(word)) {
      const d = Math.min(...[word.folded, ...word.terms].map((t) => editDistance(t, term, most)));
      if (d > most || d === 0) continue;
      let together = 0;
      for (const id of ids) if (others.every((f) => f.has(id))) together++;
      const rank = { term, together, d, n: ids.size };
      if (
        !best ||
        together > best.together ||
        (together === best.together && (d < best.d || (d === best.d && ids.size > best.n)))
      )
        best = rank;
    }
    if (best) {
      replaced.set(word.typed, best.term);
      changed = true;
    }
  });
  return changed
    ? text
        .split(' ')
        .map((typed) => replaced.get(typed) ?? typed)
        .join(' ')
    : undefined;
}

/** The reports one word finds in a MiniSearch index: its terms, the last word's as prefixes too, typos forgiven. */
function matchWord(index: MiniSearch<Report>, word: Word, last: boolean): Found {
  const found: Found = new Map();
  const add = (term: string, prefix: boolean, fuzzy: number | false, weight = 1) => {
    for (const r of index.search(term, { prefix, fuzzy })) addFound(found, r.id as string, r.score * weight, r.terms);
  };
  for (const term of word.terms) add(term, last && term.length > 1, false);
  // The word being typed, unstemmed, as the beginning of a term: "migra" finds "migrant" and "migration".
  if (last && word.folded.length > 1 && !word.terms.includes(word.folded)) add(word.folded, true, false);
  if (found.size >= TYPOS_BELOW) return found;
  for (const term of word.terms)
    if (typosIn(term)) {
      add(term, false, TYPOS_PER_LETTER);
      // Two letters swapped, which MiniSearch's typo tolerance counts as two edits: one here,
      // weighed as a typo is of the word itself.
      for (const swapped of swaps(term)) add(swapped, false, false, WEIGHTS.fuzzy);
    }
  return found;
}

/**
 * Answers a text search from a MiniSearch index: in the page, or in the search worker; with the
 * reports' `years`, the newer ranked higher as `request.boostRecent` asks (see `boostRecent`).
 */
export function answerText(index: MiniSearch<Report>, request: TextRequest, years?: Years): TextAnswer {
  const { text, exclude } = request;
  const languages = indexLanguages(index);
  // -words: the reports that have them (in any of their forms, no prefix, no typo) are left out.
  const excluded = exclude.flatMap((word) =>
    queryTerms(word, languages).terms.flatMap((term) => index.search(term).map((r) => r.id as string)),
  );
  if (text === '') return { hits: null, excluded };
  const words = searchedWords(text, languages);
  const found = words.map((word, i) => matchWord(index, word, i === words.length - 1));
  const answer: TextAnswer = { ...combineWords(found), excluded };
  if (answer.all === 0)
    answer.suggestion = suggest(text, words, found, (word) => {
      // Wider typo tolerance than the search's own.
      const near = new Map<string, Set<string>>();
      for (const term of word.terms)
        for (const r of index.search(term, { fuzzy: SUGGESTION_TYPOS_PER_LETTER }))
          for (const t of r.terms) {
            let ids = near.get(t);
            if (!ids) near.set(t, (ids = new Set()));
            ids.add(r.id as string);
          }
      return near;
    });
  if (answer.suggestion === undefined) delete answer.suggestion;
  return years ? boostRecent(answer, years, request.boostRecent) : answer;
}
