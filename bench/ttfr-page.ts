/**
 * Runs in Chromium for `npm run bench:embed`: from fetching a catalogue to the first page of
 * results, and to a searchable index, either building the index here or loading a prebuilt one.
 */
import { buildIndex, createLibrary, loadIndex, parseCatalogue, runQuery } from '@reportshelf/core';

async function measure(catalogueUrl: string, indexUrl: string | null) {
  const start = performance.now();
  const [catalogueText, indexText] = await Promise.all([fetch(catalogueUrl).then((r) => r.text()), indexUrl ? fetch(indexUrl).then((r) => r.text()) : null]);
  const fetched = performance.now();
  const { catalogue } = parseCatalogue(JSON.parse(catalogueText));
  const library = createLibrary(catalogue, { deferIndex: true });
  const first = runQuery(library, {});
  const firstResults = performance.now();
  library.index = indexText === null ? buildIndex(library.reports) : loadIndex(indexText);
  const searchable = performance.now();
  const hits = runQuery(library, { q: 'trafficking' }).total;
  return { fetched: fetched - start, firstResults: firstResults - start, searchable: searchable - start, shown: first.hits.length, hits };
}

(window as unknown as { measure: typeof measure }).measure = measure;
