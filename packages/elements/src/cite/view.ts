import { relatedSearch, safeUrl, type Report, type Store } from '@reportshelf/core';
import type { Messages } from '../shared/i18n.js';
import { make, reportLink, showCite } from './panels.js';

/** The view's own strings, loaded with it. */
const VIEW: Record<
  string,
  { close: string; open: string; date: string; added: string; language: string; related: string }
> = {
  en: {
    close: 'Close',
    open: 'Open the document',
    date: 'Published',
    added: 'Added',
    language: 'Language',
    related: 'Related reports',
  },
  fr: {
    close: 'Fermer',
    open: 'Ouvrir le document',
    date: 'Publié',
    added: 'Ajouté',
    language: 'Langue',
    related: 'Rapports similaires',
  },
  es: {
    close: 'Cerrar',
    open: 'Abrir el documento',
    date: 'Publicado',
    added: 'Añadido',
    language: 'Idioma',
    related: 'Informes relacionados',
  },
  ar: {
    close: 'إغلاق',
    open: 'فتح الوثيقة',
    date: 'تاريخ النشر',
    added: 'تاريخ الإضافة',
    language: 'اللغة',
    related: 'تقارير ذات صلة',
  },
};

/** Short names of office documents' media types, by a word of their subtype. */
const TYPES = {
  DOCX: 'wordprocessingml',
  XLSX: 'spreadsheetml',
  PPTX: 'presentationml',
  DOC: 'msword',
  ODT: 'document.text',
};

/**
 * What a visitor is about to open, as "PDF · 2.4 MB": the catalogue's type (a media type as its
 * short name), else the one the link's extension tells (a web page's, none); the size in kB or MB
 * as the language writes them (Intl's units, so no strings of ours).
 */
function aboutFile({ fileType, fileSize }: Report, url: string, lang: string): string {
  const sub = fileType
    ?.toLowerCase()
    .split('/')[1]
    ?.replace(/^(vnd|x)[.-]|\+.*/g, '');
  const type =
    sub === undefined
      ? (fileType ??
        /\.(pdf|docx?|xlsx|pptx|odt|epub)$/i.exec(new URL(url, location.href).pathname)?.[1]?.toUpperCase())
      : (Object.keys(TYPES).find((name) => sub.includes(TYPES[name as keyof typeof TYPES])) ??
        (/^\w{1,5}$/.test(sub) && sub != 'html' ? sub.toUpperCase() : ''));
  const mega = fileSize! >= 1e6;
  const size =
    fileSize &&
    new Intl.NumberFormat(lang, {
      style: 'unit',
      unit: mega ? 'megabyte' : 'kilobyte',
      maximumFractionDigits: 1,
    }).format(fileSize / (mega ? 1e6 : 1e3));
  return [type, size].filter(Boolean).join(' · ');
}

/** The related reports a view shows, at most. */
const RELATED = 5;

/** The library a view is in, as the view uses it. */
interface ViewLibrary {
  syncUrl?: boolean;
  urlPrefix: string;
  store: Store;
  readUrl(): void;
}

let views = 0;

/**
 * A report's own view (issue 27): a modal dialog over the list with every field, the whole
 * abstract, the document's link, Cite and related reports, loaded with the panels the first time a
 * visitor opens one. In a library with sync-url it has its own address (`report=ID`): opened from
 * a card, an entry of its own, which Back leaves and closing goes back from, to the list as it was;
 * opened at its address (a shared link, Forward: `mode` `linked`, the list shows that report alone
 * behind it), closing replaces the address with the list's, the rest of it kept, and the list shows
 * all its reports again, as the address now says. A related report opens in its place, at its
 * address in place of this one's: the view is one layer over the list, one step of Back whichever
 * report it shows. The dialog keeps the focus inside while open and gives it back to the button
 * that opened it (a modal dialog's own behaviour); Escape closes it. Text only, never HTML.
 */
