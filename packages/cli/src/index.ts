export {
  convertCsv,
  convertJson,
  columnLetter,
  leadOf,
  plainSummary,
  FIELDS,
  parseColumns,
  parseMap,
  SUMMARY_FORMATS,
  type SummaryFormat,
  type ConvertOptions,
  type ConvertResult,
  type ColumnRead,
  type Field,
  type LocatedProblem,
} from './convert.js';
export { printable } from './cli.js';
export { convertFile, type ReadOptions, type ReadResult } from './read.js';
export { decode, ENCODING_NAMES, type Decoded } from './decode.js';
export { readWorkbook, type Sheet } from './workbook.js';
export { atomFeed, catalogueFeeds, newest, FEED_ENTRIES, type FeedOptions } from './feeds.js';
/** Where a facet value's feed is written (the page offers the same path): from core. */
export { facetFeedPath } from '@reportshelf/core';
