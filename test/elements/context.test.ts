import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement, html as litHtml } from 'lit';
import { ContextConsumer, createContext } from '@lit/context';
import { defineAll, libraryContext, ShelfLibrary } from '@reportshelf/elements';
import { deep, ready } from './helpers.js';
import { small } from '../fixtures/small.js';

defineAll();

/** A partner's own element, as the elements README shows it: how many reports the search found. */
class PartnerReportCount extends LitElement {
  private unsubscribe?: () => void;
  private readonly library = new ContextConsumer(this, {
    context: libraryContext,
    subscribe: true,
    callback: (library) => {
      this.unsubscribe?.();
      this.unsubscribe = library.store.subscribe(() => this.requestUpdate());
    },
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  override render() {
    const results = this.library.value?.store.getState().results;
    return litHtml`<output>${results ? `${results.total} found` : ''}</output>`;
  }
}
customElements.define('partner-report-count', PartnerReportCount);

const count = (element: Element) => element.shadowRoot?.querySelector('output')?.textContent;

describe('the library context', () => {
  it('a partner’s own Lit element consumes it and shows the result count as the visitor searches', async () => {
    const lib = await fixture<ShelfLibrary>(html`<shelf-library .catalogue=${small}>
      <shelf-search-box></shelf-search-box>
      <partner-report-count></partner-report-count>
      <shelf-report-list></shelf-report-list>
    </shelf-library>`);
    await ready(lib);
    const partner = lib.querySelector('partner-report-count')!;
    await waitUntil(() => count(partner) === '7 found', `partner element shows ${count(partner)}`);
    deep<HTMLInputElement>(lib.querySelector('shelf-search-box')!, 'input').focus();
    await sendKeys({ type: 'fishing' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => count(partner) === '1 found', `partner element shows ${count(partner)}`);
  });

  it('speaks the community protocol: a plain context-request event with the shared key gets the library', async () => {
    // Another copy of @lit/context (a partner's) makes the same key.
    expect(createContext(Symbol.for('reportshelf-library'))).to.equal(libraryContext);
    const lib = await fixture<ShelfLibrary>(html`<shelf-library .catalogue=${small}><div></div></shelf-library>`);
    const given: unknown[] = [];
    // No library code at all: the event as the protocol defines it, from a plain element.
    const request = Object.assign(new Event('context-request', { bubbles: true, composed: true }), {
      context: Symbol.for('reportshelf-library'),
      callback: (value: unknown) => given.push(value),
      subscribe: false,
    });
    lib.querySelector('div')!.dispatchEvent(request);
    expect(given).to.have.length(1);
    expect(given[0]).to.equal(lib);
  });

  it('elements inside a library that is defined later get it when it upgrades', async () => {
    const page = await fixture(html`<div>
      <late-shelf-library><shelf-result-summary></shelf-result-summary></late-shelf-library>
    </div>`);
    const summary = page.querySelector('shelf-result-summary')!;
    const late = page.querySelector('late-shelf-library')! as unknown as ShelfLibrary;
    late.catalogue = small; // set before the upgrade, as a framework might
    expect(late.store).to.equal(undefined);
    // The summary asked for its library when it connected, and nobody answered yet.
    customElements.define('late-shelf-library', class extends ShelfLibrary {});
    await ready(late);
    await waitUntil(() => deep(summary, '[part="summary"]').textContent === 'Showing 1–7 of 7 reports');
  });

  it('an element placed before a library it names by id, and one inside another library, each use the right one', async () => {
    const page = await fixture(html`<div>
      <shelf-result-summary id="named" library="second"></shelf-result-summary>
      <shelf-library id="first" .catalogue=${small}>
        <shelf-result-summary id="inside"></shelf-result-summary>
        <shelf-result-summary id="inside-named" library="second"></shelf-result-summary>
      </shelf-library>
    </div>`);
    const second = document.createElement('shelf-library');
    second.id = 'second';
    second.catalogue = { reports: small.reports.slice(0, 2) };
    page.append(second);
    await ready(page.querySelector<ShelfLibrary>('#first')!);
    await ready(second);
    const text = (id: string) => deep(page.querySelector(`#${id}`)!, '[part="summary"]').textContent;
    await waitUntil(() => text('inside') === 'Showing 1–7 of 7 reports', `inside: ${text('inside')}`);
    await waitUntil(() => text('named') === 'Showing 1–2 of 2 reports', `named: ${text('named')}`);
    await waitUntil(() => text('inside-named') === 'Showing 1–2 of 2 reports', `inside-named: ${text('inside-named')}`);
    // Pointing an element at another library moves it there.
    page.querySelector('#inside-named')!.removeAttribute('library');
    await waitUntil(() => text('inside-named') === 'Showing 1–7 of 7 reports', `inside-named: ${text('inside-named')}`);
  });

  it('an element with no library says so, naming what it lacks', async () => {
    const said: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => said.push(args.join(' '));
    try {
      await fixture(
        html`<div><shelf-pagination library="nowhere"></shelf-pagination><shelf-sort-select></shelf-sort-select></div>`,
      );
      await waitUntil(() => said.length === 2, said.join('\n'));
    } finally {
      console.warn = warn;
    }
    expect(said).to.have.members([
      '<shelf-pagination library="nowhere">: there is no <shelf-library id="nowhere"> on this page.',
      '<shelf-sort-select> must be inside a <shelf-library> or name one with library="ID".',
    ]);
  });
});
