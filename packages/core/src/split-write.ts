/**
 * Writes a catalogue in the split format (see split.ts): what `reportshelf build --split DIR` saves.
 */
import { ANALYSIS, INDEXED_FIELDS } from './text.js';
import { analyse, analysed, languagesOf } from './analysis.js';
import { collator, facetValues, titleKey } from './tables.js';
import { FIELD_BOOST, inverseFrequency, termFrequencyScore } from './ranking.js';
import { CARDS, idFile, SCORE_STEPS, type SplitManifest } from './split.js';
import { FACET_NAMES, type Catalogue, type FacetName, type Report } from './types.js';
import { writeAdded } from './split-added.js';

/** A hash of a build's files, in hex (two 32-bit halves, cyrb53's mixing): the build's name. */
function buildName(files: Map<string, string>): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const path of [...files.keys()].sort())
    for (const text of [path, '\u0000', files.get(path)!, '\u0000'])
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 2654435761);
        h2 = Math.imul(h2 ^ c, 1597334677);
      }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h2, h1].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}

/** Reports per id file, about. */
const IDS_PER_FILE = 1024;
/** Size an index file grows to before the next term starts another (a term's postings are never split). */
const INDEX_FILE_BYTES = 48 * 1024;
/** Fields searched, with their weight: the single-file format's index's. */
const FIELDS = INDEXED_FIELDS.map((field) => [field, FIELD_BOOST[field] ?? 1] as const);

/** A report as stored in a card file: empty lists left out. */
function card(report: Report): Partial<Report> {
  return Object.fromEntries(
    Object.entries(report).filter(([, v]) => !(Array.isArray(v) && v.length === 0)),
  ) as Partial<Report>;
}

/**
 * The files of a catalogue in the split format, by path relative to the folder: the manifest, and
 * the rest in its build's folder. The catalogue is one already checked (`parseCatalogue`): the
 * reader checks the cards again, but trusts the rest.
 */
export function splitCatalogue(catalogue: Catalogue): Map<string, string> {
  const { compare } = collator(catalogue.language);
  const reports = catalogue.reports
    .map((report) => ({ report, key: titleKey(report.title) }))
    .sort((a, b) => compare(a.key, b.key))
    .map(({ report }) => report);
  const n = reports.length;
  const files = new Map<string, string>();
  const json = (value: unknown) => JSON.stringify(value);

  const counts = {} as Record<FacetName, number>;
  for (const name of FACET_NAMES) {
    const values = reports.map((r) => facetValues(r, name));
    const labels = [...new Set(values.flat())].sort(collator().compare);
    const ids = new Map(labels.map((label, i) => [label, i]));
    counts[name] = labels.length;
    // One value is a number, none or several an array: most reports have one region, one category.
    const rows = values.map((v) => (v.length === 1 ? ids.get(v[0]!)! : v.map((x) => ids.get(x)!)));
    files.set(`facets/${name}.json`, json({ labels, rows }));
  }
  files.set('years.json', json(reports.map((r) => r.year ?? null)));
  const added = writeAdded(reports, files);
  for (let i = 0; i < n; i += CARDS) files.set(`cards/${i / CARDS}.json`, json(reports.slice(i, i + CARDS).map(card)));
  const idFiles = Math.max(1, Math.ceil(n / IDS_PER_FILE));
  // Entries, not an object's properties: an id such as "__proto__" would set a prototype instead.
  const byFile = Array.from({ length: idFiles }, () => [] as [string, number][]);
  reports.forEach((r, row) => byFile[idFile(r.id, idFiles)]!.push([r.id, row]));
  byFile.forEach((ids, i) => files.set(`ids/${i}.json`, json(Object.fromEntries(ids))));

  const index = indexFiles(reports, catalogue.language);
  index.files.forEach((text, i) => files.set(`index/${i}.json`, text));
  const build = buildName(files);
  const built = new Map([...files].map(([path, text]) => [`${build}/${path}`, text]));
  const manifest: SplitManifest = {
    version: 1,
    format: 'split',
    build,
    ...(catalogue.title === undefined ? {} : { title: catalogue.title }),
    ...(catalogue.language === undefined ? {} : { language: catalogue.language }),
    ...(catalogue.feeds === undefined ? {} : { feeds: catalogue.feeds }),
    ...(catalogue.places === undefined ? {} : { places: catalogue.places }),
    count: n,
    cards: CARDS,
    ids: idFiles,
    facets: counts,
    index: index.first,
    analysis: ANALYSIS,
    languages: languagesOf(reports, catalogue.language),
    ...(added ? { added } : {}),
  };
  built.set('catalogue.json', `${JSON.stringify(manifest, null, 1)}\n`);
  return built;
}

