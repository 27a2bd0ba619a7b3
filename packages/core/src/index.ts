export * from './types.js';
export {
  parseCatalogue,
  parseCatalogueAsync,
  readPlaces,
  normaliseText,
  LANGUAGE_TAG,
  safeUrl,
  YEAR_MIN,
  YEAR_MAX,
  LIMITS,
} from './parse.js';
export {
  foldText,
  buildIndex,
  buildIndexAsync,
  serialiseIndex,
  loadIndex,
  INDEX_OPTIONS,
  indexOptions,
  SEARCH_OPTIONS,
  FIELD_BOOST,
  type ReportIndex,
} from './search-index.js';
export {
  createLibrary,
  ensureIndex,
  useIndex,
  runQuery,
  allReports,
  pageEngine,
  type Library,
  type LibraryOptions,
} from './library.js';
export { tablesEngine, type TextSearch } from './tables-engine.js';
export { countPlaces } from './places.js';
export { createTables, titleKey } from './tables.js';
export {
  answerText,
  boostRecent,
  libraryYears,
  editDistance,
  searchedWords,
  swaps,
  TYPOS_BELOW,
  typosIn,
  type TextAnswer,
  type TextRequest,
  type Word,
  type Years,
} from './answer.js';
// The ranking's parts, for the search server's index in memory to weigh as the page does.
export {
  BM25,
  inverseFrequency,
  prefixWeight,
  RECENCY,
  RECENCY_YEARS,
  recencyFactor,
  typoWeight,
  WEIGHTS,
} from './ranking.js';
export {
  ANALYSIS,
  analyse,
  analysed,
  arabicStem,
  languagesOf,
  queryTerms,
  termOf,
  foldedWords,
  type Analysed,
} from './analysis.js';
export {
  type ExportJob,
  type PlaceCounter,
  normaliseQuery,
  searchText,
  parseSearch,
  type SearchSyntax,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  MAX_QUERY_LENGTH,
  MAX_QUERY_WORDS,
} from './query.js';
export { isSplitFile, BUILD_NAME, type SplitManifest } from './split.js';
export { splitCatalogue } from './split-write.js';
export { readManifest, isSplit } from './split-manifest.js';
export { splitFetch, SplitRebuilt, type SplitFetch } from './split-fetch.js';
export { SplitReader, KEPT_BYTES, type SplitAnswer, type SplitQuery } from './split-reader.js';
export { splitEngine, warmSplit, type SplitAsk, type SplitSource } from './split-engine.js';
export { encodeQuery, decodeQuery } from './url-state.js';
export { createStore, type Store, type StoreState, type StoreStatus, type QueryChange } from './store.js';
export { slugify } from './slug.js';
export { relatedSearch, RELATED_WORDS } from './related.js';
export { FEED_PATH, facetFeedPath, followFeed, type Feed } from './feeds.js';
export { sliced, yieldToPage } from './schedule.js';
export {
  apaReference,
  apaText,
  exportReports,
  toBibtex,
  toCslJson,
  toCsv,
  toRis,
  CSV_COLUMNS,
  EXPORT_FORMATS,
  type ExportFormat,
  type ReferencePart,
} from './export.js';
export { EngineError, type Engine, type EngineRequest, type EngineErrorKind } from './engine.js';
export {
  isServer,
  openServer,
  serverEngine,
  type ServerDescriptor,
  type ServerEngineOptions,
} from './server-engine.js';
