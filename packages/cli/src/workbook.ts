/**
 * The cells of one sheet of an Excel (.xlsx) or OpenDocument (.ods) workbook, as text. Both are a
 * zip of XML: fflate unzips, and the few elements that hold cells are read by a small tokenizer
 * (no DOM in Node, no library of a few hundred kilobytes for the upload screen). The old `xlsx`
 * package on the npm registry has advisories never fixed there; this reads values only, never
 * formulas' code, macros or external links.
 */
import { unzipSync } from 'fflate';
import { columnLetter, type LocatedProblem } from './convert.js';

export interface Sheet {
  /** The sheet read. */
  name: string;
  /** Every sheet in the workbook, in order. */
  sheets: string[];
  /** Rows with anything in them, each with its row number in the sheet. */
  rows: { line: number; cells: string[] }[];
  problems: LocatedProblem[];
}

/** Is this a zip (the start of every .xlsx and .ods)? */
export function isWorkbook(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

interface Tag {
  name: string;
  attrs: Record<string, string>;
  close: boolean;
  empty: boolean;
  /** Text after this tag, up to the next one. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function unescape(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) =>
    name[0] === '#'
      ? String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)))
      : (ENTITIES[name] ?? whole),
  );
}

/** The tags of an XML document in order, each with the text after it. Enough for spreadsheet XML. */
function* tags(xml: string): Generator<Tag> {
  const pattern = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>([^<]*)/g;
  for (const m of xml.matchAll(pattern)) {
    const attrs: Record<string, string> = {};
    for (const a of m[3]!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]!] = unescape(a[2] ?? a[3]!);
    yield { name: m[2]!, attrs, close: m[1] === '/', empty: m[4] === '/', text: m[5]! };
  }
}

/** What the files of a workbook read may unpack to, together: more than any catalogue, and far less than a zip bomb's. */
export const WORKBOOK_MAX_BYTES = 256 * 1024 * 1024;
/** The last column and row a spreadsheet has (Excel's and LibreOffice's XFD and 1,048,576): a cell past them is not a spreadsheet's. */
const MAX_COLUMNS = 16_384;
const MAX_ROWS = 1_048_576;
/** Cells a sheet may span (rows times the columns of each): a 100,000-report catalogue of 30 columns spans 3 million. */
const MAX_CELLS = 20_000_000;

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024).toLocaleString('en')} MB`;

const local = (name: string) => name.slice(name.indexOf(':') + 1);
const text = (files: Record<string, Uint8Array>, path: string) =>
  files[path] ? new TextDecoder().decode(files[path]) : undefined;

/** Reads the sheet named (or the first) of a workbook's bytes. Throws an Error that says why it cannot. */
export function readWorkbook(bytes: Uint8Array, sheet?: string): Sheet {
  let files: Record<string, Uint8Array>;
  // The unzipper makes room for each file as the zip says it unpacks, so a zip bomb is refused on what it says.
  let unpacked = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        const wanted = /^(xl\/.*\.xml|xl\/_rels\/workbook\.xml\.rels|content\.xml|mimetype)$/.test(f.name);
        if (wanted) unpacked += f.originalSize;
        if (unpacked > WORKBOOK_MAX_BYTES) throw new RangeError('too large');
        return wanted;
      },
    });
  } catch (error) {
    if (unpacked > WORKBOOK_MAX_BYTES)
      throw new Error(
        `its sheets unpack to ${megabytes(unpacked)}, more than the ${megabytes(WORKBOOK_MAX_BYTES)} a catalogue's workbook may; save the reports alone in a new workbook`,
      );
    throw new Error(`the file is not a workbook that can be read (${(error as Error).message})`);
  }
  if (files['xl/workbook.xml']) return readXlsx(files, sheet);
  if (files['content.xml']) return readOds(files, sheet);
  throw new Error('the file is a zip, but neither an Excel (.xlsx) nor an OpenDocument (.ods) workbook');
}

