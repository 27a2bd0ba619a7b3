import { expect } from '@open-wc/testing';
import { buildIndex, buildIndexAsync } from '@reportshelf/core';
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
