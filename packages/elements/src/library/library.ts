import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import {
  createTables,
  RECENCY,
  type EngineError,
  createStore,
  decodeQuery,
  encodeQuery,
  FACET_NAMES,
  followFeed,
  isServer,
  isSplit,
  parseCatalogueAsync,
  SORT_ORDERS,
  type FacetName,
  type Problem,
  type Query,
  type Results,
  type SortOrder,
  type StoreState,
  yieldToPage,
} from '@reportshelf/core';
import { ShelfElement, type LibraryHost } from '../shared/base.js';
import { provideLibrary } from '../shared/context.js';
import { addLibrary, removeLibrary } from '../shared/registry.js';
import { emit, type CatalogueErrorDetail, type CatalogueErrorKind } from '../shared/events.js';
import { parseFacetList, type FilterName } from '../filter-bar/filter-bar.js';
import { refinements } from '../shared/refinements.js';
import { loaders, useLoaders } from '../shared/loaders.js';
import { isSheet, type SheetResult } from '../shared/sheet.js';
import { requestResultsFocus } from '../shared/focus.js';
import { tokens } from '../shared/tokens.styles.js';
import { registerMessages } from '../shared/i18n.js';
import { styles } from './library.styles.js';

/** Quiet typing after which the words are a search of their own in the history (the summary's announcement delay). */
const SETTLED_MS = 600;

/** Whether an attribute's value is one of those it takes; if not, it says which they are (its default is used). */
const takes = (name: string, value: string, values: readonly string[]) =>
  values.includes(value) || void console.warn(`<shelf-library ${name}="${value}">: use one of ${values.join(', ')}.`);

/** Only the words changed: a keystroke, which replaces the history entry of the words being typed. */
function onlyWordsChanged(a: Query, b: Query): boolean {
  const rest = (q: Query) => JSON.stringify({ ...q, q: '', page: 1 });
  return a.q !== b.q && rest(a) === rest(b);
}