function pick<T extends { name: string }>(sheets: T[], wanted: string | undefined): T {
  if (sheets.length === 0) throw new Error('the workbook has no sheet');
  if (wanted === undefined) return sheets[0]!;
  const found =
    sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.toLowerCase() === wanted.trim().toLowerCase());
  if (!found)
    throw new Error(
      `the workbook has no sheet "${wanted}"; its sheets are ${sheets.map((s) => `"${s.name}"`).join(', ')}`,
    );
  return found;
}

/** Excel's day numbers (days since 1899-12-30, or 1904-01-01) as an ISO date, with the time if it has one. */
function excelDate(serial: number, date1904: boolean): string {
  const ms = Math.round((serial + (date1904 ? 1462 : 0) - 25569) * 86_400_000);
  const iso = new Date(ms).toISOString();
  return ms % 86_400_000 === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** A number as a spreadsheet shows it in General format: 2019, 0.3 (not 0.30000000000000004). */
function numberText(value: string): string {
  const n = Number(value);
  return Number.isFinite(n) ? String(Number(n.toPrecision(15))) : value;
}

// Excel's built-in date and time formats (ECMA-376 18.8.30).
const DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);
/** A custom number format that shows a date: it has day, month or year codes outside quotes and brackets. */
const isDateFormat = (code: string) => /[dmyhs]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));

function readXlsx(files: Record<string, Uint8Array>, wanted: string | undefined): Sheet {
  const workbook = text(files, 'xl/workbook.xml')!;
  const targets = new Map<string, string>();
  for (const t of tags(text(files, 'xl/_rels/workbook.xml.rels') ?? ''))
    if (local(t.name) === 'Relationship' && t.attrs.Id && t.attrs.Target) {
      const target = t.attrs.Target.replace(/^\//, '');
      targets.set(t.attrs.Id, target.startsWith('xl/') ? target : `xl/${target}`);
    }
  const sheets: { name: string; path: string }[] = [];
  let date1904 = false;
  for (const t of tags(workbook)) {
    if (local(t.name) === 'workbookPr') date1904 = t.attrs.date1904 === '1' || t.attrs.date1904 === 'true';
    if (local(t.name) === 'sheet' && !t.close) {
      const id = Object.entries(t.attrs).find(([k]) => local(k) === 'id')?.[1] ?? '';
      sheets.push({ name: t.attrs.name ?? '', path: targets.get(id) ?? '' });
    }
  }
  const chosen = pick(sheets, wanted);
  const xml = text(files, chosen.path);
  if (xml === undefined) throw new Error(`the sheet "${chosen.name}" is missing from the workbook`);

  // Shared strings: each <si> is one string, in one <t> or in runs of them (<rPh>, phonetic
  // guides for East Asian text, are not part of the text).
  const shared: string[] = [];
  {
    let current: string | undefined;
    let inT = false;
    let phonetic = false;
    for (const t of tags(text(files, 'xl/sharedStrings.xml') ?? '')) {
      const name = local(t.name);
      if (name === 'si') {
        if (t.close || t.empty) shared.push(current ?? '');
        current = t.close || t.empty ? undefined : '';
      } else if (name === 'rPh') phonetic = !t.close && !t.empty;
      else if (name === 't') {
        inT = !t.close && !t.empty;
        if (inT && !phonetic && current !== undefined) current += unescape(t.text);
      }
    }
  }
  // Styles: which cell formats show dates.
  const dateStyles = new Set<number>();
  {
    const custom = new Map<number, string>();
    let inXfs = false;
    let index = 0;
    for (const t of tags(text(files, 'xl/styles.xml') ?? '')) {
      const name = local(t.name);
      if (name === 'numFmt') custom.set(Number(t.attrs.numFmtId), t.attrs.formatCode ?? '');
      else if (name === 'cellXfs') inXfs = !t.close && !t.empty;
      else if (name === 'xf' && inXfs && !t.close) {
        const id = Number(t.attrs.numFmtId ?? 0);
        if (DATE_FORMATS.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!))) dateStyles.add(index);
        index++;
      }
    }
  }

  const rows = new Map<number, string[]>();
  const merges: string[] = [];
  let row: string[] = [];
  let rowNumber = 0;
  let cell: { column: number; type: string; style: number } | undefined;
  let value: string | undefined;
  let inline = '';
  let where: 'v' | 't' | undefined;
  for (const t of tags(xml)) {
    const name = local(t.name);
    if (name === 'row' && !t.close) {
      rowNumber = Number(t.attrs.r ?? rowNumber + 1);
      row = [];
      rows.set(rowNumber, row);
    } else if (name === 'c' && !t.close) {
      const ref = /^([A-Z]+)/.exec(t.attrs.r ?? '')?.[1];
      const column = ref ? [...ref].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1 : row.length;
      if (column >= MAX_COLUMNS || rowNumber > MAX_ROWS)
        throw new Error(
          `the cell ${t.attrs.r ?? `${columnLetter(column)}${rowNumber}`} is past ${column >= MAX_COLUMNS ? 'column XFD' : `row ${MAX_ROWS.toLocaleString('en')}`}, the last a spreadsheet has`,
        );
      cell = { column, type: t.attrs.t ?? 'n', style: Number(t.attrs.s ?? 0) };
      value = undefined;
      inline = '';
      if (t.empty) cell = undefined;
    } else if (name === 'v' || (name === 't' && cell?.type === 'inlineStr')) {
      where = t.close || t.empty ? undefined : (name as 'v' | 't');
      if (where === 'v') value = unescape(t.text);
      if (where === 't') inline += unescape(t.text);
    } else if (name === 'c' && t.close && cell) {
      let out = '';
      if (cell.type === 's') out = shared[Number(value)] ?? '';
      else if (cell.type === 'inlineStr') out = inline;
      else if (cell.type === 'str' || cell.type === 'e' || cell.type === 'd') out = value ?? '';
      else if (cell.type === 'b') out = value === '1' ? 'TRUE' : 'FALSE';
      else if (value !== undefined)
        out = dateStyles.has(cell.style) ? excelDate(Number(value), date1904) : numberText(value);
      row[cell.column] = out;
      cell = undefined;
    } else if (name === 'mergeCell' && t.attrs.ref) merges.push(t.attrs.ref);
  }
  return sheetOf(chosen.name, sheets, rows, merges);
}

