import { defineElement } from './shared/define-element.js';
import { ShelfActiveFilters } from './active-filters/active-filters.js';
import { ShelfFilterBar } from './filter-bar/filter-bar.js';
import { ShelfLibrary } from './library/library.js';
import { ShelfPagination } from './pagination/pagination.js';
import { ShelfReportCard } from './report-card/report-card.js';
import { ShelfReportList } from './report-list/report-list.js';
import { ShelfResultSummary } from './result-summary/result-summary.js';
import { ShelfSearchBox } from './search-box/search-box.js';
import { ShelfSortSelect } from './sort-select/sort-select.js';

/** Every element by its tag. */
export const ELEMENTS = {
  'shelf-library': ShelfLibrary,
  'shelf-search-box': ShelfSearchBox,
  'shelf-filter-bar': ShelfFilterBar,
  'shelf-active-filters': ShelfActiveFilters,
  'shelf-result-summary': ShelfResultSummary,
  'shelf-sort-select': ShelfSortSelect,
  'shelf-report-list': ShelfReportList,
  'shelf-report-card': ShelfReportCard,
  'shelf-pagination': ShelfPagination,
} as const;

/** Registers every element whose tag is still free. Safe to call any number of times. */
export function defineAll(): void {
  for (const [tag, constructor] of Object.entries(ELEMENTS)) defineElement(tag, constructor);
}
