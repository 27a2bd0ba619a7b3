/**
 * A curator's file as they have it, into a catalogue: a CSV in whatever encoding their program
 * wrote, a JSON file, or an Excel or OpenDocument workbook. The CLI and the WordPress upload screen
 * both read files through this, so a file reads the same in both.
 */
import { convertCsv, convertJson, convertTable, type ConvertOptions, type ConvertResult } from './convert.js';
import { decode, replacements } from './decode.js';
import { isWorkbook, readWorkbook } from './workbook.js';

export interface ReadOptions extends ConvertOptions {
  /** The text encoding, a name `--encoding` takes; detected when not given. */
  encoding?: string;
  /** The workbook's sheet; the first when not given. */
  sheet?: string;
}

export interface ReadResult extends ConvertResult {
  /** How the file was read, in one line, when it is worth saying: "read as Windows-1252", `sheet "Reports"`. */
  read?: string;
  /** The encoding the text was read in ("Windows-1252"), when not detected plain UTF-8. */
  encoding?: string;
  /** The sheet read, and every sheet, for a workbook. */
  sheet?: { name: string; sheets: string[] };
}

const fatal = (message: string): ReadResult => ({
  catalogue: { version: 1, reports: [] },
  problems: [{ severity: 'error', message }],
  fatal: true,
  skipped: 0,
});

/** Reads a file's bytes (named `name`, for its extension) into a catalogue. */
export function convertFile(bytes: Uint8Array, name: string, options: ReadOptions = {}): ReadResult {
  const { encoding, sheet, ...convert } = options;
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    return fatal(
      'The file is an Excel 97–2003 workbook (.xls), which is not read: save it as an Excel workbook (.xlsx) or as CSV UTF-8.',
    );
  if (isWorkbook(bytes) || /\.(xlsx|ods)$/i.test(name)) {
    let table;
    try {
      table = readWorkbook(bytes, sheet);
    } catch (error) {
      return fatal(`The workbook cannot be read: ${(error as Error).message}.`);
    }
    const problems = [...table.problems];
    for (const row of table.rows)
      if (row.cells.some((c) => c.includes('\uFFFD')))
        problems.push({
          ...replacements('\uFFFD', undefined, 'row')[0]!,
          line: row.line,
          message: `Row ${row.line} holds the replacement character � (U+FFFD), which stands for text lost before the file was saved.`,
        });
    const result = convertTable(
      table.rows.map((r) => r.cells),
      table.rows.map((r) => r.line),
      convert,
      problems,
    );
    const read =
      table.sheets.length > 1 || sheet !== undefined
        ? `read the sheet "${table.name}" (of ${table.sheets.map((s) => `"${s}"`).join(', ')})`
        : undefined;
    return { ...result, read, sheet: { name: table.name, sheets: table.sheets } };
  }
  if (sheet !== undefined) return fatal('--sheet is for workbooks (.xlsx, .ods); this file is not one.');
  let text;
  try {
    text = decode(bytes, encoding);
  } catch (error) {
    // Longer than V8's longest string (about 512 MB of text): no encoding would change that.
    if (error instanceof RangeError)
      return fatal(
        `The file is ${Math.round(bytes.length / 1e6)} MB: more text than can be read at once (512 MB). Split it into files of fewer reports; the search server's \`reportshelf load --upsert\` adds each to the database.`,
      );
    return fatal(`--encoding: ${(error as Error).message}`);
  }
  const json = /\.json$/i.test(name) || /^\s*[[{]/.test(text.text);
  const result = json ? convertJson(text.text, convert) : convertCsv(text.text, convert, [...text.problems]);
  if (json) result.problems.unshift(...text.problems);
  return { ...result, read: text.note, ...(text.note ? { encoding: text.encoding } : {}) };
}
