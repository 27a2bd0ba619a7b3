/**
 * Every report's index terms in the server's memory, as an inverted index: each term's rows (the
 * row numbers of columns.ts) with a weight precomputed for each, so that a query's reports, each
 * word's count, prefixes, -words and the relevance order are worked out here, not by PostgreSQL
 * (its GIN index builds a common word's whole bitmap and rechecks each report: seconds a query
 * at 200,000 reports; bench/RESULTS.md).
 *
 * The weight of a term in a report is BM25+ of its occurrences in each of the tsvector's weight
 * classes (title A, authors B, organisations C, the rest D), boosted as the browser engines boost
 * those fields (core's ranking.ts: 4, 2, 1.5, 1), each class's length against its average: what
 * MiniSearch scores in the page (rarity in the class included, as of when the postings were made).
 *
 * Compact: the postings of all terms in two typed arrays (rows, 32 bits; impacts, 16), a term's from
 * `start[id]` to `start[id + 1]`. Rows written since are kept apart (`extra`), their old postings
 * skipped (`stale`), until enough have changed to build the arrays again.
 */
import type pg from 'pg';
import { BM25, FIELD_BOOST, inverseFrequency } from '@reportshelf/core';
import { grow } from './arrays.js';

/** Each weight class's boost: A the title, B the authors, C the organisations, D the rest. */
const BOOST = [FIELD_BOOST.title ?? 4, FIELD_BOOST.authors ?? 2, FIELD_BOOST.organizations ?? 1.5, 1];
/** Rows read at a time (a report's terms are a few KB of text). */
const CHUNK = 5000;
/** Rows written since the arrays were built kept apart, up to this many; more build them again. */
const EXTRA_ROWS = 2000;
/** A term in at least this share of the rows is searched as a bitset (a bit a row: fewer bytes than its postings' rows). */
const BITSET_FROM = 1 / 32;
/** Impacts are kept in 16 bits, in 1/SCALE steps (the most a report's term can weigh is about 300). */
const SCALE = 200;

/** Rows read at once: each posting's term and occurrences per class, each row's last posting, row number and lengths. */
interface Chunk {
  terms: Uint32Array;
  tf: Uint32Array;
  ends: Uint32Array;
  rows: Int32Array;
  lengths: Uint16Array;
}

/** A report's terms: each term's occurrences per class, packed a byte each (A lowest), and each class's length. */
interface Parsed {
  terms: string[];
  tf: number[];
  lengths: [number, number, number, number];
}

/** Reads a tsvector's text (`'term':1A,2 'other':3B`): each lexeme's occurrences per weight class. */
export function parseTsvector(text: string): Parsed {
  const terms: string[] = [];
  const tf: number[] = [];
  const lengths: [number, number, number, number] = [0, 0, 0, 0];
  const n = text.length;
  let i = 0;
  while (i < n) {
    // A lexeme: quoted, a quote doubled and a backslash escaped within.
    i++;
    let j = text.indexOf("'", i);
    while (text.charCodeAt(j + 1) === 39) j = text.indexOf("'", j + 2);
    let term = text.slice(i, j);
    if (term.includes("''") || term.includes('\\')) term = term.replace(/''/g, "'").replace(/\\(.)/g, '$1');
    i = j + 1;
    let packed = 0;
    if (text.charCodeAt(i) === 58) {
      // Positions: digits, then the class's letter (none is D), comma-separated.
      i++;
      let a = 0;
      let b = 0;
      let c = 0;
      let d = 0;
      for (;;) {
        let code = text.charCodeAt(i);
        while (code >= 48 && code <= 57) code = text.charCodeAt(++i);
        if (code === 65) a++;
        else if (code === 66) b++;
        else if (code === 67) c++;
        else d++;
        if (code >= 65 && code <= 68) code = text.charCodeAt(++i);
        if (code !== 44) break;
        i++;
      }
      if (a) lengths[0]++;
      if (b) lengths[1]++;
      if (c) lengths[2]++;
      if (d) lengths[3]++;
      packed = Math.min(255, a) | (Math.min(255, b) << 8) | (Math.min(255, c) << 16) | (Math.min(255, d) << 24);
    } else {
      // Stripped of positions (not written so): an occurrence in the rest.
      packed = 1 << 24;
      lengths[3]++;
    }
    terms.push(term);
    tf.push(packed >>> 0);
    // The space before the next lexeme.
    i++;
  }
  return { terms, tf, lengths };
}

