import { sliced } from './schedule.js';
import { FACET_NAMES, type Catalogue, type FacetName, type ParseResult, type Problem, type Report } from './types.js';

/** Years outside this range are almost certainly typing mistakes. */
export const YEAR_MIN = 1800;
export const YEAR_MAX = 2100;

export const LIMITS = {
  title: 500,
  summary: 10_000,
  value: 300,
  values: 200,
  id: 200,
} as const;

const ARRAY_FIELDS = ['countries', 'regions', 'categories', 'authors', 'organizations'] as const;
type ArrayField = (typeof ARRAY_FIELDS)[number];
const KNOWN_FIELDS = new Set<string>([
  'id',
  'title',
  'summary',
  'year',
  'url',
  'language',
  'date',
  'added',
  'image',
  'imageAlt',
  'fileType',
  'fileSize',
  ...ARRAY_FIELDS,
]);

// Control characters are exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

// Anything normaliseText would change: a control character, white space other than a single
// space between words, or space at either end. Most text has none and is returned as it is.
// eslint-disable-next-line no-control-regex
const UNTIDY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[^\S ]| {2}|^ | $/;

/** Trims, removes control characters and folds every run of white space into one space. */
export function normaliseText(value: string): string {
  return UNTIDY.test(value) ? value.replace(CONTROL, '').replace(/\s+/g, ' ').trim() : value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `the text "${shown}"`;
  }
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Accepts http(s) addresses and relative ones that stay on the page's site; anything else
 * (javascript:, data:, an address with a user name, which can disguise its host) is refused.
 * The address is resolved as a browser would and the result judged, so that what only looks
 * relative ("/\\evil.example", "\\\\evil.example", "//evil.example") cannot lead off the site.
 */
