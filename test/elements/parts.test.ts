import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { Report } from '@reportshelf/core';
import { highlight, pageItems, type ShelfReportCard } from '@reportshelf/elements';
import { deep, eventually, deepAll, libraryFixture, seed, settle, text, titles } from './helpers.js';
import { small } from '../fixtures/small.js';

const report: Report = {
  id: 'peru',
  title: 'Trata de personas en Perú',
  summary: 'Un estudio sobre la trata en Perú y Bolivia.',
  year: 2019,
  countries: ['Perú'],
  regions: ['South America'],
  categories: ['Research'],
  authors: ['Ana Pérez', 'Luis Ñuñez'],
  organizations: ['IOM'],
  url: 'https://example.org/peru.pdf',
  language: 'es',
};

describe('shelf-report-card', () => {
  it('is accessible alone, with a linked title, meta line, people and summary', async () => {
    const card = await fixture<ShelfReportCard>(html`<shelf-report-card .report=${report}></shelf-report-card>`);
    await expect(card).to.be.accessible();
    const link = deep<HTMLAnchorElement>(card, '[aria-level="3"] a');
    expect(link.href).to.equal('https://example.org/peru.pdf');
    expect(text(link)).to.equal('Trata de personas en Perú');
    expect(text(deep(card, '[part="meta"]'))).to.equal(
      'Year: 2019 Countries: Perú Regions: South America Categories: Research',
    );
    expect(text(deep(card, '[part="authors"]'))).to.equal('Authors: Ana Pérez, Luis Ñuñez');
    expect(text(deep(card, '[part="organizations"]'))).to.equal('Published by: IOM');
  });

  it('sets the heading level', async () => {
    const card = await fixture<ShelfReportCard>(
      html`<shelf-report-card .report=${report} heading-level="2"></shelf-report-card>`,
    );
    expect(deepAll(card, '[role="heading"][aria-level="2"]')).to.have.length(1);
    card.headingLevel = 9;
    await card.updateComplete;
    expect(deepAll(card, '[role="heading"][aria-level="6"]')).to.have.length(1);
  });

  it('shows a plain title without url, and copes without summary or year', async () => {
    const bare: Report = {
      id: 'x',
      title: 'Only a title',
      countries: [],
      regions: [],
      categories: [],
      authors: [],
      organizations: [],
    };
    const card = await fixture<ShelfReportCard>(html`<shelf-report-card .report=${bare}></shelf-report-card>`);
    expect(deepAll(card, 'a')).to.have.length(0);
    expect(text(deep(card, '[role="heading"]'))).to.equal('Only a title');
    expect(deepAll(card, '[part="meta"], [part="summary"], [part="toggle"]')).to.have.length(0);
    await expect(card).to.be.accessible();
  });

  it('marks search terms accent-insensitively, with text nodes only', async () => {
    const card = await fixture<ShelfReportCard>(
      html`<shelf-report-card .report=${report} highlight="peru nunez"></shelf-report-card>`,
    );
    const marks = deepAll(card, 'mark').map((m) => m.textContent);
    expect(marks).to.deep.equal(['Perú', 'Ñuñez', 'Perú']);
    // Whole words only: "trata" does not mark inside "Trata"'s neighbours.
    card.highlight = ['tra'];
    await card.updateComplete;
    expect(deepAll(card, 'mark')).to.have.length(0);
  });

  it('fires shelf-report-open, which a page can cancel to open the report itself', async () => {
    const card = await fixture<ShelfReportCard>(html`<shelf-report-card .report=${report}></shelf-report-card>`);
    const link = deep<HTMLAnchorElement>(card, 'a');
    setTimeout(() => link.click());
    document.addEventListener('shelf-report-open', (e) => e.preventDefault(), { once: true });
    const event = await oneEvent(document, 'shelf-report-open');
    expect(event.detail).to.deep.equal({ report, url: 'https://example.org/peru.pdf' });
    expect(event.defaultPrevented).to.equal(true);
  });

  it('offers Show more only when the summary is clamped', async () => {
    const long = { ...report, summary: 'Long text. '.repeat(200) };
    const card = await fixture<ShelfReportCard>(
      html`<div style="width: 500px"><shelf-report-card .report=${long}></shelf-report-card></div>`,
    );
    const el = card.querySelector('shelf-report-card')!;
    await waitUntil(() => deepAll(el, '[part="toggle"]').length === 1);
    const toggle = deep(el, '[part="toggle"]');
    expect(toggle.getAttribute('aria-controls')).to.equal('summary');
    const short = await fixture<ShelfReportCard>(html`<shelf-report-card .report=${report}></shelf-report-card>`);
    await settle(short);
    expect(deepAll(short, '[part="toggle"]')).to.have.length(0);
  });
});

