import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  analyse,
  analysed,
  createLibrary,
  foldText,
  termOf,
  decodeQuery,
  encodeQuery,
  FACETS,
  FACET_NAMES,
  normaliseQuery,
  parseCatalogue,
  runQuery,
  type FacetName,
  type Query,
  type Catalogue,
  type Report,
} from '@reportshelf/core';

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const REGIONS = ['Europe', 'West Africa', 'East Asia', 'Südamerika', 'Worldwide'];
const COUNTRIES = ['Nigeria', 'Spain', 'Côte d’Ivoire', 'Thailand', 'Peru', 'Chad'];
const CATEGORIES = ['Guidance', 'Research', 'Assessment'];
const WORDS = ['trafficking', 'labour', 'children', 'migration', 'protección', 'victimes', 'shelter', 'routes'];

const reportArb = fc.record({
  title: fc.array(pick(...WORDS), { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
  summary: fc.option(
    fc.array(pick(...WORDS), { maxLength: 12 }).map((w) => w.join(' ')),
    { nil: undefined },
  ),
  year: fc.option(fc.integer({ min: 1995, max: 2026 }), { nil: undefined }),
  regions: fc.uniqueArray(pick(...REGIONS), { maxLength: 2 }),
  countries: fc.uniqueArray(pick(...COUNTRIES), { maxLength: 3 }),
  categories: fc.uniqueArray(pick(...CATEGORIES), { maxLength: 2 }),
  authors: fc.uniqueArray(pick('Ana Pérez', 'Ben Ode', 'Chi Obi'), { maxLength: 2 }),
  organizations: fc.uniqueArray(pick('IOM', 'UNHCR'), { maxLength: 2 }),
  language: fc.option(pick('en', 'fr', 'es'), { nil: undefined }),
});
const catalogueArb = fc
  .array(reportArb, { maxLength: 40 })
  .map((rs) => ({ version: 1 as const, reports: rs.map((r, i) => ({ id: `r${i}`, ...r })) }));

const queryArb = fc.record({
  q: fc.oneof(
    fc.constant(''),
    pick(...WORDS),
    pick('tra', 'child', 'victimes labour', 'proteccion', 'the routes'),
    // Swapped letters, a typo, a word being typed, several words of which some are in no report.
    pick('labuor routes', 'migratoin', 'shelter vict', 'trafficing children', 'zebra labour migration'),
  ),
  filters: fc.record(
    {
      region: fc.uniqueArray(pick(...REGIONS), { maxLength: 2 }),
      country: fc.uniqueArray(pick(...COUNTRIES), { maxLength: 2 }),
      category: fc.uniqueArray(pick(...CATEGORIES), { maxLength: 2 }),
      language: fc.uniqueArray(pick('en', 'fr'), { maxLength: 1 }),
    },
    { requiredKeys: [] },
  ),
  yearFrom: fc.option(fc.integer({ min: 1995, max: 2026 }), { nil: undefined }),
  yearTo: fc.option(fc.integer({ min: 1995, max: 2026 }), { nil: undefined }),
  sort: pick('relevance', 'newest', 'oldest', 'title'),
  pageSize: fc.integer({ min: 1, max: 12 }),
  page: fc.integer({ min: 1, max: 5 }),
}) as fc.Arbitrary<Partial<Query>>;

/** What fast-check found once: a typo'd word and another, at one report a page (see below). */
type Generated = ReturnType<typeof catalogueArb.generate>['value'];
const report = (id: string, summary?: string) => ({
  id,
  title: 'routes trafficking',
  summary,
  year: undefined,
  language: undefined,
  ...{ regions: [], countries: [], categories: [], authors: [], organizations: [] },
});
const LABUOR: [Generated, Partial<Query>] = [
  { version: 1, reports: [report('r0', 'labour'), report('r1')] },
  { q: 'labuor routes', filters: {}, sort: 'relevance', pageSize: 1, page: 1 },
];

const valuesOf = (r: Report, f: FacetName) => {
  const field = FACETS[f];
  return field === 'language' ? (r.language ? [r.language] : []) : r[field];
};
const passes = (r: Report, q: Query, except?: FacetName | 'year') =>
  FACET_NAMES.every(
    (f) => f === except || !q.filters[f]?.length || valuesOf(r, f).some((v) => q.filters[f]!.includes(v)),
  ) &&
  (except === 'year' ||
    ((q.yearFrom === undefined || (r.year !== undefined && r.year >= q.yearFrom)) &&
      (q.yearTo === undefined || (r.year !== undefined && r.year <= q.yearTo))));

/** Levenshtein distance, plainly. */
function levenshtein(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/**
 * The oracle's own text matching, independent of the index: each report's terms worked out from
 * its text with the analysis, each query word matched against them by the rules the README states
 * (a term of the word in any of the catalogue's languages; the last word as a prefix, stemmed or
 * not; a typo per five letters, a swap of two letters counting as one, for a word found in fewer
 * than ten reports as written). Reports with every word; when fewer than a page of them pass the
 * filters, then every report with some of the words.
 */
function textMatches(catalogue: Catalogue, q: string): { every: Set<Report>; some: Set<Report> } {
  const languages = [...new Set([catalogue.language, ...catalogue.reports.map((r) => r.language)])]
    .filter((l, i) => i === 0 || l !== undefined)
    .map((l) => analysed(l));
  const termsOf = (r: Report) =>
    new Set(
      (['title', 'authors', 'organizations', 'summary', 'countries', 'regions', 'categories'] as const).flatMap((f) => {
        const value = r[f];
        return analyse(
          Array.isArray(value) ? value.join(' ') : (value ?? ''),
          analysed(r.language ?? catalogue.language),
          f === 'title',
        );
      }),
    );
  const reports = catalogue.reports.map((r) => ({ r, terms: termsOf(r) }));
  const typed = [...new Set(q.split(/\s+/).filter(Boolean))];
  // Stop words (a word with no term in one of the languages) are left out, unless there is nothing else.
  const meaningful = typed.filter((word) => languages.every((l) => termOf(foldText(word), l) !== null));
  const words = meaningful.length > 0 ? meaningful : typed;
  const matched = words.map((word, i) => {
    const folded = foldText(word);
    const variants = [...new Set(languages.map((l) => termOf(folded, l, true)!))];
    const last = i === words.length - 1;
    const exact = (t: string) =>
      variants.includes(t) || (last && [...variants, folded].some((v) => v.length > 1 && t.startsWith(v)));
    const typo = (t: string) =>
      variants.some((v) => {
        const d = v.length >= 5 ? Math.min(3, Math.round(0.2 * v.length)) : 0;
        if (d === 0) return false;
        const swapped = [...v].some(
          (_, k) => k + 1 < v.length && v.slice(0, k) + v[k + 1] + v[k] + v.slice(k + 2) === t,
        );
        return levenshtein(v, t) <= d || swapped;
      });
    const found = new Set(reports.filter(({ terms }) => [...terms].some(exact)).map(({ r }) => r));
    if (found.size < 10) for (const { r, terms } of reports) if ([...terms].some(typo)) found.add(r);
    return found;
  });
  const count = (r: Report) => matched.filter((found) => found.has(r)).length;
  const every = new Set(catalogue.reports.filter((r) => count(r) === words.length));
  const some = new Set(catalogue.reports.filter((r) => !every.has(r) && count(r) > 0));
  return { every, some };
}

describe('query engine properties (randomised)', () => {
  it('facet counts agree with a brute-force count, and every hit satisfies every filter', () => {
    fc.assert(
      fc.property(catalogueArb, queryArb, (catalogue, input) => {
        const library = createLibrary(catalogue);
        const query = normaliseQuery(input);
        const results = runQuery(library, { ...query, page: 1, pageSize: 100 });
        // Every hit passes every filter.
        for (const hit of results.hits) expect(passes(hit.report, query), hit.report.id).to.equal(true);
        // Brute-force counts over the text matches (worked out here, not by the index): every report
        // when browsing, else those with every word, then the best matches (a page of 100 is never full).
        const text = query.q.trim() === '' ? undefined : textMatches(catalogue, query.q);
        const base = text ? [...text.every, ...text.some] : catalogue.reports;
        if (text) {
          const shown = results.hits.map((h) => h.report);
          const every = shown.filter((r) => text.every.has(r));
          // Those with every word first.
          expect(shown.slice(0, every.length), 'every word first').to.deep.equal(every);
          expect(results.partial ?? 0).to.equal(shown.length - every.length);
        }
        for (const f of FACET_NAMES) {
          const expected = new Map<string, number>();
          for (const r of base)
            if (passes(r, query, f)) for (const v of valuesOf(r, f)) expected.set(v, (expected.get(v) ?? 0) + 1);
          for (const v of query.filters[f] ?? []) if (!expected.has(v)) expected.set(v, 0);
          const got = new Map(results.facets[f].values.map((v) => [v.value, v.count]));
          expect(got, f).to.deep.equal(expected);
          for (const v of results.facets[f].values)
            expect(v.selected).to.equal(query.filters[f]?.includes(v.value) ?? false);
        }
        const years = new Map<number, number>();
        for (const r of base)
          if (r.year !== undefined && passes(r, query, 'year')) years.set(r.year, (years.get(r.year) ?? 0) + 1);
        expect(new Map(results.years.map((y) => [y.year, y.count]))).to.deep.equal(years);
        expect(results.total).to.equal(base.filter((r) => passes(r, query)).length);
      }),
      { numRuns: 300 },
    );
  });

  it('the pages together list every result exactly once, in order', () => {
    fc.assert(
      fc.property(catalogueArb, queryArb, (catalogue, input) => {
        const library = createLibrary(catalogue);
        // Every result of the same query, as an export lists them. Not a query with another page
        // size: whether the best matches follow depends on how many reports with every word a page
        // holds (fast-check found "labuor routes" at one a page: one report with every word fills
        // it, and at 100 a page the best match follows).
        const all = runQuery(library, { ...input, page: 1 }, true);
        const seen: string[] = [];
        const first = runQuery(library, { ...input, page: 1 });
        for (let page = 1; page <= first.pageCount; page++) {
          const r = runQuery(library, { ...input, page });
          expect(r.page).to.equal(page);
          expect(r.hits.length).to.be.at.most(r.pageSize);
          seen.push(...r.hits.map((h) => h.report.id));
        }
        expect(seen).to.deep.equal(all.hits.map((h) => h.report.id));
        expect(new Set(seen).size).to.equal(seen.length);
        expect(runQuery(library, { ...input, page: first.pageCount + 3 }).page).to.equal(first.pageCount);
      }),
      { numRuns: 200, examples: [LABUOR] },
    );
  });

  it('URL state round-trips, with and without a prefix', () => {
    fc.assert(
      fc.property(queryArb, fc.constantFrom('', 'lib-', 'x_'), fc.string({ maxLength: 30 }), (input, prefix, text) => {
        const query = normaliseQuery({ ...input, q: text });
        const params = new URLSearchParams(encodeQuery(query, prefix).toString());
        const back = normaliseQuery({ pageSize: query.pageSize, ...decodeQuery(params, prefix) });
        const expected = { ...query, q: query.q.trim() === '' ? '' : query.q };
        expect(back).to.deep.equal(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('parseCatalogue never throws and keeps every valid record, whatever the input', () => {
    const anyJson = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(
        anyJson,
        fc.array(
          fc.oneof(
            reportArb.map((r) => ({ id: 'v', ...r })),
            anyJson,
          ),
          { maxLength: 10 },
        ),
        (junk, mixed) => {
          expect(() => parseCatalogue(junk)).not.to.throw();
          const reports = mixed.map((r, i) =>
            typeof r === 'object' && r !== null && !Array.isArray(r) && 'id' in r && r.id === 'v'
              ? { ...r, id: `v${i}` }
              : r,
          );
          const { catalogue } = parseCatalogue({ reports });
          const valid = reports.filter(
            (r): r is { id: string } =>
              typeof r === 'object' &&
              r !== null &&
              !Array.isArray(r) &&
              typeof (r as { id?: unknown }).id === 'string' &&
              (r as { id: string }).id.startsWith('v'),
          );
          for (const r of valid) expect(catalogue.reports.some((k) => k.id === r.id)).to.equal(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
