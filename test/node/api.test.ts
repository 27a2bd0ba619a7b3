/**
 * The published types (run after `npm run build`): what partners' code can reach. The query
 * engine's precomputed tables are not part of it, so they can change without breaking anyone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const dts = (path: string) => readFileSync(new URL(`../../packages/${path}`, import.meta.url), 'utf8');

test("Library's published type is plain data: its catalogue, reports and index, not the engine's tables", () => {
  const library = dts('core/dist/tables.d.ts');
  const body = /export interface Library \{([^}]*)\}/.exec(library)?.[1] ?? '';
  const members = [...body.matchAll(/^\s*(?:readonly\s+)?(\w+)\??:/gm)].map(([, name]) => name);
  // (`added`: whether some report has an `added` date, which offers the "Recently added" sort.)
  assert.deepEqual(members, ['catalogue', 'reports', 'index', 'added']);
  assert.doesNotMatch(library, /FacetTable|FlatFacets|titleRank/);
  assert.doesNotMatch(dts('core/dist/index.d.ts'), /FacetTable/);
  assert.doesNotMatch(dts('core/dist/library.d.ts'), /FacetTable|FlatFacets/);
});
