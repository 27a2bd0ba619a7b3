/**
 * What `npm run bench:relevance` measures with: the judged collections, the scores (nDCG@10,
 * P@10) and a textbook BM25 baseline. Apart from bench/relevance.ts so that a Node test can
 * check them without running the benchmark.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { stemmer } from 'stemmer';
import { parseCatalogue, type Catalogue } from '@reportshelf/core';
import { convertCsv } from '../packages/cli/src/convert.js';

const at = (path: string) => new URL(`../${path}`, import.meta.url);

/** A query and its judgements: report id → grade (0 = judged not relevant). */
export interface JudgedQuery {
  id: string;
  text: string;
  /** The language the query is written in, where the judgements say. */
  language?: string;
  grades: Map<string, number>;
}

export interface Collection {
  name: string;
  catalogue: Catalogue;
  queries: JudgedQuery[];
}

/**
 * nDCG at k: graded gains (the grade itself), discounted by log2(rank + 1), over the best
 * ranking the judgements allow. 0 for a query with no relevant report.
 */
export function ndcgAt(ranked: readonly string[], grades: ReadonlyMap<string, number>, k = 10): number {
  const dcg = (gains: number[]) => gains.slice(0, k).reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  const ideal = dcg([...grades.values()].filter((g) => g > 0).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked.map((id) => grades.get(id) ?? 0)) / ideal;
}

/** Precision at k: the share of the first k places (k, not fewer) held by reports graded above 0. */
export function precisionAt(ranked: readonly string[], grades: ReadonlyMap<string, number>, k = 10): number {
  return ranked.slice(0, k).filter((id) => (grades.get(id) ?? 0) > 0).length / k;
}

export const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The Snowball project's English stop word list (the one NLTK and many textbooks use). */
const STOP_WORDS = new Set(
  `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers
herself it its itself they them their theirs themselves what which who whom this that these those am is are
was were be been being have has had having do does did doing would should could ought a an the and but if or
because as until while of at by for with about against between into through during before after above below to
from up down in out on off over under again further then once here there when where why how all any both each
few more most other some such no nor not only own same so than too very s t can will just don shouldn now d ll m
o re ve y ain aren couldn didn doesn hadn hasn haven isn ma mightn mustn needn shan wasn weren won wouldn`.split(/\s+/),
);

/** Textbook analysis: lower case, words of letters, marks and digits, English stop words out, Porter stems. */
export function analyse(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  return words.filter((w) => !STOP_WORDS.has(w)).map((w) => stemmer(w));
}

/**
 * Okapi BM25 (k1 = 1.2, b = 0.75, Lucene's idf) over title and summary as one field, no boosts;
 * a query is the OR of its words. Ties keep catalogue order.
 */
export function bm25(catalogue: Catalogue, k1 = 1.2, b = 0.75): (query: string, k?: number) => string[] {
  const postings = new Map<string, [number, number][]>();
  const lengths: number[] = [];
  catalogue.reports.forEach((report, doc) => {
    const terms = analyse(`${report.title} ${report.summary ?? ''}`);
    lengths.push(terms.length);
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      if (!postings.has(t)) postings.set(t, []);
      postings.get(t)!.push([doc, n]);
    }
  });
  const count = lengths.length;
  const average = lengths.reduce((a, b) => a + b, 0) / Math.max(1, count);
  return (query, k = 10) => {
    const scores = new Map<number, number>();
    for (const term of new Set(analyse(query))) {
      const list = postings.get(term);
      if (!list) continue;
      const idf = Math.log(1 + (count - list.length + 0.5) / (list.length + 0.5));
      for (const [doc, tf] of list) {
        const norm = tf + k1 * (1 - b + (b * lengths[doc]!) / average);
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (k1 + 1)) / norm);
      }
    }
    return [...scores]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, k)
      .map(([doc]) => catalogue.reports[doc]!.id);
  };
}

/** A catalogue object through the project's parser: what a page would load. */
function parsed(input: unknown): Catalogue {
  const result = parseCatalogue(input);
  if (result.fatal) throw new Error(`Catalogue refused: ${JSON.stringify(result.problems.slice(0, 3))}`);
  return result.catalogue;
}

