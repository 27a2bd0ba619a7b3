/**
 * A query answered as `runQuery` answers it in the page (core's query.ts): the same candidates
 * (every word's reports first, the best matches when fewer than a page have them all; "phrases",
 * -words, -"phrases"), the same filters and disjunctive facet counts, years, undated, sorts,
 * `report=ID` and notes (relaxed, partial, suggestion, missing). The words' reports, their counts
 * and relevance come from the server's memory (postings.ts: BM25 as the page's MiniSearch scores,
 * the fields but title, authors and organisations scored as one: the order within relevance may
 * differ a little), the facets' counts too (columns.ts); PostgreSQL serves the page's reports,
 * typos' near terms, "phrases", and the other sorts' order.
 *
 * Every value reaches SQL as a parameter; the statements' shape depends only on which
 * constraints the query has.
 */
import type pg from 'pg';
import QueryStream from 'pg-query-stream';
import {
  analysed,
  FACET_NAMES,
  normaliseQuery,
  parseSearch,
  prefixWeight,
  queryTerms,
  RECENCY,
  recencyFactor,
  typoWeight,
  WEIGHTS,
  type Analysed,
  type FacetName,
  type FacetResult,
  type Hit,
  type Query,
  type Report,
  type Results,
} from '@reportshelf/core';
import { collator, NO_YEAR, type Columns, type Counted } from './columns.js';
import type { WordTerms } from './postings.js';
import { editDistance, quoteLexeme, searchedWords, swaps, TYPOS_BELOW, typosIn, type Word } from './words.js';

/** The catalogue as the data version has it: read again when the version moves on. */
export interface CatalogueInfo {
  version: string;
  /** The reports' years and facets, as of this version. */
  columns: Columns;
  language?: string;
  languages: (Analysed | null)[];
  yearBounds?: { min: number; max: number };
}

/** The column each facet is held in. */
const COLUMN: Record<FacetName, string> = {
  region: 'regions',
  country: 'countries',
  category: 'categories',
  author: 'authors',
  organization: 'organizations',
  language: 'language',
};
const YEAR_BIT = 1 << FACET_NAMES.length;

/** The data version, cheaply, for the ETag and to know whether `info` still holds. */
export async function dataVersion(db: pg.ClientBase): Promise<string> {
  const { rows } = await db.query<{ version: string }>('SELECT version::text AS version FROM reportshelf_catalogue');
  return rows[0]!.version;
}

/** The catalogue's language, the languages its reports are analysed in, and its years. */
export async function catalogueInfo(db: pg.ClientBase, columns: Columns): Promise<CatalogueInfo> {
  const { rows } = await db.query<{ version: string; language: string | null; min: number | null; max: number | null }>(
    `SELECT version::text AS version, language,
       (SELECT min(year) FROM reportshelf_reports) AS min, (SELECT max(year) FROM reportshelf_reports) AS max
     FROM reportshelf_catalogue`,
  );
  // The reports' distinct languages, by a skip over the language index.
  const languages = await db.query<{ v: string }>(`WITH RECURSIVE l AS (
      SELECT min(language) AS v FROM reportshelf_reports
      UNION ALL SELECT (SELECT min(language) FROM reportshelf_reports WHERE language > l.v) FROM l WHERE l.v IS NOT NULL
    ) SELECT v FROM l WHERE v IS NOT NULL`);
  const row = rows[0]!;
  const info: CatalogueInfo = {
    version: row.version,
    columns,
    languages: [...new Set([analysed(row.language ?? undefined), ...languages.rows.map((r) => analysed(r.v))])],
  };
  if (row.language) info.language = row.language;
  if (row.min !== null && row.max !== null) info.yearBounds = { min: row.min, max: row.max };
  return info;
}

/** Parameters of one statement, numbered as they are added. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/** A tsquery (as text, sent as a parameter) of any of these terms, some as prefixes. */
function anyOf(exact: Iterable<string>, prefixes: Iterable<string> = []): string {
  const parts = [...new Set(exact)].map(quoteLexeme);
  for (const prefix of new Set(prefixes)) parts.push(`${quoteLexeme(prefix)}:*`);
  return parts.join(' | ');
}

/** One searched word as it is looked for. */
interface Asked {
  word: Word;
  /** Its tsquery: its terms, the last word's as prefixes, and the terms its typos may be. */
  tsquery: string;
  exact: Set<string>;
  prefixes: string[];
  /** The index terms it finds, each with its weight (1 as written; a prefix's and a typo's less, as the page weighs them). */
  weights: WordTerms;
  /** Reports it finds, up to TYPOS_BELOW. */
  found: number;
}

