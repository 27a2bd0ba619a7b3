/**
 * Lower-cases and strips diacritics so that "é" matches "e" and "ñ" matches "n"; in Arabic, the
 * harakat go with the marks, the alef variants become ا (hamza and madda are marks too), ى becomes
 * ي, ة becomes ه, and tatweel goes.
 */
export function foldText(text: string): string {
  // Plain ASCII (most words of most catalogues) only changes case.
  if (!/[^\0-\x7f]/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/[\p{M}\u0640]+/gu, '')
    .replace(/\u0671/g, '\u0627')
    .replace(/\u0649/g, '\u064a')
    .replace(/\u0629/g, '\u0647')
    .toLowerCase();
}

/**
 * The name and version of the word analysis (see analysis.ts): a prebuilt index or a split folder
 * records it, and one made with another is not read.
 */
export const ANALYSIS = 'reportshelf-words-1';

/** The fields of a report the search index holds. */
export const INDEXED_FIELDS = [
  'title',
  'authors',
  'organizations',
  'summary',
  'countries',
  'regions',
  'categories',
] as const;
