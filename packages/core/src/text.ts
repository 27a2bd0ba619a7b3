/** Lower-cases and strips diacritics so that "é" matches "e" and "ñ" matches "n". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