/** What the words find, as core's answerText works it out: each word's terms, prefixes and typos, and a did-you-mean. */
interface TextPlan {
  words: Asked[];
  /** The -words' terms: reports with any of them are left out. */
  excluded: string[];
  exclude?: string;
  /** Some report (any filters aside) has every word. */
  every: boolean;
  suggestion?: string;
}

/** Index terms within `distance` edits (Levenshtein) of `term`: trigrams find the near ones, the distance decides. */
async function nearTerms(db: pg.ClientBase, term: string, distance: number): Promise<string[]> {
  if (term.length > 255) return [];
  const { rows } = await db.query<{ term: string }>(
    `SELECT term FROM reportshelf_terms
     WHERE term % $1 AND length(term) <= 255 AND levenshtein_less_equal(term, $1, $2) <= $2`,
    [term, distance],
  );
  return rows.map((r) => r.term);
}

/**
 * Each word's index terms with their weights, as core's matchWord finds them: its terms, the last
 * word's as prefixes too (from the vocabulary in memory), and when it finds fewer than TYPOS_BELOW
 * reports, the terms a typo or two away (PostgreSQL's trigrams over the vocabulary) and its letters
 * swapped.
 */
async function planText(
  db: pg.ClientBase,
  columns: Columns,
  text: string,
  exclude: string[],
  languages: (Analysed | null)[],
): Promise<TextPlan> {
  const { text: postings, alive, size } = columns;
  const excluded = exclude.flatMap((word) => queryTerms(word, languages).terms);
  const plan: TextPlan = { words: [], excluded, every: true };
  if (excluded.length) plan.exclude = anyOf(excluded);
  if (text === '') return plan;
  const words = searchedWords(text, languages);
  for (const [i, word] of words.entries()) {
    const last = i === words.length - 1;
    const exact = new Set(word.terms);
    const prefixes = last ? word.terms.filter((t) => t.length > 1) : [];
    // The word being typed, unstemmed, as the beginning of a term.
    if (last && word.folded.length > 1 && !word.terms.includes(word.folded)) prefixes.push(word.folded);
    const weights: WordTerms = new Map();
    const weigh = (term: string, weight: number) => {
      if (postings.has(term) && weight > (weights.get(term) ?? 0)) weights.set(term, weight);
    };
    for (const term of exact) weigh(term, 1);
    for (const prefix of prefixes)
      for (const term of postings.prefixed(prefix))
        weigh(term, term === prefix ? 1 : prefixWeight(term, prefix.length));
    let found = postings.countUpTo(weights.keys(), alive, size, TYPOS_BELOW);
    if (found < TYPOS_BELOW) {
      let more = false;
      for (const term of word.terms) {
        const typos = typosIn(term);
        if (!typos) continue;
        for (const near of await nearTerms(db, term, typos))
          if (!exact.has(near)) {
            exact.add(near);
            weigh(near, typoWeight(near, editDistance(term, near, typos)));
            more = true;
          }
        for (const swapped of swaps(term))
          if (postings.has(swapped) && !exact.has(swapped)) {
            exact.add(swapped);
            weigh(swapped, WEIGHTS.fuzzy);
            more = true;
          }
      }
      if (more) found = postings.countUpTo(weights.keys(), columns.alive, columns.size, TYPOS_BELOW);
    }
    plan.words.push({ word, tsquery: anyOf(exact, prefixes), exact, prefixes, weights, found });
  }
  return plan;
}

/**
 * The search with each word that finds nothing replaced by an index term a few typos away: the
 * one found most with the other words, then the nearest, then the commonest (core's `suggest`).
 */
