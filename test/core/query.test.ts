import { expect } from '@open-wc/testing';
import {
  createLibrary,
  FACET_NAMES,
  MAX_QUERY_LENGTH,
  MAX_QUERY_WORDS,
  normaliseQuery,
  parseCatalogue,
  parseSearch,
  runQuery,
  searchText,
  readManifest,
  splitCatalogue,
  splitEngine,
  SplitReader,
  SplitRebuilt,
  type SplitAnswer,
  type SplitManifest,
  type FacetName,
  type Query,
  type Results,
} from '@reportshelf/core';
import seed from '../../data/catalogue.json';
import { small } from '../fixtures/small.js';

const lib = createLibrary(small);
const ids = (r: Results) => r.hits.map((h) => h.report.id);
/** The results with every word (best matches, which follow them, left out). */
const every = (r: Results) => ids(r).slice(0, r.total - (r.partial ?? 0));
const counts = (r: Results, facet: FacetName) =>
  Object.fromEntries(r.facets[facet].values.map((v) => [v.value, v.count]));

describe('runQuery on a hand-made catalogue', () => {
  it('browses everything newest first when the query is empty, undated last', () => {
    const r = runQuery(lib, {});
    expect(r.total).to.equal(7);
    expect(r.sort).to.equal('newest');
    expect(ids(r)).to.deep.equal(['f', 'e', 'd', 'c', 'b', 'a', 'g']);
    expect(r.pending).to.equal(false);
  });

  it('counts every facet value over the whole catalogue', () => {
    const r = runQuery(lib, {});
    expect(counts(r, 'region')).to.deep.equal({ Europe: 3, 'West Africa': 3, 'East Asia': 1 });
    expect(counts(r, 'country')).to.deep.equal({ Nigeria: 3, Spain: 2, France: 1, Ghana: 1, Italy: 1, Thailand: 1 });
    expect(r.facets.region.values.map((v) => v.value)).to.deep.equal(['Europe', 'West Africa', 'East Asia']);
    expect(r.years).to.deep.equal([
      { year: 2010, count: 1 },
      { year: 2012, count: 1 },
      { year: 2015, count: 2 },
      { year: 2018, count: 1 },
      { year: 2020, count: 1 },
    ]);
    expect(r.yearBounds).to.deep.equal({ min: 2010, max: 2020 });
  });

  it('ORs values within a facet and counts that facet disjunctively', () => {
    const r = runQuery(lib, { filters: { region: ['Europe', 'East Asia'] } });
    expect(ids(r)).to.deep.equal(['f', 'e', 'b', 'a']);
    // The region facet ignores its own selection...
    expect(counts(r, 'region')).to.deep.equal({ Europe: 3, 'West Africa': 3, 'East Asia': 1 });
    expect(r.facets.region.values.filter((v) => v.selected).map((v) => v.value)).to.deep.equal(['Europe', 'East Asia']);
    // ...while other facets count the filtered results.
    expect(counts(r, 'category')).to.deep.equal({ Guidance: 2, Research: 2 });
  });

  it('ANDs across facets, with disjunctive counts for each', () => {
    const r = runQuery(lib, { filters: { region: ['West Africa'], category: ['Research'] } });
    expect(ids(r)).to.deep.equal(['f', 'c']);
    // Regions counted among Research reports: b, c, f.
    expect(counts(r, 'region')).to.deep.equal({ Europe: 2, 'West Africa': 2 });
    // Categories counted among West Africa reports: c, d, f.
    expect(counts(r, 'category')).to.deep.equal({ Research: 2, Assessment: 1 });
    expect(counts(r, 'country')).to.deep.equal({ Nigeria: 2, Ghana: 1, Spain: 1 });
  });

  it('keeps a selected value listed at zero', () => {
    const r = runQuery(lib, { filters: { region: ['East Asia'], category: ['Assessment'] } });
    expect(r.total).to.equal(0);
    expect(r.facets.region.values).to.deep.include({ value: 'East Asia', count: 0, selected: true });
    expect(r.facets.category.values).to.deep.include({ value: 'Assessment', count: 0, selected: true });
    const unknown = runQuery(lib, { filters: { country: ['Atlantis'] } });
    expect(unknown.facets.country.values[unknown.facets.country.values.length - 1]).to.deep.equal({
      value: 'Atlantis',
      count: 0,
      selected: true,
    });
  });

  it('filters by an inclusive year range and counts years without it', () => {
    const r = runQuery(lib, { yearFrom: 2012, yearTo: 2015, filters: { region: ['West Africa'] } });
    expect(ids(r)).to.deep.equal(['d', 'c']);
    expect(r.years).to.deep.equal([
      { year: 2015, count: 2 },
      { year: 2020, count: 1 },
    ]);
    expect(ids(runQuery(lib, { yearFrom: 2018 }))).to.deep.equal(['f', 'e']);
    expect(ids(runQuery(lib, { yearTo: 2010 }))).to.deep.equal(['a']);
    // A reversed range is read the right way round.
    expect(runQuery(lib, { yearFrom: 2015, yearTo: 2012 }).total).to.equal(3);
  });

  it('sorts recently added first: reports without an added date last, each group newest first', () => {
    const added: Record<string, string> = { a: '2024-03-01', c: '2024-05-10', d: '2024-03-01', g: '2023-01-01' };
    const dated = createLibrary({
      ...small,
      reports: small.reports.map((r) => (added[r.id] ? { ...r, added: added[r.id] } : r)),
    });
    const r = runQuery(dated, { sort: 'added' });
    expect(r.sort).to.equal('added');
    expect(ids(r)).to.deep.equal(['c', 'd', 'a', 'g', 'f', 'e', 'b']);
    expect(ids(runQuery(dated, { sort: 'added', q: 'guidance' }))).to.deep.equal(['a', 'e']);
    expect(dated.added).to.equal(true);
    expect(lib.added).to.equal(false);
  });

  it('sorts recently added in the split format as in the single file, fetching the dates only for that sort', async () => {
    const catalogue = {
      ...small,
      reports: small.reports.map((r, i) => (i % 3 ? { ...r, added: `2024-0${1 + (i % 2)}-0${1 + (i % 4)}` } : r)),
    };
    const files = splitCatalogue(catalogue);
    const manifest = readManifest(JSON.parse(files.get('catalogue.json')!)) as SplitManifest;
    const fetched: string[] = [];
    const reader = new SplitReader(
      manifest,
      async (path) => (fetched.push(path.replace(/^\w+\//, '')), JSON.parse(files.get(path)!)),
    );
    const page = splitEngine(manifest, () => ({
      ask: (query, wanted, all) => reader.query(query, wanted, all),
      stop() {},
    }));
    expect(page.library.added).to.equal(true);
    await page.query({ query: normaliseQuery({ sort: 'newest' }), facets: [] });
    expect(fetched).to.not.include('added.json');
    for (const query of [
      { sort: 'added' as const },
      { sort: 'added' as const, q: 'trafficking', pageSize: 2, page: 2 },
    ]) {
      const split = await page.query({ query: normaliseQuery(query), facets: [] });
      expect(ids(split), JSON.stringify(query)).to.deep.equal(ids(runQuery(createLibrary(catalogue), query)));
    }
    expect(fetched).to.include('added.json');
    // A catalogue without dates writes no file, and offers no such sort.
    const none = splitCatalogue(small);
    expect([...none.keys()].some((path) => path.endsWith('added.json'))).to.equal(false);
    expect(
      splitEngine(readManifest(JSON.parse(none.get('catalogue.json')!)) as SplitManifest, () => ({
        ask: async () => null,
        stop() {},
      })).library.added,
    ).to.equal(false);
  });

  it('a split catalogue rebuilt twice while a page is open starts over each time; a reader that drops a live query is asked again', async () => {
    const builds = ['a', 'b', 'c'].map((title) => {
      const catalogue = { ...small, reports: small.reports.map((r) => ({ ...r, title: `${title} ${r.title}` })) };
      const files = splitCatalogue(catalogue);
      return { files, manifest: readManifest(JSON.parse(files.get('catalogue.json')!)) as SplitManifest };
    });
    let current = 0;
    /** Readers of each build: one whose build is gone says so, naming the newest; the newest reader drops its first query, as a worker drops one overtaken in its queue. */
    let dropped = false;
    const open = (manifest: SplitManifest) => {
      const build = builds.findIndex((b) => b.manifest.build === manifest.build);
      const reader = new SplitReader(manifest, async (path) => JSON.parse(builds[build]!.files.get(path)!));
      return {
        ask: (query: Query, wanted: FacetName[], all: boolean): Promise<SplitAnswer | null> => {
          if (build !== current) return Promise.reject(new SplitRebuilt(builds[current]!.manifest));
          if (build === 2 && !dropped) {
            dropped = true;
            return Promise.resolve(null);
          }
          return reader.query(query, wanted, all);
        },
        stop() {},
      };
    };
    const engine = splitEngine(builds[0]!.manifest, open);
    const titles = async (q: string) =>
      (await engine.query({ query: normaliseQuery({ q }), facets: [] })).hits.map((h) => h.report.title[0]);
    expect(await titles('trafficking')).to.satisfy((t: string[]) => t.length > 0 && t.every((c) => c === 'a'));
    current = 1;
    expect(await titles('guidance')).to.satisfy((t: string[]) => t.length > 0 && t.every((c) => c === 'b'));
    // A second new build: started over again (once was the limit), and the query the new reader
    // dropped while nothing newer was asked is asked again, not failed with nothing.
    current = 2;
    expect(await titles('labour')).to.satisfy((t: string[]) => t.length > 0 && t.every((c) => c === 'c'));
    expect(dropped).to.equal(true);
  });

  it('sorts by newest, oldest and title', () => {
    expect(ids(runQuery(lib, { sort: 'oldest' }))).to.deep.equal(['a', 'b', 'd', 'c', 'e', 'f', 'g']);
    expect(ids(runQuery(lib, { sort: 'title' }))).to.deep.equal(['d', 'c', 'a', 'b', 'f', 'g', 'e']);
    expect(ids(runQuery(lib, { sort: 'newest', q: 'guidance' }))).to.deep.equal(['e', 'a']);
  });

  it('pages, and clamps pages to what exists', () => {
    const first = runQuery(lib, { pageSize: 3 });
    expect(first).to.include({ page: 1, pageCount: 3, total: 7 });
    expect(ids(first)).to.deep.equal(['f', 'e', 'd']);
    expect(ids(runQuery(lib, { pageSize: 3, page: 3 }))).to.deep.equal(['g']);
    const beyond = runQuery(lib, { pageSize: 3, page: 99 });
    expect(beyond.page).to.equal(3);
    expect(beyond.query.page).to.equal(3);
    expect(runQuery(lib, { page: -4 }).page).to.equal(1);
    const none = runQuery(lib, { q: 'zzzzqqq' });
    expect(none).to.include({ total: 0, page: 1, pageCount: 1 });
  });

  it('searches text with accents folded both ways', () => {
    expect(ids(runQuery(lib, { q: 'procedures' }))).to.deep.equal(['a']);
    expect(ids(runQuery(lib, { q: 'PÉREZ' }))).to.have.members(['a', 'c']);
    expect(ids(runQuery(lib, { q: 'perez' }))).to.have.members(['a', 'c']);
  });

  it('ranks a title match above a summary match and returns matched terms', () => {
    const r = runQuery(lib, { q: 'assessment' });
    expect(ids(r)).to.deep.equal(['d']);
    const labour = runQuery(lib, { q: 'labour' });
    expect(ids(labour)[0]).to.equal('b');
    expect(labour.hits[0]!.terms).to.deep.equal(['labour']);
    expect(labour.hits[0]!.score).to.be.greaterThan(labour.hits[1]!.score);
  });

  it('matches the last word as a prefix only', () => {
    expect(ids(runQuery(lib, { q: 'fish' }))).to.deep.equal(['e']);
    // No report has both: the best matches, with one word, follow none.
    // ("fish" is the stem of "fishing": a stemmed word is not a prefix, "fishin" is neither.)
    const r = runQuery(lib, { q: 'fishin guidance' });
    expect(every(r)).to.deep.equal([]);
    expect(r.partial).to.equal(r.total);
  });

  it('does not take a single letter as a prefix of every word', () => {
    expect(runQuery(lib, { q: 'fi' }).total).to.equal(1);
    expect(runQuery(lib, { q: 'f' }).total).to.equal(0);
  });

  it('combines text and filters', () => {
    expect(ids(runQuery(lib, { q: 'trafficking', filters: { country: ['Spain'] } }))).to.deep.equal(['f']);
  });

  it("sorts titles without their leading punctuation, in the catalogue's language", () => {
    const titles = (language: string | undefined, list: string[]) =>
      runQuery(
        createLibrary({
          version: 1,
          ...(language ? { language } : {}),
          reports: list.map((title, i) => ({
            id: `t${i}`,
            title,
            countries: [],
            regions: [],
            categories: [],
            authors: [],
            organizations: [],
          })),
        }),
        { sort: 'title' },
      ).hits.map((h) => h.report.title);
    expect(
      titles('en', [
        '“‘The Maputo Protocol’”',
        '“More Than a Number”',
        'Zebra crossings',
        'A guide',
        '3 ways to help',
        '10 lessons',
      ]),
    ).to.deep.equal([
      '3 ways to help',
      '10 lessons',
      'A guide',
      '“More Than a Number”',
      '“‘The Maputo Protocol’”',
      'Zebra crossings',
    ]);
    // Spanish sorts ñ after n; English takes it for an n.
    expect(titles('es', ['Oso', 'Ñandú', 'Nube'])).to.deep.equal(['Nube', 'Ñandú', 'Oso']);
    expect(titles('en', ['Oso', 'Ñandú', 'Nube'])).to.deep.equal(['Ñandú', 'Nube', 'Oso']);
    expect(titles('not a language!', ['b', 'a'])).to.deep.equal(['a', 'b']);
  });

  it('reads -words as words to leave out, and "quoted words" as words that stand together', () => {
    expect(parseSearch('trafficking -nigeria "child labour"')).to.deep.equal({
      text: 'trafficking child labour',
      phrases: ['child labour'],
      exclude: ['nigeria'],
      without: [],
    });
    expect(ids(runQuery(lib, { q: 'labour' })).sort()).to.deep.equal(['b', 'c']);
    expect(ids(runQuery(lib, { q: 'labour -nigeria' }))).to.deep.equal(['b']);
    // Only -words: everything else, newest first.
    const notNigeria = runQuery(lib, { q: '-nigeria' });
    expect(notNigeria.total).to.equal(small.reports.filter((r) => !(r.countries ?? []).includes('Nigeria')).length);
    expect(notNigeria.sort).to.equal('newest');
    // Both words, but only where they stand together.
    const together = runQuery(lib, { q: '"fishing fleets"' });
    const apart = runQuery(lib, { q: '"fleets fishing"' });
    expect(ids(together)).to.deep.equal(['e']);
    expect(apart.total).to.equal(0);
    expect(runQuery(lib, { q: 'fleets fishing' }).total).to.equal(1);
    // A hyphen inside a word is not an exclusion.
    expect(parseSearch('anti-trafficking').exclude).to.deep.equal([]);
  });

  it('leaves out the reports where a -"quoted phrase" stands, not only those', () => {
    // b says "Forced labour"; c has "labour" elsewhere.
    expect(ids(runQuery(lib, { q: 'labour -"forced labour"' }))).to.deep.equal(['c']);
    expect(parseSearch('femicide -"intimate partner"')).to.deep.include({
      text: 'femicide',
      phrases: [],
      without: ['intimate partner'],
    });
    // A -"word" alone is a -word.
    expect(parseSearch('labour -"forced"').exclude).to.deep.equal(['forced']);
  });

  it('forgives two swapped letters as one typo', () => {
    expect(every(runQuery(lib, { q: 'chlid trafficking' }))).to.deep.equal(['c']);
  });

  it('offers the did-you-mean that finds most with the other words', () => {
    const library = createLibrary({
      version: 1,
      reports: [
        { id: 'chile', title: 'Chile', countries: [], regions: [], categories: [], authors: [], organizations: [] },
        {
          id: 'child',
          title: 'Child soldiers in armed groups, camps and the long road back home after demobilisation',
          countries: [],
          regions: [],
          categories: [],
          authors: [],
          organizations: [],
        },
      ],
    });
    // Two letters off both "chile" and "child": only "child" finds a report with "soldiers".
    expect(runQuery(library, { q: 'cxilx soldiers' }).suggestion).to.equal('child soldiers');
  });

  it('bounds the work a query asks for: its length, and the distinct words searched', () => {
    expect(normaliseQuery({ q: 'x'.repeat(9600) }).q).to.have.length(MAX_QUERY_LENGTH);
    // A pasted page of repeated words searches its distinct words, 24 at most.
    expect(searchText('trafficking victims '.repeat(400))).to.equal('trafficking victims');
    expect(searchText(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')).split(' ')).to.have.length(
      MAX_QUERY_WORDS,
    );
    const pasted = runQuery(lib, { q: 'labour trafficking '.repeat(12) });
    expect(ids(pasted)).to.deep.equal(ids(runQuery(lib, { q: 'labour trafficking' })));
  });

  it('survives odd queries: no words browses everything, and the rest are read as their plain words', () => {
    const all = ids(runQuery(lib, {}));
    for (const q of ['', '   ', '"', '***', '(((', '\u0000', '🙂', '-']) {
      expect(ids(runQuery(lib, { q })), JSON.stringify(q)).to.deep.equal(all);
    }
    // Markup and operators are words like any other: not a syntax error, nor NOT leaving out every
    // report that has "or". No report has "script"; "and" stands in titles, where a search of only
    // small words looks.
    for (const [q, words, total] of [
      ['<script>', 'script', 0],
      ['AND OR NOT', 'and or not', 2],
    ] as const) {
      const r = runQuery(lib, { q });
      expect(r.total, q).to.equal(total);
      expect(ids(r), q).to.deep.equal(ids(runQuery(lib, { q: words })));
    }
    const long = runQuery(lib, { q: 'a'.repeat(2000) });
    expect(long.query.q).to.have.length(MAX_QUERY_LENGTH);
    expect(long.total).to.equal(0);
  });

  it('reports pending text search while the index is not built, and browses meanwhile', () => {
    const deferred = createLibrary(small, { deferIndex: true });
    expect(runQuery(deferred, {}).total).to.equal(7);
    const r = runQuery(deferred, { q: 'labour' });
    expect(r.pending).to.equal(true);
    expect(r.total).to.equal(0);
  });
});

describe('reports without a year', () => {
  it('are in while no bound is set, out once one is, and counted either way', () => {
    expect(ids(runQuery(lib, {}))).to.include('g');
    const bounded = runQuery(lib, { yearFrom: 2015 });
    expect(ids(bounded)).to.deep.equal(['f', 'e', 'd', 'c']);
    expect(bounded.undated).to.equal(1);
    expect(runQuery(lib, {}).undated).to.equal(1);
  });

  it('can be kept beside a range, or left out of any list', () => {
    expect(ids(runQuery(lib, { yearFrom: 2015, undated: true }))).to.deep.equal(['f', 'e', 'd', 'c', 'g']);
    const dated = runQuery(lib, { undated: false });
    expect(dated.total).to.equal(6);
    expect(ids(dated)).not.to.include('g');
    // The year facet's counts and the undated count ignore the year constraint, as facets do.
    expect(dated.undated).to.equal(1);
    expect(dated.years.reduce((n, b) => n + b.count, 0)).to.equal(6);
  });

  it('are counted within the other constraints', () => {
    expect(runQuery(lib, { filters: { region: ['Europe'] }, yearFrom: 2000 }).undated).to.equal(0);
    expect(runQuery(lib, { q: 'undated', yearFrom: 2000 }).undated).to.equal(1);
  });

  it('normalises only a boolean', () => {
    expect(normaliseQuery({ undated: 'yes' as unknown as boolean })).not.to.have.property('undated');
    expect(normaliseQuery({ undated: false }).undated).to.equal(false);
  });
});

describe('when nothing matches', () => {
  it('says which constraint alone emptied the list, and how many each removal gives', () => {
    // "labour" finds b (Italy) and c (Nigeria, Ghana); with Spain and France ticked, nothing.
    const r = runQuery(lib, { q: 'labour', filters: { country: ['Spain', 'France'] } });
    expect(r.total).to.equal(0);
    // A filter first where removing it gives as many: the words are what the visitor typed.
    expect(r.relaxed).to.deep.equal([
      { drop: 'country', total: 2 },
      { drop: 'q', total: 2 },
    ]);
  });

  it('counts the year range with its undated choice as one constraint', () => {
    const r = runQuery(lib, { filters: { region: ['East Asia'] }, yearFrom: 2019 });
    expect(r.relaxed).to.deep.equal([
      { drop: 'region', total: 1 },
      { drop: 'year', total: 1 },
    ]);
  });

  it('offers nothing to remove when two constraints each empty the list', () => {
    const r = runQuery(lib, { filters: { region: ['East Asia'], category: ['Research'] }, yearTo: 2011 });
    expect(r.total).to.equal(0);
    expect(r.relaxed).to.deep.equal([]);
  });

  it('suggests the index’s own spelling for a word that matches nothing', () => {
    // Two letters off: more than the search's own typo tolerance allows for six letters.
    const r = runQuery(lib, { q: 'shltrs nigeria' });
    expect(every(r)).to.deep.equal([]);
    // The index's term: the stem of "shelters", which finds them.
    expect(r.suggestion).to.equal('shelter nigeria');
    expect(every(runQuery(lib, { q: r.suggestion! }))).to.deep.equal(['d']);
  });

  it('suggests nothing when the words exist but not together, or nothing is near', () => {
    expect(runQuery(lib, { q: 'fishing nigeria' }).suggestion).to.equal(undefined);
    expect(runQuery(lib, { q: 'qzxwv' }).suggestion).to.equal(undefined);
    expect(runQuery(lib, {}).relaxed).to.equal(undefined);
  });
});

describe('runQuery on the default catalogue', () => {
  const { catalogue, problems } = parseCatalogue(seed);
  const library = createLibrary(catalogue);
  const search = (q: string) => ids(runQuery(library, { q }));

  it('parses without problems', () => {
    expect(problems).to.deep.equal([]);
    expect(catalogue.reports).to.have.length(6);
  });

  it('finds the Borno and Adamawa assessment for "Nigeria"', () => {
    expect(search('Nigeria')).to.deep.equal(['assessment-of-borno-and-adamawa-states-2019']);
  });
  it('finds Harrowing Journeys for "mediterranean"', () => {
    expect(search('mediterranean')).to.deep.equal(['harrowing-journeys-2017']);
  });
  it('finds Beneath the Surface for "Surtees"', () => {
    expect(search('Surtees')).to.deep.equal(['beneath-the-surface-2010']);
  });
  it('finds the humanitarian responses overview for "child soldiers"', () => {
    const r = runQuery(library, { q: 'child soldiers' });
    expect(every(r)).to.deep.equal(['anti-trafficking-in-humanitarian-responses-2018']);
    // Then a report with one of the words.
    expect(ids(r)).to.deep.equal(['anti-trafficking-in-humanitarian-responses-2018', 'harrowing-journeys-2017']);
    expect(r.partial).to.equal(1);
  });
  it('still finds trafficking reports for the misspelt "traficking"', () => {
    const hits = runQuery(library, { q: 'traficking' });
    expect(hits.total).to.equal(6);
    // The index term of "trafficking" (and "trafficked", "trafficker"), its stem.
    expect(hits.hits[0]!.terms).to.include('traffick');
  });
  it('lists both regions of the Nigeria assessment', () => {
    expect(counts(runQuery(library, {}), 'region')).to.deep.equal({
      Worldwide: 5,
      'Central Africa': 1,
      'West Africa': 1,
    });
  });
});

describe('tokenising', () => {
  it('splits words on symbols as well as punctuation', () => {
    const lib = createLibrary(
      parseCatalogue({ reports: [{ id: 's', title: '<img src=x> costs US$5 for e-learning' }] }).catalogue,
    );
    for (const q of ['img', 'src', 'us', 'learning']) expect(runQuery(lib, { q }).total, q).to.equal(1);
  });
});

describe('facet counts per report', () => {
  it('counts each of a report’s values once, in every facet', () => {
    // Only report b has the author Ben Ode and the organisation UNHCR: with either chosen, every
    // other facet counts b's values alone (a facet is counted as if it were not chosen).
    const byAuthor = runQuery(lib, { filters: { author: ['Ben Ode'] } });
    const byOrganization = runQuery(lib, { filters: { organization: ['UNHCR'] } });
    expect(ids(byAuthor)).to.deep.equal(['b']);
    expect(ids(byOrganization)).to.deep.equal(['b']);
    const values = Object.fromEntries(
      FACET_NAMES.map((name) => [name, counts(name === 'author' ? byOrganization : byAuthor, name)]),
    );
    expect(values).to.deep.equal({
      region: { Europe: 1 },
      country: { Italy: 1 },
      category: { Research: 1 },
      author: { 'Ben Ode': 1 },
      organization: { UNHCR: 1 },
      language: { en: 1 },
    });
  });

  it('counts a value a report lists twice once', () => {
    const twice = createLibrary(
      parseCatalogue({ reports: [{ id: 't', title: 'T', countries: ['Spain', 'Spain'], authors: ['A', 'A'] }] })
        .catalogue,
    );
    const r = runQuery(twice, {});
    expect(counts(r, 'country')).to.deep.equal({ Spain: 1 });
    expect(counts(r, 'author')).to.deep.equal({ A: 1 });
  });
});
