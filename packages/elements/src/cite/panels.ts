import {
  apaReference,
  apaText,
  encodeQuery,
  exportReports,
  EXPORT_FORMATS,
  type Catalogue,
  type EngineError,
  type ExportFormat,
  type Report,
  type Store,
} from '@reportshelf/core';
import { requestLibrary, type LibraryHost } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { CITE_MESSAGES, type CiteMessages } from './messages.js';

export { showReport } from './view.js';

const sharedPrefixes = new Set<string>();
/**
 * Two libraries keeping their state in the address under one prefix overwrite each other's: said
 * once a prefix (the library finds them; the words are here, loaded only then).
 */
export function warnSharedPrefix(prefix: string): void {
  if (sharedPrefixes.has(prefix)) return;
  sharedPrefixes.add(prefix);
  console.warn(
    `<shelf-library sync-url${prefix ? ` url-prefix="${prefix}"` : ''}>: another library on this page keeps its state in the address under the same prefix; give each a different url-prefix.`,
  );
}

/**
 * The cite and export panels, loaded the first time a visitor opens one (the lite drop-in file
 * loads them from beside itself): formatting references and files is not what a first page needs.
 * They build plain DOM into a container the element renders (hidden until its toggle, the element
 * with `aria-controls` naming it, opens it), text only (never HTML), with the shared classes of
 * the element's styles; so they need no Lit of their own. The language is the container's.
 */
const strings = (container: HTMLElement, messages?: Partial<CiteMessages>): CiteMessages => ({
  ...(CITE_MESSAGES[container.closest<HTMLElement>('[lang]')?.lang ?? ''] ?? CITE_MESSAGES.en!),
  ...messages,
});

/** An element with its properties and children (text only). */
export function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]>,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children);
  return element;
}

const button = (label: string, onclick: () => unknown) =>
  make('li', {}, make('button', { className: 'button', type: 'button', onclick }, label));

/** Saves a file from a Blob object URL: no data: URL, nothing inline, so a strict CSP allows it. */
function save({ text, type, filename }: { text: string; type: string; filename: string }): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  make('a', { href: url, download: filename }).click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Puts the panel's content in, laid out by its own style (set through the CSSOM, which a strict
 * CSP allows; the elements' style sheets stay small); Escape closes it through its toggle, which
 * takes the focus back.
 */
function fill(container: HTMLElement, ...children: Node[]): void {
  const box = make('div', {}, ...children);
  box.style.cssText = 'display:grid;gap:.5em;padding-inline-start:.75em;border-inline-start:3px solid var(--_border)';
  container.style.flexBasis = '100%';
  container.replaceChildren(box);
  container.onkeydown = (event) => {
    const toggle = toggleOf(container);
    if (event.key !== 'Escape' || !toggle) return;
    event.preventDefault();
    toggle.click();
    toggle.focus();
  };
}