async function suggest(db: pg.ClientBase, text: string, words: Asked[]): Promise<string | undefined> {
  const others = words.filter((w) => w.found > 0).map((w) => `(${w.tsquery})`);
  const replaced = new Map<string, string>();
  for (const { word, found } of words) {
    if (found > 0) continue;
    const most = Math.min(3, Math.round(0.4 * word.folded.length));
    const near = new Set<string>();
    for (const term of word.terms)
      for (const t of await nearTerms(db, term, Math.min(3, Math.round(0.4 * term.length)))) near.add(t);
    if (near.size === 0) continue;
    // Each near term counted by a statement of its own, which the terms' index answers (a join
    // on a tsquery made per row would read every report).
    const rows: { term: string; n: number; together: number }[] = [];
    for (const term of near) {
      const { rows: counted } = await db.query<{ n: number; together: number }>(
        `SELECT count(*)::int AS n, ${others.length ? 'count(*) FILTER (WHERE terms @@ $2::tsquery)::int' : 'count(*)::int'} AS together
         FROM reportshelf_reports WHERE terms @@ $1::tsquery`,
        others.length ? [quoteLexeme(term), others.join(' & ')] : [quoteLexeme(term)],
      );
      rows.push({ term, ...counted[0]! });
    }
    let best: { term: string; together: number; d: number; n: number } | undefined;
    for (const { term, n, together } of rows.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))) {
      // A term no report holds now (the vocabulary keeps the words of deleted reports) is no suggestion.
      if (n === 0) continue;
      const d = Math.min(...[word.folded, ...word.terms].map((t) => editDistance(t, term, most)));
      if (d > most || d === 0) continue;
      if (
        !best ||
        together > best.together ||
        (together === best.together && (d < best.d || (d === best.d && n > best.n)))
      )
        best = { term, together, d, n };
    }
    if (best) replaced.set(word.typed, best.term);
  }
  return replaced.size
    ? text
        .split(' ')
        .map((typed) => replaced.get(typed) ?? typed)
        .join(' ')
    : undefined;
}

/**
 * The statement parts of a query, each made when a statement uses it (its values become that
 * statement's parameters): which reports are candidates, which have every word, what each misses.
 */
class Shape {
  constructor(
    readonly params: Params,
    private readonly query: Query,
    private readonly plan: TextPlan | undefined,
    private readonly linked: boolean,
    private readonly phrases: string[],
    private readonly without: string[],
    /** Only the reports with every word are wanted: they are the candidates, found by the index at once. */
    private readonly everyOnly = false,
  ) {}

  /** Candidates: the text's reports (or one linked report, or all). */
  where(): string {
    const { params, plan } = this;
    const where: string[] = [];
    if (this.linked) where.push(`r.id = ${params.add(this.query.report)}`);
    else if (plan) {
      if (plan.words.length) {
        const any = plan.words.map((w) => `(${w.tsquery})`).join(this.everyOnly ? ' & ' : ' | ');
        where.push(`r.terms @@ ${params.add(any, '::tsquery')}`);
      }
      if (plan.exclude) where.push(`NOT r.terms @@ ${params.add(plan.exclude, '::tsquery')}`);
      for (const phrase of this.phrases) where.push(`strpos(r.folded, ${params.add(phrase)}) > 0`);
      for (const phrase of this.without) where.push(`strpos(r.folded, ${params.add(phrase)}) = 0`);
    }
    return where.length ? where.join(' AND ') : 'true';
  }

  /**
   * Whether a candidate has every word: one match of all the words at once (each match reads the
   * row's terms again), and none for one word, which every candidate has.
   */
  every(): string {
    const words = this.plan?.words;
    if (!words || words.length < 2 || this.linked || this.everyOnly) return 'true';
    return `r.terms @@ ${this.params.add(words.map((w) => `(${w.tsquery})`).join(' & '), '::tsquery')}`;
  }

  /** The constraints a candidate fails, a bit each (FACET_NAMES order, the year last). */
  missing(): string {
    const { params, query } = this;
    const bits: string[] = [];
    FACET_NAMES.forEach((name, f) => {
      const chosen = query.filters[name];
      if (!chosen) return;
      const values = params.add(chosen, '::text[]');
      const test = name === 'language' ? `r.language = ANY(${values})` : `r.${COLUMN[name]} && ${values}`;
      bits.push(`CASE WHEN ${test} THEN 0 ELSE ${1 << f} END`);
    });
    const { yearFrom, yearTo } = query;
    const bounded = yearFrom !== undefined || yearTo !== undefined;
    const undatedIn = query.undated ?? !bounded;
    const outside = [
      ...(yearFrom !== undefined ? [`r.year < ${params.add(yearFrom, '::int')}`] : []),
      ...(yearTo !== undefined ? [`r.year > ${params.add(yearTo, '::int')}`] : []),
    ];
    if (!undatedIn || outside.length)
      bits.push(
        `CASE WHEN r.year IS NULL THEN ${undatedIn ? 0 : YEAR_BIT} ${outside.length ? `WHEN ${outside.join(' OR ')} THEN ${YEAR_BIT}` : ''} ELSE 0 END`,
      );
    return bits.length ? bits.join(' + ') : '0';
  }
}