describe('hostile catalogue text', () => {
  it('shows markup as text, runs nothing, and never links a javascript: url', async () => {
    const win = window as unknown as { pwned?: number };
    const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
    const catalogue = {
      reports: [
        {
          id: 'h1',
          title: hostile,
          summary: `Summary ${hostile}`,
          authors: [hostile],
          countries: [hostile],
          url: 'javascript:window.pwned=3',
        },
        { id: 'h2', title: 'Plain', url: 'https://example.org/ok.pdf' },
      ],
    };
    const lib = await libraryFixture(html`<shelf-library .catalogue=${catalogue}></shelf-library>`);
    lib.store.setQuery({ q: 'img' });
    await waitUntil(() => titles(lib).length === 1);
    await settle(lib);
    expect(titles(lib)[0]).to.equal(hostile);
    expect(deepAll(lib, 'img, script')).to.have.length(0);
    const card = deep(lib, 'shelf-report-card');
    expect(deepAll(card, 'a')).to.have.length(0);
    expect(text(deep(card, '[part="summary"]'))).to.equal(`Summary ${hostile}`);
    expect(text(deep(card, '[part="authors"]'))).to.contain(hostile);
    expect(win.pwned).to.equal(undefined);
    // A report object that skipped parseCatalogue still never gets a javascript: link.
    const direct = await fixture<ShelfReportCard>(
      html`<shelf-report-card .report=${{ ...report, url: 'javascript:window.pwned=4' }}></shelf-report-card>`,
    );
    expect(deepAll(direct, 'a')).to.have.length(0);
  });
});

describe("the default layout's parts, from the page", () => {
  it('reach every inner piece a partner may restyle: card titles, summaries, chips, the pager, the search field', async () => {
    const style = document.createElement('style');
    const names = [
      'card-title',
      'card-summary',
      'chip',
      'chips-clear-all',
      'page',
      'current-page',
      'next-page',
      'page-size',
      'search-input',
      'filter-option',
      'filter-group-label',
      'result-summary',
      'sort-select',
      'results-list',
    ];
    // Each part gets its own colour, rgb(1, 2, i), from page CSS alone.
    style.textContent = names
      .map((name, i) => `shelf-library::part(${name}) { outline-color: rgb(1, 2, ${i}) }`)
      .join('\n');
    document.head.append(style);
    try {
      const many = {
        reports: Array.from({ length: 25 }, (_, i) => ({
          id: `r${i}`,
          title: `Report ${i}`,
          summary: 'A summary.',
          regions: ['Europe'],
          year: 2000 + i,
        })),
      };
      const lib = await libraryFixture(
        html`<div style="width: 1000px"><shelf-library .catalogue=${many}></shelf-library></div>`,
      );
      lib.store.setQuery({ filters: { region: ['Europe'] } });
      await settle(lib);
      await waitUntil(() => deepAll(lib, '[part~="chip"]').length === 1);
      const selectors: Record<string, string> = {
        'card-title': 'shelf-report-card [part="title"]',
        'card-summary': 'shelf-report-card [part="summary"]',
        chip: 'shelf-active-filters [part="chip"]',
        'chips-clear-all': 'shelf-active-filters [part="clear-all"]',
        page: 'shelf-pagination [part="page"]',
        'current-page': 'shelf-pagination [part~="current"]',
        'next-page': 'shelf-pagination [part="next"]',
        'page-size': 'shelf-pagination [part="page-size"]',
        'search-input': 'shelf-search-box [part="input"]',
        'filter-option': 'shelf-filter-bar [part="option"]',
        'filter-group-label': 'shelf-filter-bar [part="group-label"]',
        'result-summary': 'shelf-result-summary [part="summary"]',
        'sort-select': 'shelf-sort-select [part="select"]',
        'results-list': 'shelf-report-list [part="list"]',
      };
      names.forEach((name, i) => {
        const [host, inner] = selectors[name]!.split(' ') as [string, string];
        const el = deepAll(deep(lib, host), inner).find((e) => e.getRootNode() !== document)!;
        expect(el, name).to.exist;
        expect(getComputedStyle(el).outlineColor, name).to.equal(`rgb(1, 2, ${i})`);
      });
    } finally {
      style.remove();
    }
  });
});

