import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { RECENCY, type Catalogue } from '@reportshelf/core';
import type { ShelfLibrary } from '@reportshelf/elements';
import { deep, eventually, libraryFixture, settle, titles } from './helpers.js';

/**
 * Two reports of nearly the same words, twelve years apart: the older one's title is the shorter,
 * so that without recency it scores a little higher (about 5 %) for "child soldiers".
 */
const similar: Catalogue = {
  version: 1,
  reports: [
    ['old', 2006, 'Child soldiers in armed conflict', 'Children recruited by armed groups.'],
    ['new', 2018, 'Child soldiers in the armed conflict', 'Children recruited by armed groups.'],
    ['other', 2012, 'Forced labour in fishing', 'Boats and their crews.'],
  ].map(([id, year, title, summary]) => ({
    id: id as string,
    year: year as number,
    title: title as string,
    summary: summary as string,
    countries: [],
    regions: [],
    categories: [],
    authors: [],
    organizations: [],
  })),
};

/** The titles shown once the results of "child soldiers" are (not those of the letters typed before). */
async function shown(lib: ShelfLibrary): Promise<string[]> {
  await waitUntil(() => {
    const results = lib.store.getState().results;
    return results?.query.q === 'child soldiers' && !results.pending;
  });
  await settle(lib);
  await eventually(() => expect(titles(lib).filter(Boolean)).to.have.length(2));
  return titles(lib);
}

/** Searches "child soldiers" as a visitor does, in the default layout's search box. */
async function search(lib: ShelfLibrary): Promise<string[]> {
  deep<HTMLInputElement>(lib, 'input[type="search"]').focus();
  await sendKeys({ type: 'child soldiers' });
  return shown(lib);
}

describe('boost-recent: recency in relevance order', () => {
  it('ranks the newer of two reports of similar words first by default', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${similar}></shelf-library>`);
    expect(await search(lib)).to.deep.equal([
      'Child soldiers in the armed conflict',
      'Child soldiers in armed conflict',
    ]);
  });

  it('leaves them in the order of their words with boost-recent="none", and ranks again when it changes', async () => {
    const lib = await libraryFixture(html`<shelf-library boost-recent="none" .catalogue=${similar}></shelf-library>`);
    expect(await search(lib)).to.deep.equal([
      'Child soldiers in armed conflict',
      'Child soldiers in the armed conflict',
    ]);
    lib.setAttribute('boost-recent', 'strong');
    await waitUntil(() => lib.store.getState().results?.query.boostRecent === RECENCY.strong);
    expect(await shown(lib)).to.deep.equal([
      'Child soldiers in the armed conflict',
      'Child soldiers in armed conflict',
    ]);
    // The words stay.
    expect(lib.store.getState().query.q).to.equal('child soldiers');
  });

  it('says which values it takes for one it does not know, and boosts as by default', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      const lib = await libraryFixture(html`<shelf-library boost-recent="lots" .catalogue=${similar}></shelf-library>`);
      expect(warnings).to.deep.equal(['<shelf-library boost-recent="lots">: use one of none, mild, strong.']);
      expect((await search(lib))[0]).to.equal('Child soldiers in the armed conflict');
    } finally {
      console.warn = warn;
    }
  });
});
