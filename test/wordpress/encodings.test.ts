/**
 * The upload screen (Media → Report catalogues) in a real WordPress, in Chromium, with the files a
 * curator's spreadsheet program writes: Excel's "CSV (Comma delimited)" (Windows-1252), UTF-16
 * CSV, and the workbooks themselves (.xlsx, .ods), as LibreOffice wrote them (see
 * test/fixtures/curators/make.sh). Each saves the catalogue the UTF-8 CSV saves. Run after
 * `npm run build` (which writes packages/wordpress/dist/reportshelf.zip).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../e2e/browser.js';
import { startSite, type Site } from './site.js';

const ZIP = fileURLToPath(new URL('../../packages/wordpress/dist/reportshelf.zip', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/curators/${name}`, import.meta.url));

let site: Site;
let browser: Browser;

before(async () => {
  if (!existsSync(ZIP))
    throw new Error('packages/wordpress/dist/reportshelf.zip is missing: run `npm run build` first.');
  site = await startSite();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.stop();
});

function phpErrors(): string[] {
  return site
    .phpLog()
    .split('\n')
    .filter((line) => /PHP (Fatal|Parse|Warning|Notice|Deprecated)/.test(line) && /reportshelf/i.test(line));
}

/** The administrator, logged in, in a context of its own. */
async function admin(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await page.goto(`${site.origin}/wp-login.php`);
  await page.fill('#user_login', site.admin.user);
  await page.fill('#user_pass', site.admin.password);
  await Promise.all([page.waitForURL(/\/wp-admin\//), page.click('#wp-submit')]);
  return page;
}

/** The administrator, logged in, with the plugin installed from its zip and active. */
async function adminWithPlugin(): Promise<Page> {
  const page = await admin();
  await page.goto(`${site.origin}/wp-admin/plugin-install.php?tab=upload`);
  await page.setInputFiles('#pluginzip', ZIP);
  await Promise.all([page.waitForURL(/update\.php\?action=upload-plugin/), page.click('#install-plugin-submit')]);
  await Promise.all([page.waitForURL(/plugins\.php/), page.getByRole('link', { name: 'Activate Plugin' }).click()]);
  await page.getByText('Plugin activated.').waitFor();
  return page;
}

/** Checks and saves a file on the upload screen; gives the saved catalogue's reports and what the screen said. */
async function upload(page: Page, file: string, title: string): Promise<{ reports: unknown[]; read: string }> {
  await page.goto(`${site.origin}/wp-admin/upload.php?page=reportshelf-catalogues`);
  await page.setInputFiles('#reportshelf-file', file);
  await page.getByText('3 reports are ready to save.').waitFor();
  const read = (await page.locator('#reportshelf-read').count())
    ? await page.locator('#reportshelf-read').innerText()
    : '';
  assert.equal(await page.locator('.reportshelf-problems').count(), 0, `${file}: no problem is listed`);
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByRole('button', { name: 'Save catalogue' }).click();
  await page.getByText(`Saved “${title}” with 3 reports.`).waitFor();
  const code = await page.locator('#reportshelf-list tbody tr', { hasText: title }).locator('code').textContent();
  const id = Number(/catalogue="(\d+)"/.exec(code ?? '')?.[1]);
  // The media item's address, from the REST API as plugin.test.ts asks it (no pretty permalinks here).
  const media = await page.evaluate(async (id) => {
    const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
    const response = await fetch(`/?rest_route=${encodeURIComponent(`/wp/v2/media/${id}`)}`, {
      headers: { 'X-WP-Nonce': nonce },
    });
    return (await response.json()) as { source_url: string };
  }, id);
  const saved = (await (await fetch(media.source_url)).json()) as { reports: unknown[] };
  return { reports: saved.reports, read };
}

test('a Windows-1252 CSV, UTF-16 CSV, .xlsx and .ods save the catalogue the UTF-8 CSV saves', async () => {
  const page = await adminWithPlugin();
  const utf8 = await upload(page, fixture('catalogue.csv'), 'UTF-8');
  assert.equal(utf8.read, '');
  assert.match(JSON.stringify(utf8.reports), /Côte d'Ivoire/);
  const said: Record<string, string> = {
    'catalogue.1252.csv': 'Read as Windows-1252.',
    'catalogue.utf16le.csv': 'Read as UTF-16 LE.',
    'catalogue.utf16be.csv': 'Read as UTF-16 BE.',
    'catalogue.xlsx': '',
    'catalogue.ods': '',
  };
  for (const [name, read] of Object.entries(said)) {
    const got = await upload(page, fixture(name), name);
    assert.equal(got.read, read, name);
    assert.deepEqual(got.reports, utf8.reports, name);
  }
  await page.context().close();
  assert.deepEqual(phpErrors(), []);
});

test('dates, when a report was added and its cover come through the upload screen as through the CLI', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'reportshelf-wp-dates-'));
  const csv = join(folder, 'dated.csv');
  writeFileSync(
    csv,
    [
      'id,title,year,date,added,image,imageAlt',
      'a,A dated guide,,2024-05-17,2025-01-10,https://example.org/a.jpg,The guide’s cover: a map',
      'b,A year only,2019,,,,',
      'c,Added only,,,2023-06-30,covers/c.png,',
    ].join('\n'),
  );
  // The plugin is installed by the test before; the administrator logs in.
  const page = await admin();
  const { reports } = await upload(page, csv, 'Dated');
  const pick = ({ id, year, date, added, image, imageAlt }: Record<string, unknown>) =>
    JSON.parse(JSON.stringify({ id, year, date, added, image, imageAlt }));
  assert.deepEqual((reports as Record<string, unknown>[]).map(pick), [
    {
      id: 'a',
      year: 2024,
      date: '2024-05-17',
      added: '2025-01-10',
      image: 'https://example.org/a.jpg',
      imageAlt: 'The guide’s cover: a map',
    },
    { id: 'b', year: 2019 },
    { id: 'c', added: '2023-06-30', image: 'covers/c.png' },
  ]);
  await page.context().close();
  rmSync(folder, { recursive: true, force: true });
  assert.deepEqual(phpErrors(), []);
});

test('the upload screen: a wrong sheet name lists the sheets; a forced encoding warns on the lines it garbles', async () => {
  const page = await admin();
  const context = page.context();
  await page.goto(`${site.origin}/wp-admin/upload.php?page=reportshelf-catalogues`);

  await page.getByLabel('Sheet').fill('Reports');
  await page.setInputFiles('#reportshelf-file', fixture('catalogue.xlsx'));
  await page.getByText('This file cannot be used: nothing can be saved.').waitFor();
  await page
    .getByText('The workbook cannot be read: the workbook has no sheet "Reports"; its sheets are "catalogue".')
    .waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save catalogue' }).isDisabled(), true);
  await page.getByLabel('Sheet').fill('catalogue');
  await page.getByRole('button', { name: 'Check file' }).click();
  await page.getByText('3 reports are ready to save.').waitFor();

  await page.getByLabel('Sheet').fill('');
  await page.getByLabel('Text encoding').selectOption('utf-8');
  await page.setInputFiles('#reportshelf-file', fixture('catalogue.1252.csv'));
  await page.getByText('3 reports are ready to save. 4 warnings.').waitFor();
  const lines = await page
    .locator('.reportshelf-problems tbody tr')
    .evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent ?? ''));
  assert.deepEqual(lines, ['2', '3', '4', '5']);
  await page.getByText(/^Line 2 has characters that could not be read as UTF-8/).waitFor();
  await context.close();
  assert.deepEqual(phpErrors(), []);
});
