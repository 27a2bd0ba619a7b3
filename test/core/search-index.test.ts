import { expect } from '@open-wc/testing';
import { buildIndex, buildIndexAsync, createLibrary, loadIndex, runQuery, serialiseIndex } from '@reportshelf/core';
import { generateCatalogue } from '../../bench/generate.js';

describe('buildIndexAsync', () => {
  const { reports } = generateCatalogue(400, 5);

  it('builds the same index as buildIndex', async () => {
    const [whole, sliced] = [buildIndex(reports), await buildIndexAsync(reports)];
    for (const q of ['trafficking', 'victims of traffick', 'mediterranean sea', 'protection cluster']) {
      expect(sliced.search(q)).to.deep.equal(whole.search(q), q);
    }
    expect(sliced.documentCount).to.equal(400);
  });

  it('gives the page turns between slices of the time it is given, whatever the reports', async () => {
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setTimeout(tick);
    };
    setTimeout(tick);
    await buildIndexAsync(reports, 2);
    ticking = false;
    // 400 reports of 40 to 180 words take far more than 2 ms: the timer must have run between slices.
    expect(turns).to.be.greaterThan(1);
  });
});

describe('a prebuilt index', () => {
  const catalogue = generateCatalogue(50, 3);

  it('loads with the analysis and languages it was made with', () => {
    const library = createLibrary(catalogue, { index: serialiseIndex(buildIndex(catalogue.reports, 'en')) });
    expect(runQuery(library, { q: 'trafficked' }).total).to.equal(
      runQuery(createLibrary(catalogue), { q: 'trafficked' }).total,
    );
  });

  it('made by another version is refused, and the catalogue indexed instead', () => {
    // An earlier version's: MiniSearch's own JSON, without the analysis its terms were made with.
    const old = JSON.stringify(buildIndex(catalogue.reports));
    expect(() => loadIndex(old)).to.throw(/another word analysis \(none, not reportshelf-words-1\); build it again/);
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warned.push(message);
    try {
      const library = createLibrary(catalogue, { index: old });
      expect(runQuery(library, { q: 'trafficking' }).total).to.be.greaterThan(0);
    } finally {
      console.warn = warn;
    }
    expect(warned[0]).to.match(/the index is built from the catalogue instead/);
  });
});
