/**
 * The Atom feeds the CLI writes beside a catalogue (`feed.xml` of the newest reports, and one per
 * value of the facets the catalogue's `feeds` names), and which of them follows what a visitor is
 * looking at: the page offers that one to subscribe to.
 */
import { foldText } from './text.js';
import type { FacetName, Query } from './types.js';

/** The feed of every new report, beside the catalogue. */
export const FEED_PATH = 'feed.xml';

/**
 * A facet value's feed file: `feeds/country/cote-d-ivoire.xml`. Every word of the value, not a
 * title's slug (its first six words, before a colon or a dash), so that "Forced labour: fishing"
 * and "Forced labour: mining", or "Congo - Brazzaville" and "Congo - Kinshasa", are feeds apart.
 */
export const facetFeedPath = (facet: FacetName, value: string): string => {
  const words = foldText(value)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join('-');
  // A file name's 255 bytes hold 60 characters of any script (4 bytes each at most in UTF-8).
  const slug = [...words].slice(0, 60).join('').replace(/-+$/, '');
  return `feeds/${facet}/${slug || 'value'}.xml`;
};

/** A feed to offer: its path beside the catalogue, and the facet value it follows (none: every new report). */
export interface Feed {
  path: string;
  value?: string;
}

/**
 * The feed that follows a query's filters, where the catalogue has feeds (its `feeds`): one value
 * chosen, of a facet that has feeds, is that value's feed; anything else (no filter, several
 * values) is followed by the feed of every new report, as no feed holds exactly those. Words and
 * years are no feed's: a new report on them is among every new report.
 */
export function followFeed(feeds: readonly FacetName[] | undefined, query: Query): Feed | undefined {
  if (!feeds) return undefined;
  const chosen = Object.entries(query.filters).filter(([, values]) => values?.length);
  const [facet, values] = chosen[0] ?? [];
  return chosen.length === 1 && values!.length === 1 && feeds.includes(facet as FacetName)
    ? { path: facetFeedPath(facet as FacetName, values![0]!), value: values![0]! }
    : { path: FEED_PATH };
}
