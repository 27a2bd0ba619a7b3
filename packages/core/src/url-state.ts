import { normaliseQuery, DEFAULT_PAGE_SIZE } from './query.js';
import { FACET_NAMES, SORT_ORDERS, type Query, type SortOrder } from './types.js';

/** Longest free text taken from an address; anything longer is someone else's problem. */
const MAX_Q = 500;
const MAX_VALUES = 50;

/**
 * Writes the parts of a query that differ from the defaults into `params`, under `prefix`.
 * Parameters of other prefixes and of the host page are left as they are. `pageSize` is the
 * library's own page size: a visitor's other choice is written, and that one left out.
 */
export function encodeQuery(
  query: Partial<Query>,
  prefix = '',
  params = new URLSearchParams(),
  pageSize = DEFAULT_PAGE_SIZE,
): URLSearchParams {
  const q = normaliseQuery(query);
  for (const key of ['q', ...FACET_NAMES, 'year', 'undated', 'report', 'sort', 'page', 'size'])
    params.delete(prefix + key);
  if (q.q.trim() !== '') params.set(`${prefix}q`, q.q);
  for (const name of FACET_NAMES) for (const value of q.filters[name] ?? []) params.append(prefix + name, value);
  if (q.yearFrom !== undefined || q.yearTo !== undefined)
    params.set(`${prefix}year`, `${q.yearFrom ?? ''}-${q.yearTo ?? ''}`);
  if (q.undated !== undefined) params.set(`${prefix}undated`, q.undated ? '1' : '0');
  if (q.report) params.set(`${prefix}report`, q.report);
  if (q.sort !== 'relevance') params.set(`${prefix}sort`, q.sort);
  if (q.page > 1) params.set(`${prefix}page`, String(q.page));
  if (q.pageSize !== pageSize) params.set(`${prefix}size`, String(q.pageSize));
  return params;
}

function parseYear(text: string): number | undefined {
  return /^\d{1,4}$/.test(text) ? Number(text) : undefined;
}

/**
 * Reads a query from address parameters. Unknown parameters are ignored, malformed ones are
 * dropped; it never throws. Only the keys present in the address are returned.
 */
export function decodeQuery(params: URLSearchParams, prefix = ''): Partial<Query> {
  const out: Partial<Query> = {};
  const get = (key: string) => params.get(prefix + key);
  const q = get('q');
  if (q !== null) out.q = q.slice(0, MAX_Q);
  const filters: Query['filters'] = {};
  for (const name of FACET_NAMES) {
    const values = params
      .getAll(prefix + name)
      .map((v) => v.trim())
      .filter((v) => v !== '' && v.length <= 300);
    if (values.length > 0) filters[name] = [...new Set(values)].slice(0, MAX_VALUES);
  }
  if (Object.keys(filters).length > 0) out.filters = filters;
  const year = get('year');
  const range = year === null ? null : (/^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(year) ?? /^\s*(\d+)\s*$/.exec(year));
  if (range) {
    const from = parseYear(range[1] ?? '');
    // A single year ("2015") means that year alone.
    const to = range.length === 3 ? parseYear(range[2] ?? '') : from;
    if (from !== undefined) out.yearFrom = from;
    if (to !== undefined) out.yearTo = to;
  }
  const undated = get('undated');
  if (undated === '1' || undated === '0') out.undated = undated === '1';
  const report = get('report');
  if (report) out.report = report.slice(0, 300);
  const sort = get('sort');
  if (sort !== null && SORT_ORDERS.includes(sort as SortOrder)) out.sort = sort as SortOrder;
  const page = get('page');
  if (page !== null && /^\d{1,6}$/.test(page) && Number(page) >= 1) out.page = Number(page);
  const size = get('size');
  if (size !== null && /^\d{1,3}$/.test(size) && Number(size) >= 1) out.pageSize = Number(size);
  return out;
}
