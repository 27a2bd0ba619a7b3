import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  createLibrary,
  decodeQuery,
  encodeQuery,
  FACETS,
  FACET_NAMES,
  normaliseQuery,
  parseCatalogue,
  runQuery,
  type FacetName,
  type Query,
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
  q: fc.oneof(fc.constant(''), pick(...WORDS), pick('tra', 'child', 'victimes labour', 'proteccion')),
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

describe('query engine properties (randomised)', () => {
  it('facet counts agree with a brute-force count, and every hit satisfies every filter', () => {
    fc.assert(
      fc.property(catalogueArb, queryArb, (catalogue, input) => {
        const library = createLibrary(catalogue);
        const query = normaliseQuery(input);
        const results = runQuery(library, { ...query, page: 1, pageSize: 100 });
        // Every hit passes every filter.
        for (const hit of results.hits) expect(passes(hit.report, query), hit.report.id).to.equal(true);
        // Brute-force counts over the text matches: every report when browsing, else the unfiltered text hits.
        const base =
          query.q.trim() === ''
            ? catalogue.reports
            : runQuery(library, { q: query.q, pageSize: 100 }).hits.map((h) => h.report);
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
        const all = runQuery(library, { ...input, page: 1, pageSize: 100 });
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
      { numRuns: 200 },
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
