/**
 * catalogue.html, the converter page: a curator's spreadsheet (CSV in any encoding, .xlsx, .ods)
 * or JSON file into a catalogue, with the CLI's own code (`convertFile`: the same decoding, sheets,
 * checks and messages), in the browser alone: the file is read from the disk and the result saved
 * from a `Blob` URL, so nothing is sent anywhere and a strict CSP holds. A build of its own
 * (`vite build --mode catalogue`), so the drop-in files carry none of it; the preview is a
 * `<shelf-library>` of reportshelf.js beside it (which loads nothing else, so the page works
 * opened from a folder too), given the catalogue as an object.
 */
import { splitCatalogue, type Catalogue } from '@reportshelf/core';
import { strToU8, zipSync } from 'fflate';
import { columnLetter, FIELDS, type Field, type LocatedProblem, type SummaryFormat } from '../../cli/src/convert.js';
import { convertFile, type ReadOptions, type ReadResult } from '../../cli/src/read.js';
import { useM49, withPlaces, type M49 } from '../../cli/src/places.js';
import m49 from '../../cli/data/m49.json';

useM49(() => m49 as M49);

/** From this many reports the split folder is the better download (a page fetches only what it shows). */
export const SPLIT_FROM = 5000;
/** The split folder's name in its zip, and so on the site: `src="/reports/catalogue.json"`. */
const FOLDER = 'reports';

const FIELD_LABELS: Record<Field, string> = {
  id: 'ID',
  title: 'Title',
  summary: 'Summary',
  year: 'Year',
  countries: 'Countries',
  regions: 'Regions',
  categories: 'Categories',
  authors: 'Authors',
  organizations: 'Organizations',
  url: 'Address (URL)',
  language: 'Language',
  date: 'Publication date',
  added: 'Date added',
  image: 'Cover image (URL)',
  imageAlt: 'Cover description',
  fileType: 'Document type',
  fileSize: 'Document size',
};

const plural = (n: number, one: string, other: string) => `${n.toLocaleString('en')} ${n === 1 ? one : other}`;

/**
 * The CLI's messages name its options; here the same choices are this page's lists.
 */
function pageWords(message: string): string {
  return message
    .replace(/give --encoding windows-1252/g, 'choose Text encoding “Windows-1252” above')
    .replace(/--encoding names another/g, 'Text encoding above chooses another')
    .replace(/map it with --columns title=YOUR_HEADER/g, 'pick Title for a column under Columns')
    .replace(/map it with --columns/g, 'pick its field under Columns')
    .replace(/--encoding/g, 'Text encoding');
}

/** Where a problem is, in words: "Line 4, column C “year”". */
function where(p: LocatedProblem): string {
  const parts: string[] = [];
  if (p.line) parts.push(p.endLine ? `Lines ${p.line}–${p.endLine}` : `Line ${p.line}`);
  else if (p.index !== undefined) parts.push(`Report ${p.index + 1}`);
  if (p.column) parts.push(`column ${p.column}`);
  else if (p.field) parts.push(`field ${p.field}`);
  return parts.join(', ');
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Saves text or bytes as a file, from a Blob URL (allowed under a strict CSP; nothing leaves the page). */
let lastUrl: string | undefined;
function save(data: BlobPart, name: string, type: string): void {
  if (lastUrl) URL.revokeObjectURL(lastUrl);
  lastUrl = URL.createObjectURL(new Blob([data], { type }));
  const link = element('a');
  link.href = lastUrl;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

/** The split format's files in a zip, under one folder to put on the site as it is. */
export function splitZip(catalogue: Catalogue): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [path, text] of splitCatalogue(catalogue)) files[`${FOLDER}/${path}`] = strToU8(text);
  // Index and card files are JSON: they shrink well, and level 6 keeps 20,000 reports to seconds.
  return zipSync(files, { level: 6 });
}

const STYLE = `
:root { color-scheme: light dark; --accent: #0b5cad; --line: #c4c9d0; --error: #b3261e; --warning: #8a5300; }
body { font: 1rem/1.5 system-ui, sans-serif; margin: 0; }
main { max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
code { font-size: 0.95em; }
.drop { border: 2px dashed var(--line); border-radius: 8px; padding: 1.25rem; margin: 1.25rem 0; }
.drop.over, body.over .drop { border-color: var(--accent); background: color-mix(in srgb, var(--accent) 8%, transparent); }
.drop label { display: block; font-weight: 600; margin-bottom: 0.5rem; }
.hint { margin: 0.5rem 0 0; }
.options { display: flex; flex-wrap: wrap; gap: 0 2rem; }
.options label { margin-inline-end: 0.5rem; font-weight: 600; }
select, button, input { font: inherit; }
button { padding: 0.4rem 0.9rem; border: 1px solid var(--accent); border-radius: 6px; background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: transparent; color: inherit; }
.buttons { display: flex; flex-wrap: wrap; gap: 0.75rem; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
#status { font-weight: 600; min-height: 1.5em; }
#problems { padding-inline-start: 1.25rem; }
#problems li { margin: 0.35rem 0; }
.kind { font-weight: 700; }
.error .kind { color: var(--error); }
.warning .kind { color: var(--warning); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: start; padding: 0.35rem 0.6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.example { max-width: 24rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
@media (prefers-color-scheme: dark) { :root { --accent: #7ab7ff; --error: #ff8a80; --warning: #ffcc66; } button { color: #000; } }
`;