describe('links and text that try to mislead', () => {
  it('renders no link that only looks relative, or carries a user name, whatever the report object holds', async () => {
    for (const url of [
      '/\\evil.example/x.pdf',
      '\\\\evil.example',
      '//evil.example/a.pdf',
      'https://user@example.org/a.pdf',
      'https://example.org@evil.example/',
    ]) {
      const card = await fixture<ShelfReportCard>(
        html`<shelf-report-card .report=${{ ...report, url }}></shelf-report-card>`,
      );
      expect(deepAll(card, 'a'), url).to.have.length(0);
    }
    const fine = await fixture<ShelfReportCard>(
      html`<shelf-report-card .report=${{ ...report, url: '/reports/a.pdf' }}></shelf-report-card>`,
    );
    expect(deep<HTMLAnchorElement>(fine, 'a').href).to.equal(new URL('/reports/a.pdf', location.href).href);
  });

  it('isolates each value, so that a right-to-left override in one reorders no other', async () => {
    const card = await fixture<ShelfReportCard>(
      html`<shelf-report-card .report=${{ ...report, countries: ['\u202Eaidnigeria', 'Ghana'], authors: ['Ana \u202EPérez', 'Ben Ode'], organizations: ['IOM', '\u202EUNHCR'] }}></shelf-report-card>`,
    );
    for (const part of ['meta', 'authors', 'organizations']) {
      const values = deepAll(card, `[part="${part}"] bdi`).map((b) => b.textContent);
      expect(values.length, part).to.be.greaterThan(1);
    }
    expect(deepAll(card, '[part="meta"] bdi').map((b) => b.textContent)).to.include.members([
      '\u202Eaidnigeria',
      'Ghana',
    ]);
    // Ghana is drawn left to right after the isolated value, whatever that value says.
    const [first, second] = deepAll(card, '[part="meta"] bdi');
    expect(second!.getBoundingClientRect().left).to.be.greaterThan(first!.getBoundingClientRect().left);
  });

  it('lets a host route a middle-click on a report as it routes a click', async () => {
    const card = await fixture<ShelfReportCard>(
      html`<shelf-report-card .report=${{ ...report, url: 'https://example.org/a.pdf' }}></shelf-report-card>`,
    );
    const opened: string[] = [];
    card.addEventListener('shelf-report-open', (e) => {
      opened.push(e.detail.url);
      e.preventDefault();
    });
    const link = deep<HTMLAnchorElement>(card, 'a');
    const middle = new MouseEvent('auxclick', { button: 1, bubbles: true, cancelable: true, composed: true });
    link.dispatchEvent(middle);
    expect(opened).to.deep.equal(['https://example.org/a.pdf']);
    expect(middle.defaultPrevented, 'the host cancelled it, so the browser opens nothing').to.equal(true);
    link.dispatchEvent(new MouseEvent('auxclick', { button: 2, bubbles: true, cancelable: true, composed: true }));
    expect(opened).to.have.length(1);
  });
});

