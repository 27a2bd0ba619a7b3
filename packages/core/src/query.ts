import type { Library } from './tables.js';
import type { TextAnswer } from './answer.js';
import {
  FACET_NAMES,
  SORT_ORDERS,
  type FacetName,
  type FacetResult,
  type FacetValue,
  type Hit,
  type Query,
  type Results,
  type SortOrder,
} from './types.js';
import { collator } from './tables.js';
import { foldText } from './text.js';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;
/** The work a query may ask for: its length, and the distinct words searched (a pasted page is not a query). */
export const MAX_QUERY_LENGTH = 256;
// A question's words count, stop words too (they are dropped later, where the analysis runs):
// Cranfield's questions have up to 24 distinct words, and cut at twelve they lost a fifth of nDCG@10.
export const MAX_QUERY_WORDS = 24;

/** A text's words: its runs of letters, marks and digits. */
export const wordsOf = (text: string) => text.split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);

/** The words searched for: distinct (repeating a word finds nothing more), at most MAX_QUERY_WORDS. */
export function searchText(q: string): string {
  return [...new Set(wordsOf(q))].slice(0, MAX_QUERY_WORDS).join(' ');
}

/** What people type besides words: "words in quotes" that must stand together, and -words to leave out. */
export interface SearchSyntax {
  /** Words to find (those of the phrases included), as the index is searched for them. */
  text: string;
  /** Each quoted phrase, folded, its words single-spaced. */
  phrases: string[];
  /** Words whose reports are left out. */
  exclude: string[];
  /** Each -"quoted phrase", folded, its words single-spaced: the reports where it stands are left out. */
  without: string[];
}

export function parseSearch(q: string): SearchSyntax {
  const phrases: string[] = [];
  const exclude: string[] = [];
  const without: string[] = [];
  // Quoted phrases, -"phrases" and -words are taken out (a phrase's words stay as words, a
  // -"phrase"'s go); the rest are words.
  const rest = q.replace(
    /(?<=^|\s)(-)?"([^"]*)"?|(?<=^|\s)-([^\s"]+)/g,
    (_, minusQuoted: string | undefined, quoted: string | undefined, minus: string | undefined) => {
      if (minus !== undefined) exclude.push(minus);
      const words = wordsOf(quoted ?? '');
      if (minusQuoted) {
        if (words.length > 1) without.push(foldText(words.join(' ')));
        else exclude.push(...words);
        return ' ';
      }
      if (words.length > 1) phrases.push(foldText(words.join(' ')));
      return ` ${quoted ?? ''} `;
    },
  );
  return { text: searchText(rest), phrases, exclude: wordsOf(searchText(exclude.join(' '))), without };
}

/** A report's searchable text, folded, one space between words and a line between fields, for matching phrases. */
const foldedText = (r: Library['reports'][number]) =>
  foldText(
    [r.title, r.summary, ...r.authors, ...r.organizations, ...r.countries, ...r.regions, ...r.categories].join('\n'),
  ).replace(/[^\p{L}\p{M}\p{N}\n]+/gu, ' ');

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' ? Math.trunc(value) : Number.NaN;
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

