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
