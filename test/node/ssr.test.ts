/**
 * Importing the packages on a server (Astro, Next, Nuxt, SvelteKit render pages in Node, where
 * there is no `document`): run after `npm run build`, in a plain Node process without the `source`
 * condition, so that it loads what npm users get.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs a module in a fresh Node process at the repository's root; its standard output. */
function runModule(code: string): string {
  for (const built of ['packages/core/dist/index.js', 'packages/elements/dist/index.js'])
    assert.ok(existsSync(root + built), `${built} is missing: run \`npm run build\` first`);
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
}

test('@reportshelf/elements and @reportshelf/core import in Node, where there is no document', () => {
  const out = runModule(`
    const core = await import('@reportshelf/core');
    const elements = await import('@reportshelf/elements');
    console.log(typeof document, typeof core.createStore, typeof elements.ShelfLibrary);
  `);
  assert.equal(out.trim(), 'undefined function function');
});

test('@reportshelf/elements/define.js registers the elements in Node without throwing', () => {
  const out = runModule(`
    await import('@reportshelf/elements/define.js');
    console.log(customElements.get('shelf-library')?.name);
  `);
  assert.equal(out.trim(), 'ShelfLibrary');
});

test('with no customElements at all (a server without Lit’s shim), defining is skipped, not thrown', () => {
  const out = runModule(`
    const { defineElement } = await import('@reportshelf/elements');
    const shim = globalThis.customElements;
    delete globalThis.customElements;
    defineElement('shelf-test', class {});
    globalThis.customElements = shim;
    console.log('defined nothing');
  `);
  assert.equal(out.trim(), 'defined nothing');
});
