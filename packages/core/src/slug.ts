import { foldText } from './text.js';

/**
 * A stable, readable id from a title and year: the main title (before a subtitle separator),
 * at most six words, then the year. "Beneath the Surface - Methodological…", 2010 → "beneath-the-surface-2010".
 */
export function slugify(title: string, year?: number): string {
  const main = title.split(/:|\s[-–—]|\.\s/)[0] ?? title;
  const words = foldText(main)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 6);
  if (year !== undefined) words.push(String(year));
  return words.join('-') || 'report';
}