export function safeUrl(value: string): string | undefined {
  // Browsers drop tabs and newlines inside URLs, so "java\tscript:" must be judged without them.
  // eslint-disable-next-line no-control-regex
  const compact = value.replace(/[\u0000-\u0020]/g, '');
  if (compact === '') return undefined;
  try {
    const url = new URL(compact, 'https://relative.invalid/');
    if (!/^https?:$/.test(url.protocol) || url.username || url.password) return undefined;
    // Absolute means "http(s)://host"; a scheme without the slashes is read against the page.
    if (/^[a-z][a-z\d+.-]*:/i.test(compact) ? !/^https?:\/\//i.test(compact) : url.host !== 'relative.invalid')
      return undefined;
    return value.trim();
  } catch {
    return undefined;
  }
}

class RecordReader {
  readonly problems: Problem[] = [];
  id: string | undefined;

  constructor(
    private readonly raw: Record<string, unknown>,
    private readonly index: number,
  ) {}

  /** A problem of this report, said with its number and (once known) its id. */
  report(severity: Problem['severity'], field: string | undefined, message: string): void {
    const { index, id } = this;
    const problem: Problem = { severity, index, message: `Report ${index + 1}${id ? ` ("${id}")` : ''}: ${message}` };
    if (id !== undefined) problem.id = id;
    if (field !== undefined) problem.field = field;
    this.problems.push(problem);
  }

  dropped(field: string, expected: string, value: unknown): void {
    this.report(
      'warning',
      field,
      `"${field}" must be ${expected}, but is ${describe(value)}; the field was left out and the report kept.`,
    );
  }

  text(field: string, max: number): string | undefined {
    const value = this.raw[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      this.dropped(field, 'text', value);
      return undefined;
    }
    let text = normaliseText(value);
    if (text.length > max) {
      this.report('warning', field, `"${field}" is ${text.length} characters long; it was cut to ${max}.`);
      text = `${text.slice(0, max - 1).trimEnd()}…`;
    }
    return text === '' ? undefined : text;
  }

  list(field: ArrayField): string[] {
    let value = this.raw[field];
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') value = [value];
    if (!Array.isArray(value)) {
      this.dropped(field, 'a list of text', value);
      return [];
    }
    const seen = new Set<string>();
    const out: string[] = [];
    value.forEach((entry, i) => {
      if (typeof entry !== 'string') {
        this.report(
          'warning',
          `${field}[${i}]`,
          `entry ${i + 1} of "${field}" must be text, but is ${describe(entry)}; that entry was left out.`,
        );
        return;
      }
      let text = normaliseText(entry);
      if (text.length > LIMITS.value) {
        this.report(
          'warning',
          `${field}[${i}]`,
          `entry ${i + 1} of "${field}" is ${text.length} characters long; it was cut to ${LIMITS.value}.`,
        );
        text = `${text.slice(0, LIMITS.value - 1).trimEnd()}…`;
      }
      const key = text.toLocaleLowerCase();
      if (text === '' || seen.has(key)) return;
      seen.add(key);
      out.push(text);
    });
    if (out.length > LIMITS.values) {
      this.report('warning', field, `"${field}" has ${out.length} entries; only the first ${LIMITS.values} were kept.`);
      out.length = LIMITS.values;
    }
    return out;
  }

  year(): number | undefined {
    const value = this.raw.year;
    if (value === undefined || value === null || value === '') return undefined;
    // As a number only to be compared: anything but a whole number (text among them) fails the first test.
    const year = (typeof value === 'string' && /^\s*\d{4}\s*$/.test(value) ? Number(value) : value) as number;
    if (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX) {
      this.dropped('year', `a whole number from ${YEAR_MIN} to ${YEAR_MAX}`, value);
      return undefined;
    }
    return year;
  }

  url(field: 'url' | 'image' = 'url'): string | undefined {
    const text = this.text(field, 2048);
    if (text === undefined) return undefined;
    const url = safeUrl(text);
    if (url === undefined) this.dropped(field, 'an http(s) or relative address', text);
    return url;
  }

  /**
   * A date as ISO 8601 gives it: `YYYY-MM-DD` (a time after it is dropped), or for `date` also
   * `YYYY-MM`; a day that does not exist (2023-02-30) or a year out of range is refused.
   */
  date(field: 'date' | 'added'): string | undefined {
    const text = this.text(field, 40);
    if (text === undefined) return undefined;
    const m = /^(\d{4})-(\d\d)(?:-(\d\d)(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?)?$/.exec(text);
    const [y, mo, d] = m ? [+m[1]!, +m[2]!, +(m[3] ?? 1)] : [0, 0, 0];
    if (
      m &&
      (m[3] || field === 'date') &&
      y >= YEAR_MIN &&
      y <= YEAR_MAX &&
      mo >= 1 &&
      mo <= 12 &&
      d >= 1 &&
      d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()
    )
      return m.slice(1, m[3] ? 4 : 3).join('-');
    this.dropped(field, `a date such as "2019-03-25"${field === 'date' ? ' or "2019-03"' : ''}`, text);
    return undefined;
  }

  language(): string | undefined {
    const text = this.text('language', 35);
    if (text === undefined) return undefined;
    if (!LANGUAGE_TAG.test(text)) {
      this.dropped('language', 'a language code such as "en" or "fr"', text);
      return undefined;
    }
    return text.toLowerCase();
  }
}

function readReport(raw: unknown, index: number, problems: Problem[]): Report | undefined {
  if (!isRecord(raw)) {
    problems.push({
      severity: 'error',
      index,
      message: `Report ${index + 1} is ${describe(raw)}, not an object; it was skipped.`,
    });
    return undefined;
  }
  const reader = new RecordReader(raw, index);
  const rawId = raw.id;
  const id = typeof rawId === 'number' && Number.isFinite(rawId) ? String(rawId) : reader.text('id', LIMITS.id);
  if (id === undefined && reader.text('title', LIMITS.title) === undefined) {
    // Neither: the title is what a curator knows the row by (and what a sheet's ids are made from).
    reader.report('error', 'title', 'has no "title" (nor an "id"); the report was skipped.');
    problems.push(...reader.problems);
    return undefined;
  }
  if (id === undefined) {
    reader.report(
      'error',
      'id',
      `has no "id"${rawId === undefined || rawId === null ? '' : ` (it is ${describe(rawId)})`}; the report was skipped.`,
    );
    problems.push(...reader.problems);
    return undefined;
  }
  reader.id = id;
  const title = reader.text('title', LIMITS.title);
  if (title === undefined) {
    reader.report('error', 'title', 'has no "title"; the report was skipped.');
    problems.push(...reader.problems);
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (!KNOWN_FIELDS.has(key)) reader.report('warning', key, `has an unknown field "${key}"; it was ignored.`);
  }
  // Keys in the documented order, so that a catalogue written back out reads naturally.
  const summary = reader.text('summary', LIMITS.summary);
  const date = reader.date('date');
  let year = reader.year();
  // The year is the date's: one that says otherwise is a slip, said and corrected.
  const dated = date && +date.slice(0, 4);
  if (dated && year !== undefined && year !== dated)
    reader.report('warning', 'year', `"year" is ${year} but "date" is ${date}; the date's year was kept.`);
  if (dated) year = dated;
  const report: Report = {
    id,
    title,
    ...(summary === undefined ? {} : { summary }),
    ...(year === undefined ? {} : { year }),
    countries: reader.list('countries'),
    regions: reader.list('regions'),
    categories: reader.list('categories'),
    authors: reader.list('authors'),
    organizations: reader.list('organizations'),
  };
  const url = reader.url();
  if (url !== undefined) report.url = url;
  const language = reader.language();
  if (language !== undefined) report.language = language;
  if (date) report.date = date;
  const added = reader.date('added');
  if (added) report.added = added;
  const image = reader.url('image');
  if (image) {
    report.image = image;
    const alt = reader.text('imageAlt', LIMITS.value);
    if (alt) report.imageAlt = alt;
  }
  const fileType = reader.text('fileType', 100);
  if (fileType) report.fileType = fileType;
  const size = raw.fileSize;
  if (Number.isSafeInteger(size) && (size as number) > 0) report.fileSize = size as number;
  else if (size != null) reader.dropped('fileSize', 'a whole number of bytes', size);
  problems.push(...reader.problems);
  return report;
}

/** A catalogue's `places` (region to its countries), if it is an object of lists of text. */
export const readPlaces = (value: unknown): Record<string, string[]> | undefined =>
  isRecord(value) &&
  Object.values(value).every((list) => Array.isArray(list) && list.every((c) => typeof c == 'string'))
    ? (value as Record<string, string[]>)
    : undefined;

/** A catalogue being read: its frame checked, and a step that reads report `i` into it. */
interface Reading {
  result: ParseResult;
  count: number;
  step: (index: number) => void;
}

function startReading(input: unknown): Reading {
  try {
    return readFrame(input);
  } catch (error) {
    // A page's own object can throw from a getter (or be a revoked proxy): that is a catalogue
    // that cannot be read, not an exception for the page.
    const reason = error instanceof Error ? error.message : String(error);
    return {
      result: {
        catalogue: { version: 1, reports: [] },
        problems: [{ severity: 'error', message: `The catalogue could not be read: ${reason}.` }],
        fatal: true,
      },
      count: 0,
      step: () => {},
    };
  }
}

function readFrame(input: unknown): Reading {
  const problems: Problem[] = [];
  const fatal = (message: string, field?: string): Reading => {
    problems.push({ severity: 'error', message, ...(field ? { field } : {}) });
    return { result: { catalogue: { version: 1, reports: [] }, problems, fatal: true }, count: 0, step: () => {} };
  };
  if (!isRecord(input))
    return fatal(`The catalogue must be a JSON object with a "reports" list, but it is ${describe(input)}.`);
  const list = input.reports;
  if (!Array.isArray(list))
    return fatal(
      `The catalogue must have a "reports" list, but ${list === undefined ? 'it has none' : `it is ${describe(list)}`}.`,
      'reports',
    );
  const catalogue = { version: 1 } as Catalogue;
  // Every warning about the frame is about "The catalogue…" itself.
  const warn = (field: string, message: string) =>
    problems.push({ severity: 'warning', field, message: `The catalogue${message}` });
  if (input.version !== undefined && input.version !== 1) {
    warn('version', ` says it is version ${describe(input.version)}; this reader knows version 1 and read it as such.`);
  }
  for (const key of ['title', 'language'] as const) {
    const value = input[key];
    const text = typeof value === 'string' ? normaliseText(value) : '';
    if (key === 'language' && text !== '' && !LANGUAGE_TAG.test(text)) {
      warn(
        key,
        `'s "language" must be a language code such as "en" or "fr", but is ${describe(value)}; it was ignored.`,
      );
    } else if (text !== '') catalogue[key] = key === 'language' ? text.toLowerCase() : text;
    else if (value !== undefined) warn(key, `'s "${key}" must be text, but is ${describe(value)}; it was ignored.`);
  }
  // Facets with a feed per value: any other name is dropped, said.
  const feeds = input.feeds;
  if (feeds !== undefined) {
    const known = Array.isArray(feeds) ? [...new Set(feeds.filter((n) => FACET_NAMES.includes(n as FacetName)))] : [];
    if (Array.isArray(feeds)) catalogue.feeds = known as FacetName[];
    if (!Array.isArray(feeds) || feeds.some((n) => !known.includes(n)))
      warn('feeds', `'s "feeds" must list facets (${FACET_NAMES.join(', ')}); what else it held was ignored.`);
  }
  if (input.places !== undefined) {
    const places = readPlaces(input.places);
    if (places) catalogue.places = places;
    else
      warn(
        'places',
        `'s "places" must map each region to a list of countries, but is ${describe(input.places)}; it was ignored.`,
      );
  }
  catalogue.reports = [];
  const firstIndex = new Map<string, number>();
  const step = (index: number) => {
    let report: Report | undefined;
    try {
      report = readReport(list[index], index, problems);
    } catch (error) {
      problems.push({
        severity: 'error',
        index,
        message: `Report ${index + 1} could not be read (${error instanceof Error ? error.message : String(error)}); it was skipped.`,
      });
    }
    if (report === undefined) return;
    const first = firstIndex.get(report.id);
    if (first !== undefined) {
      problems.push({
        severity: 'error',
        index,
        id: report.id,
        field: 'id',
        message: `Report ${index + 1} ("${report.id}"): the id is already used by report ${first + 1}; this one was skipped.`,
      });
      return;
    }
    firstIndex.set(report.id, index);
    catalogue.reports.push(report);
  };
  return { result: { catalogue, problems, fatal: false }, count: list.length, step };
}

/**
 * Validates any JSON value as a catalogue. Never throws: every problem is returned, each bad field
 * is dropped on its own, and only a record without id or title is skipped.
 */
export function parseCatalogue(input: unknown): ParseResult {
  const reading = startReading(input);
  for (let i = 0; i < reading.count; i++) reading.step(i);
  return reading.result;
}

/** `parseCatalogue` without a long task: the reports are read in time slices (see `sliced`). */
export async function parseCatalogueAsync(input: unknown, sliceMs?: number): Promise<ParseResult> {
  const reading = startReading(input);
  await sliced(reading.count, reading.step, sliceMs);
  return reading.result;
}
