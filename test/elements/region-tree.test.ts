import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { splitCatalogue, type Catalogue } from '@reportshelf/core';
import { deepActive, deepAll, eventually, libraryFixture, settle, tabTo, text } from './helpers.js';

const start = location.pathname;

/** Reports in West and Middle Africa and Western Asia, one of them in two West African countries. */
const placed: Catalogue = {
  version: 1,
  places: { 'Western Africa': ['Nigeria', 'Ghana'], 'Middle Africa': ['Chad'], 'Western Asia': ['Syria'] },
  reports: [
    ['r1', 'Trafficking along the coast', ['Nigeria', 'Ghana'], 2010],
    ['r2', 'Shelters in Lagos', ['Nigeria'], 2012],
    ['r3', 'Trafficking across the Sahel', ['Ghana', 'Chad'], 2012],
    ['r4', 'Displacement and exploitation', ['Syria'], 2014],
    ['r5', 'A global framework', ['Worldwide'], 2016],
  ].map(([id, title, countries, year]) => ({
    id: id as string,
    title: title as string,
    year: year as number,
    countries: countries as string[],
    regions: [],
    categories: [],
    authors: [],
    organizations: [],
  })),
};

const bar = (lib: Element) => lib.querySelector('shelf-filter-bar')!;
/** The rows a visitor sees in the country group: regions, the countries of open ones, the rest. */
const rows = (lib: Element) =>
  deepAll(bar(lib), 'label.option')
    .filter((l) => l.checkVisibility())
    .map((l) => text(l));
const regionBox = (lib: Element, region: string) =>
  deepAll<HTMLLabelElement>(bar(lib), '.region label').find((l) => text(l.querySelector('.value')) === region)!
    .control as HTMLInputElement;
const twisty = (lib: Element, region: string) => deepAll(bar(lib), `button[aria-label="${region}"]`)[0]!;
const countryBox = (lib: Element, country: string) =>
  deepAll<HTMLLabelElement>(bar(lib), 'label.option').find((l) => text(l.querySelector('.value')) === country)!
    .control as HTMLInputElement;

