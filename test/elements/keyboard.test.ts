import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { byText, deep, deepActive, libraryFixture, seed, settle, tabTo, text, titles } from './helpers.js';

const isInput = (el: Element) => el.localName === 'input' && (el as HTMLInputElement).type === 'search';

describe('keyboard alone', () => {
  it('searches: type, then Enter', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${seed}></shelf-library>`);
    await tabTo(isInput, 'the search field');
    await sendKeys({ type: 'mediterranean' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => titles(lib).length === 1, 'search did not narrow the list');
    expect(titles(lib)[0]).to.match(/^Harrowing Journeys/);
  });

  it('clears the search with Escape', async () => {
    const lib = await libraryFixture();
    await tabTo(isInput, 'the search field');
    await sendKeys({ type: 'nigeria' });
    await waitUntil(() => titles(lib).length === 1);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => titles(lib).length === 6, 'Escape did not clear');
    expect((deepActive() as HTMLInputElement).value).to.equal('');
  });

  it('opens and closes a facet group, and toggles a value', async () => {
    const lib = await libraryFixture(
      html`<div style="width: 1000px"><shelf-library .catalogue=${seed}></shelf-library></div>`,
    );
    const summary = await tabTo(
      (el) => el.localName === 'summary' && text(el).startsWith('Region'),
      'the Region group',
    );
    const details = summary.parentElement as HTMLDetailsElement;
    expect(details.open).to.equal(true);
    await sendKeys({ press: 'Enter' });
    expect(details.open).to.equal(false);
    await sendKeys({ press: 'Enter' });
    expect(details.open).to.equal(true);
    const box = await tabTo(
      (el) => el.localName === 'input' && text(el.parentElement).startsWith('West Africa'),
      'the West Africa checkbox',
    );
    await sendKeys({ press: 'Space' });
    await waitUntil(() => titles(lib).length === 1, 'the facet did not filter');
    expect((box as HTMLInputElement).checked).to.equal(true);
    expect(titles(lib)[0]).to.match(/^Assessment of Borno/);
  });

  it('clears the filters', async () => {
    const lib = await libraryFixture(
      html`<div style="width: 1000px"><shelf-library .catalogue=${seed}></shelf-library></div>`,
    );
    lib.store.setQuery({ filters: { region: ['West Africa'] } });
    await waitUntil(() => titles(lib).length === 1);
    await settle(lib);
    await tabTo((el) => el.getAttribute('part') === 'clear-all', 'Clear all');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => titles(lib).length === 6, 'Clear all did not clear');
    // The button is gone with the filters; focus is on the results, not lost to the page.
    await waitUntil(() => deepActive()?.id === 'results-heading', `focus went to ${deepActive()?.localName}`);
  });

  it('keeps focus among the chips as they are removed, then moves it to the results', async () => {
    const lib = await libraryFixture(
      html`<div style="width: 1000px"><shelf-library .catalogue=${seed}></shelf-library></div>`,
    );
    lib.store.setQuery({ filters: { region: ['West Africa', 'Worldwide'] } });
    await waitUntil(() => titles(lib).length === 6);
    await settle(lib);
    const chip = (await tabTo((el) => el.getAttribute('part') === 'chip', 'the first chip')) as HTMLElement;
    expect(chip.getAttribute('aria-label')).to.equal('Remove filter Region: West Africa');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => lib.store.getQuery().filters.region?.length === 1);
    await waitUntil(
      () => deepActive()?.getAttribute('aria-label') === 'Remove filter Region: Worldwide',
      `focus went to ${deepActive()?.localName}`,
    );
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActive()?.id === 'results-heading', `focus went to ${deepActive()?.localName}`);
    expect(lib.store.getQuery().filters).to.deep.equal({});
  });

  it('changes the sort order', async () => {
    const lib = await libraryFixture();
    const select = (await tabTo(
      (el) => el.localName === 'select' && el.getAttribute('part') === 'select',
      'the sort select',
    )) as HTMLSelectElement;
    expect(select.value).to.equal('newest');
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => titles(lib)[0]?.startsWith('Beneath the Surface'), 'sort did not change');
    expect(lib.store.getQuery().sort).to.equal('oldest');
  });

  it('pages, and moves focus to the top of the new results', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${seed} page-size="2"></shelf-library>`);
    const first = titles(lib);
    await tabTo(byText('Next page'), 'Next page');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => titles(lib)[0] !== first[0], 'the page did not change');
    await settle(lib);
    expect(deepActive()?.id).to.equal('results-heading');
    expect(text(deep(lib, '[part="summary"]'))).to.equal('Showing 3–4 of 6 reports');
    expect(deep(lib, '[aria-current="page"]').textContent!.trim()).to.equal('2');
  });

  it('expands and collapses a summary', async () => {
    await libraryFixture(html`<div style="width: 700px"><shelf-library .catalogue=${seed}></shelf-library></div>`);
    const toggle = await tabTo(byText('Show more'), 'Show more');
    const summary =
      toggle.getRootNode() instanceof ShadowRoot
        ? (toggle.getRootNode() as ShadowRoot).querySelector('[part="summary"]')!
        : null;
    const clamped = summary!.getBoundingClientRect().height;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => toggle.getAttribute('aria-expanded') === 'true');
    expect(text(toggle)).to.equal('Show less');
    expect(summary!.getBoundingClientRect().height).to.be.greaterThan(clamped);
    await sendKeys({ press: 'Space' });
    await waitUntil(() => toggle.getAttribute('aria-expanded') === 'false');
    expect(summary!.getBoundingClientRect().height, 'clamped again').to.equal(clamped);
  });

  it('skips past the search and filters to the results with a link seen on focus, in four languages', async () => {
    const lib = await libraryFixture(
      html`<div style="width: 1000px"><shelf-library .catalogue=${seed}></shelf-library></div>`,
    );
    const skip = (await tabTo((el) => el.getAttribute('part') === 'skip-link', 'the skip link', 4)) as HTMLElement;
    expect(text(skip)).to.equal('Skip to results');
    expect(skip.getBoundingClientRect().width).to.be.greaterThan(40);
    expect(getComputedStyle(skip).clipPath).to.equal('none');
    await expect(lib).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Tab' });
    const card = (deepActive()?.getRootNode() as ShadowRoot).host;
    expect(card.localName).to.equal('shelf-report-card');
    expect(card).to.equal(deep(lib, 'shelf-report-card'));
    // Hidden once focus leaves it.
    expect(getComputedStyle(skip).clipPath).to.equal('inset(50%)');
    for (const [lang, said] of [
      ['fr', 'Aller aux résultats'],
      ['es', 'Ir a los resultados'],
      ['ar', 'انتقل إلى النتائج'],
    ]) {
      const other = await libraryFixture(html`<shelf-library lang=${lang!} .catalogue=${seed}></shelf-library>`);
      // (The lite file's engine loads a language on demand: English until it comes.)
      await waitUntil(() => text(deep(other, '[part="skip-link"]')) === said, `${lang}: ${said}`);
    }
  });
});
