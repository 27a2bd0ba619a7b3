/**
 * The split catalogue format, for libraries of ten thousand reports and more: a folder of static
 * files written by `reportshelf build --split DIR`, read a piece at a time.
 *
 * - `catalogue.json`, the manifest: title, language, how many reports, the number of values of
 *   each facet, the first term of each index file, and the build: a hash of every other file,
 *   which names the folder they are in (`BUILD/years.json`, `BUILD/cards/3.json`, …). A manifest
 *   therefore never reads another build's files, and those files, named by their content, may be
 *   cached for good. Small: it is all the page itself parses.
 * - `years.json` and `facets/NAME.json`: each report's year and facet values (interned, the
 *   labels sorted), by row; the rows are the reports in title order, so sorting by title is free.
 *   A facet is fetched once something shows it or a query filters on it.
 * - `index/N.json`: the search index, prebuilt, split by term: each file holds a run of terms in
 *   code-unit order with their postings (rows as gaps, and a BM25 score per row, title and
 *   people boosted, as the single-file format's index weighs them). A query fetches the files
 *   of its words only.
 * - `cards/N.json`: the reports themselves, `CARDS` rows a file, fetched for the reports shown.
 * - `ids/N.json`: each report's row by id (a hash of the id picks the file), for links to a report.
 *
 * `splitCatalogue` writes the files; `SplitReader` answers queries from them (in a worker, or in
 * the page); `splitLibrary` is the page's side, a library whose queries go to a reader.
 */
import { parseCatalogue, YEAR_MAX, YEAR_MIN } from './parse.js';
import {
  answerKey,
  normaliseQuery,
  parseSearch,
  queryParts,
  resultsOf,
  type ExportJob,
  type QueryParts,
} from './query.js';
import { EngineError, type Engine } from './engine.js';
import {
  collator,
  createTables,
  facetValues,
  flatten,
  titleKey,
  type FacetTable,
  type Library,
  type PerReport,
} from './tables.js';
import { ANALYSIS, FIELD_BOOST, INDEXED_FIELDS } from './text.js';
import { analyse, analysed, languagesOf, queryTerms, type Analysed } from './analysis.js';
import {
  addFound,
  combineWords,
  editDistance,
  searchedWords,
  suggest,
  swaps,
  TYPO_WEIGHT,
  TYPOS_BELOW,
  typosIn,
  type Found,
  type TextAnswer,
  type Word,
} from './answer.js';
import { FACET_NAMES, type Catalogue, type FacetName, type Query, type Report } from './types.js';
import { ADDED_FILE, readAdded, writeAdded } from './split-added.js';

/** The manifest of a split catalogue: what `src` names. */
export interface SplitManifest {
  version: 1;
  format: 'split';
  title?: string;
  language?: string;
  /** How many reports. */
  count: number;
  /** Reports per card file. */
  cards: number;
  /** How many id files. */
  ids: number;
  /** How many values each facet has. */
  facets: Record<FacetName, number>;
  /** The first term of each index file, ascending. */
  index: string[];
  /** The word analysis its terms were made with (`ANALYSIS`): a reader with another refuses the folder. */
  analysis: string;
  /** The languages its reports were analysed in (null: folded only): a searched word is analysed in each. */
  languages: (Analysed | null)[];
  /** The build: the folder of its files, named by a hash of them (none: the files beside the manifest, as the first CLI wrote them). */
  build?: string;
  /** Some report has an `added` date: `added.json` holds them (see split-added.ts). */
  added?: true;
}

/** What a build's name is: a hash in hex, so that it can name nothing else (no path, no dot). */
export const BUILD_NAME = /^[0-9a-f]{16}$/;

/**
 * Whether a path (inside a build's folder) names a file of the format: what the CLI may replace
 * or remove, and nothing else.
 */
export const isSplitFile = (path: string): boolean =>
  path === 'years.json' ||
  path === ADDED_FILE ||
  new RegExp(`^facets/(${FACET_NAMES.join('|')})\\.json$`).test(path) ||
  /^(cards|ids|index)\/(0|[1-9][0-9]*)\.json$/.test(path);

/** A hash of a build's files, in hex (two 32-bit halves, cyrb53's mixing): the build's name. */
function buildName(files: Map<string, string>): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const path of [...files.keys()].sort())
    for (const text of [path, '\u0000', files.get(path)!, '\u0000'])
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 2654435761);
        h2 = Math.imul(h2 ^ c, 1597334677);
      }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h2, h1].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}

/** Reports per card file: a page of ten touches at most ten small files. */
export const CARDS = 8;
/** Card files fetched at once (an export fetches them all): enough to fill a connection, few enough to stop soon. */
const CARD_FILES_AT_ONCE = 16;
/** Reports per id file, about. */
const IDS_PER_FILE = 1024;
/** Size an index file grows to before the next term starts another (a term's postings are never split). */
const INDEX_FILE_BYTES = 48 * 1024;
/** Fields searched, with their weight: the single-file format's index's. */
const FIELDS = INDEXED_FIELDS.map((field) => [field, FIELD_BOOST[field] ?? 1] as const);
/** Scores are stored as integers of this many steps per point. */
const SCORE_STEPS = 10;

/** FNV-1a: the id file of an id, the same in the CLI and the browser. */
export function idFile(id: string, files: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % files;
}

