import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createLibrary, normaliseQuery, parseCatalogue, runQuery, serverEngine } from '@reportshelf/core';
import catalogueJson from '../../data/catalogue.json';

// The search server's engine in the browser, against a server the runner starts (test/server/wtr-plugin.mjs).
describe('serverEngine, in the page, against the search server', () => {
  it('answers as the in-page engine does', async () => {
    const { catalogue } = parseCatalogue(catalogueJson);
    const { url } = await executeServerCommand<{ url: string }, { catalogue: unknown }>('reportshelf-server', {
      catalogue,
    });
    const query = normaliseQuery({ q: 'trafficking', sort: 'newest', filters: { region: ['Worldwide'] } });
    const got = await serverEngine(url).query({ query, facets: ['region', 'category'] });
    const want = runQuery(createLibrary(catalogue), query);
    expect(got.total).to.equal(want.total);
    expect(got.hits.map((hit) => hit.report.id)).to.deep.equal(want.hits.map((hit) => hit.report.id));
    expect(got.facets.region.values).to.deep.equal(JSON.parse(JSON.stringify(want.facets.region.values)));
  });
});
