/**
 * End-to-end: the built drop-in files (packages/embed/dist) in real Chromium, in the kinds of
 * page partners have. Run after `npm run build`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { setUp, testPages } from './server.js';

const e2e = setUp({ serve: testPages });

interface Visit {
  page: Page;
  errors: string[];
  warnings: string[];
  foreign: string[];
}

/** Opens a page and records console errors, warnings, page errors and requests to other origins. */
async function visit(path: string, width = 1200): Promise<Visit> {
  const page = await e2e.browser.newPage({ viewport: { width, height: 900 } });
  const visit: Visit = { page, errors: [], warnings: [], foreign: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') visit.errors.push(m.text());
    if (m.type() === 'warning') visit.warnings.push(m.text());
  });
  page.on('pageerror', (e) => visit.errors.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(e2e.origin + '/')) visit.foreign.push(r.url());
  });
  await page.goto(e2e.origin + path);
  return visit;
}

const cards = (page: Page) => page.locator('shelf-report-card');
const summary = (page: Page) => page.locator('shelf-result-summary [part="summary"]');

async function searchAndFilter(page: Page): Promise<void> {
  await cards(page).nth(5).waitFor();
  assert.equal(await cards(page).count(), 6);
  await summary(page).filter({ hasText: 'Showing 1–6 of 6 reports' }).waitFor();
  await page.getByRole('searchbox', { name: 'Search reports' }).pressSequentially('mediterranean');
  await summary(page).filter({ hasText: 'of 1 report for “mediterranean”' }).waitFor();
  assert.equal(await cards(page).count(), 1);
  assert.match(await cards(page).first().locator('[part="title"]').innerText(), /^Harrowing Journeys/);
  await page.getByRole('button', { name: 'Clear search' }).click();
  await summary(page).filter({ hasText: 'Showing 1–6 of 6 reports' }).waitFor();
  await page.getByRole('checkbox', { name: /West Africa/ }).check();
  await summary(page).filter({ hasText: 'Showing 1–1 of 1 report' }).waitFor();
  assert.match(await cards(page).first().locator('[part="title"]').innerText(), /^Assessment of Borno/);
}

/** Compares two PNG screenshots in the browser: how many pixels differ visibly (any channel by more than 24 of 255). */
async function pixelsThatDiffer(page: Page, a: Buffer, b: Buffer): Promise<{ count: number; size: number }> {
  return page.evaluate(`(async () => {
    const pixels = async (base64) => {
      const image = await createImageBitmap(await (await fetch('data:image/png;base64,' + base64)).blob());
      const canvas = new OffscreenCanvas(image.width, image.height);
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      return context.getImageData(0, 0, image.width, image.height);
    };
    const [x, y] = [await pixels('${a.toString('base64')}'), await pixels('${b.toString('base64')}')];
    if (x.width !== y.width || x.height !== y.height) return { count: Infinity, size: x.width * x.height };
    let count = 0;
    for (let i = 0; i < x.data.length; i += 4) {
      if (Math.abs(x.data[i] - y.data[i]) > 24 || Math.abs(x.data[i + 1] - y.data[i + 1]) > 24 || Math.abs(x.data[i + 2] - y.data[i + 2]) > 24) count++;
    }
    return { count, size: x.width * x.height };
  })()`);
}