/** A report as stored in a card file: empty lists left out. */
function card(report: Report): Partial<Report> {
  return Object.fromEntries(
    Object.entries(report).filter(([, v]) => !(Array.isArray(v) && v.length === 0)),
  ) as Partial<Report>;
}

/**
 * The files of a catalogue in the split format, by path relative to the folder: the manifest, and
 * the rest in its build's folder. The catalogue is one already checked (`parseCatalogue`): the
 * reader checks the cards again, but trusts the rest.
 */
export function splitCatalogue(catalogue: Catalogue): Map<string, string> {
  const { compare } = collator(catalogue.language);
  const reports = catalogue.reports
    .map((report) => ({ report, key: titleKey(report.title) }))
    .sort((a, b) => compare(a.key, b.key))
    .map(({ report }) => report);
  const n = reports.length;
  const files = new Map<string, string>();
  const json = (value: unknown) => JSON.stringify(value);

  const counts = {} as Record<FacetName, number>;
  for (const name of FACET_NAMES) {
    const values = reports.map((r) => facetValues(r, name));
    const labels = [...new Set(values.flat())].sort(collator().compare);
    const ids = new Map(labels.map((label, i) => [label, i]));
    counts[name] = labels.length;
    // One value is a number, none or several an array: most reports have one region, one category.
    const rows = values.map((v) => (v.length === 1 ? ids.get(v[0]!)! : v.map((x) => ids.get(x)!)));
    files.set(`facets/${name}.json`, json({ labels, rows }));
  }
  files.set('years.json', json(reports.map((r) => r.year ?? null)));
  const added = writeAdded(reports, files);
  for (let i = 0; i < n; i += CARDS) files.set(`cards/${i / CARDS}.json`, json(reports.slice(i, i + CARDS).map(card)));
  const idFiles = Math.max(1, Math.ceil(n / IDS_PER_FILE));
  // Entries, not an object's properties: an id such as "__proto__" would set a prototype instead.
  const byFile = Array.from({ length: idFiles }, () => [] as [string, number][]);
  reports.forEach((r, row) => byFile[idFile(r.id, idFiles)]!.push([r.id, row]));
  byFile.forEach((ids, i) => files.set(`ids/${i}.json`, json(Object.fromEntries(ids))));

  const index = indexFiles(reports, catalogue.language);
  index.files.forEach((text, i) => files.set(`index/${i}.json`, text));
  const build = buildName(files);
  const built = new Map([...files].map(([path, text]) => [`${build}/${path}`, text]));
  const manifest: SplitManifest = {
    version: 1,
    format: 'split',
    build,
    ...(catalogue.title === undefined ? {} : { title: catalogue.title }),
    ...(catalogue.language === undefined ? {} : { language: catalogue.language }),
    count: n,
    cards: CARDS,
    ids: idFiles,
    facets: counts,
    index: index.first,
    analysis: ANALYSIS,
    languages: languagesOf(reports, catalogue.language),
    ...(added ? { added } : {}),
  };
  built.set('catalogue.json', `${JSON.stringify(manifest, null, 1)}\n`);
  return built;
}

/**
 * The search index, split by term. Scores are BM25+ (k 1.2, b 0.7, δ 0.5, as MiniSearch's) per
 * field, weighted and summed, computed here once: they depend on the term and the report only.
 */
function indexFiles(reports: Report[], language: string | undefined): { first: string[]; files: string[] } {
  const n = reports.length;
  // Per term, one number per (report, field) it occurs in: row, field and count packed together.
  const occurrences = new Map<string, number[]>();
  const lengths = FIELDS.map(() => new Uint32Array(n));
  const totals: number[] = FIELDS.map(() => 0);
  reports.forEach((report, row) => {
    FIELDS.forEach(([field], f) => {
      const terms = fieldTerms(report, field, language);
      // A field's length is its distinct terms, as MiniSearch counts it.
      const length = new Set(terms).size;
      lengths[f]![row] = length;
      totals[f] = totals[f]! + length;
      const tf = new Map<string, number>();
      for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
      for (const [term, count] of tf) {
        let list = occurrences.get(term);
        if (!list) occurrences.set(term, (list = []));
        list.push(row * 1024 + f * 128 + Math.min(count, 127));
      }
    });
  });
  const average = totals.map((total) => total / Math.max(1, n));
  const first: string[] = [];
  const files: string[] = [];
  let file: string[] = [];
  let size = 0;
  for (const term of [...occurrences.keys()].sort()) {
    const list = occurrences.get(term)!;
    const df = FIELDS.map(() => 0);
    for (const packed of list) df[Math.floor(packed / 128) % 8]!++;
    const idf = df.map((d) => Math.log(1 + (n - d + 0.5) / (d + 0.5)));
    // Rows as gaps from the one before (the first is its row), scores in integer steps.
    const gaps: number[] = [];
    const scores: number[] = [];
    let last = -1;
    for (const packed of list) {
      const row = Math.floor(packed / 1024);
      const f = Math.floor(packed / 128) % 8;
      const tf = packed % 128;
      const norm = 1 - 0.7 + (0.7 * lengths[f]![row]!) / (average[f] || 1);
      const score = FIELDS[f]![1] * idf[f]! * (0.5 + (tf * 2.2) / (tf + 1.2 * norm));
      if (row !== last) {
        gaps.push(row - Math.max(last, 0));
        scores.push(score);
        last = row;
      } else scores[scores.length - 1] = scores[scores.length - 1]! + score;
    }
    const entry = JSON.stringify([term, gaps, scores.map((s) => Math.max(1, Math.round(s * SCORE_STEPS)))]);
    if (file.length > 0 && size + entry.length > INDEX_FILE_BYTES) {
      files.push(`[${file.join(',')}]`);
      file = [];
      size = 0;
    }
    if (file.length === 0) first.push(term);
    file.push(entry);
    size += entry.length + 1;
  }
  if (file.length > 0 || files.length === 0) files.push(`[${file.join(',')}]`);
  if (first.length === 0) first.push('');
  return { first, files };
}

