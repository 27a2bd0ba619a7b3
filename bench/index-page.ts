/**
 * Runs in Chromium for `npm run bench:index`: one way of getting from a catalogue address to a
 * searchable index, timed from the start of the fetch. The page's own needs come first in every
 * way (the catalogue parsed and checked, its facet tables made, as the widget does before showing
 * the first page); then the index is built or loaded.
 */
import {
  buildIndex,
  buildIndexAsync,
  createLibrary,
  loadIndex,
  parseCatalogueAsync,
  runQuery,
  useIndex,
  type Library,
} from '@reportshelf/core';

type Way = 'blocking' | 'sliced' | 'worker' | 'prebuilt';

async function measure(way: Way, catalogueUrl: string, indexUrl: string) {
  const start = performance.now();
  const worker = way === 'worker' ? new Worker('/index-worker.js') : undefined;
  const built =
    worker &&
    new Promise<number>(
      (resolve) =>
        (worker.onmessage = (e: MessageEvent<{ ready?: boolean }>) => e.data.ready && resolve(performance.now())),
    );
  worker?.postMessage({ url: new URL(catalogueUrl, location.href).href });
  const indexText = way === 'prebuilt' ? fetch(indexUrl).then((r) => r.text()) : undefined;
  const input: unknown = await (await fetch(catalogueUrl)).json();
  const { catalogue } = await parseCatalogueAsync(input);
  const library: Library = createLibrary(catalogue, { deferIndex: true });
  const firstPage = performance.now();
  let hits: number;
  if (worker) {
    await built;
    hits = await new Promise<number>((resolve) => {
      worker.onmessage = (e: MessageEvent<{ hits: number }>) => resolve(e.data.hits);
      worker.postMessage({ q: 'trafficking' });
    });
    worker.terminate();
  } else {
    if (way === 'blocking') useIndex(library, buildIndex(library.reports));
    else if (way === 'sliced') useIndex(library, await buildIndexAsync(library.reports));
    else useIndex(library, loadIndex(await indexText!));
    hits = runQuery(library, { q: 'trafficking' }).total;
  }
  return { firstPage: firstPage - start, searchable: performance.now() - start, hits };
}

(window as unknown as { measure: typeof measure }).measure = measure;
