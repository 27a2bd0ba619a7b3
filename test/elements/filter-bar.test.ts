import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { Catalogue } from '@reportshelf/core';
import { deep, deepActive, deepAll, libraryFixture, seed, settle, text, titles } from './helpers.js';
import { small } from '../fixtures/small.js';

const groupNames = (bar: Element) => deepAll(bar, '[part="group-label"]').map((s) => text(s));
const options = (bar: Element, group: string) => {
  const details = deepAll(bar, 'details').find((d) => text(d.querySelector('summary')).startsWith(group))!;
  return [...details.querySelectorAll('label.option')].map((l) => text(l));
};
const check = async (bar: Element, group: string, value: string) => {
  const details = deepAll(bar, 'details').find((d) => text(d.querySelector('summary')).startsWith(group))!;
  const label = [...details.querySelectorAll('label.option')].find((l) => text(l.querySelector('.value')) === value)!;
  label.querySelector('input')!.click();
};

/** 150 countries, the first ones far more common, as in a real catalogue. */
const manyCountries: Catalogue = {
  version: 1,
  reports: Array.from({ length: 300 }, (_, i) => ({
    id: `r${i}`,
    title: `Report ${i}`,
    year: 2000 + (i % 20),
    countries: [`Country ${String(i % 150).padStart(3, '0')}`, ...(i % 3 === 0 ? ['Country 000'] : [])],
    regions: [`Region ${i % 5}`],
    categories: [],
    authors: [],
    organizations: [],
  })),
};

