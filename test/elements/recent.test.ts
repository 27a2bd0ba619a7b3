import { expect, html, waitUntil } from '@open-wc/testing';
import type { Catalogue } from '@reportshelf/core';
import { deep, eventually, libraryFixture, seed, settle, titles } from './helpers.js';
import { small } from '../fixtures/small.js';

const start = location.pathname;
const setAddress = (search: string) => history.replaceState(null, '', start + search);

/** The small catalogue with three reports added on known days (the others have no `added`). */
const added: Catalogue = {
  ...small,
  reports: small.reports.map((r) => {
    const day = { b: '2024-05-02', d: '2024-06-30', g: '2024-05-02' }[r.id];
    return day ? { ...r, added: day } : r;
  }),
};

const sortOptions = (lib: Element) => [...deep<HTMLSelectElement>(lib, '[part="select"]').options];

describe('"Recently added" sort', () => {
  beforeEach(() => setAddress(''));
  afterEach(() => setAddress(''));

  it('is offered where reports have an added date, and orders them newest first, the undated after', async () => {
    const lib = await libraryFixture(html`<shelf-library sync-url .catalogue=${added}></shelf-library>`);
    const option = sortOptions(lib).find((o) => o.value === 'added');
    expect(option?.textContent?.trim()).to.equal('Recently added');
    await expect(lib).to.be.accessible();
    const select = deep<HTMLSelectElement>(lib, '[part="select"]');
    select.value = 'added';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => location.search === '?sort=added');
    await settle(lib);
    // d (30 June), then b and g (2 May: b has a year, g none), then the rest newest first.
    expect(titles(lib)).to.deep.equal([
      'Assessment of shelters',
      'Labour exploitation research',
      'Undated note',
      'Migration routes and trafficking risk',
      'Zero tolerance guidance for fishing fleets',
      'Child trafficking in West Africa',
      'Guidance on victim identification in Europe',
    ]);
  });

  it('is not offered where no report has one', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${seed}></shelf-library>`);
    expect(sortOptions(lib).map((o) => o.value)).to.deep.equal(['relevance', 'newest', 'oldest', 'title']);
  });

  it('is said in each language', async () => {
    for (const [lang, said] of [
      ['fr', 'Ajoutés récemment'],
      ['es', 'Añadidos recientemente'],
      ['ar', 'المضافة حديثًا'],
    ]) {
      const lib = await libraryFixture(html`<shelf-library lang=${lang!} .catalogue=${added}></shelf-library>`);
      await eventually(() =>
        expect(
          sortOptions(lib)
            .find((o) => o.value === 'added')
            ?.textContent?.trim(),
        ).to.equal(said),
      );
      lib.remove();
    }
  });
});