/** A report's field as index terms, analysed in its language (the catalogue's if it has none): as the single-file index does. */
function fieldTerms(report: Report, field: string, language: string | undefined): string[] {
  const value = (report as unknown as Record<string, string | string[] | undefined>)[field];
  return analyse(
    Array.isArray(value) ? value.join(' ') : (value ?? ''),
    analysed(report.language ?? language),
    field === 'title',
  );
}

/** Whether a parsed `src` is a split catalogue's manifest rather than a catalogue. */
export const isSplit = (input: unknown): boolean =>
  typeof input === 'object' && input !== null && (input as { format?: unknown }).format === 'split';

const count = (value: unknown, min = 0, max = MAX_REPORTS): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * The most reports a manifest may claim. A reader holds some 35 bytes per report before it has
 * fetched anything (years, facet rows, title ranks): 2,000,000 is 70 MB, twenty times the largest
 * catalogue tested (100,000), and well short of what a tab can hold; a claim past it is a broken or
 * hostile file, refused before anything is made for it.
 */
export const MAX_REPORTS = 2_000_000;
/** The most index files a manifest may list: a term per file at most, and terms are far fewer than reports. */
const MAX_INDEX_FILES = 1_000_000;

/** A split catalogue's manifest, checked: the manifest, or what is wrong with it, in words. */
export function readManifest(input: unknown): SplitManifest | string {
  const m = input as Record<string, unknown>;
  const facets = m.facets as Record<string, unknown> | undefined;
  const index = m.index as unknown[];
  if (m.version !== 1) return 'the split catalogue\'s "version" is not 1';
  if (!count(m.count)) return `"count" is not a number of reports from 0 to ${MAX_REPORTS.toLocaleString('en')}`;
  if (!count(m.cards, 1, 1000) || !count(m.ids, 1)) return '"cards" and "ids" must be whole numbers of files';
  if (typeof facets !== 'object' || facets === null || !FACET_NAMES.every((name) => count(facets[name])))
    return `"facets" must give the number of values of ${FACET_NAMES.join(', ')}`;
  if (
    !Array.isArray(index) ||
    index.length === 0 ||
    index.length > MAX_INDEX_FILES ||
    !index.every((t) => typeof t === 'string')
  )
    return '"index" must list the first term of each index file';
  if (m.title !== undefined && typeof m.title !== 'string') return '"title" is not text';
  if (m.language !== undefined && typeof m.language !== 'string') return '"language" is not a language code';
  if (m.build !== undefined && !(typeof m.build === 'string' && BUILD_NAME.test(m.build)))
    return '"build" is not the name of a build (16 hex digits)';
  // Terms made by another analysis would be searched wrongly.
  if (m.analysis !== ANALYSIS || !Array.isArray(m.languages))
    return `it was built by another version of Reportshelf: build it again with this one (${ANALYSIS})`;
  return m as unknown as SplitManifest;
}

/** Fetches a file of a split catalogue, parsed, by its path in the catalogue's folder. */
export type SplitFetch = (path: string) => Promise<unknown>;

/** A reader's answer to a query: its results, and the labels of facets counted for the first time. */
export interface SplitAnswer {
  parts: QueryParts;
  labels?: Partial<Record<FacetName, string[]>>;
}

type Posting = [term: string, gaps: number[], scores: number[]];

/**
 * What a reader keeps, at most, in bytes (as estimated from what it holds): the answers to the
 * searches made (the words of the last few searches, typed letter by letter), and the index, card
 * and id files fetched. 38 MB in all, beside the catalogue's own tables (about 35 bytes a report).
 */
export const KEPT_BYTES = { answers: 16 << 20, index: 16 << 20, cards: 4 << 20, ids: 2 << 20 };

/** Bytes a value held in memory takes, about: 2 a character, 8 a number, 16 an object. */
function bytesOf(value: unknown): number {
  if (typeof value === 'string') return 2 * value.length;
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + bytesOf(item), 16 + 8 * value.length);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).reduce((n, [key, item]) => n + 2 * key.length + bytesOf(item), 16);
  return 8;
}

/** The least recently used of a map's entries go until the rest hold at most `limit` bytes (the newest always stays). */
function trim<K>(sizes: Map<K, number>, limit: number, drop: (key: K) => void): void {
  let total = 0;
  for (const size of sizes.values()) total += size;
  for (const [key, size] of sizes) {
    if (total <= limit || sizes.size <= 1) break;
    total -= size;
    sizes.delete(key);
    drop(key);
  }
}

