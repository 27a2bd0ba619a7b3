import { foldedWords } from './analysis.js';
import type { Report } from './types.js';

/** The words a related search is made of, at most: well within `MAX_QUERY_WORDS`. */
export const RELATED_WORDS = 20;
/** And its characters, within `MAX_QUERY_LENGTH`. */
const RELATED_LENGTH = 250;

/**
 * The commonest function words of four letters or more in abstracts in English, French and Spanish, folded:
 * a related search has no room for them. The full stop lists and the stemmers stay where the index
 * is (the worker, for the lite file: the view that asks is loaded on demand, and every byte of it
 * weighed); an engine leaves out any stop word this misses, which costs the search one word.
 */
const COMMON = new Set(
  'also been between from have into more other such than that their them there these they this those through which with within were will would aussi avec cette comme dans elle elles entre leur leurs nous pour sans sont tous tout toute toutes como desde esta estas este esto estos para pero sobre todos'.split(
    ' ',
  ),
);

/** A folded word that says something: four letters at least, not a common function word, not a number. */
const telling = (word: string) => word.length > 3 && !COMMON.has(word) && !/^\d+$/.test(word);

/**
 * "More like this" (issue 27) as a search every engine already answers: the report's title words,
 * its places and categories (indexed as text), then its abstract's commonest words, longer words
 * first among equals. Run with best matches, it ranks first the reports that share most of these
 * words, the rarer ones counting most (BM25's inverse frequency weighs the words a whole library
 * shares, such as "trafficking", down at search time; the page has no word counts to do it). The
 * words are folded and the commonest function words left out here; each engine stems them as it stems any search, so
 * the stemmers stay where the index is. The report itself is among the results: leave it out.
 */
export function relatedSearch(report: Report): string {
  const chosen = new Set<string>();
  const take = (words: string[]) => {
    for (const word of words) if (chosen.size < RELATED_WORDS && telling(word)) chosen.add(word);
  };
  take(foldedWords([report.title, ...report.countries, ...report.regions, ...report.categories].join(' ')));
  const counts = new Map<string, number>();
  for (const word of foldedWords(report.summary ?? '')) counts.set(word, (counts.get(word) ?? 0) + 1);
  take([...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || b.length - a.length));
  let text = '';
  for (const word of chosen) if (text.length + word.length < RELATED_LENGTH) text += (text ? ' ' : '') + word;
  return text;
}
