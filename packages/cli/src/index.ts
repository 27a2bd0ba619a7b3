export { convertCsv, convertJson, columnLetter, leadOf, FIELDS, type ConvertOptions, type ConvertResult, type Field, type LocatedProblem } from './convert.js';
export { printable } from './cli.js';
