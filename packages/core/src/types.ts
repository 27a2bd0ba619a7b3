/** One report of the catalogue, after validation. Only `id` and `title` are always present. */
export interface Report {
  id: string;
  title: string;
  summary?: string;
  year?: number;
  countries: string[];
  regions: string[];
  categories: string[];
  authors: string[];
  organizations: string[];
  url?: string;
  language?: string;
  /** Publication date, `YYYY-MM-DD` or `YYYY-MM`; `year` is its year. */
  date?: string;
  /** When the report entered the library, `YYYY-MM-DD`: for "Recently added" and the feeds. */
  added?: string;
  /** A cover or thumbnail: an http(s) or relative address, as `url`. */
  image?: string;
  /** What the image shows, for those who cannot see it (none: the image is decorative). */
  imageAlt?: string;
  /** The document's type, as a short label (`PDF`) or a media type (`application/pdf`). */
  fileType?: string;
  /** The document's size in bytes. */
  fileSize?: number;
}

export interface Catalogue {
  version: 1;
  title?: string;
  language?: string;
  /**
   * The Atom feeds beside the catalogue, which the page offers to follow: `feed.xml` of the newest
   * reports, and one per value of these facets (`feeds/FACET/VALUE.xml`). The CLI writes them and
   * says so here; absent, there are none.
   */
  feeds?: FacetName[];
  /**
   * Regions (UN M49, written by the CLI) and the catalogue's `countries` values in each: the
   * filter shows countries under their region. Countries in none are shown after the groups.
   */
  places?: Record<string, string[]>;
  reports: Report[];
}

export type ProblemSeverity = 'error' | 'warning';

/** Something wrong with the input, in words a curator understands. */
export interface Problem {
  severity: ProblemSeverity;
  /** Zero-based position of the record in `reports`, when the problem concerns a record. */
  index?: number;
  /** The record's id, when it has one. */
  id?: string;
  /** The field concerned, e.g. `year` or `authors[2]`. */
  field?: string;
  message: string;
}

export interface ParseResult {
  catalogue: Catalogue;
  problems: Problem[];
  /** True when the input could not be used at all (no reports array). */
  fatal: boolean;
}

/** Multi-valued report fields that can be filtered on, by their singular (URL and attribute) name. */
export const FACETS = {
  region: 'regions',
  country: 'countries',
  category: 'categories',
  author: 'authors',
  organization: 'organizations',
  language: 'language',
} as const;

export type FacetName = keyof typeof FACETS;
export const FACET_NAMES = Object.keys(FACETS) as FacetName[];

/** `added`: recently added first (reports without an `added` date last), each date newest first. */
export type SortOrder = 'relevance' | 'newest' | 'oldest' | 'title' | 'added';
export const SORT_ORDERS: readonly SortOrder[] = ['relevance', 'newest', 'oldest', 'title', 'added'];

export interface Query {
  /** Free text; empty browses everything. */
  q: string;
  /** Selected values per facet: OR within a facet, AND across facets. */
  filters: Partial<Record<FacetName, string[]>>;
  /** Inclusive year range; either end may be open. */
  yearFrom?: number;
  yearTo?: number;
  /**
   * Whether reports without a year are included. Unset, they are while no year bound is set and
   * are not once one is; `true` keeps them beside a range, `false` leaves them out of any list.
   */
  undated?: boolean;
  /** One report by id (a link to it): only it is listed. Any other change of the query drops it. */
  report?: string;
  sort: SortOrder;
  /**
   * How much newer reports rank above older ones in relevance order: a score's weight for the
   * catalogue's newest year (see `recencyFactor` in ranking.ts), 0 for none. Unset: `RECENCY.mild`.
   */
  boostRecent?: number;
  /** One-based page number; clamped to the pages that exist. */
  page: number;
  pageSize: number;
}

export interface Hit {
  report: Report;
  /** Relevance score (0 when browsing without text). */
  score: number;
  /** Index terms that matched the query, for highlighting. */
  terms: string[];
}

export interface FacetValue {
  value: string;
  count: number;
  selected: boolean;
}

export interface FacetResult {
  name: FacetName;
  values: FacetValue[];
}

export interface YearBucket {
  year: number;
  count: number;
}

export interface Results {
  hits: Hit[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** The query as effectively run (page clamped, sort resolved). */
  query: Query;
  /** The sort actually applied: relevance without text falls back to newest. */
  sort: Exclude<SortOrder, 'relevance'> | 'relevance';
  /**
   * Each facet's values with their counts (disjunctive: a facet is counted as if it were not set).
   * The lists are getters, made on first read and kept: reading only the facets a page shows costs
   * nothing for the others (an author list can have thousands of names). Spreading or
   * serialising `facets` reads them all.
   */
  facets: Record<FacetName, FacetResult>;
  /** Reports per year with every filter but the year range applied, ascending by year. */
  years: YearBucket[];
  /** Smallest and largest year in the whole catalogue, if any report has a year. */
  yearBounds?: { min: number; max: number };
  /** Reports without a year that match everything but the year constraint. */
  undated: number;
  /**
   * The catalogue's regions (its `places`), each with its reports: those in any of its countries,
   * each once, counted as the countries are (as if the country filter were not set). Only for a
   * catalogue with places.
   */
  places?: Record<string, number>;
  /**
   * When nothing matches: each constraint whose removal alone would give results, with how many,
   * most first (`q` the words, a facet its selection, `year` the year range and undated choice).
   */
  relaxed?: { drop: FacetName | 'q' | 'year'; total: number }[];
  /**
   * How many of the results (the last ones) have some of the words but not all: when fewer than a
   * page of reports have every word, the best matches follow them. Unset when there are none.
   */
  partial?: number;
  /** When no report has every word because a word matches nothing: the search with words the index knows instead. */
  suggestion?: string;
  /** True when the query names a report (`report`) the catalogue does not hold; the rest of the query ran. */
  missing?: boolean;
  /**
   * Reports of this page that could not be had (a split catalogue's file missing, or its server
   * failing, after a few tries), left out of `hits`; the next query tries them again.
   */
  unavailable?: number;
  /**
   * True when some of a split catalogue's files could not be had (after a few tries): an index
   * file (the words were searched without it) or a facet's (its filter was not applied).
   */
  incomplete?: boolean;
  /** True when the linked report (`report`) could not be looked up (its split file could not be had). */
  unloaded?: boolean;
  /** True when the words could not be searched (the search worker could not be started). */
  failed?: boolean;
  /** True when text was asked for but the search index is not built yet. */
  pending: boolean;
}
