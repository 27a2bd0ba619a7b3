/** A dedicated worker for `npm run bench:index`: fetches and checks the catalogue, builds the index, answers searches. */
import { buildIndex, parseCatalogue, type ReportIndex } from '@reportshelf/core';

let index: ReportIndex | undefined;
self.onmessage = async (event: MessageEvent<{ url?: string; q?: string }>) => {
  if (event.data.url) {
    const { catalogue } = parseCatalogue(await (await fetch(event.data.url)).json());
    index = buildIndex(catalogue.reports);
    self.postMessage({ ready: true });
  } else if (event.data.q !== undefined && index) {
    self.postMessage({ hits: index.search(event.data.q).length });
  }
};
