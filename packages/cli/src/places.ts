import type { Catalogue } from '@reportshelf/core';

/**
 * The UN M49 regions (see scripts/places-data.mjs): region → ISO alpha-3 → [alpha-2, names…],
 * the names the M49 table's and those of i18n-iso-countries in English, French, Spanish and Arabic.
 * Read on first use: only a build that groups countries pays for it. Where it comes from is said by
 * `useM49`: the CLI reads data/m49.json from disk, the converter page and the WordPress upload screen
 * bundle it (this module reads no file, so a browser build can take it).
 */
export type M49 = Record<string, Record<string, string[]>>;

let m49Source: (() => M49) | undefined;

/** Where the M49 table comes from (see above); before a first grouping. */
export const useM49 = (load: () => M49): void => {
  m49Source = load;
  lookup = undefined;
};

/** Common names the tables above lack (by alpha-3), and Kosovo, which M49 does not list apart from Serbia. */
const ALIASES: Record<string, string[]> = {
  SYR: ['Syria'],
  COD: ['DR Congo', 'DRC', 'Congo-Kinshasa', 'Congo (Kinshasa)', 'Congo, Democratic Republic of the', 'RDC'],
  COG: ['Congo-Brazzaville', 'Congo (Brazzaville)', 'Congo, Republic of the'],
  LAO: ['Laos', 'Lao PDR'],
  VNM: ['Viet Nam'],
  MDA: ['Moldova', 'Republic of Moldova'],
  MKD: ['Macedonia', 'FYR Macedonia'],
  SWZ: ['Swaziland'],
  MMR: ['Burma'],
  CPV: ['Cabo Verde'],
  TLS: ['East Timor'],
  FSM: ['Micronesia', 'Federated States of Micronesia'],
  BRN: ['Brunei'],
  PRK: ["Democratic People's Republic of Korea", 'DPRK'],
  BOL: ['Bolivia (Plurinational State of)'],
  VEN: ['Venezuela (Bolivarian Republic of)'],
  GBR: ['Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland'],
  USA: ['United States', 'États-Unis'],
  TUR: ['Turkey', 'Türkiye'],
  CIV: ['Ivory Coast'],
  XKX: ['Kosovo', 'XK'],
};
/** Kosovo's region: Serbia's (M49 counts it within Serbia). */
const KOSOVO_REGION = 'Southern Europe';

/** Compared without case, accents, punctuation or a leading "the": "Cote d'Ivoire" is "Côte d’Ivoire". */
export const placeKey = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');

let lookup: Map<string, string> | undefined;

/** Each name and code, folded, to its region. A name two countries share goes to the one whose own name it is. */
function regionsByName(): Map<string, string> {
  if (lookup) return lookup;
  if (!m49Source) throw new Error('No UN M49 table: call useM49 first.');
  const m49 = m49Source();
  const entries: [region: string, names: string[]][] = [];
  for (const [region, areas] of Object.entries(m49))
    for (const [alpha3, [alpha2, ...names]] of Object.entries(areas))
      entries.push([region, [alpha3, alpha2!, ...names, ...(ALIASES[alpha3] ?? [])]]);
  entries.push([KOSOVO_REGION, ['XKX', ...ALIASES.XKX!]]);
  lookup = new Map();
  // Codes and each country's first (M49) name first, then the other names where still free: "Congo"
  // is the Republic of the Congo's M49 name, and only a variant of the Democratic Republic's.
  for (const pass of [0, 1])
    for (const [region, names] of entries)
      names.forEach((name, i) => {
        const key = placeKey(name);
        if (key && (pass === 0 ? i < 3 : !lookup!.has(key))) lookup!.set(key, region);
      });
  return lookup;
}

/** The region of a country name or ISO code, if M49 places it. */
export function regionOf(country: string): string | undefined {
  return regionsByName().get(placeKey(country));
}

/**
 * A catalogue's countries grouped by M49 region (`places`), regions and countries in the
 * catalogue's order of first use, and the countries that could not be placed ("Worldwide",
 * "Balkans", a misspelling): those are simply not grouped.
 */
export function groupPlaces(catalogue: Catalogue): { places: Record<string, string[]>; unplaced: string[] } {
  const places: Record<string, string[]> = {};
  const unplaced = new Set<string>();
  const seen = new Set<string>();
  for (const report of catalogue.reports)
    for (const country of report.countries) {
      if (seen.has(country)) continue;
      seen.add(country);
      const region = regionOf(country);
      if (region) (places[region] ??= []).push(country);
      else unplaced.add(country);
    }
  return { places, unplaced: [...unplaced] };
}

/**
 * The catalogue with its countries grouped by UN M49 region (`places`, before the reports), or
 * without any grouping (`group` false, which also drops one the input had); and the countries M49
 * cannot place, which show after the regions, ungrouped. The CLI, the converter page and the
 * WordPress upload screen all write it so.
 */
export function withPlaces(catalogue: Catalogue, group = true): { catalogue: Catalogue; unplaced: string[] } {
  const { reports, ...frame } = catalogue;
  delete frame.places;
  if (!group) return { catalogue: { ...frame, reports }, unplaced: [] };
  const { places, unplaced } = groupPlaces(catalogue);
  return {
    catalogue: Object.keys(places).length > 0 ? { ...frame, places, reports } : { ...frame, reports },
    unplaced,
  };
}