/**
 * BM25+ of a term's occurrences in a report, each class boosted and weighed by the term's rarity in
 * that class (as MiniSearch scores each field: its own frequency and average length): `df` the
 * reports with the term in each class, of `n`.
 */
function impactOf(
  packed: number,
  lengths: ArrayLike<number>,
  average: ArrayLike<number>,
  df: ArrayLike<number>,
  at: number,
  n: number,
): number {
  const { k, b, d } = BM25;
  let impact = 0;
  for (let c = 0; c < 4; c++) {
    const tf = (packed >>> (8 * c)) & 255;
    if (!tf) continue;
    impact +=
      BOOST[c]! *
      inverseFrequency(df[at + c]!, n) *
      (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * lengths[c]!) / (average[c]! || 1))));
  }
  return impact;
}

/** The rows of a query's words, as `Postings.match` works them out. */
export interface TextMatch {
  /** The rows with any of the words (or every row, when there are none), less those with a -word. */
  rows: Int32Array;
  /** How many of the words each of `rows` has. */
  words: Uint16Array;
  /** Each of `rows`' score: Σ over its words' terms of the term's weight (1, or a prefix's or typo's) × its impact. */
  scores: Float64Array;
  /** Whether some report (-words aside) has every word. */
  every: boolean;
}

/** A searched word's terms, each with its weight (1 as written, less for a prefix's or a typo's). */
export type WordTerms = Map<string, number>;

/** matchEvery's bitsets, reused by each query (its work never waits). */
let everyScratch = new Uint32Array(0);
let wordScratch = new Uint32Array(0);
/** Scratch arrays by row, reused by each query (the work on them never waits). */
let seen = new Int32Array(0);
let wordOf = new Int32Array(0);
let wordCount = new Uint16Array(0);
let score = new Float64Array(0);
let generation = 0;

function scratch(size: number): number {
  if (seen.length < size) {
    const n = Math.max(size, seen.length * 2, 1024);
    seen = new Int32Array(n);
    wordOf = new Int32Array(n);
    wordCount = new Uint16Array(n);
    score = new Float64Array(n);
    generation = 0;
  }
  if (generation >= 0x7ffffff0) {
    seen.fill(0);
    generation = 0;
  }
  return (generation += 2);
}

export class Postings {
  /** Term ids, and each id's term. */
  ids = new Map<string, number>();
  terms: string[] = [];
  /** The postings built: a term's rows and impacts from start[id] to start[id + 1] (ids below `built`). */
  built = 0;
  start = new Uint32Array(1);
  rows = new Int32Array(0);
  impact = new Uint16Array(0);
  /** Rows written since the build: their postings in the build are not theirs any more. */
  stale = new Uint8Array(1024);
  staleRows: number[] = [];
  /** Common terms' built rows as bitsets (a bit a row), made when first searched, until the next build. */
  private bitsets = new Map<number, Uint32Array>();
  /** Their postings now, by term, and each such row's terms. */
  extraRows = new Map<number, number[]>();
  extraImpact = new Map<number, number[]>();
  extraOf = new Map<number, number[]>();
  /** Each class's total length and the rows counted, for its average; each term's reports in each class (4 × id + class). */
  lengthSum = [0, 0, 0, 0];
  classDf = new Uint32Array(4096);
  lengthRows = 0;
  /** The terms sorted (for prefixes), made again when a term is added. */
  private sorted: string[] | undefined;

  private average(): number[] {
    return this.lengthSum.map((sum) => sum / Math.max(1, this.lengthRows));
  }

