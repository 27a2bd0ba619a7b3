import type { PlaceCounter } from './query.js';
import { FACET_NAMES } from './types.js';

/**
 * Counts a catalogue's regions (its `places`) as a query's reports are counted (see
 * `Results.places`): each region's reports, those in any of its countries, each once, as the
 * countries are counted (every constraint met but theirs perhaps). Given to the query engine by
 * the engines that answer region counts (the index in the page, a split catalogue's reader); left
 * out of the lite file, whose region tree counts them itself (regions.ts, loaded on demand).
 */
export const countPlaces: PlaceCounter = ({ catalogue, facets, flat }) => {
  if (!catalogue.places) return;
  const regions = Object.entries(catalogue.places);
  const country = FACET_NAMES.indexOf('country');
  // The regions each country's value is in, by its flat number.
  const regionsOf: number[][] = [];
  regions.forEach(([, names], g) => {
    for (const name of names) {
      const id = facets.country.ids.get(name);
      if (id !== undefined) (regionsOf[flat.base[country]! + id] ??= []).push(g);
    }
  });
  const inRegion = regions.map(() => 0);
  // The candidate each region last counted: a report in two of its countries counts once.
  const last = regions.map(() => -1);
  return {
    add(c, from, to, missing) {
      if (missing & ~(1 << country)) return;
      for (let k = from; k < to; k++)
        regionsOf[flat.values[k]!]?.forEach((g) => {
          if (last[g] != c) {
            last[g] = c;
            inRegion[g]!++;
          }
        });
    },
    counts: () => Object.fromEntries(regions.map(([region], g) => [region, inRegion[g]!])),
  };
};