describe('shelf-filter-bar: countries under their regions', () => {
  afterEach(() => history.replaceState(null, '', start));

  it("is accessible, shows the regions with the union of their countries' reports, and the unplaced countries after them", async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${placed}><shelf-filter-bar facets="country"></shelf-filter-bar></shelf-library>`,
    );
    await expect(bar(lib)).to.be.accessible();
    // Western Africa: three reports, not four (r1 is in both Nigeria and Ghana).
    expect(rows(lib)).to.deep.equal(['Western Africa 3', 'Middle Africa 1', 'Western Asia 1', 'Worldwide 1']);
    // Each region's countries are a group named by the region, behind its disclosure button.
    const button = twisty(lib, 'Western Africa');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.click();
    await settle(lib);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const group = bar(lib).shadowRoot!.getElementById(button.getAttribute('aria-controls')!)!;
    expect(group.getAttribute('role')).to.equal('group');
    expect(group.getAttribute('aria-label')).to.equal('Western Africa');
    expect(rows(lib)).to.deep.equal([
      'Western Africa 3',
      'Nigeria 2',
      'Ghana 2',
      'Middle Africa 1',
      'Western Asia 1',
      'Worldwide 1',
    ]);
    await expect(bar(lib)).to.be.accessible();
  });

  it("ticks a region's countries by keyboard, in the address, and unticks them", async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${placed} sync-url><shelf-filter-bar facets="country"></shelf-filter-bar></shelf-library>`,
    );
    // Tab reaches the disclosure button, Enter opens it; Tab then the region's box, Space ticks it.
    await tabTo((el) => el.getAttribute('aria-label') === 'Western Africa', 'the Western Africa button');
    await sendKeys({ press: 'Enter' });
    await settle(lib);
    expect(twisty(lib, 'Western Africa').getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(regionBox(lib, 'Western Africa'));
    await sendKeys({ press: 'Space' });
    await waitUntil(() => location.search === '?country=Nigeria&country=Ghana', 'the address has both countries');
    await settle(lib);
    expect(regionBox(lib, 'Western Africa').checked).to.equal(true);
    expect(countryBox(lib, 'Nigeria').checked && countryBox(lib, 'Ghana').checked).to.equal(true);
    expect(lib.store.getState().results!.total).to.equal(3);
    // The next Tab goes into its countries.
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(countryBox(lib, 'Nigeria'));
    // Unticking the region clears them.
    regionBox(lib, 'Western Africa').click();
    await waitUntil(() => location.search === '', 'the address has no country');
    await settle(lib);
    expect(countryBox(lib, 'Nigeria').checked || countryBox(lib, 'Ghana').checked).to.equal(false);
  });

  it('shows a region mixed when some of its countries are ticked, and its count does not collapse (disjunctive)', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${placed}><shelf-filter-bar facets="country year"></shelf-filter-bar></shelf-library>`,
    );
    twisty(lib, 'Western Africa').click();
    await settle(lib);
    countryBox(lib, 'Nigeria').click();
    await waitUntil(() => lib.store.getState().results!.total === 2);
    await settle(lib);
    const box = regionBox(lib, 'Western Africa');
    expect(box.indeterminate).to.equal(true);
    expect(box.checked).to.equal(false);
    // Counted as if the country filter were not set: every region keeps its count.
    expect(rows(lib)).to.deep.equal([
      'Western Africa 3',
      'Nigeria 2',
      'Ghana 2',
      'Middle Africa 1',
      'Western Asia 1',
      'Worldwide 1',
    ]);
    await expect(bar(lib)).to.be.accessible();
    // Another facet's filter does narrow them: 2012 holds r2 and r3.
    lib.store.setQuery({ yearFrom: 2012, yearTo: 2012 });
    await waitUntil(() => lib.store.getState().results!.total === 1);
    await settle(lib);
    expect(rows(lib).slice(0, 4)).to.deep.equal(['Western Africa 2', 'Nigeria 1', 'Ghana 1', 'Middle Africa 1']);
  });

  it("counts a region's reports for the words searched, in either engine", async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${placed}><shelf-filter-bar facets="country"></shelf-filter-bar></shelf-library>`,
    );
    lib.store.setQuery({ q: 'trafficking' });
    // r1 (Nigeria, Ghana) and r3 (Ghana, Chad): Western Africa 2, Middle Africa 1, the rest none.
    await eventually(() => expect(rows(lib)).to.deep.equal(['Western Africa 2', 'Middle Africa 1']));
  });

  it('counts a region of several countries in a split catalogue too, a report in two of them once', async () => {
    const { url } = await executeServerCommand<{ url: string }, { files: Record<string, string> }>(
      'reportshelf-files',
      {
        files: Object.fromEntries(splitCatalogue(placed)),
      },
    );
    // (Not `libraryFixture`: a split catalogue has no index in the page to wait for.)
    const lib = (
      await fixture<HTMLElement>(
        html`<div><shelf-library src=${`${url}catalogue.json`}><shelf-filter-bar facets="country year"></shelf-filter-bar></shelf-library></div>`,
      )
    ).querySelector('shelf-library')!;
    await eventually(() =>
      expect(rows(lib)).to.deep.equal(['Western Africa 3', 'Middle Africa 1', 'Western Asia 1', 'Worldwide 1']),
    );
    // Disjunctive: Nigeria ticked, every region keeps its count; a year narrows them.
    lib.store.setQuery({ filters: { country: ['Nigeria'] }, yearFrom: 2012, yearTo: 2012 });
    await waitUntil(() => lib.store.getState().results?.total === 1);
    await eventually(() => expect(rows(lib)).to.deep.equal(['Western Africa 2', 'Middle Africa 1']));
    lib.store.setQuery({ q: 'trafficking', filters: { country: [] }, yearFrom: undefined, yearTo: undefined });
    await eventually(() => expect(rows(lib)).to.deep.equal(['Western Africa 2', 'Middle Africa 1']));
    await expect(bar(lib)).to.be.accessible();
  });

  it("counts a search server's regions: its descriptor has the places, its answers the regions' counts", async () => {
    const { url } = await executeServerCommand<{ url: string }, { catalogue: unknown }>('reportshelf-server', {
      catalogue: placed,
    });
    const lib = (
      await fixture<HTMLElement>(
        html`<div><shelf-library src=${url}><shelf-filter-bar facets="country year"></shelf-filter-bar></shelf-library></div>`,
      )
    ).querySelector('shelf-library')!;
    await eventually(() =>
      expect(rows(lib)).to.deep.equal(['Western Africa 3', 'Middle Africa 1', 'Western Asia 1', 'Worldwide 1']),
    );
    lib.store.setQuery({ filters: { country: ['Nigeria'] }, yearFrom: 2012, yearTo: 2012 });
    await eventually(() => expect(rows(lib)).to.deep.equal(['Western Africa 2', 'Middle Africa 1']));
    await expect(bar(lib)).to.be.accessible();
  });

  it('without places, the country list is as it always was', async () => {
    const plain = { ...placed };
    delete plain.places;
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${plain}><shelf-filter-bar facets="country"></shelf-filter-bar></shelf-library>`,
    );
    expect(deepAll(bar(lib), '.region')).to.have.length(0);
    expect(rows(lib)).to.deep.equal(['Ghana 2', 'Nigeria 2', 'Chad 1', 'Syria 1', 'Worldwide 1']);
  });
});