type ShapeOf = (params: Params, everyOnly?: boolean) => Shape;

/** The order of a sort (but relevance's, worked out in memory), those with every word first when best matches follow. */
function orderBy(sort: Results['sort'], withPartial: boolean, every: () => string): string {
  const keys = withPartial ? [`(${every()}) DESC`] : [];
  if (sort === 'newest') keys.push('r.year DESC NULLS LAST', 'r.title_key');
  else if (sort === 'oldest') keys.push('r.year ASC NULLS LAST', 'r.title_key');
  else if (sort === 'title') keys.push('r.title_key');
  else if (sort === 'added') keys.push("r.report->>'added' DESC NULLS LAST", 'r.year DESC NULLS LAST', 'r.title_key');
  keys.push('r.pos');
  return keys.join(', ');
}

/** A query worked out: what the page statement needs after the counts. */
interface Worked {
  query: Query;
  plan?: TextPlan;
  shape: ShapeOf;
  sort: Results['sort'];
  useAll: boolean;
  partial: number;
  results: Omit<Results, 'hits'>;
  /** The results' rows (columns.ts), in no order. */
  matchedRows: number[];
  /** Their scores and whether each has every word, when ranked by relevance (in memory). */
  ranked?: { scores: Float64Array; every?: Uint8Array };
}

/** The candidates of a query: rows, and for a search each one's score and whether it has every word. */
interface Candidates {
  rows: Int32Array;
  scores?: Float64Array;
  every?: Uint8Array;
}

/** Those of the candidates for which `keep(i)` holds. */
function keepOnly(candidates: Candidates, keep: (i: number) => boolean): Candidates {
  const n = candidates.rows.length;
  const at: number[] = [];
  for (let i = 0; i < n; i++) if (keep(i)) at.push(i);
  const pick = <T extends Int32Array | Float64Array | Uint8Array>(array: T | undefined): T | undefined => {
    if (!array) return undefined;
    const out = new (array.constructor as new (n: number) => T)(at.length);
    at.forEach((i, k) => (out[k] = array[i]!));
    return out;
  };
  const kept: Candidates = { rows: pick(candidates.rows)! };
  if (candidates.scores) kept.scores = pick(candidates.scores)!;
  if (candidates.every) kept.every = pick(candidates.every)!;
  return kept;
}

/** Sets the planner's seq scans off for the rest of a query's statements (reset by `indexed`). */
async function noSeqScan(db: pg.ClientBase): Promise<void> {
  if (seqScanOff.has(db)) return;
  seqScanOff.add(db);
  await db.query('SET enable_seqscan = off');
}
const seqScanOff = new WeakSet<pg.ClientBase>();