describe('shelf-filter-bar', () => {
  it('is accessible, shows one group per facet with counts, and leaves out empty facets', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${seed}><shelf-filter-bar></shelf-filter-bar></shelf-library>`,
    );
    const bar = lib.querySelector('shelf-filter-bar')!;
    await expect(bar).to.be.accessible();
    // The seed catalogue has no categories: that group is left out.
    expect(groupNames(bar)).to.deep.equal(['Region', 'Country', 'Year']);
    expect(options(bar, 'Region')).to.deep.equal(['Worldwide 5', 'Central Africa 1', 'West Africa 1']);
    // Each group of checkboxes is named by its facet for screen readers.
    expect(deepAll(bar, '[role="group"]').map((g) => g.getAttribute('aria-label'))).to.deep.equal([
      'Region',
      'Country',
      'Year',
    ]);
  });

  it('shows a list of 5,000 values whole a frame at a time, never all at once', async () => {
    const huge: Catalogue = {
      version: 1,
      reports: Array.from({ length: 5000 }, (_, i) => ({
        id: `r${i}`,
        title: `Report ${i}`,
        countries: [`Country ${String(i).padStart(4, '0')}`],
        regions: [],
        categories: [],
        authors: [],
        organizations: [],
      })),
    };
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${huge}><shelf-filter-bar facets="country"></shelf-filter-bar></shelf-library>`,
    );
    const bar = lib.querySelector('shelf-filter-bar')!;
    const rows = () => deepAll(bar, 'label.option').length;
    expect(rows()).to.equal(8);
    deep<HTMLButtonElement>(bar, '[part="show-all"]').click();
    await bar.updateComplete;
    // The first frame lays out a hundred rows (a 5,000-row list at once was a 7-second task).
    expect(rows()).to.equal(100);
    await waitUntil(() => rows() === 5000, 'the whole list', { timeout: 15000 });
    expect(options(bar, 'Country').at(-1)).to.equal('Country 4999 1');
    // Filtering within the list starts again from a short list.
    const within = deep<HTMLInputElement>(bar, '[part="filter-input"]');
    within.value = 'Country 4';
    within.dispatchEvent(new InputEvent('input'));
    await bar.updateComplete;
    expect(rows()).to.equal(100);
    await waitUntil(() => rows() === 1000, 'the filtered list', { timeout: 15000 });
  });

  it('filters with OR inside a facet and AND across facets, with disjunctive counts', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${small}><shelf-filter-bar facets="region category"></shelf-filter-bar><shelf-report-list></shelf-report-list></shelf-library>`,
    );
    const bar = lib.querySelector('shelf-filter-bar')!;
    await check(bar, 'Region', 'East Asia');
    await settle(lib);
    await check(bar, 'Region', 'West Africa');
    await waitUntil(() => titles(lib).length === 4);
    await check(bar, 'Category', 'Guidance');
    await waitUntil(() => titles(lib).length === 1);
    expect(titles(lib)).to.deep.equal(['Zero tolerance guidance for fishing fleets']);
    await settle(lib);
    // Regions are counted among Guidance reports; categories among East Asia + West Africa reports.
    expect(options(bar, 'Region')).to.deep.equal(['East Asia 1', 'Europe 1', 'West Africa 0']);
    expect(options(bar, 'Category')).to.deep.equal(['Research 2', 'Assessment 1', 'Guidance 1']);
    expect(text(deep(bar, 'summary'))).to.equal('Region (2)');
    await expect(bar).to.be.accessible();
  });

  it('orders and chooses groups with facets=, and warns about unknown names', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (m: string) => warnings.push(m);
    try {
      const lib = await libraryFixture(
        html`<shelf-library .catalogue=${small}><shelf-filter-bar facets="year author nonsense language"></shelf-filter-bar></shelf-library>`,
      );
      expect(groupNames(lib.querySelector('shelf-filter-bar')!)).to.deep.equal(['Year', 'Author', 'Language']);
      expect(warnings.join()).to.contain('"nonsense" is not a facet');
    } finally {
      console.warn = warn;
    }
  });

  it('takes the library’s facets attribute when it has none', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${small} facets="organization"></shelf-library>`);
    expect(groupNames(deep(lib, 'shelf-filter-bar'))).to.deep.equal(['Organisation']);
  });

  it('shows the top values of a long list, then all of them with a field to filter within', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${manyCountries}><shelf-filter-bar facets="country"></shelf-filter-bar></shelf-library>`,
    );
    const bar = lib.querySelector('shelf-filter-bar')!;
    expect(options(bar, 'Country')).to.have.length(8);
    expect(options(bar, 'Country')[0]).to.equal('Country 000 100');
    const more = deep<HTMLButtonElement>(bar, '[part="show-all"]');
    expect(text(more)).to.equal('Show all 150');
    expect(more.getAttribute('aria-expanded')).to.equal('false');
    more.click();
    await waitUntil(() => options(bar, 'Country').length === 150, 'the whole list');
    expect(options(bar, 'Country')).to.have.length(150);
    expect(more.getAttribute('aria-expanded')).to.equal('true');
    const within = deep<HTMLInputElement>(bar, '[part="filter-input"]');
    expect(within.labels?.[0]?.textContent).to.equal('Filter country values');
    await expect(bar).to.be.accessible();
    within.value = 'country 14';
    within.dispatchEvent(new InputEvent('input'));
    await settle(bar);
    expect(options(bar, 'Country')).to.deep.equal([
      'Country 140 2',
      'Country 141 2',
      'Country 142 2',
      'Country 143 2',
      'Country 144 2',
      'Country 145 2',
      'Country 146 2',
      'Country 147 2',
      'Country 148 2',
      'Country 149 2',
    ]);
    within.value = 'zzz';
    within.dispatchEvent(new InputEvent('input'));
    await settle(bar);
    expect(text(deep(bar, '.none'))).to.equal('No matching values');
    // A selected value stays in view when the list is short again.
    within.value = '';
    within.dispatchEvent(new InputEvent('input'));
    await waitUntil(() => options(bar, 'Country').length === 150, 'the whole list again');
    await check(bar, 'Country', 'Country 120');
    await settle(lib);
    more.click();
    await settle(bar);
    expect(options(bar, 'Country')).to.have.length(9);
    expect(options(bar, 'Country')[8]).to.equal('Country 120 2');
  });

  it('filters by a year range, with a chart whose bars are buttons named by year and count', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${small}><shelf-filter-bar facets="year"></shelf-filter-bar><shelf-report-list></shelf-report-list></shelf-library>`,
    );
    const bar = lib.querySelector('shelf-filter-bar')!;
    const chart = deep(bar, '[part="year-chart"]');
    expect(chart.getAttribute('role')).to.equal('toolbar');
    expect(chart.getAttribute('aria-label')).to.equal('Reports per year');
    const names = [...chart.querySelectorAll('[role="button"]')].map((b) => b.getAttribute('aria-label'));
    expect(names).to.have.length(11);
    expect(names.slice(0, 3)).to.deep.equal(['2010: 1 report', '2011: 0 reports', '2012: 1 report']);
    expect(names[5]).to.equal('2015: 2 reports');
    const [from, to] = deepAll<HTMLSelectElement>(bar, 'select');
    expect(from!.labels?.[0]?.textContent).to.match(/^From/);
    from!.value = '2012';
    from!.dispatchEvent(new Event('change'));
    await settle(lib);
    to!.value = '2015';
    to!.dispatchEvent(new Event('change'));
    await waitUntil(() => titles(lib).length === 3);
    expect(lib.store.getQuery()).to.include({ yearFrom: 2012, yearTo: 2015 });
    expect(chart.querySelectorAll('.in')).to.have.length(4);
    expect(chart.querySelectorAll('[aria-pressed="true"]')).to.have.length(4);
    expect(text(deep(bar, 'summary'))).to.contain('Year (2012–2015)');
    await expect(bar).to.be.accessible();
  });

  it('sets the year range by clicking bars: one year, Shift for a range, the same year again for any', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${small}><shelf-filter-bar facets="year"></shelf-filter-bar><shelf-report-list></shelf-report-list></shelf-library>`,
    );
    const bar = lib.querySelector('shelf-filter-bar')!;
    const click = async (year: number) => {
      const box = deep(bar, `[aria-label^="${year}:"] .hit`).getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + 2)] });
      await settle(lib);
    };
    await click(2015);
    expect(lib.store.getQuery()).to.include({ yearFrom: 2015, yearTo: 2015 });
    await waitUntil(() => titles(lib).length === 2);
    await sendKeys({ down: 'Shift' });
    await click(2020);
    await sendKeys({ up: 'Shift' });
    expect(lib.store.getQuery()).to.include({ yearFrom: 2015, yearTo: 2020 });
    await waitUntil(() => titles(lib).length === 4);
    // Shift back before the first year picked: the range runs from there to it.
    await click(2015);
    await sendKeys({ down: 'Shift' });
    await click(2012);
    await sendKeys({ up: 'Shift' });
    expect(lib.store.getQuery()).to.include({ yearFrom: 2012, yearTo: 2015 });
    await click(2010);
    await click(2010);
    expect(lib.store.getQuery().yearFrom).to.equal(undefined);
    expect(lib.store.getQuery().yearTo).to.equal(undefined);
  });

  it('sets the year range from the keyboard: one tab stop, arrows, Enter, Shift+Enter', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${small}><shelf-filter-bar facets="year"></shelf-filter-bar><shelf-report-list></shelf-report-list></shelf-library>`,
    );
    const bar = lib.querySelector('shelf-filter-bar')!;
    const chart = deep(bar, '[part="year-chart"]');
    expect(chart.querySelectorAll('[tabindex="0"]')).to.have.length(1);
    (chart.querySelector('[tabindex="0"]') as SVGElement).focus();
    const focused = () => bar.shadowRoot!.activeElement?.getAttribute('aria-label');
    expect(focused()).to.equal('2020: 1 report');
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => focused() === '2018: 1 report', `focus on ${focused()}`);
    await sendKeys({ press: 'Enter' });
    await settle(lib);
    expect(lib.store.getQuery()).to.include({ yearFrom: 2018, yearTo: 2018 });
    for (let i = 0; i < 8; i++) await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => focused() === '2010: 1 report', `focus on ${focused()}`);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await settle(lib);
    expect(lib.store.getQuery()).to.include({ yearFrom: 2010, yearTo: 2018 });
    await waitUntil(() => titles(lib).length === 5);
    // Still one tab stop, on the bar last focused.
    expect(chart.querySelectorAll('[tabindex="0"]')).to.have.length(1);
    expect(focused()).to.equal('2010: 1 report');
  });

  it('includes reports without a year by choice once a bound is set, with their count', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${small}><shelf-filter-bar facets="year"></shelf-filter-bar><shelf-report-list></shelf-report-list></shelf-library>`,
    );
    const bar = lib.querySelector('shelf-filter-bar')!;
    const undated = () => deepAll(bar, 'label.option').find((l) => text(l).startsWith('Reports without a year'))!;
    // No bound: they are in, and the box says so.
    expect(text(undated())).to.equal('Reports without a year 1');
    expect(undated().querySelector('input')!.checked).to.equal(true);
    lib.store.setQuery({ yearFrom: 2015 });
    await waitUntil(() => titles(lib).length === 4);
    expect(undated().querySelector('input')!.checked).to.equal(false);
    expect(text(undated())).to.equal('Reports without a year 1');
    undated().querySelector('input')!.click();
    await waitUntil(() => titles(lib).length === 5);
    expect(titles(lib)).to.include('Undated note');
    expect(lib.store.getQuery()).to.include({ yearFrom: 2015, undated: true });
    await expect(bar).to.be.accessible();
    // Clear all forgets the choice.
    deep<HTMLButtonElement>(bar, '[part="clear-all"]').click();
    await settle(lib);
    expect(lib.store.getQuery()).not.to.have.property('undated');
  });

  it('clears every filter but keeps the search', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${small}><shelf-filter-bar></shelf-filter-bar><shelf-report-list></shelf-report-list></shelf-library>`,
    );
    lib.store.setQuery({ q: 'trafficking', filters: { region: ['Europe'] }, yearFrom: 2019 });
    await settle(lib);
    deep<HTMLButtonElement>(lib.querySelector('shelf-filter-bar')!, '[part="clear-all"]').click();
    await settle(lib);
    expect(lib.store.getQuery()).to.deep.include({ q: 'trafficking', filters: {} });
    expect(lib.store.getQuery().yearFrom).to.equal(undefined);
  });

  it('keeps focus on a box or a bar when a tick or a year removes an earlier group, so Shift+Enter ranges work', async () => {
    // Ticking "Organization" (or picking 2011) leaves nothing to choose in Region: that group goes.
    const cat = {
      version: 1,
      reports: [
        { id: 'a', title: 'A', year: 2011, categories: ['Organization'] },
        { id: 'b', title: 'B', year: 2012, regions: ['Europe'], categories: ['Research'] },
        { id: 'c', title: 'C', year: 2013, regions: ['Asia'], categories: ['Research'] },
        { id: 'd', title: 'D', year: 2014, regions: ['Asia'], categories: ['Research'] },
      ],
    };
    const lib = await libraryFixture(
      html`<div style="width: 1000px"><shelf-library .catalogue=${cat}></shelf-library></div>`,
    );
    const bar = deep(lib, 'shelf-filter-bar');
    const box = deepAll<HTMLInputElement>(bar, 'label.option').find((l) => text(l).startsWith('Organization'))!;
    box.querySelector('input')!.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => titles(lib).length === 1);
    await settle(lib);
    expect(groupNames(bar)).to.deep.equal(['Category (1)', 'Year']);
    expect(deepActive()?.localName).to.equal('input');
    expect(text(deepActive()!.parentElement)).to.match(/^Organization/);
    await sendKeys({ press: 'Space' });
    await waitUntil(() => titles(lib).length === 4);
    await settle(lib);

    // By keyboard on the chart: 2011 alone (Region goes), then Shift+Enter on 2013 for a range.
    const focused = () => deepActive()?.getAttribute('aria-label');
    (deep(bar, '[part="year-chart"] [tabindex="0"]') as unknown as SVGElement).focus();
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => focused() === '2011: 1 report', `focus on ${focused()}`);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => titles(lib).length === 1);
    await settle(lib);
    expect(groupNames(bar)).to.deep.equal(['Category', 'Year (2011)']);
    expect(focused()).to.equal('2011: 1 report');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => focused()?.startsWith('2013:') ?? false, `focus on ${focused()}`);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await waitUntil(() => titles(lib).length === 3);
    expect(lib.store.getQuery()).to.include({ yearFrom: 2011, yearTo: 2013 });
    await settle(lib);
    expect(focused()?.startsWith('2013:')).to.equal(true);
  });

  it('finds a value in a long list whatever its apostrophe, letter case or accents', async () => {
    const names = ["Côte d'Ivoire", 'Côte d’Azur Islands', ...Array.from({ length: 9 }, (_, i) => `Land ${i}`)];
    const cat = {
      version: 1,
      reports: names.map((name, i) => ({ id: `r${i}`, title: `Report ${i}`, countries: [name] })),
    };
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${cat}><shelf-filter-bar facets="country"></shelf-filter-bar></shelf-library>`,
    );
    const bar = lib.querySelector('shelf-filter-bar')!;
    deep<HTMLButtonElement>(bar, '[part="show-all"]').click();
    await settle(bar);
    const within = deep<HTMLInputElement>(bar, '[part="filter-input"]');
    const find = async (words: string) => {
      within.focus();
      within.select();
      await sendKeys({ type: words });
      await settle(bar);
      return options(bar, 'Country');
    };
    expect(await find('COTE D’IVOIRE')).to.deep.equal(["Côte d'Ivoire 1"]);
    expect(await find('cote dʼivoire')).to.deep.equal(["Côte d'Ivoire 1"]);
    expect(await find("côte d'azur")).to.deep.equal(['Côte d’Azur Islands 1']);
    expect(await find('d‘')).to.have.length(2);
  });

  it('labels the year chart with its first and last years, names each bar on hover, and says when no result has a year', async () => {
    const cat = {
      version: 1,
      reports: [
        ...small.reports,
        { id: 'n1', title: 'Note one', categories: ['Notes'] },
        { id: 'n2', title: 'Note two', categories: ['Notes'] },
      ],
    };
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${cat}><shelf-filter-bar facets="category year"></shelf-filter-bar><shelf-report-list></shelf-report-list></shelf-library>`,
    );
    const bar = lib.querySelector('shelf-filter-bar')!;
    const chart = deep(bar, '[part="year-chart"]');
    // The ends of the axis, seen: the first year at the start, the last at the end.
    const ends = deepAll(bar, '.axis span');
    expect(ends.map((e) => text(e))).to.deep.equal(['2010', '2020']);
    expect(ends[0]!.getBoundingClientRect().width).to.be.greaterThan(0);
    expect(ends[0]!.getBoundingClientRect().left).to.be.lessThan(ends[1]!.getBoundingClientRect().left);
    // Each bar says its year and count on hover (an SVG title), as it does to screen readers.
    const bars = [...chart.querySelectorAll('[role="button"]')];
    expect(bars.map((b) => b.querySelector('title')?.textContent)).to.deep.equal(
      bars.map((b) => b.getAttribute('aria-label')),
    );
    expect(bars[5]!.querySelector('title')!.textContent).to.equal('2015: 2 reports');
    await check(bar, 'Category', 'Notes');
    await waitUntil(() => titles(lib).length === 2);
    await settle(lib);
    // Every result is undated: no blank chart, but a sentence.
    expect(deepAll(bar, '[part="year-chart"]')).to.have.length(0);
    expect(text(deep(bar, '.none'))).to.equal('None of these reports has a year');
    await expect(bar).to.be.accessible();
  });
});
