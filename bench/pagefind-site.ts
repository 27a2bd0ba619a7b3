/**
 * The same catalogue as a Pagefind site: one HTML page per report (title, summary, and
 * `data-pagefind-filter` for country and year), indexed by the real Pagefind (the `pagefind`
 * package runs the binary that `@pagefind/linux-x64` ships), with a search page that uses
 * Pagefind's component UI as its documentation shows.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import type { Catalogue } from '@reportshelf/core';

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Writes the report pages and the search page under `dir`, and Pagefind's bundle to
 * `dir/pagefind`; `base` is the address the server gives `dir`.
 */
export async function buildPagefindSite(catalogue: Catalogue, dir: string, base: string): Promise<void> {
  mkdirSync(join(dir, 'reports'), { recursive: true });
  for (const report of catalogue.reports) {
    const countries = report.countries
      .map((c) => `<span data-pagefind-filter="country">${escape(c)}</span>`)
      .join(', ');
    const year =
      report.year === undefined ? '' : `<p>Year: <span data-pagefind-filter="year">${report.year}</span></p>`;
    writeFileSync(
      join(dir, 'reports', `${report.id}.html`),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(report.title)}</title></head><body><main data-pagefind-body>` +
        `<h1>${escape(report.title)}</h1><p>${escape(report.summary ?? '')}</p><p>Countries: ${countries}</p>${year}</main></body></html>`,
    );
  }
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: join(dir, 'reports') });
  if (added.errors.length > 0 || added.page_count !== catalogue.reports.length) {
    throw new Error(
      `Pagefind indexed ${added.page_count} of ${catalogue.reports.length} pages: ${added.errors.join('; ')}`,
    );
  }
  await index.writeFiles({ outputPath: join(dir, 'pagefind') });
  await index.deleteIndex();
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pagefind</title>
<link href="${base}pagefind/pagefind-component-ui.css" rel="stylesheet">
<script src="${base}pagefind/pagefind-component-ui.js"></script></head>
<body><main><pagefind-config bundle-path="${base}pagefind/"></pagefind-config><pagefind-input></pagefind-input><pagefind-summary></pagefind-summary><pagefind-filter-pane></pagefind-filter-pane><pagefind-results></pagefind-results></main></body></html>`,
  );
}

export async function closePagefind(): Promise<void> {
  await pagefind.close();
}
