import type { FacetName, SortOrder } from '@reportshelf/core';
import type { CiteMessages } from '../cite/messages.js';
import { en } from './messages/en.js';
import { loaders } from './loaders.js';

/**
 * UI strings: English, French, Spanish and Arabic come with the elements (each in messages/), and a
 * page can add a language or reword any string with `registerMessages`. A hand-written table rather
 * than a localisation library: four languages of about fifty strings cost under 4 KB gzipped, while
 * @lit/localize or an ICU formatter would add runtime weight or a build step to the drop-in file.
 * Numbers and plural forms go through `Intl`. English is always in the bundle; the others are too,
 * except in the lite drop-in file, which loads each from beside itself when first spoken
 * (shared/on-demand.ts): until it arrives the interface speaks English, as with @lit/localize's
 * runtime mode.
 */
/** A language the interface speaks: a primary language subtag (`en`, `pt`), lower case. */
export type Language = string;
/** The languages bundled with the elements. */
export const LANGUAGES: readonly Language[] = ['en', 'fr', 'es', 'ar'];

export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface Messages {
  search: string;
  searchPlaceholder: string;
  clearSearch: string;
  /** How to search: quotes and -words. */
  searchHint: string;
  filters: string;
  /** The narrow layout's button that closes the filters, with the count as said: "Show 12 reports". */
  showReports: (reports: string) => string;
  facet: Record<FacetName | 'year', string>;
  filterWithin: (facet: string) => string;
  noMatchingValues: string;
  showAll: (count: string) => string;
  showFewer: string;
  yearFrom: string;
  yearTo: string;
  anyYear: string;
  /** The name of the chart of reports per year, whose bars pick years. */
  yearChart: string;
  /** The checkbox that includes reports without a year, and the year chip when it is off without a range. */
  undated: string;
  dated: string;
  clearAll: string;
  activeFilters: string;
  removeFilter: (facet: string, value: string) => string;
  removeSearch: (q: string) => string;
  searchChip: (q: string) => string;
  reports: Plural;
  showing: (start: string, end: string, total: string, reports: string) => string;
  showingFor: (start: string, end: string, total: string, reports: string, q: string) => string;
  noResults: string;
  noResultsFor: (q: string) => string;
  /** After the count, when no report has every word of the search: the best matches are shown. */
  noneHaveAll: string;
  /** After the count, when some reports have every word and the best matches follow them. */
  someHaveAll: (count: string, reports: string) => string;
  emptyHint: string;
  /** When nothing matches: the button that removes one constraint, "Show 5 reports without Country". */
  showWithout: (reports: string, what: string) => string;
  /** When nothing matches and a word matches nothing: the button that searches the index's spelling. */
  didYouMean: (q: string) => string;
  loading: string;
  searching: string;
  /** The lite file's search worker could not be started (its file missing): no search runs. */
  searchFailed: string;
  /**
   * The lite file's engine for a split catalogue or a search server could not be had (its file,
   * reportshelf.NAME.js: split or server, missing): no search runs.
   */
  fileFailed: (name: string) => string;
  errorTitle: string;
  errorHttp: (src: string, status: string) => string;
  errorNetwork: (src: string) => string;
  /** A catalogue given as a property (or a promise of one) could not be had; the reason, if any. */
  errorGiven: (reason: string) => string;
  errorJson: (src: string) => string;
  errorFormat: (detail: string) => string;
  errorMissing: string;
  sortBy: string;
  /** With sync-url: the button that copies the address of the view, and what it says once done. */
  copyLink: string;
  linkCopied: string;
  /** Each card's button that opens its citation. */
  cite: string;
  /** Each card's button that opens the report's own view. */
  details: string;
  /** The results toolbar's button that opens the export: "Export 12 reports". */
  exportReports: (reports: string) => string;
  /** The link to the Atom feed of new reports (where the catalogue has feeds): of one filter's value ("Nigeria"), or of all. */
  follow: (value?: string) => string;
  /** The chip of a link to one report (`report=ID`), and what a link to a report no longer there says. */
  linkedReport: string;
  reportGone: string;
  /** The strings of the cite and export panels, which come with them: a page may reword any. */
  panels?: Partial<CiteMessages>;
  sort: Record<SortOrder, string>;
  showMore: string;
  showLess: string;
  year: string;
  countries: string;
  regions: string;
  categories: string;
  authors: string;
  organizations: string;
  pagination: string;
  previous: string;
  next: string;
  page: (n: string) => string;
  /** The label of the page size's list (10, 25, 50). */
  perPage: string;
  /** With "Show more" paging, the button that adds the next page: "Show 10 more reports". */
  moreReports: (count: string, reports: string) => string;
  results: string;
  /** Reports of this page whose files could not be had (a split catalogue's), with the count as said: "2 reports". */
  unavailable: (reports: string) => string;
  /** A split catalogue's search worker stopped answering. */
  errorSlow: string;
  /** In place of the cite or export panel when its file could not be loaded (missing beside the lite drop-in file). */
  panelFailed: string;
  /** The default layout's link past the search and filters to the results, seen when focused. */
  skipToResults: string;
  /** The list and the summary when the catalogue itself has no reports (no filter to blame). */
  noReports: string;
  /** In place of the year chart when no result has a year. */
  noYears: string;
  /** After the summary when some of a split catalogue's index or facet files could not be had. */
  incomplete: string;
  /** In place of `reportGone` when the linked report's split file could not be had. */
  reportUnloaded: string;
}

