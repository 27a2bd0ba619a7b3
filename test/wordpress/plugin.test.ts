/**
 * The WordPress plugin in a real WordPress (Debian's 6.1, PHP, MariaDB; see site.ts), in Chromium,
 * as its users meet it: an administrator installs the built zip from Plugins → Add New → Upload;
 * an Author turns a CSV into a catalogue; an Editor adds the block and publishes; anonymous
 * visitors use the library; and the plugin is deactivated and deleted. Run after
 * `npm run build` (which writes packages/wordpress/dist/reportshelf.zip).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from '../e2e/browser.js';
import { startSite, type Site } from './site.js';

const ZIP = fileURLToPath(new URL('../../packages/wordpress/dist/reportshelf.zip', import.meta.url));
const PLUGIN = 'Reportshelf report library';

let site: Site;
let browser: Browser;
const files = mkdtempSync(join(tmpdir(), 'reportshelf-upload-'));
const users = {
  editor: { user: 'edna', password: 'Editor-pass-2026!', role: 'editor' },
  author: { user: 'arturo', password: 'Author-pass-2026!', role: 'author' },
  contributor: { user: 'carla', password: 'Contributor-pass-2026!', role: 'contributor' },
};
/** What the tests make, for the tests after them. */
const made: { catalogue?: { id: number; url: string; reports: number }; post?: string; shortcodePage?: string } = {};

before(async () => {
  if (!existsSync(ZIP))
    throw new Error('packages/wordpress/dist/reportshelf.zip is missing: run `npm run build` first.');
  site = await startSite();
  browser = await launchChromium();
  // The pages the tests visit, before the plugin is installed: what WordPress logs on its own.
  const { context, page } = await logIn(site.admin);
  for (const path of ['/wp-admin/', '/wp-admin/plugins.php', '/wp-admin/plugin-install.php?tab=upload']) {
    await page.goto(`${site.origin}${path}`);
  }
  for (const path of ['/wp-admin/upload.php', '/wp-admin/post-new.php', '/wp-admin/post-new.php?post_type=page', '/']) {
    await page.goto(`${site.origin}${path}`);
  }
  await context.close();
  withoutPlugin = new Set(phpLines());
});

after(async () => {
  await browser?.close();
  await site?.stop();
  rmSync(files, { recursive: true, force: true });
});

