import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ShelfLibrary } from '@reportshelf/elements';
import { generateCatalogue } from '../../bench/generate.js';
import { deep, engine, eventually, deepAll, libraryFixture, seed, settle, text, titles } from './helpers.js';

describe('shelf-search-box', () => {
  it('is accessible, labelled, inside a search landmark', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${seed}><shelf-search-box></shelf-search-box><shelf-report-list></shelf-report-list></shelf-library>`,
    );
    const box = lib.querySelector('shelf-search-box')!;
    await expect(box).to.be.accessible();
    const input = deep<HTMLInputElement>(box, 'input');
    expect(input.labels?.[0]?.textContent).to.equal('Search reports');
    expect(deep(box, 'form').getAttribute('role')).to.equal('search');
    // How to search is said under the field, and read out with it.
    const hint = input.getRootNode() as ShadowRoot;
    expect(text(hint.getElementById(input.getAttribute('aria-describedby')!))).to.equal(
      'Tip: "exact words" in quotes; -word leaves a word out.',
    );
  });

  it('searches with the syntax the hint gives: -words left out, quoted words together', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${seed}><shelf-search-box></shelf-search-box><shelf-report-list></shelf-report-list></shelf-library>`,
    );
    deep<HTMLInputElement>(lib.querySelector('shelf-search-box')!, 'input').focus();
    await sendKeys({ type: 'trafficking -nigeria' });
    await waitUntil(() => titles(lib).length === 5);
    expect(titles(lib).some((t) => t.startsWith('Assessment of Borno'))).to.equal(false);
    lib.store.setQuery({ q: '"child soldiers"' });
    await waitUntil(() => titles(lib).length === 1);
    expect(titles(lib)[0]).to.match(/^Anti-Trafficking in Humanitarian Responses/);
  });

  it('follows every keystroke while searching is cheap, with a clear button once there is text', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${seed}><shelf-search-box></shelf-search-box><shelf-report-list></shelf-report-list></shelf-library>`,
    );
    const box = lib.querySelector('shelf-search-box')!;
    const typed: string[] = [];
    lib.addEventListener('shelf-query-change', (e) => typed.push(e.detail.query.q));
    expect(deepAll(box, '[part="clear-button"]')).to.have.length(0);
    deep<HTMLInputElement>(box, 'input').focus();
    await sendKeys({ type: 'Surtees' });
    await waitUntil(() => titles(lib).length === 1);
    // Each keystroke ran its own search: no fixed pause swallowed the words in between (but a
    // single letter, which would find nothing and flash the empty list).
    expect(typed).to.deep.equal(['Su', 'Sur', 'Surt', 'Surte', 'Surtee', 'Surtees']);
    await eventually(() => expect(titles(lib)[0]).to.match(/^Beneath the Surface/));
    const clear = deep<HTMLButtonElement>(box, '[part="clear-button"]');
    expect(clear.getAttribute('aria-label')).to.equal('Clear search');
    await expect(box).to.be.accessible();
    clear.click();
    await waitUntil(() => titles(lib).length === 6);
    expect(deep<HTMLInputElement>(box, 'input').value).to.equal('');
  });

  it('keeps the results while a word is one letter long, rather than flash “No reports match”; Enter searches it', async () => {
    // A pause that never ends within the test: the letter waits for Enter.
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${seed}><shelf-search-box debounce="600000"></shelf-search-box><shelf-result-summary></shelf-result-summary><shelf-report-list></shelf-report-list></shelf-library>`,
    );
    // Every answer with nothing in it, as the list and the summary would show it.
    const empty: string[] = [];
    lib.store.subscribe((s) => {
      if (s.results && !s.results.pending && s.results.total === 0) empty.push(s.query.q);
    });
    const input = deep<HTMLInputElement>(lib, 'input[type="search"]');
    input.focus();
    await sendKeys({ type: 'me' });
    await waitUntil(() => lib.store.getQuery().q === 'me');
    await settle(lib);
    expect(empty).to.deep.equal([]);
    input.select();
    await sendKeys({ type: 'm' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(deep(lib, '[part="summary"]')) === 'No reports match “m”');
  });

  describe('when searches take longer than a frame', () => {
    // Each search blocks the page for 20 ms, however fast the machine: what a large catalogue costs
    // on a slow one. (In the lite file's engine the page never pays for a search: see below.)
    async function slowLibrary(debounce: number): Promise<ShelfLibrary> {
      const lib = await libraryFixture(
        html`<shelf-library .catalogue=${seed}><shelf-search-box debounce=${debounce}></shelf-search-box><shelf-report-list></shelf-report-list></shelf-library>`,
      );
      // Each search, as the index in the page answers it, blocks for 20 ms more.
      const index = lib.store.getLibrary()!.index!;
      const search = index.search.bind(index);
      let blocking = false;
      index.search = (...args) => {
        // Once per search (its terms are looked up one after another, in one task).
        if (!blocking) {
          blocking = true;
          const end = performance.now() + 20;
          while (performance.now() < end);
          queueMicrotask(() => (blocking = false));
        }
        return search(...args);
      };
      // Twice: one slow run alone is taken for a cold start.
      for (const q of ['trafficking', 'trafficking report']) {
        lib.store.setQuery({ q });
        await settle(lib);
      }
      expect(lib.store.queryCost(), 'the precondition: this search is slow').to.be.greaterThan(16);
      return lib;
    }

    // The lite file's worker answers later, so a search costs the page nothing and a repeated one
    // is not asked again: its searches never count as slow, as the test after these shows.
    if (engine === 'page') {
      it('waits for a pause in typing, and Enter searches at once', async () => {
        const lib = await slowLibrary(600_000);
        const input = deep<HTMLInputElement>(lib.querySelector('shelf-search-box')!, 'input');
        input.select();
        await sendKeys({ type: 'nigeria' });
        await settle(lib);
        expect(lib.store.getQuery().q).to.equal('trafficking report');
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => lib.store.getQuery().q === 'nigeria');
      });

      it('drops words still waiting for the pause when the query changes from elsewhere', async () => {
        const lib = await slowLibrary(600_000);
        const input = deep<HTMLInputElement>(lib.querySelector('shelf-search-box')!, 'input');
        input.select();
        await sendKeys({ type: 'older words' });
        // A newer change (a chip removed, Back, another search box) replaces the waiting words...
        lib.store.setQuery({ q: 'nigeria' });
        await settle(lib);
        expect(input.value).to.equal('nigeria');
        // ...so that nothing older can overwrite it when the pause would have ended.
        await sendKeys({ press: 'Enter' });
        await settle(lib);
        expect(lib.store.getQuery().q).to.equal('nigeria');
      });
    }

    const big = generateCatalogue(5000, 11);
    it('a burst of keystrokes on a large catalogue ends on the last one’s results', async function () {
      // 5,000 reports indexed in the page: on a busy machine (CI's load, other tests) that takes a while.
      this.timeout(60000);
      const lib = await libraryFixture(
        html`<shelf-library .catalogue=${big}><shelf-search-box></shelf-search-box><shelf-report-list></shelf-report-list></shelf-library>`,
        40000,
      );
      const input = deep<HTMLInputElement>(lib.querySelector('shelf-search-box')!, 'input');
      input.focus();
      await sendKeys({ type: 'identification protection' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !lib.store.getState().results?.pending, 'the last search is answered', { timeout: 10000 });
      const { results } = lib.store.getState();
      expect(results!.query.q).to.equal('identification protection');
      expect(results!.total).to.be.greaterThan(0);
      expect(titles(lib)).to.have.length(10);
    });
  });

  it('finds trafficking reports for a misspelling and marks the matched words', async () => {
    const lib = await libraryFixture();
    lib.store.setQuery({ q: 'traficking' });
    await waitUntil(() => text(deep(lib, '[part="summary"]')).startsWith('Showing 1–6 of 6 reports for “traficking”'));
    await settle(lib);
    const marks = deepAll(lib, 'shelf-report-card').flatMap((card) => [...card.shadowRoot!.querySelectorAll('mark')]);
    expect(marks.length).to.be.greaterThan(6);
    expect(marks.every((m) => /^traffick/i.test(m.textContent!))).to.equal(true);
  });

  it('shows the query set from elsewhere', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${seed}><shelf-search-box></shelf-search-box></shelf-library>`,
    );
    lib.store.setQuery({ q: 'nigeria' });
    await settle(lib);
    expect(deep<HTMLInputElement>(lib.querySelector('shelf-search-box')!, 'input').value).to.equal('nigeria');
  });

  it('takes at most 256 characters: a pasted page is not a query', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${seed}><shelf-search-box></shelf-search-box></shelf-library>`,
    );
    expect(deep<HTMLInputElement>(lib.querySelector('shelf-search-box')!, 'input').maxLength).to.equal(256);
    lib.store.setQuery({ q: 'trafficking '.repeat(800) });
    expect(lib.store.getQuery().q).to.have.length(256);
  });

  it('survives odd queries', async () => {
    const lib = await libraryFixture();
    for (const q of ['"', '***', '((', '<script>alert(1)</script>', 'a'.repeat(600), '🙂', '-']) {
      lib.store.setQuery({ q });
      await eventually(() => expect(text(deep(lib, '[part="summary"]'))).to.match(/^(No reports match|Showing)/));
    }
  });
});