const MESSAGES: Record<Language, Messages> = { en };
// What the page registered, per language, to apply again to a language that arrives later.
const added: Record<Language, MessageOverrides[]> = {};
const requested = new Set<Language>();
const RTL = new Set(['ar', 'he', 'fa', 'ur']);

/** Messages to add or change: any of them; within `facet`, `sort`, `reports` and `panels`, any of those. */
export type MessageOverrides = {
  [K in keyof Messages]?: Messages[K] extends (...args: never[]) => unknown ? Messages[K] : Partial<Messages[K]>;
};

const changes = new Set<() => void>();
/** Called whenever `registerMessages` changes what a language says (elements re-render). */
export const onMessagesChange = (listener: () => void): void => void changes.add(listener);

/**
 * Adds a language or rewords strings, for every element on the page, at once. A new language
 * takes English for any string it does not give; plural forms (`reports`) use the language's own
 * rules from `Intl.PluralRules`, and `he`, `fa` and `ur`, like `ar`, are written right to left.
 *
 * @example registerMessages('pt', { search: 'Pesquisar relatórios', reports: { one: 'relatório', other: 'relatórios' }, … })
 * @example registerMessages('en', { search: 'Search our publications' })
 */
export function registerMessages(lang: string, messages: MessageOverrides): void {
  const key = String(lang).toLowerCase().split(/[-_]/)[0]!;
  if (!/^[a-z]{2,3}$/.test(key)) {
    throw new TypeError(`registerMessages: "${lang}" is not a language code such as pt or de-CH.`);
  }
  const valid = checked(lang, messages);
  (added[key] ??= []).push(valid);
  settle(key, merge(messagesOf(key, true), valid));
}

/**
 * The strings of English's shape (a string, a function, a set of strings; `panels` is the panels'
 * own); each other one is said, naming it, and left out. A function that throws or gives no
 * string speaks English instead, so that a partner's typo never stops a render.
 */
function checked(lang: string, messages: MessageOverrides): MessageOverrides {
  const valid: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(messages ?? {})) {
    const model = name == 'panels' ? {} : (en as unknown as Record<string, unknown>)[name];
    const type = typeof model;
    if (
      model === undefined ||
      typeof value != type ||
      (type == 'object' && !(value && (name == 'panels' || Object.values(value).every((v) => typeof v == 'string'))))
    ) {
      console.warn(
        `Reportshelf: registerMessages("${lang}"): "${name}" is not ${model === undefined ? 'a message' : `a ${type == 'object' ? 'set of strings' : type} as in English`}; it is left out.`,
      );
      continue;
    }
    let warned = false;
    valid[name] =
      type == 'function'
        ? (...args: never[]) => {
            try {
              const said = (value as (...a: never[]) => unknown)(...args);
              if (typeof said == 'string') return said;
            } catch {
              // English, below.
            }
            if (!warned)
              console.warn(`Reportshelf: "${name}" of registerMessages("${lang}") failed; English is shown.`);
            warned = true;
            return (model as (...a: never[]) => string)(...args);
          }
        : value;
  }
  return valid;
}

