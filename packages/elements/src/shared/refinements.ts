import { FACET_NAMES, type Query } from '@reportshelf/core';
import type { Localizer } from './i18n.js';

/** One thing narrowing the results, with what removing it does. */
export interface Refinement {
  key: string;
  /** What the chip shows, e.g. "Region: Europe". */
  label: string;
  /** What the remove button says to a screen reader. */
  removeLabel: string;
  remove: Partial<Query>;
}

export function yearText(l10n: Localizer, from?: number, to?: number): string {
  if (from !== undefined && to !== undefined)
    return from === to ? l10n.year(from) : `${l10n.year(from)}–${l10n.year(to)}`;
  if (from !== undefined) return `≥ ${l10n.year(from)}`;
  return `≤ ${l10n.year(to!)}`;
}

/** The refinements of a query, in the order chips show them: search, facets, years. */
export function refinements(query: Query, l10n: Localizer): Refinement[] {
  const t = l10n.messages;
  const out: Refinement[] = [];
  const q = query.q.trim();
  if (query.report)
    out.push({
      key: 'report',
      label: t.linkedReport,
      removeLabel: t.removeFilter(t.linkedReport, query.report),
      remove: { report: undefined },
    });
  if (q) out.push({ key: 'q', label: t.searchChip(q), removeLabel: t.removeSearch(q), remove: { q: '' } });
  for (const name of FACET_NAMES) {
    const values = query.filters[name] ?? [];
    for (const value of values) {
      out.push({
        key: `${name}:${value}`,
        label: `${t.facet[name]}: ${l10n.value(name, value)}`,
        removeLabel: t.removeFilter(t.facet[name], l10n.value(name, value)),
        remove: { filters: { [name]: values.filter((v) => v !== value) } },
      });
    }
  }
  const { yearFrom, yearTo, undated } = query;
  // A year range (with its choice about undated reports), or undated reports left out without one.
  if (yearFrom !== undefined || yearTo !== undefined || undated === false) {
    const text = yearFrom !== undefined || yearTo !== undefined ? yearText(l10n, yearFrom, yearTo) : t.dated;
    out.push({
      key: 'year',
      label: `${t.facet.year}: ${text}`,
      removeLabel: t.removeFilter(t.facet.year, text),
      remove: YEAR_ANY,
    });
  }
  return out;
}

/** The change that removes the year constraint: no range, and undated reports back to their default. */
export const YEAR_ANY: Partial<Query> = { yearFrom: undefined, yearTo: undefined, undated: undefined };

/** The change that removes every refinement but keeps sort and page size. */
export const CLEAR_ALL: Partial<Query> = {
  q: '',
  report: undefined,
  filters: Object.fromEntries(FACET_NAMES.map((n) => [n, []])),
  ...YEAR_ANY,
};