function start(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLE);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

  const fileInput = $<HTMLInputElement>('file');
  const sheetSelect = $<HTMLSelectElement>('sheet');
  const encodingSelect = $<HTMLSelectElement>('encoding');
  const separatorSelect = $<HTMLSelectElement>('separator');
  const summarySelect = $<HTMLSelectElement>('summary-format');
  const status = $('status');

  /** The file read, and the choices made for it. */
  let file: { name: string; bytes: Uint8Array } | undefined;
  let fields: (Field | '')[] | undefined;
  let result: ReadResult | undefined;
  let library: (HTMLElement & { catalogue?: unknown }) | undefined;
  // Only the newest conversion shows: a slow one started before a change is dropped.
  let run = 0;

  async function convert(): Promise<void> {
    if (!file) return;
    const mine = ++run;
    status.textContent = `Reading ${file.name}…`;
    // Let the page show that before a large file holds the thread.
    await new Promise((resolve) => setTimeout(resolve));
    if (mine !== run) return;
    const options: ReadOptions = {};
    if (sheetSelect.value && !$('sheet-field').hidden) options.sheet = sheetSelect.value;
    if (encodingSelect.value) options.encoding = encodingSelect.value;
    if (fields) options.fields = fields;
    if (separatorSelect.value !== ';') options.listSeparator = separatorSelect.value;
    if (summarySelect.value !== 'text') options.summaryFormat = summarySelect.value as SummaryFormat;
    const read = convertFile(file.bytes, file.name, options);
    // Countries grouped by UN M49 region, as the CLI writes them (the filter shows them so).
    const { catalogue, unplaced } = withPlaces(read.catalogue);
    result = { ...read, catalogue };
    show(result, file.name, unplaced);
  }

  async function open(chosen: File): Promise<void> {
    file = { name: chosen.name, bytes: new Uint8Array(await chosen.arrayBuffer()) };
    fields = undefined;
    sheetSelect.replaceChildren();
    $('sheet-field').hidden = true;
    encodingSelect.value = '';
    await convert();
  }

  function show(result: ReadResult, name: string, unplaced: string[]): void {
    const kept = result.catalogue.reports.length;
    const errors = result.problems.filter((p) => p.severity === 'error').length;
    const warnings = result.problems.length - errors;
    const usable = !result.fatal && kept > 0;
    const read = [
      result.encoding ? `Read as ${result.encoding}.` : '',
      result.sheet && result.sheet.sheets.length > 1 ? `Read the sheet “${result.sheet.name}”.` : '',
      unplaced.length > 0
        ? `${plural(unplaced.length, 'country is', 'countries are')} in no UN M49 region and will show ungrouped: ${
            unplaced.length > 5
              ? `${unplaced.slice(0, 3).join(', ')} and ${unplaced.length - 3} more`
              : unplaced.join(', ')
          }.`
        : '',
    ];
    status.textContent = [
      `${name}:`,
      usable
        ? `${plural(kept, 'report', 'reports')} ready.`
        : result.fatal
          ? 'this file cannot be used; see Problems below.'
          : 'no report in this file can be used; see Problems below.',
      ...read,
      usable && result.skipped > 0 ? `${plural(result.skipped, 'report was', 'reports were')} left out.` : '',
      usable && result.problems.length > 0
        ? `${plural(errors, 'error', 'errors')} and ${plural(warnings, 'warning', 'warnings')}: see Problems below.`
        : '',
    ]
      .filter(Boolean)
      .join(' ');

    // The sheet list, for a workbook of several; the encoding, for a text file.
    const sheets = result.sheet?.sheets ?? [];
    $('sheet-field').hidden = sheets.length < 2;
    if (sheets.length > 1 && sheetSelect.options.length !== sheets.length)
      sheetSelect.replaceChildren(
        ...sheets.map((s) => Object.assign(element('option', s), { value: s, selected: s === result.sheet?.name })),
      );
    $('encoding-field').hidden = result.sheet !== undefined;
    // How cells are written: for a spreadsheet (a JSON file has its lists, and says its summaries).
    $('separator-field').hidden = result.columns === undefined;
    $('summary-field').hidden = result.columns === undefined;

    const problems = $('problems');
    problems.replaceChildren(
      ...result.problems.map((p) => {
        const item = element('li');
        item.className = p.severity;
        const place = where(p);
        item.append(
          element('span', p.severity === 'error' ? 'Error' : 'Warning'),
          place ? `, ${place}: ` : ': ',
          pageWords(p.message),
        );
        item.firstElementChild!.className = 'kind';
        return item;
      }),
    );
    $('problems-section').hidden = result.problems.length === 0;
    $('problems-heading').textContent = `Problems (${result.problems.length.toLocaleString('en')})`;

    showColumns(result);

    $('download-section').hidden = !usable;
    $('download-advice').textContent =
      kept >= SPLIT_FROM
        ? `With ${plural(kept, 'report', 'reports')}, download the split folder: a page then fetches only what each view needs. Unzip it and put the “${FOLDER}” folder on your site as it is.`
        : `One file serves a library of a few thousand reports. (The split folder is for catalogues of ${SPLIT_FROM.toLocaleString('en')} reports and more.)`;
    // The one to use first.
    $('download-json').className = kept >= SPLIT_FROM ? 'secondary' : '';
    $('download-zip').className = kept >= SPLIT_FROM ? '' : 'secondary';

    $('preview-section').hidden = !usable;
    if (usable) {
      // Given its catalogue before it is in the page, so that it never shows the one it bundles.
      library ??= element('shelf-library') as HTMLElement & { catalogue?: unknown };
      library.catalogue = result.catalogue;
      if (!library.isConnected) {
        library.setAttribute('label', 'Preview');
        $('preview').append(library);
      }
    }
  }

  function showColumns(result: ReadResult): void {
    const columns = result.columns ?? [];
    $('columns-section').hidden = columns.length === 0;
    fields = columns.map((c) => c.field ?? '');
    const rows = columns.map((column, i) => {
      const row = element('tr');
      const letter = columnLetter(i);
      const name = column.header ? `${letter} “${column.header}”` : `${letter} (no name)`;
      const select = element('select');
      select.setAttribute('aria-label', `Field for column ${name}`);
      select.dataset.column = String(i);
      select.append(Object.assign(element('option', 'Not used'), { value: '' }));
      for (const field of FIELDS)
        select.append(Object.assign(element('option', FIELD_LABELS[field]), { value: field }));
      select.value = column.field ?? '';
      select.addEventListener('change', () => {
        const picked = select.value as Field | '';
        // A field takes one column: the column that had it gives it up.
        fields = fields!.map((f, k) => (k === i ? picked : f === picked ? '' : f));
        void convert();
      });
      const cell = element('td');
      cell.append(select);
      const example = element('td', column.example ?? '');
      example.className = 'example';
      if (column.example) example.title = column.example;
      row.append(element('td', name), example, cell);
      return row;
    });
    $('columns').replaceChildren(...rows);
    const map = fields.flatMap((field, i) => (field ? [`${columnLetter(i)}=${field}`] : [])).join(',');
    $('map').textContent = `--map ${map || '(no column used)'}`;
  }

  fileInput.addEventListener('change', () => {
    const chosen = fileInput.files?.[0];
    if (chosen) void open(chosen);
  });
  // A file chosen before this script ran (it is deferred: a quick visitor, a slow phone, a form the
  // browser restored on Back) fired its change event with no one listening: read it now.
  if (fileInput.files?.[0]) void open(fileInput.files[0]);
  separatorSelect.addEventListener('change', () => void convert());
  summarySelect.addEventListener('change', () => void convert());
  sheetSelect.addEventListener('change', () => {
    fields = undefined;
    void convert();
  });
  // Another encoding can read other headers: the fields are picked from them again.
  encodingSelect.addEventListener('change', () => {
    fields = undefined;
    void convert();
  });

  // A file dropped anywhere on the page is read here, never opened by the browser in its place.
  let depth = 0;
  const over = (on: boolean) => document.body.classList.toggle('over', on);
  document.addEventListener('dragenter', (event) => {
    event.preventDefault();
    depth++;
    over(true);
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) over(false);
  });
  document.addEventListener('dragover', (event) => event.preventDefault());
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    depth = 0;
    over(false);
    const dropped = event.dataTransfer?.files[0];
    if (dropped) void open(dropped);
  });

  $('download-json').addEventListener('click', () => {
    if (result) save(`${JSON.stringify(result.catalogue, null, 2)}\n`, 'catalogue.json', 'application/json');
  });
  $('download-zip').addEventListener('click', async () => {
    if (!result) return;
    const catalogue = result.catalogue;
    status.textContent = `Making the split folder of ${plural(catalogue.reports.length, 'report', 'reports')}…`;
    await new Promise((resolve) => setTimeout(resolve));
    save(splitZip(catalogue) as BlobPart, `${FOLDER}.zip`, 'application/zip');
    status.textContent = `${FOLDER}.zip is ready: unzip it and put the “${FOLDER}” folder on your site.`;
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
