import { html, type TemplateResult } from 'lit';
import { foldText } from '@reportshelf/core';

const WORD = /[\p{L}\p{N}]/u;

/**
 * Marks every whole-word occurrence of the matched terms, comparing accent-folded text, so that
 * the term "peru" marks "Perú". Returns Lit parts built from text, never from HTML.
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
  for (const term of new Set(terms.map(foldText))) {
    if (term === '') continue;
    for (let start = folded.indexOf(term); start !== -1; start = folded.indexOf(term, start + 1)) {
      const end = start + term.length;
      if ((start > 0 && WORD.test(folded[start - 1]!)) || (end < folded.length && WORD.test(folded[end]!))) continue;
      ranges.push([at(start), at(end)]);
    }
  }
  if (ranges.length === 0) return [text];
  ranges.sort((a, b) => a[0] - b[0]);
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
