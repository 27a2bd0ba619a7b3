import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { parseCatalogue } from '@reportshelf/core';
import { FIELDS } from '@reportshelf/cli';

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const schema = read('../../data/catalogue.schema.json');
const catalogue = read('../../data/catalogue.json');
const validate = new Ajv2020({ allErrors: true }).compile(schema);

test('the default catalogue validates against the schema', () => {
  assert.equal(validate(catalogue), true, JSON.stringify(validate.errors));
  assert.equal(catalogue.reports.length, 6);
});

test('the default catalogue holds every field the seed listing gives', () => {
  const byId = Object.fromEntries(catalogue.reports.map((r: { id: string }) => [r.id, r]));
  assert.deepEqual(Object.keys(byId), [
    'framework-document-2020',
    'anti-trafficking-in-humanitarian-responses-2018',
    'beneath-the-surface-2010',
    'un-gift-human-trafficking-and-business-2010',
    'harrowing-journeys-2017',
    'assessment-of-borno-and-adamawa-states-2019',
  ]);
  assert.deepEqual(byId['beneath-the-surface-2010'].authors, ['Rebecca Surtees', 'Sarah Craggs']);
  assert.deepEqual(byId['assessment-of-borno-and-adamawa-states-2019'].regions, ['West Africa', 'Central Africa']);
  assert.deepEqual(byId['assessment-of-borno-and-adamawa-states-2019'].countries, ['Nigeria']);
  assert.deepEqual(byId['harrowing-journeys-2017'].organizations, ['UNICEF', 'IOM']);
  for (const r of catalogue.reports) {
    assert.ok(r.summary.length > 300, r.id);
    assert.ok(Number.isInteger(r.year), r.id);
    assert.deepEqual(r.categories, []);
  }
});

test('the schema rejects what parseCatalogue rejects', () => {
  const bad = (report: object) => validate({ reports: [{ id: 'a', title: 'T', ...report }] });
  assert.equal(bad({ url: 'javascript:alert(1)' }), false);
  assert.equal(bad({ url: 'data:text/html,x' }), false);
  assert.equal(bad({ url: 'https://example.org/a.pdf' }), true);
  assert.equal(bad({ url: 'docs/a.pdf' }), true);
  assert.equal(bad({ year: 2015.5 }), false);
  assert.equal(bad({ authors: 'A' }), false);
  assert.equal(validate({ reports: [{ title: 'no id' }] }), false);
});

test('whatever parseCatalogue is given, what it returns validates against the schema', () => {
  const field = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.constant(null),
    fc.array(fc.oneof(fc.string(), fc.integer())),
    fc.constantFrom('javascript:x', 'https://a.b/c', ' 2001 ', 'fr'),
  );
  // Every catalogue field (the CLI's list of them), and one that is not.
  const record = fc.dictionary(fc.constantFrom(...FIELDS, 'extra'), field);
  fc.assert(
    fc.property(fc.array(record, { maxLength: 8 }), (reports) => {
      const { catalogue: parsed } = parseCatalogue({ reports });
      assert.equal(validate(parsed), true, JSON.stringify(validate.errors));
    }),
    { numRuns: 500 },
  );
});
