/** The page's side of a split catalogue (see split.ts): an engine whose queries go to a reader. */
import { normaliseQuery, resultsOf, wordsOf, type ExportJob, type QueryParts } from './query.js';
import { ARABIC } from './analysis.js';
import { EngineError, type Engine } from './engine.js';
import { createTables, flatten, type Library, type PerReport } from './tables.js';
import { BUILD_NAME, facetTable, indexFilesOf, PREFETCH_INDEX_FILES, type SplitManifest } from './split.js';
import { typosIn } from './ranking.js';
import { foldText } from './text.js';
import type { Store, StoreState } from './store.js';
import type { SplitRebuilt } from './split-fetch.js';
import type { SplitAnswer, SplitQuery } from './split-reader.js';
import { FACET_NAMES, type FacetName } from './types.js';

/**
 * Asks a split catalogue's reader a query (in a worker, or in the page): the facets to count, and
 * whether every hit is wanted (an export, which `job` follows). `signal` aborts a page's query that
 * a newer one overtook: the reader stops fetching for it, and may answer null.
 */
export type SplitAsk = (
  query: SplitQuery,
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
 * its place (`SplitRebuilt`) is started over from, each time: a reader on the new manifest, the query
 * asked again. Its `library` is the catalogue's title and language, for the page.
 */
export function splitEngine(
  manifest: SplitManifest,
  open: (manifest: SplitManifest) => SplitSource,
): Engine & { library: Library } {
  let source = open(manifest);
  /** The facets whose labels came, and the answers had, by query (without a file that could not be had). */
  let known: Set<FacetName>;
  let kept: Map<string, QueryParts>;
  const library = createTables({
    version: 1,
    ...(manifest.title === undefined ? {} : { title: manifest.title }),
    ...(manifest.language === undefined ? {} : { language: manifest.language }),
    ...(manifest.feeds === undefined ? {} : { feeds: manifest.feeds }),
    ...(manifest.places === undefined ? {} : { places: manifest.places }),
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
  /** Every reader opened: each stays (a worker, in the lite file) until the engine stops. */
  const sources = [source];
  /** The build the reader in use reads. */
  let build = manifest.build;
  /**
   * Asks the reader. A new build is started over from (each one found, for a page open through
   * several rebuilds; the same one twice is an error): the reader before stays (until the engine
   * stops) only to answer what it was asked, and whatever it answers then is asked again of the
   * new one, so that no answer mixes two builds; a request aborted meanwhile is not asked again.
   */
  const ask: SplitAsk = (...args) => {
    const from = source;
    const again = () => (args[3]?.aborted ? Promise.resolve(null) : ask(...args));
    return from.ask(...args).then(
      (got) => (from != source ? again() : (got?.labels && receive(got.labels), got)),
      (error: Partial<SplitRebuilt>) => {
        if (from != source) return again();
        if (!error.manifest || error.manifest.build === build) throw error;
        build = error.manifest.build;
        receive({}, true);
        sources.push((source = open(error.manifest)));
        return again();
      },
    );
  };
  return {
    library,
    async query({ query, facets: wanted }, signal, early) {
      const asked = normaliseQuery(query);
      const key = JSON.stringify(asked);
      const had = kept.get(key);
      const counted = () => wanted.every((name) => known.has(name));
      if (had && counted()) return resultsOf(library, had);
      let got: SplitAnswer | null = null;
      let then: SplitQuery = asked;
      // Facets not counted yet (their files not fetched): the page of results first, shown as soon
      // as it comes, then the same query again for their counts (its words and cards at hand).
      if (early && !counted()) {
        got = await ask({ ...asked, early: true }, [...wanted], false, signal);
        if (got && !counted() && !signal?.aborted) {
          early(resultsOf(library, got.parts));
          got = null;
          then = { ...asked, early: false };
        }
      }
      // A reader answers null to a query overtaken in its queue: one this page still wants (a
      // query asked again of a new build behind one the page dropped) is asked again.
      for (let tries = 0; !got && !signal?.aborted && tries < 3; tries++)
        got = await ask(then, [...wanted], false, signal);
      if (!got) throw signal?.reason ?? new EngineError('engine', 'a query was dropped');
      const { parts } = got;
      // A page some of whose reports or files could not be had is asked for again when next shown.
      if (!(parts.unavailable || parts.incomplete || parts.unloaded)) kept.set(key, parts);
      return resultsOf(library, parts);
    },
    async all(query, job = {}) {
      const got = await ask(normaliseQuery(query), [...known], true, job.signal, job);
      return got && !job.signal?.aborted ? got.parts.hits.map((hit) => hit.report) : [];
    },
    stop: () => sources.forEach((opened) => opened.stop()),
  };
}

/** The most files `warmSplit` asks for: the years, and a few words' index files. */
const WARM_FILES = 8;

/**
 * Begins in the page what a split catalogue's reader will fetch first, while the search worker
 * that holds the reader is still on its way (27 KB gzipped: on slow 4G it came 100–230 ms after the
 * manifest, and the first index file was asked only then): the years, at once, and the index files
 * of the last word of the store's query, as typed meanwhile, until the function returned is called
 * (when the worker has said what it makes of the manifest). A build's files are named by their
 * content and cached for good (see split.ts), so the reader's requests for them are served from
 * the browser's cache, or join these while they are under way (as Chromium does for the same
 * address, a worker's requests included).
 *
 * The manifest is not checked yet (the worker checks it): one whose `build` is not a build's name
 * (a folder of the first CLI's, or a path or host of another) or whose `index` is not a list of
 * terms gets nothing, and its error is the worker's to say. What is asked is what the reader reads
 * whatever the word's stem: the last word's folded form as a prefix (each word was the last as it
 * was typed), not a -word (read by its stem); and in a small catalogue the files beside it, where
 * its typos are, unless in Arabic, whose stems (prefixes taken off) may sort far from the word. A
 * prefix so short that its terms span more than two files is left to the reader.
 */
export function warmSplit(
  manifest: SplitManifest,
  url: URL,
  store?: Pick<Store, 'getState' | 'subscribe'>,
): () => void {
  const { build, index } = manifest;
  if (!(BUILD_NAME.test(build!) && Array.isArray(index) && index.every((term) => typeof term == 'string')))
    return () => {};
  const asked = new Set<string>();
  const get = (path: string) => {
    if (asked.has(path) || asked.size >= WARM_FILES) return;
    asked.add(path);
    fetch(new URL(`${build}/${path}`, url), { credentials: 'omit' })
      .then((response) => response.arrayBuffer())
      .catch(() => {});
  };
  const hear = ({ query }: StoreState) => {
    const typed = query.q.trim().split(/\s+/).pop()!;
    const word = wordsOf(foldText(typed)).pop();
    if (!word || word.length < 2 || typed.startsWith('-')) return;
    const files = indexFilesOf(index, word, `${word}\uffff`, false);
    if (files.length > 2) return;
    if (index.length <= PREFETCH_INDEX_FILES && typosIn(word) && !ARABIC.test(word))
      files.push(...indexFilesOf(index, word, word, true));
    for (const file of files) get(`index/${file}.json`);
  };
  get('years.json');
  if (!store) return () => {};
  hear(store.getState());
  return store.subscribe(hear);
}
