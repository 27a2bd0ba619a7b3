/**
 * Recency in relevance order (ranking.ts, `boostRecent` in answer.ts): the factor by age, the
 * re-ranking of a text search's answer, and a query's weight as the engine reads it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  boostRecent,
  createLibrary,
  normaliseQuery,
  RECENCY,
  RECENCY_YEARS,
  recencyFactor,
  runQuery,
  type Catalogue,
  type TextAnswer,
} from '@reportshelf/core';
import { loadCranfield, loadCranfieldDated } from '../../bench/relevance-lib.js';

test('the factor: 1 + weight for the newest year, half the boost RECENCY_YEARS before it, none undated', () => {
  assert.equal(recencyFactor(0.1, 0), 1.1);
  assert.equal(recencyFactor(0.1, RECENCY_YEARS), 1.05);
  assert.equal(recencyFactor(0.5, 2 * RECENCY_YEARS), 1 + 0.5 / 3);
  assert.equal(recencyFactor(1, undefined), 1);
  assert.equal(recencyFactor(0, 0), 1);
  // A year after the newest (a catalogue's years are its own) counts as the newest.
  assert.equal(recencyFactor(0.1, -3), 1.1);
  // Older is less, never below 1.
  for (let age = 0; age < 60; age++) {
    assert.ok(recencyFactor(RECENCY.strong, age + 1) < recencyFactor(RECENCY.strong, age));
    assert.ok(recencyFactor(RECENCY.strong, age) > 1);
  }
  assert.deepEqual(Object.keys(RECENCY), ['none', 'mild', 'strong']);
  assert.ok(RECENCY.none < RECENCY.mild && RECENCY.mild < RECENCY.strong);
});

test('an answer re-ranked: the newer first among close scores, each group in its own order, undated as they were', () => {
  const years: Record<string, number> = { a: 2000, b: 2020, c: 2019, d: 1990 };
  const answer: TextAnswer = {
    hits: [
      { id: 'a', score: 10, terms: ['x'] },
      { id: 'b', score: 9.5, terms: ['x'] },
      { id: 'u', score: 9.4, terms: ['x'] },
      // The best matches (some of the words), after those with every word whatever their scores.
      { id: 'd', score: 30, terms: ['y'] },
      { id: 'c', score: 29, terms: ['y'] },
    ],
    all: 3,
    excluded: [],
  };
  const given = JSON.stringify(answer);
  const of = { of: (id: string) => years[id], newest: 2020 };
  const ids = (a: TextAnswer) => a.hits!.map((h) => h.id);
  assert.deepEqual(ids(boostRecent(answer, of)), ['b', 'a', 'u', 'c', 'd']);
  // b: 9.5 × 1.1; a, twenty years older: 10 × (1 + 0.1 / 5); the undated u keeps its score.
  const boosted = boostRecent(answer, of);
  assert.equal(boosted.hits![0]!.score, 9.5 * 1.1);
  assert.equal(boosted.hits![1]!.score, 10 * 1.02);
  assert.equal(boosted.hits![2]!.score, 9.4);
  assert.equal(boosted.all, 3);
  // None: the answer as it was; nor is the answer given changed (answers are kept).
  assert.equal(boostRecent(answer, of, RECENCY.none), answer);
  assert.equal(JSON.stringify(answer), given);
  // A catalogue without years: as it was.
  assert.equal(boostRecent(answer, { of: () => undefined, newest: undefined }), answer);
});

test('a query carries its weight of recency, 0 to 10, and the engine ranks by it', () => {
  assert.equal(normaliseQuery({}).boostRecent, undefined);
  assert.equal(normaliseQuery({ boostRecent: 0 }).boostRecent, 0);
  assert.equal(normaliseQuery({ boostRecent: 0.5 }).boostRecent, 0.5);
  assert.equal(normaliseQuery({ boostRecent: 1e9 }).boostRecent, 10);
  for (const wrong of [-1, Number.NaN, '1', null])
    assert.equal(normaliseQuery({ boostRecent: wrong as number }).boostRecent, undefined, String(wrong));

  const report = (id: string, year: number | undefined, title: string) => ({
    id,
    ...(year === undefined ? {} : { year }),
    title,
    summary: 'Children recruited by armed groups.',
    countries: [],
    regions: [],
    categories: [],
    authors: [],
    organizations: [],
  });
  const catalogue: Catalogue = {
    version: 1,
    reports: [
      report('old', 2006, 'Child soldiers in armed conflict'),
      report('new', 2018, 'Child soldiers in the armed conflict'),
      report('undated', undefined, 'Child soldiers in the armed conflict today'),
    ],
  };
  const library = createLibrary(catalogue);
  const order = (boostRecent?: number) =>
    runQuery(library, { q: 'child soldiers', boostRecent }).hits.map((h) => h.report.id);
  assert.deepEqual(order(RECENCY.none), ['old', 'new', 'undated']);
  assert.deepEqual(order(), ['new', 'old', 'undated']);
  assert.deepEqual(order(RECENCY.strong), ['new', 'old', 'undated']);
});

test('the benchmark’s Cranfield with years drawn at random: the same abstracts, each with a year', () => {
  const plain = loadCranfield();
  const dated = loadCranfieldDated();
  assert.equal(dated.catalogue.reports.length, plain.catalogue.reports.length);
  assert.ok(dated.catalogue.reports.every((r) => r.year! >= 1990 && r.year! <= 2024));
  assert.equal(new Set(dated.catalogue.reports.map((r) => r.year)).size, 35);
  assert.deepEqual(dated.queries, plain.queries);
});