/**
 * The library: loads a catalogue (the bundled one, `src`, or the `catalogue` property), owns the
 * search state, and with no children renders the whole default layout. Child elements, or elements
 * elsewhere that name it with `library="ID"`, show and change its state.
 *
 * @tagname shelf-library
 * @summary A searchable, filterable library of reports.
 *
 * @attr lang - Language of the interface: `en`, `fr`, `es` or `ar` (right to left). Without it, the closest ancestor's `lang`, then the document's, then English.
 *
 * @slot - Your own arrangement of Reportshelf elements; with no children but fallback content, the default layout is used.
 * @slot fallback - Content for visitors without script and for search engines, such as a plain list of reports: shown until the element is defined, hidden after. A `<noscript>` child works too (shown only with script off), and neither counts as an arrangement.
 *
 * @fires shelf-catalogue-load - A catalogue was read; `detail.catalogue` and `detail.problems` (what was dropped or skipped).
 * @fires shelf-catalogue-error - The catalogue could not be fetched or read; `detail.kind` (`http`, `network`, `json`, `format`, `missing`) and `detail.message`.
 * @fires shelf-query-change - The query changed; `detail.query`.
 * @fires shelf-results-change - New results; `detail.results`.
 * @fires shelf-export - A visitor exports the results (every page, in order); `detail.format` (`csv`, `ris`, `bibtex`, `csl-json`) and `detail.reports`. Cancel it to do it your own way.
 * @fires shelf-cite - From a card: a visitor copies or downloads a citation; `detail.format` and `detail.reports`.
 *
 * @csspart layout - The default layout's grid.
 * @csspart search - The area holding the search box.
 * @csspart filters-toggle - The Filters button of the narrow layout.
 * @csspart skip-link - "Skip to results", before the filters, seen when it has the focus.
 * @csspart copy-link - With `sync-url`, the "Copy link to this search" button in the toolbar.
 * @csspart export - The "Export N reports" button in the toolbar.
 * @csspart export-panel - The export panel: CSV, RIS, BibTeX and CSL-JSON of every result, in order.
 * @csspart follow - Where the catalogue has feeds (`reportshelf build` writes them): the "Follow new reports" link to the Atom feed of the filter chosen, or of every new report.
 * @csspart filters-done - The narrow layout's "Show N reports" button, which closes the filters.
 * @csspart sidebar - The area holding the filter bar.
 * @csspart toolbar - The area holding the result summary and sort order.
 * @csspart main - The area holding active filters, the list and pagination.
 * @csspart search-form - In the default layout, the search box's form; likewise `search-label`, `search-input`, `search-clear`, `search-hint`.
 * @csspart filter-group - Each facet's disclosure; likewise `filter-group-label`, `filter-option`, `filter-count`, `filter-show-all`, `filter-input`, `year-chart`, `filters-clear-all`.
 * @csspart result-summary - The "Showing 1–10 of …" sentence; `sort-label` and `sort-select` are the sort order's.
 * @csspart chips - The active filters; `chip` each one, `chips-clear-all` their Clear all.
 * @csspart card-title - Each report card's heading; likewise `card-frame`, `card-link`, `card-meta`, `card-authors`, `card-organizations`, `card-summary`, `card-toggle`, `card-highlight`, and `card` for each card as a whole.
 * @csspart results-list - The list of cards; `results-heading`, `empty`, `way-out` (the empty state's ways to results), `error` and `skeleton` are the list's.
 * @csspart pager - The pagination; `page`, `current-page`, `previous-page` and `next-page` its buttons, `show-more` the button of `paging="more"`, `page-size-label` and `page-size` the page size's.
 *
 * @cssprop --shelf-font-family - Font of every element. Default: inherited from the page.
 * @cssprop --shelf-font-size - Base font size; set it here rather than with `font-size`, which page rules cannot then break. Default: `medium` (the reader's browser setting).
 * @cssprop --shelf-color-text - Text colour.
 * @cssprop --shelf-color-muted - Secondary text colour.
 * @cssprop --shelf-color-surface - Background of cards, fields and buttons.
 * @cssprop --shelf-color-surface-alt - Background of hovered rows and chips.
 * @cssprop --shelf-color-border - Borders of fields and buttons.
 * @cssprop --shelf-color-border-subtle - Borders of cards and dividers.
 * @cssprop --shelf-color-accent - Links, checked boxes, the current page.
 * @cssprop --shelf-color-accent-text - Text on the accent colour.
 * @cssprop --shelf-color-highlight - Background of search terms marked in results.
 * @cssprop --shelf-color-highlight-text - Text of marked search terms.
 * @cssprop --shelf-color-danger - The error state.
 * @cssprop --shelf-color-focus - Focus rings.
 * @cssprop --shelf-radius - Corner radius. Default: `0.375em`.
 * @cssprop --shelf-space - Base spacing. Default: `1em`.
 * @cssprop --shelf-duration - Length of transitions. Default: `150ms` (none with reduced motion).
 * @cssprop --shelf-sidebar-width - Width of the filter sidebar in the wide layout. Default: `16em`.
 * @cssprop --shelf-library-background - Background behind the whole library. Default: the page's in light, `--shelf-color-surface` in dark.
 */
export class ShelfLibrary extends ShelfElement implements LibraryHost {
  static override styles = [tokens, styles];

  static override properties: PropertyDeclarations = {
    src: {},
    catalogue: { attribute: false },
    pageSize: { type: Number, attribute: 'page-size' },
    paging: {},
    facets: {},
    sort: {},
    boostRecent: { attribute: 'boost-recent' },
    syncUrl: { type: Boolean, attribute: 'sync-url' },
    urlPrefix: { attribute: 'url-prefix' },
    theme: { reflect: true },
    label: {},
    filtersOpen: { state: true },
    copied: { state: true },
    exporting: { state: true },
    composed: { state: true },
  };