export function showReport(
  from: HTMLElement,
  report: Report,
  t: Messages,
  url?: string,
  mode?: 'pushed' | 'linked',
): HTMLDialogElement {
  const lang = from.closest<HTMLElement>('[lang]')?.lang ?? 'en';
  const v = VIEW[lang] ?? VIEW.en!;
  const id = `shelf-view-${++views}`;
  const file = url && aboutFile(report, url, lang);
  const fields: [string, string | undefined][] = [
    [v.date, report.date ?? report.year?.toString()],
    [t.authors, report.authors.join('; ')],
    [t.organizations, report.organizations.join('; ')],
    [t.countries, report.countries.join(', ')],
    [t.regions, report.regions.join(', ')],
    [t.categories, report.categories.join(', ')],
    [v.language, report.language],
    [v.added, report.added],
  ];
  // The library it is in (the element with the store), if any.
  let node: Node | null = from;
  while (node && !('store' in node)) node = (node as ShadowRoot).host ?? node.parentNode;
  const library = node as unknown as ViewLibrary | null;
  const key = `${library?.urlPrefix}report`;
  const cite = make('div', { id: `${id}-cite` });
  const related = make('div', {});
  const close = make('button', { className: 'button', type: 'button', onclick: () => dialog.close() }, v.close);
  const dialog = make(
    'dialog',
    { className: 'view', lang, dir: from.closest<HTMLElement>('[dir]')?.dir || 'auto' },
    make('h2', { id: `${id}-title`, lang: report.language ?? '', dir: 'auto' }, report.title),
    make(
      'dl',
      {},
      ...fields.filter(([, value]) => value).flatMap(([name, value]) => [make('dt', {}, name), make('dd', {}, value!)]),
    ),
    ...(report.summary ? [make('p', { lang: report.language ?? '', dir: 'auto' }, report.summary)] : []),
    // The document's type and size in its link, so that its name says what it opens.
    ...(url ? [make('p', {}, make('a', { href: url }, v.open, ...(file ? [` (${file})`] : [])))] : []),
    cite,
    related,
    make('p', {}, close),
  );
  dialog.setAttribute('part', 'view');
  dialog.setAttribute('aria-labelledby', `${id}-title`);
  dialog.style.cssText =
    'max-inline-size:min(48em,calc(100vw - 2em));max-block-size:calc(100vh - 2em);background:var(--_surface);color:var(--_text);border:1px solid var(--_border);border-radius:var(--_radius)';
  (from.getRootNode() as ShadowRoot).append(dialog);
  showCite(cite, report, t.panels);
  // Its own address, in a library that keeps its state there: Back closes the view.
  if (library?.syncUrl && !mode)
    if (new URLSearchParams(location.search).get(key) === report.id) mode = 'linked';
    else {
      history.pushState(history.state, '', reportLink(report.id, library.urlPrefix));
      mode = 'pushed';
    }
  // Whether closing changes the address: not when Back closed it, nor when a related report took its place.
  let leave = !!mode;
  const back = () => ((leave = false), dialog.close());
  if (mode) addEventListener('popstate', back);
  dialog.onclose = () => {
    removeEventListener('popstate', back);
    dialog.remove();
    if (!leave) return;
    if (mode === 'pushed') return history.back();
    const list = new URL(location.href);
    list.searchParams.delete(key);
    history.replaceState(history.state, '', list);
    library!.readUrl();
    // The list's heading, as after a change of page: the report's card is no longer alone there.
    ((from.getRootNode() as ShadowRoot).host?.getRootNode() as ShadowRoot | undefined)
      ?.querySelector<HTMLElement>('#results-heading')
      ?.focus();
  };
  // More like this: a search of the report's own words, asked of the library's engine (each has its
  // index at hand), the report itself left out.
  void library?.store
    .getEngine()
    ?.query({
      query: { q: relatedSearch(report), filters: {}, sort: 'relevance', page: 1, pageSize: RELATED + 1 },
      facets: [],
    })
    .then(
      ({ hits }) => {
        const others = hits.map((hit) => hit.report).filter((other) => other.id !== report.id);
        if (!others.length) return;
        const open = (other: Report) => (event: MouseEvent) => {
          if (event.ctrlKey || event.metaKey || event.shiftKey) return;
          event.preventDefault();
          leave = false;
          dialog.close();
          if (mode) history.replaceState(history.state, '', reportLink(other.id, library.urlPrefix));
          showReport(from, other, t, other.url && safeUrl(other.url), mode);
        };
        related.append(
          make('h3', { id: `${id}-related` }, v.related),
          make(
            'ul',
            {},
            ...others
              .slice(0, RELATED)
              .map((other) =>
                make(
                  'li',
                  { lang: other.language ?? '', dir: 'auto' },
                  mode
                    ? make('a', { href: reportLink(other.id, library.urlPrefix), onclick: open(other) }, other.title)
                    : make('button', { className: 'link', type: 'button', onclick: open(other) }, other.title),
                ),
              ),
          ),
        );
        related.lastElementChild!.setAttribute('aria-labelledby', `${id}-related`);
      },
      () => {},
    );
  dialog.showModal();
  return dialog;
}
