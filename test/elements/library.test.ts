import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createLibrary, parseCatalogue, runQuery, type Results } from '@reportshelf/core';
import type { ShelfLibrary } from '@reportshelf/elements';
import type { CatalogueErrorDetail, CatalogueLoadDetail } from '@reportshelf/elements';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { expectConsoleErrors } from '../console-guard.js';
import { deep, deepActive, deepAll, eventually, libraryFixture, ready, seed, settle, text, titles } from './helpers.js';

const errorOf = async (src: string) => {
  const lib = await fixture<ShelfLibrary>(html`<shelf-library src=${src}></shelf-library>`);
  const event = await oneEvent(lib, 'shelf-catalogue-error');
  await settle(lib);
  return { lib, detail: (event as CustomEvent<CatalogueErrorDetail>).detail, shown: text(deep(lib, '[part="error"]')) };
};

describe('shelf-library', () => {
  it('is accessible with results, and renders the whole default layout', async () => {
    const lib = await libraryFixture();
    await expect(lib).to.be.accessible();
    for (const tag of [
      'shelf-search-box',
      'shelf-filter-bar',
      'shelf-result-summary',
      'shelf-sort-select',
      'shelf-active-filters',
      'shelf-report-list',
      'shelf-pagination',
    ]) {
      expect(deepAll(lib, tag), tag).to.have.length(1);
    }
    expect(titles(lib)).to.have.length(6);
    expect(titles(lib)[0]).to.match(/^Framework Document/);
    expect(text(deep(lib, '[part="summary"]'))).to.equal('Showing 1–6 of 6 reports');
  });

  it('is accessible while loading, and shows a skeleton', async () => {
    const lib = await fixture<ShelfLibrary>(html`<shelf-library src="/fixtures/hang.json"></shelf-library>`);
    await settle(lib);
    expect(lib.store.getState().status).to.equal('loading');
    expect(deepAll(lib, '[part="skeleton"]')).to.have.length(3);
    expect(text(deep(lib, '[part="summary"]'))).to.equal('Loading reports…');
    await expect(lib).to.be.accessible();
  });

  it('loads a catalogue from src and reports it with shelf-catalogue-load', async () => {
    const lib = document.createElement('shelf-library');
    lib.src = '/fixtures/catalogue.json';
    const loaded = oneEvent(lib, 'shelf-catalogue-load');
    document.body.append(lib);
    const { detail } = (await loaded) as CustomEvent<CatalogueLoadDetail>;
    expect(detail.catalogue.reports.map((r) => r.id)).to.deep.equal(seed.reports.map((r) => r.id));
    expect(detail.problems).to.deep.equal([]);
    await ready(lib);
    expect(titles(lib)).to.have.length(6);
    lib.remove();
  });

  it('uses a search server named by src: told by its descriptor, its title and count given, each view asked of it', async () => {
    const { url } = await executeServerCommand<{ url: string }, { catalogue: unknown }>('reportshelf-server', {
      catalogue: seed,
    });
    const lib = document.createElement('shelf-library');
    lib.src = url;
    const loaded = oneEvent(lib, 'shelf-catalogue-load');
    document.body.append(lib);
    const { detail } = (await loaded) as CustomEvent<CatalogueLoadDetail>;
    expect(detail.count).to.equal(seed.reports.length);
    expect(detail.catalogue.title).to.equal(seed.title);
    const shows = (total: number) => () => {
      const { status, results } = lib.store.getState();
      return status === 'ready' && results?.pending !== true && results?.total === total;
    };
    await waitUntil(shows(seed.reports.length), 'the first page did not show');
    await settle(lib);
    expect(titles(lib)).to.deep.equal(
      runQuery(createLibrary(parseCatalogue(seed).catalogue), {}).hits.map((hit) => hit.report.title),
    );
    const q = 'trafficking';
    lib.store.setQuery({ q });
    await waitUntil(
      shows(runQuery(createLibrary(parseCatalogue(seed).catalogue), { q }).total),
      'the search was not answered',
    );
    await eventually(() => expect(text(deep(lib, '[part="summary"]'))).to.match(new RegExp(`for “${q}”$`)));
    lib.remove();
  });

  it('shows every valid report of a catalogue with bad records, and reports the problems', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      const el = document.createElement('shelf-library');
      const loaded = oneEvent(el, 'shelf-catalogue-load');
      el.src = '/fixtures/broken-records.json';
      document.body.append(el);
      const { detail } = (await loaded) as CustomEvent<CatalogueLoadDetail>;
      await ready(el);
      expect(detail.catalogue.reports.map((r) => r.id)).to.deep.equal([
        'framework-document-2020',
        'anti-trafficking-in-humanitarian-responses-2018',
        'bad-year',
      ]);
      expect(detail.problems.map((p) => p.message)).to.deep.equal([
        'Report 3: has no "id"; the report was skipped.',
        'Report 4 ("bad-year"): "year" must be a whole number from 1800 to 2100, but is the text "soon"; the field was left out and the report kept.',
      ]);
      expect(titles(el)).to.have.members([seed.reports[0]!.title, seed.reports[1]!.title, 'Bad year']);
      expect(warnings.join('\n')).to.contain('Report 3: has no "id"');
      el.remove();
    } finally {
      console.warn = warn;
    }
  });

  describe('a broken src shows the error state and says which failure', () => {
    // Each failure is also said in the console, for the page's developer.
    beforeEach(() => expectConsoleErrors(/^<shelf-library>: /));

    it('404', async () => {
      const { lib, detail, shown } = await errorOf('/fixtures/missing.json');
      expect(detail).to.include({ kind: 'http', status: 404 });
      expect(shown).to.contain('The reports could not be loaded');
      expect(shown).to.contain(
        'The catalogue at /fixtures/missing.json could not be fetched: the server answered 404 Not Found.',
      );
      expect(deep(lib, '[part="error"]').getAttribute('role')).to.equal('alert');
      await expect(lib).to.be.accessible();
    });

    it('not JSON', async () => {
      const { detail, shown } = await errorOf('/fixtures/not-json.json');
      expect(detail.kind).to.equal('json');
      expect(shown).to.contain('The catalogue at /fixtures/not-json.json is not valid JSON.');
    });

    it('JSON without reports', async () => {
      const { detail, shown } = await errorOf('/fixtures/no-reports.json');
      expect(detail.kind).to.equal('format');
      expect(shown).to.contain(
        'The catalogue is not in the expected format. The catalogue must have a "reports" list, but it has none.',
      );
    });

    it('an unreachable host', async () => {
      const { detail, shown } = await errorOf('http://127.0.0.1:9/catalogue.json');
      expect(detail.kind).to.equal('network');
      expect(shown).to.contain('could not be reached');
    });

    it('a connection reset in the middle of the body: an error, not a skeleton forever', async () => {
      const rejections: unknown[] = [];
      const onRejection = (e: PromiseRejectionEvent) => rejections.push(e.reason);
      window.addEventListener('unhandledrejection', onRejection);
      try {
        const { detail, shown } = await errorOf('/fixtures/reset.json');
        expect(detail).to.include({ kind: 'network', src: '/fixtures/reset.json' });
        expect(shown).to.contain('The catalogue at /fixtures/reset.json could not be reached.');
        expect(rejections).to.deep.equal([]);
      } finally {
        window.removeEventListener('unhandledrejection', onRejection);
      }
    });

    it('a catalogue property whose getter throws, or a promise rejected with nothing: a clear error', async () => {
      const throwing = document.createElement('shelf-library');
      throwing.catalogue = {
        get reports(): unknown {
          throw new TypeError('the page broke');
        },
      };
      const first = oneEvent(throwing, 'shelf-catalogue-error');
      document.body.append(throwing);
      expect(((await first) as CustomEvent<CatalogueErrorDetail>).detail.message).to.equal(
        'The catalogue is not in the expected format. The catalogue could not be read: the page broke.',
      );
      throwing.remove();
      const rejected = document.createElement('shelf-library');
      rejected.catalogue = Promise.reject(undefined);
      const failed = oneEvent(rejected, 'shelf-catalogue-error');
      document.body.append(rejected);
      const second = (await failed) as CustomEvent<CatalogueErrorDetail>;
      expect(second.detail).to.include({
        kind: 'network',
        message: 'The catalogue given to the page could not be read.',
      });
      await settle(rejected);
      expect(text(deep(rejected, '[part="error"]'))).to.not.contain('undefined');
      rejected.remove();
    });

    it('no catalogue at all', async () => {
      const lib = document.createElement('shelf-library');
      const failed = oneEvent(lib, 'shelf-catalogue-error');
      document.body.append(lib);
      expect(((await failed) as CustomEvent<CatalogueErrorDetail>).detail.kind).to.equal('missing');
      await settle(lib);
      expect(text(deep(lib, '[part="error"]'))).to.contain('No catalogue was given');
      // Setting the property afterwards still loads it.
      lib.catalogue = seed;
      await ready(lib);
      expect(titles(lib)).to.have.length(6);
      lib.remove();
    });
  });

  it('aborts a superseded fetch: the server sees each older request dropped, and the newest catalogue shows at once', async () => {
    // The fixture server counts what becomes of this run's slow requests (test/serve-fixtures.mjs);
    // each question has an address of its own, as the dev server keeps what it served by address.
    const run = `abort-${Math.random().toString(36).slice(2)}`;
    const slow = (n: number) => `/fixtures/slow.json?ms=20000&run=${run}&n=${n}`;
    const requests = async (): Promise<{ received: number; abandoned: number; answered: number }> =>
      (await fetch(`/fixtures/requests.json?run=${run}&at=${performance.now()}`, { cache: 'no-store' })).json();
    const lib = await fixture<ShelfLibrary>(html`<shelf-library src=${slow(0)}></shelf-library>`);
    // The first request reaches the server before anything supersedes it.
    await waitUntil(async () => (await requests()).received === 1, 'the first request reached the server');
    for (let i = 1; i <= 20; i++) {
      lib.src = slow(i);
      await lib.updateComplete;
    }
    const loaded = oneEvent(lib, 'shelf-catalogue-load');
    lib.src = '/fixtures/catalogue.json';
    await loaded;
    await ready(lib);
    expect(titles(lib)).to.have.length(6);
    // Every slow request that reached the server was cut off, not left to run its 20 seconds.
    let seen = await requests();
    const allAborted = () => seen.abandoned === seen.received;
    await waitUntil(async () => ((seen = await requests()), allAborted()), '', { timeout: 5000 }).catch(() => {});
    expect(seen, 'every superseded request was aborted').to.deep.equal({
      received: seen.received,
      abandoned: seen.received,
      answered: 0,
    });
  });

  it('fires shelf-query-change and shelf-results-change as the query changes', async () => {
    const lib = await libraryFixture();
    const query = oneEvent(lib, 'shelf-query-change');
    // The first results may be pending (the lite file's worker answers later): wait for the answer.
    const results = new Promise<Results>((resolve) =>
      lib.addEventListener('shelf-results-change', ({ detail }) => detail.results.pending || resolve(detail.results)),
    );
    lib.store.setQuery({ q: 'nigeria' });
    expect((await query).detail.query.q).to.equal('nigeria');
    expect((await results).total).to.equal(1);
  });

  it('follows page-size and sort attributes', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${seed} page-size="2" sort="oldest"></shelf-library>`,
    );
    expect(titles(lib)).to.have.length(2);
    expect(titles(lib)[0]).to.match(/^Beneath the Surface/);
    lib.pageSize = 4;
    await waitUntil(() => titles(lib).length === 4);
  });

  it('uses the composed children instead of the default layout', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${seed}><shelf-report-list></shelf-report-list></shelf-library>`,
    );
    expect(deepAll(lib, 'shelf-search-box')).to.have.length(0);
    expect(titles(lib)).to.have.length(6);
  });

  it('collapses the filters behind a disclosure when narrow, and shows a sidebar when wide', async () => {
    const narrow = await libraryFixture(
      html`<div style="width: 400px"><shelf-library .catalogue=${seed}></shelf-library></div>`,
    );
    const toggle = deep<HTMLButtonElement>(narrow, '[part="filters-toggle"]');
    const sidebar = deep(narrow, '[part="sidebar"]');
    expect(getComputedStyle(toggle).display).not.to.equal('none');
    expect(getComputedStyle(sidebar).display).to.equal('none');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await settle(narrow);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(getComputedStyle(sidebar).display).not.to.equal('none');

    const wide = await libraryFixture(
      html`<div style="width: 1000px"><shelf-library .catalogue=${seed}></shelf-library></div>`,
    );
    expect(getComputedStyle(deep(wide, '[part="filters-toggle"]')).display).to.equal('none');
    const side = deep(wide, '[part="sidebar"]').getBoundingClientRect();
    const main = deep(wide, '[part="main"]').getBoundingClientRect();
    expect(side.right).to.be.at.most(main.left);
  });

  it('on a phone, the filter panel closes with "Show N reports" or Escape, focus back on its toggle, the count in view', async () => {
    await setViewport({ width: 390, height: 420 });
    try {
      const narrow = await libraryFixture(html`<shelf-library .catalogue=${seed}></shelf-library>`);
      const lib =
        narrow.localName === 'shelf-library' ? (narrow as ShelfLibrary) : narrow.querySelector('shelf-library')!;
      const toggle = deep<HTMLButtonElement>(lib, '[part="filters-toggle"]');
      const sidebar = deep(lib, '[part="sidebar"]');
      const done = deep<HTMLButtonElement>(lib, '[part="filters-done"]');
      toggle.click();
      await settle(lib);
      expect(text(done)).to.equal('Show 6 reports');
      // A tap on a filter keeps the panel open; the button gives the new count and stays in view.
      toggle.scrollIntoView();
      deepAll(lib, 'label[part="option"]')
        .find((option) => text(option).startsWith('West Africa'))!
        .querySelector('input')!
        .click();
      await waitUntil(() => text(done) === 'Show 1 report', 'the count follows the filters');
      expect(getComputedStyle(sidebar).display).not.to.equal('none');
      expect(sidebar.getBoundingClientRect().height).to.be.greaterThan(innerHeight);
      const shown = done.getBoundingClientRect();
      expect(shown.top).to.be.at.least(0);
      expect(shown.bottom).to.be.at.most(innerHeight);

      done.click();
      await settle(lib);
      expect(getComputedStyle(sidebar).display).to.equal('none');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(deepActive()).to.equal(toggle);
      const count = deep(lib, '[part="summary"]').getBoundingClientRect();
      expect(count.bottom).to.be.at.most(innerHeight);

      // Escape from anywhere in the panel closes it the same way.
      toggle.click();
      await settle(lib);
      deep<HTMLInputElement>(lib, 'input[type="checkbox"]').focus();
      await sendKeys({ press: 'Escape' });
      await settle(lib);
      expect(getComputedStyle(sidebar).display).to.equal('none');
      expect(deepActive()).to.equal(toggle);
      await expect(lib).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
