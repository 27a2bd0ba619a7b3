import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { defineAll, defineElement, ShelfLibrary } from '@reportshelf/elements';
import { deep, deepAll, ready, seed, settle, titles } from './helpers.js';
import { small } from '../fixtures/small.js';
import elementsPackage from '../../packages/elements/package.json';

const check = (bar: Element, value: string) => {
  const label = deepAll(bar, 'label.option').find((l) => l.querySelector('.value')?.textContent === value)!;
  label.querySelector('input')!.click();
};

describe('composition', () => {
  it('a filter bar placed outside the library with library="ID" drives it', async () => {
    const page = await fixture(html`<div>
      <aside><shelf-filter-bar library="reports"></shelf-filter-bar></aside>
      <main><shelf-library id="reports" .catalogue=${small}><shelf-report-list></shelf-report-list></shelf-library></main>
    </div>`);
    const lib = await ready(page.querySelector<ShelfLibrary>('#reports')!);
    const bar = page.querySelector('shelf-filter-bar')!;
    await settle(bar);
    await expect(bar).to.be.accessible();
    check(bar, 'East Asia');
    await waitUntil(() => titles(lib).length === 1);
    expect(titles(lib)).to.deep.equal(['Zero tolerance guidance for fishing fleets']);
  });

  it('connects an element whose library comes later in the page', async () => {
    const page = await fixture(html`<div><shelf-result-summary library="later"></shelf-result-summary></div>`);
    const lib = document.createElement('shelf-library');
    lib.id = 'later';
    lib.catalogue = small;
    page.append(lib);
    const summary = page.querySelector('shelf-result-summary')!;
    await ready(lib);
    await waitUntil(() => deep(summary, '[part="summary"]').textContent === 'Showing 1–7 of 7 reports');
  });

  it('two libraries on one page do not affect each other', async () => {
    const page = await fixture(html`<div>
      <shelf-library id="one" .catalogue=${seed}></shelf-library>
      <shelf-library id="two" .catalogue=${small}></shelf-library>
    </div>`);
    const [one, two] = [...page.querySelectorAll<ShelfLibrary>('shelf-library')];
    await ready(one!);
    await ready(two!);
    one!.store.setQuery({ q: 'nigeria' });
    check(deep(two!, 'shelf-filter-bar'), 'Europe');
    await waitUntil(() => titles(one!).length === 1 && titles(two!).length === 3);
    expect(one!.store.getQuery().filters).to.deep.equal({});
    expect(two!.store.getQuery().q).to.equal('');
    expect(deep<HTMLInputElement>(two!, 'input[type="search"]').value).to.equal('');
  });

  it('stamps the package version on every element it registers, to tell two copies apart', () => {
    const tags = ['shelf-library', 'shelf-search-box', 'shelf-filter-bar', 'shelf-result-summary', 'shelf-sort-select'];
    tags.push('shelf-active-filters', 'shelf-report-list', 'shelf-report-card', 'shelf-pagination');
    for (const tag of tags) {
      const element = customElements.get(tag) as (CustomElementConstructor & { version?: string }) | undefined;
      expect(element?.version, tag).to.equal(elementsPackage.version);
    }
  });

  it('loading the definitions twice raises no error; another version is named in a warning', async () => {
    expect(() => defineAll()).not.to.throw();
    expect(() => defineAll()).not.to.throw();
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (m: string) => warnings.push(m);
    try {
      class Other extends HTMLElement {
        static version = '9.9.9';
      }
      expect(() => defineElement('shelf-library', Other)).not.to.throw();
      expect(() => defineElement('shelf-library', Other)).not.to.throw();
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.deep.equal([
      `<shelf-library> is already defined by Reportshelf ${elementsPackage.version}; this copy (9.9.9) was not registered.`,
    ]);
    expect(customElements.get('shelf-library')).to.equal(ShelfLibrary);
  });
});
