/**
 * `npm run build:wordpress`: the plugin folder (plugin/), the drop-in files from
 * packages/embed/dist, and the catalogue upload script (bundled by Vite from src/), written to
 * dist/reportshelf/ and zipped as dist/reportshelf.zip, which Plugins → Add New → Upload installs.
 */
import { build } from 'vite';
import { zipSync } from 'fflate';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const embed = join(here, '../embed/dist');
const out = join(here, 'dist');
const folder = join(out, 'reportshelf');
// The drop-in files, and what the lite one loads from beside itself: the languages, the cite and
// export panels, its search worker, the filter's region tree (a catalogue with regions) and the
// page's side of a split catalogue.
const DROP_IN = [
  'reportshelf.js',
  'reportshelf.lite.js',
  'reportshelf.fr.js',
  'reportshelf.es.js',
  'reportshelf.ar.js',
  'reportshelf.cite.js',
  'reportshelf.search.js',
  'reportshelf.regions.js',
  'reportshelf.split.js',
];

for (const file of DROP_IN) {
  if (!existsSync(join(embed, file))) {
    throw new Error(`packages/embed/dist/${file} is missing: run \`npm run build -w @reportshelf/embed\` first.`);
  }
}
rmSync(out, { recursive: true, force: true });
cpSync(join(here, 'plugin'), folder, { recursive: true });
mkdirSync(join(folder, 'assets'));
for (const file of DROP_IN) cpSync(join(embed, file), join(folder, 'assets', file));

await build({
  configFile: false,
  logLevel: 'warn',
  resolve: { conditions: ['source'] },
  build: {
    outDir: join(folder, 'assets'),
    emptyOutDir: false,
    target: 'es2022',
    lib: {
      entry: join(here, 'src/catalogue-upload.ts'),
      formats: ['iife'],
      name: 'ReportshelfCatalogueUpload',
      fileName: () => 'catalogue-upload.js',
    },
  },
});

/** Every file under a folder, as zip entries under the plugin's folder name. */
function entries(dir) {
  const files = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(files, entries(path));
    else files[`reportshelf/${relative(folder, path).split('\\').join('/')}`] = readFileSync(path);
  }
  return files;
}
writeFileSync(join(out, 'reportshelf.zip'), zipSync(entries(folder), { level: 9 }));
console.log(`packages/wordpress/dist/reportshelf.zip: ${statSync(join(out, 'reportshelf.zip')).size} bytes`);
