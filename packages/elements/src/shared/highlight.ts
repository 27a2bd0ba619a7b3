import { html, type TemplateResult } from 'lit';
import { foldText } from '@reportshelf/core';

const WORDS = /[\p{L}\p{N}]+/gu;
const ARTICLE = /^(وال|بال|كال|فال|لل|ال)/;

/**
 * Whether a folded word is one a matched index term stands for. Terms are stems ("traffick"), so a
 * word that begins with one and goes on for a suffix's length is one ("trafficking"); a stem ending
 * in i may come from a y ("studi", "study"); an Arabic word may have its article before the stem.
 * The stemmers themselves stay in the search worker: this is their shadow, for marking only.
 */
function stands(word: string, term: string): boolean {
  if (word === term) return true;
  // A term of three letters or fewer would begin too many words.
  if (term.length < 4) return false;
  for (const w of [word, word.replace(ARTICLE, '')])
    if (
      w.length - term.length <= 5 &&
      (w.startsWith(term) || (term.endsWith('i') && w.startsWith(`${term.slice(0, -1)}y`)))
    )
      return true;
  return false;
}

/**
 * Marks every word the matched terms stand for, comparing accent-folded text, so that the term
 * "peru" marks "Perú" and "traffick" marks "trafficked". Returns Lit parts built from text, never
 * from HTML.
 */
export function highlight(text: string, terms: readonly string[]): (string | TemplateResult)[] {
  if (terms.length === 0 || text === '') return [text];
  // Fold character by character, remembering where each folded character came from; plain ASCII
  // (most English text) folds to the same positions, so it takes the short way.
  const ascii = !/[^ -~\s]/.test(text);
  let folded = ascii ? text.toLowerCase() : '';
  const origin: number[] = [];
  for (let i = 0; !ascii && i < text.length;) {
    const cp = text.codePointAt(i)!;
    const char = String.fromCodePoint(cp);
    const f = foldText(char);
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
    i += char.length;
  }
  origin.push(text.length);
  const at = (i: number) => (ascii ? i : origin[i]!);
  const ranges: [number, number][] = [];
  const wanted = [...new Set(terms.map(foldText))].filter(Boolean);
  for (const match of folded.matchAll(WORDS))
    if (wanted.some((term) => stands(match[0], term)))
      ranges.push([at(match.index), at(match.index + match[0].length)]);
  if (ranges.length === 0) return [text];
  const parts: (string | TemplateResult)[] = [];
  let cursor = 0;
  for (const [start, end] of ranges) {
    if (end <= cursor) continue;
    const from = Math.max(start, cursor);
    if (from > cursor) parts.push(text.slice(cursor, from));
    parts.push(html`<mark part="highlight">${text.slice(from, end)}</mark>`);
    cursor = end;
  }
  if (cursor < text.length) parts.push(text.slice(cursor));
  return parts;
}
