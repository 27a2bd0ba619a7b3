/**
 * `reportshelf build -o FILE` picks the layout from the size: one file below `SPLIT_FROM`
 * reports, the split format from there (its manifest at FILE, so that the page's src stays the
 * same as a catalogue grows), unless `--single` or `--split FOLDER` says which.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSplit } from '@reportshelf/core';
import { SPLIT_FROM } from '../../packages/cli/src/cli.js';
import { generateCatalogue } from '../../bench/generate.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'reportshelf-cli-layout-'));
after(() => rmSync(out, { recursive: true, force: true }));

function cli(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions', 'source', join(root, 'packages/cli/src/bin.ts'), ...args],
    { cwd: root, encoding: 'utf8' },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
const input = (name: string, size: number, seed = 1) => {
  const file = join(out, `${name}.input.json`);
  writeFileSync(file, JSON.stringify(generateCatalogue(size, seed)));
  return file;
};
const json = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const builds = (folder: string) => readdirSync(folder).filter((name) => /^[0-9a-f]{16}$/.test(name));

test('-o writes one file below the threshold and the split format from it, at the same address; --single and --split decide', () => {
  const site = join(out, 'site');
  mkdirSync(site);
  writeFileSync(join(site, 'index.html'), '<p>ours</p>');
  const small = cli('build', input('small', SPLIT_FROM - 1), '-o', join(site, 'reports.json'));
  assert.equal(small.status, 0, small.stderr);
  assert.match(small.stdout, new RegExp(`reports\\.json: ${SPLIT_FROM - 1} reports written as one file;`));
  assert.equal(isSplit(json(join(site, 'reports.json'))), false);

  // Grown past the threshold: the same address now holds the manifest, its build beside it.
  const large = cli('build', input('large', SPLIT_FROM), '-o', join(site, 'reports.json'));
  assert.equal(large.status, 0, large.stderr);
  assert.match(
    large.stdout,
    new RegExp(`reports\\.json: ${SPLIT_FROM} reports written in the split format \\(.* --single for one file\\)`),
  );
  const manifest = json(join(site, 'reports.json')) as { build: string; count: number };
  assert.equal(isSplit(manifest), true);
  assert.equal(manifest.count, SPLIT_FROM);
  // Beside the partner's page: the manifest, its build, and the Atom feed of the newest reports (feeds.test.ts).
  assert.deepEqual(readdirSync(site).sort(), [manifest.build, 'feed.xml', 'index.html', 'reports.json'].sort());
  assert.ok(readdirSync(join(site, manifest.build)).includes('years.json'));
  assert.equal(readFileSync(join(site, 'index.html'), 'utf8'), '<p>ours</p>');

  // --single: one file whatever the size; --split: the split format whatever the size.
  const single = cli('build', input('large', SPLIT_FROM), '-o', join(out, 'single.json'), '--single');
  assert.equal(single.status, 0, single.stderr);
  assert.equal(isSplit(json(join(out, 'single.json'))), false);
  const split = cli('build', input('tiny', 20), '--split', join(out, 'tiny'));
  assert.equal(split.status, 0, split.stderr);
  assert.equal(isSplit(json(join(out, 'tiny', 'catalogue.json'))), true);
  assert.equal(cli('build', input('tiny', 20), '--split', join(out, 'tiny2'), '--single').status, 2);
  // --index is the one-file format's: with it, one file.
  const indexed = cli('build', input('large', SPLIT_FROM), '-o', join(out, 'ix.json'), '--index', join(out, 'ix.idx'));
  assert.equal(indexed.status, 0, indexed.stderr);
  assert.equal(isSplit(json(join(out, 'ix.json'))), false);
});

test('two large catalogues in one folder keep each other’s builds; each keeps its build before, older ones go', () => {
  const folder = join(out, 'shared');
  mkdirSync(folder);
  const build = (name: string, seed: number) => {
    const run = cli('build', input(`${name}${seed}`, SPLIT_FROM, seed), '-o', join(folder, `${name}.json`));
    assert.equal(run.status, 0, run.stderr);
    return (json(join(folder, `${name}.json`)) as { build: string }).build;
  };
  const a1 = build('a', 1);
  const b1 = build('b', 2);
  const a2 = build('a', 3);
  assert.deepEqual(builds(folder).sort(), [a1, a2, b1].sort());
  // a's third build: its first goes, b's stays.
  const a3 = build('a', 4);
  assert.deepEqual(builds(folder).sort(), [a2, a3, b1].sort());
});
