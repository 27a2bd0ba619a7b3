import type { Report } from '@reportshelf/core';
import type { Messages } from '../shared/i18n.js';
import { reportLink, showCite } from './panels.js';

/** The view's own strings, loaded with it. */
const VIEW: Record<string, { close: string; open: string; date: string; added: string; language: string }> = {
  en: { close: 'Close', open: 'Open the document', date: 'Published', added: 'Added', language: 'Language' },
  fr: { close: 'Fermer', open: 'Ouvrir le document', date: 'Publié', added: 'Ajouté', language: 'Langue' },
  es: { close: 'Cerrar', open: 'Abrir el documento', date: 'Publicado', added: 'Añadido', language: 'Idioma' },
  ar: { close: 'إغلاق', open: 'فتح الوثيقة', date: 'تاريخ النشر', added: 'تاريخ الإضافة', language: 'اللغة' },
};

let views = 0;

/**
 * A report's own view (issue 27): a modal dialog over the list with every field, the whole
 * abstract, the document's link and Cite, loaded with the panels the first time a visitor opens
 * one. In a library with sync-url it has its own address (`report=ID`, a history entry of its
 * own): Back closes it, and closing it goes back, to the list as it was. The dialog keeps the
 * focus inside while open and gives it back to the button that opened it (a modal dialog's own
 * behaviour); Escape closes it. Text only, never HTML.
 */
export function showReport(from: HTMLElement, report: Report, t: Messages, url?: string): HTMLDialogElement {
  const lang = from.closest<HTMLElement>('[lang]')?.lang ?? 'en';
  const v = VIEW[lang] ?? VIEW.en!;
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, props: object, ...children: (Node | string)[]) => {
    const element = Object.assign(document.createElement(tag), props);
    element.append(...children);
    return element;
  };
  const id = `shelf-view-${++views}`;
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
  const cite = make('div', { id: `${id}-cite` });
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
    ...(url ? [make('p', {}, make('a', { href: url }, v.open))] : []),
    cite,
    make('p', {}, close),
  );
  dialog.setAttribute('part', 'view');
  dialog.setAttribute('aria-labelledby', `${id}-title`);
  dialog.style.cssText =
    'max-inline-size:min(48em,calc(100vw - 2em));max-block-size:calc(100vh - 2em);background:var(--_surface);color:var(--_text);border:1px solid var(--_border);border-radius:var(--_radius)';
  (from.getRootNode() as ShadowRoot).append(dialog);
  showCite(cite, report, t.panels);
  // Its own address, in a library that keeps its state there: Back closes the view.
  let node: Node | null = from;
  while (node && !('store' in node)) node = (node as ShadowRoot).host ?? node.parentNode;
  const library = node as unknown as { syncUrl?: boolean; urlPrefix: string } | null;
  let pushed = false;
  const back = () => ((pushed = false), dialog.close());
  if (library?.syncUrl) {
    history.pushState(history.state, '', reportLink(report.id, library.urlPrefix));
    pushed = true;
    addEventListener('popstate', back);
  }
  dialog.onclose = () => {
    removeEventListener('popstate', back);
    dialog.remove();
    if (pushed) history.back();
  };
  dialog.showModal();
  return dialog;
}
