import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ShelfLibrary } from '@reportshelf/elements';
import { deep, deepAll, libraryFixture, ready, seed, settle, titles } from './helpers.js';
import { small } from '../fixtures/small.js';

/** Content for visitors without script (and for search engines): not a composition of the library. */
describe('fallback content', () => {
  it('a <noscript> child leaves the default layout: search box, filters and list', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${seed}>
      <noscript><ul><li><a href="https://example.org/a.pdf">A report</a></li></ul></noscript>
    </shelf-library>`);
    await expect(lib).to.be.accessible();
    expect(deep(lib, 'input[type="search"]').checkVisibility()).to.equal(true);
    expect(deep(lib, 'shelf-filter-bar').checkVisibility()).to.equal(true);
    expect(titles(lib)).to.have.length(6);
  });

  it('children marked slot="fallback" are hidden once the element upgrades, and the default layout shows', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${seed}>
      <section slot="fallback"><h2>Our reports</h2><ul><li><a href="https://example.org/a.pdf">A report</a></li></ul></section>
    </shelf-library>`);
    const fallback = lib.querySelector('section')!;
    expect(fallback.checkVisibility()).to.equal(false);
    expect(fallback.getBoundingClientRect().height).to.equal(0);
    expect(deep(lib, 'input[type="search"]').checkVisibility()).to.equal(true);
    expect(titles(lib)).to.have.length(6);
  });

  it('a fallback added later does not switch the layout either', async () => {
    const lib = await libraryFixture();
    const fallback = document.createElement('p');
    fallback.slot = 'fallback';
    fallback.textContent = 'Our reports need JavaScript.';
    const noscript = document.createElement('noscript');
    lib.append(fallback, noscript);
    await settle(lib);
    expect(deepAll(lib, 'input[type="search"]')).to.have.length(1);
    expect(fallback.checkVisibility()).to.equal(false);
  });

  it('in a composed library, the fallback stays hidden and the pieces show', async () => {
    const lib = await fixture<ShelfLibrary>(html`<shelf-library .catalogue=${small}>
      <p slot="fallback">Our reports need JavaScript.</p>
      <noscript>Our reports need JavaScript.</noscript>
      <shelf-report-list></shelf-report-list>
    </shelf-library>`);
    await ready(lib);
    await waitUntil(() => titles(lib).length === 7);
    expect(lib.querySelector('p')!.checkVisibility()).to.equal(false);
    expect(deepAll(lib, 'input[type="search"]')).to.have.length(0);
  });
});
