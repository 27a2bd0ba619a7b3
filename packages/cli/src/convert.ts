import Papa from 'papaparse';
import { parseCatalogue, slugify, type Catalogue, type Problem } from '@reportshelf/core';

/** Catalogue fields a spreadsheet column can fill. */
export const FIELDS = ['id', 'title', 'summary', 'year', 'countries', 'regions', 'categories', 'authors', 'organizations', 'url', 'language'] as const;
export type Field = (typeof FIELDS)[number];
const LIST_FIELDS = new Set<Field>(['countries', 'regions', 'categories', 'authors', 'organizations']);

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
  /** Separator inside multi-valued cells. */
  listSeparator?: string;
  /** CSV delimiter; detected when not given (comma, semicolon, tab). */
  delimiter?: string;
  /** Fill a missing title from the lead of the summary. */
  titleFromSummary?: boolean;
  title?: string;
  language?: string;
}

/** A problem with where it is: the CSV line and column, when the input was CSV. */
export interface LocatedProblem extends Problem {
  line?: number;
  column?: string;
}

export interface ConvertResult {
  catalogue: Catalogue;
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

function finish(raw: Record<string, unknown>[], problems: LocatedProblem[], options: ConvertOptions, locate: (index: number, field?: string) => Partial<LocatedProblem>): ConvertResult {
  const input: Record<string, unknown> = { version: 1, reports: raw };
  if (options.title) input.title = options.title;
  if (options.language) input.language = options.language;
  const parsed = parseCatalogue(input);
  for (const p of parsed.problems) problems.push({ ...p, ...(p.index === undefined ? {} : locate(p.index, p.field?.replace(/\[\d+\]$/, ''))) });
  const skipped = parsed.problems.filter((p) => p.severity === 'error' && p.index !== undefined).length;
  return { catalogue: parsed.catalogue, problems, fatal: parsed.fatal, skipped };
}

/** Gives rows without an id the slug of their title and year, unique within the file. */
function fillIds(rows: Record<string, unknown>[], problems: LocatedProblem[], locate: (index: number, field?: string) => Partial<LocatedProblem>): void {
  const taken = new Set(rows.map((r) => r?.id).filter((id): id is string => typeof id === 'string' && id.trim() !== ''));
  rows.forEach((row, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return;
    if ((typeof row.id === 'string' && row.id.trim() !== '') || typeof row.title !== 'string' || row.title.trim() === '') return;
    const year = typeof row.year === 'string' && /^\d{4}$/.test(row.year.trim()) ? Number(row.year) : undefined;
    const base = slugify(row.title, year);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    if (id !== base) problems.push({ severity: 'warning', index, field: 'id', message: `Report ${index + 1}: the id "${base}" made from its title and year is taken; it was given "${id}".`, ...locate(index, 'id') });
    taken.add(id);
    row.id = id;
  });
}

/** Reads a CSV export (header row, quoted multi-line cells, BOM, CRLF, ; or , or tab) into a catalogue. */
export function convertCsv(text: string, options: ConvertOptions = {}): ConvertResult {
  const problems: LocatedProblem[] = [];
  const listSeparator = options.listSeparator ?? ';';
  const source = text.replace(/^\uFEFF/, '');
  const result = Papa.parse<string[]>(source, { delimiter: options.delimiter ?? '', skipEmptyLines: 'greedy' });
  // Papa reports where each row ends; the line a row starts on is what a curator needs.
  const lineStarts: number[] = [];
  {
    let offset = 0;
    let line = 1;
    const rowStarts: number[] = [];
    Papa.parse<string[]>(source, {
      delimiter: result.meta.delimiter,
      skipEmptyLines: 'greedy',
      step: (row) => {
        // Skip the line break that ended the previous row and any blank lines.
        let start = offset;
        while (start < source.length && (source[start] === '\n' || source[start] === '\r')) start++;
        rowStarts.push(start);
        offset = row.meta.cursor;
      },
    });
    let at = 0;
    for (const start of rowStarts) {
      for (; at < start; at++) if (source[at] === '\n') line++;
      lineStarts.push(line);
    }
  }
  const [header, ...rows] = result.data;
  if (!header || header.every((h) => h.trim() === '')) {
    return { catalogue: { version: 1, reports: [] }, problems: [{ severity: 'error', message: 'The file has no header row: the first line must name the columns (title, summary, year, …).' }], fatal: true, skipped: 0 };
  }
  const headers = header.map((h) => h.trim());
  const find = (name: string) => headers.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const columnOf = new Map<Field, number>();
  for (const field of FIELDS) {
    const wanted = options.columns?.[field];
    const index = find(wanted ?? field);
    if (index >= 0) columnOf.set(field, index);
    else if (wanted) problems.push({ severity: 'error', field, message: `--columns maps ${field} to "${wanted}", but the header has no such column (it has ${headers.map((h) => `"${h}"`).join(', ')}).` });
  }
  if (problems.length > 0) return { catalogue: { version: 1, reports: [] }, problems, fatal: true, skipped: 0 };
  if (!columnOf.has('title') && !(options.titleFromSummary && columnOf.has('summary'))) {
    return {
      catalogue: { version: 1, reports: [] },
      problems: [{ severity: 'error', line: 1, message: `No column gives the title: name one "title" or map it with --columns title=YOUR_HEADER (the header has ${headers.map((h) => `"${h}"`).join(', ')}).` }],
      fatal: true,
      skipped: 0,
    };
  }
  const used = new Set(columnOf.values());
  headers.forEach((h, i) => {
    if (!used.has(i) && h !== '') problems.push({ severity: 'warning', line: 1, column: `${columnLetter(i)} "${h}"`, message: `Column "${h}" is not a catalogue field; it was ignored.` });
  });
  const locate = (index: number, field?: string): Partial<LocatedProblem> => {
    const out: Partial<LocatedProblem> = { line: lineStarts[index + 1] ?? index + 2 };
    const column = field === undefined ? undefined : columnOf.get(field as Field);
    if (column !== undefined) out.column = `${columnLetter(column)} "${headers[column]}"`;
    return out;
  };
  for (const error of result.errors) {
    if (error.row === undefined) continue;
    problems.push({ severity: 'warning', index: error.row - 1, message: `The CSV row is malformed: ${error.message}.`, line: lineStarts[error.row] ?? error.row + 1 });
  }
  const raw = rows.map((cells) => {
    const record: Record<string, unknown> = {};
    for (const [field, index] of columnOf) {
      const cell = cells[index];
      if (cell === undefined || cell.trim() === '') continue;
      if (LIST_FIELDS.has(field)) record[field] = cell.split(listSeparator).map((v) => v.trim()).filter(Boolean);
      else if (field === 'language') record[field] = LANGUAGE_NAMES[cell.trim().toLowerCase()] ?? cell.trim();
      else record[field] = cell;
    }
    if (options.titleFromSummary && record.title === undefined && typeof record.summary === 'string') record.title = leadOf(record.summary);
    return record;
  });
  fillIds(raw, problems, locate);
  return finish(raw, problems, options, locate);
}

/** Reads a JSON catalogue (or a bare list of reports). */
export function convertJson(text: string, options: ConvertOptions = {}): ConvertResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { catalogue: { version: 1, reports: [] }, problems: [{ severity: 'error', message: `The file is not valid JSON: ${(error as Error).message}.` }], fatal: true, skipped: 0 };
  }
  const problems: LocatedProblem[] = [];
  const reports = Array.isArray(data) ? data : (data as { reports?: unknown })?.reports;
  if (!Array.isArray(reports)) {
    const parsed = parseCatalogue(data);
    return { catalogue: parsed.catalogue, problems: parsed.problems, fatal: true, skipped: 0 };
  }
  const rows = reports.map((r) => (typeof r === 'object' && r !== null && !Array.isArray(r) ? { ...(r as Record<string, unknown>) } : r)) as Record<string, unknown>[];
  fillIds(rows, problems, () => ({}));
  const meta = Array.isArray(data) ? {} : (data as Record<string, unknown>);
  return finish(rows, problems, { title: typeof meta.title === 'string' ? meta.title : undefined, language: typeof meta.language === 'string' ? meta.language : undefined, ...options }, () => ({}));
}
