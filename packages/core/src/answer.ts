import type MiniSearch from 'minisearch';
import type { Report } from './types.js';

/** A text search as the query engine asks for it: the words, and the -words whose reports are left out. */
export interface TextRequest {
  text: string;
  exclude: string[];
}

/**
 * What a text search found: hits in relevance order with the index terms they matched (`null`
 * when there are no words, only -words: every report), the ids of reports with a -word, and, when
 * the words match nothing, the same search with the index's nearest terms (a did-you-mean).
 */
export interface TextAnswer {
  hits: { id: string; score: number; terms: string[] }[] | null;
  excluded: string[];
  suggestion?: string;
  /** The search could not run (its worker could not be started): nothing was searched. */
  failed?: boolean;
}

/** Answers a text search from a MiniSearch index: in the page, or in the search worker. */
export function answerText(index: MiniSearch<Report>, { text, exclude }: TextRequest): TextAnswer {
  // -words: the reports that have them (as typed, no prefix, no typo tolerance) are left out.
  const excluded = exclude.flatMap((word) =>
    index.search(word, { prefix: false, fuzzy: false }).map((r) => r.id as string),
  );
  if (text === '') return { hits: null, excluded };
  const hits = index.search(text).map((r) => ({ id: r.id as string, score: r.score, terms: r.terms }));
  const answer: TextAnswer = { hits, excluded };
  if (hits.length === 0) {
    // Each word that matches nothing, replaced by the index's nearest term (wider typo tolerance
    // than the search's own), if any is near.
    let changed = false;
    const words = text.split(' ').map((word) => {
      if (index.search(word).length) return word;
      const near = index.search(word, { prefix: false, fuzzy: 0.4, maxFuzzy: 3 })[0]?.terms[0];
      if (near) changed = true;
      return near ?? word;
    });
    if (changed) answer.suggestion = words.join(' ');
  }
  return answer;
}