/** Counts a query and works out its page, results but the hits. */
async function work(
  db: pg.ClientBase,
  info: CatalogueInfo,
  input: Partial<Query>,
  facets: readonly FacetName[],
): Promise<Worked> {
  const query = normaliseQuery(input);
  const text = query.q.trim();
  const syntax = parseSearch(text);
  const { columns } = info;
  const linkedAt =
    query.report === undefined
      ? undefined
      : (
          await db.query<{ pos: number }>('SELECT pos::float8 AS pos FROM reportshelf_reports WHERE id = $1', [
            query.report,
          ])
        ).rows[0]?.pos;
  const linked = linkedAt !== undefined;
  // The words' reports are found in memory (postings.ts), with their counts, prefixes, -words and scores.
  const plan =
    !linked && text !== '' ? await planText(db, columns, syntax.text, syntax.exclude, info.languages) : undefined;
  const shaped: ShapeOf = (params, everyOnly = false) =>
    new Shape(params, query, plan, linked, syntax.phrases, syntax.without, everyOnly);
  const asked = FACET_NAMES.filter((name) => facets.includes(name));

  // The candidates: the rows the text finds, or the one linked, or every row. Each says whether it
  // has every word (the best matches count only when fewer than a page of reports have every word).
  let candidates: Candidates;
  let counted: Counted;
  let useAll = false;
  if (linked) {
    const r = columns.rowOf.get(linkedAt);
    // A report the rows in memory do not have yet (a replica ahead of the one they were read from) waits for the next version.
    candidates = { rows: Int32Array.from(r !== undefined && columns.alive[r] ? [r] : []) };
    counted = columns.filterAndCount(query, candidates.rows);
  } else if (plan) {
    const n = plan.words.length;
    const weight = query.boostRecent ?? RECENCY.mild;
    const newest = info.yearBounds?.max;
    const words = plan.words.map((w) => w.weights);
    // Relevance: more of the words counting more, newer reports a little more (core's combineWords, boostRecent).
    const factor = (row: number, has: number) => {
      const year = columns.year[row]!;
      return (
        (n ? 1 + has / n : 1) *
        (weight && newest !== undefined && year !== NO_YEAR ? recencyFactor(weight, newest - year) : 1)
      );
    };
    /**
     * The rows with every word (or, `all`, with any), scored, "phrases" checked. With every word
     * (`lazy`): as bitsets, less the rows that fail two filters or more (they count for no facet),
     * scored later, only those that pass the filters.
     */
    const find = async (all: boolean): Promise<{ candidates: Candidates; every: boolean; lazy: boolean }> => {
      let found: Candidates;
      let every: boolean;
      const lazy = n > 0 && (!all || n === 1);
      if (lazy) {
        const match = columns.text.matchEvery(words, plan.excluded, columns.alive, columns.size, columns.keepOf(query));
        every = match.every;
        found = { rows: match.rows };
      } else {
        const match = columns.text.match(words, plan.excluded, columns.alive, columns.size, all);
        const { rows, scores } = match;
        for (let i = 0; i < scores.length; i++) scores[i]! *= factor(rows[i]!, match.words[i]!);
        found = { rows, scores };
        every = n === 0 || match.every;
        if (all && n > 1) {
          const flags = new Uint8Array(rows.length);
          for (let i = 0; i < rows.length; i++) flags[i] = match.words[i] === n ? 1 : 0;
          found.every = flags;
        }
      }
      // "Phrases" and -"phrases": checked in the reports' folded text (PostgreSQL's), of the candidates.
      const checks: [string[], boolean][] = [
        [syntax.phrases, true],
        [syntax.without, false],
      ];
      for (const [phrases, wanted] of checks) {
        if (!phrases.length || !found.rows.length) continue;
        const params = new Params();
        // Without words, the candidates are every report (less -words'): the check reads them all in any case.
        const among =
          n === 0
            ? 'true'
            : `pos = ANY(${params.add(
                Array.from(found.rows, (r) => columns.pos[r]!),
                '::bigint[]',
              )})`;
        const has = phrases
          .map((phrase) => `strpos(folded, ${params.add(phrase)}) > 0`)
          .join(wanted ? ' AND ' : ' OR ');
        const { rows: got } = await db.query<{ p: string | null }>(
          `SELECT string_agg(pos::text, ',') AS p FROM reportshelf_reports WHERE ${among} AND (${has})`,
          params.values,
        );
        const positions = new Set((got[0]!.p ?? '').split(',').filter(Boolean).map(Number));
        const now = found.rows;
        found = keepOnly(found, (i) => positions.has(columns.pos[now[i]!]!) === wanted);
      }
      return { candidates: found, every, lazy };
    };
    // Most searches have a page of reports with every word: those alone are found and counted; the
    // reports with some of the words only when fewer than a page have them all (best matches).
    const first = await find(n < 2);
    candidates = first.candidates;
    counted = columns.filterAndCount(query, candidates.rows);
    let lazy = first.lazy;
    if (n > 1 && counted.matched.length < query.pageSize) {
      const any = (await find(true)).candidates;
      if (any.rows.length > candidates.rows.length) {
        useAll = true;
        lazy = false;
        candidates = any;
        counted = columns.filterAndCount(query, candidates.rows);
      }
    }
    if (lazy) {
      // The results' scores (their rows ascending, as the candidates are), each with every word.
      const { rows } = candidates;
      const matched = counted.matched;
      const sums = columns.text.scoresOf(
        words,
        matched.map((c) => rows[c]!),
      );
      const scores = new Float64Array(rows.length);
      matched.forEach((c, i) => (scores[c] = sums[i]! * factor(rows[c]!, n)));
      candidates.scores = scores;
    }
    plan.every = first.every;
    if (!plan.every) {
      await noSeqScan(db);
      plan.suggestion = await suggest(db, syntax.text, plan.words);
    }
  } else {
    candidates = { rows: columns.everyRow() };
    counted = columns.filterAndCount(query, candidates.rows);
  }
  const flags = candidates.every;
  const total = counted.matched.length;
  let partial = 0;
  if (useAll && flags) for (const c of counted.matched) if (!flags[c]) partial++;
  const matchedRows = counted.matched.map((c) => candidates.rows[c]!);
  const { relaxed, years, undated } = counted;
  const sort: Results['sort'] = query.sort === 'relevance' && syntax.text === '' ? 'newest' : query.sort;
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
  const page = Math.min(query.page, pageCount);
  const lists = {} as Record<FacetName, FacetResult>;
  for (const name of FACET_NAMES)
    lists[name] = asked.includes(name)
      ? listFacet(columns, name, counted, query.filters[name] ?? [])
      : { name, values: [] };
  const results: Omit<Results, 'hits'> = {
    total,
    page,
    pageCount,
    pageSize: query.pageSize,
    query: { ...query, page },
    sort,
    facets: lists,
    years: [...years].map(([year, count]) => ({ year, count })).sort((a, b) => a.year - b.year),
    undated,
    pending: false,
  };
  if (info.yearBounds) results.yearBounds = { ...info.yearBounds };
  if (counted.places) results.places = counted.places;
  if (partial > 0) results.partial = partial;
  if (query.report !== undefined && !linked) results.missing = true;
  if (total === 0) {
    const ways: NonNullable<Results['relaxed']> = [...FACET_NAMES, 'year' as const].map((drop, bit) => ({
      drop,
      total: relaxed[bit]!,
    }));
    // Without the words: the filters' own results.
    if (plan) ways.push({ drop: 'q', total: columns.filterAndCount(query, columns.everyRow()).matched.length });
    results.relaxed = ways.filter((way) => way.total > 0).sort((a, b) => b.total - a.total);
  }
  if (plan?.suggestion && total - partial === 0) results.suggestion = plan.suggestion;
  // The page's reports: those with every word, found as they were counted, unless best matches follow.
  const pageShape: ShapeOf = (params) => shaped(params, !useAll && plan !== undefined && plan.words.length > 1);
  const worked: Worked = { query: { ...query, page }, shape: pageShape, sort, useAll, partial, results, matchedRows };
  if (sort === 'relevance' && candidates.scores) {
    const { scores, every } = candidates;
    worked.ranked = { scores: Float64Array.from(counted.matched, (c) => scores[c]!) };
    if (useAll && partial > 0 && every) worked.ranked.every = Uint8Array.from(counted.matched, (c) => every[c]!);
  }
  if (plan) worked.plan = plan;
  return worked;
}