async function logIn(who: { user: string; password: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await page.goto(`${site.origin}/wp-login.php`);
  await page.fill('#user_login', who.user);
  await page.fill('#user_pass', who.password);
  await Promise.all([page.waitForURL(/\/wp-admin\//), page.click('#wp-submit')]);
  return { context, page };
}

/** An anonymous visitor's page, with every console error and uncaught exception collected. */
async function visit(url: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  const response = await page.goto(url);
  assert.equal(response?.status(), 200, `${url} answered ${response?.status()}`);
  return { context, page, errors };
}

/** A REST request as the logged-in user of `page`, with that user's cookie and a nonce, as WordPress's own scripts make them. */
async function rest<T>(page: Page, path: string, method = 'GET', data?: unknown): Promise<T> {
  const { status, body } = await page.evaluate(
    async ([path, method, data]) => {
      const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
      const [route, query] = path.split('?');
      const response = await fetch(`/?rest_route=${encodeURIComponent(route!)}${query ? `&${query}` : ''}`, {
        method,
        headers: { 'X-WP-Nonce': nonce, ...(data ? { 'Content-Type': 'application/json' } : {}) },
        body: data ? JSON.stringify(data) : null,
      });
      return { status: response.status, body: await response.json() };
    },
    [path, method, data] as const,
  );
  if (status >= 400) throw Object.assign(new Error(`${method} ${path}: ${status} ${JSON.stringify(body)}`), body);
  return body as T;
}

/** The attributes of every `<shelf-library>` as the server wrote them (the element adds its own once running). */
async function servedLibraries(url: string): Promise<Record<string, string>[]> {
  const html = await (await fetch(url)).text();
  return [...html.matchAll(/<shelf-library\b([^>]*)>/g)].map(([, attributes]) =>
    Object.fromEntries(
      [...attributes!.matchAll(/\s([^\s=]+)(?:="([^"]*)")?/g)].map(([, name, value]) => [
        name!,
        (value ?? '')
          .replace(/&quot;/g, '"')
          .replace(/&#0?39;/g, "'")
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&'),
      ]),
    ),
  );
}

/** A library's visible result sentence with this text (its status region, for screen readers, repeats it). */
const shown = (library: Locator, text: string | RegExp) =>
  library.locator('shelf-result-summary [part="summary"]').filter({ hasText: text });

/** PHP's errors, warnings, notices and deprecations in the log, without their time. */
const phpLines = (): string[] =>
  site
    .phpLog()
    .split('\n')
    .filter((line) => /PHP (Fatal|Parse|Warning|Notice|Deprecated|Strict)/i.test(line))
    .map((line) => line.replace(/^\[[^\]]*\]\s*/, ''));

/**
 * What WordPress itself logs on this PHP without the plugin, on the pages the tests visit (Debian's
 * WordPress has deprecations of its own, and cannot reach wordpress.org from here).
 */
let withoutPlugin = new Set<string>();

/**
 * Every error, warning, notice and deprecation PHP logged since the plugin came, wherever it was
 * raised (the plugin's pages can trip WordPress's own code too), except what WordPress logs
 * without it.
 */
const phpErrors = (): string[] => phpLines().filter((line) => !withoutPlugin.has(line));

test("every PHP file of the plugin passes PHP's own syntax check", () => {
  const folder = fileURLToPath(new URL('../../packages/wordpress/plugin/', import.meta.url));
  const files = readdirSync(folder).filter((f) => f.endsWith('.php'));
  assert.ok(files.length >= 2);
  for (const file of files) {
    const run = spawnSync('php', ['-l', join(folder, file)], { encoding: 'utf8' });
    assert.equal(run.status, 0, `${file}: ${run.stdout}${run.stderr}`);
  }
});

test('the zip installs from Plugins → Add New → Upload and activates', async () => {
  const { context, page } = await logIn(site.admin);
  await page.goto(`${site.origin}/wp-admin/plugin-install.php?tab=upload`);
  await page.setInputFiles('#pluginzip', ZIP);
  await Promise.all([page.waitForURL(/update\.php\?action=upload-plugin/), page.click('#install-plugin-submit')]);
  await page.getByText('Plugin installed successfully.').waitFor();
  await Promise.all([page.waitForURL(/plugins\.php/), page.getByRole('link', { name: 'Activate Plugin' }).click()]);
  await page.getByText('Plugin activated.').waitFor();
  assert.equal(await page.locator('tr.active[data-plugin="reportshelf/reportshelf.php"]').count(), 1);

  // The people of a partner's site: an Editor and an Author.
  await page.goto(`${site.origin}/wp-admin/`);
  for (const { user, password, role } of Object.values(users)) {
    await rest(page, '/wp/v2/users', 'POST', { username: user, password, email: `${user}@example.org`, roles: [role] });
  }
  await context.close();
  assert.deepEqual(phpErrors(), []);
});

test("an Author uploads a CSV with a broken line, sees that line's problem, and the valid reports become a catalogue", async () => {
  const { context, page } = await logIn(users.author);
  // WordPress's own uploader still refuses JSON: only the plugin's checked flow adds catalogues.
  const json = join(files, 'catalogue.json');
  writeFileSync(json, JSON.stringify({ version: 1, reports: [{ id: 'a', title: 'A' }] }));
  await page.goto(`${site.origin}/wp-admin/media-new.php?browser-uploader`);
  await page.setInputFiles('#async-upload', json);
  await page.click('#html-upload');
  await page.getByText(/not allowed to upload this file type/i).waitFor();

  // Line 4 has an extra cell; line 6 has no title. The other three reports are fine.
  const csv = join(files, 'partner-reports.csv');
  writeFileSync(
    csv,
    [
      'Title,Abstract,Year,Countries,Authors',
      '"Safe migration for domestic workers","Guidance for recruiters, with a checklist.",2021,Nepal;Qatar,Asha Rai',
      '"Forced labour in fishing fleets","A study of 40 vessels.",2019,Thailand,',
      '"Broken line","A cell too many",2020,Peru,Ana Díaz,EXTRA',
      '"Hotlines that answer","Réponses en français et en arabe.",2022,France;Morocco,Léa Martin',
      ',"A report without its title",2018,Chile,',
      '',
    ].join('\r\n'),
  );
  await page.goto(`${site.origin}/wp-admin/upload.php?page=reportshelf-catalogues`);
  await page.getByRole('heading', { name: 'Report catalogues', level: 1 }).waitFor();
  await page.getByLabel('Column names').fill('summary=Abstract');
  await page.setInputFiles('#reportshelf-file', csv);
  const problems = page.locator('.reportshelf-problems tbody tr');
  await problems.first().waitFor();
  const rows = await problems.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  );
  const broken = rows.find(([line]) => line === '4');
  assert.ok(broken, `a problem on line 4 is listed: ${JSON.stringify(rows)}`);
  assert.match(broken[3]!, /cell/i);
  assert.ok(
    rows.some(([line, , , message]) => line === '6' && /title/i.test(message!)),
    `line 6's missing title is listed: ${JSON.stringify(rows)}`,
  );
  await page.getByText('3 reports are ready to save.').waitFor();

  // Nothing fixed: the valid reports are saved. (The title typed last is checked again as the
  // Save button takes the focus; the save waits for that check.)
  await page.getByLabel('Title', { exact: true }).fill('Partner reports');
  await page.getByRole('button', { name: 'Save catalogue' }).click();
  await page.getByText('Saved “Partner reports” with 3 reports.').waitFor();
  const row = page.locator('#reportshelf-list tbody tr', { hasText: 'Partner reports' });
  const shortcode = await row.locator('code').textContent();
  const id = Number(/catalogue="(\d+)"/.exec(shortcode ?? '')?.[1]);
  assert.ok(id > 0, `the list gives the shortcode: ${shortcode}`);

  // It is in the media library as a JSON file, and the list survives a reload.
  const media = await rest<{ source_url: string; mime_type: string }>(page, `/wp/v2/media/${id}?context=edit`);
  assert.equal(media.mime_type, 'application/json');
  const saved = (await (await fetch(media.source_url)).json()) as { reports: { title: string }[] };
  assert.deepEqual(
    saved.reports.map((r) => r.title),
    ['Safe migration for domestic workers', 'Forced labour in fishing fleets', 'Hotlines that answer'],
  );
  await page.reload();
  await page.locator('#reportshelf-list tbody tr', { hasText: 'Partner reports' }).waitFor();
  made.catalogue = { id, url: media.source_url, reports: 3 };
  await context.close();
  assert.deepEqual(phpErrors(), []);
});

test('the catalogue screen and its save action refuse those who may not upload, and requests without a valid nonce', async () => {
  const save = (page: Page, fields: Record<string, string>) =>
    page.evaluate(async (fields) => {
      const response = await fetch('/wp-admin/admin-ajax.php', { method: 'POST', body: new URLSearchParams(fields) });
      return { status: response.status, body: await response.text() };
    }, fields);
  const catalogue = JSON.stringify({ version: 1, reports: [{ id: 'a', title: 'A' }] });

  // A Contributor may not upload files: no screen, no save.
  const contributor = await logIn(users.contributor);
  const screen = await contributor.page.goto(`${site.origin}/wp-admin/upload.php?page=reportshelf-catalogues`);
  assert.equal(screen?.status(), 403);
  assert.equal(
    (await save(contributor.page, { action: 'reportshelf_save_catalogue', nonce: 'x', catalogue })).status,
    403,
  );
  await contributor.context.close();

  // An Author may, but only with the screen's own nonce, and only a list of reports is stored.
  const { context, page } = await logIn(users.author);
  assert.equal((await save(page, { action: 'reportshelf_save_catalogue', nonce: 'forged', catalogue })).status, 403);
  await page.goto(`${site.origin}/wp-admin/upload.php?page=reportshelf-catalogues`);
  const nonce = (await page.locator('#reportshelf-upload').getAttribute('data-nonce'))!;
  for (const [bad, message] of [
    ['{"reports":[{"title":"no id"}]}', 'Report 1 has no id or title.'],
    ['{"reports":{"a":{"id":"a","title":"A"}}}', 'This is not a catalogue: it has no list of reports.'],
    ['<script>alert(1)</script>', 'This is not a catalogue: it has no list of reports.'],
  ] as const) {
    const answer = await save(page, { action: 'reportshelf_save_catalogue', nonce, catalogue: bad });
    assert.equal(answer.status, 400, bad);
    assert.equal((JSON.parse(answer.body) as { data: { message: string } }).data.message, message);
  }
  // A title of punctuation alone still makes a .json file.
  const saved = await save(page, { action: 'reportshelf_save_catalogue', nonce, catalogue, title: '!!!' });
  assert.equal(saved.status, 200, saved.body);
  const { url } = (JSON.parse(saved.body) as { data: { url: string } }).data;
  assert.match(url, /\/report-catalogue(-\d+)?\.json$/);
  assert.equal((await fetch(url)).status, 200);
  await context.close();
  assert.deepEqual(phpErrors(), []);
});

test('an Editor adds the block, picks the catalogue and publishes; a visitor searches and filters', async () => {
  assert.ok(made.catalogue, 'the catalogue from the test before');
  const { context, page } = await logIn(users.editor);
  await page.goto(`${site.origin}/wp-admin/post-new.php`);
  const welcome = page.getByRole('dialog', { name: /welcome/i });
  await Promise.race([welcome.waitFor(), page.getByRole('textbox', { name: 'Add title' }).waitFor()]);
  if (await welcome.isVisible()) await welcome.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('textbox', { name: 'Add title' }).fill('Our reports');
  await page.getByRole('button', { name: 'Toggle block inserter' }).click();
  await page.getByPlaceholder('Search').fill('Report library');
  await page.getByRole('option', { name: 'Report library' }).click();
  await page.getByRole('button', { name: 'Toggle block inserter' }).click();
  const settings = page.getByRole('button', { name: 'Settings', exact: true });
  if ((await settings.getAttribute('aria-pressed')) !== 'true') await settings.click();

  // The preview is the library itself, first with the bundled catalogue.
  const preview = page.locator('.reportshelf-preview shelf-library');
  await shown(preview, /Showing 1–6 of 6 reports/).waitFor();
  // Typing in the preview's search box stays in the preview: Backspace there does not remove the block.
  await preview.getByRole('searchbox').pressSequentially('abc');
  for (let i = 0; i < 4; i++) await preview.getByRole('searchbox').press('Backspace');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.reportshelf-preview').count(), 1, 'the block is still there');
  await page.getByRole('combobox', { name: 'Catalogue' }).selectOption({ label: 'Partner reports (3 reports)' });
  await shown(preview, 'Showing 1–3 of 3 reports').waitFor();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await shown(preview, '1–3 sur 3 rapports').waitFor();
  // Filters and their order: Country first, no Category, Organization added at the end.
  await page.getByRole('button', { name: 'Move Country up' }).click();
  await page.getByRole('button', { name: 'Remove Category' }).click();
  await page.getByRole('combobox', { name: 'Add a filter' }).selectOption({ label: 'Organization' });
  await page.locator('.reportshelf-preview shelf-library[facets="country region year organization"]').waitFor();

  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.locator('.editor-post-publish-panel').getByRole('button', { name: 'Publish', exact: true }).click();
  const view = page.locator('.post-publish-panel__postpublish-header a', { hasText: 'Our reports' });
  await view.waitFor();
  made.post = (await view.getAttribute('href')) ?? undefined;
  await context.close();
  assert.ok(made.post);

  const { context: visitor, page: post, errors } = await visit(made.post);
  const library = post.locator('shelf-library');
  assert.deepEqual(await servedLibraries(made.post), [
    {
      src: made.catalogue.url,
      lang: 'fr',
      facets: 'country region year organization',
      'page-size': '10',
      sort: 'relevance',
    },
  ]);
  await shown(library, '1–3 sur 3 rapports').waitFor();
  // The lite file only: the site's catalogue replaces the bundled one.
  const scripts = await post
    .locator('script[src*="/reportshelf/"]')
    .evaluateAll((s) => s.map((e) => new URL((e as HTMLScriptElement).src).pathname.split('/').pop()));
  assert.deepEqual(scripts, ['reportshelf.lite.js']);

  await library.getByRole('searchbox').pressSequentially('fishing');
  await shown(library, '1–1 sur 1 rapport').waitFor();
  // Deleted letter by letter, as a visitor does: each keystroke a search.
  for (let left = 'fishing'.length; left > 0; left--) await library.getByRole('searchbox').press('Backspace');
  await shown(library, '1–3 sur 3 rapports').waitFor();
  // The theme's content column is narrow: the filters are behind their button, as on a phone.
  await library.getByRole('button', { name: 'Filtres', exact: true }).click();
  // The upload screen groups the countries by UN M49 region, as the CLI does: France is under
  // Western Europe, shown once its region is opened.
  await library.getByRole('button', { name: 'Western Europe' }).click();
  await library.getByRole('checkbox', { name: /France/ }).check();
  await shown(library, '1–1 sur 1 rapport').waitFor();
  await library.getByRole('heading', { name: 'Hotlines that answer' }).waitFor();
  // The search ran in the lite file's worker, and Cite opens its panel: both load from the
  // plugin's assets beside the lite file.
  await library.getByRole('button', { name: 'Citer' }).click();
  await library.getByText('Référence (APA 7)').waitFor();
  await library.getByText('Hotlines that answer', { exact: false }).last().waitFor();
  assert.deepEqual(errors, []);

  // A page without the block loads none of the plugin's files.
  const { page: home } = await visit(`${site.origin}/?page_id=2`);
  assert.equal(await home.locator('script[src*="/reportshelf/"]').count(), 0);
  assert.equal(await home.locator('shelf-library').count(), 0);
  await visitor.close();
  assert.deepEqual(phpErrors(), []);
});

test('the shortcode on a page works the same', async () => {
  assert.ok(made.catalogue);
  const { context, page } = await logIn(users.editor);
  const created = await rest<{ link: string }>(page, '/wp/v2/pages', 'POST', {
    title: 'Bibliothèque',
    status: 'publish',
    content: `[reportshelf catalogue="${made.catalogue.id}" lang="es" facets="year country" page-size="2" sort="title" sync-url]`,
  });
  await context.close();
  made.shortcodePage = created.link;

  const { context: visitor, page: shelf, errors } = await visit(created.link);
  const library = shelf.locator('shelf-library');
  assert.deepEqual(await library.evaluate((e) => Object.fromEntries([...e.attributes].map((a) => [a.name, a.value]))), {
    src: made.catalogue.url,
    lang: 'es',
    facets: 'year country',
    'page-size': '2',
    sort: 'title',
    'sync-url': '',
  });
  await shown(library, '1–2 de 3 informes').waitFor();
  // Filter groups in the shortcode's order, and pages of two.
  const groups = await library
    .locator('shelf-filter-bar summary')
    .evaluateAll((summaries) => summaries.map((s) => s.textContent?.trim()));
  assert.deepEqual(groups, ['Año', 'País']);
  await library.getByRole('button', { name: /siguiente/i }).click();
  await shown(library, '3–3 de 3 informes').waitFor();
  assert.match(shelf.url(), /page=2/);
  await library.getByRole('searchbox').pressSequentially('hotlines');
  await shown(library, '1–1 de 1 informe').waitFor();
  assert.deepEqual(errors, []);
  await visitor.close();
  assert.deepEqual(phpErrors(), []);
});

test("a sheet's CSV address as the source: the block (set in the editor) and the shortcode emit it escaped; other schemes are refused", async () => {
  const sheet = 'https://docs.google.com/spreadsheets/d/e/2PACX-1vQx_Example-Sheet/pub?gid=0&single=true&output=csv';
  const { context, page } = await logIn(users.editor);
  await page.goto(`${site.origin}/wp-admin/post-new.php`);
  const welcome = page.getByRole('dialog', { name: /welcome/i });
  await Promise.race([welcome.waitFor(), page.getByRole('textbox', { name: 'Add title' }).waitFor()]);
  if (await welcome.isVisible()) await welcome.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('textbox', { name: 'Add title' }).fill('From the sheet');
  await page.getByRole('button', { name: 'Toggle block inserter' }).click();
  await page.getByPlaceholder('Search').fill('Report library');
  await page.getByRole('option', { name: 'Report library' }).click();
  await page.getByRole('button', { name: 'Toggle block inserter' }).click();
  const settings = page.getByRole('button', { name: 'Settings', exact: true });
  if ((await settings.getAttribute('aria-pressed')) !== 'true') await settings.click();

  // An address that is not http(s) is said to be refused, and the preview does not get it.
  const address = page.getByLabel('Or the address of a CSV or catalogue file');
  await address.fill('javascript:alert(1)');
  await address.press('Enter');
  await page
    .locator('.components-notice', {
      hasText: 'This is not an http or https address, so the library will not be shown.',
    })
    .waitFor();
  assert.equal(await page.locator('.reportshelf-preview shelf-library').getAttribute('src'), null);
  await address.fill(sheet);
  await address.press('Enter');
  await page.locator(`.reportshelf-preview shelf-library[src="${sheet}"]`).waitFor();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.locator('.editor-post-publish-panel').getByRole('button', { name: 'Publish', exact: true }).click();
  const view = page.locator('.post-publish-panel__postpublish-header a', { hasText: 'From the sheet' });
  await view.waitFor();
  const post = (await view.getAttribute('href'))!;
  await context.close();

  const html = await (await fetch(post)).text();
  assert.deepEqual(await servedLibraries(post), [{ src: sheet, 'page-size': '10', sort: 'relevance' }]);
  // Escaped as an attribute: the ampersands as entities, in double quotes.
  assert.ok(html.includes(`src="${sheet.replace(/&/g, '&amp;')}"`), 'the src attribute, escaped');
  // The lite file: a CSV is not the bundled catalogue.
  assert.match(html, /\/assets\/reportshelf\.lite\.js/);

  // The shortcode takes any https CSV; in a block, what is not http(s) shows nothing, and quotes
  // and brackets never leave the attribute.
  const admin = await logIn(site.admin);
  const hostile = {
    src: 'https://example.org/x.csv?" onmouseover="window.__pwned=1" <script>window.__pwned=2</script>',
  };
  const created = await rest<{ link: string }>(admin.page, '/wp/v2/pages', 'POST', {
    title: 'Sheets',
    status: 'publish',
    content: [
      '[reportshelf src="https://partner.example.org/reports/catalogue.csv?v=2&sheet=main"]',
      `<!-- wp:reportshelf/library ${JSON.stringify(hostile)} /-->`,
      ...['javascript:window.__pwned=3', 'data:text/csv,title%0AA', 'ftp://example.org/catalogue.csv'].map(
        (src) => `<!-- wp:reportshelf/library ${JSON.stringify({ src })} /-->`,
      ),
    ].join('\n\n'),
  });
  await admin.context.close();
  const libraries = await servedLibraries(created.link);
  assert.equal(libraries.length, 2, JSON.stringify(libraries));
  assert.deepEqual(libraries[0], { src: 'https://partner.example.org/reports/catalogue.csv?v=2&sheet=main' });
  assert.deepEqual(Object.keys(libraries[1]!).sort(), ['page-size', 'sort', 'src']);
  assert.match(libraries[1]!.src!, /^https:\/\/example\.org\/x\.csv\?[^"'<>\s]*$/);
  const page2 = await (await fetch(created.link)).text();
  assert.doesNotMatch(page2, /<script>window\.__pwned/);
  assert.doesNotMatch(page2, /\sonmouseover=/i);
  assert.equal(page2.match(/<!-- Reportshelf: a report library could not be shown. -->/g)?.length, 3);
  assert.deepEqual(phpErrors(), []);
});

test('hostile shortcode attributes render nothing executable', async () => {
  const { context, page } = await logIn(site.admin);
  // An administrator's content is not filtered by WordPress, so only the plugin's escaping stands
  // between these attributes and the page.
  const hostile = [
    // The issue's own example: WordPress's shortcode parser does not know \", so what arrives is mangled text.
    `[reportshelf lang="\\"><script>window.__pwned=1</script>" src="javascript:window.__pwned=2"]`,
    `[reportshelf label="Our 'best' & <b>newest</b>" facets="year onmouseover=window.__pwned=3" page-size="5 onload=window.__pwned=4" sort="<svg onload=window.__pwned=5>" theme="dark" url-prefix="x autofocus onfocus=window.__pwned=6"]`,
    `[reportshelf src=" JaVaScRiPt:window.__pwned=7"]`,
    `[reportshelf src="data:text/html,<script>window.__pwned=8</script>"]`,
    `[reportshelf catalogue="1 OR 1=1"]`,
  ].join('\n\n');
  const created = await rest<{ link: string }>(page, '/wp/v2/pages', 'POST', {
    title: 'Hostile',
    status: 'publish',
    content: hostile,
  });
  await context.close();

  const { context: visitor, page: shelf, errors } = await visit(created.link);
  // Every library on the page has only the element's own attributes, with values it accepts.
  const libraries = await servedLibraries(created.link);
  const allowed: Record<string, RegExp> = {
    src: /^https?:\/\//,
    lang: /^(en|fr|es|ar)$/,
    facets:
      /^(region|country|category|author|organization|language|year)( (region|country|category|author|organization|language|year))*$/,
    'page-size': /^\d+$/,
    sort: /^(relevance|newest|oldest|title)$/,
    theme: /^(light|dark)$/,
    'sync-url': /^$/,
    'url-prefix': /^[\w-]+$/,
    label: /^[^<>]*$/,
  };
  for (const attributes of libraries) {
    for (const [name, value] of Object.entries(attributes)) {
      assert.match(value, allowed[name] ?? /(?!)/, `${name}="${value}"`);
    }
  }
  // The well-formed one: what is not one of the element's values is left out; free text is text.
  assert.ok(
    libraries.some(
      (a) =>
        JSON.stringify(a) ===
        JSON.stringify({ facets: 'year', 'page-size': '5', theme: 'dark', label: "Our 'best' & newest" }),
    ),
    JSON.stringify(libraries),
  );
  await shelf
    .locator('shelf-library[theme="dark"]')
    .locator('shelf-result-summary [part="summary"]')
    .filter({ hasText: /Showing 1–5 of \d+ reports/ })
    .waitFor();
  assert.equal(await shelf.evaluate(() => (window as { __pwned?: number }).__pwned), undefined);
  const injected = await shelf.evaluate(() => ({
    scripts: [...document.scripts].filter((s) => s.textContent?.includes('__pwned')).length,
    handlers: [...document.querySelectorAll('*')].filter((e) =>
      [...e.attributes].some((a) => a.name.startsWith('on') && a.value.includes('__pwned')),
    ).length,
    svg: document.querySelectorAll('main svg').length,
  }));
  assert.deepEqual(injected, { scripts: 0, handlers: 0, svg: 0 });
  // A visitor sees no broken library for an unusable src or catalogue; the page says why in a comment.
  const comments = (await shelf.content()).match(/<!-- Reportshelf: a report library could not be shown. -->/g);
  assert.ok((comments?.length ?? 0) >= 3, `${comments?.length} comments`);
  assert.deepEqual(errors, []);
  await visitor.close();
  assert.deepEqual(phpErrors(), []);
});

test('deactivating the plugin leaves the site working; deleting it removes its catalogues', async () => {
  assert.ok(made.catalogue && made.post && made.shortcodePage);
  const { context, page } = await logIn(site.admin);
  await page.goto(`${site.origin}/wp-admin/plugins.php`);
  await Promise.all([
    page.waitForURL(/deactivate=true/),
    page.getByRole('link', { name: `Deactivate ${PLUGIN}` }).click(),
  ]);

  for (const url of [made.post, made.shortcodePage, `${site.origin}/`]) {
    const { context: visitor, page: shown, errors } = await visit(url);
    assert.equal(await shown.locator('script[src*="/reportshelf/"]').count(), 0);
    assert.doesNotMatch(await shown.content(), /Fatal error|Warning:|Notice:/);
    assert.deepEqual(errors, []);
    await visitor.close();
  }
  // The catalogue is still there while the plugin is only deactivated.
  assert.equal((await fetch(made.catalogue.url)).status, 200);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('link', { name: `Delete ${PLUGIN}` }).click();
  await page.getByText(`${PLUGIN} was successfully deleted.`).waitFor();
  assert.equal((await fetch(made.catalogue.url)).status, 404);
  const gone = await rest(page, `/wp/v2/media/${made.catalogue.id}`).then(
    () => 'still there',
    (error: { code: string }) => error.code,
  );
  assert.equal(gone, 'rest_post_invalid_id');
  assert.ok(!existsSync(join(site.content, 'plugins', 'reportshelf')));
  const uploads = readdirSync(join(site.content, 'uploads'), { recursive: true }).map(String);
  assert.deepEqual(
    uploads.filter((f) => f.endsWith('.json')),
    [],
  );
  await context.close();
  assert.deepEqual(phpErrors(), []);
});
