/**
 * Large catalogues on WordPress: the upload screen saves 5,000 reports and more in the split format,
 * a folder in uploads written in batches through the plugin's save actions, which check every path
 * by core's rules. In a real WordPress (see site.ts), in Chromium. Run after `npm run build`
 * (which writes packages/wordpress/dist/reportshelf.zip).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BUILD_NAME, FACET_NAMES, isSplitFile, parseCatalogue, splitCatalogue } from '@reportshelf/core';
import { launchChromium } from '../e2e/browser.js';
import { startSite, type Site } from './site.js';

const ZIP = fileURLToPath(new URL('../../packages/wordpress/dist/reportshelf.zip', import.meta.url));
const REPORTS = 6000;
/** The largest batch of files, set small by a must-use plugin so 6,000 reports (about 1.8 MB) take several. */
const BATCH = 256 * 1024;

let site: Site;
let browser: Browser;
const files = mkdtempSync(join(tmpdir(), 'reportshelf-split-'));
const contributor = { user: 'carla', password: 'Contributor-pass-2026!' };
const author = { user: 'arturo', password: 'Author-pass-2026!' };

/** What WordPress itself logs on this PHP without the plugin, on the pages the tests visit. */
let withoutPlugin = new Set<string>();
const phpLines = (): string[] =>
  site
    .phpLog()
    .split('\n')
    .filter((line) => /PHP (Fatal|Parse|Warning|Notice|Deprecated|Strict)/i.test(line))
    .map((line) => line.replace(/^\[[^\]]*\]\s*/, ''));
/** Every error, warning, notice and deprecation PHP logged since the plugin came, but WordPress's own. */
const phpErrors = (): string[] => phpLines().filter((line) => !withoutPlugin.has(line));