/** A facet's values with their counts: most first, then alphabetical; a selected value always shows (core's listFacet). */
function listFacet(columns: Columns, name: FacetName, counted: Counted, selected: string[]): FacetResult {
  const { compare } = collator();
  const f = FACET_NAMES.indexOf(name);
  const ids = columns.ids[f]!;
  const { counts, touched } = counted;
  // The values counted and the selected ones held by some report but counted nowhere (listed with
  // 0), by id; ties in the order by each value's rank (the collator's comparisons made once, not at each query).
  const listed = [...touched[f]!];
  const chosen = new Set<number>();
  const unknown: string[] = [];
  for (const value of selected) {
    const id = ids.get(value);
    if (id === undefined || !(counts.has(id) || columns.holds(name, value))) {
      // Held by no report: listed last.
      if (!unknown.includes(value)) unknown.push(value);
      continue;
    }
    if (!chosen.has(id) && !counts.has(id)) listed.push(id);
    chosen.add(id);
  }
  const rank = columns.ranks(name);
  const count = (id: number) => counts.get(id) ?? 0;
  listed.sort((a, b) => count(b) - count(a) || rank[a]! - rank[b]!);
  const values = listed.map((id) => ({ value: columns.names[id]!, count: count(id), selected: chosen.has(id) }));
  for (const value of unknown.sort(compare)) values.push({ value, count: 0, selected: true });
  return { name, values };
}

/** Results up to this many have their page read by position (the rows known here), not found again by the words and filters. */
const BY_POSITION = 20_000;

/**
 * The first `k` of the results in relevance order (indexes into `matchedRows`): those with every
 * word first when best matches follow, then by score, then by position. A heap of `k` over the
 * results, not a sort of them all (tens of thousands for a common word).
 */
