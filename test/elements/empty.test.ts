import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ShelfLibrary } from '@reportshelf/elements';
import { deepActive, deepAll, eventually, libraryFixture, settle, tabTo, text, titles } from './helpers.js';
import { small } from '../fixtures/small.js';

/** The empty state's ways to results, as the visitor reads them. */
const waysOut = (lib: ShelfLibrary) => deepAll(lib, '[part="way-out"] button').map((b) => text(b));
const heading = (lib: ShelfLibrary) => text(deepAll(lib, '[part="empty"] h2')[0]);

async function press(lib: ShelfLibrary, label: string): Promise<void> {
  await tabTo((el) => text(el) === label, label);
  await sendKeys({ press: 'Enter' });
  await settle(lib);
}

describe('when nothing matches', () => {
  it('says which filter emptied the list, with how many reports its removal gives, and removes it', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${small}></shelf-library>`);
    lib.store.setQuery({ q: 'labour', filters: { country: ['Spain', 'France'] } });
    await waitUntil(() => waysOut(lib).length === 2);
    expect(heading(lib)).to.equal('No reports match “labour”');
    expect(waysOut(lib)).to.deep.equal(['Show 2 reports without Country', 'Show 2 reports without “labour”']);
    await expect(lib).to.be.accessible();
    await press(lib, 'Show 2 reports without Country');
    await waitUntil(() => titles(lib).length === 2);
    expect(lib.store.getQuery()).to.deep.include({ q: 'labour', filters: {} });
    // Focus is not lost with the button: it goes to the results.
    await waitUntil(() => deepActive()?.id === 'results-heading', `focus went to ${deepActive()?.localName}`);
  });

  it('says a catalogue without reports has none, rather than that filters match nothing', async () => {
    const lib = await libraryFixture(
      html`<shelf-library .catalogue=${{ version: 1, title: 'Empty', reports: [] }}></shelf-library>`,
    );
    await waitUntil(() => heading(lib) !== '');
    expect(heading(lib)).to.equal('This library has no reports yet.');
    expect(text(deepAll(lib, '[part="summary"]')[0])).to.equal('This library has no reports yet.');
    expect(text(deepAll(lib, '[part="empty"]')[0])).not.to.match(/filter/i);
    await expect(lib).to.be.accessible();
    const fr = await libraryFixture(
      html`<shelf-library lang="fr" .catalogue=${{ version: 1, reports: [] }}></shelf-library>`,
    );
    // (The lite file's engine loads French when first spoken: English stands in until it comes.)
    await eventually(() => expect(heading(fr)).to.equal('Cette bibliothèque ne contient encore aucun rapport.'));
  });

  it('can offer to drop the words, or the year range', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${small}></shelf-library>`);
    lib.store.setQuery({ filters: { region: ['East Asia'] }, yearFrom: 2019 });
    await waitUntil(() => waysOut(lib).length === 2);
    expect(waysOut(lib)).to.deep.equal(['Show 1 report without Region', 'Show 1 report without Year']);
    await press(lib, 'Show 1 report without Year');
    await waitUntil(() => titles(lib).length === 1);
    expect(lib.store.getQuery().yearFrom).to.equal(undefined);
    lib.store.setQuery({ q: 'shelters', filters: { region: ['East Asia'] } });
    await waitUntil(() => waysOut(lib).length === 2);
    expect(waysOut(lib)).to.deep.equal(['Show 1 report without Region', 'Show 1 report without “shelters”']);
  });

  it('says nothing it cannot keep: no way out when two filters each empty the list', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${small}></shelf-library>`);
    lib.store.setQuery({ filters: { region: ['East Asia'], category: ['Research'] }, yearTo: 2011 });
    await waitUntil(() => heading(lib) === 'No reports match these filters');
    expect(waysOut(lib)).to.deep.equal([]);
    expect(text(deepAll(lib, '[part="empty"] p')[0])).to.equal('Try removing a filter or changing the search.');
  });

  it('offers the index’s own spelling when a word matches nothing', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${small}></shelf-library>`);
    lib.store.setQuery({ q: 'shltrs nigeria' });
    // The reports with "nigeria" show, as best matches, under the spelling the index knows (the
    // stem of "shelters").
    await waitUntil(() => waysOut(lib).length > 0);
    expect(waysOut(lib)[0]).to.equal('Did you mean “shelter nigeria”?');
    expect(titles(lib)).to.have.length(3);
    await press(lib, 'Did you mean “shelter nigeria”?');
    await waitUntil(() => lib.store.getQuery().q === 'shelter nigeria');
    expect(titles(lib)[0]).to.equal('Assessment of shelters');
    expect(waysOut(lib)).to.deep.equal([]);
  });

  it('speaks the interface’s language', async () => {
    const lib = await libraryFixture(html`<shelf-library lang="fr" .catalogue=${small}></shelf-library>`);
    lib.store.setQuery({ q: 'labour', filters: { country: ['Spain', 'France'] } });
    await waitUntil(() => waysOut(lib).length === 2);
    expect(waysOut(lib)).to.deep.equal(['Afficher 2 rapports sans Pays', 'Afficher 2 rapports sans « labour »']);
  });
});

