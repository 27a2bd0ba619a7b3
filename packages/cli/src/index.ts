export {
  convertCsv,
  convertJson,
  columnLetter,
  leadOf,
  plainSummary,
  FIELDS,
  parseColumns,
  SUMMARY_FORMATS,
  type SummaryFormat,
  type ConvertOptions,
  type ConvertResult,
  type Field,
  type LocatedProblem,
} from './convert.js';
export { printable } from './cli.js';