function topRanked(worked: Worked, columns: Columns, k: number): number[] {
  const { scores, every } = worked.ranked!;
  const rows = worked.matchedRows;
  const n = rows.length;
  k = Math.min(k, n);
  // Whether result a ranks before b.
  const before = (a: number, b: number) => {
    if (every && every[a] !== every[b]) return every[a]! > every[b]!;
    if (scores[a] !== scores[b]) return scores[a]! > scores[b]!;
    return columns.pos[rows[a]!]! < columns.pos[rows[b]!]!;
  };
  if (k === 0) return [];
  if (k * 4 >= n) {
    const all = Array.from({ length: n }, (_, i) => i);
    return all.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0)).slice(0, k);
  }
  // A heap of the best k so far, the worst of them at its root.
  const heap: number[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && before(heap[worst]!, heap[l]!)) worst = l;
      if (r < heap.length && before(heap[worst]!, heap[r]!)) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      for (let j = heap.length - 1; j > 0;) {
        const parent = (j - 1) >> 1;
        if (!before(heap[parent]!, heap[j]!)) break;
        [heap[parent], heap[j]] = [heap[j]!, heap[parent]!];
        j = parent;
      }
    } else if (before(i, heap[0]!)) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}

/**
 * The statement of a query's reports in order: a page, or every one (an export). Ranked by
 * relevance in memory (topRanked), read by position in that order; sorted otherwise by PostgreSQL
 * (`indexed`: it finds them again by the words' index, seq scans off).
 */
function reportsStatement(
  worked: Worked,
  columns: Columns,
  limit?: { size: number; offset: number },
): { sql: string; values: unknown[]; indexed: boolean } {
  const { sort, useAll, partial } = worked;
  const params = new Params();
  // A page's hits say which terms they matched (for highlighting); an export's reports are only reports.
  const text = limit && worked.plan && worked.plan.words.length > 0;
  if (worked.ranked) {
    const { scores } = worked.ranked;
    const order = limit
      ? topRanked(worked, columns, limit.offset + limit.size).slice(limit.offset)
      : topRanked(worked, columns, worked.matchedRows.length);
    const positions = params.add(
      order.map((i) => columns.pos[worked.matchedRows[i]!]!),
      '::bigint[]',
    );
    const ranks = params.add(
      order.map((i) => scores[i]!),
      '::float8[]',
    );
    return {
      sql: `SELECT r.report${text ? ', o.score, tsvector_to_array(r.terms) AS lexemes' : ''}
        FROM unnest(${positions}, ${ranks}) WITH ORDINALITY AS o(pos, score, n)
        JOIN reportshelf_reports r ON r.pos = o.pos
        ORDER BY o.n`,
      values: params.values,
      indexed: false,
    };
  }
  const s = worked.shape(params);
  // A page of a few results: those rows, by their positions' index (sorted: few). Of many: found
  // by the words and filters again, or read in a sort's index order until a page has met them.
  const byPosition = limit !== undefined && worked.matchedRows.length <= BY_POSITION;
  const where = byPosition
    ? `r.pos = ANY(${params.add(
        worked.matchedRows.map((r) => columns.pos[r]!),
        '::bigint[]',
      )})`
    : `${s.where()} AND (${s.missing()}) = 0${useAll ? '' : ` AND (${s.every()})`}`;
  let sql = `SELECT r.report${text ? ', 0 AS score, tsvector_to_array(r.terms) AS lexemes' : ''}
    FROM reportshelf_reports r
    WHERE ${where}
    ORDER BY ${orderBy(sort, useAll && partial > 0, () => s.every())}`;
  if (limit) sql += ` LIMIT ${params.add(limit.size, '::int')} OFFSET ${params.add(limit.offset, '::int')}`;
  return {
    sql,
    values: params.values,
    indexed: !byPosition && worked.plan !== undefined && worked.plan.words.length > 0,
  };
}

type Row = { report: Report; score?: number; lexemes?: string[] };

/** A row as a hit: its report, its score, the index terms the words matched (for highlighting). */
function hitOf(row: Row, plan: TextPlan | undefined): Hit {
  if (!plan || !row.lexemes) return { report: row.report, score: 0, terms: [] };
  const terms = row.lexemes.filter((lexeme) =>
    plan.words.some((w) => w.exact.has(lexeme) || w.prefixes.some((p) => lexeme.startsWith(p))),
  );
  return { report: row.report, score: row.score ?? 0, terms };
}