describe('when no report has every word', () => {
  const summary = (lib: ShelfLibrary) => text(deepAll(lib, '[part="summary"]')[0]);

  it('shows those with most of them, after those with all, and says so', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${small}></shelf-library>`);
    // c has both words; b "labour" only; d and f "Nigeria" only.
    lib.store.setQuery({ q: 'labour nigeria' });
    await waitUntil(() => summary(lib).includes('all your words'));
    expect(summary(lib)).to.equal(
      'Showing 1–4 of 4 reports for “labour nigeria”. 1 report with all your words, then those with most of them.',
    );
    expect(titles(lib)[0]).to.equal('Child trafficking in West Africa');
    await expect(lib).to.be.accessible();
    // Facet counts follow what is shown.
    expect(lib.store.getState().results!.facets.country.values.find((v) => v.value === 'Nigeria')!.count).to.equal(3);
    lib.store.setQuery({ q: 'qqqqq labour' });
    await waitUntil(() => summary(lib).startsWith('Showing 1–2 of 2'));
    expect(summary(lib)).to.equal(
      'Showing 1–2 of 2 reports for “qqqqq labour”. No report has all your words; showing those with most of them.',
    );
  });

  it('says it in French, Spanish and Arabic', async () => {
    const said: Record<string, string> = {
      fr: '1 rapport avec tous vos mots, puis ceux qui en contiennent le plus.',
      es: '1 informe con todas sus palabras y después los que contienen más.',
      ar: 'تحتوي على كل كلماتك، ثم التي تحتوي على أكثرها.',
    };
    for (const [lang, words] of Object.entries(said)) {
      const lib = await libraryFixture(html`<shelf-library lang=${lang} .catalogue=${small}></shelf-library>`);
      lib.store.setQuery({ q: 'labour nigeria' });
      await waitUntil(() => summary(lib).endsWith(words), `${lang}: ${summary(lib)}`);
    }
  });

  it('keeps quoted words and -words strict', async () => {
    const lib = await libraryFixture(html`<shelf-library .catalogue=${small}></shelf-library>`);
    // The phrase must stand in a report for it to be a best match: c has both words, apart.
    lib.store.setQuery({ q: '"forced labour" nigeria' });
    await waitUntil(() => summary(lib).startsWith('Showing 1–1 of 1'));
    expect(titles(lib)).to.deep.equal(['Labour exploitation research']);
    lib.store.setQuery({ q: 'labour nigeria -ghana' });
    await waitUntil(
      () =>
        !titles(lib).includes('Child trafficking in West Africa') &&
        titles(lib).length > 0 &&
        /No report has all your words/.test(summary(lib)),
      summary(lib),
    );
  });
});
