/**
 * Every story of the built Storybook (storybook-static, from `npm run build-storybook`) opened in
 * Chromium: it renders content, logs no error, and passes an axe audit. Stories tagged
 * `error-state` show a broken catalogue on purpose; the errors they log must be that one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { setUp } from './server.js';

const root = fileURLToPath(new URL('../../storybook-static/', import.meta.url));
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Entry {
  id: string;
  title: string;
  name: string;
  type: string;
  tags?: string[];
}
const index = existsSync(join(root, 'index.json'))
  ? (JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')) as { entries: Record<string, Entry> })
  : null;
const stories = Object.values(index?.entries ?? {}).filter((e) => e.type === 'story');

const e2e = setUp({
  serve: () => {
    assert.ok(index, 'storybook-static is missing: run `npm run build-storybook` first');
    return { mounts: [['/', root]] };
  },
});

test('there is a story for every element and every state the design lists', () => {
  const titles = new Set(stories.map((s) => `${s.title}/${s.name}`));
  for (const expected of [
    'Library/shelf-library/Default',
    'Library/shelf-library/Loading',
    'Library/shelf-library/Empty',
    'Library/shelf-library/Zero results because of a filter',
    'Library/shelf-library/Did you mean',
    'Library/shelf-library/Error: catalogue not found (404)',
    'Library/shelf-library/Error: not JSON',
    'Library/shelf-library/Error: JSON without reports',
    'Library/shelf-library/Error: no catalogue given',
    'Library/shelf-library/Long text',
    'Library/shelf-library/Many facet values (150 countries)',
    'Library/shelf-library/French',
    'Library/shelf-library/Arabic, right to left',
    'Library/shelf-library/Dark',
    'Library/shelf-library/Partner brand',
    'Library/Composition/Composed layout',
    'Library/Composition/Two libraries on one page',
    'Elements/shelf-report-card/Without url',
    'Elements/shelf-report-card/Without summary',
    'Elements/shelf-report-card/Without year',
    'Elements/shelf-report-card/Long text',
    'Elements/shelf-report-card/Cite open',
    'Elements/shelf-report-card/Report view open',
    'Library/shelf-library/Export open',
  ]) {
    assert.ok(titles.has(expected), `no story ${expected}`);
  }
  for (const state of [
    'Elements/shelf-filter-bar/150 countries',
    'Elements/shelf-filter-bar/Filters applied',
    'Elements/shelf-filter-bar/Reports without a year',
    'Elements/shelf-result-summary/No results',
    'Elements/shelf-result-summary/Loading',
    'Elements/shelf-report-list/Loading',
    'Elements/shelf-report-list/Empty',
    'Elements/shelf-report-list/Error',
    'Elements/shelf-search-box/With -words and quotes',
    'Elements/shelf-filter-bar/Only undated results',
    'Elements/shelf-filter-bar/Countries under their regions',
    'Elements/shelf-active-filters/No filters',
    'Elements/shelf-active-filters/One filter',
    'Elements/shelf-active-filters/Several filters',
    'Elements/shelf-pagination/First page',
    'Elements/shelf-pagination/Middle page',
    'Elements/shelf-pagination/Last page',
    'Elements/shelf-pagination/Page size 25',
    'Elements/shelf-pagination/Show more',
    'Elements/shelf-sort-select/Relevance, with words',
    'Elements/shelf-sort-select/Browsing, newest first',
    'Elements/shelf-sort-select/Oldest first',
    'Elements/shelf-sort-select/Title',
    'Elements/shelf-sort-select/Recently added',
    'Library/shelf-library/No reports in the catalogue',
  ]) {
    assert.ok(titles.has(state), `no story ${state}`);
  }
  // One stories file, and one docs page from the manifest, per element.
  const docs = Object.values(index!.entries)
    .filter((e) => e.type === 'docs')
    .map((e) => e.title);
  const tags = [
    'shelf-search-box',
    'shelf-filter-bar',
    'shelf-active-filters',
    'shelf-result-summary',
    'shelf-sort-select',
    'shelf-report-list',
    'shelf-report-card',
    'shelf-pagination',
  ];
  for (const tag of tags) {
    assert.ok(
      stories.some((s) => s.title === `Elements/${tag}`),
      `no stories for ${tag}`,
    );
    assert.ok(docs.includes(`Elements/${tag}`), `no docs page for ${tag}`);
  }
  assert.ok(docs.includes('Library/shelf-library'), 'no docs page for shelf-library');
});

const EXPECTED_ERRORS =
  /could not be fetched|not valid JSON|not in the expected format|No catalogue was given|Failed to load resource|^404 \/fixtures\/missing\.json$/;

for (const story of stories) {
  test(`story ${story.title} / ${story.name}`, async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${new URL(r.url()).pathname}`));
    await page.goto(`${e2e.origin}/iframe.html?id=${story.id}&viewMode=story`);
    // Rendered: the story root holds Reportshelf elements whose shadow roots show text, and that
    // text has stopped changing (the library loads, then builds its index when idle).
    await page.waitForFunction(
      `(() => {
        const text = (node) => [...node.childNodes].map((n) => (n.shadowRoot ? text(n.shadowRoot) : '') + (n.nodeType === 3 ? n.textContent : text(n))).join(' ');
        const root = document.querySelector('#storybook-root');
        const now = root ? text(root).replace(/\\s+/g, ' ').trim() : '';
        const stable = now.length > 10 && now === window.__lastText;
        window.__lastText = now;
        window.__stableFor = stable ? (window.__stableFor || 0) + 1 : 0;
        return window.__stableFor >= 5;
      })()`,
      undefined,
      { polling: 'raf', timeout: 15_000 },
    );
    const shelfElements = await page
      .locator('#storybook-root shelf-library, #storybook-root shelf-report-card')
      .count();
    assert.ok(shelfElements > 0, 'the story rendered no Reportshelf element');
    // The region tree, a module loaded when first needed, is in view before axe looks, its region mixed.
    if (story.name === 'Countries under their regions')
      await page.locator('#storybook-root .region input:indeterminate').first().waitFor();
    await page.addScriptTag({ path: axePath });
    // Storybook's accessibility add-on runs axe after each render too; wait for it to finish, for
    // ten seconds at most.
    const violations = (await page.evaluate(`(async () => {
      const until = performance.now() + 10000;
      for (;;) {
        try {
          const result = await axe.run(document.querySelector('#storybook-root'));
          return result.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' > ')).join(' | '));
        } catch (error) {
          if (!/already running/.test(String(error))) throw error;
          if (performance.now() > until) throw new Error('axe was still running (Storybook’s a11y add-on) after 10 s');
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
      }
    })()`)) as string[];
    assert.deepEqual(violations, []);
    const unexpected = story.tags?.includes('error-state') ? errors.filter((e) => !EXPECTED_ERRORS.test(e)) : errors;
    assert.deepEqual(unexpected, []);
    if (story.tags?.includes('error-state'))
      assert.ok(await page.locator('[part="error"]').count(), 'the error state is shown');
    // The stories of open panels show them, filled (and axe saw them so).
    const shows: Record<string, string> = {
      'Cite open': '[part="cite"] .reference',
      'Export open': '[part="export-panel"] button',
      'Report view open': '[part="view"] ul[aria-labelledby] li',
    };
    if (shows[story.name])
      assert.ok(await page.locator(shows[story.name]!).first().isVisible(), `${story.name}: no panel`);
    await page.close();
  });
}
