import type { FacetName, SortOrder } from '@reportshelf/core';

/**
 * UI strings in English, French, Spanish and Arabic. A hand-written table rather than a
 * localisation library: four languages of about fifty strings cost under 4 KB gzipped, while
 * @lit/localize or an ICU formatter would add runtime weight or a build step to the drop-in file.
 * Numbers and plural forms go through `Intl`.
 */
export type Language = 'en' | 'fr' | 'es' | 'ar';
export const LANGUAGES: readonly Language[] = ['en', 'fr', 'es', 'ar'];

type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface Messages {
  search: string;
  searchPlaceholder: string;
  clearSearch: string;
  /** How to search: quotes and -words. */
  searchHint: string;
  filters: string;
  facet: Record<FacetName | 'year', string>;
  filterWithin: (facet: string) => string;
  noMatchingValues: string;
  showAll: (count: string) => string;
  showFewer: string;
  yearFrom: string;
  yearTo: string;
  anyYear: string;
  yearChart: (detail: string) => string;
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
  emptyHint: string;
  loading: string;
  searching: string;
  errorTitle: string;
  errorHttp: (src: string, status: string) => string;
  errorNetwork: (src: string) => string;
  /** A catalogue given as a property (or a promise of one) could not be had; the reason, if any. */
  errorGiven: (reason: string) => string;
  errorJson: (src: string) => string;
  errorFormat: (detail: string) => string;
  errorMissing: string;
  sortBy: string;
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
  results: string;
}

const en: Messages = {
  search: 'Search reports',
  searchPlaceholder: 'Title, author, country, topic…',
  clearSearch: 'Clear search',
  searchHint: 'Tip: "exact words" in quotes; -word leaves a word out.',
  filters: 'Filters',
  facet: {
    region: 'Region',
    country: 'Country',
    category: 'Category',
    author: 'Author',
    organization: 'Organisation',
    language: 'Language',
    year: 'Year',
  },
  filterWithin: (facet) => `Filter ${facet.toLowerCase()} values`,
  noMatchingValues: 'No matching values',
  showAll: (count) => `Show all ${count}`,
  showFewer: 'Show fewer',
  yearFrom: 'From',
  yearTo: 'To',
  anyYear: 'Any',
  yearChart: (detail) => `Reports per year: ${detail}`,
  clearAll: 'Clear all',
  activeFilters: 'Active filters',
  removeFilter: (facet, value) => `Remove filter ${facet}: ${value}`,
  removeSearch: (q) => `Remove search “${q}”`,
  searchChip: (q) => `“${q}”`,
  reports: { one: 'report', other: 'reports' },
  showing: (start, end, total, reports) => `Showing ${start}–${end} of ${total} ${reports}`,
  showingFor: (start, end, total, reports, q) => `Showing ${start}–${end} of ${total} ${reports} for “${q}”`,
  noResults: 'No reports match these filters',
  noResultsFor: (q) => `No reports match “${q}”`,
  emptyHint: 'Try removing a filter or changing the search.',
  loading: 'Loading reports…',
  searching: 'Searching…',
  errorTitle: 'The reports could not be loaded',
  errorHttp: (src, status) => `The catalogue at ${src} could not be fetched: the server answered ${status}.`,
  errorNetwork: (src) => `The catalogue at ${src} could not be reached.`,
  errorGiven: (reason) => `The catalogue given to the page could not be read${reason ? `: ${reason}` : '.'}`,
  errorJson: (src) => `The catalogue at ${src} is not valid JSON.`,
  errorFormat: (detail) => `The catalogue is not in the expected format. ${detail}`,
  errorMissing: 'No catalogue was given: set the src attribute or the catalogue property.',
  sortBy: 'Sort by',
  sort: { relevance: 'Relevance', newest: 'Newest first', oldest: 'Oldest first', title: 'Title (A–Z)' },
  showMore: 'Show more',
  showLess: 'Show less',
  year: 'Year',
  countries: 'Countries',
  regions: 'Regions',
  categories: 'Categories',
  authors: 'Authors',
  organizations: 'Published by',
  pagination: 'Result pages',
  previous: 'Previous page',
  next: 'Next page',
  page: (n) => `Page ${n}`,
  results: 'Results',
};