/** Selects what a node says, for a visitor to copy. */
function selectText(node: Node): void {
  const range = document.createRange();
  range.selectNodeContents(node);
  const selection = getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/** The button that opens and closes a panel: the one whose `aria-controls` names it. */
const toggleOf = (container: HTMLElement) =>
  (container.getRootNode() as ShadowRoot).querySelector<HTMLElement>(`[aria-controls="${container.id}"]`);

/** A polite status line, and a way to say something in it. */
function status(): [HTMLElement, (text: string) => () => string] {
  const line = make('p', { className: 'visually-hidden' });
  line.setAttribute('role', 'status');
  return [line, (text) => () => (line.textContent = text)];
}

/**
 * The library a panel is in, asked through the context every element gets it by (a `shelf-library`
 * around it, or a partner's element that provides one), if it keeps its state in the address.
 */
function syncedLibrary(container: HTMLElement): LibraryHost | undefined {
  let library: LibraryHost | undefined;
  requestLibrary(container, (host) => (library = host));
  return library?.syncUrl ? library : undefined;
}

/** The address that opens the page with this report alone, under the library's prefix. */
export function reportLink(id: string, prefix: string): string {
  const url = new URL(location.href);
  encodeQuery({ report: id }, prefix, url.searchParams);
  return url.href;
}

/**
 * One report's citation: the APA 7 reference (title in italics), Copy, RIS and BibTeX, and in a
 * library with sync-url a link to the report. Each action first sends a cancelable `shelf-cite`.
 */
export function showCite(container: HTMLElement, report: Report, messages?: Partial<CiteMessages>): void {
  const t = strings(container, messages);
  const [line, say] = status();
  const act = (format: 'apa' | 'ris' | 'bibtex' | 'link', run: () => unknown) => () =>
    emit(container, 'shelf-cite', { format, reports: [report] }, true) && run();
  const download = (format: 'ris' | 'bibtex') =>
    act(format, () => save(exportReports([report], format, { title: report.title })));
  // Copying may be refused (a frame of another site without the clipboard permission): then it
  // is said, where it shows, and the text is selected for the visitor to copy.
  const copy = (text: string, done: string, select: () => void) =>
    navigator.clipboard.writeText(text).then(say(done), () => {
      select();
      line.className = '';
      say(t.copyRefused)();
    });
  // Copying needs the Clipboard API, which only secure pages (https) have: without it, no Copy.
  const clipboard = 'clipboard' in navigator;
  const actions = [
    ...(clipboard
      ? [
          button(
            t.copy,
            act('apa', () => copy(apaText(report), t.copied, () => selectText(reference))),
          ),
        ]
      : []),
    button(t.download('RIS'), download('ris')),
    button(t.download('BibTeX'), download('bibtex')),
  ];
  const library = syncedLibrary(container);
  if (library && clipboard)
    actions.push(
      button(
        t.copyLink,
        act('link', () => {
          const link = reportLink(report.id, library.urlPrefix);
          return copy(link, t.linkCopied, () => {
            const field = make('input', { readOnly: true, value: link, className: 'input' });
            field.setAttribute('aria-label', t.copyLink);
            line.before(field);
            field.select();
          });
        }),
      ),
    );
  const reference = make(
    'p',
    { className: 'reference', lang: report.language ?? '', dir: 'auto' },
    ...apaReference(report).map((part) => (part.italic ? make('i', {}, part.text) : part.text)),
  );
  fill(
    container,
    make('p', {}, make('strong', {}, t.reference)),
    reference,
    make('ul', { className: 'row' }, ...actions),
    line,
  );
}

/**
 * While an export's reports are fetched (a split catalogue's, from its files): what is being
 * prepared, a progress bar, and Cancel, which closes the panel (the export stops with it). Returns
 * how to move the bar.
 */
export function showPreparing(
  container: HTMLElement,
  count: string,
  messages?: Partial<CiteMessages>,
): (done: number, total: number) => void {
  const t = strings(container, messages);
  const note = make('p', { id: `${container.id}-preparing` }, t.preparing(count));
  const bar = make('progress', { max: 1, value: 0 });
  bar.setAttribute('aria-labelledby', note.id);
  const cancel = make(
    'button',
    { className: 'button', type: 'button', onclick: () => toggleOf(container)?.click() },
    t.cancel,
  );
  fill(container, note, bar, make('p', {}, cancel));
  return (done, total) => {
    bar.max = Math.max(1, total);
    bar.value = done;
  };
}

/**
 * An export's opening (the library's "Export N reports"): the reports of the store's query, every
 * page, fetched from a split catalogue's files with progress shown; then `showExport`. Only an
 * opening not cancelled fills the panel; an engine's failure goes to `failed`, said as a query's.
 */
export async function exportInto(
  panel: HTMLElement,
  store: Store,
  count: string,
  signal: AbortSignal,
  failed: (error: EngineError) => void,
  messages?: Partial<CiteMessages>,
): Promise<void> {
  if (signal.aborted) return;
  const library = store.getLibrary()!;
  const engine = store.getEngine()!;
  // A split catalogue's reports are fetched from its files (its engine has a library of its own): say how far.
  const progress = 'library' in engine ? showPreparing(panel, count, messages) : undefined;
  const reports = await engine
    .all(store.getQuery(), { signal, ...(progress ? { progress } : {}) })
    .catch((error: EngineError) => (signal.aborted || failed(error), null));
  if (signal.aborted || !reports) return;
  showExport(panel, reports, count, library.catalogue, messages);
}

/**
 * The export of a whole result set, every page in the current order: CSV, RIS, BibTeX, CSL-JSON,
 * named after the catalogue and the day. Each first sends a cancelable `shelf-export`. `count` is
 * the number as the interface says it ("12 reports").
 */
export function showExport(
  container: HTMLElement,
  reports: Report[],
  count: string,
  catalogue: Pick<Catalogue, 'title'>,
  messages?: Partial<CiteMessages>,
): void {
  const t = strings(container, messages);
  const formats = EXPORT_FORMATS.map((format: ExportFormat) =>
    button(
      t.formats[format],
      () =>
        emit(container, 'shelf-export', { format, reports }, true) && save(exportReports(reports, format, catalogue)),
    ),
  );
  fill(container, make('p', {}, t.exportNote(count)), make('ul', { className: 'row' }, ...formats));
}