describe('shelf-pagination', () => {
  it('lists pages with gaps', () => {
    expect(pageItems(1, 1)).to.deep.equal([1]);
    expect(pageItems(1, 3)).to.deep.equal([1, 2, 3]);
    expect(pageItems(1, 10)).to.deep.equal([1, 2, 'gap', 10]);
    expect(pageItems(5, 10)).to.deep.equal([1, 'gap', 4, 5, 6, 'gap', 10]);
    expect(pageItems(3, 10)).to.deep.equal([1, 2, 3, 4, 'gap', 10]);
    expect(pageItems(10, 10)).to.deep.equal([1, 'gap', 9, 10]);
  });

  it('is a labelled nav with aria-current, and hidden for one page', async () => {
    const many = {
      reports: Array.from({ length: 95 }, (_, i) => ({ id: `r${i}`, title: `Report ${i}`, year: 2000 + (i % 20) })),
    };
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${many}><shelf-pagination></shelf-pagination><shelf-report-list></shelf-report-list></shelf-library>`,
    );
    const pagination = lib.querySelector('shelf-pagination')!;
    await expect(pagination).to.be.accessible();
    expect(deep(pagination, 'nav').getAttribute('aria-label')).to.equal('Result pages');
    expect(text(deep(pagination, 'ul'))).to.equal('‹ Previous page 1 2 … 10 Next page ›');
    expect(deep<HTMLButtonElement>(pagination, '[part="previous"]').disabled).to.equal(true);
    deepAll<HTMLButtonElement>(pagination, '[part~="page"]')
      .find((b) => text(b) === '10')!
      .click();
    await settle(lib);
    expect(text(deep(pagination, '[aria-current="page"]'))).to.equal('10');
    expect(deep<HTMLButtonElement>(pagination, '[part="next"]').disabled).to.equal(true);
    expect(titles(lib)).to.have.length(5);
    // One page of results (the five reports of 2000): no pages to choose from, no navigation.
    lib.store.setQuery({ yearFrom: 2000, yearTo: 2000 });
    await eventually(() => expect(titles(lib)).to.have.length(5));
    await settle(lib);
    expect(lib.store.getState().results!.pageCount).to.equal(1);
    expect(deepAll(pagination, 'nav')).to.have.length(0);
  });
});

describe('shelf-active-filters and the empty state', () => {
  it('shows a removable chip per refinement, labelled with what it removes', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${small}><shelf-active-filters></shelf-active-filters><shelf-report-list></shelf-report-list></shelf-library>`,
    );
    const chips = lib.querySelector('shelf-active-filters')!;
    expect(deepAll(chips, 'button')).to.have.length(0);
    lib.store.setQuery({ q: 'trafficking', filters: { region: ['Europe', 'West Africa'] }, yearFrom: 2015 });
    await settle(lib);
    await expect(chips).to.be.accessible();
    const buttons = deepAll(chips, '[part="chip"]');
    expect(buttons.map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      'Remove search “trafficking”',
      'Remove filter Region: Europe',
      'Remove filter Region: West Africa',
      'Remove filter Year: ≥ 2015',
    ]);
    buttons[1]!.click();
    await settle(lib);
    expect(lib.store.getQuery().filters).to.deep.equal({ region: ['West Africa'] });
    deep<HTMLButtonElement>(chips, '[part="clear-all"]').click();
    await settle(lib);
    expect(lib.store.getQuery()).to.deep.include({ q: '', filters: {} });
  });

  it('names the active filters when nothing matches, and offers to remove each', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${small}><shelf-report-list></shelf-report-list></shelf-library>`,
    );
    lib.store.setQuery({ q: 'labour', filters: { region: ['East Asia'] } });
    await eventually(() => deep(lib, '[part="empty"]'));
    await settle(lib);
    const empty = deep(lib, '[part="empty"]');
    expect(text(empty.querySelector('h2'))).to.equal('No reports match “labour”');
    const actions = [...empty.querySelectorAll('button')];
    expect(actions.map((b) => b.getAttribute('aria-label') ?? text(b))).to.deep.equal([
      // The ways to results first (see empty.test.ts), then each refinement.
      'Show 2 reports without Region',
      'Show 1 report without “labour”',
      'Remove search “labour”',
      'Remove filter Region: East Asia',
      'Clear all',
    ]);
    await expect(lib.querySelector('shelf-report-list')).to.be.accessible();
    actions[3]!.click();
    await waitUntil(() => titles(lib).length === 2);
  });
});

describe('shelf-result-summary', () => {
  it('announces the count politely once it settles', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${seed}><shelf-result-summary announce-delay="50"></shelf-result-summary></shelf-library>`,
    );
    const summary = lib.querySelector('shelf-result-summary')!;
    const live = deep(summary, '[role="status"]');
    expect(live.getAttribute('aria-live')).to.equal('polite');
    await waitUntil(() => live.textContent === 'Showing 1–6 of 6 reports');
    lib.store.setQuery({ q: 'n' });
    lib.store.setQuery({ q: 'nigeria' });
    await waitUntil(() => live.textContent === 'Showing 1–1 of 1 report for “nigeria”');
    lib.store.setQuery({ q: 'zzzz' });
    await waitUntil(() => live.textContent === 'No reports match “zzzz”');
  });
});