const fr: Messages = {
  search: 'Rechercher des rapports',
  searchPlaceholder: 'Titre, auteur, pays, thème…',
  clearSearch: 'Effacer la recherche',
  searchHint: 'Astuce : "mots exacts" entre guillemets ; -mot écarte un mot.',
  filters: 'Filtres',
  facet: {
    region: 'Région',
    country: 'Pays',
    category: 'Catégorie',
    author: 'Auteur',
    organization: 'Organisation',
    language: 'Langue',
    year: 'Année',
  },
  filterWithin: (facet) => `Filtrer la liste ${facet.toLowerCase()}`,
  noMatchingValues: 'Aucune valeur ne correspond',
  showAll: (count) => `Afficher les ${count}`,
  showFewer: 'Afficher moins',
  yearFrom: 'De',
  yearTo: 'À',
  anyYear: 'Toutes',
  yearChart: (detail) => `Rapports par année : ${detail}`,
  clearAll: 'Tout effacer',
  activeFilters: 'Filtres actifs',
  removeFilter: (facet, value) => `Retirer le filtre ${facet} : ${value}`,
  removeSearch: (q) => `Retirer la recherche « ${q} »`,
  searchChip: (q) => `« ${q} »`,
  reports: { one: 'rapport', other: 'rapports' },
  showing: (start, end, total, reports) => `${start}–${end} sur ${total} ${reports}`,
  showingFor: (start, end, total, reports, q) => `${start}–${end} sur ${total} ${reports} pour « ${q} »`,
  noResults: 'Aucun rapport ne correspond à ces filtres',
  noResultsFor: (q) => `Aucun rapport ne correspond à « ${q} »`,
  emptyHint: 'Essayez de retirer un filtre ou de modifier la recherche.',
  loading: 'Chargement des rapports…',
  searching: 'Recherche…',
  errorTitle: 'Les rapports n’ont pas pu être chargés',
  errorHttp: (src, status) => `Le catalogue ${src} n’a pas pu être récupéré : le serveur a répondu ${status}.`,
  errorNetwork: (src) => `Le catalogue ${src} est injoignable.`,
  errorGiven: (reason) => `Le catalogue fourni à la page n’a pas pu être lu${reason ? ` : ${reason}` : '.'}`,
  errorJson: (src) => `Le catalogue ${src} n’est pas un JSON valide.`,
  errorFormat: (detail) => `Le catalogue n’a pas le format attendu. ${detail}`,
  errorMissing: 'Aucun catalogue : indiquez l’attribut src ou la propriété catalogue.',
  sortBy: 'Trier par',
  sort: { relevance: 'Pertinence', newest: 'Plus récents', oldest: 'Plus anciens', title: 'Titre (A–Z)' },
  showMore: 'Afficher plus',
  showLess: 'Afficher moins',
  year: 'Année',
  countries: 'Pays',
  regions: 'Régions',
  categories: 'Catégories',
  authors: 'Auteurs',
  organizations: 'Publié par',
  pagination: 'Pages de résultats',
  previous: 'Page précédente',
  next: 'Page suivante',
  page: (n) => `Page ${n}`,
  results: 'Résultats',
};

const es: Messages = {
  search: 'Buscar informes',
  searchPlaceholder: 'Título, autor, país, tema…',
  clearSearch: 'Borrar la búsqueda',
  searchHint: 'Consejo: "palabras exactas" entre comillas; -palabra excluye una palabra.',
  filters: 'Filtros',
  facet: {
    region: 'Región',
    country: 'País',
    category: 'Categoría',
    author: 'Autor',
    organization: 'Organización',
    language: 'Idioma',
    year: 'Año',
  },
  filterWithin: (facet) => `Filtrar valores de ${facet.toLowerCase()}`,
  noMatchingValues: 'Ningún valor coincide',
  showAll: (count) => `Mostrar los ${count}`,
  showFewer: 'Mostrar menos',
  yearFrom: 'Desde',
  yearTo: 'Hasta',
  anyYear: 'Cualquiera',
  yearChart: (detail) => `Informes por año: ${detail}`,
  clearAll: 'Borrar todo',
  activeFilters: 'Filtros activos',
  removeFilter: (facet, value) => `Quitar el filtro ${facet}: ${value}`,
  removeSearch: (q) => `Quitar la búsqueda «${q}»`,
  searchChip: (q) => `«${q}»`,
  reports: { one: 'informe', other: 'informes' },
  showing: (start, end, total, reports) => `${start}–${end} de ${total} ${reports}`,
  showingFor: (start, end, total, reports, q) => `${start}–${end} de ${total} ${reports} para «${q}»`,
  noResults: 'Ningún informe coincide con estos filtros',
  noResultsFor: (q) => `Ningún informe coincide con «${q}»`,
  emptyHint: 'Pruebe a quitar un filtro o cambiar la búsqueda.',
  loading: 'Cargando informes…',
  searching: 'Buscando…',
  errorTitle: 'No se pudieron cargar los informes',
  errorHttp: (src, status) => `No se pudo obtener el catálogo ${src}: el servidor respondió ${status}.`,
  errorNetwork: (src) => `No se pudo acceder al catálogo ${src}.`,
  errorGiven: (reason) => `No se pudo leer el catálogo dado a la página${reason ? `: ${reason}` : '.'}`,
  errorJson: (src) => `El catálogo ${src} no es un JSON válido.`,
  errorFormat: (detail) => `El catálogo no tiene el formato esperado. ${detail}`,
  errorMissing: 'No se indicó ningún catálogo: use el atributo src o la propiedad catalogue.',
  sortBy: 'Ordenar por',
  sort: { relevance: 'Relevancia', newest: 'Más recientes', oldest: 'Más antiguos', title: 'Título (A–Z)' },
  showMore: 'Mostrar más',
  showLess: 'Mostrar menos',
  year: 'Año',
  countries: 'Países',
  regions: 'Regiones',
  categories: 'Categorías',
  authors: 'Autores',
  organizations: 'Publicado por',
  pagination: 'Páginas de resultados',
  previous: 'Página anterior',
  next: 'Página siguiente',
  page: (n) => `Página ${n}`,
  results: 'Resultados',
};

