import Papa from 'papaparse';
import { marked } from 'marked';
import { parse as parseHtml } from 'node-html-parser';
import { CSV_COLUMNS, parseCatalogue, safeUrl, slugify, type Catalogue, type Problem } from '@reportshelf/core';

/** Catalogue fields a spreadsheet column can fill: the columns of core's CSV export, so the two read alike. */
export const FIELDS = CSV_COLUMNS;
export type Field = (typeof FIELDS)[number];
/** A column map written as `title=Title,year=Published` (the CLI's `--columns`, the WordPress upload screen's field). */
export function parseColumns(text: string): Partial<Record<Field, string>> {
  const map: Partial<Record<Field, string>> = {};
  for (const pair of text.split(',')) {
    const [field, header] = pair.split('=').map((s) => s.trim());
    if (!field || !header) throw new Error(`"${pair}" is not FIELD=HEADER.`);
    if (!(FIELDS as readonly string[]).includes(field))
      throw new Error(`"${field}" is not a catalogue field; use ${FIELDS.join(', ')}.`);
    map[field as Field] = header;
  }
  return map;
}

/**
 * A map of columns by their letters, written as `A=title,C=summary` (the CLI's `--map`): the field
 * of each column by position, every other column not used. For headers a name cannot pick: none,
 * or the same one twice.
 */
export function parseMap(text: string): (Field | '')[] {
  const fields: (Field | '')[] = [];
  for (const pair of text.split(',')) {
    const [letters, field] = pair.split('=').map((s) => s.trim());
    if (!letters || !field || !/^[A-Za-z]{1,3}$/.test(letters))
      throw new Error(`"${pair}" is not COLUMN=FIELD, with the column's letters (A, B, …, AA).`);
    if (!(FIELDS as readonly string[]).includes(field))
      throw new Error(`"${field}" is not a catalogue field; use ${FIELDS.join(', ')}.`);
    const index = [...letters.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
    if (fields.includes(field as Field)) throw new Error(`${field} is given two columns; a field takes one.`);
    while (fields.length <= index) fields.push('');
    fields[index] = field as Field;
  }
  return fields;
}

const LIST_FIELDS = new Set<Field>(['countries', 'regions', 'categories', 'authors', 'organizations']);

/** Other headers a field's column is known by, where the field's own name is not there. */
const HEADER_NAMES: Partial<Record<Field, string[]>> = {
  fileType: ['file type', 'file_type', 'format'],
  fileSize: ['file size', 'file_size', 'size'],
};

const UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/**
 * A size cell in bytes: a whole number (2400000), or a number with a unit (2.4 MB, 350 kB; kB, MB
 * and GB in powers of 1000, KiB, MiB and GiB in powers of 1024), rounded to a byte. Anything else
 * (2,4 MB, where the comma could be a decimal or a thousands separator) is left as written, for
 * the check to say.
 */
function bytesOf(cell: string): number | string {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?$/i.exec(cell.trim());
  return m && (m[2] || !m[1]!.includes('.')) ? Math.round(+m[1]! * UNITS[(m[2] ?? 'b').toLowerCase()]!) : cell;
}

/** Language names as spreadsheets write them, in English and in the language itself. */
const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en',
  anglais: 'en',
  inglés: 'en',
  ingles: 'en',
  french: 'fr',
  français: 'fr',
  francais: 'fr',
  francés: 'fr',
  frances: 'fr',
  spanish: 'es',
  español: 'es',
  espanol: 'es',
  espagnol: 'es',
  arabic: 'ar',
  arabe: 'ar',
  العربية: 'ar',
};

export interface ConvertOptions {
  /** Catalogue field → the spreadsheet's own header for it. */
  columns?: Partial<Record<Field, string>>;
  /**
   * The field each column fills, by position (`''` for none), in place of reading the headers:
   * what a curator picked for each column (the converter page's lists), headers with no name and
   * two columns of one name included.
   */
  fields?: (Field | '')[];
  /** Separator inside multi-valued cells. */
  listSeparator?: string;
  /** CSV delimiter; detected when not given (comma, semicolon, tab). */
  delimiter?: string;
  /** Fill a missing title from the lead of the summary. */
  titleFromSummary?: boolean;
  title?: string;
  language?: string;
  /** How summaries are written: plain `text` (kept as it is), or `markdown` or `html` from a CMS, turned into plain text. */
  summaryFormat?: SummaryFormat;
}

export const SUMMARY_FORMATS = ['text', 'markdown', 'html'] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

