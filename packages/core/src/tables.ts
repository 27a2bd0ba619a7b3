import type { ReportIndex } from './search-index.js';
import type { PlaceCounter } from './query.js';
import { FACETS, FACET_NAMES, type Catalogue, type FacetName, type Report } from './types.js';

/** @internal One facet's values interned as numbers, so counting is array arithmetic. */
export interface FacetTable {
  labels: string[];
  ids: Map<string, number>;
  /** Alphabetical rank of each value, so that ordering ties costs no string comparison. */
  rank: Int32Array;
}

/**
 * @internal
 * Every report's facet values in one flat array (compressed rows): report p's values are
 * values[offsets[p] .. offsets[p + 1]), each a global id (a facet's base plus its value id), and
 * facetOf tells which facet an id belongs to. Filtering and counting become tight loops over
 * typed arrays instead of nested arrays looked up by facet name.
 */
export interface FlatFacets {
  offsets: Int32Array;
  values: Int32Array;
  facetOf: Uint8Array;
  /** Global id of each facet's first value, in FACET_NAMES order, then the total. */
  base: Int32Array;
}

/**
 * A catalogue ready to query: plain data, its reports and (once built) the search index. The
 * precomputed tables beside them are the query engine's own, left out of the published types
 * (`stripInternal`), so that they can change without breaking anyone. Where a query runs, and
 * what it keeps between queries, is an engine's (see engine.ts), not the library's.
 */
export interface Library {
  readonly catalogue: Catalogue;
  readonly reports: Report[];
  /**
   * The search index in this page, or null: while it is being built (`ensureIndex` waits for it),
   * or when text searches are answered elsewhere (a worker).
   */
  index: ReportIndex | null;
  /** @internal Position of each report by id. */
  positions: Map<string, number>;
  /** @internal */
  facets: Record<FacetName, FacetTable>;
  /** @internal */
  flat: FlatFacets;
  /** @internal */
  years: (number | undefined)[];
  /** @internal Rank of each report when sorted by title, for cheap title sorting. */
  titleRank: Int32Array;
  /** @internal */
  yearBounds?: { min: number; max: number };
  /** Whether some report has an `added` date: the "Recently added" sort is offered then. */
  added?: boolean;
  /**
   * @internal Without the reports' text (a split catalogue's reader holds their facets and years
   * only): a "quoted phrase" finds the reports with its words, not checked for standing together.
   */
  textless?: true;
  /**
   * @internal Counts the catalogue's regions with each query (`Results.places`): set by the engines
   * that answer them (the index in the page, a split catalogue's reader), not by the lite file's.
   */
  countPlaces?: PlaceCounter;
}

const collators = new Map<string, Intl.Collator>();
/**
 * The collator for titles and facet values in a language (the catalogue's; else the browser's),
 * made on first use: the first Intl object a page makes loads locale data.
 */
export function collator(lang = ''): Intl.Collator {
  let made = collators.get(lang);
  if (!made) {
    let locale: string | undefined = lang || undefined;
    try {
      Intl.Collator.supportedLocalesOf(locale ?? []);
    } catch {
      locale = undefined;
    }
    collators.set(lang, (made = new Intl.Collator(locale, { sensitivity: 'base', numeric: true })));
  }
  return made;
}

/** A title as it is sorted: quotes, brackets and other marks before the first word do not count. */
export const titleKey = (title: string): string => title.replace(/^[\p{P}\p{S}\s]+/u, '') || title;

/** Each facet's value ids per report, by report position: only needed to build the flat table. */
export type PerReport = Record<FacetName, number[][]>;

/** @internal */
export function flatten(count: number, facets: Record<FacetName, FacetTable>, perReport: PerReport): FlatFacets {
  const base = new Int32Array(FACET_NAMES.length + 1);
  FACET_NAMES.forEach((name, f) => (base[f + 1] = base[f]! + facets[name].labels.length));
  const facetOf = new Uint8Array(base[FACET_NAMES.length]!);
  FACET_NAMES.forEach((_, f) => facetOf.fill(f, base[f]!, base[f + 1]!));
  const offsets = new Int32Array(count + 1);
  for (let p = 0; p < count; p++)
    offsets[p + 1] = offsets[p]! + FACET_NAMES.reduce((n, name) => n + perReport[name][p]!.length, 0);
  const values = new Int32Array(offsets[count]!);
  for (let p = 0, k = 0; p < count; p++) {
    FACET_NAMES.forEach((name, f) => {
      for (const id of perReport[name][p]!) values[k++] = base[f]! + id;
    });
  }
  return { offsets, values, facetOf, base };
}

function rankOf(labels: string[], lang?: string): Int32Array {
  const { compare } = collator(lang);
  const rank = new Int32Array(labels.length);
  labels
    .map((_, i) => i)
    .sort((a, b) => compare(labels[a]!, labels[b]!))
    .forEach((id, r) => (rank[id] = r));
  return rank;
}

/** @internal A report's values of a facet. */
export function facetValues(report: Report, name: FacetName): string[] {
  const field = FACETS[name];
  if (field === 'language') return report.language === undefined ? [] : [report.language];
  return report[field];
}

/**
 * A catalogue's query tables (facets, years, title order) without a search index: what the
 * query engine needs to browse and filter. `createLibrary` adds the index; the lite drop-in file
 * gives the index to a worker instead (no search engine in the page).
 */
export function createTables(catalogue: Catalogue): Library {
  const { reports } = catalogue;
  const positions = new Map(reports.map((r, i) => [r.id, i]));
  const facets = {} as Record<FacetName, FacetTable>;
  const perReport = {} as PerReport;
  for (const name of FACET_NAMES) {
    const labels: string[] = [];
    const ids = new Map<string, number>();
    perReport[name] = reports.map((report) =>
      facetValues(report, name).map((value) => {
        let id = ids.get(value);
        if (id === undefined) {
          id = labels.length;
          ids.set(value, id);
          labels.push(value);
        }
        return id;
      }),
    );
    facets[name] = { labels, ids, rank: rankOf(labels) };
  }
  const flat = flatten(reports.length, facets, perReport);
  const years = reports.map((r) => r.year);
  const titleRank = rankOf(
    reports.map((r) => titleKey(r.title)),
    catalogue.language,
  );
  const library: Library = {
    catalogue,
    reports,
    positions,
    facets,
    flat,
    years,
    titleRank,
    index: null,
    added: reports.some((r) => r.added),
  };
  for (const year of years) {
    if (year === undefined) continue;
    const bounds = (library.yearBounds ??= { min: year, max: year });
    if (year < bounds.min) bounds.min = year;
    if (year > bounds.max) bounds.max = year;
  }
  return library;
}
