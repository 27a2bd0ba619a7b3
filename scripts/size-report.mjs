/**
 * `npm run size`: what the lite drop-in file is made of, from its source map: for each package
 * or source file, its minified bytes and those bytes gzipped on their own (level 9). Parts
 * compress worse alone than together, so the column sums to more than the file; it ranks what
 * costs most. Run after `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';

const file = fileURLToPath(new URL('../packages/embed/dist/reportshelf.lite.js', import.meta.url));
const code = readFileSync(file, 'utf8');
const map = new TraceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
const lines = code.split('\n');
const offsets = [];
let o = 0;
for (const l of lines) {
  offsets.push(o);
  o += l.length + 1;
}
const segs = [];
eachMapping(map, (m) =>
  segs.push({ pos: offsets[m.generatedLine - 1] + m.generatedColumn, src: m.source ?? '(none)' }),
);
segs.sort((a, b) => a.pos - b.pos);
const per = new Map();
for (let i = 0; i < segs.length; i++) {
  const end = i + 1 < segs.length ? segs[i + 1].pos : code.length;
  const group = segs[i].src
    .replace(/.*node_modules\/(@[^/]+\/[^/]+|[^/]+).*/, '$1')
    .replace(/.*packages\/([^/]+)\/src\/(.*)/, '$1/$2');
  per.set(group, (per.get(group) ?? '') + code.slice(segs[i].pos, end));
}
const total = gzipSync(code, { level: 9 }).length;
const rows = [...per]
  .map(([g, text]) => [g, text.length, gzipSync(text, { level: 9 }).length])
  .sort((a, b) => b[2] - a[2]);
let sum = 0;
for (const r of rows) sum += r[2];
console.log(`${'gzip'.padStart(6)} ${'min'.padStart(7)}  source`);
for (const [g, raw, gz] of rows) console.log(`${String(gz).padStart(6)} ${String(raw).padStart(7)}  ${g}`);
console.log(`reportshelf.lite.js: ${total} bytes gzipped (level 9); the parts alone: ${sum}`);