/**
 * The search index, split by term. Scores are BM25+ (ranking.ts, as MiniSearch's) per field, weighted
 * and summed, computed here once: they depend on the term and the report only.
 */
function indexFiles(reports: Report[], language: string | undefined): { first: string[]; files: string[] } {
  const n = reports.length;
  // Per term, one number per (report, field) it occurs in: row, field and count packed together.
  const occurrences = new Map<string, number[]>();
  const lengths = FIELDS.map(() => new Uint32Array(n));
  const totals: number[] = FIELDS.map(() => 0);
  reports.forEach((report, row) => {
    FIELDS.forEach(([field], f) => {
      const terms = fieldTerms(report, field, language);
      // A field's length is its distinct terms, as MiniSearch counts it.
      const length = new Set(terms).size;
      lengths[f]![row] = length;
      totals[f] = totals[f]! + length;
      const tf = new Map<string, number>();
      for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
      for (const [term, count] of tf) {
        let list = occurrences.get(term);
        if (!list) occurrences.set(term, (list = []));
        list.push(row * 1024 + f * 128 + Math.min(count, 127));
      }
    });
  });
  const average = totals.map((total) => total / Math.max(1, n));
  const first: string[] = [];
  const files: string[] = [];
  let file: string[] = [];
  let size = 0;
  for (const term of [...occurrences.keys()].sort()) {
    const list = occurrences.get(term)!;
    const df = FIELDS.map(() => 0);
    for (const packed of list) df[Math.floor(packed / 128) % 8]!++;
    const idf = df.map((d) => inverseFrequency(d, n));
    // Rows as gaps from the one before (the first is its row), scores in integer steps.
    const gaps: number[] = [];
    const scores: number[] = [];
    let last = -1;
    for (const packed of list) {
      const row = Math.floor(packed / 1024);
      const f = Math.floor(packed / 128) % 8;
      const tf = packed % 128;
      const score = FIELDS[f]![1] * idf[f]! * termFrequencyScore(tf, lengths[f]![row]!, average[f] || 1);
      if (row !== last) {
        gaps.push(row - Math.max(last, 0));
        scores.push(score);
        last = row;
      } else scores[scores.length - 1] = scores[scores.length - 1]! + score;
    }
    const entry = JSON.stringify([term, gaps, scores.map((s) => Math.max(1, Math.round(s * SCORE_STEPS)))]);
    if (file.length > 0 && size + entry.length > INDEX_FILE_BYTES) {
      files.push(`[${file.join(',')}]`);
      file = [];
      size = 0;
    }
    if (file.length === 0) first.push(term);
    file.push(entry);
    size += entry.length + 1;
  }
  if (file.length > 0 || files.length === 0) files.push(`[${file.join(',')}]`);
  if (first.length === 0) first.push('');
  return { first, files };
}

/** A report's field as index terms, analysed in its language (the catalogue's if it has none): as the single-file index does. */
function fieldTerms(report: Report, field: string, language: string | undefined): string[] {
  const value = (report as unknown as Record<string, string | string[] | undefined>)[field];
  return analyse(
    Array.isArray(value) ? value.join(' ') : (value ?? ''),
    analysed(report.language ?? language),
    field === 'title',
  );
}
