import type { Catalogue, ExportFormat, Problem, Query, Report, Results } from '@reportshelf/core';

export interface QueryChangeDetail {
  query: Query;
}
export interface ResultsChangeDetail {
  results: Results;
}
export interface ReportOpenDetail {
  report: Report;
  url: string;
}
export interface CatalogueLoadDetail {
  /** The catalogue; a split catalogue's holds its title and language, its reports staying in its files. */
  catalogue: Catalogue;
  /** How many reports the catalogue holds. */
  count: number;
  /** What was dropped or skipped while reading the catalogue; empty when it was clean. */
  problems: Problem[];
}
export type CatalogueErrorKind = 'http' | 'network' | 'json' | 'format' | 'missing' | 'worker' | 'timeout';
export interface CatalogueErrorDetail {
  kind: CatalogueErrorKind;
  /** A sentence for people, in the element's language. */
  message: string;
  src?: string;
  status?: number;
  problems: Problem[];
}

/** A visitor cites a report: copies its reference (`apa`) or link, or downloads it. Cancel it to do it your own way. */
export interface CiteDetail {
  format: 'apa' | 'ris' | 'bibtex' | 'link';
  reports: Report[];
}
/** A visitor exports the results (every page, in order). Cancel it to do it your own way. */
export interface ExportDetail {
  format: ExportFormat;
  reports: Report[];
}

export interface ShelfEventMap {
  'shelf-query-change': CustomEvent<QueryChangeDetail>;
  'shelf-results-change': CustomEvent<ResultsChangeDetail>;
  'shelf-report-open': CustomEvent<ReportOpenDetail>;
  'shelf-catalogue-load': CustomEvent<CatalogueLoadDetail>;
  'shelf-catalogue-error': CustomEvent<CatalogueErrorDetail>;
  'shelf-cite': CustomEvent<CiteDetail>;
  'shelf-export': CustomEvent<ExportDetail>;
}

type DetailOf<K extends keyof ShelfEventMap> = ShelfEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Every Reportshelf event bubbles and crosses shadow roots, so a page can listen on document. */
export function emit<K extends keyof ShelfEventMap>(
  target: EventTarget,
  type: K,
  detail: DetailOf<K>,
  cancelable = false,
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends ShelfEventMap {}
}
