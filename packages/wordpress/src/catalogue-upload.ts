/**
 * Media → Report catalogues: a CSV (in any encoding Excel saves), workbook (.xlsx, .ods) or JSON
 * file is converted and validated in the browser by the CLI's own code (`convertFile`, the same
 * decoding, sheets, column mapping and summary formats), every
 * problem is listed with its line before anything is saved, and only then is the catalogue sent to
 * WordPress. Text from the file is always set as text, never as HTML.
 */
import { parseColumns, type ConvertResult, type LocatedProblem, type SummaryFormat } from '../../cli/src/convert.js';
import { convertFile, type ReadOptions, type ReadResult } from '../../cli/src/read.js';
import { useM49, withPlaces, type M49 } from '../../cli/src/places.js';
import m49 from '../../cli/data/m49.json';
import { splitCatalogue, type Catalogue } from '@reportshelf/core';

useM49(() => m49 as M49);

interface WpI18n {
  __(text: string, domain: string): string;
  _n(single: string, plural: string, count: number, domain: string): string;
  sprintf(format: string, ...args: unknown[]): string;
}
declare global {
  interface Window {
    wp: { i18n: WpI18n };
  }
}

// WordPress's own i18n: the script is registered with wp-i18n as a dependency, so it is there.
const { __, _n, sprintf } = window.wp.i18n;
const D = 'reportshelf';

/**
 * From this many reports a catalogue is saved in the split format, a folder of small files: a
 * visitor's browser then fetches what it shows and searches, not every report.
 */
const SPLIT_FROM = 5000;

