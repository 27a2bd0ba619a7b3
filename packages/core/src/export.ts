import type { Catalogue, Report } from './types.js';
import { slugify } from './slug.js';

/**
 * Reports written out for reference managers and spreadsheets: RIS, BibTeX, CSL-JSON and CSV,
 * and an APA 7 reference for one report. Plain functions of the reports, written by hand (a
 * citation library would be larger than the whole drop-in file); checked in the tests by real
 * parsers (citation-js, Papa Parse) and by `reportshelf build` reading the CSV back.
 */

export const EXPORT_FORMATS = ['csv', 'ris', 'bibtex', 'csl-json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The columns of an exported CSV: the catalogue's fields, which `reportshelf build` reads (its FIELDS). */
export const CSV_COLUMNS = [
  'id',
  'title',
  'summary',
  'year',
  'countries',
  'regions',
  'categories',
  'authors',
  'organizations',
  'url',
  'language',
  'date',
  'added',
  'image',
  'imageAlt',
  'fileType',
  'fileSize',
] as const;

/** BibTeX's month macros. */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** One line of text: line breaks (which end a field in RIS) become spaces. */
const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/**
 * RIS (`TY  - RPRT`): one line per field, authors and publishers one per line, CRLF line ends
 * as the format asks.
 */
export function toRis(reports: readonly Report[]): string {
  const lines: string[] = [];
  const field = (tag: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') lines.push(`${tag}  - ${oneLine(String(value))}`);
  };
  for (const r of reports) {
    field('TY', 'RPRT');
    field('ID', r.id);
    field('TI', r.title);
    r.authors.forEach((a) => field('AU', a));
    r.organizations.forEach((o) => field('PB', o));
    field('PY', r.year);
    // DA, the full date, as RIS writes it: YYYY/MM/DD/ (the day empty when only the month is known).
    if (r.date) field('DA', `${r.date.replace(/-/g, '/')}${r.date.length < 10 ? '//' : '/'}`);
    // N2, the abstract in every version of RIS: readers that follow the older spec take AB for notes.
    field('N2', r.summary);
    field('UR', r.url);
    field('LA', r.language);
    [...r.categories, ...r.countries, ...r.regions].forEach((k) => field('KW', k));
    lines.push('ER  - ', '');
  }
  return lines.join('\r\n');
}

/** BibTeX's special characters, written so that they stay text (and braces stay balanced). */
function tex(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (c) =>
    c === '\\' ? '\\textbackslash{}' : c === '~' ? '\\textasciitilde{}' : c === '^' ? '\\textasciicircum{}' : `\\${c}`,
  );
}

/** A BibTeX citation key from a report id: letters, digits and `-_:.` only. */
const citationKey = (id: string) => id.replace(/[^\w:.-]/g, '-') || 'report';

/**
 * BibTeX `@techreport` entries: people's names as written (BibTeX splits given and family
 * names), organisations braced as one name each, the title braced to keep its letter case.
 */
export function toBibtex(reports: readonly Report[]): string {
  return reports
    .map((r) => {
      const fields: [string, string][] = [['title', `{${tex(r.title)}}`]];
      if (r.authors.length) fields.push(['author', r.authors.map(tex).join(' and ')]);
      if (r.organizations.length) fields.push(['institution', r.organizations.map((o) => `{${tex(o)}}`).join(' and ')]);
      if (r.year !== undefined) fields.push(['year', String(r.year)]);
      // BibTeX's month, and biblatex's date for the day (BibTeX itself ignores a field it does not know).
      if (r.date) fields.push(['month', MONTHS[+r.date.slice(5, 7) - 1]!], ['date', r.date]);
      // Braces, backslashes and spaces percent-encoded: the same address, and it cannot close its field.
      if (r.url) fields.push(['url', r.url.replace(/[{}\\\s]/g, encodeURIComponent)]);
      if (r.summary) fields.push(['abstract', tex(r.summary)]);
      const keywords = [...r.categories, ...r.countries, ...r.regions];
      if (keywords.length) fields.push(['keywords', keywords.map(tex).join(', ')]);
      if (r.language) fields.push(['language', tex(r.language)]);
      // The month is BibTeX's own abbreviation (`month = mar`), unbraced, which every style reads.
      const written = fields.map(([k, v]) => `  ${k} = ${k === 'month' ? v : `{${v}}`}`);
      return `@techreport{${citationKey(r.id)},\n${written.join(',\n')}\n}\n`;
    })
    .join('\n');
}

/** CSL-JSON, the citation processors' own format (Zotero, Pandoc, citeproc). */
export function toCslJson(reports: readonly Report[]): string {
  return JSON.stringify(
    reports.map((r) => ({
      id: r.id,
      type: 'report',
      title: r.title,
      ...(r.authors.length ? { author: r.authors.map((literal) => ({ literal })) } : {}),
      ...(r.organizations.length ? { publisher: r.organizations.join('; ') } : {}),
      ...(r.year !== undefined
        ? { issued: { 'date-parts': [r.date ? r.date.split('-').map(Number) : [r.year]] } }
        : {}),
      ...(r.url ? { URL: r.url } : {}),
      ...(r.summary ? { abstract: r.summary } : {}),
      ...(r.language ? { language: r.language } : {}),
      ...(r.categories.length ? { keyword: r.categories.join(', ') } : {}),
    })),
    null,
    2,
  );
}

