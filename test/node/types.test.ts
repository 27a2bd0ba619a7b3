/**
 * What a TypeScript project that installs the packages gets (run after `npm run build`, which
 * runs `npm run analyze` for the JSX types): the published declaration files check with
 * `skipLibCheck: false`, and `<shelf-library>` typechecks in React's (19) and Preact's JSX with the
 * elements' own attribute types. One TypeScript program over small consumer files, in a folder
 * whose node_modules is the repository's, so the packages resolve by name as in a real project.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = [
  'packages/core/dist/index.d.ts',
  'packages/elements/dist/index.d.ts',
  'packages/elements/dist/jsx/react.d.ts',
  'packages/cli/dist/index.d.ts',
  'packages/elements/vscode.html-custom-data.json',
];

const consumers: Record<string, string> = {
  'plain.ts': `
    import { createStore, type SplitAnswer, type Catalogue } from '@reportshelf/core';
    import { ShelfLibrary, defineAll, type Messages } from '@reportshelf/elements';
    import '@reportshelf/elements/define.js';
    import { convertCsv } from '@reportshelf/cli';
    export const uses = [createStore, ShelfLibrary, defineAll, convertCsv];
    export type Uses = [SplitAnswer, Catalogue, Messages];
    const library: ShelfLibrary | null = document.querySelector('shelf-library');
    export const size: number | undefined = library?.pageSize;
  `,
  'react.tsx': `
    import type {} from '@reportshelf/elements/react';
    import type { Catalogue } from '@reportshelf/core';
    declare const catalogue: Catalogue;
    export const fine = (
      <div>
        <shelf-library src="/reports/catalogue.json" lang="fr" page-size="20" sort="newest" sync-url theme="dark" />
        <shelf-library catalogue={catalogue} pageSize={5} className="wide" />
        <shelf-library onshelf-query-change={(event) => event.detail.query.q.trim()} />
        <shelf-search-box library="reports" hide-label placeholder="Search" />
        <shelf-filter-bar library="reports" facets="region year" limit={5} />
      </div>
    );
    // @ts-expect-error: not an order
    export const badSort = <shelf-library sort="sideways" />;
    // @ts-expect-error: not a theme
    export const badTheme = <shelf-library theme="blue" />;
    // @ts-expect-error: not a number
    export const badSize = <shelf-library page-size="many" />;
    // @ts-expect-error: a query change has no report
    export const badEvent = <shelf-library onshelf-query-change={(event) => event.detail.report} />;
  `,
  'preact.tsx': `
    /** @jsxImportSource preact */
    import type {} from '@reportshelf/elements/preact';
    export const fine = <shelf-library src="/reports/catalogue.json" lang="es" page-size={20} class="wide" />;
    // @ts-expect-error: not an order
    export const badSort = <shelf-library sort="sideways" />;
  `,
};

test('the declaration files check with skipLibCheck false, and the elements typecheck in React and Preact JSX', () => {
  for (const file of built) assert.ok(existsSync(root + file), `${file} is missing: run \`npm run build\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'reportshelf-types-'));
  try {
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    for (const [name, code] of Object.entries(consumers)) writeFileSync(join(dir, name), code);
    const program = ts.createProgram(
      Object.keys(consumers).map((name) => join(dir, name)),
      {
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        jsx: ts.JsxEmit.ReactJSX,
        lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
        types: [],
      },
    );
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName.replace(dir, '').replace(root, '')}: ` : '';
      return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
    });
    assert.deepEqual(problems, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('vscode.html-custom-data.json lists every element with each of its attributes', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'packages/elements/custom-elements.json'), 'utf8'));
  const data = JSON.parse(readFileSync(join(root, 'packages/elements/vscode.html-custom-data.json'), 'utf8'));
  const expected = manifest.modules
    .flatMap((m: { declarations?: unknown[] }) => m.declarations ?? [])
    .filter((d: { tagName?: string }) => d.tagName)
    .map((d: { tagName: string; attributes?: { name: string }[] }) => [
      d.tagName,
      (d.attributes ?? []).map((a) => a.name).sort(),
    ])
    .sort();
  const listed = data.tags
    .map((t: { name: string; attributes: { name: string }[] }) => [t.name, t.attributes.map((a) => a.name).sort()])
    .sort();
  assert.deepEqual(listed, expected);
  assert.deepEqual(listed.map(([tag]: [string]) => tag).slice(0, 3), [
    'shelf-active-filters',
    'shelf-filter-bar',
    'shelf-library',
  ]);
  const library = data.tags.find((t: { name: string }) => t.name == 'shelf-library');
  const theme = library.attributes.find((a: { name: string }) => a.name == 'theme');
  assert.deepEqual(theme.values, [{ name: 'light' }, { name: 'dark' }]);
  assert.ok(library.description.includes('searchable'));
});