/** Fills defaults and repairs anything out of range, so every query the engine sees is well formed. */
export function normaliseQuery(input: Partial<Query> = {}): Query {
  const filters: Query['filters'] = {};
  for (const name of FACET_NAMES) {
    const values = input.filters?.[name];
    if (!Array.isArray(values)) continue;
    const unique = [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];
    if (unique.length > 0) filters[name] = unique;
  }
  const query: Query = {
    q: typeof input.q === 'string' ? input.q.slice(0, MAX_QUERY_LENGTH) : '',
    filters,
    sort: SORT_ORDERS.includes(input.sort as SortOrder) ? (input.sort as SortOrder) : 'relevance',
    page: clampInt(input.page, 1, Number.MAX_SAFE_INTEGER, 1),
    pageSize: clampInt(input.pageSize, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
  };
  let from = Number.isInteger(input.yearFrom) ? input.yearFrom : undefined;
  let to = Number.isInteger(input.yearTo) ? input.yearTo : undefined;
  if (from !== undefined && to !== undefined && from > to) [from, to] = [to, from];
  if (from !== undefined) query.yearFrom = from;
  if (to !== undefined) query.yearTo = to;
  if (typeof input.undated == 'boolean') query.undated = input.undated;
  if (typeof input.report == 'string' && input.report) query.report = input.report;
  // A weight of recency (`boostRecent`) of 10 at most: the newest reports' scores × 11.
  const boost = input.boostRecent;
  if (typeof boost == 'number' && boost >= 0) query.boostRecent = Math.min(boost, 10);
  return query;
}

/**
 * A query's results from its parts: the facet lists are made from the counts when first read (see
 * `listFacetsLazily`). An engine's last step, wherever the parts were counted.
 */
export function resultsOf(library: Library, { counts, ...results }: QueryParts): Results {
  return { ...results, facets: listFacetsLazily(library, counts, results.query) };
}

/**
 * A query's results before the facet lists are made, with the counts they are made from: what a
 * split catalogue's reader sends the page (the lists are made there, from its facet labels).
 * Published with the other types (not internal), since `SplitAnswer` holds it.
 */
export type QueryParts = Omit<Results, 'facets'> & { counts: Uint32Array };

/**
 * Counts the catalogue's regions as a query's reports are counted (`countPlaces`, places.ts), for
 * a library that has it (`Library.countPlaces`). Made for each pass (undefined: nothing to count);
 * `add` hears each candidate, its values (`from`, `to` in the flat table) and the constraints it fails.
 */
export type PlaceCounter = (
  library: Library,
) => { add(c: number, from: number, to: number, missing: number): void; counts(): Record<string, number> } | undefined;

/**
 * @internal Runs a query: text search, filters (OR within a facet, AND across facets, a year
 * range), disjunctive facet counts, year histogram, sort and one page of hits (with `all`, every
 * hit in order, for an export), leaving the facet lists to be made from `counts`. Five phases,
 * each below: candidates, filter and count, sort, page, facet lists; a sixth explains an empty
 * list. `answer` is the text search's answer for the query's words (see `answerKey`); null while
 * it has not come, which makes the results pending, on the page asked for.
 */
export function queryParts(
  library: Library,
  input: Partial<Query>,
  all = false,
  answer: TextAnswer | null = null,
): QueryParts {
  const query = normaliseQuery(input);
  const text = query.q.trim();
  const syntax = parseSearch(text);

  // A link to one report lists it alone; one the catalogue no longer holds is said and ignored.
  const linked = query.report === undefined ? undefined : library.positions.get(query.report);
  const words = linked === undefined && text !== '' ? answer : undefined;
  // Words whose answer has not come (the index is being built, or a worker is searching).
  const pending = words === null;
  const { candidates, found, every } =
    linked === undefined
      ? findCandidates(library, syntax, words ?? undefined)
      : { candidates: [linked], every: 1, found: undefined };
  // Reports with every word; when fewer than a page of them pass the filters, the best matches too.
  let counted = filterAndCount(library, query, candidates.slice(0, every));
  if (counted.matched.length < query.pageSize && every < candidates.length)
    counted = filterAndCount(library, query, candidates);
  const { matched, counts, yearCounts, undated, relaxed, regions } = counted;
  // Relevance needs words to be relevant to: browsing, or only -words, is newest first.
  const sort: Results['sort'] = query.sort === 'relevance' && syntax.text === '' ? 'newest' : query.sort;
  sortCandidates(library, candidates, matched, sort, every);
  const partial = matched.filter((c) => c >= every).length;

  const total = matched.length;
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
  // A pending search keeps the page asked for (a shared link to page 3), to be clamped once it runs.
  const page = pending ? query.page : Math.min(query.page, pageCount);
  const start = (page - 1) * query.pageSize;
  const hits: Hit[] = (all ? matched : matched.slice(start, start + query.pageSize)).map((c) => {
    const result = found?.[c];
    return { report: library.reports[candidates[c]!]!, score: result?.score ?? 0, terms: result?.terms ?? [] };
  });

  const results: QueryParts = {
    hits,
    total,
    page,
    pageCount,
    pageSize: query.pageSize,
    query: { ...query, page },
    sort,
    counts,
    years: [...yearCounts].map(([year, count]) => ({ year, count })).sort((a, b) => a.year - b.year),
    undated,
    pending,
  };
  if (library.yearBounds) results.yearBounds = { ...library.yearBounds };
  if (regions) results.places = regions;
  if (partial > 0) results.partial = partial;
  if (query.report !== undefined && linked === undefined) results.missing = true;
  if (total === 0 && !pending) explainEmpty(library, query, relaxed, found, results);
  if (words?.suggestion && total - partial === 0) results.suggestion = words.suggestion;
  if (words?.failed) results.failed = true;
  return results;
}

/** @internal What an answer is kept under: the words searched and the -words. */
export const answerKey = (syntax: SearchSyntax): string =>
  `${syntax.text}\u0000${syntax.exclude.join(' ')}\u0000${syntax.without.join('\u0001')}`;

/**
 * An export under way: it stops when `signal` aborts (nothing more is fetched), and `progress`
 * hears how many of its reports have come, of how many.
 */
export interface ExportJob {
  signal?: AbortSignal;
  progress?: (done: number, total: number) => void;
}

/**
 * Phase 6, only when nothing matches: what would. Removing one constraint gives exactly the
 * reports that failed that one alone (counted in phase 2); removing the words, the filters' own
 * results. A word that matches nothing is replaced by the index's nearest term (wider typo
 * tolerance than the search's own) for a did-you-mean.
 */
function explainEmpty(
  library: Library,
  query: Query,
  relaxed: Uint32Array,
  found: TextAnswer['hits'] | undefined,
  results: QueryParts,
): void {
  const names: (FacetName | 'year')[] = [...FACET_NAMES, 'year'];
  const ways = names.map((drop, bit) => ({ drop, total: relaxed[bit]! })) as NonNullable<Results['relaxed']>;
  if (found)
    ways.push({
      drop: 'q',
      total: filterAndCount(
        library,
        query,
        library.reports.map((_, i) => i),
      ).matched.length,
    });
  results.relaxed = ways.filter((way) => way.total > 0).sort((a, b) => b.total - a.total);
}

/**
 * Phase 1, candidates: every report when browsing, else the text hits in relevance order, less
 * the reports with a -word and those where quoted words do not stand together. Results refer to
 * candidate numbers only, so a hit's score and matched terms are `found[c]`, no lookup.
 */
function findCandidates(
  library: Library,
  syntax: SearchSyntax,
  answer: TextAnswer | undefined,
): { candidates: number[]; found?: NonNullable<TextAnswer['hits']>; every: number } {
  const { reports } = library;
  if (!answer) {
    const candidates = syntax.text || syntax.exclude.length ? [] : reports.map((_, i) => i);
    return { candidates, every: candidates.length };
  }
  const excluded = new Set(answer.excluded);
  // Only -words: every report but those.
  const results = answer.hits ?? reports.map((r) => ({ id: r.id, score: 0, terms: [] }));
  const candidates: number[] = [];
  const found: NonNullable<TextAnswer['hits']> = [];
  // The candidates with every word: the first ones, as the answer's hits are.
  let every = -1;
  const all = answer.all ?? results.length;
  for (const [i, result] of results.entries()) {
    if (i === all) every = candidates.length;
    const position = library.positions.get(result.id);
    if (position === undefined || excluded.has(result.id)) continue;
    // "Quoted words" stand together, in one field, in that order (accents and case aside); a
    // -"quoted phrase" does not.
    if ((syntax.phrases.length > 0 || syntax.without.length > 0) && !library.textless) {
      const haystack = foldedText(reports[position]!);
      if (!syntax.phrases.every((phrase) => haystack.includes(phrase))) continue;
      if (syntax.without.some((phrase) => haystack.includes(phrase))) continue;
    }
    candidates.push(position);
    found.push(result);
  }
  return { candidates, found, every: every < 0 ? candidates.length : every };
}

/**
 * Phase 2, filter and count, in one pass over the candidates: a report failing no constraint is
 * a result and counts everywhere; a report failing exactly one constraint counts only for that
 * constraint's facet (disjunctive faceting), so each facet is counted as if it were not set.
 * Constraints are a bit per facet with a selection, checked against the flat table of values.
 */
function filterAndCount(
  library: Library,
  query: Query,
  candidates: number[],
): {
  matched: number[];
  counts: Uint32Array;
  yearCounts: Map<number, number>;
  undated: number;
  relaxed: Uint32Array;
  regions?: Record<string, number> | undefined;
} {
  const { facets, years } = library;
  const regions = library.countPlaces?.(library);
  const { offsets, values, facetOf, base } = library.flat;
  const selected = new Uint8Array(facetOf.length);
  let activeBits = 0;
  FACET_NAMES.forEach((name, f) => {
    const chosen = query.filters[name];
    if (!chosen) return;
    activeBits |= 1 << f;
    for (const value of chosen) {
      const id = facets[name].ids.get(value);
      if (id !== undefined) selected[base[f]! + id] = 1;
    }
  });
  const { yearFrom, yearTo } = query;
  const bounded = yearFrom !== undefined || yearTo !== undefined;
  // Reports without a year: in while no bound is set, unless the query says otherwise.
  const undatedIn = query.undated ?? !bounded;
  const counts = new Uint32Array(facetOf.length);
  // Per constraint (a bit each, the year last), the reports that fail it alone.
  const relaxed = new Uint32Array(FACET_NAMES.length + 1);
  let undated = 0;
  const yearCounts = new Map<number, number>();
  const countYear = (year: number | undefined) => {
    if (year !== undefined) yearCounts.set(year, (yearCounts.get(year) ?? 0) + 1);
  };
  const YEAR_BIT = 1 << FACET_NAMES.length;
  const matched: number[] = []; // candidate numbers
  for (let c = 0; c < candidates.length; c++) {
    const position = candidates[c]!;
    const from = offsets[position]!;
    const to = offsets[position + 1]!;
    let satisfied = 0;
    if (activeBits !== 0)
      for (let k = from; k < to; k++) if (selected[values[k]!]) satisfied |= 1 << facetOf[values[k]!]!;
    let missing = activeBits & ~satisfied;
    const year = years[position];
    if (year === undefined) {
      if (!(missing & ~YEAR_BIT)) undated++;
      if (!undatedIn) missing |= YEAR_BIT;
    } else if ((yearFrom !== undefined && year < yearFrom) || (yearTo !== undefined && year > yearTo))
      missing |= YEAR_BIT;
    regions?.add(c, from, to, missing);
    if (missing === 0) {
      matched.push(c);
      for (let k = from; k < to; k++) counts[values[k]!]!++;
      countYear(year);
    } else if ((missing & (missing - 1)) === 0) {
      // Exactly one constraint fails: this report counts for that facet alone.
      relaxed[31 - Math.clz32(missing)]!++;
      if (missing === YEAR_BIT) countYear(year);
      else for (let k = from; k < to; k++) if (1 << facetOf[values[k]!]! === missing) counts[values[k]!]!++;
    }
  }
  return { matched, counts, yearCounts, undated, relaxed, regions: regions?.counts() };
}

/**
 * Phase 5, facet lists: each facet's values are listed on first read (a getter), so that a page
 * showing four facets pays nothing for the author list with its thousands of names.
 */
function listFacetsLazily(library: Library, counts: Uint32Array, query: Query): Record<FacetName, FacetResult> {
  const { base } = library.flat;
  const lists = {} as Record<FacetName, FacetResult>;
  FACET_NAMES.forEach((name, f) => {
    let listed: FacetResult | undefined;
    Object.defineProperty(lists, name, {
      enumerable: true,
      get: () => {
        return (listed ??= listFacet(
          library,
          name,
          counts.subarray(base[f]!, base[f + 1]!),
          query.filters[name] ?? [],
        ));
      },
    });
  });
  return lists;
}

/**
 * Phase 3, sort: candidate numbers by their reports' year, title or added date, those with every word (the
 * candidates before `every`) before the best matches; relevance keeps the search engine's order.
 */
function sortCandidates(
  library: Library,
  candidates: number[],
  matched: number[],
  sort: Results['sort'],
  every: number,
): void {
  const { years, titleRank, reports } = library;
  const order = (compare: (a: number, b: number) => number) =>
    matched.sort((a, b) => +(a >= every) - +(b >= every) || compare(a, b));
  // Reports without a year go last in both date orders.
  const byYear = (direction: 1 | -1) => (ca: number, cb: number) => {
    const a = candidates[ca]!;
    const b = candidates[cb]!;
    const ya = years[a];
    const yb = years[b];
    if (ya !== yb) {
      if (ya === undefined) return 1;
      if (yb === undefined) return -1;
      return direction * (ya - yb);
    }
    return titleRank[a]! - titleRank[b]!;
  };
  // Dates as YYYY-MM-DD compare as text; no date ('') goes after every one.
  const added = (c: number) => reports[candidates[c]!]!.added ?? '';
  if (sort === 'added') order((a, b) => (added(a) < added(b) ? 1 : added(a) > added(b) ? -1 : byYear(-1)(a, b)));
  else if (sort === 'newest') order(byYear(-1));
  else if (sort === 'oldest') order(byYear(1));
  else if (sort === 'title') order((a, b) => titleRank[candidates[a]!]! - titleRank[candidates[b]!]!);
  // Relevance keeps the search engine's order, which is by descending score.
}

/** A facet's values with their counts: most reports first, then alphabetical by precomputed rank. */
function listFacet(library: Library, name: FacetName, count: Uint32Array, selected: string[]): FacetResult {
  const { labels, ids, rank } = library.facets[name];
  const chosen = new Set(selected);
  const listed: number[] = [];
  count.forEach((n, id) => {
    if (n > 0 || chosen.has(labels[id]!)) listed.push(id);
  });
  listed.sort((a, b) => count[b]! - count[a]! || rank[a]! - rank[b]!);
  const values: FacetValue[] = listed.map((id) => ({
    value: labels[id]!,
    count: count[id]!,
    selected: chosen.has(labels[id]!),
  }));
  // A selected value the catalogue does not hold still shows, last, so that it can be removed.
  // (The collator only then: the first one a page makes loads the language's collation data.)
  const unknown = [...chosen].filter((v) => !ids.has(v));
  if (unknown.length)
    for (const value of unknown.sort(collator().compare)) values.push({ value, count: 0, selected: true });
  return { name, values };
}