/**
 * Keeps the files `make` fetched up to `limit` bytes, the least recently used going first; one
 * that could not be fetched is not kept (the next query tries again). `sizes` is where each one's
 * bytes are counted, for `SplitReader.kept`.
 */
function cache<K, V>(limit: number, sizes = new Map<K, number>()): (key: K, make: () => Promise<V>) => Promise<V> {
  const kept = new Map<K, Promise<V>>();
  return (key, make) => {
    let had = kept.get(key);
    if (!had) {
      const made = (had = make());
      made.then(
        (value) => {
          if (kept.get(key) !== made) return;
          sizes.set(key, bytesOf(value));
          trim(sizes, limit, (old) => kept.delete(old));
        },
        () => kept.get(key) === made && kept.delete(key),
      );
    }
    kept.delete(key);
    kept.set(key, had);
    // Most recently used last, in the sizes too.
    const size = sizes.get(key);
    if (size !== undefined) {
      sizes.delete(key);
      sizes.set(key, size);
    }
    return had;
  };
}

/**
 * The folder was written again by a newer build: the files of the manifest read are gone. The
 * reader starts over from `manifest`, the new one (once; a second is said as a damaged catalogue).
 */
export class SplitRebuilt extends EngineError {
  constructor(readonly manifest: SplitManifest) {
    super('damaged', `the catalogue was replaced by build ${manifest.build ?? '(unnamed)'}`);
  }
}

/** Tries of a file that failed (a server busy, a file not there yet) before it counts as not to be had. */
export const FETCH_TRIES = 3;
/** Wait before the second try, in milliseconds; each try after waits four times as long. */
const RETRY_WAIT = 250;

/**
 * Fetches the files of a split catalogue from its folder (the manifest's address), as JSON. A
 * failure is tried again (`FETCH_TRIES` in all, waiting longer each time), unless the manifest,
 * fetched again past any cache, names another build: then `SplitRebuilt` says so.
 */
export const splitFetch = (manifest: URL | string, build?: string): SplitFetch => {
  /** The manifest as the server has it now, if it is another build's. */
  const rebuilt = async (): Promise<SplitManifest | undefined> => {
    const response = await fetch(manifest, { credentials: 'omit', cache: 'no-cache' }).catch(() => undefined);
    const fresh: unknown = await response?.json().catch(() => undefined);
    const read = isSplit(fresh) ? readManifest(fresh) : 'not a split manifest';
    return typeof read !== 'string' && read.build !== build ? read : undefined;
  };
  return async (path) => {
    const url = new URL(path, manifest);
    for (let tries = 1; ; tries++) {
      const response = await fetch(url, { credentials: 'omit' }).catch(() => undefined);
      if (response?.ok)
        return response.json().catch(() => {
          throw new EngineError('damaged', `${url.href} is not JSON`);
        });
      if (response?.status === 404) {
        const fresh = await rebuilt();
        if (fresh) throw new SplitRebuilt(fresh);
      }
      const why = response ? `HTTP ${response.status}` : 'no answer';
      // A file of this build that its server says is not there: the folder is damaged (a file lost
      // or never uploaded), not out of reach.
      if (tries >= FETCH_TRIES || (response && !retried(response.status)))
        throw new EngineError(response?.status === 404 ? 'damaged' : 'network', `${url.href}: ${why}`);
      await new Promise((wait) => setTimeout(wait, RETRY_WAIT * 4 ** (tries - 1)));
    }
  };
};

/** Statuses worth another try: not there (yet), too many requests, a server or gateway failing. */
const retried = (status: number) => status === 404 || status === 408 || status === 429 || status >= 500;

const facetTable = (labels: string[] = []): FacetTable => ({
  labels,
  ids: new Map(labels.map((label, i) => [label, i])),
  // The labels come sorted: their rank is their place.
  rank: Int32Array.from(labels.keys()),
});

/**
 * Answers queries from a split catalogue's files, fetching what each needs and keeping it: the
 * years first, a facet's values once they are counted or filtered on, the index files of the words
 * searched, the cards of the reports shown. It runs the same query engine as a single-file
 * catalogue, on a library of facets and years (its reports are rows, text left in the files).
 */
export class SplitReader {
  readonly library: Library;
  /** The answers to the searches made, by their words (see `answerKey`), within `KEPT_BYTES.answers`. */
  private readonly answers = new Map<string, TextAnswer>();
  private readonly perReport: PerReport;
  private readonly unsent = new Set<FacetName>();
  private readonly sizes = {
    answers: new Map<string, number>(),
    index: new Map<number, number>(),
    cards: new Map<number, number>(),
    ids: new Map<number, number>(),
  };
  private readonly indexFile = cache<number, Posting[]>(KEPT_BYTES.index, this.sizes.index);
  private readonly cardFile = cache<number, unknown[]>(KEPT_BYTES.cards, this.sizes.cards);
  private readonly idsFile = cache<number, Record<string, unknown>>(KEPT_BYTES.ids, this.sizes.ids);
  /** The years and facets: fetched once, kept for good (the tables are made of them). */
  private readonly file = cache<string, void>(Infinity);

