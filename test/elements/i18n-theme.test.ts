import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import {
  LocaleController,
  localizer,
  registerMessages,
  supportedLanguage,
  type ShelfLibrary,
} from '@reportshelf/elements';
import { deep, deepAll, eventually, libraryFixture, seed, settle, text } from './helpers.js';
import { small } from '../fixtures/small.js';

/** The summary's text; empty until the summary has rendered (each element renders in a task of its own). */
const summary = (lib: Element) => {
  const [found] = deepAll(lib, '[part="summary"]');
  return found ? text(found) : '';
};
/** Arabic digits as this browser's Intl writes them (Latin or Arabic-Indic, by ICU version). */
const ar = (n: number) => new Intl.NumberFormat('ar').format(n);

describe('languages', () => {
  it('speaks French, Spanish and Arabic through lang', async () => {
    const fr = await libraryFixture(html`<shelf-library lang="fr" .catalogue=${seed}></shelf-library>`);
    await eventually(() => expect(summary(fr)).to.equal('1–6 sur 6 rapports'));
    expect(deep<HTMLInputElement>(fr, 'input[type="search"]').labels?.[0]?.textContent).to.equal(
      'Rechercher des rapports',
    );
    await expect(fr).to.be.accessible();
    const es = await libraryFixture(html`<shelf-library lang="es-MX" .catalogue=${seed}></shelf-library>`);
    await eventually(() => expect(summary(es)).to.equal('1–6 de 6 informes'));
    expect(text(deep(es, '[part="filters-toggle"]'))).to.equal('Filtros');
  });

  it('lays Arabic out right to left, with Arabic digits and plurals, and stays accessible', async () => {
    const wrap = await fixture(
      html`<div style="width: 1000px"><shelf-library lang="ar" .catalogue=${seed}></shelf-library></div>`,
    );
    const lib = wrap.querySelector<ShelfLibrary>('shelf-library')!;
    await waitUntil(() => lib.store.getEngine() != null);
    await settle(lib);
    const layout = deep(lib, '[part="layout"]');
    expect(layout.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(layout).direction).to.equal('rtl');
    await eventually(() => expect(summary(lib)).to.equal(`عرض ${ar(1)}–${ar(6)} من ${ar(6)} تقارير`));
    // The sidebar sits on the right in right-to-left.
    expect(deep(lib, '[part="sidebar"]').getBoundingClientRect().left).to.be.greaterThan(
      deep(lib, '[part="main"]').getBoundingClientRect().left,
    );
    await expect(lib).to.be.accessible();
    lib.store.setQuery({ filters: { region: ['West Africa'] } });
    await settle(lib);
    expect(summary(lib)).to.equal(`عرض ${ar(1)}–${ar(1)} من ${ar(1)} تقرير`);
    await expect(lib).to.be.accessible();
  });

  it('gives each report its own language and direction in an Arabic interface, and mirrors the year chart', async () => {
    const mixed = {
      reports: [
        { id: 'en', title: 'An English report', year: 2020, countries: ['Nigeria', 'Ghana'], language: 'en' },
        { id: 'ar', title: 'تقرير عن الاتجار بالبشر', year: 2019, countries: ['مصر'], language: 'ar' },
        { id: 'unknown', title: 'No language given', year: 2018 },
      ],
    };
    const wrap = await fixture(
      html`<div style="width: 1000px"><shelf-library lang="ar" .catalogue=${mixed}></shelf-library></div>`,
    );
    const lib = wrap.querySelector<ShelfLibrary>('shelf-library')!;
    await waitUntil(() => deepAll(lib, 'shelf-report-card').length === 3);
    await settle(lib);
    const card = (id: string) =>
      deepAll(lib, 'shelf-report-card').find((c) => (c as HTMLElement & { report: { id: string } }).report.id === id)!;
    const direction = (id: string, part: string) => getComputedStyle(deep(card(id), `[part="${part}"]`)).direction;
    // The English report reads left to right throughout: title and meta line alike.
    expect(deep(card('en'), 'article').getAttribute('lang')).to.equal('en');
    expect([direction('en', 'title'), direction('en', 'meta')]).to.deep.equal(['ltr', 'ltr']);
    expect([direction('ar', 'title'), direction('ar', 'meta')]).to.deep.equal(['rtl', 'rtl']);
    expect(deep(card('unknown'), 'article').getAttribute('dir')).to.equal('auto');
    expect(getComputedStyle(deep(lib, '[part="year-chart"]')).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    await expect(lib).to.be.accessible();
  });

  it('takes the language from the closest ancestor, else the document, else English', async () => {
    const wrap = await fixture(
      html`<section lang="fr-CA"><shelf-library .catalogue=${seed}></shelf-library></section>`,
    );
    const lib = wrap.querySelector<ShelfLibrary>('shelf-library')!;
    await waitUntil(() => summary(lib) === '1–6 sur 6 rapports');
    wrap.setAttribute('lang', 'es');
    await waitUntil(() => summary(lib) === '1–6 de 6 informes');
    wrap.setAttribute('lang', 'de');
    await waitUntil(() => summary(lib) === 'Showing 1–6 of 6 reports');
    wrap.removeAttribute('lang');
    const before = document.documentElement.lang;
    document.documentElement.lang = 'ar';
    try {
      await waitUntil(() => summary(lib) === `عرض ${ar(1)}–${ar(6)} من ${ar(6)} تقارير`);
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('an element outside the library speaks the library’s language when the page gives none', async () => {
    const page = await fixture(
      html`<div><shelf-result-summary library="fr-lib"></shelf-result-summary><shelf-library id="fr-lib" lang="fr" .catalogue=${small}></shelf-library></div>`,
    );
    await waitUntil(() => summary(page.querySelector('shelf-result-summary')!) === '1–7 sur 7 rapports');
  });

  it('has every string in every language', () => {
    // Plural forms differ by language (Arabic has six); every other key must match English's.
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        k === 'reports' ? [k] : typeof v === 'object' ? keys(v).map((x) => `${k}.${x}`) : [k],
      );
    const en = keys(localizer('en').messages).sort();
    for (const lang of ['fr', 'es', 'ar'] as const)
      expect(keys(localizer(lang).messages).sort(), lang).to.deep.equal(en);
    for (const lang of ['en', 'fr', 'es', 'ar'] as const)
      expect(localizer(lang).messages.reports.other).to.be.a('string');
    expect(supportedLanguage('AR-eg')).to.equal('ar');
    expect(supportedLanguage('zz')).to.equal('en');
    expect(supportedLanguage(undefined)).to.equal('en');
  });
});

describe('a page’s own strings (registerMessages)', () => {
  const searchLabel = (lib: Element) => deep<HTMLInputElement>(lib, 'input[type="search"]').labels?.[0]?.textContent;

  it('adds a language: Portuguese, with its plural rules from Intl and English for what it leaves out', async () => {
    registerMessages('pt', {
      search: 'Pesquisar relatórios',
      reports: { one: 'relatório', other: 'relatórios' },
      showing: (start, end, total, reports) => `${start}–${end} de ${total} ${reports}`,
    });
    const lib = await libraryFixture(html`<shelf-library lang="pt-BR" .catalogue=${seed}></shelf-library>`);
    expect(summary(lib)).to.equal('1–6 de 6 relatórios');
    expect(searchLabel(lib)).to.equal('Pesquisar relatórios');
    expect(text(deep(lib, '[part="filters-toggle"]'))).to.equal('Filters');
    lib.store.setQuery({ filters: { region: ['West Africa'] } });
    await settle(lib);
    expect(summary(lib)).to.equal('1–1 de 1 relatório');
    expect(supportedLanguage('pt-PT')).to.equal('pt');
    await expect(lib).to.be.accessible();
  });

  it('rewords a bundled string in elements already on the page, keeping the rest of a group', async () => {
    const wrap = await fixture(
      html`<div style="width: 1000px"><shelf-library .catalogue=${seed}></shelf-library></div>`,
    );
    const lib = wrap.querySelector<ShelfLibrary>('shelf-library')!;
    await waitUntil(() => lib.store.getEngine() != null);
    await settle(lib);
    const groups = () => deepAll(deep(lib, 'shelf-filter-bar'), 'summary').map((s) => text(s));
    expect(groups()).to.include('Country');
    try {
      registerMessages('en-GB', { search: 'Search our publications', facet: { country: 'Nation' } });
      await waitUntil(() => searchLabel(lib) === 'Search our publications', 'the label is reworded');
      await settle(lib);
      expect(groups()).to.include.members(['Nation', 'Region']);
    } finally {
      registerMessages('en', { search: 'Search reports', facet: { country: 'Country' } });
    }
    await waitUntil(() => searchLabel(lib) === 'Search reports');
  });

  it('a partner’s own element speaks the page’s language through LocaleController, and follows changes', async () => {
    class PartnerNote extends LitElement {
      readonly locale = new LocaleController(this);
      override render() {
        return html`<p dir=${this.locale.direction}>${this.locale.l10n.messages.search}</p>`;
      }
    }
    customElements.define('partner-note', PartnerNote);
    const wrap = await fixture(html`<div lang="fr"><partner-note></partner-note></div>`);
    const note = wrap.querySelector<PartnerNote>('partner-note')!;
    const said = () => text(note.shadowRoot!.querySelector('p'));
    await note.updateComplete;
    expect(said()).to.equal('Rechercher des rapports');
    wrap.setAttribute('lang', 'ar');
    await waitUntil(() => note.locale.direction === 'rtl', 'Arabic is right to left');
    expect(note.shadowRoot!.querySelector('p')!.dir).to.equal('rtl');
    try {
      registerMessages('ar', { search: 'ابحث في تقاريرنا' });
      await waitUntil(() => said() === 'ابحث في تقاريرنا', 'a reworded string reaches it too');
    } finally {
      registerMessages('ar', { search: 'البحث في التقارير' });
    }
  });

  it('checks the shape of each string, saying which is wrong, and speaks English where a function throws', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      registerMessages('gl', {
        search: 'Buscar informes',
        reports: 'relatórios' as never,
        clearAll: 42 as never,
        sort: { newest: 5 } as never,
        showing: () => {
          throw new Error('a typo in a partner’s function');
        },
        exportReports: () => {
          throw new Error('another');
        },
      });
    } finally {
      console.warn = warn;
    }
    expect(warnings.join('\n')).to.match(/"reports"/);
    expect(warnings.join('\n')).to.match(/"clearAll"/);
    expect(warnings.join('\n')).to.match(/"sort"/);
    expect(warnings.join('\n')).not.to.match(/"search"|"showing"/);
    const lib = await libraryFixture(
      html`<div style="width: 1000px"><shelf-library lang="gl" .catalogue=${seed}></shelf-library></div>`,
    );
    await waitUntil(() => summary(lib) !== '');
    expect(summary(lib)).to.equal('Showing 1–6 of 6 reports');
    expect(text(deep(lib, '[part="export"]'))).to.equal('Export 6 reports');
    expect(deep<HTMLInputElement>(lib, 'input[type="search"]').labels?.[0]?.textContent).to.equal('Buscar informes');
    expect(text(deep(lib, '[part="select"] option[value="newest"]'))).to.equal('Newest first');
    expect(text(deep(lib, '[part="filters-done"]'))).to.equal('Show 6 reports');
  });

  it('refuses what is not a language code, saying so', () => {
    expect(() => registerMessages('Portuguese!', {})).to.throw(
      TypeError,
      'registerMessages: "Portuguese!" is not a language code such as pt or de-CH.',
    );
  });
});

describe('theming', () => {
  const background = (el: Element) => getComputedStyle(deep(el, 'article')).backgroundColor;

  it('is dark with theme="dark", light with theme="light", and accessible in dark', async () => {
    const dark = await libraryFixture(html`<shelf-library theme="dark" .catalogue=${seed}></shelf-library>`);
    expect(background(deep(dark, 'shelf-report-card'))).to.equal('rgb(22, 25, 29)');
    await expect(dark).to.be.accessible();
    dark.theme = 'light';
    await waitUntil(() => background(deep(dark, 'shelf-report-card')) === 'rgb(255, 255, 255)');
  });

  it('takes --shelf-* tokens and ::part() from the page', async () => {
    const style = document.createElement('style');
    style.textContent = `
      .brand { --shelf-color-accent: rgb(128, 0, 64); --shelf-radius: 0px; --shelf-font-family: Georgia, serif; }
      .brand::part(filters-toggle) { text-transform: uppercase; }
    `;
    document.head.append(style);
    try {
      const lib = await libraryFixture(html`<shelf-library class="brand" .catalogue=${seed}></shelf-library>`);
      const card = deep(lib, 'shelf-report-card');
      expect(getComputedStyle(card.shadowRoot!.querySelector('.title')!).fontFamily).to.equal('Georgia, serif');
      expect(getComputedStyle(deep(card, 'article')).borderRadius).to.equal('0px');
      expect(getComputedStyle(deep(lib, '[part="filters-toggle"]')).textTransform).to.equal('uppercase');
      lib.store.setQuery({ page: 1, filters: { region: ['Worldwide'] } });
      await settle(lib);
      expect(getComputedStyle(deepAll(lib, 'input[type="checkbox"]')[0]!).accentColor).to.equal('rgb(128, 0, 64)');
    } finally {
      style.remove();
    }
  });

  it('inherits the page font by default', async () => {
    const wrap = await fixture(
      html`<div style="font-family: 'Courier New', monospace"><shelf-library .catalogue=${seed}></shelf-library></div>`,
    );
    const lib = wrap.querySelector<ShelfLibrary>('shelf-library')!;
    await waitUntil(() => deepAll(lib, 'shelf-report-card').length === 6);
    await settle(lib);
    expect(getComputedStyle(deep(deep(lib, 'shelf-report-card'), 'p')).fontFamily).to.equal('"Courier New", monospace');
  });
});

describe('facet values people read', () => {
  it('names languages in the interface language, in the filter bar and the chips', async () => {
    const lib = await libraryFixture(
      html`<shelf-library lang="es" facets="language" .catalogue=${small}></shelf-library>`,
    );
    const values = deepAll(deep(lib, 'shelf-filter-bar'), 'label.option .value').map((v) => v.textContent);
    expect(values).to.deep.equal([
      new Intl.DisplayNames('es', { type: 'language' }).of('en'),
      new Intl.DisplayNames('es', { type: 'language' }).of('es'),
      new Intl.DisplayNames('es', { type: 'language' }).of('fr'),
    ]);
    lib.store.setQuery({ filters: { language: ['fr'] } });
    await settle(lib);
    expect(deep(lib, '[part="chip"]').getAttribute('aria-label')).to.equal('Quitar el filtro Idioma: francés');
  });
});

describe('direction', () => {
  it('follows the nearest dir or lang, whichever is closer', async () => {
    const rtlPage = await fixture(
      html`<div dir="rtl" lang="en"><shelf-library .catalogue=${small}></shelf-library></div>`,
    );
    const a = rtlPage.querySelector<ShelfLibrary>('shelf-library')!;
    await waitUntil(() => deepAll(a, 'shelf-report-card').length > 0);
    expect(deep(a, '[part="layout"]').getAttribute('dir')).to.equal('rtl');
    // A language on the element itself is closer than the page's dir.
    const arabic = await fixture(
      html`<div dir="ltr"><shelf-library lang="ar" .catalogue=${small}></shelf-library></div>`,
    );
    const b = arabic.querySelector<ShelfLibrary>('shelf-library')!;
    await waitUntil(() => deepAll(b, 'shelf-report-card').length > 0);
    expect(deep(b, '[part="layout"]').getAttribute('dir')).to.equal('rtl');
    rtlPage.setAttribute('dir', 'ltr');
    await waitUntil(() => deep(a, '[part="layout"]').getAttribute('dir') === 'ltr');
  });

  it('accepts a promise of a catalogue, showing loading until it settles', async () => {
    let resolve!: (value: unknown) => void;
    const lib = await fixture<ShelfLibrary>(
      html`<shelf-library .catalogue=${new Promise((r) => (resolve = r))}></shelf-library>`,
    );
    await settle(lib);
    expect(lib.store.getState().status).to.equal('loading');
    resolve(small);
    await waitUntil(() => deepAll(lib, 'shelf-report-card').length === 7);
  });
});
