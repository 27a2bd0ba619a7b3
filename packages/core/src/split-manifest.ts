/** Checks a split catalogue's manifest (see split.ts) before anything is made for it. */
import { readPlaces } from './parse.js';
import { ANALYSIS } from './text.js';
import { BUILD_NAME, type SplitManifest } from './split.js';
import { FACET_NAMES } from './types.js';

/** Whether a parsed `src` is a split catalogue's manifest rather than a catalogue. */
export const isSplit = (input: unknown): boolean =>
  typeof input === 'object' && input !== null && (input as { format?: unknown }).format === 'split';

const count = (value: unknown, min = 0, max = MAX_REPORTS): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * The most reports a manifest may claim. A reader holds some 35 bytes per report before it has
 * fetched anything (years, facet rows, title ranks): 2,000,000 is 70 MB, twenty times the largest
 * catalogue tested (100,000), and well short of what a tab can hold; a claim past it is a broken or
 * hostile file, refused before anything is made for it.
 */
export const MAX_REPORTS = 2_000_000;
/** The most index files a manifest may list: a term per file at most, and terms are far fewer than reports. */
const MAX_INDEX_FILES = 1_000_000;

/** A split catalogue's manifest, checked: the manifest, or what is wrong with it, in words. */
export function readManifest(input: unknown): SplitManifest | string {
  const m = input as Record<string, unknown>;
  const facets = m.facets as Record<string, unknown> | undefined;
  const index = m.index as unknown[];
  if (m.version !== 1) return 'the split catalogue\'s "version" is not 1';
  if (!count(m.count)) return `"count" is not a number of reports from 0 to ${MAX_REPORTS.toLocaleString('en')}`;
  if (!count(m.cards, 1, 1000) || !count(m.ids, 1)) return '"cards" and "ids" must be whole numbers of files';
  if (typeof facets !== 'object' || facets === null || !FACET_NAMES.every((name) => count(facets[name])))
    return `"facets" must give the number of values of ${FACET_NAMES.join(', ')}`;
  if (
    !Array.isArray(index) ||
    index.length === 0 ||
    index.length > MAX_INDEX_FILES ||
    !index.every((t) => typeof t === 'string')
  )
    return '"index" must list the first term of each index file';
  if (m.title !== undefined && typeof m.title !== 'string') return '"title" is not text';
  if (m.language !== undefined && typeof m.language !== 'string') return '"language" is not a language code';
  if (m.feeds !== undefined && !(Array.isArray(m.feeds) && m.feeds.every((name) => FACET_NAMES.includes(name))))
    return `"feeds" must list facets (${FACET_NAMES.join(', ')})`;
  if (m.places !== undefined && !readPlaces(m.places)) return '"places" must map each region to a list of countries';
  if (m.build !== undefined && !(typeof m.build === 'string' && BUILD_NAME.test(m.build)))
    return '"build" is not the name of a build (16 hex digits)';
  // Terms made by another analysis would be searched wrongly.
  if (m.analysis !== ANALYSIS || !Array.isArray(m.languages))
    return `it was built by another version of Reportshelf: build it again with this one (${ANALYSIS})`;
  return m as unknown as SplitManifest;
}