  /** What this reader keeps now, in bytes, about (see `KEPT_BYTES`). */
  kept(): Record<keyof typeof KEPT_BYTES, number> {
    const sum = (sizes: Map<unknown, number>) => [...sizes.values()].reduce((a, b) => a + b, 0);
    return {
      answers: sum(this.sizes.answers),
      index: sum(this.sizes.index),
      cards: sum(this.sizes.cards),
      ids: sum(this.sizes.ids),
    };
  }

  /** Keeps a search's answer, most recent last, within `KEPT_BYTES.answers` (older ones go). */
  private keepAnswer(key: string, answer: TextAnswer): void {
    const { answers } = this;
    answers.delete(key);
    answers.set(key, answer);
    // Counted once: a page of the same words again only moves it to the end.
    const size = this.sizes.answers.get(key) ?? bytesOf(answer);
    this.sizes.answers.delete(key);
    this.sizes.answers.set(key, size);
    trim(this.sizes.answers, KEPT_BYTES.answers, (old) => answers.delete(old));
  }

  /** Fetches a file of this reader's build. */
  private readonly get: SplitFetch;
  /**
   * Index files that could not be had (after their tries), counted: a search during which this
   * grows went on without some postings, so its answer is not kept (the next query asks again).
   * Counted on the reader, not per search: a query overlapping another's failure is said to be
   * incomplete too, which errs on the side of asking again.
   */
  private lostIndex = 0;
  /** The index files that could not be had since the last query began: not asked for again by it. */
  private readonly lostFiles = new Set<number>();

  constructor(
    readonly manifest: SplitManifest,
    get: SplitFetch,
  ) {
    const folder = manifest.build === undefined ? '' : `${manifest.build}/`;
    this.get = (path) => get(folder + path);
    const n = manifest.count;
    const none: number[] = [];
    this.perReport = Object.fromEntries(FACET_NAMES.map((name) => [name, new Array(n).fill(none)])) as PerReport;
    const facets = Object.fromEntries(FACET_NAMES.map((name) => [name, facetTable()])) as Record<FacetName, FacetTable>;
    this.library = {
      catalogue: { version: 1, reports: [] },
      // A report here is its row: the query engine's hits name it, the cards are fetched by it.
      reports: Array.from({ length: n }, (_, row) => ({ id: String(row) }) as Report),
      positions: {
        get: (id: string) => (String(Number(id)) === id && +id >= 0 && +id < n ? +id : undefined),
      } as Map<string, number>,
      facets,
      flat: flatten(n, facets, this.perReport),
      years: [],
      titleRank: Int32Array.from({ length: n }, (_, row) => row),
      index: null,
      textless: true,
    };
  }

  /** Each report's year, fetched once (before the first query). */
  private years(): Promise<void> {
    return this.file('years', () =>
      this.get('years.json').then((years) => {
        const n = this.manifest.count;
        // Years as a single file allows them: a chart of 300,000 bars is not a catalogue's.
        const year = (y: unknown) => y === null || (Number.isInteger(y) && +y! >= YEAR_MIN && +y! <= YEAR_MAX);
        if (!Array.isArray(years) || years.length !== n || !years.every(year))
          throw new EngineError(
            'damaged',
            `years.json does not hold a year from ${YEAR_MIN} to ${YEAR_MAX} (or null) for each report`,
          );
        const library = this.library;
        library.years = years.map((year: number | null) => year ?? undefined);
        for (const year of library.years) {
          if (year === undefined) continue;
          const bounds = (library.yearBounds ??= { min: year, max: year });
          if (year < bounds.min) bounds.min = year;
          if (year > bounds.max) bounds.max = year;
        }
      }),
    );
  }

  /** A facet's values, fetched once; the engine's tables are made again with them. */
  private facet(name: FacetName): Promise<void> {
    return this.file(name, () =>
      this.get(`facets/${name}.json`).then((file) => {
        const { labels, rows } = (file ?? {}) as { labels?: unknown; rows?: unknown };
        const n = this.manifest.count;
        const valid = (id: unknown) =>
          Number.isInteger(id) && (id as number) >= 0 && (id as number) < (labels as []).length;
        if (
          !Array.isArray(labels) ||
          !labels.every((label) => typeof label === 'string') ||
          !Array.isArray(rows) ||
          rows.length !== n ||
          !rows.every((row) => (Array.isArray(row) ? row.every(valid) : valid(row)))
        )
          throw new Error(`facets/${name}.json does not hold this catalogue's ${name} values`);
        this.library.facets[name] = facetTable(labels as string[]);
        this.perReport[name] = (rows as (number | number[])[]).map((row) => (Array.isArray(row) ? row : [row]));
        this.library.flat = flatten(n, this.library.facets, this.perReport);
        this.unsent.add(name);
      }),
    );
  }