/** A saved catalogue, as the save actions answer. */
interface Saved {
  id: number;
  title: string;
  url: string;
  edit: string;
  reports: number;
  date: string;
  /** Whether it is a new version of a catalogue already listed. */
  replaced: boolean;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  props: Partial<HTMLElementTagNameMap[K]> = {},
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A WordPress admin notice holding one sentence. */
function notice(kind: 'success' | 'warning' | 'error', text: string, id?: string): HTMLElement {
  const box = element('div', undefined, { className: `notice inline notice-${kind}` });
  box.append(element('p', text, id ? { id } : {}));
  return box;
}

function where(p: LocatedProblem): string {
  if (p.line) return p.endLine ? `${p.line}–${p.endLine}` : String(p.line);
  if (p.index !== undefined) return sprintf(__('report %d', D), p.index + 1);
  return '';
}

/** The result of a check: a sentence, and every problem in a table with its line and column. */
function report(result: ReadResult): HTMLElement[] {
  const kept = result.catalogue.reports.length;
  const warnings = result.problems.filter((p) => p.severity === 'warning').length;
  const out: HTMLElement[] = [];
  const summary = result.fatal
    ? __('This file cannot be used: nothing can be saved.', D)
    : kept === 0
      ? __('No report in this file can be used: nothing can be saved.', D)
      : [
          sprintf(_n('%d report is ready to save.', '%d reports are ready to save.', kept, D), kept),
          result.skipped > 0
            ? sprintf(_n('%d was left out.', '%d were left out.', result.skipped, D), result.skipped)
            : '',
          warnings > 0 ? sprintf(_n('%d warning.', '%d warnings.', warnings, D), warnings) : '',
        ]
          .filter(Boolean)
          .join(' ');
  const ok = !result.fatal && kept > 0;
  out.push(notice(ok ? (result.problems.length ? 'warning' : 'success') : 'error', summary, 'reportshelf-summary'));
  // How the file was read, when it is worth a line: another encoding than UTF-8, or one sheet of several.
  const read = [
    result.encoding ? sprintf(__('Read as %s.', D), result.encoding) : '',
    result.sheet && result.sheet.sheets.length > 1
      ? sprintf(
          __('Read the sheet “%1$s” (the workbook has %2$s).', D),
          result.sheet.name,
          result.sheet.sheets.join(', '),
        )
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (read) out.push(element('p', read, { id: 'reportshelf-read' }));
  if (ok && kept >= SPLIT_FROM) {
    out.push(
      element(
        'p',
        __(
          'It will be saved in the split format: a folder of small files, of which visitors’ browsers fetch only what they show and search.',
          D,
        ),
        { id: 'reportshelf-split' },
      ),
    );
  }
  if (result.problems.length === 0) return out;

  const table = element('table', undefined, { className: 'widefat striped reportshelf-problems' });
  table.append(element('caption', __('Problems found', D)));
  const head = table.createTHead().insertRow();
  for (const title of [__('Line', D), __('Column', D), __('Kind', D), __('Problem', D)]) {
    head.append(element('th', title, { scope: 'col' }));
  }
  const body = table.createTBody();
  for (const p of result.problems) {
    const row = body.insertRow();
    row.className = `reportshelf-problem-${p.severity}`;
    row.append(
      element('td', where(p)),
      element('td', p.column ?? p.field ?? ''),
      element('td', p.severity === 'error' ? __('Error', D) : __('Warning', D)),
      element('td', p.message),
    );
  }
  out.push(table);
  return out;
}

function start(form: HTMLFormElement): void {
  const file = form.querySelector<HTMLInputElement>('#reportshelf-file')!;
  const check = form.querySelector<HTMLElement>('#reportshelf-check')!;
  const checkButton = form.querySelector<HTMLButtonElement>('#reportshelf-check-button')!;
  const save = form.querySelector<HTMLButtonElement>('#reportshelf-save')!;
  const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();
  // The latest check. Changing an option re-checks on blur, which happens as the Save button is
  // pressed, so saving waits for the check in progress rather than finding none.
  let checking: Promise<ConvertResult | undefined> = Promise.resolve(undefined);
  let checked = 0;

  const show = (...nodes: HTMLElement[]) => check.replaceChildren(...nodes);
  const fail = (message: string) => show(notice('error', message));

  const run = (): Promise<ConvertResult | undefined> => (checking = checkFile(++checked));

  async function checkFile(run: number): Promise<ConvertResult | undefined> {
    const chosen = file.files?.[0];
    if (!chosen) {
      save.disabled = true;
      show(element('p', __('Choose a file first.', D)));
      return undefined;
    }
    const options: ReadOptions = { summaryFormat: field('summaryFormat') as SummaryFormat };
    if (field('sheet')) options.sheet = field('sheet');
    if (field('encoding')) options.encoding = field('encoding');
    if (field('title')) options.title = field('title');
    if (field('language')) options.language = field('language');
    try {
      if (field('columns')) options.columns = parseColumns(field('columns'));
    } catch (error) {
      save.disabled = true;
      fail(sprintf(__('Column names: %s', D), (error as Error).message));
      return undefined;
    }
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    if (run !== checked) return checking;
    const read = convertFile(bytes, chosen.name, options);
    // Countries grouped by UN M49 region, as the CLI writes them (the filter shows them so).
    const result = { ...read, catalogue: withPlaces(read.catalogue).catalogue };
    show(...report(result));
    save.disabled = result.fatal || result.catalogue.reports.length === 0;
    return result;
  }

  /** One of the plugin's admin-ajax actions, with the screen's nonce: its answer's data, or an error saying why not. */
  async function post<T>(action: string, fields: Record<string, string>): Promise<T> {
    const body = new FormData();
    body.set('action', action);
    body.set('nonce', form.dataset.nonce ?? '');
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    let answer: { success?: boolean; data?: T & { message?: string } };
    try {
      const response = await fetch(form.dataset.action ?? '', { method: 'POST', body, credentials: 'same-origin' });
      answer = await response.json();
    } catch {
      throw new Error(__('The site could not be reached; nothing was saved.', D));
    }
    if (!answer?.success) throw new Error(answer?.data?.message ?? __('The catalogue was not saved.', D));
    return answer.data as T;
  }

  /**
   * A large catalogue in the split format: a folder begun, the build's files sent in batches the
   * site accepts, the manifest last, so the catalogue exists only whole. Stopped half-way, the
   * folder begun is removed.
   */
  async function saveSplit(catalogue: Catalogue, title: string): Promise<Saved> {
    const files = splitCatalogue(catalogue);
    const manifest = files.get('catalogue.json')!;
    files.delete('catalogue.json');
    const build = (JSON.parse(manifest) as { build: string }).build;
    const bytes = new TextEncoder();
    const entries = [...files].map(([path, text]) => ({
      path,
      text,
      // What the entry adds to the batch's JSON, in bytes: the site counts bytes.
      cost: bytes.encode(`${JSON.stringify(path)}:${JSON.stringify(text)},`).length,
    }));
    const total = entries.reduce((sum, e) => sum + bytes.encode(e.text).length, 0);
    const begun = await post<{ key: string; batch: number }>('reportshelf_split_begin', {
      title,
      replace: field('replace'),
      build,
      files: String(entries.length),
      bytes: String(total),
    });
    const batches: Record<string, string>[] = [];
    let batch: Record<string, string> = {};
    let size = 2;
    for (const { path, text, cost } of entries) {
      if (size + cost > begun.batch && Object.keys(batch).length) {
        batches.push(batch);
        batch = {};
        size = 2;
      }
      batch[path] = text;
      size += cost;
    }
    batches.push(batch);

    const progress = element('progress', undefined, { id: 'reportshelf-progress', max: entries.length, value: 0 });
    progress.setAttribute('aria-label', __('Files of the catalogue saved', D));
    check.prepend(progress);
    try {
      for (const files of batches) {
        await post('reportshelf_split_files', { key: begun.key, files: JSON.stringify(files) });
        progress.value += Object.keys(files).length;
      }
      return await post<Saved>('reportshelf_split_finish', { key: begun.key, title, manifest });
    } catch (error) {
      await post('reportshelf_split_abandon', { key: begun.key }).catch(() => undefined);
      throw error;
    } finally {
      progress.remove();
    }
  }

  file.addEventListener('change', () => void run());
  checkButton.addEventListener('click', () => void run());
  for (const name of ['title', 'language', 'columns', 'summaryFormat', 'sheet', 'encoding']) {
    (form.elements.namedItem(name) as HTMLElement | null)?.addEventListener(
      'change',
      () => void (file.files?.length && run()),
    );
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = await checking;
    if (!result || result.fatal || result.catalogue.reports.length === 0) return;
    const catalogue = result.catalogue;
    save.disabled = true;
    const title = field('title') || catalogue.title || file.files?.[0]?.name.replace(/\.[^.]+$/, '') || '';
    let saved: Saved;
    try {
      saved =
        catalogue.reports.length >= SPLIT_FROM
          ? await saveSplit(catalogue, title)
          : await post<Saved>('reportshelf_save_catalogue', {
              title,
              replace: field('replace'),
              catalogue: JSON.stringify(catalogue),
            });
    } catch (error) {
      save.disabled = false;
      check.prepend(notice('error', (error as Error).message));
      return;
    }
    const list = document.querySelector<HTMLTableElement>('#reportshelf-list');
    const listed = list?.querySelector<HTMLTableRowElement>(`tr[data-id="${saved.id}"]`);
    if (saved.replaced && listed) {
      listed.cells[1]!.textContent = String(saved.reports);
    } else if (list) {
      list.hidden = false;
      document.querySelector('#reportshelf-none')?.remove();
      const row = list.tBodies[0]!.insertRow(0);
      row.dataset.id = String(saved.id);
      const name = row.insertCell();
      name.append(element('a', saved.title, { href: saved.edit || saved.url }));
      row.insertCell().textContent = String(saved.reports);
      row.insertCell().textContent = saved.date;
      row.insertCell().append(element('code', `[reportshelf catalogue="${saved.id}"]`));
      // It can have a new version too, without reloading the screen.
      form
        .querySelector<HTMLSelectElement>('#reportshelf-replace')
        ?.add(new Option(sprintf(__('A new version of “%s”', D), saved.title), String(saved.id)), 1);
    }
    form.reset();
    checking = Promise.resolve(undefined);
    show(
      notice(
        'success',
        sprintf(
          _n('Saved “%1$s” with %2$d report.', 'Saved “%1$s” with %2$d reports.', saved.reports, D),
          saved.title,
          saved.reports,
        ),
        'reportshelf-saved',
      ),
    );
  });
}

const form = document.querySelector<HTMLFormElement>('#reportshelf-upload');
if (form) start(form);
