/**
 * The server tests' catalogue: 10,000 reports. The bundled catalogue and the Arabic fixture (real
 * text in English and Arabic), with synthetic reports (bench/generate.ts) around them, some of
 * those in French and Spanish and some undated, so that every part of a query has reports to find.
 */
import { readFileSync } from 'node:fs';
import { parseCatalogue, type Catalogue, type Report } from '@reportshelf/core';
import { generateCatalogue } from '../../bench/generate.js';

const read = (path: string): Catalogue =>
  parseCatalogue(JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'))).catalogue;

export function testCatalogue(size = 10_000): Catalogue {
  const real = [...read('data/catalogue.json').reports, ...read('test/fixtures/arabic-reports.json').reports];
  const synthetic = generateCatalogue(size - real.length, 28).reports.map((report, i): Report => {
    const copy: Report = { ...report };
    if (i % 29 === 0) delete copy.year;
    if (i % 11 === 0) copy.language = 'fr';
    else if (i % 13 === 0) copy.language = 'es';
    if (i % 17 === 0) copy.title = `Réfugiés et traite: ${copy.title}`;
    if (i % 19 === 0) copy.title = `"${copy.title}" (${i})`;
    // Some added on the same day, most never: "Recently added" has ties and reports without a date.
    if (i % 7 === 0) copy.added = `2024-0${1 + (i % 9)}-1${i % 10}`;
    return copy;
  });
  return { version: 1, title: 'Server test catalogue', language: 'en', reports: [...real, ...synthetic] };
}
