import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { deep, deepAll, libraryFixture, seed, settle, text, titles } from './helpers.js';

describe('shelf-search-box', () => {
  it('is accessible, labelled, inside a search landmark', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${seed}><shelf-search-box></shelf-search-box><shelf-report-list></shelf-report-list></shelf-library>`);
    const box = lib.querySelector('shelf-search-box')!;
    await expect(box).to.be.accessible();
    const input = deep<HTMLInputElement>(box, 'input');
    expect(input.labels?.[0]?.textContent).to.equal('Search reports');
    expect(deep(box, 'form').getAttribute('role')).to.equal('search');
  });

  it('follows typing after a pause, with a clear button once there is text', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${seed}><shelf-search-box debounce="50"></shelf-search-box><shelf-report-list></shelf-report-list></shelf-library>`);
    const box = lib.querySelector('shelf-search-box')!;
    expect(deepAll(box, '[part="clear-button"]')).to.have.length(0);
    deep<HTMLInputElement>(box, 'input').focus();
    await sendKeys({ type: 'Surtees' });
    await waitUntil(() => titles(lib).length === 1);
    expect(titles(lib)[0]).to.match(/^Beneath the Surface/);
    const clear = deep<HTMLButtonElement>(box, '[part="clear-button"]');
    expect(clear.getAttribute('aria-label')).to.equal('Clear search');
    await expect(box).to.be.accessible();
    clear.click();
    await waitUntil(() => titles(lib).length === 6);
    expect(deep<HTMLInputElement>(box, 'input').value).to.equal('');
  });

  it('searches at once on Enter without waiting for the pause', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${seed}><shelf-search-box debounce="600000"></shelf-search-box><shelf-report-list></shelf-report-list></shelf-library>`);
    deep<HTMLInputElement>(lib.querySelector('shelf-search-box')!, 'input').focus();
    await sendKeys({ type: 'child soldiers' });
    await settle(lib);
    expect(titles(lib)).to.have.length(6);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => titles(lib).length === 1);
    expect(titles(lib)[0]).to.match(/^Anti-Trafficking in Humanitarian Responses/);
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
    const lib = await libraryFixture(html`<shelf-library .catalogue=${seed}><shelf-search-box></shelf-search-box></shelf-library>`);
    lib.store.setQuery({ q: 'nigeria' });
    await settle(lib);
    expect(deep<HTMLInputElement>(lib.querySelector('shelf-search-box')!, 'input').value).to.equal('nigeria');
  });

  it('survives odd queries', async () => {
    const lib = await libraryFixture();
    for (const q of ['"', '***', '((', '<script>alert(1)</script>', 'a'.repeat(600), '🙂', '-']) {
      lib.store.setQuery({ q });
      await settle(lib);
      expect(text(deep(lib, '[part="summary"]'))).to.match(/^(No reports match|Showing)/);
    }
  });
});