async function logIn(who: { user: string; password: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  context.setDefaultTimeout(120_000);
  const page = await context.newPage();
  await page.goto(`${site.origin}/wp-login.php`);
  await page.fill('#user_login', who.user);
  await page.fill('#user_pass', who.password);
  await Promise.all([page.waitForURL(/\/wp-admin\//), page.click('#wp-submit')]);
  return { context, page };
}

/** A REST request as the logged-in user of `page`, with a nonce, as WordPress's own scripts make them. */
async function rest<T>(page: Page, path: string, method = 'GET', data?: unknown): Promise<T> {
  const { status, body } = await page.evaluate(
    async ([path, method, data]) => {
      const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
      const response = await fetch(`/?rest_route=${encodeURIComponent(path)}`, {
        method,
        headers: { 'X-WP-Nonce': nonce, ...(data ? { 'Content-Type': 'application/json' } : {}) },
        body: data ? JSON.stringify(data) : null,
      });
      return { status: response.status, body: await response.json() };
    },
    [path, method, data] as const,
  );
  if (status >= 400) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(body)}`);
  return body as T;
}

/** One of the plugin's save actions, posted from `page` as the screen posts them. */
const action = (page: Page, fields: Record<string, string>) =>
  page.evaluate(async (fields) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    const response = await fetch('/wp-admin/admin-ajax.php', { method: 'POST', body });
    const text = await response.text();
    let message = '';
    try {
      message = (JSON.parse(text) as { data?: { message?: string } }).data?.message ?? '';
    } catch {
      message = text;
    }
    return { status: response.status, text, message };
  }, fields);

/** A CSV of `n` reports; one of them, and only it, has the title `special`. */
function bigCsv(n: number, special = 'Zanzibar fisheries inspection'): string {
  const countries = ['Ghana', 'France', 'Peru', 'Viet Nam', 'Nepal', 'Kenya', 'Chile'];
  const topics = ['labour migration', 'child protection', 'forced labour', 'border screening', 'victim support'];
  const rows = ['id,title,summary,year,countries,categories'];
  for (let i = 0; i < n; i++) {
    const topic = i === 4321 ? special : `${topics[i % topics.length]} study ${i}`;
    rows.push(
      [
        `r${i}`,
        `"${topic[0]!.toUpperCase()}${topic.slice(1)}"`,
        `"A report on ${topics[(i * 7) % topics.length]} in ${countries[i % countries.length]}, number ${i}."`,
        String(1995 + (i % 30)),
        countries[i % countries.length],
        i % 2 ? 'Research' : 'Guidance',
      ].join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}

before(async () => {
  if (!existsSync(ZIP))
    throw new Error('packages/wordpress/dist/reportshelf.zip is missing: run `npm run build` first.');
  site = await startSite();
  mkdirSync(join(site.content, 'mu-plugins'));
  writeFileSync(
    join(site.content, 'mu-plugins', 'batch.php'),
    `<?php add_filter( 'reportshelf_split_batch_bytes', static fn() => ${BATCH} );\n`,
  );
  browser = await launchChromium();
  const { context, page } = await logIn(site.admin);
  for (const path of ['/wp-admin/', '/wp-admin/plugins.php', '/wp-admin/plugin-install.php?tab=upload', '/']) {
    await page.goto(`${site.origin}${path}`);
  }
  withoutPlugin = new Set(phpLines());
  await page.goto(`${site.origin}/wp-admin/plugin-install.php?tab=upload`);
  await page.setInputFiles('#pluginzip', ZIP);
  await Promise.all([page.waitForURL(/update\.php\?action=upload-plugin/), page.click('#install-plugin-submit')]);
  await Promise.all([page.waitForURL(/plugins\.php/), page.getByRole('link', { name: 'Activate Plugin' }).click()]);
  await page.getByText('Plugin activated.').waitFor();
  for (const [who, role] of [
    [contributor, 'contributor'],
    [author, 'author'],
  ] as const) {
    await rest(page, '/wp/v2/users', 'POST', {
      username: who.user,
      password: who.password,
      email: `${who.user}@example.org`,
      roles: [role],
    });
  }
  await context.close();
});

after(async () => {
  await browser?.close();
  await site?.stop();
  rmSync(files, { recursive: true, force: true });
});

test("the plugin's PHP judges paths and build names as core's isSplitFile and BUILD_NAME do", () => {
  const { catalogue } = parseCatalogue({
    version: 1,
    reports: Array.from({ length: 40 }, (_, i) => ({
      id: `r${i}`,
      title: `Report ${i}`,
      countries: ['Peru'],
      ...(i % 3 ? {} : { added: `2024-01-0${1 + (i % 9)}` }),
    })),
  });
  const made = [...splitCatalogue(catalogue).keys()].filter((path) => path !== 'catalogue.json');
  const build = made[0]!.split('/')[0]!;
  const paths = [
    ...made.map((path) => path.slice(build.length + 1)),
    ...FACET_NAMES.map((name) => `facets/${name}.json`),
    ...[
      'facets/year.json',
      'years.json\n',
      'added.json\n',
      'added.json.php',
      'index/0.json\n',
      'facets/country.json\n',
      '../years.json',
      '/years.json',
      'cards/01.json',
      'cards/-1.json',
    ],
    ...['cards/1.json/x', 'cards\\1.json', 'index/1.JSON', 'ids/1.json.php', 'catalogue.json', '', 'cards/1'],
  ];
  const names = [build, build.toUpperCase(), `${build}\n`, build.slice(1), '..', `${build}0`];
  const script = `define('ABSPATH', '/'); require ${JSON.stringify(
    fileURLToPath(new URL('../../packages/wordpress/plugin/split.php', import.meta.url)),
  )}; $in = json_decode(stream_get_contents(STDIN), true);
  echo json_encode([array_map('reportshelf_is_split_file', $in[0]), array_map('reportshelf_is_build_name', $in[1])]);`;
  const run = spawnSync('php', ['-r', script], { input: JSON.stringify([paths, names]), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), [paths.map(isSplitFile), names.map((name) => BUILD_NAME.test(name))]);
});

test('a 6,000-report CSV is saved as a split folder; a page searches it; deleting the catalogue removes the folder', async () => {
  const csv = join(files, 'large.csv');
  writeFileSync(csv, bigCsv(REPORTS));
  const { context, page } = await logIn(site.admin);
  await page.goto(`${site.origin}/wp-admin/upload.php?page=reportshelf-catalogues`);
  await page.setInputFiles('#reportshelf-file', csv);
  await page.getByText(`${REPORTS} reports are ready to save.`).waitFor();
  await page.getByText('It will be saved in the split format').waitFor();
  await page.getByLabel('Title', { exact: true }).fill('Large library');
  const batches: number[] = [];
  page.on('request', (request) => {
    const body = request.postData() ?? '';
    if (body.includes('reportshelf_split_files')) batches.push(Buffer.byteLength(body));
  });
  await page.getByRole('button', { name: 'Save catalogue' }).click();
  await page.getByText(`Saved “Large library” with ${REPORTS} reports.`).waitFor();
  const code = await page
    .locator('#reportshelf-list tbody tr', { hasText: 'Large library' })
    .locator('code')
    .textContent();
  const id = Number(/catalogue="(\d+)"/.exec(code ?? '')?.[1]);
  // In batches no larger than the site takes (the request's body is the batch and a few fields).
  assert.ok(batches.length >= 6, `${batches.length} batches`);
  assert.ok(Math.max(...batches) < BATCH + 1024, `batches of ${batches.join(', ')} bytes`);

  // The folder: the manifest, and the build's files in the folder the manifest names.
  const folder = join(site.content, 'uploads', 'reportshelf', 'large-library');
  const manifest = JSON.parse(readFileSync(join(folder, 'catalogue.json'), 'utf8')) as {
    format: string;
    count: number;
    build: string;
  };
  assert.equal(manifest.format, 'split');
  assert.equal(manifest.count, REPORTS);
  assert.deepEqual(readdirSync(folder).sort(), [manifest.build, 'catalogue.json'].sort());
  assert.ok(readdirSync(join(folder, manifest.build, 'cards')).length >= REPORTS / 8);
  const media = await rest<{ source_url: string }>(page, `/wp/v2/media/${id}`);
  assert.equal(media.source_url, `${site.origin}/wp-content/uploads/reportshelf/large-library/catalogue.json`);

  // The shortcode points src at the manifest; a visitor searches, fetching only some of the files.
  const created = await rest<{ link: string }>(page, '/wp/v2/pages', 'POST', {
    title: 'All reports',
    status: 'publish',
    content: `[reportshelf catalogue="${id}"]`,
  });
  const visitor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  visitor.setDefaultTimeout(120_000);
  const shelf = await visitor.newPage();
  const errors: string[] = [];
  shelf.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
  shelf.on('pageerror', (error) => errors.push(String(error)));
  const fetched: string[] = [];
  shelf.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/wp-content/uploads/reportshelf/')) fetched.push(path);
  });
  await shelf.goto(created.link);
  const library = shelf.locator('shelf-library');
  assert.equal(await library.getAttribute('src'), media.source_url);
  const summary = library.locator('shelf-result-summary [part="summary"]');
  await summary.filter({ hasText: 'Showing 1–10 of 6,000 reports' }).waitFor();
  await library.getByRole('searchbox').fill('zanzibar');
  await summary.filter({ hasText: /Showing 1–1 of 1 report\b/ }).waitFor();
  await library.getByRole('heading', { name: 'Zanzibar fisheries inspection' }).waitFor();
  assert.ok(
    fetched.some((path) => path.startsWith(`/wp-content/uploads/reportshelf/large-library/${manifest.build}/index/`)),
    fetched.join('\n'),
  );
  const cards = fetched.filter((path) => path.includes('/cards/')).length;
  assert.ok(cards > 0 && cards < 50, `${cards} card files fetched`);
  assert.deepEqual(errors, []);

  // Deleted from the media library as any file is: the folder goes with it.
  await page.goto(`${site.origin}/wp-admin/post.php?post=${id}&action=edit`);
  page.once('dialog', (dialog) => void dialog.accept());
  await Promise.all([page.waitForURL(/upload\.php/), page.getByRole('link', { name: 'Delete permanently' }).click()]);
  assert.equal(existsSync(folder), false);
  assert.equal(existsSync(join(site.content, 'uploads', 'reportshelf')), false);
  assert.equal((await fetch(media.source_url)).status, 404);
  await shelf.reload();
  assert.equal(await shelf.locator('shelf-library').count(), 0);
  await visitor.close();
  await context.close();
  assert.deepEqual(phpErrors(), []);
});

test('the split save actions refuse paths outside the build, other names, what is not JSON, and those who may not upload', async () => {
  const { context, page } = await logIn(site.admin);
  await page.goto(`${site.origin}/wp-admin/upload.php?page=reportshelf-catalogues`);
  const nonce = (await page.locator('#reportshelf-upload').getAttribute('data-nonce'))!;
  const build = '0123456789abcdef';

  for (const bad of ['../x', '0123456789ABCDEF', '0123456789abcdef\n', '']) {
    const begun = await action(page, { action: 'reportshelf_split_begin', nonce, build: bad, title: 'Bad' });
    assert.equal(begun.status, 400, JSON.stringify(bad));
    assert.equal(begun.message, 'The build name must be 16 hexadecimal digits, as the catalogue screen makes it.');
  }
  const begun = await action(page, { action: 'reportshelf_split_begin', nonce, build, title: 'Hostile', files: '9' });
  assert.equal(begun.status, 200, begun.text);
  const { key } = (JSON.parse(begun.text) as { data: { key: string } }).data;
  const folder = join(site.content, 'uploads', 'reportshelf', 'hostile');
  assert.deepEqual(readdirSync(folder), [build]);

  const hostile = [
    '../evil.json',
    `${build}/../../../evil.json`,
    `${build}/../../evil.json`,
    '/tmp/evil.json',
    `/${build}/years.json`,
    'years.json',
    `${build}/years.json\n`,
    `${build}/cards/0.php`,
    `${build}/cards/0.json.php`,
    `${build}/cards/01.json`,
    `${build}/facets/year.json`,
    `${build}\\years.json`,
    `${build}/index/../../evil.json`,
    `fedcba9876543210/years.json`,
    `${build}/.htaccess`,
  ];
  for (const path of hostile) {
    // A good file first: a batch with one bad path writes nothing at all.
    const files = JSON.stringify({ [`${build}/years.json`]: '[2001]', [path]: '{}' });
    const answer = await action(page, { action: 'reportshelf_split_files', nonce, key, files });
    assert.equal(answer.status, 400, path);
    assert.equal(
      answer.message,
      `"${path.replace(/\n/g, '\\n')}" is not a file of this split catalogue: only ${build}/ followed by years.json, added.json, facets/NAME.json, cards/N.json, ids/N.json or index/N.json is accepted. Nothing of this batch was saved.`,
    );
  }
  assert.deepEqual(readdirSync(join(folder, build)), []);
  assert.equal(existsSync(join(site.content, 'uploads', 'evil.json')), false);
  assert.equal(existsSync('/tmp/evil.json'), false);

  const notJson = await action(page, {
    action: 'reportshelf_split_files',
    nonce,
    key,
    files: JSON.stringify({ [`${build}/cards/0.json`]: '<?php echo 1; ?>' }),
  });
  assert.equal(notJson.status, 400);
  assert.equal(notJson.message, `"${build}/cards/0.json" is not JSON. Nothing of this batch was saved.`);
  const tooLarge = await action(page, {
    action: 'reportshelf_split_files',
    nonce,
    key,
    files: JSON.stringify({ [`${build}/years.json`]: `[${'2001,'.repeat(BATCH / 5)}2001]` }),
  });
  assert.equal(tooLarge.status, 413);
  assert.equal(tooLarge.message, 'This batch of files is larger than this site accepts for uploads.');
  for (const files of ['[]', '"x"', '[["a","b"]]', 'not json']) {
    const answer = await action(page, { action: 'reportshelf_split_files', nonce, key, files });
    assert.equal(answer.status, 400, files);
    assert.equal(answer.message, 'The files must come as a JSON object of path and text.');
  }

  // The manifest: only this build's, and only once every file it reads has arrived.
  const manifest = (over: object) =>
    JSON.stringify({ version: 1, format: 'split', build, count: 3, cards: 8, ids: 1, index: ['a'], ...over });
  const finish = (text: string) => action(page, { action: 'reportshelf_split_finish', nonce, key, manifest: text });
  assert.equal(
    (await finish(manifest({ build: 'fedcba9876543210' }))).message,
    'The manifest names another build than the files sent.',
  );
  assert.equal((await finish('{"reports":[]}')).message, 'This is not the manifest of a split catalogue.');
  assert.equal(
    (await finish(manifest({}))).message,
    "Only 0 of the catalogue's 10 files have arrived, so the catalogue was not saved. Save it again.",
  );
  assert.equal(existsSync(join(folder, 'catalogue.json')), false);

  // Someone else's upload in progress, or a forged key, is not this user's to write to.
  assert.equal(
    (await action(page, { action: 'reportshelf_split_files', nonce, key: 'A'.repeat(24), files: '{}' })).message,
    'This catalogue is not one being saved now (saving may have been stopped or taken more than a day). Save it again.',
  );
  // Without the screen's nonce, or without the right to upload: refused before anything is read.
  assert.equal((await action(page, { action: 'reportshelf_split_begin', nonce: 'forged', build })).status, 403);
  const other = await logIn(contributor);
  for (const step of ['begin', 'files', 'finish', 'abandon']) {
    const answer = await action(other.page, { action: `reportshelf_split_${step}`, nonce, key, build });
    assert.equal(answer.status, 403, step);
  }
  await other.context.close();

  // Abandoned, the folder begun goes.
  const abandoned = await action(page, { action: 'reportshelf_split_abandon', nonce, key });
  assert.equal(abandoned.status, 200, abandoned.text);
  assert.equal(existsSync(folder), false);
  await context.close();
  assert.deepEqual(phpErrors(), []);
});

test('a new version of a catalogue keeps its id: the build before stays, older ones go; a small version leaves the folder', async () => {
  const version = (name: string, special: string) => {
    const path = join(files, `${name}.csv`);
    writeFileSync(path, bigCsv(REPORTS, special));
    return path;
  };
  const v1 = version('weekly-1', 'Zanzibar fisheries inspection');
  const v2 = version('weekly-2', 'Mombasa port inspection');
  const v3 = version('weekly-3', 'Lamu dhow inspection');
  const { context, page } = await logIn(site.admin);
  const save = async (csv: string, reports: number) => {
    await page.goto(`${site.origin}/wp-admin/upload.php?page=reportshelf-catalogues`);
    await page.setInputFiles('#reportshelf-file', csv);
    await page.getByText(`${reports} reports are ready to save.`).waitFor();
    if (await page.locator('#reportshelf-list tbody tr', { hasText: 'Weekly' }).count()) {
      await page.getByLabel('Save as').selectOption({ label: 'A new version of “Weekly”' });
    } else {
      await page.getByLabel('Title', { exact: true }).fill('Weekly');
    }
    await page.getByRole('button', { name: 'Save catalogue' }).click();
    await page.getByText(`Saved “Weekly” with ${reports} reports.`).waitFor();
    const rows = page.locator('#reportshelf-list tbody tr', { hasText: 'Weekly' });
    assert.equal(await rows.count(), 1, 'one catalogue, listed once');
    return Number(/catalogue="(\d+)"/.exec((await rows.locator('code').textContent()) ?? '')?.[1]);
  };
  const folder = join(site.content, 'uploads', 'reportshelf', 'weekly');
  const build = () => (JSON.parse(readFileSync(join(folder, 'catalogue.json'), 'utf8')) as { build: string }).build;

  const id = await save(v1, REPORTS);
  const first = build();
  assert.equal(await save(v2, REPORTS), id);
  const second = build();
  assert.notEqual(second, first);
  assert.deepEqual(readdirSync(folder).sort(), [first, second, 'catalogue.json'].sort());
  assert.equal(await save(v3, REPORTS), id);
  const third = build();
  assert.deepEqual(readdirSync(folder).sort(), [second, third, 'catalogue.json'].sort());
  const media = await rest<{ source_url: string }>(page, `/wp/v2/media/${id}`);
  assert.equal(media.source_url, `${site.origin}/wp-content/uploads/reportshelf/weekly/catalogue.json`);

  // The page showing it shows the newest version.
  const created = await rest<{ link: string }>(page, '/wp/v2/pages', 'POST', {
    title: 'Weekly reports',
    status: 'publish',
    content: `[reportshelf catalogue="${id}"]`,
  });
  const visitor = await browser.newContext();
  visitor.setDefaultTimeout(120_000);
  const shelf = await visitor.newPage();
  await shelf.goto(created.link);
  const library = shelf.locator('shelf-library');
  await library.getByRole('searchbox').fill('lamu');
  await library.getByRole('heading', { name: 'Lamu dhow inspection' }).waitFor();
  await visitor.close();

  // A small version is one file: the folder goes, and the catalogue keeps its id.
  const small = fileURLToPath(new URL('../fixtures/curators/catalogue.csv', import.meta.url));
  assert.equal(await save(small, 3), id);
  assert.equal(existsSync(folder), false);
  const single = await rest<{ source_url: string }>(page, `/wp/v2/media/${id}`);
  assert.match(single.source_url, /\/wp-content\/uploads\/\d{4}\/\d{2}\/[^/]+\.json$/);
  assert.equal(((await (await fetch(single.source_url)).json()) as { reports: unknown[] }).reports.length, 3);
  // And a large one again moves it back into a folder; the one file goes.
  assert.equal(await save(v1, REPORTS), id);
  assert.equal((await fetch(single.source_url)).status, 404);
  const again = await rest<{ source_url: string }>(page, `/wp/v2/media/${id}`);
  assert.match(again.source_url, /\/wp-content\/uploads\/reportshelf\/[a-z0-9-]+\/catalogue\.json$/);
  const gone = await action(page, {
    action: 'reportshelf_split_begin',
    nonce: (await page.locator('#reportshelf-upload').getAttribute('data-nonce'))!,
    build: '0123456789abcdef',
    replace: '999999',
  });
  assert.equal(gone.message, 'The catalogue to replace is no longer in the media library.');
  await context.close();

  // An Author may upload, but not replace a catalogue that is not theirs: it is not offered, and refused if asked.
  const other = await logIn(author);
  await other.page.goto(`${site.origin}/wp-admin/upload.php?page=reportshelf-catalogues`);
  assert.deepEqual(await other.page.getByLabel('Save as').locator('option').allTextContents(), ['A new catalogue']);
  const nonce = (await other.page.locator('#reportshelf-upload').getAttribute('data-nonce'))!;
  const catalogue = JSON.stringify({ version: 1, reports: [{ id: 'a', title: 'A' }] });
  for (const fields of [
    { action: 'reportshelf_save_catalogue', catalogue } as Record<string, string>,
    { action: 'reportshelf_split_begin', build: '0123456789abcdef' },
  ]) {
    const answer = await action(other.page, { ...fields, nonce, replace: String(id) });
    assert.equal(answer.status, 403, fields.action);
    assert.equal(answer.message, 'Sorry, you are not allowed to replace this catalogue.');
  }
  await other.context.close();
  assert.equal((await fetch(again.source_url)).status, 200);
  assert.deepEqual(phpErrors(), []);
});

test('two catalogues of one title begun at the same moment get a folder each', async () => {
  // A must-use plugin holds each "Race" request at its second look at the uploads folder (after the
  // sweep of old folders) until both have come that far: before, that was between seeing a name
  // free and making its folder, so both requests took the same name, every time.
  const marks = join(site.content, 'race-marks');
  mkdirSync(marks);
  writeFileSync(
    join(site.content, 'mu-plugins', 'race.php'),
    `<?php add_filter( 'upload_dir', static function ( $dir ) {
  static $calls = 0;
  $sweep = in_array( 'reportshelf_split_sweep', array_column( debug_backtrace(), 'function' ), true );
  if ( $sweep || 'reportshelf_split_begin' !== ( $_POST['action'] ?? '' ) || 'Race' !== ( $_POST['title'] ?? '' ) || 2 !== ++$calls ) {
    return $dir;
  }
  touch( ${JSON.stringify(marks)} . '/' . $_POST['build'] );
  for ( $until = microtime( true ) + 20; count( glob( ${JSON.stringify(marks)} . '/*' ) ) < 2 && microtime( true ) < $until; ) {
    usleep( 10000 );
  }
  return $dir;
} );\n`,
  );
  const { context, page } = await logIn(site.admin);
  await page.goto(`${site.origin}/wp-admin/upload.php?page=reportshelf-catalogues`);
  const nonce = (await page.locator('#reportshelf-upload').getAttribute('data-nonce'))!;
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const builds = ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'];
  // Two connections of their own (a browser page may send its requests down one).
  const begun = await Promise.all(
    builds.map(async (build) => {
      const response = await fetch(`${site.origin}/wp-admin/admin-ajax.php`, {
        method: 'POST',
        headers: { cookie, connection: 'close' },
        body: new URLSearchParams({ action: 'reportshelf_split_begin', nonce, build, title: 'Race' }),
      });
      return { status: response.status, text: await response.text() };
    }),
  );
  rmSync(join(site.content, 'mu-plugins', 'race.php'));
  rmSync(marks, { recursive: true });
  const folders = readdirSync(join(site.content, 'uploads', 'reportshelf'));
  assert.deepEqual(folders.filter((name) => name.startsWith('race')).sort(), ['race', 'race-2']);
  for (const [i, answer] of begun.entries()) {
    assert.equal(answer.status, 200, answer.text);
    const { key } = (JSON.parse(answer.text) as { data: { key: string } }).data;
    assert.equal((await action(page, { action: 'reportshelf_split_abandon', nonce, key })).status, 200, builds[i]);
  }
  assert.equal(existsSync(join(site.content, 'uploads', 'reportshelf', 'race')), false);
  assert.equal(existsSync(join(site.content, 'uploads', 'reportshelf', 'race-2')), false);
  await context.close();
  assert.deepEqual(phpErrors(), []);
});

test('deleting the plugin removes the folders of its large catalogues', async () => {
  const parent = join(site.content, 'uploads', 'reportshelf');
  assert.ok(readdirSync(parent).length > 0, 'a large catalogue from the test before');
  const { context, page } = await logIn(site.admin);
  await page.goto(`${site.origin}/wp-admin/plugins.php`);
  const plugin = 'Reportshelf report library';
  await Promise.all([
    page.waitForURL(/deactivate=true/),
    page.getByRole('link', { name: `Deactivate ${plugin}` }).click(),
  ]);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('link', { name: `Delete ${plugin}` }).click();
  await page.getByText(`${plugin} was successfully deleted.`).waitFor();
  assert.equal(existsSync(parent), false);
  await context.close();
  assert.deepEqual(phpErrors(), []);
});
