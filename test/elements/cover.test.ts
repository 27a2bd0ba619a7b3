import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Report } from '@reportshelf/core';
import type { ShelfReportCard } from '@reportshelf/elements';
import { deep } from './helpers.js';

const report = (extra: Partial<Report>): Report => ({
  id: 'r',
  title: 'Trafficking in persons in conflict settings',
  summary: 'A summary long enough to sit beside a cover. '.repeat(6),
  year: 2021,
  countries: ['Nigeria'],
  regions: [],
  categories: [],
  authors: [],
  organizations: [],
  ...extra,
});

async function card(r: Report): Promise<ShelfReportCard> {
  const el = await fixture<ShelfReportCard>(
    html`<shelf-report-card style="display: block; width: 40rem" .report=${r}></shelf-report-card>`,
  );
  // The first render waits for a task of its own (see base.ts).
  await waitUntil(() => el.renderRoot.querySelector('article'), 'the card renders');
  return el;
}

describe('a report with a cover', () => {
  it('shows it lazily, described, in a box sized before it loads: nothing moves when it comes', async () => {
    const shifts: number[] = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) shifts.push((entry as PerformanceEntry & { value: number }).value);
    }).observe({ type: 'layout-shift' });
    // The image's own shape (4:3, landscape) differs from the box's (3:4): the box decides.
    const el = await card(
      report({ image: `/test/fixtures/cover.svg?${Math.random()}`, imageAlt: 'The cover: a blue page' }),
    );
    const img = deep<HTMLImageElement>(el, 'img[part="cover"]');
    expect(img.loading).to.equal('lazy');
    expect(img.alt).to.equal('The cover: a blue page');
    const before = img.getBoundingClientRect();
    const title = deep(el, '[part="title"]').getBoundingClientRect();
    await waitUntil(() => img.complete && img.naturalWidth > 0, 'the cover loads');
    const after = img.getBoundingClientRect();
    expect([after.width, after.height]).to.deep.equal([before.width, before.height]);
    expect(Math.round((after.width / after.height) * 100)).to.equal(75);
    expect(deep(el, '[part="title"]').getBoundingClientRect().top).to.equal(title.top);
    // The text is beside the cover, not under it.
    expect(title.left).to.be.greaterThan(after.right);
    expect(shifts.reduce((a, b) => a + b, 0)).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('a cover without a description is decorative; a card without one stays as it is; an unsafe address shows none', async () => {
    const decorative = await card(report({ image: '/test/fixtures/cover.svg' }));
    expect(deep<HTMLImageElement>(decorative, 'img').getAttribute('alt')).to.equal('');
    const plain = await card(report({}));
    expect(plain.renderRoot.querySelector('img')).to.equal(null);
    expect(deep(plain, 'article').className).to.equal('');
    const hostile = await card(report({ image: 'javascript:alert(1)' }));
    expect(hostile.renderRoot.querySelector('img')).to.equal(null);
  });

  it('a cover from another site learns nothing of the page: no referrer, so not the search in its address', async () => {
    const el = await card(report({ image: 'https://images.example/cover.png?u=1' }));
    const img = deep<HTMLImageElement>(el, 'img[part="cover"]');
    expect(img.referrerPolicy).to.equal('no-referrer');
  });
});
