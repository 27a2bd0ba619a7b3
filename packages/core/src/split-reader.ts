/**
 * Answers queries from a split catalogue's files (see split.ts), fetched as each query needs them:
 * the same query engine as a single-file catalogue's, its text searches ranked as ranking.ts says.
 */
import { parseCatalogue, YEAR_MAX, YEAR_MIN } from './parse.js';
import { answerKey, normaliseQuery, parseSearch, queryParts, type ExportJob, type QueryParts } from './query.js';
import { EngineError } from './engine.js';
import { flatten, type FacetTable, type Library, type PerReport } from './tables.js';
import { analysed, queryTerms } from './analysis.js';
import {
  addFound,
  boostRecent,
  combineWords,
  editDistance,
  libraryYears,
  searchedWords,
  suggest,
  swaps,
  type Found,
  type TextAnswer,
  type Word,
} from './answer.js';
import { prefixWeight, TYPOS_BELOW, typosIn, typoWeight, WEIGHTS } from './ranking.js';
import {
  facetTable,
  idFile,
  indexFilesOf,
  PREFETCH_INDEX_FILES,
  SCORE_STEPS,
  type Posting,
  type SplitManifest,
} from './split.js';
import { bytesOf, cache, SplitRebuilt, trim, type SplitFetch } from './split-fetch.js';
import { FACET_NAMES, type FacetName, type Query, type Report } from './types.js';
import { readAdded } from './split-added.js';
import { countPlaces } from './places.js';

/** Card files fetched at once (an export fetches them all): enough to fill a connection, few enough to stop soon. */
const CARD_FILES_AT_ONCE = 16;

/**
 * A query as a split catalogue's page asks it: with `early`, answered as soon as its page of
 * results is had (its words' index files, the years, the facets it filters on, its cards), the
 * facets only counted left without values where their files have not come (issue 26: at 100,000
 * reports they are 480 KB); then with `early: false`, the same query again for their counts (an
 * index or card file that could not be had for it is not tried again).
 */
export type SplitQuery = Query & { early?: boolean };

/** How often a query waiting for facet files looks whether a newer one came (in milliseconds). */
const STALE_POLL = 40;

/** A reader's answer to a query: its results, and the labels of facets counted for the first time. */
export interface SplitAnswer {
  parts: QueryParts;
  labels?: Partial<Record<FacetName, string[]>>;
}

/**
 * What a reader keeps, at most, in bytes (as estimated from what it holds): the answers to the
 * searches made (the words of the last few searches, typed letter by letter), and the index, card
 * and id files fetched. 38 MB in all, beside the catalogue's own tables (about 35 bytes a report).
 */