  /**
   * `registerMessages` of the copy of Reportshelf that defined the elements: with both drop-in
   * files on a page, the second one's strings must reach the first one's elements.
   */
  static registerMessages = registerMessages;

  /**
   * Reads a spreadsheet given as `src` (a CSV, or a workbook, by its type or extension, or a
   * Google Sheet's `output=csv`) into a catalogue, as the command line does. The drop-in files
   * have one (the lite file's runs in a worker, from `reportshelf.sheet.js` beside it); a page
   * using the elements package may set one.
   */
  static convertSheet?: (bytes: Uint8Array, name: string) => Promise<SheetResult>;

  /**
   * Gives the elements what they load beyond their first page (see `Loaders`): the file that
   * bundles them does, before they connect. The elements package uses those in the page.
   */
  static use = useLoaders;

  /** The catalogue used when neither `src` nor `catalogue` is given (the drop-in build sets it). */
  static defaultCatalogue: unknown = undefined;

  /** The search state; elements subscribe to it. */
  readonly store = createStore();

  /** Address of a catalogue JSON file, relative to the page. */
  src?: string;

  /** A catalogue object (any JSON value; it is validated), or a promise of one. Takes precedence over `src`. */
  catalogue?: unknown;

  /** Reports per page (1 to 100); visitors may choose 10, 25 or 50 as well (see `shelf-pagination`). */
  pageSize = 10;

  /** `more`: a "Show more" button adds the next page's reports below the others, in place of page numbers. */
  paging?: 'more' | 'pages';

  /** Facets the filter bar shows, in order, space-separated. Default: `region country category year`. */
  facets?: string;

  /** Initial sort order: `relevance`, `newest`, `oldest`, `title` or `added` (recently added first). */
  sort: SortOrder = 'relevance';

  /**
   * How much newer reports rank above older ones of similar relevance, in relevance order: `none`,
   * `mild` (the default: a report of the catalogue's newest year scores a tenth more, one ten years
   * older a thirtieth) or `strong` (half as much again, and a sixth ten years older). Reports
   * without a year are neither raised nor lowered. Measured to cost no relevance: bench/RESULTS.md.
   */
  boostRecent?: 'none' | 'mild' | 'strong';

  /** Keeps the view in the address so that Back, Forward and shared links work. */
  syncUrl = false;

  /** Prefix for this library's address parameters, for pages with several libraries. */
  urlPrefix = '';

  /** A name for this library, added to its landmarks' names (needed when a page has several). */
  label?: string;

  /** `light`, `dark`, or unset to follow the visitor's system setting. */
  theme?: 'light' | 'dark';

  private filtersOpen = false;
  /** The address last copied with "Copy link to this search": "Link copied" is said while it is the view's. */
  private copied = '';
  private composed = false;
  private exporting = false;

  private loading?: AbortController;
  private restoring = false;
  /** The history entry holds words still being typed: the next keystroke replaces it, not adds one. */
  private typing = false;
  private settling: ReturnType<typeof setTimeout> | undefined;
  private lastQuery: Query | undefined;
  private lastResults: Results | null = null;
  private stopListening: (() => void) | undefined;
  private readonly childObserver = new MutationObserver(() => this.checkChildren());
  private readonly onPopState = () => this.readUrl();

  /** The facets the filter bar shows, read from `facets`. */
  get facetList(): readonly FilterName[] {
    return parseFacetList(this.facets, this.localName);
  }

  constructor() {
    super();
    // The library provides itself to the elements inside it, and is its own library.
    this.provided = provideLibrary(this);
  }

  /** Says, on each connection, that this library answers requests (see provideLibrary). */
  private readonly provided: () => void;

  /** The library is its own: it asks no other. */
  protected override askLibrary(): void {}

