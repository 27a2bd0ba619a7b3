/**
 * How search results are ranked, in one place: both engines read these, the MiniSearch index of a
 * single-file catalogue (through `SEARCH_OPTIONS`) and the split format (its writer's stored
 * scores, its reader's prefix and typo weights), so that a catalogue ranks alike in either form.
 * The values are MiniSearch's defaults, named here so that neither engine inlines its own.
 */

/**
 * BM25+ (as MiniSearch scores each field): `k` how soon more occurrences of a term stop counting,
 * `b` how much a long field is discounted, `d` the floor any occurrence earns.
 */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

/** Title counts most, then people and organisations, then everything else (1). */
export const FIELD_BOOST: Record<string, number> = { title: 4, authors: 2, organizations: 1.5 };

/**
 * What a term the searched word begins weighs, at most, and a term a typo or two away from it,
 * of the word itself (MiniSearch's `weights`); each weighs less the more it differs (see below).
 */
export const WEIGHTS = { prefix: 0.375, fuzzy: 0.45 } as const;

/** Each letter a prefix match adds costs this much of a letter typed (fixed inside MiniSearch). */
const PREFIX_LETTER = 0.3;

/** Typos forgiven per letter of a word (MiniSearch's `fuzzy`), from `TYPOS_FROM` letters, at most `MAX_TYPOS`. */
export const TYPOS_PER_LETTER = 0.2;
export const TYPOS_FROM = 5;
export const MAX_TYPOS = 3;
/** A did-you-mean looks further: up to this many typos per letter (still at most `MAX_TYPOS`). */
export const SUGGESTION_TYPOS_PER_LETTER = 0.4;

/**
 * Typos are looked for only when a word finds fewer reports than this as written: a word found
 * often is rarely a typo, and the search for terms near it is most of a query's time.
 */
export const TYPOS_BELOW = 10;

/** The most typos forgiven in a word: none under five letters, one per five letters, three at most. */
export const typosIn = (word: string): number =>
  word.length >= TYPOS_FROM ? Math.min(MAX_TYPOS, Math.round(TYPOS_PER_LETTER * word.length)) : 0;

/** How rare a term is, BM25's inverse document frequency: `df` of `n` reports (or fields) have it. */
export const inverseFrequency = (df: number, n: number): number => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/**
 * BM25+ of a term in one field of one report, but for its rarity (`inverseFrequency`), by which it
 * is multiplied: `tf` occurrences in a field of `length` terms, where the average is `average`.
 */
export function termFrequencyScore(tf: number, length: number, average: number): number {
  const { k, b, d } = BM25;
  return d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / average));
}

/** The weight of an index term that a searched word of `typed` letters begins, as MiniSearch weighs it. */
export const prefixWeight = (term: string, typed: number): number =>
  (WEIGHTS.prefix * term.length) / (term.length + PREFIX_LETTER * (term.length - typed));

/** The weight of an index term `typos` away from a searched word, as MiniSearch weighs it. */
export const typoWeight = (term: string, typos: number): number =>
  (WEIGHTS.fuzzy * term.length) / (term.length + typos);

/**
 * Recency in relevance order: a report's score is multiplied by `recencyFactor`, 1 + weight for
 * the catalogue's newest year, less the older the report (half the boost `RECENCY_YEARS` years
 * before the newest, a third at twice that, and so on). A report without a year is neither
 * boosted nor penalised (× 1). The weights a partner chooses by name (`boost-recent`), measured on
 * the relevance benchmark (bench/RESULTS.md, "Recency"); `mild` is the default.
 */
export const RECENCY = { none: 0, mild: 0.1, strong: 0.5 } as const;

/** How many years before the newest a report keeps half its boost. */
export const RECENCY_YEARS = 5;

/** The factor of a score for recency: `age` years before the catalogue's newest (none: undated). */
export const recencyFactor = (weight: number, age: number | undefined): number =>
  age === undefined ? 1 : 1 + weight / (1 + Math.max(0, age) / RECENCY_YEARS);