describe('highlight()', () => {
  const marked = (text: string, terms: string[]) =>
    highlight(text, terms)
      .map((part) => (typeof part === 'string' ? part : `[${(part.values[0] as string) ?? ''}]`))
      .join('');

  it('marks whole words, case-insensitively, in plain ASCII text', () => {
    expect(marked('Trafficking and anti-trafficking, not traffic', ['traffick'])).to.equal(
      '[Trafficking] and anti-[trafficking], not traffic',
    );
  });

  it('marks the words a stem stands for, and no longer ones', () => {
    expect(
      marked('Trafficked, a trafficker; studies and a study; exploitation', ['traffick', 'studi', 'exploit']),
    ).to.equal('[Trafficked], a [trafficker]; [studies] and a [study]; [exploitation]');
    // A short term marks itself only.
    expect(marked('us, use, tra, trata', ['us', 'tra'])).to.equal('[us], use, [tra], trata');
    // An Arabic word with its article, after normalising.
    expect(marked('الأطفال والأطفال', ['اطفال'])).to.equal('[الأطفال] [والأطفال]');
  });

  it('marks accent-insensitively and keeps the original characters', () => {
    expect(marked('Niños en Perú; NIÑOS', ['ninos', 'peru'])).to.equal('[Niños] en [Perú]; [NIÑOS]');
    expect(marked('e\u0301le\u0300ve — élève', ['eleve'])).to.equal('[e\u0301le\u0300ve] — [élève]');
  });

  it('returns the text untouched when nothing matches', () => {
    expect(highlight('No match here', ['zebra'])).to.deep.equal(['No match here']);
    expect(highlight('', ['x'])).to.deep.equal(['']);
  });
});

describe('shelf-report-list headings', () => {
  it('puts the results heading one level above the card titles', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${small}><shelf-report-list heading-level="4"></shelf-report-list></shelf-library>`,
    );
    const list = lib.querySelector('shelf-report-list')!;
    expect(deep(list, '#results-heading').getAttribute('aria-level')).to.equal('3');
    expect(deep(deep(list, 'shelf-report-card'), '[role="heading"]').getAttribute('aria-level')).to.equal('4');
  });
});
