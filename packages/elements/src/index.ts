import { ContextRoot } from '@lit/context';
import { ShelfLibrary } from './library/library.js';
import { pageSetup } from './shared/base.js';
import { inPage } from './shared/bundled.js';
import { loaders, type Loaders } from './shared/loaders.js';

// The elements package loads its languages, panels and search in the page (the panels and the
// region tree modules of their own, imported when first needed), but for what the page gave first
// (`ShelfLibrary.use`).
ShelfLibrary.use({
  ...({
    ...inPage,
    loadPanels: () => import('./cite/panels.js'),
    loadRegions: () => import('./filter-bar/regions.js'),
  } satisfies Loaders),
  ...loaders,
});
// One context root for the page: requests from elements whose library is defined later (a late
// upgrade, as a page's own element extending ShelfLibrary or a framework may make) are made again
// when it is. The drop-in files define every element at once, the library first, and need none
// (250 B of the lite file).
pageSetup.push(() => new ContextRoot().attach(document.documentElement));

export { ShelfLibrary };
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
export type { Loaders, OpenedSplit } from './shared/loaders.js';
