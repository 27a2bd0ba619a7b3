/**
 * Seeded synthetic catalogues with the shape of real ones: vocabulary from the seed abstracts,
 * about 150 countries, 20 regions, 10 categories, years 1995–2026 and zero to four authors.
 */
import seed from '../data/catalogue.json' with { type: 'json' };
import type { Catalogue, Report } from '@reportshelf/core';

/** mulberry32: small, fast and good enough to make test data repeatable. */
export function random(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = [
  ...new Set(seed.reports.flatMap((r) => `${r.title} ${r.summary}`.toLowerCase().match(/\p{L}{3,}/gu) ?? [])),
];
const SYLLABLES = ['ba', 'ko', 'ri', 'na', 'te', 'lu', 'mo', 'sa', 'di', 'ge', 'fa', 'zu', 'pe', 'vi', 'ro', 'ha'];

export function generateCatalogue(size: number, seedValue = 1): Catalogue {
  const rand = random(seedValue);
  const int = (n: number) => Math.floor(rand() * n);
  const one = <T>(list: readonly T[]) => list[int(list.length)]!;
  // Zipf-like: a few values are common, most are rare, as in real catalogues.
  const skewed = <T>(list: readonly T[]) => list[Math.floor(list.length * rand() ** 2.2)]!;
  const name = (syllables: number) => {
    const word = Array.from({ length: syllables }, () => one(SYLLABLES)).join('');
    return word[0]!.toUpperCase() + word.slice(1);
  };
  const words = (min: number, max: number) =>
    Array.from({ length: min + int(max - min + 1) }, () => skewed(VOCABULARY)).join(' ');
  const countries = Array.from({ length: 150 }, (_, i) => `${name(2 + (i % 2))}${i < 16 ? '' : ` ${name(2)}`}`);
  const regions = Array.from(
    { length: 20 },
    (_, i) => `${['North', 'South', 'East', 'West', 'Central'][i % 5]} ${name(3)}`,
  );
  const categories = [
    'Guidance',
    'Research',
    'Assessment',
    'Training',
    'Policy',
    'Evaluation',
    'Toolkit',
    'Data',
    'Case study',
    'Advocacy',
  ];
  const people = Array.from({ length: Math.max(50, size / 5) }, () => `${name(2)} ${name(3)}`);
  const orgs = ['IOM', 'UNHCR', 'UNICEF', 'NEXUS Institute', 'UNODC', 'ILO', 'OSCE', 'Save the Children'];
  const reports: Report[] = [];
  for (let i = 0; i < size; i++) {
    const title = words(4, 14);
    const year = 1995 + int(32);
    reports.push({
      id: `r${i}`,
      title: title[0]!.toUpperCase() + title.slice(1),
      summary: words(40, 180),
      year,
      countries: [...new Set(Array.from({ length: 1 + int(3) }, () => skewed(countries)))],
      regions: [...new Set(Array.from({ length: 1 + int(2) }, () => skewed(regions)))],
      categories: [...new Set(Array.from({ length: int(3) }, () => one(categories)))],
      authors: [...new Set(Array.from({ length: int(5) }, () => one(people)))],
      organizations: [...new Set(Array.from({ length: int(3) }, () => skewed(orgs)))],
      url: `reports/r${i}.pdf`,
      language: 'en',
    });
  }
  return { version: 1, title: `Synthetic catalogue of ${size}`, language: 'en', reports };
}