function readOds(files: Record<string, Uint8Array>, wanted: string | undefined): Sheet {
  const xml = text(files, 'content.xml')!;
  const all = [...tags(xml)];
  const sheets = all
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t.name === 'table:table' && !t.close)
    .map(({ t, i }) => ({ name: t.attrs['table:name'] ?? '', start: i }));
  const chosen = pick(sheets, wanted);
  const rows = new Map<number, string[]>();
  const merges: string[] = [];
  let rowNumber = 0;
  let row: string[] = [];
  let column = 0;
  let cell: { repeat: number; value?: string; text: string[] } | undefined;
  let depth = 0;
  let paragraph = -1;
  let rowRepeat = 1;
  let annotation = false;
  for (let i = chosen.start + 1; i < all.length; i++) {
    const t = all[i]!;
    if (t.name === 'table:table') {
      if (t.close && depth === 0) break;
      if (!t.close && !t.empty) depth++;
      else if (t.close) depth--;
      continue;
    }
    if (depth > 0) continue;
    if (t.name === 'office:annotation') {
      // A comment on a cell: its paragraphs are not the cell's text.
      annotation = !t.close && !t.empty;
      continue;
    }
    if (annotation) continue;
    if (t.name === 'table:table-row' && !t.close) {
      rowRepeat = Number(t.attrs['table:number-rows-repeated'] ?? 1);
      rowNumber++;
      row = [];
      rows.set(rowNumber, row);
      column = 0;
    } else if (t.name === 'table:table-row' && t.close) {
      // A run of identical rows: the empty rest of the sheet (counted, not kept), or rows written
      // twice over (kept, each one).
      const filled = row.some((c) => c !== undefined && c !== '');
      if (filled && rowNumber + rowRepeat - 1 > MAX_ROWS)
        throw new Error(
          `row ${rowNumber} is repeated past row ${MAX_ROWS.toLocaleString('en')}, the last a spreadsheet has`,
        );
      for (let k = 1; k < rowRepeat; k++) if (filled) rows.set(rowNumber + k, [...row]);
      rowNumber += rowRepeat - 1;
      rowRepeat = 1;
    } else if ((t.name === 'table:table-cell' || t.name === 'table:covered-table-cell') && !t.close) {
      const repeat = Math.min(Number(t.attrs['table:number-columns-repeated'] ?? 1), 1024);
      const type = t.attrs['office:value-type'];
      const spanned = Number(t.attrs['table:number-columns-spanned'] ?? 1);
      const rowsSpanned = Number(t.attrs['table:number-rows-spanned'] ?? 1);
      if (spanned > 1 || rowsSpanned > 1)
        merges.push(
          `${columnLetter(column)}${rowNumber}:${columnLetter(column + spanned - 1)}${rowNumber + rowsSpanned - 1}`,
        );
      let value: string | undefined;
      if (type === 'float' || type === 'percentage' || type === 'currency')
        value = numberText(t.attrs['office:value'] ?? '');
      else if (type === 'date') value = (t.attrs['office:date-value'] ?? '').replace(/T00:00:00(\.0+)?$/, '');
      else if (type === 'boolean') value = t.attrs['office:boolean-value'] === 'true' ? 'TRUE' : 'FALSE';
      cell = { repeat, value, text: [] };
      if (t.empty) finishCell();
    } else if ((t.name === 'table:table-cell' || t.name === 'table:covered-table-cell') && t.close) finishCell();
    else if (cell && t.name === 'text:p') {
      if (!t.close) paragraph = cell.text.push(t.empty ? '' : unescape(t.text)) - 1;
      if (t.close || t.empty) paragraph = -1;
    } else if (cell && paragraph >= 0) {
      // Inside a paragraph: spans carry text, and <text:s/>, <text:tab/>, <text:line-break/> stand for spaces and breaks.
      const extra =
        t.name === 'text:s' && !t.close
          ? ' '.repeat(Number(t.attrs['text:c'] ?? 1))
          : t.name === 'text:tab'
            ? '\t'
            : t.name === 'text:line-break'
              ? '\n'
              : '';
      cell.text[paragraph] += extra + unescape(t.text);
    }
  }
  function finishCell(): void {
    if (!cell) return;
    const out = cell.value ?? cell.text.join('\n');
    if (out !== '' && column + cell.repeat > MAX_COLUMNS)
      throw new Error(`row ${rowNumber} has cells past column XFD, the last a spreadsheet has`);
    if (out !== '') for (let k = 0; k < cell.repeat; k++) row[column + k] = out;
    column += cell.repeat;
    cell = undefined;
    paragraph = -1;
  }
  return sheetOf(
    chosen.name,
    sheets.map((s) => s.name),
    rows,
    merges,
  );
}