  private termId(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
      this.sorted = undefined;
    }
    return id;
  }

  /** Reads every row's terms (`rowOf` gives a report position's row): at start, or after a TRUNCATE. */
  static async read(db: pg.ClientBase, rowOf: Map<number, number>, alive: Uint8Array): Promise<Postings> {
    const postings = new Postings();
    await postings.readRows(db, rowOf, alive, 'pos', -1);
    return postings;
  }

  /** Reads the rows written since `stamp` (their change stamps, schema migration 2). */
  update(db: pg.ClientBase, rowOf: Map<number, number>, alive: Uint8Array, stamp: number): Promise<void> {
    return this.readRows(db, rowOf, alive, 'changed', stamp);
  }

  private async readRows(
    db: pg.ClientBase,
    rowOf: Map<number, number>,
    alive: Uint8Array,
    key: 'pos' | 'changed',
    after: number,
  ): Promise<void> {
    // The rows' postings as read, a chunk at a time, each in arrays of its own size.
    const chunks: Chunk[] = [];
    let read = 0;
    let highest = 0;
    for (;;) {
      // In the key's index order (`r.`: not the float8 column of the same name, which would sort every row).
      const { rows } = await db.query<{ k: number; pos: number; t: string }>(
        `SELECT r.${key}::float8 AS k, r.pos::float8 AS pos, r.terms::text AS t FROM reportshelf_reports r
         WHERE r.${key} > $1 ORDER BY r.${key} LIMIT ${CHUNK}`,
        [after],
      );
      const termIds: number[] = [];
      const tfs: number[] = [];
      const ends: number[] = [];
      const rowsOf: number[] = [];
      const lengthsOf: number[] = [];
      for (const row of rows) {
        const r = rowOf.get(row.pos);
        // A row the columns do not have yet waits for their next reading.
        if (r === undefined) continue;
        const { terms, tf, lengths } = parseTsvector(row.t);
        for (let t = 0; t < terms.length; t++) {
          const id = this.termId(terms[t]!);
          const packed = tf[t]!;
          termIds.push(id);
          tfs.push(packed);
          this.classDf = grow(this.classDf, 4 * id + 4);
          for (let c = 0; c < 4; c++) if ((packed >>> (8 * c)) & 255) this.classDf[4 * id + c]!++;
        }
        ends.push(termIds.length);
        rowsOf.push(r);
        highest = Math.max(highest, r);
        for (let c = 0; c < 4; c++) {
          lengthsOf.push(lengths[c]!);
          this.lengthSum[c]! += lengths[c]!;
        }
        this.lengthRows++;
      }
      read += rowsOf.length;
      chunks.push({
        terms: Uint32Array.from(termIds),
        tf: Uint32Array.from(tfs),
        ends: Uint32Array.from(ends),
        rows: Int32Array.from(rowsOf),
        lengths: Uint16Array.from(lengthsOf, (l) => Math.min(l, 0xffff)),
      });
      if (rows.length < CHUNK) break;
      after = rows[rows.length - 1]!.k;
    }
    if (read === 0) return;
    const average = this.average();
    this.stale = grow(this.stale, highest + 1);
    // A row read again: its postings before are not its own.
    for (const chunk of chunks) for (const r of chunk.rows) this.forget(r);
    /** Each posting read, with its row and impact (16 bits, `SCALE` to 1). */
    const eachRead = (visit: (id: number, r: number, impact: number) => void) => {
      for (const chunk of chunks) {
        let p = 0;
        chunk.rows.forEach((r, i) => {
          const lengths = chunk.lengths.subarray(4 * i, 4 * i + 4);
          for (const end = chunk.ends[i]!; p < end; p++) {
            const id = chunk.terms[p]!;
            const impact = impactOf(chunk.tf[p]!, lengths, average, this.classDf, 4 * id, this.lengthRows);
            visit(id, r, Math.min(0xffff, Math.round(impact * SCALE)));
          }
        });
      }
    };
    if (read <= EXTRA_ROWS && this.extraOf.size + read <= EXTRA_ROWS && this.built > 0) {
      eachRead((id, r, impact) => {
        let list = this.extraRows.get(id);
        if (!list) {
          this.extraRows.set(id, (list = []));
          this.extraImpact.set(id, []);
        }
        list.push(r);
        this.extraImpact.get(id)!.push(impact);
        let of = this.extraOf.get(r);
        if (!of) this.extraOf.set(r, (of = []));
        of.push(id);
      });
      for (const chunk of chunks)
        for (const r of chunk.rows)
          if (!this.stale[r]) {
            this.stale[r] = 1;
            this.staleRows.push(r);
          }
      return;
    }
    this.build(alive, chunks, eachRead);
  }

  /** A row's postings written since the build, taken out (it is written again). */
  private forget(r: number): void {
    const of = this.extraOf.get(r);
    if (!of) return;
    for (const id of new Set(of)) {
      const list = this.extraRows.get(id)!;
      const impacts = this.extraImpact.get(id)!;
      for (let i = list.length - 1; i >= 0; i--)
        if (list[i] === r) {
          list.splice(i, 1);
          impacts.splice(i, 1);
        }
    }
    this.extraOf.delete(r);
  }

  /**
   * Builds the arrays again: the postings built of rows neither written since nor deleted, those
   * kept apart, and the rows just read (their impacts against the averages now).
   */
  private build(
    alive: Uint8Array,
    chunks: Chunk[],
    eachRead: (visit: (id: number, r: number, impact: number) => void) => void,
  ): void {
    const reread = new Uint8Array(this.stale.length);
    for (const chunk of chunks) for (const r of chunk.rows) reread[r] = 1;
    const keep = (r: number, built: boolean) => alive[r] === 1 && !reread[r] && !(built && this.stale[r]);
    const T = this.terms.length;
    const count = new Uint32Array(T + 1);
    for (let id = 0; id < this.built; id++)
      for (let p = this.start[id]!, end = this.start[id + 1]!; p < end; p++)
        if (keep(this.rows[p]!, true)) count[id]!++;
    for (const [id, list] of this.extraRows) for (const r of list) if (keep(r, false)) count[id]!++;
    for (const chunk of chunks) for (const id of chunk.terms) count[id]!++;
    const start = new Uint32Array(T + 1);
    for (let id = 0; id < T; id++) start[id + 1] = start[id]! + count[id]!;
    const rows = new Int32Array(start[T]!);
    const impact = new Uint16Array(start[T]!);
    const at = start.slice(0, T);
    for (let id = 0; id < this.built; id++)
      for (let p = this.start[id]!, end = this.start[id + 1]!; p < end; p++) {
        const r = this.rows[p]!;
        if (!keep(r, true)) continue;
        rows[at[id]!] = r;
        impact[at[id]!++] = this.impact[p]!;
      }
    for (const [id, list] of this.extraRows) {
      const impacts = this.extraImpact.get(id)!;
      list.forEach((r, i) => {
        if (!keep(r, false)) return;
        rows[at[id]!] = r;
        impact[at[id]!++] = impacts[i]!;
      });
    }
    eachRead((id, r, weight) => {
      rows[at[id]!] = r;
      impact[at[id]!++] = weight;
    });
    // Each term's rows ascending (rows rewritten since came after the others): what a bitset and a
    // halving search (scoresOf) read.
    for (let id = 0; id < T; id++) sortRows(rows, impact, start[id]!, start[id + 1]!);
    this.bitsets.clear();
    this.staleRows = [];
    this.start = start;
    this.rows = rows;
    this.impact = impact;
    this.built = T;
    this.stale.fill(0);
    this.extraRows.clear();
    this.extraImpact.clear();
    this.extraOf.clear();
  }

  /** Whether some report has (or had) this term. */
  has(term: string): boolean {
    return this.ids.has(term);
  }

  /** The terms that begin with `prefix` (itself included), from the sorted vocabulary. */
  prefixed(prefix: string): string[] {
    const sorted = (this.sorted ??= [...this.terms].sort());
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) out.push(sorted[i]!);
    return out;
  }

  /** How many live reports have any of these terms, counting up to `limit`. */
  countUpTo(terms: Iterable<string>, alive: Uint8Array, size: number, limit: number): number {
    const g = scratch(size);
    let n = 0;
    for (const term of terms) {
      const id = this.ids.get(term);
      if (id === undefined) continue;
      if (id < this.built)
        for (let p = this.start[id]!, end = this.start[id + 1]!; p < end && n < limit; p++) {
          const r = this.rows[p]!;
          if (alive[r] && !this.stale[r] && seen[r] !== g) {
            seen[r] = g;
            n++;
          }
        }
      for (const r of this.extraRows.get(id) ?? [])
        if (alive[r] && seen[r] !== g) {
          seen[r] = g;
          n++;
        }
      if (n >= limit) return n;
    }
    return n;
  }

  /** How many postings a term has (built and written since, live or not): the work of reading it. */
  private postingsOf(term: string): number {
    const id = this.ids.get(term);
    if (id === undefined) return 0;
    return (id < this.built ? this.start[id + 1]! - this.start[id]! : 0) + (this.extraRows.get(id)?.length ?? 0);
  }

  /**
   * The rows of a query's words (each a union of its terms, weighed), less those with any of the
   * `excluded` terms; with no words, every live row less those. `all`: every row with any of the
   * words; else only those with every one (most searches: the rarest word's rows read first, the
   * others' only where those are). Scores are the impacts (BM25+) summed over the words' terms,
   * each by its weight.
   */
  match(words: WordTerms[], excluded: Iterable<string>, alive: Uint8Array, size: number, all: boolean): TextMatch {
    const g = scratch(size);
    const out = g + 1;
    const n = words.length;
    let touched = new Int32Array(1024);
    let count = 0;
    let every = false;
    const order = words
      .map((word, w) => ({ word, w, work: [...word.keys()].reduce((sum, term) => sum + this.postingsOf(term), 0) }))
      .sort((a, b) => (all ? a.w - b.w : a.work - b.work));
    const { rows: builtRows, impact: builtImpact, stale } = this;
    order.forEach(({ word }, k) => {
      // Rows not met yet are taken only from the first word read, unless all are wanted.
      const opens = all || k === 0;
      for (const [term, weight] of word) {
        const id = this.ids.get(term);
        if (id === undefined) continue;
        const extra = this.extraRows.get(id);
        const extraImpact = this.extraImpact.get(id);
        const builtEnd = id < this.built ? this.start[id + 1]! : 0;
        const end = builtEnd + (extra?.length ?? 0);
        // The built postings, then those written since (one loop: the work of a query is here).
        for (let p = id < this.built ? this.start[id]! : 0; p < end; p++) {
          let r: number;
          let impact: number;
          if (p < builtEnd) {
            r = builtRows[p]!;
            if (!alive[r] || stale[r]) continue;
            impact = builtImpact[p]!;
          } else {
            r = extra![p - builtEnd]!;
            if (!alive[r]) continue;
            impact = extraImpact![p - builtEnd]!;
          }
          if (seen[r] !== g) {
            if (!opens) continue;
            seen[r] = g;
            wordOf[r] = -1;
            wordCount[r] = 0;
            score[r] = 0;
            if (count === touched.length) touched = grow(touched, count + 1);
            touched[count++] = r;
          }
          if (wordOf[r] !== k) {
            // Without all: a row counts only if it has every word read before.
            if (!all && wordCount[r] !== k) continue;
            wordOf[r] = k;
            if (++wordCount[r]! === n) every = true;
          }
          score[r]! += weight * impact;
        }
      }
    });
    if (n === 0) {
      touched = new Int32Array(size);
      for (let r = 0; r < size; r++)
        if (alive[r]) {
          seen[r] = g;
          wordCount[r] = 0;
          score[r] = 0;
          touched[count++] = r;
        }
    }
    // -words: their rows marked out (a mark above this query's).
    for (const term of new Set(excluded)) {
      const id = this.ids.get(term);
      if (id === undefined) continue;
      if (id < this.built)
        for (let p = this.start[id]!, end = this.start[id + 1]!; p < end; p++) {
          const r = builtRows[p]!;
          if (seen[r] === g && !stale[r]) seen[r] = out;
        }
      for (const r of this.extraRows.get(id) ?? []) if (seen[r] === g) seen[r] = out;
    }
    let m = 0;
    for (let i = 0; i < count; i++) {
      const r = touched[i]!;
      if (seen[r] === g && (all || wordCount[r] === n)) touched[m++] = r;
    }
    const rows = touched.slice(0, m);
    const counts = new Uint16Array(m);
    const scores = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      counts[i] = wordCount[rows[i]!]!;
      scores[i] = score[rows[i]!]! / SCALE;
    }
    return { rows, words: counts, scores, every };
  }

  /**
   * The rows of every word, as `match(…, false)` finds them (less -words' rows), ascending, and
   * whether some report has every word (-words aside, as `match` says): as bitsets, a bit a row. A
   * common word's terms (a fifth of a million rows each) meet in a pass of 31,250 words, not in a
   * visit of each posting; only the rows of `keep` (a bitset, see Columns.keepOf) are taken out;
   * scores are left to `scoresOf`, for the rows that pass the filters. Rows written since the
   * build are checked one by one (there are few).
   */
  matchEvery(
    words: WordTerms[],
    excluded: Iterable<string>,
    alive: Uint8Array,
    size: number,
    keep?: Uint32Array,
  ): { rows: Int32Array; every: boolean } {
    const length = (size + 31) >>> 5;
    if (words.length === 0) return { rows: new Int32Array(0), every: false };
    // The rows of the words so far, and of the word read (scratch: no 125 KB arrays made and collected each query).
    const every = (everyScratch = grow(everyScratch, length));
    const bits = (wordScratch = grow(wordScratch, length));
    this.rarestFirst(words).forEach((word, k) => {
      const into = k === 0 ? every : bits;
      into.fill(0, 0, length);
      for (const term of word.keys()) this.orInto(into, this.ids.get(term), length);
      if (k > 0) for (let i = 0; i < length; i++) every[i]! &= bits[i]!;
    });
    const { stale } = this;
    /** The first row of `bits` that is live and not rewritten since the build, or -1. */
    const first = (bits: Uint32Array): number => {
      for (let i = 0; i < length; i++)
        for (let x = bits[i]!; x !== 0; x &= x - 1) {
          const r = (i << 5) | (31 - Math.clz32(x & -x));
          if (alive[r] && !stale[r]) return r;
        }
      return -1;
    };
    // Rows written since the build: their terms now.
    const late: number[] = [];
    for (const [r, of] of this.extraOf) {
      if (!alive[r]) continue;
      const has = new Set(of);
      if (words.every((word) => [...word.keys()].some((term) => has.has(this.ids.get(term)!)))) late.push(r);
    }
    const some = late.length > 0 || first(every) >= 0;
    const without = new Set<number>();
    for (const term of excluded) {
      const id = this.ids.get(term);
      if (id === undefined) continue;
      without.add(id);
      if (id >= this.built) continue;
      const bits = this.bitsets.get(id);
      if (bits) for (let i = 0; i < length; i++) every[i]! &= ~bits[i]!;
      else
        for (let p = this.start[id]!, end = this.start[id + 1]!; p < end; p++) {
          const r = this.rows[p]!;
          every[r >>> 5]! &= ~(1 << (r & 31));
        }
    }
    if (keep) for (let i = 0; i < length; i++) every[i]! &= i < keep.length ? keep[i]! : 0;
    let out = new Int32Array(1024);
    let m = 0;
    for (let i = 0; i < length; i++) {
      let x = every[i]!;
      while (x !== 0) {
        const low = x & -x;
        const r = (i << 5) | (31 - Math.clz32(low));
        x ^= low;
        if (alive[r] && !stale[r]) {
          if (m === out.length) out = grow(out, m + 1);
          out[m++] = r;
        }
      }
    }
    const kept = late.filter(
      (r) =>
        (!keep || ((keep[r >>> 5] ?? 0) & (1 << (r & 31))) !== 0) &&
        !this.extraOf.get(r)!.some((id) => without.has(id)),
    );
    if (kept.length === 0) return { rows: out.slice(0, m), every: some };
    const rows = new Int32Array(m + kept.length);
    rows.set(out.subarray(0, m));
    rows.set(kept, m);
    return { rows: rows.sort(), every: some };
  }

  /** The words, those of fewest postings first (as `match` reads them without `all`: its scores are summed in this order). */
  private rarestFirst(words: WordTerms[]): WordTerms[] {
    return words
      .map((word) => ({ word, work: [...word.keys()].reduce((sum, term) => sum + this.postingsOf(term), 0) }))
      .sort((a, b) => a.work - b.work)
      .map(({ word }) => word);
  }

  /** ORs a term's built rows into `bits`: its bitset (made once, for a common term), or each posting. */
  private orInto(bits: Uint32Array, id: number | undefined, length: number): void {
    if (id === undefined || id >= this.built) return;
    const from = this.start[id]!;
    const end = this.start[id + 1]!;
    let set = this.bitsets.get(id);
    if (!set && end - from >= length * 32 * BITSET_FROM) {
      set = new Uint32Array(length);
      for (let p = from; p < end; p++) {
        const r = this.rows[p]!;
        set[r >>> 5]! |= 1 << (r & 31);
      }
      this.bitsets.set(id, set);
    }
    if (set) for (let i = 0; i < length; i++) bits[i]! |= set[i]!;
    else
      for (let p = from; p < end; p++) {
        const r = this.rows[p]!;
        bits[r >>> 5]! |= 1 << (r & 31);
      }
  }

  /**
   * The scores `match` gives these rows (ascending), each having every word: the impacts of the
   * words' terms, each by its weight, summed in match's order. A row's impact is found by halving
   * the term's rows from where the last row's was.
   */
  scoresOf(words: WordTerms[], rows: ArrayLike<number>): Float64Array {
    const sums = new Float64Array(rows.length);
    const { rows: built, impact, stale } = this;
    for (const word of this.rarestFirst(words))
      for (const [term, weight] of word) {
        const id = this.ids.get(term);
        if (id === undefined) continue;
        const extra = this.extraRows.get(id);
        const extraImpact = this.extraImpact.get(id);
        let lo = id < this.built ? this.start[id]! : 0;
        const end = id < this.built ? this.start[id + 1]! : 0;
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i]!;
          if (stale[r]) {
            const at = extra ? extra.indexOf(r) : -1;
            if (at >= 0) sums[i]! += weight * extraImpact![at]!;
            continue;
          }
          // The first posting at or after r: a gallop, then halving.
          let step = 1;
          let hi = lo;
          while (hi < end && built[hi]! < r) {
            lo = hi + 1;
            hi += step;
            step *= 2;
          }
          if (hi > end) hi = end;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (built[mid]! < r) lo = mid + 1;
            else hi = mid;
          }
          if (lo < end && built[lo] === r) sums[i]! += weight * impact[lo]!;
        }
      }
    for (let i = 0; i < sums.length; i++) sums[i]! /= SCALE;
    return sums;
  }

  /** Bytes held by the arrays (the vocabulary's strings aside). */
  bytes(): number {
    let bits = 0;
    for (const set of this.bitsets.values()) bits += set.byteLength;
    return this.start.byteLength + this.rows.byteLength + this.impact.byteLength + this.stale.byteLength + bits;
  }
}

/** Sorts postings from..end by row, their impacts with them (already sorted: nothing done). */
function sortRows(rows: Int32Array, impact: Uint16Array, from: number, end: number): void {
  let sorted = true;
  for (let p = from + 1; p < end && sorted; p++) if (rows[p - 1]! > rows[p]!) sorted = false;
  if (sorted) return;
  const order = Array.from({ length: end - from }, (_, i) => from + i).sort((a, b) => rows[a]! - rows[b]!);
  const r = Int32Array.from(order, (p) => rows[p]!);
  const w = Uint16Array.from(order, (p) => impact[p]!);
  rows.set(r, from);
  impact.set(w, from);
}