export const KEPT_BYTES = { answers: 16 << 20, index: 16 << 20, cards: 4 << 20, ids: 2 << 20 };

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
  /** Checks the manifest as its server has it now: another build's rejects (`SplitRebuilt`). */
  private readonly current: () => Promise<unknown>;
  /**
   * Index files that could not be had (after their tries), counted: a search during which this
   * grows went on without some postings, so its answer is not kept (the next query asks again).
   * Counted on the reader, not per search: a query overlapping another's failure is said to be
   * incomplete too, which errs on the side of fetching again.
   */
  private lostIndex = 0;
  /** The index files that could not be had since the last query began: not asked for again by it. */
  private readonly lostFiles = new Set<number>();
  /** The card files that could not be had by the last query: not asked for again when it is asked for its counts (as `lostFiles`). */
  private readonly lostCards = new Set<number>();

  constructor(
    readonly manifest: SplitManifest,
    get: SplitFetch,
  ) {
    const folder = manifest.build === undefined ? '' : `${manifest.build}/`;
    this.get = (path) => get(folder + path);
    this.current = () => get('');
    const n = manifest.count;
    const none: number[] = [];
    this.perReport = Object.fromEntries(FACET_NAMES.map((name) => [name, new Array(n).fill(none)])) as PerReport;
    const facets = Object.fromEntries(FACET_NAMES.map((name) => [name, facetTable()])) as Record<FacetName, FacetTable>;
    this.library = {
      // Its places, for the regions' counts (see `Results.places`).
      catalogue: { version: 1, reports: [], ...(manifest.places && { places: manifest.places }) },
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
      countPlaces,
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
    const files: Promise<Posting[]>[] = [];
    for (const i of this.filesOf(from, to, around))
      if (this.lostFiles.has(i)) this.lostIndex++;
      else {
        this.unread.delete(i);
        // A file fetched ahead, used for the first time: the query checks its build meanwhile.
        if (this.ahead.has(i)) this.checkBuild(i);
        files.push(
          this.index(i).catch((error: unknown) => {
            // Searched without it, said in the answer; a newer build makes the reader start over.
            if (error instanceof SplitRebuilt) throw error;
            console.warn(`Reportshelf: ${(error as Error).message}`);
            this.lostFiles.add(i);
            this.failed.add(i);
            this.lostIndex++;
            return [];
          }),
        );
      }
    return (await Promise.all(files)).flat();
  }

  /** The numbers of the index files that may hold terms from `from` to `to` (with `around`, see `postings`). */
  private filesOf(from: string, to: string, around: boolean): number[] {
    return indexFilesOf(this.manifest.index, from, to, around);
  }

  /**
   * Asks for the index files a search may read after those it is waiting for (see `match`), so that
   * they come in the same round trip rather than the next. One that cannot be had is left to the
   * search that reads it, which asks again and says so.
   */
  private askIndex(from: string, to: string, around = false): void {
    for (const i of this.filesOf(from, to, around))
      if (!this.lostFiles.has(i) && !this.failed.has(i) && !this.sizes.index.has(i)) {
        this.unread.add(i);
        this.index(i).catch(() => {});
      }
  }

  /**
   * Index files a query asked for before it needed them (`askIndex`) and has not read: when the
   * next query begins, they count as fetched ahead (`ahead`), so that a query reading one checks
   * the build, as one reading a file of the prefetch does.
   */
  private readonly unread = new Set<number>();

  /** An index file, checked, kept within `KEPT_BYTES.index`. */
  private index(i: number): Promise<Posting[]> {
    return this.indexFile(i, () =>
      this.get(`index/${i}.json`).then((file) => {
        if (
          !Array.isArray(file) ||
          !file.every((p) => Array.isArray(p) && typeof p[0] === 'string' && Array.isArray(p[1]) && Array.isArray(p[2]))
        )
          throw new Error(`index/${i}.json is not an index file`);
        return file as Posting[];
      }),
    );
  }

  private prefetching?: Promise<void>;
  /** Index files that a query could not have (after their tries): the prefetch leaves them to the queries. */
  private readonly failed = new Set<number>();
  /**
   * Index files the prefetch brought that no query has used since its build was checked: a page
   * open while its folder is rebuilt would search them without meeting the 404 that says so.
   */
  private readonly ahead = new Set<number>();
  /** The last check of the build, and the files fetched ahead that it is for; `over` once it is answered. */
  private check?: { done: Promise<unknown>; files: Set<number>; over?: boolean };
  /** Whether the query under way read a file fetched ahead, and so waits for the check. */
  private checks = false;

  /**
   * Checks the build (the manifest asked for again, beside the query's other requests) before the
   * query answers from file `i`, fetched ahead; once it holds, `i` is trusted as any file a query
   * fetched. A new build rejects with `SplitRebuilt`, and the reader starts over.
   */
  private checkBuild(i: number): void {
    if (!this.check || this.check.over) {
      const files = new Set<number>();
      const check: SplitReader['check'] & {} = {
        done: this.current().then(() => files.forEach((file) => this.ahead.delete(file))),
        files,
      };
      // Awaited by the query; one still on its way serves the next query too (typed letter by
      // letter, each query asked its own, which the browser sent only once the last was answered).
      check.done.then(
        () => (check.over = true),
        () => (check.over = true),
      );
      this.check = check;
    }
    this.check.files.add(i);
    this.checks = true;
  }

  /**
   * A small catalogue's whole index (`PREFETCH_INDEX_FILES` files or fewer), fetched once its first
   * search is answered (the query starts it), so that the words searched next find their postings
   * at hand, with no round trip each (issue 26); a query that uses one checks the build (see
   * `checked`). A file a query could not have is left to the queries (not tried again here); the
   * prefetch stops at the first that fails. Resolves when done (at once for a larger catalogue).
   */
  prefetch(): Promise<void> {
    const files = this.manifest.index.length;
    // One file at a time, while no query runs: a word searched meanwhile fetches its own at once,
    // sharing the network with one file ahead at most.
    return (this.prefetching ??= (async () => {
      for (let i = 0; files <= PREFETCH_INDEX_FILES && i < files; i++) {
        await this.quiet;
        if (!this.failed.has(i) && !this.sizes.index.has(i)) {
          await this.index(i);
          this.ahead.add(i);
        }
      }
    })().catch(() => {}));
  }

  /**
   * The reports one index term finds, by row, with scores and the terms that matched: the term
   * itself; with `prefix`, the terms it begins (weighted less, the more so the longer they are);
   * for terms of five letters or more, terms a typo or two away, and those with two letters
   * swapped, among those stored near it (see `postings`). As MiniSearch searches a term, so both
   * engines rank alike: its weights (ranking.ts), the scores of the terms one search finds summed
   * in a report (a swap is a search of its own, as `answerText` asks it), and typos counted by
   * Levenshtein.
   */
  private async matchTerm(word: string, prefix: boolean, found: Found, typos = 0): Promise<void> {
    const swapped = typos ? swaps(word) : [];
    const sums: Found = new Map();
    for (const [term, gaps, scores] of await this.postings(word, prefix ? `${word}\uffff` : word, typos > 0)) {
      let weight = term === word ? 1 : 0;
      if (!weight && prefix && term.startsWith(word)) weight = prefixWeight(term, word.length);
      if (!weight && typos) {
        const d = editDistance(word, term, typos, false);
        if (d <= typos) weight = typoWeight(term, d);
      }
      const swap = swapped.includes(term);
      if (!weight && !swap) continue;
      let row = 0;
      gaps.forEach((gap, j) => {
        const id = String((row += gap));
        const score = scores[j]! / SCORE_STEPS;
        if (swap) addFound(found, id, WEIGHTS.fuzzy * score, [term]);
        // (A report keeps its best score: the sum so far and this term's is the best.)
        if (weight) addFound(sums, id, (sums.get(id)?.score ?? 0) + weight * score, [term]);
      });
    }
    for (const [id, { score, terms }] of sums) addFound(found, id, score, terms);
  }

  /**
   * The reports one searched word finds: each of its terms; the last word's as prefixes, and its
   * unstemmed form too. The files of each step are asked for with the first step's (issue 26: on
   * slow 4G each step a round trip after the last took 300 ms more): the unstemmed form's, and in
   * a catalogue whose whole index is fetched after the first answer anyway (`prefetch`), the files
   * beside the terms', where their typos are, read if the word finds few.
   */
  private async match(word: Word, last: boolean): Promise<Found> {
    const found: Found = new Map();
    const folded = last && word.folded.length > 1 && !word.terms.includes(word.folded);
    if (folded) this.askIndex(word.folded, `${word.folded}\uffff`);
    if (this.manifest.index.length <= PREFETCH_INDEX_FILES)
      for (const term of word.terms) if (typosIn(term)) this.askIndex(term, term, true);
    await Promise.all(word.terms.map((term) => this.matchTerm(term, last && term.length > 1, found)));
    if (folded) await this.matchTerm(word.folded, true, found);
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
      exporting || !this.lostCards.has(file)
        ? (exporting ? fetchFile(file) : this.cardFile(file, () => fetchFile(file))).catch((error: unknown) => {
            if (error instanceof SplitRebuilt) throw error;
            console.warn(`Reportshelf: ${(error as Error).message}`);
            if (!exporting) this.lostCards.add(file);
            return [];
          })
        : [];
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
   * Waits for `work`, or until `stale` says a newer query came, looking every `STALE_POLL` ms (the
   * worker's queue has no event to wait on), so that a query waiting for large files does not hold
   * up the next.
   */
  private async unless(stale: () => boolean, work: Promise<unknown>): Promise<void> {
    let over = false;
    const given = new Promise<void>((done) => {
      const look = () => over || (stale() ? done() : setTimeout(look, STALE_POLL));
      look();
    });
    await Promise.race([work, given]).finally(() => (over = true));
  }

  /** Queries under way; resolves when none is (the prefetch waits for it, between files). */
  private busy = 0;
  private quiet = Promise.resolve();
  private release = () => {};

  /**
   * Runs a query: with `all`, every hit (an export, which `job` follows and may cancel), else one
   * page. `wanted` are the facets whose values are to be counted (those shown); the facets
   * filtered on are fetched too. `stale` tells when a newer query has come (or the export is
   * cancelled), after which nothing more is fetched for this one (null).
   */
  async query(
    input: Partial<SplitQuery>,
    wanted: FacetName[],
    all = false,
    stale: () => boolean = () => false,
    job?: ExportJob,
  ): Promise<SplitAnswer | null> {
    // (Its parameters written out: a private method's are not in the declarations the package ships.)
    if (!this.busy++) this.quiet = new Promise((done) => (this.release = done));
    try {
      return await this.run(input, wanted, all, stale, job);
    } finally {
      if (!--this.busy) this.release();
    }
  }

  private async run(
    input: Partial<SplitQuery>,
    wanted: FacetName[],
    all: boolean,
    stale: () => boolean,
    job?: ExportJob,
  ): Promise<SplitAnswer | null> {
    const library = this.library;
    const early = input.early && !all;
    // Asked again for its counts, a query does not try again the files it could not have.
    if (input.early !== false) {
      this.lostCards.clear();
      this.lostFiles.clear();
    }
    for (const i of this.unread) this.ahead.add(i);
    this.unread.clear();
    const query = normaliseQuery(input);
    const linked = query.report;
    const syntax = parseSearch(query.q.trim());
    const key = answerKey(syntax);
    let words: TextAnswer | undefined;
    this.checks = false;
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
    // A facet without its file: its group has no values, and a filter on it is not applied
    // (the page still shows it chosen, and says the results are incomplete), rather than
    // finding nothing.
    const facet = (name: FacetName) =>
      this.facet(name).catch((error: unknown) => {
        lost(error);
        unfiltered.add(name);
      });
    // The facets only counted: the page of results does not wait for them (see `SplitQuery`).
    const counted = wanted.filter((name) => !filtered.includes(name));
    const count = () => {
      const facets = Promise.all(counted.map(facet));
      // (Awaited below but by an early query, which a new build found meanwhile does not concern.)
      facets.catch(() => {});
      return facets;
    };
    // An early query asks for them once the years, its words' files and its page's cards are asked,
    // which then have the link and the connections to themselves (at 100,000 reports the facets are
    // 480 KB, the years 97 KB; asked before the cards, they held three of HTTP/1.1's six
    // connections, and a page's ten card files came in four rounds, not two).
    let counting = early ? undefined : count();
    // Given up for a newer query as soon as it comes, rather than once these files have (their
    // fetches go on, for it): typed letter by letter, each word's query would start a round trip late.
    await this.unless(
      stale,
      Promise.all([
        this.years(),
        query.sort == 'added' &&
          this.manifest.added &&
          this.file('added', () => readAdded(this.get, library)).catch(lost),
        ...filtered.map(facet),
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
      ]),
    );
    if (stale()) return null;
    // Kept (again, as the most recent: another query meanwhile may have made room by dropping it);
    // without some of its words' postings, only for this query (the next asks for them again).
    if (words) this.keepAnswer(key, words);
    if (unsearched) {
      this.answers.delete(key);
      this.sizes.answers.delete(key);
    }
    const chosen = query.filters;
    query.filters = Object.fromEntries(Object.entries(chosen).filter(([name]) => !unfiltered.has(name as FacetName)));
    // Recency in relevance order, on the answer kept for the words alone.
    if (words) words = boostRecent(words, libraryYears(library), query.boostRecent);
    // Counted with the facets had so far: the page of results is the same without the others
    // (only the facets filtered on choose it), so its cards are asked for at once.
    const partsNow = () => queryParts(library, query, all, words ?? null);
    let parts = partsNow();
    const cards = this.cards(
      parts.hits.map((hit) => +hit.report.id),
      stale,
      all ? (job ?? {}) : undefined,
    );
    // (Awaited below, unless the query gives way first.)
    cards.catch(() => {});
    counting ??= count();
    if (!early && counted.some((name) => !library.facets[name].labels.length && this.manifest.facets[name])) {
      // The facets' files, given up for a newer query (their fetches go on, for it).
      await this.unless(stale, counting);
      if (stale()) return null;
      parts = partsNow();
    }
    // The labels of the facets counted here (not those that come meanwhile, which the next answer counts).
    const labels = [...this.unsent];
    this.unsent.clear();
    parts.query.filters = chosen;
    if (linked !== undefined) parts.query.report = linked;
    if (incomplete) parts.incomplete = true;
    if (unloaded) parts.unloaded = true;
    // The regions are counted from the countries: not before their file has come.
    if (counted.includes('country') && !library.facets.country.labels.length) delete parts.places;
    const shown = Promise.all([
      cards,
      // (Set by the search meanwhile, which TypeScript does not see.)
      (this.checks as boolean) && this.check?.done,
    ]);
    // (An export's cards stop between files once it is cancelled: it waits for those asked.)
    if (!all) await this.unless(stale, shown);
    // Not answered: the labels go with the next answer (whose counts have them).
    if (stale()) {
      for (const name of labels) this.unsent.add(name);
      return null;
    }
    const [reports] = await shown;
    const page = parts.hits.length;
    parts.hits = parts.hits.flatMap((hit, i) => (reports[i] ? [{ ...hit, report: reports[i] }] : []));
    if (parts.hits.length < page) parts.unavailable = page - parts.hits.length;
    const answer: SplitAnswer = { parts };
    if (labels.length > 0)
      answer.labels = Object.fromEntries(labels.map((name) => [name, library.facets[name].labels]));
    // Once the page has the answer to its first search (after this task, which sends it): not
    // before, where it would share the network with that search's first results, and not for a
    // visitor who only browses.
    if (words && !all) setTimeout(() => void this.prefetch());
    return answer;
  }
}