/** The rows with something in them, and a warning for each merged cell in the header row. */
function sheetOf(
  name: string,
  sheets: (string | { name: string })[],
  all: Map<number, string[]>,
  merges: string[],
): Sheet {
  let cells = 0;
  for (const row of all.values()) cells += row.length;
  if (cells > MAX_CELLS)
    throw new Error(
      `the sheet spans ${cells.toLocaleString('en')} cells, more than the ${MAX_CELLS.toLocaleString('en')} a catalogue may; delete the rows and columns past the reports`,
    );
  const rows = [...all]
    .sort((a, b) => a[0] - b[0])
    .map(([line, cells]) => ({ line, cells: Array.from(cells, (c) => c ?? '') }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = rows[0]?.line;
  const problems: LocatedProblem[] = [];
  for (const ref of merges) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
    if (!m || header === undefined || Number(m[2]) > header || Number(m[4]) < header) continue;
    problems.push({
      severity: 'warning',
      line: header,
      column: m[1] === m[3] ? m[1] : `${m[1]}–${m[3]}`,
      message: `The header cells ${m[1]}${header} to ${m[3]}${header} are merged: only column ${m[1]} has a name; unmerge them and name each column.`,
    });
  }
  return { name, sheets: sheets.map((s) => (typeof s === 'string' ? s : s.name)), rows, problems };
}
