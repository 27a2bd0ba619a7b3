export { ShelfLibrary } from './library/library.js';
export { ShelfSearchBox } from './search-box/search-box.js';
export { ShelfFilterBar, parseFacetList, DEFAULT_FACETS, type FilterName } from './filter-bar/filter-bar.js';
export { ShelfActiveFilters } from './active-filters/active-filters.js';
export { ShelfResultSummary } from './result-summary/result-summary.js';
export { ShelfSortSelect } from './sort-select/sort-select.js';
export { ShelfReportList } from './report-list/report-list.js';
export { ShelfReportCard } from './report-card/report-card.js';
export { ShelfPagination, pageItems } from './pagination/pagination.js';
export { LocalizedElement, ShelfElement, libraryContext, type LibraryHost } from './shared/base.js';
export { LocaleController } from './shared/locale.js';
export { defineElement, VERSION } from './shared/define-element.js';
export { highlight } from './shared/highlight.js';
export {
  LANGUAGES,
  localizer,
  registerMessages,
  supportedLanguage,
  type Language,
  type Messages,
  type MessageOverrides,
  type Plural,
} from './shared/i18n.js';
export type * from './shared/events.js';
export { ELEMENTS, defineAll } from './elements.js';
export { setBasePath } from './shared/bundled.js';
export type { SheetResult } from './shared/sheet.js';