/**
 * Answers given lately, by data version and query, each as it is worked out (so that visitors who
 * ask the same at once wait for one answer). A data version's answers never change, and many
 * visitors ask the same: every page's first view (no words) is the same query. The version is read
 * before the answer, in the transaction that changed the data, so an answer is never older than
 * its version.
 */
const answers = new Map<string, { answer: Promise<Results>; weight: number }>();
/** How many facet values and hits the answers kept may hold in all (a value is about 100 bytes). */
export const ANSWERS_WEIGHT = 1_000_000;
let answersWeight = 0;

/** Answers one query: the page, the counts of the facets asked (the others' lists empty), the notes. */
export async function answerQuery(
  db: pg.ClientBase,
  info: CatalogueInfo,
  input: Partial<Query>,
  facets: readonly FacetName[],
): Promise<Results> {
  // Each caller has its own copy: the one kept stays as it was worked out.
  return structuredClone(await keptAnswer(db, info, input, facets));
}

/**
 * The answer kept for a query, shared by every caller: to be read, never changed (the server only
 * writes it out as JSON; a copy of an answer of 2,000 facet values costs 2 ms at 1,000,000 reports).
 */
export async function keptAnswer(
  db: pg.ClientBase,
  info: CatalogueInfo,
  input: Partial<Query>,
  facets: readonly FacetName[],
): Promise<Readonly<Results>> {
  const key = JSON.stringify([info.version, normaliseQuery(input), FACET_NAMES.filter((f) => facets.includes(f))]);
  let kept = answers.get(key);
  if (kept) {
    // Most recently asked last: the oldest asked go first.
    answers.delete(key);
    answers.set(key, kept);
  } else {
    kept = { answer: workAnswer(db, info, input, facets), weight: 0 };
    answers.set(key, kept);
    const entry = kept;
    entry.answer.then(
      (results) => {
        if (answers.get(key) !== entry) return;
        entry.weight = 1 + results.hits.length + FACET_NAMES.reduce((n, f) => n + results.facets[f].values.length, 0);
        answersWeight += entry.weight;
        for (const [oldest, value] of answers) {
          if (answersWeight <= ANSWERS_WEIGHT || value === entry) break;
          answers.delete(oldest);
          answersWeight -= value.weight;
        }
      },
      () => {
        if (answers.get(key) === entry) answers.delete(key);
      },
    );
  }
  return kept.answer;
}

/** Works out one query's answer (see answerQuery). */
async function workAnswer(
  db: pg.ClientBase,
  info: CatalogueInfo,
  input: Partial<Query>,
  facets: readonly FacetName[],
): Promise<Results> {
  return indexed(db, async () => {
    const worked = await work(db, info, input, facets);
    const { query } = worked;
    let hits: Hit[] = [];
    if (worked.results.total > 0) {
      const statement = reportsStatement(worked, info.columns, {
        size: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      // PostgreSQL would read the whole table and match each report's terms (detoasted: it does
      // not cost that) for a common word, where the terms' index knows them.
      if (statement.indexed) await noSeqScan(db);
      const { rows } = await db.query<Row>(statement.sql, statement.values);
      hits = rows.map((row) => hitOf(row, worked.plan));
    }
    return { hits, ...worked.results };
  });
}

/** Runs a query's statements, then gives its connection back its planner's settings (see work). */
async function indexed<T>(db: pg.ClientBase, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } finally {
    if (seqScanOff.delete(db)) await db.query('RESET enable_seqscan').catch(() => undefined);
  }
}

/** Most milliseconds an export's statement may run. */
export const EXPORT_TIMEOUT_MS = 120_000;

/** Every report a query finds, in its order, as they come (an export): the total first. */
export async function streamReports(
  db: pg.ClientBase,
  info: CatalogueInfo,
  input: Partial<Query>,
): Promise<{ total: number; reports: AsyncIterable<Report> }> {
  const worked = await indexed(db, () => work(db, info, input, []));
  if (worked.results.total === 0) return { total: 0, reports: (async function* () {})() };
  const { sql, values } = reportsStatement(worked, info.columns);
  // An export is long by nature: its statement has longer than a query's (the caller resets it).
  await db.query(`SET statement_timeout = ${EXPORT_TIMEOUT_MS}`);
  const stream = db.query(new QueryStream(sql, values, { batchSize: 500 }));
  return {
    total: worked.results.total,
    reports: (async function* () {
      for await (const row of stream as AsyncIterable<Row>) yield row.report;
    })(),
  };
}