/**
 * The Cranfield collection with a year given to each abstract, drawn (by its number, the same each
 * run) from 1990 to 2024: years that say nothing of relevance, so that what recency in relevance
 * order (`boostRecent`) changes here is what it costs a collection whose dates are beside the point.
 */
export function loadCranfieldDated(): Collection {
  const { catalogue, queries } = loadCranfield();
  const reports = catalogue.reports.map((report, i) => ({ ...report, year: 1990 + ((i * 7919 + 13) % 35) }));
  return { name: 'Cranfield, years drawn at random', catalogue: { ...catalogue, reports }, queries };
}

/** Reads the SMART-style records of the Cranfield files: `.I n`, then `.X` fields. */
function records(text: string): { id: string; fields: Record<string, string> }[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/^\.I\s+/m)
    .slice(1)
    .map((chunk) => {
      const [head, ...rest] = chunk.split(/^\.([A-Z])\s*$/m);
      const fields: Record<string, string> = {};
      for (let i = 0; i + 1 < rest.length; i += 2) fields[rest[i]!] = rest[i + 1]!.replace(/\s+/g, ' ').trim();
      return { id: head!.trim(), fields };
    });
}

/**
 * The Cranfield collection (bench/relevance/cranfield): 1,400 abstracts as reports, the 225
 * queries, and their judgements. Cleverdon's codes run from 1 (a complete answer) to 4 (of
 * minimum interest), so the gain is 5 − code; the code −1 (no interest) is judged 0. The
 * judgements number the queries 1 to 225 in file order, not by their `.I` numbers.
 */
export function loadCranfield(): Collection {
  const dir = 'bench/relevance/cranfield/';
  const documents = records(gunzipSync(readFileSync(at(`${dir}cran.all.1400.gz`))).toString('utf8'));
  const catalogue = parsed({
    title: 'Cranfield collection',
    language: 'en',
    reports: documents.map(({ id, fields }) => ({
      id: `cran-${id}`,
      // A few records have no title; the id stands in (the parser requires one).
      title: fields.T || `Cranfield document ${id}`,
      summary: fields.W ?? '',
      authors: [...new Set((fields.A ?? '').split(/\s+and\s+/).filter((a) => a.trim() !== ''))],
      language: 'en',
    })),
  });
  const queries: JudgedQuery[] = records(readFileSync(at(`${dir}cran.qry`), 'utf8')).map(({ fields }, i) => ({
    id: String(i + 1),
    text: fields.W!,
    grades: new Map(),
  }));
  for (const line of readFileSync(at(`${dir}cranqrel`), 'utf8').split('\n')) {
    const [query, doc, code] = line.trim().split(/\s+/).map(Number);
    if (query === undefined || doc === undefined || code === undefined || Number.isNaN(code)) continue;
    queries[query - 1]!.grades.set(`cran-${doc}`, code > 0 ? 5 - code : 0);
  }
  return { name: 'Cranfield', catalogue, queries: queries.filter((q) => [...q.grades.values()].some((g) => g > 0)) };
}

/** The judged queries of a catalogue of ours: `[{ id, language?, q, grades: { reportId: 0–3 } }]`. */
function judged(path: string): JudgedQuery[] {
  const list = JSON.parse(readFileSync(at(path), 'utf8')) as {
    id: string;
    language?: string;
    q: string;
    grades: Record<string, number>;
  }[];
  return list.map(({ id, language, q, grades }) => ({
    id,
    text: q,
    ...(language ? { language } : {}),
    grades: new Map(Object.entries(grades)),
  }));
}

/** The ReliefWeb sample, read by the CLI's CSV path as its test reads it, with our judged queries. */
export function loadReliefWeb(): Collection {
  const { catalogue } = convertCsv(readFileSync(at('test/fixtures/reliefweb-language-sample.csv'), 'utf8'), {
    columns: { id: 'nid', summary: 'post', language: 'language_name' },
    titleFromSummary: true,
  });
  return { name: 'ReliefWeb sample', catalogue, queries: judged('bench/relevance/reliefweb-queries.json') };
}

/** The Arabic fixture, with its judged queries. */
export function loadArabic(): Collection {
  const catalogue = parsed(JSON.parse(readFileSync(at('test/fixtures/arabic-reports.json'), 'utf8')));
  return { name: 'Arabic fixture', catalogue, queries: judged('bench/relevance/arabic-queries.json') };
}
