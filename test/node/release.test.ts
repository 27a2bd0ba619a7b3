/**
 * The release (run after `npm run build`, which `npm test` does before the Node tests; the release
 * script packs what is built and says so when it is not): scripts/release.mjs into a temporary
 * folder, then each npm tarball unpacked and checked for its files and metadata, SHA256SUMS checked
 * against the files, and the drop-in folder's README checked against the files it names.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

const root = fileURLToPath(new URL('../../', import.meta.url));
const version = JSON.parse(readFileSync(join(root, 'packages/embed/package.json'), 'utf8')).version as string;
const PACKAGES = ['core', 'elements', 'cli', 'embed'];
let out = '';
/** Each package's tarball, unpacked: its folder. */
const unpacked = new Map<string, string>();

before(() => {
  out = mkdtempSync(join(tmpdir(), 'reportshelf-release-'));
  const run = spawnSync(process.execPath, [join(root, 'scripts/release.mjs'), '--out', join(out, 'release')], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, `scripts/release.mjs failed (has \`npm run build\` run?):\n${run.stderr}`);
  for (const name of PACKAGES) {
    const tarball = join(out, 'release/npm', `reportshelf-${name}-${version}.tgz`);
    assert.ok(existsSync(tarball), `no tarball for @reportshelf/${name}`);
    const dir = join(out, 'unpacked', name);
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', dir]);
    unpacked.set(name, join(dir, 'package'));
  }
});
after(() => rmSync(out, { recursive: true, force: true }));

const pkg = (name: string) => JSON.parse(readFileSync(join(unpacked.get(name)!, 'package.json'), 'utf8'));
const has = (name: string, path: string) => existsSync(join(unpacked.get(name)!, path));

/** Every file path an `exports` map names (patterns and conditions included). */
function exportTargets(exports: unknown): string[] {
  if (typeof exports == 'string') return [exports];
  if (exports && typeof exports == 'object') return Object.values(exports).flatMap(exportTargets);
  return [];
}