/**
 * A CSV cell: quoted when it must be, and made inert for spreadsheets. Text that begins with `=`,
 * `+`, `-`, `@`, a tab or a carriage return (after spaces or quotes) would be read as a formula
 * (CSV injection), so it gets an apostrophe before it, which spreadsheets hide; and so does text
 * after a `;` or a line break, where a cell starts when a spreadsheet (French, Spanish, German
 * Excel) reads the file with `;` as its delimiter. A text's own apostrophe there is doubled, so
 * that `reportshelf build` removes exactly the ones added.
 */
function csvCell(value: string): string {
  const safe = value.replace(/(^|[;\r\n])(?=[ "]*[=+\-@'\t\r])/g, "$1'");
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * CSV with the catalogue's fields as columns, multi-valued fields joined with `; `, UTF-8 with a
 * byte-order mark (so that Excel reads accents and Arabic), CRLF line ends.
 */
export function toCsv(reports: readonly Report[]): string {
  const rows = reports.map((r) =>
    CSV_COLUMNS.map((column) => {
      const value = r[column];
      return csvCell(Array.isArray(value) ? value.join('; ') : value === undefined ? '' : String(value));
    }).join(','),
  );
  return `\uFEFF${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/** A whole export: its text, MIME type and file name (the catalogue's title and the date). */
export function exportReports(
  reports: readonly Report[],
  format: ExportFormat,
  catalogue: Pick<Catalogue, 'title'> = {},
  date = new Date(),
): { text: string; type: string; filename: string } {
  const [text, type, extension] =
    format === 'csv'
      ? [toCsv(reports), 'text/csv', 'csv']
      : format === 'ris'
        ? [toRis(reports), 'application/x-research-info-systems', 'ris']
        : format === 'bibtex'
          ? [toBibtex(reports), 'application/x-bibtex', 'bib']
          : [toCslJson(reports), 'application/vnd.citationstyles.csl+json', 'json'];
  const day = date.toISOString().slice(0, 10);
  return {
    text,
    type: `${type};charset=utf-8`,
    filename: `${slugify(catalogue.title ?? 'reports')}-${day}.${extension}`,
  };
}

/** "Rebecca Surtees" → "Surtees, R."; a one-word name (an organisation, a mononym) stays as it is. */
function apaName(name: string): string {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return name.trim();
  const family = words.pop()!;
  const initials = words.map((w) =>
    w
      .split('-')
      .map((part) => `${[...part][0]!.toLocaleUpperCase()}.`)
      .join('-'),
  );
  return `${family}, ${initials.join(' ')}`;
}

/** APA's list of names: "A, & B"; "A, B, & C"; beyond 20, the first 19, "…", and the last. */
function apaNames(names: string[]): string {
  if (names.length === 1) return names[0]!;
  if (names.length === 2) return `${names[0]}, & ${names[1]}`;
  if (names.length <= 20) return `${names.slice(0, -1).join(', ')}, & ${names.at(-1)}`;
  return `${names.slice(0, 19).join(', ')}, … ${names.at(-1)}`;
}

/** Pieces of a reference; `italic` marks the title, which APA sets in italics. */
export interface ReferencePart {
  text: string;
  italic?: boolean;
}

/**
 * An APA 7 reference for a report: authors (or, without them, the organisation as author), year
 * or "n.d.", the title in italics, the publishers unless they are the author, and the URL. As
 * parts, so that a page renders the italics as markup it makes, never as HTML from the data.
 */
export function apaReference(report: Report): ReferencePart[] {
  const people = report.authors.map(apaName);
  const byOrganisation = people.length === 0 && report.organizations.length > 0;
  const author = people.length ? apaNames(people) : byOrganisation ? apaNames(report.organizations) : '';
  const when = `(${report.year ?? 'n.d.'}).`;
  const title = report.title.replace(/[.\s]+$/, '');
  const publisher = byOrganisation ? '' : report.organizations.join('; ');
  // A title that ends in ? or ! takes no full stop after it.
  const stop = /[?!]$/.test(title) ? '' : '.';
  const parts: ReferencePart[] = author
    ? [{ text: `${author}${author.endsWith('.') ? '' : '.'} ${when} ` }, { text: title, italic: true }, { text: stop }]
    : [{ text: title, italic: true }, { text: `${stop} ${when}` }];
  const tail = [publisher && `${publisher}.`, report.url].filter(Boolean).join(' ');
  if (tail) parts.push({ text: ` ${tail}` });
  return parts.filter((p) => p.text);
}

/** The reference as plain text, for the clipboard. */
export const apaText = (report: Report): string =>
  apaReference(report)
    .map((p) => p.text)
    .join('');