/**
 * An abstract exported from a CMS as Markdown or HTML, as plain text: emphasis and tags go, a
 * link keeps its words and its address in brackets (when the address is one the page would
 * link), and scripts and styles are dropped. The page never renders a summary as HTML; this only
 * keeps `**bold**` and `<p>` from showing as such.
 */
export function plainSummary(text: string, format: SummaryFormat): string {
  if (format === 'text') return text;
  const root = parseHtml(format === 'markdown' ? (marked.parse(text, { async: false }) as string) : text);
  for (const element of root.querySelectorAll('script, style, template')) element.remove();
  for (const link of root.querySelectorAll('a[href]')) {
    const href = safeUrl(link.getAttribute('href') ?? '');
    if (href && href !== link.textContent.trim()) link.textContent = `${link.textContent} (${href})`;
  }
  return root.structuredText;
}

/** A problem with where it is: the CSV line and column, when the input was CSV. */
export interface LocatedProblem extends Problem {
  line?: number;
  /** The last line, for a row that runs over several (a quoted cell with line breaks). */
  endLine?: number;
  column?: string;
}

/** A column of a spreadsheet as read: its header, the field it filled, and its first filled cell. */
export interface ColumnRead {
  header: string;
  field?: Field;
  example?: string;
}

export interface ConvertResult {
  catalogue: Catalogue;
  /** The columns of a spreadsheet (CSV or sheet), in order, once its header row is read. */
  columns?: ColumnRead[];
  problems: LocatedProblem[];
  /** True when the input could not be used at all. */
  fatal: boolean;
  /** Reports skipped because they were unusable. */
  skipped: number;
}

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * The lead of a text, for a title: up to the first line break, Markdown emphasis or dash,
 * at most 150 characters, cut at a word.
 */
