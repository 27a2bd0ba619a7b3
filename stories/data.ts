/** Catalogues for the stories: the bundled one, and the awkward shapes real catalogues have. */
import { html, type TemplateResult } from 'lit';
import type { Catalogue, Query, Report } from '@reportshelf/core';
import type { ShelfLibrary } from '@reportshelf/elements';
import seedJson from '../data/catalogue.json';
import { generateCatalogue } from '../bench/generate.js';

export const seed = seedJson as Catalogue;

const words = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      ['trafficking', 'protection', 'assessment', 'shelter', 'migration', 'labour', 'exploitation', 'referral'][i % 8],
  ).join(' ');

export const longReport: Report = {
  id: 'long',
  title: `A very long title about ${words(40)} that keeps going well past where any sensible title would have stopped`,
  summary: `${'This summary is deliberately long, as abstracts pasted from PDFs often are. '.repeat(26)}`.slice(
    0,
    2000,
  ),
  year: 2021,
  countries: ['Côte d’Ivoire', 'Democratic Republic of the Congo', 'Bosnia and Herzegovina'],
  regions: ['West Africa', 'Central Africa', 'Southeast Europe'],
  categories: ['Research', 'Guidance'],
  authors: Array.from({ length: 20 }, (_, i) => `Author Number${i + 1} Surname`),
  organizations: ['IOM', 'UNHCR', 'UNICEF', 'NEXUS Institute'],
  url: 'https://example.org/long.pdf',
  language: 'en',
};

const base = seed.reports[2]!;
export const withoutUrl: Report = { ...base, id: 'no-url' };
delete withoutUrl.url;
export const withoutSummary: Report = { ...base, id: 'no-summary', url: 'https://example.org/report.pdf' };
delete withoutSummary.summary;
export const withoutYear: Report = { ...base, id: 'no-year', url: 'https://example.org/report.pdf' };
delete withoutYear.year;
export const linked: Report = { ...base, url: 'https://example.org/beneath-the-surface.pdf' };

export const longCatalogue: Catalogue = { version: 1, reports: [longReport, ...seed.reports] };

/** 400 reports over about 150 countries, from the benchmark's seeded generator. */
export const manyValues: Catalogue = generateCatalogue(400, 11);

/** A promise that never settles: the library stays in its loading state. */
export const forever = () => new Promise<never>(() => {});

/** Each element lives in a library; the library around it is minimal so the element is the story. */
export function inLibrary(content: TemplateResult, catalogue: unknown = seed, query?: Partial<Query>) {
  return html`<shelf-library .catalogue=${catalogue} @shelf-catalogue-load=${(e: Event) => query && (e.currentTarget as ShelfLibrary).store.setQuery(query)}>${content}</shelf-library>`;
}
