/**
 * End-to-end: the built drop-in file on a page whose library holds fallback content (a plain list
 * of reports with `slot="fallback"`, and a `<noscript>`), seen with script off, with its file
 * failing to load, with script on, and printed. Run after `npm run build`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { setUp, testPages } from './server.js';

const e2e = setUp({ serve: testPages });

const fallback = (page: Page) => page.locator('shelf-library > [slot="fallback"]');
/** The noscript's paragraph: an element only where the page was read with script off (Playwright's text search skips noscript). */
const noscript = (page: Page) => page.locator('shelf-library > noscript > p');
const cards = (page: Page) => page.locator('shelf-report-card');

async function open(context: BrowserContext, errors: string[] = []): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${e2e.origin}/fallback.html`);
  return page;
}

describe('fallback content', () => {
  test('with script off, the plain list and the noscript text show', async () => {
    const context = await e2e.browser.newContext({ javaScriptEnabled: false });
    const page = await open(context);
    await fallback(page)
      .getByRole('link', { name: /^Beneath the Surface/ })
      .waitFor();
    assert.equal(await fallback(page).getByRole('listitem').count(), 2);
    assert.ok(await noscript(page).isVisible());
    assert.equal(await noscript(page).innerText(), 'Turn on JavaScript to search and filter these reports.');
    assert.equal(await page.getByRole('searchbox').count(), 0);
    await context.close();
  });

  test('when the drop-in file fails to load, the plain list shows', async () => {
    const context = await e2e.browser.newContext();
    await context.route('**/reportshelf.js', (route) => route.abort());
    const page = await open(context);
    await fallback(page).getByRole('link', { name: 'Guidance for shelters?' }).waitFor();
    assert.ok(await fallback(page).isVisible());
    assert.ok(!(await noscript(page).isVisible()));
    await context.close();
  });

  test('with script, the library shows its default layout and the fallback is hidden', async () => {
    const context = await e2e.browser.newContext();
    const errors: string[] = [];
    const page = await open(context, errors);
    await page.getByRole('searchbox', { name: 'Search reports' }).waitFor();
    await cards(page).nth(5).waitFor();
    assert.ok(await page.getByRole('group', { name: 'Region' }).first().isVisible());
    assert.ok(!(await fallback(page).isVisible()));
    assert.ok(!(await noscript(page).isVisible()));
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('print', () => {
  test('printing gives the results as a list, each title followed by its address, without the controls', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await open(context);
    await cards(page).nth(5).waitFor();
    assert.ok(await page.getByRole('searchbox').isVisible());
    assert.ok((await page.getByRole('button').count()) > 0);

    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('searchbox').count(), 0);
    assert.equal(await page.getByRole('combobox').count(), 0);
    assert.equal(await page.getByRole('checkbox').count(), 0);
    assert.deepEqual(await page.getByRole('button').allInnerTexts(), []);
    assert.equal(await page.getByRole('navigation').count(), 0);
    assert.equal(await cards(page).locator('article:visible').count(), 6);
    const link = page.getByRole('link', { name: /^Beneath the Surface/ });
    assert.ok(await link.isVisible());
    const after = await link.evaluate((a) => getComputedStyle(a, '::after').content);
    assert.equal(after, '" (https://example.org/beneath_the_surface.pdf)"');
    // Links are the reports' own: the skip link is not printed.
    assert.deepEqual(await page.getByRole('link').allInnerTexts(), [
      'Guidance for shelters?',
      'الاتجار بالبشر في منطقة الخليج',
      'Beneath the Surface: Methodological Issues in Research with Trafficked Persons',
    ]);
    const first = cards(page).filter({ has: link });
    for (const text of ['2010', 'Rebecca Surtees', 'Second line: #2 and snake_case.'])
      assert.ok(await first.getByText(text, { exact: false }).first().isVisible(), text);
    await context.close();
  });
});