export function leadOf(text: string): string {
  const first = text.split(/\n|\s\*\*|\s_|\s[–—]\s|\s--\s/)[0]!.trim();
  if (first.length <= 150) return first;
  const cut = first.slice(0, 150);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 100)).trimEnd()}…`;
}

/** Checks the records as the browser does. A `null` record was skipped already, with its own problem. */
function finish(
  raw: (Record<string, unknown> | null)[],
  problems: LocatedProblem[],
  options: ConvertOptions,
  locate: (index: number, field?: string) => Partial<LocatedProblem>,
): ConvertResult {
  const input: Record<string, unknown> = { version: 1, reports: raw };
  if (options.title) input.title = options.title;
  if (options.language) input.language = options.language;
  const parsed = parseCatalogue(input);
  for (const p of parsed.problems) {
    if (p.index !== undefined && raw[p.index] === null) continue;
    problems.push({ ...p, ...(p.index === undefined ? {} : locate(p.index, p.field?.replace(/\[\d+\]$/, ''))) });
  }
  const skipped = new Set(problems.filter((p) => p.severity === 'error' && p.index !== undefined).map((p) => p.index))
    .size;
  return { catalogue: parsed.catalogue, problems, fatal: parsed.fatal, skipped };
}

/** Gives rows without an id the slug of their title and year, unique within the file. */
function fillIds(
  rows: (Record<string, unknown> | null)[],
  problems: LocatedProblem[],
  locate: (index: number, field?: string) => Partial<LocatedProblem>,
): void {
  // An id is what the browser takes as one: text, or a number (which it reads as text).
  const given = (id: unknown) =>
    (typeof id === 'string' && id.trim() !== '') || (typeof id === 'number' && Number.isFinite(id));
  const taken = new Set(
    rows
      .map((r) => r?.id)
      .filter(given)
      .map(String),
  );
  // The number each base's next id is tried from: every one below it is taken (and stays so), so
  // 20,000 rows of one title take 20,000 tries, not 200 million.
  const next = new Map<string, number>();
  rows.forEach((row, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return;
    if (given(row.id) || typeof row.title !== 'string' || row.title.trim() === '') return;
    const year = typeof row.year === 'string' && /^\d{4}$/.test(row.year.trim()) ? Number(row.year) : undefined;
    const base = slugify(row.title, year);
    let id = base;
    let n = next.get(base) ?? 2;
    while (taken.has(id)) id = `${base}-${n++}`;
    next.set(base, n);
    if (id !== base)
      problems.push({
        severity: 'warning',
        index,
        field: 'id',
        message: `Report ${index + 1}: the id "${base}" made from its title and year is taken; it was given "${id}".`,
        ...locate(index, 'id'),
      });
    taken.add(id);
    row.id = id;
  });
}

/**
 * The delimiter, told from the header row alone: it names the columns, so the separator that
 * occurs most there (outside quotes) is the file's. Guessing from the data instead can take a
 * semicolon inside a summary for the separator.
 */
export function headerDelimiter(source: string): string {
  const header = source.slice(0, source.indexOf('\n') + 1 || undefined).replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t', '|'].map((d) => [d, header.split(d).length - 1] as const);
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ',';
}

/** Reads a CSV export (header row, quoted multi-line cells, BOM, CRLF, ; or , or tab) into a catalogue. */
export function convertCsv(text: string, options: ConvertOptions = {}, problems: LocatedProblem[] = []): ConvertResult {
  // One kind of line ending: a file whose first line ends in CRLF and later ones in LF (a sheet
  // edited in two programs) would otherwise have the LF lines read as one row.
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const result = Papa.parse<string[]>(source, {
    delimiter: options.delimiter ?? headerDelimiter(source),
    newline: '\n',
    skipEmptyLines: 'greedy',
  });
  // Papa reports where each row ends (the next one starts); the line a row starts on is what a
  // curator needs. Rows of nothing but empty cells are left out, as the parse above leaves them.
  const lineStarts: number[] = [];
  const rowOffsets: number[] = [];
  {
    let offset = 0;
    let line = 1;
    let at = 0;
    Papa.parse<string[]>(source, {
      delimiter: result.meta.delimiter,
      newline: '\n',
      step: (row) => {
        for (; at < offset; at++) if (source[at] === '\n') line++;
        if (!row.data.every((cell) => cell.trim() === '')) {
          lineStarts.push(line);
          rowOffsets.push(offset);
        }
        offset = row.meta.cursor;
      },
    });
  }
  return convertTable(result.data, lineStarts, options, problems, {
    errors: result.errors,
    rowOffsets,
    delimiter: result.meta.delimiter,
  });
}

/**
 * Rows of cells, the first naming the columns, into a catalogue: a CSV file's (with `csv`, what
 * its parse found, to name broken rows) or a workbook sheet's. `lines` gives each row's line (its
 * row number in a sheet), for the problems.
 */
export function convertTable(
  data: string[][],
  lines: number[],
  options: ConvertOptions,
  problems: LocatedProblem[] = [],
  csv?: { errors: Papa.ParseError[]; rowOffsets: number[]; delimiter: string },
): ConvertResult {
  const listSeparator = options.listSeparator ?? ';';
  const lineStarts = lines;
  const headerLine = lines[0] ?? 1;
  const [header, ...rows] = data;
  if (!csv && header) {
    // A sheet's rows end where their last filled cell does: every row as wide as the widest.
    const width = Math.max(...data.map((r) => r.length));
    for (const row of data) while (row.length < width) row.push('');
  }
  if (!header || header.every((h) => h.trim() === '')) {
    return {
      catalogue: { version: 1, reports: [] },
      problems: [
        ...problems,
        {
          severity: 'error',
          message: 'The file has no header row: the first line must name the columns (title, summary, year, …).',
        },
      ],
      fatal: true,
      skipped: 0,
    };
  }
  const headers = header.map((h) => h.trim());
  const find = (name: string) => headers.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const columnOf = new Map<Field, number>();
  const named = (i: number) => (headers[i] ? `${columnLetter(i)} "${headers[i]}"` : columnLetter(i));
  if (options.fields) {
    options.fields.forEach((field, i) => {
      if (!field || i >= headers.length) return;
      if (!(FIELDS as readonly string[]).includes(field))
        problems.push({
          severity: 'error',
          column: named(i),
          message: `Column ${named(i)} is mapped to "${field}", which is not a catalogue field; use ${FIELDS.join(', ')}.`,
        });
      else if (columnOf.has(field))
        problems.push({
          severity: 'error',
          field,
          column: named(i),
          message: `Columns ${named(columnOf.get(field)!)} and ${named(i)} are both mapped to ${field}; a field takes one column.`,
        });
      else columnOf.set(field, i);
    });
  }
  for (const field of options.fields ? [] : FIELDS) {
    const wanted = options.columns?.[field];
    const index = wanted ? find(wanted) : ([field, ...(HEADER_NAMES[field] ?? [])].map(find).find((i) => i >= 0) ?? -1);
    if (index >= 0) columnOf.set(field, index);
    else if (wanted)
      problems.push({
        severity: 'error',
        field,
        message: `--columns maps ${field} to "${wanted}", but the header has no such column (it has ${headers.map((h) => `"${h}"`).join(', ')}).`,
      });
  }
  const fieldAt = new Map([...columnOf].map(([field, i]) => [i, field]));
  const columns: ColumnRead[] = headers.map((h, i) => {
    const example = rows.find((cells) => (cells[i] ?? '').trim() !== '')?.[i]?.trim();
    return { header: h, ...(fieldAt.has(i) ? { field: fieldAt.get(i) } : {}), ...(example ? { example } : {}) };
  });
  if (problems.some((p) => p.severity === 'error'))
    return { catalogue: { version: 1, reports: [] }, columns, problems, fatal: true, skipped: 0 };
  if (!columnOf.has('title') && !(options.titleFromSummary && columnOf.has('summary'))) {
    return {
      catalogue: { version: 1, reports: [] },
      columns,
      problems: [
        ...problems,
        {
          severity: 'error',
          line: headerLine,
          message: `No column gives the title: name one "title" or map it with --columns title=YOUR_HEADER (the header has ${headers.map((h) => `"${h}"`).join(', ')}).`,
        },
      ],
      fatal: true,
      skipped: 0,
    };
  }
  const used = new Set(columnOf.values());
  headers.forEach((h, i) => {
    // A column the curator left out on purpose needs no word.
    if (options.fields) return;
    if (!used.has(i) && h !== '')
      problems.push({
        severity: 'warning',
        line: headerLine,
        column: `${columnLetter(i)} "${h}"`,
        message: `Column "${h}" is not a catalogue field; it was ignored.`,
      });
    // A column without a name but with cells: they would be lost without a word.
    if (h === '' && rows.some((cells) => (cells[i] ?? '').trim() !== ''))
      problems.push({
        severity: 'warning',
        line: headerLine,
        column: columnLetter(i),
        message: `Column ${columnLetter(i)} has cells but no name in the header row; it was ignored. Name it (a catalogue field, or map it with --columns) to use it.`,
      });
  });
  // The lines a row covers: more than one where a quoted cell runs over lines.
  const span = (index: number): Partial<LocatedProblem> => {
    const line = lineStarts[index + 1] ?? index + 2;
    if (!csv) return { line };
    const breaks = rows[index]?.reduce((n, cell) => n + cell.split('\n').length - 1, 0) ?? 0;
    return breaks > 0 ? { line, endLine: line + breaks } : { line };
  };
  const locate = (index: number, field?: string): Partial<LocatedProblem> => {
    const out: Partial<LocatedProblem> = span(index);
    const column = field === undefined ? undefined : columnOf.get(field as Field);
    if (column !== undefined) out.column = `${columnLetter(column)} "${headers[column]}"`;
    return out;
  };
  // A row whose cells do not line up with the header, or a quote never closed (which swallows
  // every following line into one cell), cannot be read reliably: it is skipped and named.
  const broken = new Map<number, string>();
  const rowOffsets = csv?.rowOffsets ?? [];
  for (const error of csv?.errors ?? []) {
    if (error.type !== 'Quotes') continue;
    // The row holding the quote, found by where it is in the text (Papa's row count can include
    // rows it skipped as empty).
    let row = rowOffsets.length - 1;
    while (row > 0 && rowOffsets[row]! > (error.index ?? 0)) row--;
    if (row < 1) continue;
    broken.set(
      row - 1,
      `a quote in this row is never closed, so every line after it was read into one cell; close it (a quote meant as text is written twice: "")`,
    );
  }
  const delimiter = csv?.delimiter === '\t' ? 'tab' : `"${csv?.delimiter}"`;
  rows.forEach((cells, index) => {
    if (broken.has(index) || cells.length === headers.length) return;
    broken.set(
      index,
      `the row has ${cells.length} cell${cells.length === 1 ? '' : 's'} but the header has ${headers.length}; a cell with a ${delimiter} in it must be in quotes`,
    );
  });
  // A stray quote closed by another one rows later reads the rows between into one cell without
  // any error. A line inside a cell that starts as a row does (a first cell shaped like the rows'
  // first cells, say "r12" or "2393529", then a separator) is named, so that no report can
  // vanish unseen; wrapped text in a cell seldom starts like that.
  const shape = (text: string) => text.trim().replace(/\p{L}/gu, 'a').replace(/\p{N}/gu, '9');
  const rowShapes = new Set(rows.filter((cells) => cells[0]?.trim()).map((cells) => shape(cells[0]!)));
  const looksLikeRow = (text: string) => {
    const cells = Papa.parse<string[]>(text, { delimiter: csv?.delimiter }).data[0];
    return cells !== undefined && cells.length > 1 && cells[0]!.trim() !== '' && rowShapes.has(shape(cells[0]!));
  };
  rows.forEach((cells, index) => {
    if (broken.has(index) || !csv) return;
    let line = lineStarts[index + 1] ?? index + 2;
    cells.forEach((cell, column) => {
      const inner = cell.split('\n');
      inner.slice(1).forEach((text, k) => {
        if (headers.length < 2 || !looksLikeRow(text)) return;
        problems.push({
          severity: 'warning',
          index,
          line: line + k + 1,
          column: `${columnLetter(column)} "${headers[column]}"`,
          message: `Report ${index + 1}: line ${line + k + 1} is read as part of this cell, yet it looks like a row of its own; if a quote was left open before it, close it.`,
        });
      });
      line += inner.length - 1;
    });
  });
  for (const [index, why] of broken) {
    problems.push({
      severity: 'error',
      index,
      ...span(index),
      message: `Report ${index + 1}: ${why}. The row was skipped.`,
    });
  }
  const raw = rows.map((cells, index) => {
    if (broken.has(index)) return null;
    const record: Record<string, unknown> = {};
    for (const [field, index] of columnOf) {
      // A cell made inert for spreadsheets by an export ('=…, '+…, x;'@…) is read as written.
      const cell = cells[index]?.replace(/(^|[;\r\n])'(?=[ "]*[=+\-@'\t\r])/g, '$1');
      if (cell === undefined || cell.trim() === '') continue;
      if (LIST_FIELDS.has(field))
        record[field] = cell
          .split(listSeparator)
          .map((v) => v.trim())
          .filter(Boolean);
      else if (field === 'year') record[field] = yearOf(cell);
      else if (field === 'fileSize') record[field] = bytesOf(cell);
      else if (field === 'language') record[field] = LANGUAGE_NAMES[cell.trim().toLowerCase()] ?? cell.trim();
      else record[field] = cell;
    }
    if (options.summaryFormat && typeof record.summary === 'string')
      record.summary = plainSummary(record.summary, options.summaryFormat);
    if (options.titleFromSummary && record.title === undefined && typeof record.summary === 'string')
      record.title = leadOf(record.summary);
    return record;
  });
  fillIds(raw, problems, locate);
  return { ...finish(raw, problems, options, locate), columns };
}

/**
 * A year cell as a year: a date (a sheet's date cell, or an ISO date) gives its year, and a
 * number written with a fraction of nothing (2019.0, as pandas and some sheets export) the number.
 */
function yearOf(cell: string): string {
  const m = /^\s*(\d{4})(?:-\d\d-\d\d(?:[T ][\d:.]+)?|\.0+)\s*$/.exec(cell);
  return m ? m[1]! : cell;
}

/** Reads a JSON catalogue (or a bare list of reports). */
export function convertJson(text: string, options: ConvertOptions = {}): ConvertResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return {
      catalogue: { version: 1, reports: [] },
      problems: [{ severity: 'error', message: `The file is not valid JSON: ${(error as Error).message}.` }],
      fatal: true,
      skipped: 0,
    };
  }
  const problems: LocatedProblem[] = [];
  const reports = Array.isArray(data) ? data : (data as { reports?: unknown })?.reports;
  if (!Array.isArray(reports)) {
    const parsed = parseCatalogue(data);
    return { catalogue: parsed.catalogue, problems: parsed.problems, fatal: true, skipped: 0 };
  }
  const rows = reports.map((r) =>
    typeof r === 'object' && r !== null && !Array.isArray(r) ? { ...(r as Record<string, unknown>) } : r,
  ) as Record<string, unknown>[];
  for (const row of rows) {
    if (options.summaryFormat && typeof row?.summary === 'string')
      row.summary = plainSummary(row.summary, options.summaryFormat);
  }
  fillIds(rows, problems, () => ({}));
  const meta = Array.isArray(data) ? {} : (data as Record<string, unknown>);
  return finish(
    rows,
    problems,
    {
      title: typeof meta.title === 'string' ? meta.title : undefined,
      language: typeof meta.language === 'string' ? meta.language : undefined,
      ...options,
    },
    () => ({}),
  );
}
