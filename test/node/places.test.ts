import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseCatalogue } from '@reportshelf/core';
import { groupPlaces, regionOf, useM49, type M49 } from '../../packages/cli/src/places.js';

useM49(() => JSON.parse(readFileSync(new URL('../../packages/cli/data/m49.json', import.meta.url), 'utf8')) as M49);

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'reportshelf-places-'));
after(() => rmSync(out, { recursive: true, force: true }));
const validate = new Ajv2020({ allErrors: true }).compile(
  JSON.parse(readFileSync(join(root, 'data/catalogue.schema.json'), 'utf8')),
);

function cli(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions', 'source', join(root, 'packages/cli/src/bin.ts'), ...args],
    { cwd: root, encoding: 'utf8' },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('country names are placed whatever their spelling, language or code', () => {
  const cases: [string[], string][] = [
    [
      ["Côte d'Ivoire", 'Cote d’Ivoire', 'COTE D IVOIRE', 'Ivory Coast', "Côte d'Ivoire", 'CIV', 'ci'],
      'Western Africa',
    ],
    [['DR Congo', 'Democratic Republic of the Congo', 'République démocratique du Congo', 'COD'], 'Middle Africa'],
    [['Congo', 'Republic of the Congo', 'Congo-Brazzaville'], 'Middle Africa'],
    [['Syria', 'Syrian Arab Republic', 'Syrie', 'سوريا', 'SYR'], 'Western Asia'],
    [['Türkiye', 'Turkey', 'Turquía', 'TR'], 'Western Asia'],
    [['Nigeria', 'Nigéria', 'NGA'], 'Western Africa'],
    [['United States', 'USA', 'États-Unis'], 'Northern America'],
    [['Viet Nam', 'Vietnam'], 'South-eastern Asia'],
    [['the Gambia', 'Gambia'], 'Western Africa'],
    [['Kosovo'], 'Southern Europe'],
    [['Brazil', 'Brasil'], 'South America'],
  ];
  for (const [names, region] of cases) for (const name of names) assert.equal(regionOf(name), region, name);
  for (const name of ['Worldwide', 'Balkans', 'Nigerria', '', 'West Africa'])
    assert.equal(regionOf(name), undefined, name);
});

test('the Democratic Republic of the Congo and the Republic of the Congo are told apart', () => {
  const { places } = groupPlaces(
    parseCatalogue({
      reports: [
        { id: 'a', title: 'A', countries: ['Congo', 'DR Congo'] },
        { id: 'b', title: 'B', countries: ['Chad'] },
      ],
    }).catalogue,
  );
  assert.deepEqual(places, { 'Middle Africa': ['Congo', 'DR Congo', 'Chad'] });
});

const csv = `title,countries
One,Nigeria;Ghana
Two,Syria;Türkiye
Three,Worldwide;Nigeria
Four,Balkans
`;

test("the CLI groups the countries by region, keyed by the catalogue's own values, and names the unplaced ones in one line", () => {
  const input = join(out, 'places.csv');
  writeFileSync(input, csv);
  const file = join(out, 'places.json');
  const run = cli('build', input, '-o', file, '--feeds', 'none');
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stderr.trim().split('\n');
  assert.deepEqual(lines, [
    'reportshelf: 2 countries are in no UN M49 region and will show ungrouped: Worldwide, Balkans.',
  ]);
  const catalogue = JSON.parse(readFileSync(file, 'utf8'));
  assert.deepEqual(catalogue.places, { 'Western Africa': ['Nigeria', 'Ghana'], 'Western Asia': ['Syria', 'Türkiye'] });
  // Before the reports, so that the file reads naturally; and valid against the schema.
  assert.deepEqual(Object.keys(catalogue).slice(-2), ['places', 'reports']);
  assert.equal(validate(catalogue), true, JSON.stringify(validate.errors));
  assert.deepEqual(parseCatalogue(catalogue).catalogue.places, catalogue.places);
});

test('--places none writes no grouping (and drops one the input had); an unknown value is refused', () => {
  const input = join(out, 'had.json');
  writeFileSync(
    input,
    JSON.stringify({ places: { Somewhere: ['Chad'] }, reports: [{ id: 'a', title: 'A', countries: ['Chad'] }] }),
  );
  const file = join(out, 'none.json');
  const run = cli('build', input, '-o', file, '--feeds', 'none', '--places', 'none');
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.equal('places' in JSON.parse(readFileSync(file, 'utf8')), false);
  const again = cli('build', input, '-o', file, '--feeds', 'none');
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')).places, { 'Middle Africa': ['Chad'] });
  assert.equal(again.stderr, '');
  const bad = cli('build', input, '-o', file, '--places', 'iso');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--places: "iso" must be m49 or none/);
});

test("the split format's manifest carries the grouping", () => {
  const input = join(out, 'split.csv');
  writeFileSync(input, csv);
  const folder = join(out, 'split');
  const run = cli('build', input, '--split', folder, '--feeds', 'none');
  assert.equal(run.status, 0, run.stderr);
  const manifest = JSON.parse(readFileSync(join(folder, 'catalogue.json'), 'utf8'));
  assert.deepEqual(manifest.places, { 'Western Africa': ['Nigeria', 'Ghana'], 'Western Asia': ['Syria', 'Türkiye'] });
});

test('a bad "places" is dropped with a warning, never fatal', () => {
  for (const places of ['Africa', ['Chad'], { Africa: 'Chad' }, { Africa: [1] }]) {
    const { catalogue, problems, fatal } = parseCatalogue({ places, reports: [{ id: 'a', title: 'A' }] });
    assert.equal(fatal, false);
    assert.equal(catalogue.places, undefined);
    assert.equal(catalogue.reports.length, 1);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.field, 'places');
    assert.match(problems[0]!.message, /"places" must map each region to a list of countries/);
    assert.equal(validate({ places, reports: [] }), false);
  }
  const places = { 'Western Africa': ['Chad', 'Nigeria'], Empty: [] };
  const { catalogue, problems } = parseCatalogue({ places, reports: [] });
  assert.deepEqual(catalogue.places, places);
  assert.deepEqual(problems, []);
});