  override connectedCallback(): void {
    super.connectedCallback();
    this.provided();
    this.attach(this);
    this.checkChildren();
    this.childObserver.observe(this, { childList: true });
    this.stopListening = this.store.subscribe((s) => this.onState(s));
    window.addEventListener('popstate', this.onPopState);
    addLibrary(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.childObserver.disconnect();
    this.stopListening?.();
    window.removeEventListener('popstate', this.onPopState);
    removeLibrary(this);
    this.store.getEngine()?.stop();
    this.exportJob?.abort();
  }

  /** Any child composes the library, but content for visitors without script: `<noscript>` and `slot="fallback"`. */
  private checkChildren(): void {
    this.composed = [...this.children].some((child) => child.localName !== 'noscript' && child.slot !== 'fallback');
  }

  private validSort(): SortOrder {
    return takes('sort', this.sort, SORT_ORDERS) ? this.sort : 'relevance';
  }

  /** The weight of `boost-recent`, unset for the default. */
  private validBoost(): number | undefined {
    const boost = this.boostRecent;
    return boost && takes('boost-recent', boost, Object.keys(RECENCY)) ? RECENCY[boost] : undefined;
  }

  private urlQuery(): Partial<Query> {
    const query = this.syncUrl ? decodeQuery(new URLSearchParams(location.search), this.urlPrefix) : {};
    // A link to one report: that report takes the focus once shown.
    if (query.report) requestResultsFocus(this.store);
    return query;
  }

  /** @internal Reads the view from the address (also when a report's view, opened at its address, closes). */
  readUrl(): void {
    if (!this.syncUrl) return;
    // What Back or Forward restores is written back (with defaults the address leaves out, such as
    // a page size) in place: a new entry would lose Forward.
    this.restoring = true;
    this.replaceQuery();
  }

  /** The query of the attributes and the address (the store's, but for its page size). */
  private replaceQuery(): void {
    this.store.replaceQuery({
      pageSize: this.pageSize,
      sort: this.validSort(),
      boostRecent: this.validBoost(),
      ...this.urlQuery(),
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Two libraries keeping their state under one prefix overwrite each other's: the warning's
    // words come with the panels (loaded only then).
    if (
      this.syncUrl &&
      (changed.has('syncUrl') || changed.has('urlPrefix')) &&
      [...document.querySelectorAll('shelf-library')].some(
        (other) => other != this && other.syncUrl && other.urlPrefix == this.urlPrefix,
      )
    )
      loaders.loadPanels().then(
        (panels) => panels.warnSharedPrefix(this.urlPrefix),
        () => {},
      );
    if (changed.has('paging')) this.store.setMore(this.paging == 'more');
    if (!this.hasUpdated) this.replaceQuery();
    else {
      if (changed.has('pageSize')) this.store.setQuery({ pageSize: this.pageSize });
      if (changed.has('sort')) this.store.setQuery({ sort: this.validSort() });
      if (changed.has('boostRecent')) this.store.setQuery({ boostRecent: this.validBoost() });
    }
    if (!this.hasUpdated || changed.has('src') || changed.has('catalogue')) void this.load();
  }

  private onState(s: StoreState): void {
    if (s.failure) this.engineFailed(s.failure);
    const previous = this.lastQuery;
    if (JSON.stringify(previous) !== JSON.stringify(s.query)) {
      this.lastQuery = s.query;
      // The export is of every page: another page keeps it, other results close (and cancel) it.
      if (this.exporting && JSON.stringify({ ...previous, page: 0 }) !== JSON.stringify({ ...s.query, page: 0 }))
        this.export();
      if (previous) emit(this, 'shelf-query-change', { query: s.query });
      if (this.syncUrl && s.status === 'ready') this.writeUrl(previous, s.query);
    }
    this.restoring = false;
    if (s.results && s.results !== this.lastResults) {
      this.lastResults = s.results;
      emit(this, 'shelf-results-change', { results: s.results });
    }
  }

  private writeUrl(previous: Query | undefined, query: Query): void {
    const url = new URL(location.href);
    encodeQuery(query, this.urlPrefix, url.searchParams, this.pageSize);
    if (url.href === location.href) return;
    // A search settled (by a pause or Enter) keeps its entry; the first keystroke after it adds
    // one for the new words, which the next keystrokes replace until they settle in turn.
    const words = !this.restoring && !!previous && onlyWordsChanged(previous, query);
    history[this.restoring || !previous || (words && this.typing) ? 'replaceState' : 'pushState'](
      history.state,
      '',
      url,
    );
    this.typing = words;
    clearTimeout(this.settling);
    if (words) this.settling = setTimeout(this.settleWords, SETTLED_MS);
  }

  /** @internal The words typed so far are a search of their own in the history (the search box's Enter). */
  settleWords = (): void => queueMicrotask(() => (this.typing = false));

  private fail(kind: CatalogueErrorKind, message: string, extra: Partial<CatalogueErrorDetail> = {}): void {
    this.store.setError(message);
    console.error(`<shelf-library>: ${message}`);
    emit(this, 'shelf-catalogue-error', { kind, message, problems: [], ...extra });
  }

  /** Loads the catalogue again from its source. */
  async load(): Promise<void> {
    // A newer load supersedes this one: its fetch is aborted and its later steps do nothing.
    this.loading?.abort();
    const loading = (this.loading = new AbortController());
    const stale = () => loading.signal.aborted;
    const t = this.l10n.messages;
    const reason = (error: unknown) => (error instanceof Error ? error.message : String(error ?? ''));
    let given: unknown;
    try {
      given = this.catalogue;
    } catch (error) {
      this.fail('format', t.errorGiven(reason(error)));
      return;
    }
    let input: unknown;
    if (given instanceof Promise) {
      // A page may fetch the catalogue itself (with its own headers, say) and hand over the promise.
      this.store.setLoading();
      try {
        input = await given;
      } catch (error) {
        if (!stale()) this.fail('network', t.errorGiven(reason(error)));
        return;
      }
      if (stale()) return;
    } else if (given !== undefined) {
      input = given;
    } else if (this.src) {
      const src = this.src;
      this.store.setLoading();
      let response: Response;
      let bytes: Uint8Array;
      const url = new URL(src, document.baseURI);
      loaders.warm(url);
      try {
        // A sheet changes between visits: asked for afresh (a copy the server says is current is used).
        response = await fetch(url, { credentials: 'omit', signal: loading.signal, cache: 'no-cache' });
        if (response.ok) bytes = new Uint8Array(await response.arrayBuffer());
      } catch {
        // Unreachable, or the connection broke in the middle of the body.
        if (!stale()) this.fail('network', t.errorNetwork(src), { src });
        return;
      }
      if (stale()) return;
      if (!response.ok) {
        const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
        this.fail('http', t.errorHttp(src, status), { src, status: response.status });
        return;
      }
      if (isSheet(url, response.headers.get('content-type'))) {
        const convert = ShelfLibrary.convertSheet ?? loaders.convertSheet;
        let sheet: SheetResult;
        try {
          sheet = await convert!(bytes!, url.pathname);
        } catch (error) {
          if (!stale()) this.fail('format', t.errorFormat(reason(error)), { src });
          return;
        }
        if (stale()) return;
        if (sheet.fatal) {
          this.fail('format', t.errorFormat(sheet.problems.find((p) => p.severity === 'error')?.message ?? ''), {
            problems: sheet.problems,
            src,
          });
          return;
        }
        // Its problems as the command line finds them, each with its line and column.
        await this.use(sheet.catalogue, loading.signal, sheet.problems);
        return;
      }
      try {
        input = JSON.parse(new TextDecoder().decode(bytes!));
      } catch {
        this.fail('json', t.errorJson(src), { src });
        return;
      }
    } else if (ShelfLibrary.defaultCatalogue !== undefined) {
      input = ShelfLibrary.defaultCatalogue;
    } else {
      // A page script may still set the catalogue property, or a later script bring the default
      // one: give them this turn, or the rest of the page while it is loading, before complaining.
      await (document.readyState === 'loading'
        ? new Promise((done) => document.addEventListener('DOMContentLoaded', done, { once: true }))
        : Promise.resolve());
      if (stale()) return;
      if (this.catalogue !== undefined || this.src || ShelfLibrary.defaultCatalogue !== undefined) void this.load();
      else this.fail('missing', t.errorMissing);
      return;
    }
    await this.use(input, loading.signal);
  }

  /** Uses a catalogue; `earlier`, the problems of a spreadsheet it was read from, come with its own. */
  private async use(input: unknown, signal: AbortSignal, earlier: Problem[] = []): Promise<void> {
    const stale = () => signal.aborted;
    if (isSplit(input) || isServer(input)) return this.useSplit(input, signal);
    // Every step is its own short task, so that a large catalogue never blocks the page: reading
    // and checking the reports in slices, then the facet tables, then the first page of results.
    const parsed = await parseCatalogueAsync(input);
    const { catalogue, fatal } = parsed;
    const problems = [...earlier, ...parsed.problems];
    if (stale()) return;
    if (fatal) {
      this.fail('format', this.l10n.messages.errorFormat(problems[0]?.message ?? ''), {
        problems,
        ...(this.src ? { src: this.src } : {}),
      });
      return;
    }
    if (problems.length > 0) reportProblems(problems);
    await yieldToPage();
    if (stale()) return;
    // The first number formatted loads the language's data: a task of its own.
    this.l10n.number(0);
    await yieldToPage();
    if (stale()) return;
    const library = createTables(catalogue);
    await yieldToPage();
    if (stale()) return;
    // The first page shows from the catalogue at once; the index is made right after (in slices
    // that leave the page responsive, or in a worker), and a search typed meanwhile runs as soon
    // as it can. The last catalogue's engine, if any, stops.
    this.store.setLibrary(library, loaders.singleEngine(library));
    emit(this, 'shelf-catalogue-load', { catalogue, count: catalogue.reports.length, problems });
  }

  /**
   * A split catalogue (see `splitCatalogue`): the page keeps its manifest and the labels of the
   * facets shown; the rest is fetched by its reader (the lite file's worker) as queries need it.
   * Or a search server (`src` answered with its descriptor, see `ServerDescriptor` in core), told
   * by the one fetch of `src`: each view is one request to it, the page keeps the catalogue's title
   * and language. Its engine comes with the elements; the lite file loads it from beside itself
   * (`reportshelf.server.js`) only for a page that names a server.
   */
  private async useSplit(input: unknown, signal: AbortSignal): Promise<void> {
    const src = this.src;
    const wrong = (why: string) => this.fail('format', this.l10n.messages.errorFormat(why), src ? { src } : {});
    // Its files are found beside the manifest: a split catalogue comes from an address.
    if (!src || this.catalogue !== undefined)
      return wrong('A split catalogue is read from its address: give it in src.');
    // The worker formats a number first: the language's data, loaded once per process, is then
    // ready for this page's first results (loading it here would be a long task of its own).
    await yieldToPage();
    if (signal.aborted) return;
    const wanted = this.facetList.filter((name): name is FacetName => name !== 'year');
    // The manifest is checked where it is read (the lite file's worker); the page keeps the
    // catalogue's title and language, and its reader fetches the rest, starting over from a new
    // build found in its place.
    const url = new URL(src, document.baseURI);
    const opened = await (isServer(input)
      ? loaders.serverEngineFor(input, url)
      : loaders.openSplit(input, url, this.l10n.lang, this.store));
    // What is wrong with the manifest, or (null) no engine: its file is missing.
    if (!opened || typeof opened == 'string') {
      if (signal.aborted) return;
      return opened
        ? wrong(opened)
        : this.fail('worker', this.l10n.messages.fileFailed(isServer(input) ? 'server' : 'split'), { src });
    }
    const { engine, manifest } = opened;
    if (signal.aborted) return engine.stop();
    this.store.setLibrary(engine.library, engine, wanted);
    emit(this, 'shelf-catalogue-load', { catalogue: engine.library.catalogue, count: manifest.count, problems: [] });
  }

  /** Says why the engine could not answer, as what it is: no search worker, one that stalled, or a file not to be had or damaged. */
  private engineFailed({ kind, message }: EngineError): void {
    const t = this.l10n.messages;
    const src = this.src!;
    // A worker that failed or stalled has said why already.
    if (kind != 'engine' && kind != 'timeout') console.error(`<shelf-library>: ${message}`);
    const [as, said] = (
      {
        engine: ['worker', t.searchFailed],
        timeout: ['timeout', t.errorSlow],
        network: ['network', t.errorNetwork(src)],
      } as Record<string, [CatalogueErrorKind, string]>
    )[kind] ?? ['format', t.errorFormat(message)];
    this.fail(as, said, { src });
  }

  /** The narrow layout's filter panel closes; focus goes back to its toggle, with the count just below. */
  private closeFilters = (): void => {
    this.filtersOpen = false;
    this.renderRoot.querySelector<HTMLElement>('#toggle')?.focus();
  };

  /** Past the search and the filters: the results' heading takes the focus, the first card is the next Tab stop. */
  private skip = (e: Event): void => {
    e.preventDefault();
    this.renderRoot
      .querySelector('shelf-report-list')
      ?.renderRoot.querySelector<HTMLElement>('#results-heading')
      ?.focus();
  };

  /** The export being prepared: closing the panel, or another query, cancels it. */
  private exportJob?: AbortController;

  /**
   * Opens or closes the export of every result; its panel is loaded the first time (see
   * cite/panels.ts). Each opening is an export of its own, of the results of then: a split
   * catalogue's reports come from its files, with progress shown, and only this opening's may fill
   * the panel (an earlier one, cancelled, never does).
   */
  private export = (): void => {
    this.exportJob?.abort();
    this.exportJob = undefined;
    this.exporting = !this.exporting;
    const panel = this.renderRoot.querySelector<HTMLElement>('#export');
    panel?.replaceChildren();
    if (!this.exporting || !panel) return;
    const { signal } = (this.exportJob = new AbortController());
    const count = this.count;
    // (What it does is in the panels' module, loaded then.)
    void loaders.loadPanels().then(
      (panels) =>
        panels.exportInto(
          panel,
          this.store,
          count,
          signal,
          (error) => this.engineFailed(error),
          this.l10n.messages.panels,
        ),
      () => panel.replaceChildren(this.l10n.messages.panelFailed),
    );
  };

  /** How many reports the results hold, as the interface says it: "12 reports". */
  private get count(): string {
    const total = this.shelf?.results?.total ?? 0;
    return `${this.l10n.number(total)} ${this.l10n.plural(this.l10n.messages.reports, total)}`;
  }

  /**
   * The Atom feed that follows the filters chosen, where the catalogue has feeds (the CLI writes
   * them beside it and names them in it): its address beside the catalogue, and its link's text.
   */
  private follow() {
    const { src, shelf } = this;
    const feed = src && shelf && followFeed(this.store.getLibrary()?.catalogue.feeds, shelf.query);
    if (!feed) return nothing;
    const facet = FACET_NAMES.find((name) => shelf.query.filters[name]?.length);
    const text = this.l10n.messages.follow(feed.value && this.l10n.value(facet!, feed.value));
    return html`<a class="link" part="follow" type="application/atom+xml" href=${new URL(feed.path, new URL(src, document.baseURI)).href}>${text}</a>`;
  }

  /** Filters in force (the search words aside), as the chips count them. */
  private activeCount(): number {
    const q = this.shelf?.query;
    return q ? refinements(q, this.l10n).filter((r) => r.key !== 'q').length : 0;
  }

  protected override render() {
    if (this.composed) return html`<slot></slot>`;
    const t = this.l10n.messages;
    const active = this.activeCount();
    return html`<div class="layout" part="layout" lang=${this.l10n.lang} dir=${this.direction}>
      <div class="search" part="search"><shelf-search-box exportparts=${PARTS.search}></shelf-search-box></div>
      <a class="visually-hidden button skip" part="skip-link" href="#results" @click=${this.skip}>${t.skipToResults}</a>
      <button class="button toggle" id="toggle" part="filters-toggle" aria-expanded=${this.filtersOpen ? 'true' : 'false'} aria-controls="filters" @click=${() => (this.filtersOpen = !this.filtersOpen)}>
        ${t.filters} ${active ? html`<span class="badge">${this.l10n.number(active)}</span>` : ''}
      </button>
      <div class="sidebar ${this.filtersOpen ? '' : 'closed'}" id="filters" part="sidebar" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && !e.defaultPrevented && this.closeFilters()}>
        <shelf-filter-bar exportparts=${PARTS.filters}></shelf-filter-bar>
        ${
          // Numbers wait for the first results: the first one formatted loads the language's data
          // (see `useSplit`), and the list shows its skeleton until then anyway.
          this.shelf?.results && !(this.shelf.results.pending && this.shelf.results.total === 0)
            ? html`<button class="button done" part="filters-done" @click=${this.closeFilters}>${t.showReports(this.count)}</button>`
            : nothing
        }
      </div>
      <div class="toolbar" part="toolbar">
        <shelf-result-summary exportparts="summary: result-summary"></shelf-result-summary>${
          this.syncUrl && navigator.clipboard
            ? html`<button class="link" part="copy-link" @click=${() => navigator.clipboard.writeText(location.href).then(() => (this.copied = location.href))}>${t.copyLink}</button><span role="status" class="visually-hidden">${this.copied === location.href ? t.linkCopied : ''}</span>`
            : nothing
        }${
          this.shelf?.results?.total
            ? html`<button class="link" part="export" aria-expanded=${this.exporting ? 'true' : 'false'} aria-controls="export" @click=${this.export}>${t.exportReports(this.count)}</button>`
            : nothing
        }${this.follow()}<shelf-sort-select exportparts="label: sort-label, select: sort-select"></shelf-sort-select>
        <div id="export" part="export-panel" ?hidden=${!this.exporting}></div>
      </div>
      <div class="main" part="main">
        <shelf-active-filters exportparts="group: chips, chip, clear-all: chips-clear-all"></shelf-active-filters>
        <shelf-report-list exportparts=${PARTS.list}></shelf-report-list>
        <shelf-pagination exportparts="nav: pager, page, current: current-page, previous: previous-page, next: next-page, show-more, page-size-label, page-size"></shelf-pagination>
      </div>
    </div>`;
  }
}

/** The inner pieces' parts, re-exported under the names the library documents. */
const PARTS = {
  search: 'form: search-form, label: search-label, input: search-input, clear-button: search-clear, hint: search-hint',
  filters:
    'group: filter-group, group-label: filter-group-label, option: filter-option, count: filter-count, show-all: filter-show-all, filter-input, year-chart, clear-all: filters-clear-all',
  list: 'list: results-list, heading: results-heading, empty, way-out, error, skeleton, card, card-frame, card-title, card-link, card-meta, card-authors, card-organizations, card-summary, card-toggle, card-highlight, card-cite-toggle, card-cite',
};

function reportProblems(problems: Problem[]): void {
  const errors = problems.filter((p) => p.severity === 'error').length;
  console.warn(
    `<shelf-library>: the catalogue had ${problems.length} problem(s); ${errors} report(s) were skipped and the rest shown.\n` +
      // A spreadsheet's (see SheetResult) with their line and column, as the command line prints them.
      problems
        .map(
          (p: SheetResult['problems'][number]) =>
            `- ${p.line ? `line ${p.line}${p.column ? `, column ${p.column}` : ''}: ` : ''}${p.message}`,
        )
        .join('\n'),
  );
}

declare global {
  interface HTMLElementTagNameMap {
    'shelf-library': ShelfLibrary;
  }
}