const ar: Messages = {
  search: 'البحث في التقارير',
  searchPlaceholder: 'العنوان، المؤلف، البلد، الموضوع…',
  clearSearch: 'مسح البحث',
  searchHint: 'تلميح: "كلمات مطابقة" بين علامتي اقتباس؛ و‎-كلمة تستبعد كلمة.',
  filters: 'عوامل التصفية',
  facet: {
    region: 'المنطقة',
    country: 'البلد',
    category: 'الفئة',
    author: 'المؤلف',
    organization: 'المنظمة',
    language: 'اللغة',
    year: 'السنة',
  },
  filterWithin: (facet) => `تصفية قيم ${facet}`,
  noMatchingValues: 'لا توجد قيم مطابقة',
  showAll: (count) => `عرض الكل (${count})`,
  showFewer: 'عرض أقل',
  yearFrom: 'من',
  yearTo: 'إلى',
  anyYear: 'أي سنة',
  yearChart: (detail) => `التقارير حسب السنة: ${detail}`,
  clearAll: 'مسح الكل',
  activeFilters: 'عوامل التصفية النشطة',
  removeFilter: (facet, value) => `إزالة عامل التصفية ${facet}: ${value}`,
  removeSearch: (q) => `إزالة البحث «${q}»`,
  searchChip: (q) => `«${q}»`,
  reports: { zero: 'تقرير', one: 'تقرير', two: 'تقرير', few: 'تقارير', many: 'تقريرًا', other: 'تقرير' },
  showing: (start, end, total, reports) => `عرض ${start}–${end} من ${total} ${reports}`,
  showingFor: (start, end, total, reports, q) => `عرض ${start}–${end} من ${total} ${reports} عن «${q}»`,
  noResults: 'لا توجد تقارير تطابق عوامل التصفية هذه',
  noResultsFor: (q) => `لا توجد تقارير تطابق «${q}»`,
  emptyHint: 'جرّب إزالة أحد عوامل التصفية أو تغيير البحث.',
  loading: 'جارٍ تحميل التقارير…',
  searching: 'جارٍ البحث…',
  errorTitle: 'تعذّر تحميل التقارير',
  errorHttp: (src, status) => `تعذّر جلب الفهرس ${src}: أجاب الخادم ${status}.`,
  errorNetwork: (src) => `تعذّر الوصول إلى الفهرس ${src}.`,
  errorGiven: (reason) => `تعذّرت قراءة الفهرس المُعطى للصفحة${reason ? `: ${reason}` : '.'}`,
  errorJson: (src) => `الفهرس ${src} ليس بتنسيق JSON صالح.`,
  errorFormat: (detail) => `الفهرس ليس بالتنسيق المتوقع. ${detail}`,
  errorMissing: 'لم يُحدَّد أي فهرس: استخدم السمة src أو الخاصية catalogue.',
  sortBy: 'الترتيب حسب',
  sort: { relevance: 'الصلة', newest: 'الأحدث أولًا', oldest: 'الأقدم أولًا', title: 'العنوان (أ–ي)' },
  showMore: 'عرض المزيد',
  showLess: 'عرض أقل',
  year: 'السنة',
  countries: 'البلدان',
  regions: 'المناطق',
  categories: 'الفئات',
  authors: 'المؤلفون',
  organizations: 'الناشر',
  pagination: 'صفحات النتائج',
  previous: 'الصفحة السابقة',
  next: 'الصفحة التالية',
  page: (n) => `الصفحة ${n}`,
  results: 'النتائج',
};

const MESSAGES: Record<Language, Messages> = { en, fr, es, ar };
const RTL = new Set(['ar', 'he', 'fa', 'ur']);

/** The direction of text in a language ("ar-EG" → rtl); `auto` when the language is not known. */
export const directionOf = (lang: string | undefined): 'ltr' | 'rtl' | 'auto' =>
  lang ? (RTL.has(lang.toLowerCase().split('-')[0]!) ? 'rtl' : 'ltr') : 'auto';

/** The supported language for a BCP 47 tag: "fr-CA" → "fr"; anything unknown → "en". */
export function supportedLanguage(tag: string | null | undefined): Language {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0] as Language;
  return LANGUAGES.includes(primary) ? primary : 'en';
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
    this.messages = MESSAGES[lang];
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
    return forms[(this.plurals ??= new Intl.PluralRules(this.lang)).select(n)] ?? forms.other;
  }
}

const cache = new Map<Language, Localizer>();
export function localizer(lang: Language): Localizer {
  let l = cache.get(lang);
  if (!l) cache.set(lang, (l = new Localizer(lang)));
  return l;
}

/** The nearest `lang` attribute from an element up, through shadow roots; null when there is none. */
export function resolveLanguageOrNull(from: Element): Language | null {
  for (let node: Node | null = from; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    if (node instanceof Element && node.getAttribute('lang')) return supportedLanguage(node.getAttribute('lang'));
  }
  return null;
}
