import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { sliced } from './schedule.js';
import type { Report } from './types.js';
import { analyse, analysed, languagesOf, type Analysed } from './analysis.js';

export { foldText } from './text.js';
import { ANALYSIS, INDEXED_FIELDS } from './text.js';
import { BM25, FIELD_BOOST, MAX_TYPOS, WEIGHTS } from './ranking.js';

export { FIELD_BOOST };

/**
 * How each analysed term is looked up (see `answerText`, which searches a word's terms one by one):
 * title boosted over people over the rest, scored and weighed as ranking.ts says (as the split
 * format is); prefix and typo tolerance are asked per term.
 */
export const SEARCH_OPTIONS: SearchOptions = {
  boost: FIELD_BOOST,
  bm25: BM25,
  weights: WEIGHTS,
  prefix: false,
  fuzzy: false,
  maxFuzzy: MAX_TYPOS,
};

/**
 * The one options object used both to build an index and to load a serialised one, so the two can
 * never disagree on fields or term processing. A field is analysed whole in the report's language
 * (`extractField` is the only hook that sees the report), its terms joined by spaces; `language` is
 * the catalogue's, for reports without their own.
 */
export function indexOptions(language?: string): Options<Report> {
  return {
    idField: 'id',
    fields: [...INDEXED_FIELDS],
    storeFields: [],
    // The field's terms, as an array that stringifyField and tokenize pass on as it is (no
    // joining and splitting again); a search's terms come as strings.
    extractField: (report, field) => {
      if (field === 'id') return report.id;
      const value = (report as unknown as Record<string, unknown>)[field];
      const text = Array.isArray(value) ? value.join(' ') : ((value as string | undefined) ?? '');
      return analyse(text, analysed(report.language ?? language), field === 'title') as unknown as string;
    },
    stringifyField: (terms) => terms as string,
    tokenize: (text) => (Array.isArray(text) ? (text as string[]) : text.split(' ')),
    processTerm: (term) => term || null,
    searchOptions: SEARCH_OPTIONS,
  };
}

export const INDEX_OPTIONS: Options<Report> = indexOptions();

export type ReportIndex = MiniSearch<Report>;

/** The languages each index's reports were analysed in: a query word is analysed in each. */
const languages = new WeakMap<ReportIndex, (Analysed | null)[]>();

/** The languages an index's reports were analysed in (English for one made elsewhere). */
export const indexLanguages = (index: ReportIndex): (Analysed | null)[] => languages.get(index) ?? ['en'];

/** Builds the index of a catalogue's reports; `language` is the catalogue's. */
export function buildIndex(reports: readonly Report[], language?: string): ReportIndex {
  const index = new MiniSearch<Report>(indexOptions(language));
  index.addAll(reports);
  languages.set(index, languagesOf(reports, language));
  return index;
}

/** Builds the index without a long task: reports are added in time slices (see `sliced`). */
export async function buildIndexAsync(
  reports: readonly Report[],
  sliceMs = 8,
  language?: string,
): Promise<ReportIndex> {
  const index = new MiniSearch<Report>(indexOptions(language));
  await sliced(reports.length, (i) => index.add(reports[i]!), sliceMs);
  languages.set(index, languagesOf(reports, language));
  return index;
}

/** The serialised form, as JSON text: MiniSearch's, with the analysis and languages its terms were made with. */
export function serialiseIndex(index: ReportIndex): string {
  return JSON.stringify({ ...index.toJSON(), analysis: ANALYSIS, languages: indexLanguages(index) });
}

/**
 * Loads a serialised index. One made with another analysis (an earlier version's) would be searched
 * wrongly: it is refused, with the reason.
 */
export function loadIndex(json: string): ReportIndex {
  const data = JSON.parse(json) as Parameters<typeof MiniSearch.loadJS>[0] & {
    analysis?: string;
    languages?: (Analysed | null)[];
  };
  if (data.analysis !== ANALYSIS)
    throw new Error(
      `the search index was made with another word analysis (${data.analysis ?? 'none'}, not ${ANALYSIS}); build it again`,
    );
  const index = MiniSearch.loadJS<Report>(data, INDEX_OPTIONS);
  languages.set(index, data.languages ?? ['en']);
  return index;
}
