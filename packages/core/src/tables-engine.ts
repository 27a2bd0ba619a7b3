import type { Engine } from './engine.js';
import { normaliseQuery, parseSearch, queryParts, resultsOf } from './query.js';
import type { Library } from './tables.js';
import type { TextAnswer, TextRequest } from './answer.js';
import type { Query, Results } from './types.js';

/**
 * Answers a text search: at once from an index in the page, or later, by a promise, from elsewhere
 * (the lite drop-in file's worker). A promise of `null` means not searched (a newer search
 * overtook it): asked again if the words come back.
 */
export type TextSearch = (request: TextRequest) => TextAnswer | Promise<TextAnswer | null>;

/** Most answers kept from a search answered later: the words of the last few searches, typed letter by letter. */
const ANSWERS_KEPT = 64;

/**
 * An engine over a library's tables in the page, its text searches answered by `search`: the index
 * in the page (`pageEngine`) or the lite file's worker. Filtering, counting, sorting and the facet
 * lists run here, synchronously once the words' answer is had; an answer that comes later is kept
 * for its words, and asked once however often the query is. `stop` lets go of what answers.
 */
export function tablesEngine(library: Library, search: TextSearch, stop: () => void): Engine {
  const kept = new Map<string, TextAnswer>();
  const coming = new Map<string, Promise<TextAnswer | null>>();

  /** A query's results, now or once its words' answer comes (asked again while it comes back "not searched"). */
  const run = (query: Query, all: boolean, signal?: AbortSignal): Results | Promise<Results> => {
    const results = (words: TextAnswer | null) => resultsOf(library, queryParts(library, query, all, words));
    const text = query.q.trim();
    if (text === '' || (query.report !== undefined && library.positions.has(query.report))) return results(null);
    const { text: words, exclude } = parseSearch(text);
    // What the words' answer depends on, which it is kept under.
    const request: TextRequest = { text: words, exclude, boostRecent: query.boostRecent };
    const key = JSON.stringify(request);
    const ask = (): Results | Promise<Results> => {
      const had = kept.get(key);
      if (had) return results(had);
      let waiting = coming.get(key);
      if (!waiting) {
        const answer = search(request);
        if (!(answer instanceof Promise)) return results(answer);
        coming.set(
          key,
          (waiting = answer.then((got) => {
            coming.delete(key);
            if (got) {
              if (kept.size >= ANSWERS_KEPT) kept.delete(kept.keys().next().value!);
              kept.set(key, got);
            }
            return got;
          })),
        );
      }
      return waiting.then((got) => {
        // Not searched: asked again, unless no one waits for it any more (then pending, and dropped).
        return got || signal?.aborted ? results(got) : ask();
      });
    };
    return ask();
  };

  return {
    query: ({ query }, signal) => Promise.resolve(run(normaliseQuery(query), false, signal)),
    async all(query, job = {}) {
      const { hits } = await run(normaliseQuery(query), true, job.signal);
      return job.signal?.aborted ? [] : hits.map((hit) => hit.report);
    },
    stop,
  };
}
