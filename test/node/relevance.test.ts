/**
 * The relevance benchmark's scores on a ranking worked out by hand, and its judged collections:
 * they load, and every judged report is one the catalogue holds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bm25,
  loadArabic,
  loadCranfield,
  loadReliefWeb,
  ndcgAt,
  precisionAt,
  type Collection,
} from '../../bench/relevance-lib.js';

const near = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);

test('nDCG@10 and P@10 of a known ranking', () => {
  const grades = new Map([
    ['a', 3],
    ['b', 0],
    ['c', 2],
    ['e', 1],
  ]);
  // DCG = 0/log2(2) + 3/log2(3) + 2/log2(4) + 0; ideal = 3/log2(2) + 2/log2(3) + 1/log2(4).
  const dcg = 3 / Math.log2(3) + 1;
  const ideal = 3 + 2 / Math.log2(3) + 0.5;
  near(ndcgAt(['b', 'a', 'c', 'd'], grades), dcg / ideal);
  assert.equal(ndcgAt(['b', 'a', 'c', 'd'], grades).toFixed(6), '0.607492');
  near(precisionAt(['b', 'a', 'c', 'd'], grades), 0.2);
  near(ndcgAt(['a', 'c', 'e'], grades), 1);
  near(ndcgAt([], grades), 0);
  near(precisionAt([], grades), 0);
  // Only the first ten places count.
  const late = [...'0123456789'.split(''), 'a'];
  near(ndcgAt(late, grades), 0);
  near(precisionAt(late, grades), 0);
});

test('the BM25 baseline stems, drops stop words and ranks the report with the rarer word first', () => {
  const search = bm25({
    reports: [
      {
        id: 'one',
        title: 'Flooding in the delta',
        summary: 'Rivers rose.',
        countries: [],
        regions: [],
        categories: [],
        authors: [],
        organizations: [],
      },
      {
        id: 'two',
        title: 'Delta farming',
        summary: 'Crops and the harvest.',
        countries: [],
        regions: [],
        categories: [],
        authors: [],
        organizations: [],
      },
      {
        id: 'three',
        title: 'Harvest report',
        summary: 'The delta harvest.',
        countries: [],
        regions: [],
        categories: [],
        authors: [],
        organizations: [],
      },
    ],
  } as unknown as Parameters<typeof bm25>[0]);
  assert.deepEqual(search('floods of the delta'), ['one', 'two', 'three']);
  assert.deepEqual(search('the of'), []);
});

function checkJudgements(collection: Collection, minQueries: number) {
  const ids = new Set(collection.catalogue.reports.map((r) => r.id));
  assert.ok(collection.queries.length >= minQueries, `${collection.queries.length} queries`);
  assert.equal(new Set(collection.queries.map((q) => q.id)).size, collection.queries.length, 'query ids are unique');
  for (const query of collection.queries) {
    assert.ok(query.text.trim() !== '', `query ${query.id} has words`);
    assert.ok(
      [...query.grades.values()].some((g) => g > 0),
      `query ${query.id} has a relevant report`,
    );
    for (const [id, grade] of query.grades) {
      assert.ok(ids.has(id), `query ${query.id} judges ${id}, which the catalogue does not hold`);
      assert.ok(Number.isInteger(grade) && grade >= 0 && grade <= 4, `grade ${grade}`);
    }
  }
}

test('the vendored Cranfield collection loads: 1,400 reports, 225 judged queries', () => {
  const cranfield = loadCranfield();
  assert.equal(cranfield.catalogue.reports.length, 1400);
  assert.equal(cranfield.queries.length, 225);
  checkJudgements(cranfield, 225);
});

test('the ReliefWeb judgements: at least 30 queries in English, French and Spanish, each judged report in the sample', () => {
  const reliefweb = loadReliefWeb();
  assert.equal(reliefweb.catalogue.reports.length, 996);
  checkJudgements(reliefweb, 30);
  assert.deepEqual([...new Set(reliefweb.queries.map((q) => q.language))].sort(), ['en', 'es', 'fr']);
  for (const query of reliefweb.queries)
    assert.ok([...query.grades.values()].filter((g) => g > 0).length >= 5, `query ${query.id} has 5 relevant reports`);
});

test('the Arabic fixture and its judged queries load', () => {
  const arabic = loadArabic();
  assert.equal(arabic.catalogue.language, 'ar');
  assert.ok(arabic.catalogue.reports.every((r) => r.language === 'ar'));
  checkJudgements(arabic, 5);
});
