/** Lower-cases and strips diacritics so that "é" matches "e" and "ñ" matches "n". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/**
 * The index terms of a text: words are runs of letters, marks and digits (symbols such as < = $
 * split words as punctuation does), folded. The search index's own tokenizer and term processing.
 */
export const termsOf = (text: string): string[] =>
  text
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .map(foldText)
    .filter((term) => term !== '');

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

/** Title counts most, then people and organisations, then everything else. */
export const FIELD_BOOST: Record<string, number> = { title: 4, authors: 2, organizations: 1.5 };
