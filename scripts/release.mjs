/**
 * `npm run release` (which builds first): everything a release offers, in release/ (git-ignored):
 * - reportshelf-VERSION/: the drop-in files as the build writes them, with a README.txt for
 *   whoever puts them on a site (which file, where, the two lines), and the same folder zipped;
 * - reportshelf-wordpress-VERSION.zip: the WordPress plugin;
 * - npm/: the tarball of each published package, as `npm pack` makes it (prepack adds LICENSE and
 *   the elements' custom-elements.json);
 * - SHA256SUMS: every file above, in the format `sha256sum -c SHA256SUMS` checks.
 *
 * It packs what is built and says so when something is not: `node scripts/release.mjs [--out DIR]`
 * alone (as the release test runs it) does not build.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { zipSync } from 'fflate';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string', default: join(root, 'release') } } });
const out = values.out;

/** The published packages, in the order they depend on each other. */
const PACKAGES = ['core', 'elements', 'cli', 'embed'];
const version = JSON.parse(readFileSync(join(root, 'packages/embed/package.json'), 'utf8')).version;
const embedDist = join(root, 'packages/embed/dist');
const wordpressZip = join(root, 'packages/wordpress/dist/reportshelf.zip');

for (const [path, build] of [
  [join(embedDist, 'reportshelf.lite.js'), 'npm run build'],
  [wordpressZip, 'npm run build:wordpress'],
])
  if (!existsSync(path)) {
    console.error(`release: ${relative(root, path)} is missing: run \`${build}\` first.`);
    process.exit(1);
  }

rmSync(out, { recursive: true, force: true });
const folderName = `reportshelf-${version}`;
const folder = join(out, folderName);
mkdirSync(folder, { recursive: true });

// The drop-in files: everything the embed build writes (scripts and their source maps).
const dropIn = readdirSync(embedDist).filter((f) => statSync(join(embedDist, f)).isFile());
for (const file of dropIn) copyFileSync(join(embedDist, file), join(folder, file));
writeFileSync(join(folder, 'README.txt'), readme(version));
copyFileSync(join(root, 'LICENSE'), join(folder, 'LICENSE.txt'));

const zipped = {};
for (const file of readdirSync(folder).sort())
  zipped[`${folderName}/${file}`] = [readFileSync(join(folder, file)), { mtime: new Date('2000-01-01') }];
writeFileSync(join(out, `${folderName}.zip`), zipSync(zipped, { level: 9 }));

copyFileSync(wordpressZip, join(out, `reportshelf-wordpress-${version}.zip`));

mkdirSync(join(out, 'npm'));
execFileSync(
  'npm',
  ['pack', '--silent', '--pack-destination', join(out, 'npm'), ...PACKAGES.flatMap((p) => ['-w', `packages/${p}`])],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);

/** Every file under a folder, as paths relative to it, sorted. */
function files(dir, under = '') {
  return readdirSync(join(dir, under), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(dir, join(under, e.name)) : [join(under, e.name)]))
    .sort();
}
const sums = files(out).map(
  (f) =>
    `${createHash('sha256')
      .update(readFileSync(join(out, f)))
      .digest('hex')}  ${f}\n`,
);
writeFileSync(join(out, 'SHA256SUMS'), sums.join(''));
console.log(`release: ${sums.length} files in ${relative(root, out) || out}, summed in SHA256SUMS`);

/** The folder's README, for someone who puts files on a website and pastes HTML, not a developer. */
function readme(version) {
  return `Reportshelf ${version}: a searchable library of reports for any web page
===========================================================================

This folder holds everything a web page needs. Nothing to install, nothing to build.

1. Choose a file
----------------

- reportshelf.js        One file that holds everything, with a sample catalogue of reports.
                        The simplest choice: put this one file on your site and you are done.
- reportshelf.lite.js   A smaller file for showing YOUR OWN catalogue. It needs the files
                        below beside it, in the same folder:
    reportshelf.search.js   the search (it runs in the background, so the page stays quick)
    reportshelf.fr.js       French
    reportshelf.es.js       Spanish
    reportshelf.ar.js       Arabic
    reportshelf.cite.js     the Cite and Export buttons
    reportshelf.sheet.js    reads a spreadsheet (a published Google Sheet) given as src
    reportshelf.server.js   asks a search server (see the project's README) given as src
    reportshelf.split.js    reads a large catalogue in the split format given as src
    reportshelf.regions.js  shows countries under their regions, for a catalogue that has them

- catalogue.html        Open this page in your browser to make a catalogue from your
                        spreadsheet (see "Your own catalogue" below). It needs
    reportshelf.catalogue.js   beside it. It is not needed on your site.

The .map files are optional: they only help developers read errors.

2. Put the files on your site
-----------------------------

Upload this whole folder to your website (with your hosting's file manager, FTP, or
your content system's media or file upload), for example as /reportshelf/ so that the
file is at https://your-site.example/reportshelf/reportshelf.js.

Keep the files together. They may be on another website or a CDN than your pages, if
it sends them with the header Access-Control-Allow-Origin (most CDNs do); search then
runs in the page instead of in the background. To keep reportshelf.lite.js apart from
the others, name their folder on its script tag: data-reportshelf-base="/reportshelf/".

3. Paste two lines into your page
---------------------------------

Where the library should appear, paste:

    <script src="/reportshelf/reportshelf.js"></script>
    <shelf-library></shelf-library>

(Change /reportshelf/ to wherever you put the folder.)

Your own catalogue
------------------

A catalogue is a JSON file listing your reports. Make one from your spreadsheet (CSV,
Excel .xlsx or LibreOffice .ods): open catalogue.html from this folder in your browser,
choose the file, check what it says, and download catalogue.json. Nothing is sent
anywhere: it all happens in your browser. (The reportshelf command does the same; see
"The catalogue" in the project's README.) Put the file on your site and give its
address, using the lite file:

    <script src="/reportshelf/reportshelf.lite.js"></script>
    <shelf-library src="/reports/catalogue.json"></shelf-library>

Other settings go on the same line: lang="fr" (or en, es, ar), page-size="20",
theme="dark". The project's README lists them all.

WordPress
---------

Use reportshelf-wordpress-${version}.zip instead (Plugins, Add New, Upload Plugin).

Checking the download
---------------------

SHA256SUMS, beside this folder, lists each file's SHA-256 checksum:
"sha256sum -c SHA256SUMS" checks them.

Licence: MIT (LICENSE.txt). Source, documentation and help:
https://github.com/reportshelf/reportshelf
`;
}