  /**
   * The index files that may hold terms from `from` to `to`, parsed; with `around`, the files on
   * either side too (where the terms a typo away from a word are, unless the typo is in its
   * first letters).
   */
  private async postings(from: string, to: string, around = false): Promise<Posting[]> {
    const { index } = this.manifest;
    // The last file whose first term is at or before a term.
    const fileOf = (term: string) => {
      let lo = 0;
      let hi = index.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (index[mid]! <= term) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    const files: Promise<Posting[]>[] = [];
    const last = Math.min(index.length - 1, fileOf(to) + (around ? 1 : 0));
    for (let i = Math.max(0, fileOf(from) - (around ? 1 : 0)); i <= last; i++)
      if (this.lostFiles.has(i)) this.lostIndex++;
      else
        files.push(
          this.indexFile(i, () =>
            this.get(`index/${i}.json`).then((file) => {
              if (
                !Array.isArray(file) ||
                !file.every(
                  (p) => Array.isArray(p) && typeof p[0] === 'string' && Array.isArray(p[1]) && Array.isArray(p[2]),
                )
              )
                throw new Error(`index/${i}.json is not an index file`);
              return file as Posting[];
            }),
          ).catch((error: unknown) => {
            // Searched without it, said in the answer; a newer build makes the reader start over.
            if (error instanceof SplitRebuilt) throw error;
            console.warn(`Reportshelf: ${(error as Error).message}`);
            this.lostFiles.add(i);
            this.lostIndex++;
            return [];
          }),
        );
    return (await Promise.all(files)).flat();
  }

  /**
   * The reports one index term finds, by row, with scores and the terms that matched: the term
   * itself; with `prefix`, the terms it begins (weighted less, the more so the longer they are);
   * for terms of five letters or more, terms a typo or two away, and those with two letters
   * swapped, among those stored near it (see `postings`). As MiniSearch searches a term, so both
   * engines rank alike: its weights, the scores of the terms one search finds summed in a report
   * (a swap is a search of its own, as `answerText` asks it), and typos counted by Levenshtein.
   */
  private async matchTerm(word: string, prefix: boolean, found: Found, typos = 0): Promise<void> {
    const swapped = typos ? swaps(word) : [];
    const sums: Found = new Map();
    for (const [term, gaps, scores] of await this.postings(word, prefix ? `${word}\uffff` : word, typos > 0)) {
      let weight = term === word ? 1 : 0;
      if (!weight && prefix && term.startsWith(word))
        weight = (0.375 * term.length) / (term.length + 0.3 * (term.length - word.length));
      if (!weight && typos) {
        const d = editDistance(word, term, typos, false);
        if (d <= typos) weight = (TYPO_WEIGHT * term.length) / (term.length + d);
      }
      const swap = swapped.includes(term);
      if (!weight && !swap) continue;
      let row = 0;
      gaps.forEach((gap, j) => {
        const id = String((row += gap));
        const score = scores[j]! / SCORE_STEPS;
        if (swap) addFound(found, id, TYPO_WEIGHT * score, [term]);
        // (A report keeps its best score: the sum so far and this term's is the best.)
        if (weight) addFound(sums, id, (sums.get(id)?.score ?? 0) + weight * score, [term]);
      });
    }
    for (const [id, { score, terms }] of sums) addFound(found, id, score, terms);
  }

  /** The reports one searched word finds: each of its terms; the last word's as prefixes, and its unstemmed form too. */
  private async match(word: Word, last: boolean): Promise<Found> {
    const found: Found = new Map();
    await Promise.all(word.terms.map((term) => this.matchTerm(term, last && term.length > 1, found)));
    if (last && word.folded.length > 1 && !word.terms.includes(word.folded))
      await this.matchTerm(word.folded, true, found);
    // Terms a typo away, when the word finds few (see `TYPOS_BELOW`).
    if (found.size < TYPOS_BELOW)
      await Promise.all(word.terms.map((term) => this.matchTerm(term, false, found, typosIn(term))));
    return found;
  }

  /** The rows that have a term, exactly. */
  private async rowsOf(term: string): Promise<string[]> {
    const rows: string[] = [];
    for (const [stored, gaps] of await this.postings(term, term)) {
      if (stored !== term) continue;
      let row = 0;
      for (const gap of gaps) rows.push(String((row += gap)));
    }
    return rows;
  }

  /**
   * A text search, answered as an index in the page answers it (see `answerText`). Without the
   * reports' text, a -"quoted phrase" leaves out the reports that have all its words.
   */
  private async search(text: string, exclude: string[], without: string[] = []): Promise<TextAnswer> {
    // Only the analyses this version has (null: folded only), whatever the manifest says.
    const languages = this.manifest.languages.map((l) => (typeof l === 'string' ? analysed(l) : null));
    // -words: the reports with one of the word's terms (no prefix, no typo) are left out.
    const excluded: string[] = [];
    for (const word of exclude)
      for (const term of queryTerms(word, languages).terms) excluded.push(...(await this.rowsOf(term)));
    for (const phrase of without) {
      const words = searchedWords(phrase, languages);
      const each = await Promise.all(
        words.map(async (word) => new Set((await Promise.all(word.terms.map((term) => this.rowsOf(term)))).flat())),
      );
      if (each.length > 0) excluded.push(...[...each[0]!].filter((row) => each.every((rows) => rows.has(row))));
    }
    if (text === '') return { hits: null, excluded };
    const words = searchedWords(text, languages);
    const found = await Promise.all(words.map((word, i) => this.match(word, i === words.length - 1)));
    const answer: TextAnswer = { ...combineWords(found), excluded };
    if (answer.all === 0) {
      // Each word that matches nothing: the terms stored near it, a few typos away.
      const near = new Map<Word, Map<string, Set<string>>>();
      await Promise.all(
        words.map(async (word, i) => {
          if (found[i]!.size > 0) return;
          const terms = new Map<string, Set<string>>();
          for (const t of word.terms)
            for (const [term, gaps] of await this.postings(t, t, true)) {
              let row = 0;
              terms.set(term, new Set(gaps.map((gap) => String((row += gap)))));
            }
          near.set(word, terms);
        }),
      );
      const suggestion = suggest(text, words, found, (word) => near.get(word) ?? new Map());
      if (suggestion !== undefined) answer.suggestion = suggestion;
    }
    return answer;
  }

  /** The row of a report by id, if the catalogue holds it. */
  private async rowOf(id: string): Promise<number | undefined> {
    const file = idFile(id, this.manifest.ids);
    const ids = await this.idsFile(file, () => this.get(`ids/${file}.json`) as Promise<Record<string, unknown>>);
    const row = Object.hasOwn(ids ?? {}, id) ? ids[id] : undefined;
    return Number.isInteger(row) && (row as number) >= 0 && (row as number) < this.manifest.count
      ? (row as number)
      : undefined;
  }

  /**
   * The reports of some rows, from their card files (a few files at a time: an export of every
   * report fetches them all), checked as a catalogue's reports are. An export's files are not kept
   * (they would push out the pages' own), and it stops between files once `stale` says so.
   */
  private async cards(rows: number[], stale: () => boolean, exporting?: ExportJob): Promise<(Report | undefined)[]> {
    const size = this.manifest.cards;
    const files = [...new Set(rows.map((row) => Math.floor(row / size)))];
    const got = new Map<number, unknown[]>();
    // A file that cannot be had (after its tries) leaves its reports out, said in the answer; the
    // next query asks for it again. A newer build is another matter: the reader starts over.
    const fetchFile = (file: number) =>
      this.get(`cards/${file}.json`).then((cards) => (Array.isArray(cards) ? cards : []));
    const cardsOf = (file: number) =>
      (exporting ? fetchFile(file) : this.cardFile(file, () => fetchFile(file))).catch((error: unknown) => {
        if (error instanceof SplitRebuilt) throw error;
        console.warn(`Reportshelf: ${(error as Error).message}`);
        return [];
      });
    for (let i = 0; i < files.length && !stale(); i += CARD_FILES_AT_ONCE) {
      await Promise.all(files.slice(i, i + CARD_FILES_AT_ONCE).map(async (file) => got.set(file, await cardsOf(file))));
      exporting?.progress?.(Math.min(rows.length, (i + CARD_FILES_AT_ONCE) * size), rows.length);
    }
    if (stale()) return [];
    return rows.map((row) => {
      const file = Math.floor(row / size);
      const card = got.get(file)![row % size];
      if (card === undefined) return undefined;
      const { catalogue, problems } = parseCatalogue({ version: 1, reports: [card] });
      for (const problem of problems) console.warn(`Reportshelf: cards/${file}.json: ${problem.message}`);
      return catalogue.reports[0];
    });
  }

  /**
   * Runs a query: with `all`, every hit (an export, which `job` follows and may cancel), else one
   * page. `wanted` are the facets whose values are to be counted (those shown); the facets
   * filtered on are fetched too. `stale` tells when a newer query has come (or the export is
   * cancelled), after which nothing more is fetched for this one (null).
   */
  async query(
    input: Partial<Query>,
    wanted: FacetName[],
    all = false,
    stale: () => boolean = () => false,
    job?: ExportJob,
  ): Promise<SplitAnswer | null> {
    const library = this.library;
    const query = normaliseQuery(input);
    const linked = query.report;
    const syntax = parseSearch(query.q.trim());
    const key = answerKey(syntax);
    let words: TextAnswer | undefined;
    this.lostFiles.clear();
    // Files that could not be had after their tries, but for the years (needed for everything):
    // the query runs without them and says so; they are asked for again by the next query.
    let incomplete = false;
    let unloaded = false;
    let unsearched = false;
    const lost = (error: unknown) => {
      if (error instanceof SplitRebuilt) throw error;
      console.warn(`Reportshelf: ${(error as Error).message}`);
      incomplete = true;
    };
    const filtered = Object.keys(query.filters) as FacetName[];
    const unfiltered = new Set<FacetName>();
    await Promise.all([
      this.years(),
      query.sort == 'added' &&
        this.manifest.added &&
        this.file('added', () => readAdded(this.get, library)).catch(lost),
      // A facet without its file: its group has no values, and a filter on it is not applied
      // (the page still shows it chosen, and says the results are incomplete), rather than
      // finding nothing.
      ...[...wanted, ...filtered].map((name) =>
        this.facet(name).catch((error: unknown) => {
          lost(error);
          unfiltered.add(name);
        }),
      ),
      (async () => {
        if (linked === undefined) return;
        // A linked report whose id file cannot be had is said to be so; the rest of the query runs.
        const row = await this.rowOf(linked).catch((error: unknown) => {
          if (error instanceof SplitRebuilt) throw error;
          console.warn(`Reportshelf: ${(error as Error).message}`);
          unloaded = true;
        });
        query.report = unloaded ? undefined : String(row ?? '-');
      })(),
      (async () => {
        if (!(syntax.text || syntax.exclude.length || syntax.without.length)) return;
        const before = this.lostIndex;
        words = this.answers.get(key) ?? (await this.search(syntax.text, syntax.exclude, syntax.without));
        if (this.lostIndex !== before) unsearched = incomplete = true;
      })(),
    ]);
    if (stale()) return null;
    // Kept (again, as the most recent: another query meanwhile may have made room by dropping it);
    // without some of its words' postings, only for this query (the next asks for them again).
    if (words) this.keepAnswer(key, words);
    const chosen = query.filters;
    query.filters = Object.fromEntries(Object.entries(chosen).filter(([name]) => !unfiltered.has(name as FacetName)));
    const parts = queryParts(library, query, all, words ?? null);
    parts.query.filters = chosen;
    if (unsearched) {
      this.answers.delete(key);
      this.sizes.answers.delete(key);
    }
    if (linked !== undefined) parts.query.report = linked;
    if (incomplete) parts.incomplete = true;
    if (unloaded) parts.unloaded = true;
    const reports = await this.cards(
      parts.hits.map((hit) => +hit.report.id),
      stale,
      all ? (job ?? {}) : undefined,
    );
    if (stale()) return null;
    const shown = parts.hits.length;
    parts.hits = parts.hits.flatMap((hit, i) => (reports[i] ? [{ ...hit, report: reports[i] }] : []));
    if (parts.hits.length < shown) parts.unavailable = shown - parts.hits.length;
    const answer: SplitAnswer = { parts };
    if (this.unsent.size > 0) {
      answer.labels = {};
      for (const name of this.unsent) answer.labels[name] = library.facets[name].labels;
      this.unsent.clear();
    }
    return answer;
  }
}

/**
 * Asks a split catalogue's reader a query (in a worker, or in the page): the facets to count, and
 * whether every hit is wanted (an export, which `job` follows). `signal` aborts a page's query that
 * a newer one overtook: the reader stops fetching for it, and may answer null.
 */
export type SplitAsk = (
  query: Query,
  wanted: FacetName[],
  all: boolean,
  signal?: AbortSignal,
  job?: ExportJob,
) => Promise<SplitAnswer | null>;

/** A reader opened on a build of a split catalogue: how to ask it, and how to let it go. */
export interface SplitSource {
  ask: SplitAsk;
  stop(): void;
}

/**
 * The page's side of a split catalogue, as an engine: its reader (opened by `open`, in a worker or
 * in the page) counts and fetches; here are the labels of the facets counted so far, from which
 * the facet lists are made, and the answers had, by query. A new build of the catalogue found in
 * its place (`SplitRebuilt`) is started over from, once: a reader on the new manifest, the query
 * asked again. Its `library` is the catalogue's title and language, for the page.
 */
export function splitEngine(
  manifest: SplitManifest,
  open: (manifest: SplitManifest) => SplitSource,
): Engine & { library: Library } {
  let source = open(manifest);
  let restarted = false;
  /** The facets whose labels came, and the answers had, by query (without a file that could not be had). */
  let known: Set<FacetName>;
  let kept: Map<string, QueryParts>;
  const library = createTables({
    version: 1,
    ...(manifest.title === undefined ? {} : { title: manifest.title }),
    ...(manifest.language === undefined ? {} : { language: manifest.language }),
    reports: [],
  });
  library.added = manifest.added === true;
  /** The labels of facets counted for the first time (`labels`; all forgotten without): answers counted before no longer line up. */
  const receive = (labels: SplitAnswer['labels'] = {}, fresh?: true) => {
    if (fresh) known = new Set();
    kept = new Map();
    for (const name of FACET_NAMES)
      if (fresh || labels[name]) {
        library.facets[name] = facetTable(labels[name]);
        if (labels[name]) known.add(name);
      }
    library.flat = flatten(0, library.facets, {} as PerReport);
  };
  receive({}, true);
  const first = source;
  /**
   * Asks the reader. A new build is started over from, once: the first reader stays (until the
   * engine stops) only to answer what it was asked, and whatever it answers then is asked again
   * of the new one, so that no answer mixes two builds.
   */
  const ask: SplitAsk = (...args) => {
    const from = source;
    return from.ask(...args).then(
      (got) => (from != source ? ask(...args) : (got?.labels && receive(got.labels), got)),
      (error: Partial<SplitRebuilt>) => {
        if (from != source) return ask(...args);
        if (!error.manifest || restarted) throw error;
        restarted = true;
        receive({}, true);
        source = open(error.manifest);
        return ask(...args);
      },
    );
  };
  return {
    library,
    async query({ query, facets: wanted }, signal) {
      const asked = normaliseQuery(query);
      const key = JSON.stringify(asked);
      const had = kept.get(key);
      if (had && wanted.every((name) => known.has(name))) return resultsOf(library, had);
      const got = await ask(asked, [...wanted], false, signal);
      if (!got) throw signal?.reason;
      const { parts } = got;
      // A page some of whose reports or files could not be had is asked for again when next shown.
      if (!(parts.unavailable || parts.incomplete || parts.unloaded)) kept.set(key, parts);
      return resultsOf(library, parts);
    },
    async all(query, job = {}) {
      const got = await ask(normaliseQuery(query), [...known], true, job.signal, job);
      return got && !job.signal?.aborted ? got.parts.hits.map((hit) => hit.report) : [];
    },
    stop: () => (first.stop(), source.stop()),
  };
}