describe('the drop-in file', () => {
  test('a plain page with the script tag and the element: search, filter, no error, no other origin', async () => {
    const { page, errors, warnings, foreign } = await visit('/plain.html');
    await searchAndFilter(page);
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings, []);
    assert.deepEqual(foreign, []);
    await page.close();
  });

  test(`works the same under a strict Content-Security-Policy`, async () => {
    const { page, errors, foreign } = await visit('/csp.html');
    const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    assert.equal(csp, "default-src 'self'; script-src 'self'; style-src 'self'");
    await searchAndFilter(page);
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
    await page.close();
  });

  test('hostile page CSS does not break the widget, and the widget does not change the page', async () => {
    const { page, errors } = await visit('/hostile.html');
    await cards(page).nth(5).waitFor();
    // Browser-side code as text: the test's own compiler would add helpers the page does not have.
    const layout = (await page.evaluate(`(() => {
      const root = document.querySelector('shelf-library').shadowRoot;
      const box = (el) => el.getBoundingClientRect().toJSON();
      const list = root.querySelector('shelf-report-list').shadowRoot;
      const title = list.querySelector('shelf-report-card').shadowRoot.querySelector('[part="title"]');
      return {
        titleSize: parseFloat(getComputedStyle(title).fontSize),
        cardBoxes: [...list.querySelectorAll('shelf-report-card')].map(box),
        input: box(root.querySelector('shelf-search-box').shadowRoot.querySelector('input')),
        sidebar: box(root.querySelector('[part="sidebar"]')),
        main: box(root.querySelector('[part="main"]')),
      };
    })()`)) as { titleSize: number; cardBoxes: DOMRect[]; input: DOMRect; sidebar: DOMRect; main: DOMRect };
    assert.ok(layout.titleSize >= 14 && layout.titleSize <= 24, `title font size ${layout.titleSize}px`);
    assert.ok(layout.input.height >= 30 && layout.input.height <= 70, `search field height ${layout.input.height}px`);
    assert.ok(layout.sidebar.right <= layout.main.left, 'the filters sit beside the results');
    for (let i = 1; i < layout.cardBoxes.length; i++)
      assert.ok(layout.cardBoxes[i]!.top >= layout.cardBoxes[i - 1]!.bottom, `card ${i} overlaps the one above`);
    // Keyboard and search still work.
    await page.getByRole('searchbox', { name: 'Search reports' }).pressSequentially('nigeria');
    await summary(page).filter({ hasText: 'of 1 report' }).waitFor();
    // The page's own elements look exactly as they do without Reportshelf.
    const probe = `['#probe', '#page-button'].map((selector) => {
      const style = getComputedStyle(document.querySelector(selector));
      return [selector, style.fontSize, style.color, style.display, style.margin, style.position, style.fontFamily, style.background];
    })`;
    const withWidget = await page.evaluate(probe);
    const control = await visit('/hostile-control.html');
    assert.deepEqual(withWidget, await control.page.evaluate(probe));
    assert.deepEqual(errors, []);
    await page.close();
    await control.page.close();
  });

  test("a theme's inherited text styles leave the widget as on a clean page, and the page's own text as the theme says", async () => {
    // Browser-side code as text, as above. Every element inside the widget's shadow trees, with
    // its box and every computed style but the font family (which the widget takes from the page).
    const inside = `(() => {
      const library = document.querySelector('shelf-library');
      const host = library.getBoundingClientRect();
      const all = [];
      const walk = (root) => root.querySelectorAll('*').forEach((el) => { all.push(el); if (el.shadowRoot) walk(el.shadowRoot); });
      walk(library.shadowRoot);
      const styles = all.map((el) => {
        const style = getComputedStyle(el);
        const own = {};
        // Left out: a decoration drawn through from the page shows in an internal property even
        // where nothing is drawn (the screenshots below judge what is), and the offsets of
        // positioned boxes count from the page (the boxes, relative to the widget, are compared).
        for (const name of style) if (!/^(font-family|-webkit-text-decorations-in-effect|top|bottom|left|right|inset-.*)$/.test(name)) own[name] = style.getPropertyValue(name);
        const box = el.getBoundingClientRect();
        return [el.localName, el.getAttribute('part'), box.width + box.height === 0 ? 'no box' : [box.x - host.x, box.y - host.y, box.width, box.height].map((n) => n.toFixed(2)).join(' '), own];
      });
      // Visually hidden text (a clipped 1px box) aside.
      const overflow = all.filter((el) => { const box = el.getBoundingClientRect(); return box.width > 1 && box.right > host.right + 0.5; }).map((el) => el.localName + '.' + el.className);
      return { styles, overflow, scroll: [library.scrollWidth, library.clientWidth], text: library.shadowRoot.querySelector('shelf-report-list').shadowRoot.querySelector('shelf-report-card').shadowRoot.querySelector('[part="title"]').innerText };
    })()`;
    type Inside = {
      styles: [string, string | null, string, Record<string, string>][];
      overflow: string[];
      scroll: [number, number];
      text: string;
    };
    const themed = await visit('/typography.html');
    const clean = await visit('/typography-control.html');
    for (const { page } of [themed, clean])
      await summary(page).filter({ hasText: 'Showing 1–6 of 6 reports' }).waitFor();
    const a = (await themed.page.evaluate(inside)) as Inside;
    const b = (await clean.page.evaluate(inside)) as Inside;
    assert.deepEqual(a.overflow, [], 'nothing inside the widget reaches past its right edge');
    assert.equal(a.scroll[0], a.scroll[1], 'the widget does not scroll sideways');
    assert.equal(a.text, b.text, 'titles keep their letter case');
    assert.equal(a.styles.length, b.styles.length);
    a.styles.forEach((entry, i) =>
      assert.deepEqual(entry, b.styles[i], `${entry[0]} ${entry[1] ?? ''} differs from the clean page`),
    );
    // What the computed styles cannot show (a decoration drawn through from an ancestor): pixels.
    const shot = async (page: Page) =>
      page.locator('shelf-library').screenshot({ animations: 'disabled', caret: 'hide' });
    const [sa, sb] = [await shot(themed.page), await shot(clean.page)];
    const differ = await pixelsThatDiffer(clean.page, sa, sb);
    assert.ok(
      differ.size && differ.count <= differ.size / 10_000,
      `the widget looks the same: ${differ.count} of ${differ.size} pixels differ`,
    );
    // The theme still styles the page's own text.
    const probe = await themed.page.evaluate(() => {
      const style = getComputedStyle(document.getElementById('probe')!);
      return [style.textTransform, style.whiteSpace, style.fontWeight, style.letterSpacing];
    });
    assert.deepEqual(probe, ['uppercase', 'nowrap', '700', `${0.3 * 16}px`]);
    assert.deepEqual(themed.errors, []);
    await themed.page.close();
    await clean.page.close();
  });

  test('the script loaded twice, and the full file beside the lite one, cause no error', async () => {
    const { page, errors, warnings } = await visit('/twice.html');
    await cards(page).nth(5).waitFor();
    assert.equal(await cards(page).count(), 6);
    assert.equal(await page.evaluate(() => typeof customElements.get('shelf-library')), 'function');
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings, []);
    await page.close();
  });

  test('the lite file, then the full one: the library shows the full file’s catalogue, with no error', async () => {
    const { page, errors, warnings } = await visit('/lite-then-full.html');
    await summary(page).filter({ hasText: 'Showing 1–6 of 6 reports' }).waitFor();
    assert.equal(await cards(page).count(), 6);
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings, []);
    await page.close();
  });

  test('Reportshelf.registerMessages adds a language from a plain script, even with both files on the page', async () => {
    const { page, errors } = await visit('/lite-then-full.html');
    await summary(page).filter({ hasText: 'Showing 1–6 of 6 reports' }).waitFor();
    // A plain script, as a partner writes it. The global is the second file's; the elements are
    // the first file's.
    await page.addScriptTag({
      content: `Reportshelf.registerMessages('pt', {
        reports: { one: 'relatório', other: 'relatórios' },
        showing: (start, end, total, reports) => start + '–' + end + ' de ' + total + ' ' + reports,
      });
      document.querySelector('shelf-library').setAttribute('lang', 'pt');`,
    });
    await summary(page).filter({ hasText: '1–6 de 6 relatórios' }).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  /** The language files a page asked for, in order. */
  const languageFiles = (page: Page) => {
    const files: string[] = [];
    page.on('request', (r) => {
      const name = /\/(reportshelf\.\w\w\.js)$/.exec(new URL(r.url()).pathname)?.[1];
      if (name) files.push(name);
    });
    return files;
  };

  test('the lite file loads French, then Spanish, from beside itself when first spoken, each once', async () => {
    const page = await e2e.browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => ['error', 'warning'].includes(m.type()) && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    const files = languageFiles(page);
    await page.goto(e2e.origin + '/lite-fr.html');
    await summary(page).filter({ hasText: '1–6 sur 6 rapports' }).waitFor();
    await page.getByRole('searchbox', { name: 'Rechercher des rapports' }).pressSequentially('mediterranean');
    await summary(page).filter({ hasText: 'sur 1 rapport pour « mediterranean »' }).waitFor();
    await page.locator('shelf-library').evaluate((library) => library.setAttribute('lang', 'es'));
    await summary(page).filter({ hasText: '1–1 de 1 informe' }).waitFor();
    await page.locator('shelf-library').evaluate((library) => library.setAttribute('lang', 'fr'));
    await summary(page).filter({ hasText: '1–1 sur 1 rapport' }).waitFor();
    assert.deepEqual(files, ['reportshelf.fr.js', 'reportshelf.es.js']);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the lite file in Arabic under a strict Content-Security-Policy: the language file loads, right to left', async () => {
    const { page, errors, warnings, foreign } = await visit('/lite-ar-csp.html');
    await summary(page).filter({ hasText: /^عرض/ }).waitFor();
    await page.getByRole('searchbox', { name: 'البحث في التقارير' }).waitFor();
    assert.equal(await summary(page).evaluate((e) => getComputedStyle(e).direction), 'rtl');
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings, []);
    assert.deepEqual(foreign, []);
    await page.close();
  });

  test('the lite file copied alone: English and browsing, search said to be unavailable, the missing files named', async () => {
    const { page, errors, warnings } = await visit('/alone/lite-fr.html');
    await summary(page).filter({ hasText: 'Showing 1–6 of 6 reports' }).waitFor();
    await page.getByRole('checkbox', { name: /West Africa/ }).check();
    await summary(page).filter({ hasText: 'Showing 1–1 of 1 report' }).waitFor();
    await page.getByRole('searchbox', { name: 'Search reports' }).pressSequentially('mediterranean');
    await summary(page)
      .filter({
        hasText: 'Search is not available on this page: its file, reportshelf.search.js, could not be loaded.',
      })
      .waitFor();
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(
      warnings[0]!,
      /"fr" strings could not be loaded \(.*\/alone\/reportshelf\.fr\.js.*\); English is shown/,
    );
    assert.ok(
      errors.some((e) => e.includes(`${e2e.origin}/alone/reportshelf.search.js could not be loaded`)),
      errors.join('\n'),
    );
    // Besides that, only the browser's own reports of the failed requests.
    assert.ok(
      errors.every((e) => /reportshelf\.(fr|search)\.js|404/.test(e)),
      errors.join('\n'),
    );
    await page.close();
  });

  test('strings a page rewords before its language file arrives are kept when it does', async () => {
    const page = await e2e.browser.newPage();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/reportshelf.fr.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(e2e.origin + '/lite-fr.html');
    await page.getByRole('searchbox', { name: 'Search reports' }).waitFor();
    await page.evaluate(() =>
      (
        window as unknown as { Reportshelf: { registerMessages: (lang: string, m: object) => void } }
      ).Reportshelf.registerMessages('fr', { search: 'Chercher dans nos publications' }),
    );
    await page.getByRole('searchbox', { name: 'Chercher dans nos publications' }).waitFor();
    release();
    await summary(page).filter({ hasText: '1–6 sur 6 rapports' }).waitFor();
    await page.getByRole('searchbox', { name: 'Chercher dans nos publications' }).waitFor();
    await page.close();
  });

  test('a 10,000-report catalogue by src loads and searches; a search typed before the index is ready runs when it is', async () => {
    const { page, errors, foreign } = await visit('/big.html');
    await summary(page).filter({ hasText: 'Showing 1–10 of 10,000 reports' }).waitFor({ timeout: 30_000 });
    // Type at once: the index may still be building; the search must run as soon as it is ready.
    await page.getByRole('searchbox', { name: 'Search reports' }).pressSequentially('trafficking victims');
    await page.getByRole('searchbox', { name: 'Search reports' }).press('Enter');
    await summary(page)
      .filter({ hasText: /of [\d,]+ reports? for “trafficking victims”/ })
      .waitFor({ timeout: 30_000 });
    const text = await summary(page).innerText();
    const total = Number(/of ([\d,]+) report/.exec(text)![1]!.replace(/,/g, ''));
    assert.ok(total > 0 && total < 10_000, text);
    assert.equal(await cards(page).count(), 10);
    await page.getByRole('button', { name: 'Next page' }).click();
    await summary(page)
      .filter({ hasText: /^Showing 11–20/ })
      .waitFor();
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
    await page.close();
  });
});
