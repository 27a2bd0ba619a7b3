/**
 * End-to-end: nothing fetched twice. A reader who comes back (the same browser, its HTTP cache
 * warm) downloads nothing that has not changed, from a server that caches as the README asks
 * (scripts/static-server.mjs with `cache`, as `npm start` runs it): the one-file catalogue and the
 * drop-in files are revalidated (304, no body), a split catalogue's build files are not asked for
 * at all (they are named by their content), only its manifest is revalidated. What changed is
 * fetched again. What the server answered is counted at the server, the worker's requests included.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { splitCatalogue, type Catalogue } from '@reportshelf/core';
import { cacheControl } from '../../scripts/static-server.mjs';
import { generateCatalogue } from '../../bench/generate.js';
import { dist, libraryPage, setUp } from './server.js';

const YEAR = 'public, max-age=31536000, immutable';
/** The split catalogue's first build's files. */
let firstBuild: Map<string, string>;

function writeSplit(folder: string, catalogue: Catalogue): Map<string, string> {
  const files = splitCatalogue(catalogue);
  for (const [path, text] of files) {
    mkdirSync(dirname(join(work, folder, path)), { recursive: true });
    writeFileSync(join(work, folder, path), text);
  }
  return files;
}

const e2e = setUp({
  work: 'cache',
  serve: () => {
    const catalogue = generateCatalogue(300, 5);
    writeFileSync(join(work, 'one.json'), JSON.stringify(catalogue));
    firstBuild = writeSplit('split', catalogue);
    return {
      mounts: [
        ['/data/', work],
        ['/', dist],
      ],
      routes: {
        '/one.html': () => ({ body: libraryPage('/data/one.json') }),
        '/split.html': () => ({ body: libraryPage('/data/split/catalogue.json') }),
      },
      cache: true,
    };
  },
});
const { work } = e2e;

/**
 * Opens the page in the context, searches, and waits for the results (and for `paths` to be
 * served: a small split catalogue's index, fetched after the first answer); gives what the server
 * answered meanwhile.
 */
async function visit(context: BrowserContext, path: string, words: string, paths: string[] = []) {
  e2e.log = [];
  const tab = await context.newPage();
  // Each page of results is waited for whole (its cards fetched, the list no longer busy): a tab
  // closed while a card file is on its way leaves it out of the cache, and the next visit fetches it.
  const settled = () => tab.locator('shelf-report-list ol[part="list"][aria-busy="false"]').waitFor();
  await tab.goto(e2e.origin + path);
  await settled();
  await tab.locator('shelf-search-box input').fill(words);
  await tab.locator('shelf-result-summary', { hasText: `“${words}”` }).waitFor();
  await settled();
  await e2e.served(paths);
  await tab.close();
  return e2e.log;
}

const notRevalidated = (answers: typeof e2e.log) => answers.filter((a) => a.status !== 304);

test('a second visit to a one-file catalogue downloads nothing: every file is revalidated (304); a changed catalogue is fetched again', async () => {
  const context = await e2e.browser.newContext();
  const first = await visit(context, '/one.html', 'trafficking');
  assert.ok(
    first.some((a) => a.path === '/data/one.json' && a.status === 200),
    JSON.stringify(first),
  );
  const second = await visit(context, '/one.html', 'trafficking');
  assert.deepEqual(notRevalidated(second), []);
  // Asked again (no-cache), so that a new catalogue shows at once.
  assert.ok(second.some((a) => a.path === '/data/one.json'));

  writeFileSync(join(work, 'one.json'), JSON.stringify(generateCatalogue(300, 6)));
  const third = await visit(context, '/one.html', 'trafficking');
  assert.deepEqual(notRevalidated(third), [{ path: '/data/one.json', status: 200 }]);
  await context.close();
});

test("a second visit to a split catalogue asks for nothing but the manifest and the page's own files, revalidated; a new build's files are fetched", async () => {
  const context = await e2e.browser.newContext();
  // The whole index of so small a catalogue comes after the first answer (split-reader.ts).
  const index = (files: Map<string, string>) =>
    [...files.keys()].filter((f) => f.includes('/index/')).map((f) => `/data/split/${f}`);
  assert.ok(index(firstBuild).length > 0);
  const first = await visit(context, '/split.html', 'trafficking', index(firstBuild));
  const buildFiles = (answers: typeof e2e.log) => answers.filter((a) => /^\/data\/split\/[0-9a-f]{16}\//.test(a.path));
  assert.ok(buildFiles(first).length >= 3, JSON.stringify(first));
  const second = await visit(context, '/split.html', 'trafficking');
  assert.deepEqual(buildFiles(second), []);
  assert.deepEqual(notRevalidated(second), []);
  assert.ok(second.some((a) => a.path === '/data/split/catalogue.json'));

  // A new build: its manifest names new files, which come; the drop-in files are still revalidated.
  const files = writeSplit('split', generateCatalogue(300, 6));
  const build = (JSON.parse(files.get('catalogue.json')!) as { build: string }).build;
  const third = await visit(context, '/split.html', 'trafficking', index(files));
  const fetched = notRevalidated(third);
  assert.ok(fetched.length >= 3, JSON.stringify(third));
  for (const a of fetched)
    assert.ok(a.path === '/data/split/catalogue.json' || a.path.startsWith(`/data/split/${build}/`), a.path);
  await context.close();
});

test("the server keeps a year exactly the split format's build files (the manifest names them by their content)", () => {
  const files = splitCatalogue(generateCatalogue(50, 1));
  for (const path of files.keys())
    assert.equal(cacheControl(`/reports/${path}`), path === 'catalogue.json' ? 'no-cache' : YEAR, path);
  assert.equal(cacheControl('/reports/catalogue.json'), 'no-cache');
  assert.equal(cacheControl('/reportshelf.lite.js'), 'no-cache');
  // A file a partner put beside the build, under a name the format does not give, is not kept.
  assert.equal(cacheControl('/reports/0123456789abcdef/notes.json'), 'no-cache');
});
