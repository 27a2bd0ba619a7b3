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
 * The modules: this one, the format's shared terms; `splitCatalogue` (split-write.ts) writes the
 * files; `readManifest` (split-manifest.ts) checks a manifest; `splitFetch` (split-fetch.ts)
 * fetches the files, trying again, and keeps them; `SplitReader` (split-reader.ts) answers queries
 * from them (in a worker, or in the page), ranked as ranking.ts says; `splitEngine`
 * (split-engine.ts) is the page's side, an engine whose queries go to a reader.
 */
import type { Analysed } from './analysis.js';
import type { FacetTable } from './tables.js';
import { FACET_NAMES, type FacetName } from './types.js';
import { ADDED_FILE } from './split-added.js';

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
  /** The Atom feeds beside the catalogue, as a catalogue names them (see `Catalogue.feeds`). */
  feeds?: FacetName[];
  /** The countries under their regions, as a catalogue has them (see `Catalogue.places`). */
  places?: Record<string, string[]>;
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

/**
 * Reports per card file: a page of ten touches at most ten small files. Two, not more: a page's
 * results are scattered across the rows (in title order), so each file brings one report shown
 * and one not, 1.1 KB gzipped (eight a file brought 3.4 KB, 34 KB a page on a 200 KB/s link:
 * issue 26); one a file would double the files (100,000 at 100,000 reports) for 0.5 KB less each.
 * A reader reads the number from the manifest (`cards`), so a folder written with another works.
 */
export const CARDS = 2;
/**
 * Index files a catalogue may have for all of them to be fetched after its first answer
 * (`SplitReader.prefetch`), and for a word's typos to be asked for with it (the files beside its
 * own): 16 is about 700 KB as written (200 KB gzipped), about 1,500 reports (`index.length` at
 * 1,000: 11).
 */
export const PREFETCH_INDEX_FILES = 16;

/**
 * The index files (numbers) that may hold terms from `from` to `to`, of a manifest's `index` (each
 * file's first term); with `around`, the files on either side too, where the terms a typo away
 * from a word are, unless the typo is in its first letters.
 */
export function indexFilesOf(index: readonly string[], from: string, to: string, around: boolean): number[] {
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
  const files: number[] = [];
  const last = Math.min(index.length - 1, fileOf(to) + (around ? 1 : 0));
  for (let i = Math.max(0, fileOf(from) - (around ? 1 : 0)); i <= last; i++) files.push(i);
  return files;
}

/** Scores are stored as integers of this many steps per point. */
export const SCORE_STEPS = 10;

/** FNV-1a: the id file of an id, the same in the CLI and the browser. */
export function idFile(id: string, files: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % files;
}

/** An index file's entry: a term, the rows that have it (as gaps), and its score in each (in `SCORE_STEPS`). */
export type Posting = [term: string, gaps: number[], scores: number[]];

/** @internal A facet's table from its labels, which the format keeps sorted. */
export const facetTable = (labels: string[] = []): FacetTable => ({
  labels,
  ids: new Map(labels.map((label, i) => [label, i])),
  // The labels come sorted: their rank is their place.
  rank: Int32Array.from(labels.keys()),
});