test('every tarball holds LICENSE, README and complete metadata', () => {
  for (const name of PACKAGES) {
    const json = pkg(name);
    for (const file of ['LICENSE', 'README.md', 'package.json']) assert.ok(has(name, file), `${name}: no ${file}`);
    assert.match(readFileSync(join(unpacked.get(name)!, 'LICENSE'), 'utf8'), /MIT License/);
    assert.equal(json.license, 'MIT');
    assert.match(json.repository?.url ?? '', /^git\+https:\/\/.+\.git$/, `${name}: repository`);
    assert.equal(json.repository.directory, `packages/${name}`);
    assert.match(json.homepage ?? '', /^https:\/\//, `${name}: homepage`);
    assert.match(json.bugs ?? '', /^https:\/\/.+\/issues$/, `${name}: bugs`);
    assert.match(json.engines?.node ?? '', /^>=\d/, `${name}: engines`);
    assert.ok(json.keywords?.length >= 3, `${name}: keywords`);
    assert.ok(json.description, `${name}: description`);
    assert.equal(json.exports['./package.json'], './package.json', `${name}: ./package.json exported`);
    assert.ok('sideEffects' in json, `${name}: sideEffects`);
    // What the package names exists in it (the `source` condition's src/ too, where it is shipped).
    const named = [
      json.main,
      json.types,
      json.unpkg,
      json.jsdelivr,
      json.customElements,
      ...Object.values(json.bin ?? {}),
    ];
    for (const path of [...named, ...exportTargets(json.exports)].filter((p) => p && !p.includes('*')))
      assert.ok(has(name, path), `${name}: ${path} is named in package.json but not in the tarball`);
    // Workspace dependencies name the version released with them.
    for (const [dep, range] of Object.entries<string>(json.dependencies ?? {}))
      if (dep.startsWith('@reportshelf/')) assert.equal(range, version, `${name}: ${dep}`);
    assert.ok(!has(name, 'test') && !has(name, 'tsconfig.build.json'), `${name}: ships only what users need`);
  }
});

test('@reportshelf/elements carries its manifest, VS Code data and JSX types', () => {
  const json = pkg('elements');
  assert.equal(json.customElements, 'custom-elements.json');
  assert.equal(json.exports['./custom-elements.json'], './custom-elements.json');
  const manifest = JSON.parse(readFileSync(join(unpacked.get('elements')!, 'custom-elements.json'), 'utf8'));
  const tags = manifest.modules.flatMap((m: { declarations?: { tagName?: string }[] }) =>
    (m.declarations ?? []).flatMap((d) => d.tagName ?? []),
  );
  assert.ok(tags.includes('shelf-library') && tags.length >= 9, `manifest lists ${tags.join(', ')}`);
  const vscode = JSON.parse(readFileSync(join(unpacked.get('elements')!, 'vscode.html-custom-data.json'), 'utf8'));
  assert.deepEqual(vscode.tags.map((t: { name: string }) => t.name).sort(), [...tags].sort());
  for (const file of ['dist/jsx/react.d.ts', 'dist/jsx/preact.d.ts', 'dist/jsx/elements.d.ts'])
    assert.ok(has('elements', file), file);
  // define registers the elements; index gives them their loaders (the languages, panels and engines in the page).
  assert.deepEqual(json.sideEffects, ['./dist/define.js', './src/define.ts', './dist/index.js', './src/index.ts']);
  // The version stamped on the elements (to tell two copies on a page apart) is the package's.
  const stamped = readFileSync(join(unpacked.get('elements')!, 'dist/shared/define-element.js'), 'utf8');
  assert.match(stamped, new RegExp(`VERSION = '${version.replace(/\./g, '\\.')}'`));
  assert.equal(pkg('core').sideEffects, false);
});

test('@reportshelf/embed points unpkg and jsdelivr at the drop-in file and exports every file', () => {
  const json = pkg('embed');
  assert.equal(json.unpkg, './dist/reportshelf.js');
  assert.equal(json.jsdelivr, './dist/reportshelf.js');
  assert.equal(json.exports['./*'], './dist/*');
  // The files hold everything they run: installing them installs nothing else.
  assert.deepEqual(json.dependencies ?? {}, {});
  for (const file of ['reportshelf.js', 'reportshelf.lite.js', 'reportshelf.search.js', 'reportshelf.cite.js'])
    assert.ok(has('embed', `dist/${file}`), file);
});

test('SHA256SUMS lists every file of the release with its right sum', () => {
  const release = join(out, 'release');
  const listed = readFileSync(join(release, 'SHA256SUMS'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => {
      const [, sum, path] = /^([0-9a-f]{64}) {2}(.+)$/.exec(line) ?? assert.fail(`not a sum line: ${line}`);
      assert.equal(
        createHash('sha256')
          .update(readFileSync(join(release, path!)))
          .digest('hex'),
        sum,
        path,
      );
      return path;
    });
  const all = readdirSync(release, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name != 'SHA256SUMS')
    .map((e) => join(e.parentPath, e.name).slice(release.length + 1))
    .sort();
  assert.deepEqual([...listed].sort(), all);
  assert.ok(all.includes(`reportshelf-wordpress-${version}.zip`));
});

test('the drop-in folder holds what the build writes, and its README names only files that are there', () => {
  const release = join(out, 'release');
  const folder = join(release, `reportshelf-${version}`);
  const inFolder = readdirSync(folder).sort();
  const built = readdirSync(join(root, 'packages/embed/dist')).sort();
  assert.deepEqual(
    inFolder.filter((f) => !['README.txt', 'LICENSE.txt'].includes(f)),
    built,
  );
  const readme = readFileSync(join(folder, 'README.txt'), 'utf8');
  const named = new Set(readme.match(/\breportshelf[\w.-]*\.(?:js|zip)\b/g));
  for (const file of named)
    assert.ok(
      inFolder.includes(file) || existsSync(join(release, file)),
      `README.txt names ${file}, which is not there`,
    );
  // Every script is explained (the source maps are named as a kind).
  for (const file of inFolder.filter((f) => f.endsWith('.js'))) assert.ok(named.has(file), `README.txt omits ${file}`);
  assert.match(readme, /<script src="[^"]*reportshelf\.js"><\/script>\n\s*<shelf-library><\/shelf-library>/);
  assert.match(readme, /<shelf-library src="[^"]+">/);
  // The converter page, which a curator opens from the folder itself.
  assert.ok(inFolder.includes('catalogue.html'));
  assert.match(readme, /catalogue\.html +Open this page/);
  // The zip holds the same folder.
  const zip = unzipSync(readFileSync(join(release, `reportshelf-${version}.zip`)));
  assert.deepEqual(
    Object.keys(zip).sort(),
    inFolder.map((f) => `reportshelf-${version}/${f}`),
  );
});