function merge(base: Messages, messages: MessageOverrides): Messages {
  const merged: Record<string, unknown> = { ...base };
  for (const [name, value] of Object.entries(messages)) {
    const old = (base as unknown as Record<string, unknown>)[name];
    merged[name] = value && typeof value === 'object' && typeof old === 'object' ? { ...old, ...value } : value;
  }
  return merged as unknown as Messages;
}

function settle(key: Language, messages: Messages): void {
  MESSAGES[key] = messages;
  cache.delete(key);
  changes.forEach((listener) => listener());
}

/**
 * A language's strings: registered, or as the loaders give them (see shared/loaders.ts); one still
 * to load is asked for (once, unless `only` what is had), and English stands in meanwhile.
 */
function messagesOf(lang: Language, only?: true): Messages {
  const source = loaders.languages[lang];
  if (typeof source == 'function' && !only && !requested.has(lang)) {
    requested.add(lang);
    source().then(
      (messages) => settle(lang, (added[lang] ?? []).reduce(merge, messages)),
      (error: unknown) =>
        console.warn(`Reportshelf: the "${lang}" strings could not be loaded (${error}); English is shown.`),
    );
  }
  return MESSAGES[lang] ?? (typeof source == 'object' ? source : en);
}

/** The direction of text in a language ("ar-EG" → rtl); `auto` when the language is not known. */
export const directionOf = (lang: string | undefined): 'ltr' | 'rtl' | 'auto' =>
  lang ? (RTL.has(lang.toLowerCase().split('-')[0]!) ? 'rtl' : 'ltr') : 'auto';

/** The language the interface speaks for a BCP 47 tag: "fr-CA" → "fr"; one it does not know → "en". */
export function supportedLanguage(tag: string | null | undefined): Language {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0]!;
  return Object.hasOwn(MESSAGES, primary) || Object.hasOwn(loaders.languages, primary) ? primary : 'en';
}

/** Everything an element needs to speak one language. */
export class Localizer {
  readonly messages: Messages;
  readonly dir: 'ltr' | 'rtl';
  // Intl objects are made when first needed: the first one a page makes loads locale data, which
  // can take tens of milliseconds, and should not lengthen the task that happens to ask first.
  private numbers?: Intl.NumberFormat;
  private years?: Intl.NumberFormat;
  private plurals?: Intl.PluralRules;
  private languages?: Intl.DisplayNames;

  constructor(readonly lang: Language) {
    this.messages = messagesOf(lang);
    this.dir = RTL.has(lang) ? 'rtl' : 'ltr';
  }

  number(n: number): string {
    return (this.numbers ??= new Intl.NumberFormat(this.lang)).format(n);
  }

  /** A plain year, without grouping separators ("2015", not "2,015"). */
  year(n: number): string {
    return (this.years ??= new Intl.NumberFormat(this.lang, { useGrouping: false })).format(n);
  }

  /** A facet value as people read it: language codes become names ("fr" → "français"). */
  value(facet: string, value: string): string {
    if (facet !== 'language') return value;
    try {
      return (
        (this.languages ??= new Intl.DisplayNames(this.lang, { type: 'language', fallback: 'code' })).of(value) ?? value
      );
    } catch {
      return value;
    }
  }

  plural(forms: Plural, n: number): string {
    // English's rules for English text (a language whose strings could not be loaded).
    return (
      forms[(this.plurals ??= new Intl.PluralRules(this.messages == en ? 'en' : this.lang)).select(n)] ?? forms.other
    );
  }
}

const cache = new Map<Language, Localizer>();
export function localizer(lang: Language): Localizer {
  let l = cache.get(lang);
  if (!l) cache.set(lang, (l = new Localizer(lang)));
  return l;
}
