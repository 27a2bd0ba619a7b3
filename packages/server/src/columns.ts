/**
 * Every report's year and facet values in the server's memory, in flat typed arrays (as the page's
 * engine holds them, core's library.ts), so that a query's filters, disjunctive facet counts and
 * year histogram are worked out here, in one pass over the candidates, and not by PostgreSQL
 * (an unnest and hash aggregate per facet over every match: seconds at 1,000,000 reports).
 * PostgreSQL still finds the text's reports and serves the page of cards.
 *
 * Read whole at start; then kept up to date from the changes the database stamps (schema
 * migration 2: each row written gets the next `reportshelf_change`, each deletion is logged with
 * one), fetched when the data version a query sees moves on.
 */
import type pg from 'pg';
import { FACET_NAMES, type FacetName } from '@reportshelf/core';
import { grow } from './arrays.js';
import { Postings } from './postings.js';

/** A row with no year. */
export const NO_YEAR = -0x80000000;
const YEAR_BIT = 1 << FACET_NAMES.length;
const COUNTRY = FACET_NAMES.indexOf('country');
const NONE: number[] = [];
/** The slots before a row's values in `values`: its year and their count. */
const HEAD = 2;
/** A value in `values`: its facet in the top bits, its id below. */
const FACET_SHIFT = 28;
const ID = (1 << FACET_SHIFT) - 1;
/** filterAndCount's scratch by value id (all zero between calls). */
let selectedScratch = new Uint8Array(0);
let countsScratch = new Uint32Array(0);
/** The scratch of keepOf. */
let keepScratch = new Uint32Array(0);
/** Values whose rows are kept as bitsets at most (at 1,000,000 reports, 125 KB each). */
const VALUE_BITS = 256;

/** The columns read for a row (see rowsOf). */
const SELECT = `SELECT pos::float8 AS pos, year, changed::float8 AS changed, report ? 'added' AS added,
  json_build_array(regions, countries, categories, authors, organizations, CASE WHEN language IS NULL THEN '{}'::text[] ELSE ARRAY[language] END)::text AS f
  FROM reportshelf_reports`;

interface RowIn {
  pos: number;
  year: number | null;
  changed: number;
  added: boolean;
  f: string;
}

/** A constraint set, as filterAndCount checks it. */
export interface Constraints {
  filters: Partial<Record<FacetName, string[]>>;
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
  undated?: boolean | undefined;
}

/** What one pass over candidates gives (core's filterAndCount). */
export interface Counted {
  /** Candidate numbers (indexes into the candidates given) that fail no constraint. */
  matched: number[];
  /** Each value id counted (not zero) and its count. */
  counts: Map<number, number>;
  /** The value ids counted (not zero), by facet, each once: what lists a facet, not every value it has. */
  touched: number[][];
  years: Map<number, number>;
  undated: number;
  relaxed: Uint32Array;
  /** The catalogue's regions' counts (core's `Results.places`), when it has places. */
  places?: Record<string, number>;
}

export class Columns {
  /** Rows, in the order first read: each report's position (`pos`), year, values. */
  size = 0;
  pos = new Float64Array(1024);
  year = new Int32Array(1024);
  alive = new Uint8Array(1024);
  added = new Uint8Array(1024);
  start = new Uint32Array(1024);
  length = new Uint16Array(1024);
  /**
   * Every row's year (as 32 bits), its values' count and its value ids (each with its facet in the
   * top bits), from `start` (rows
   * rewritten get new room at the end): together, so that a query's pass over rows scattered
   * across a million reads one place a row, not one in each of three arrays.
   */
  values = new Uint32Array(8192);
  used = 0;
  /** Value ids: their facet, their text, and how many live rows hold them. */
  facetOf: number[] = [];
  names: string[] = [];
  held = new Uint32Array(1024);
  ids = FACET_NAMES.map(() => new Map<string, number>());
  rowOf = new Map<number, number>();
  /** Live rows, and those with an `added` date. */
  count = 0;
  withAdded = 0;
  /** The last change stamp read, and the data version the rows are of. */
  stamp = 0;
  version = '';
  /** The catalogue's regions and their countries (its `places`), as of this version. */
  places?: Record<string, string[]>;
  /** Each facet's value ids in the order the browser lists them (collator, then code points), those added since aside. */
  private order: number[][] = FACET_NAMES.map(() => []);
  private unranked: number[][] = FACET_NAMES.map(() => []);
  /** Each value id's place in its facet's order: a facet's list sorted by numbers, not by comparing its texts. */
  private rank = new Uint32Array(1024);
  /** Every row's index terms, inverted (postings.ts): what the text of a query finds. */
  text = new Postings();
  /** Values' live rows as bitsets (a bit a row), made when first filtered on, then kept as rows are written; the latest used last. */
  private valueBits = new Map<number, Uint32Array>();

  /** Reads every row (at start, or after a TRUNCATE). */
  static async read(db: pg.ClientBase, version: string): Promise<Columns> {
    const columns = new Columns();
    const { rows } = await db.query<RowIn>(`${SELECT} ORDER BY pos`);
    const { rows: deleted } = await db.query<{ stamp: number | null }>(
      'SELECT max(changed)::float8 AS stamp FROM reportshelf_deleted',
    );
    columns.stamp = deleted[0]!.stamp ?? 0;
    for (const row of rows) columns.put(row);
    columns.version = version;
    return columns;
  }

  /**
   * Brings the rows up to the database's: the rows written and deleted since the last stamp read.
   * Returns false when the database was emptied (TRUNCATE): read it whole again.
   */
  async update(db: pg.ClientBase, version: string): Promise<boolean> {
    const { rows: gone } = await db.query<{ pos: number; changed: number }>(
      'SELECT pos::float8 AS pos, changed::float8 AS changed FROM reportshelf_deleted WHERE changed > $1 ORDER BY changed',
      [this.stamp],
    );
    if (gone.some((g) => g.pos < 0)) return false;
    const { rows } = await db.query<RowIn>(`${SELECT} WHERE changed > $1 ORDER BY changed`, [this.stamp]);
    // A row deleted then written again (or the other way) ends as its last change left it.
    const changes: { changed: number; run: () => void }[] = [
      ...gone.map((g) => ({ changed: g.changed, run: () => this.remove(g.pos) })),
      ...rows.map((row) => ({ changed: row.changed, run: () => this.put(row) })),
    ].sort((a, b) => a.changed - b.changed);
    for (const change of changes) change.run();
    this.version = version;
    return true;
  }

  private valueId(facet: number, text: string): number {
    const ids = this.ids[facet]!;
    let id = ids.get(text);
    if (id === undefined) {
      id = this.names.length;
      ids.set(text, id);
      this.names.push(text);
      this.facetOf.push(facet);
      this.held = grow(this.held, id + 1);
      this.unranked[facet]!.push(id);
    }
    return id;
  }

  /** Writes a row (new, or rewritten). */
  private put(row: RowIn): void {
    this.stamp = Math.max(this.stamp, row.changed);
    let r = this.rowOf.get(row.pos);
    if (r === undefined) {
      r = this.size++;
      this.rowOf.set(row.pos, r);
      this.pos = grow(this.pos, this.size);
      this.year = grow(this.year, this.size);
      this.alive = grow(this.alive, this.size);
      this.added = grow(this.added, this.size);
      this.start = grow(this.start, this.size);
      this.length = grow(this.length, this.size);
      this.pos[r] = row.pos;
    } else if (this.alive[r]) this.unhold(r);
    const facets = JSON.parse(row.f) as string[][];
    const ids: number[] = [];
    facets.forEach((values, f) => {
      for (const value of values) {
        const id = this.valueId(f, value);
        // A value twice in one report counts once.
        if (!ids.includes(id)) ids.push(id);
      }
    });
    if (ids.length > this.length[r]! || !this.alive[r]) {
      this.values = grow(this.values, this.used + HEAD + ids.length);
      this.start[r] = this.used;
      this.used += HEAD + ids.length;
    }
    const at = this.start[r]!;
    this.values[at] = (row.year ?? NO_YEAR) >>> 0;
    this.values[at + 1] = ids.length;
    ids.forEach((id, k) => (this.values[at + HEAD + k] = id | (this.facetOf[id]! << FACET_SHIFT)));
    this.length[r] = ids.length;
    for (const id of ids) {
      this.held[id]!++;
      let bits = this.valueBits.get(id);
      if (bits) {
        if (bits.length << 5 <= r) this.valueBits.set(id, (bits = grow(bits, (r >>> 5) + 1)));
        bits[r >>> 5]! |= 1 << (r & 31);
      }
    }
    this.year[r] = row.year ?? NO_YEAR;
    this.added[r] = row.added ? 1 : 0;
    this.alive[r] = 1;
    this.count++;
    if (row.added) this.withAdded++;
  }

  private unhold(r: number): void {
    for (let k = this.start[r]! + HEAD, end = k + this.length[r]!; k < end; k++) {
      const id = this.values[k]! & ID;
      this.held[id]!--;
      const bits = this.valueBits.get(id);
      if (bits && r >>> 5 < bits.length) bits[r >>> 5]! &= ~(1 << (r & 31));
    }
    this.alive[r] = 0;
    this.count--;
    if (this.added[r]) this.withAdded--;
  }

  private remove(pos: number): void {
    const r = this.rowOf.get(pos);
    if (r !== undefined && this.alive[r]) this.unhold(r);
  }

  /** Every live row, in the order of arrival. */
  everyRow(): Int32Array {
    const rows = new Int32Array(this.count);
    let n = 0;
    for (let r = 0; r < this.size; r++) if (this.alive[r]) rows[n++] = r;
    // Rows are read in order of position, then appended as they arrive: sorted by position.
    return rows.sort((a, b) => this.pos[a]! - this.pos[b]!);
  }

  /** Whether some live report holds this value. */
  holds(name: FacetName, value: string): boolean {
    const id = this.ids[FACET_NAMES.indexOf(name)]!.get(value);
    return id !== undefined && this.held[id]! > 0;
  }

  /** A value's live rows as bits: kept, or made by reading every row's values (the least used let go past VALUE_BITS). */
  private bitsOf(id: number): Uint32Array {
    let bits = this.valueBits.get(id);
    if (bits) {
      this.valueBits.delete(id);
    } else {
      bits = new Uint32Array((this.size + 31) >>> 5);
      const { start, length, values, alive } = this;
      for (let r = 0; r < this.size; r++) {
        if (!alive[r]) continue;
        for (let k = start[r]! + HEAD, end = k + length[r]!; k < end; k++)
          if ((values[k]! & ID) === id) {
            bits[r >>> 5]! |= 1 << (r & 31);
            break;
          }
      }
      for (const [old] of this.valueBits) {
        if (this.valueBits.size < VALUE_BITS) break;
        this.valueBits.delete(old);
      }
    }
    this.valueBits.set(id, bits);
    return bits;
  }

  /**
   * Bitsets for the values held by at least 1/256 of the rows (regions, categories, the common
   * countries): made in one pass at start, so that no query waits while one is made.
   */
  commonBits(): void {
    const common: number[] = [];
    for (let id = 0; id < this.names.length; id++)
      if (this.held[id]! * 256 >= this.count && !this.valueBits.has(id)) common.push(id);
    common.sort((a, b) => this.held[b]! - this.held[a]!).splice(Math.max(0, VALUE_BITS - this.valueBits.size));
    if (common.length === 0) return;
    const length = (this.size + 31) >>> 5;
    const made = common.map(() => new Uint32Array(length));
    const slot = new Int32Array(this.names.length).fill(-1);
    common.forEach((id, i) => (slot[id] = i));
    const { start, length: lengths, values, alive } = this;
    for (let r = 0; r < this.size; r++) {
      if (!alive[r]) continue;
      for (let k = start[r]! + HEAD, end = k + lengths[r]!; k < end; k++) {
        const i = slot[values[k]! & ID]!;
        if (i >= 0) made[i]![r >>> 5]! |= 1 << (r & 31);
      }
    }
    common.forEach((id, i) => this.valueBits.set(id, made[i]!));
  }

  /**
   * The rows that fail at most one of the query's facet filters, as a bitset: the only ones
   * filterAndCount counts (a row that fails two counts for no facet), from each filter's values as
   * bitsets, 32 rows at a time. With fewer than two filters, none: every row counts. The bitset
   * is scratch, valid until the next call (a query's 125 KB at 1,000,000 reports, not allocated
   * and collected each time).
   */
  keepOf(query: Constraints): Uint32Array | undefined {
    const sets: Uint32Array[] = [];
    const length = (this.size + 31) >>> 5;
    FACET_NAMES.forEach((name, f) => {
      const chosen = query.filters[name];
      if (!chosen) return;
      const ids = [...new Set(chosen.map((value) => this.ids[f]!.get(value)).filter((id) => id !== undefined))];
      if (ids.length === 1) return sets.push(this.bitsOf(ids[0]!));
      // Any of the values: their bits ORed.
      const any = new Uint32Array(length);
      for (const id of ids) {
        const bits = this.bitsOf(id);
        for (let i = 0; i < Math.min(length, bits.length); i++) any[i]! |= bits[i]!;
      }
      sets.push(any);
    });
    if (sets.length < 2) return undefined;
    // `once` holds the rows that passed all the filters seen so far but one, `all` those that passed them all.
    const keep = (keepScratch = grow(keepScratch, length));
    for (let i = 0; i < length; i++) {
      let all = -1;
      let once = 0;
      for (const bits of sets) {
        const held = i < bits.length ? bits[i]! : 0;
        once = (once & held) | (all & ~held);
        all &= held;
      }
      keep[i] = all | once;
    }
    return keep;
  }

  /**
   * One pass over the candidates (rows): a row failing no constraint is a result and counts
   * everywhere; a row failing exactly one counts only for that constraint's facet (disjunctive
   * faceting). As core's query.ts filterAndCount.
   */
  filterAndCount(query: Constraints, candidates: ArrayLike<number>): Counted {
    const { values, start } = this;
    // Scratch, by value id, left zeroed: no arrays of every value (200,000 authors) made and collected each query.
    const selected = (selectedScratch = grow(selectedScratch, this.names.length));
    const counts = (countsScratch = grow(countsScratch, this.names.length));
    let activeBits = 0;
    FACET_NAMES.forEach((name, f) => {
      const chosen = query.filters[name];
      if (!chosen) return;
      activeBits |= 1 << f;
      for (const value of chosen) {
        const id = this.ids[f]!.get(value);
        if (id !== undefined) selected[id] = 1;
      }
    });
    const { yearFrom, yearTo } = query;
    const bounded = yearFrom !== undefined || yearTo !== undefined;
    const undatedIn = query.undated ?? !bounded;
    const touched: number[][] = FACET_NAMES.map(() => []);
    const relaxed = new Uint32Array(FACET_NAMES.length + 1);
    // The regions each country's value is in, and each region's reports, each once (core's query.ts).
    const regions = Object.entries(this.places ?? {});
    const regionsOf: number[][] = [];
    regions.forEach(([, names], g) => {
      for (const name of names) {
        const id = this.ids[COUNTRY]!.get(name);
        if (id !== undefined) (regionsOf[id] ??= []).push(g);
      }
    });
    const inRegion = new Uint32Array(regions.length);
    const last = new Int32Array(regions.length).fill(-1);
    const byYear = new Map<number, number>();
    let undated = 0;
    const matched: number[] = [];
    for (let c = 0; c < candidates.length; c++) {
      const r = candidates[c]!;
      // The row's year, its values' count and its values, side by side (one read from memory, not three).
      const at = start[r]!;
      const year = values[at]! | 0;
      const from = at + HEAD;
      const to = from + values[at + 1]!;
      let satisfied = 0;
      if (activeBits !== 0)
        for (let k = from; k < to; k++) {
          // The value's facet is in its top bits: its id is looked up only for a facet filtered on.
          const bit = 1 << (values[k]! >>> FACET_SHIFT);
          if (activeBits & bit && selected[values[k]! & ID]) satisfied |= bit;
        }
      let missing = activeBits & ~satisfied;
      if (year === NO_YEAR) {
        if (!(missing & ~YEAR_BIT)) undated++;
        if (!undatedIn) missing |= YEAR_BIT;
      } else if ((yearFrom !== undefined && year < yearFrom) || (yearTo !== undefined && year > yearTo))
        missing |= YEAR_BIT;
      if (regions.length && !(missing & ~(1 << COUNTRY)))
        for (let k = from; k < to; k++)
          for (const g of regionsOf[values[k]! & ID] ?? NONE)
            if (last[g] !== c) {
              last[g] = c;
              inRegion[g]!++;
            }
      if (missing === 0) {
        matched.push(c);
        for (let k = from; k < to; k++) {
          const id = values[k]! & ID;
          if (counts[id]!++ === 0) touched[values[k]! >>> FACET_SHIFT]!.push(id);
        }
        if (year !== NO_YEAR) byYear.set(year, (byYear.get(year) ?? 0) + 1);
      } else if ((missing & (missing - 1)) === 0) {
        relaxed[31 - Math.clz32(missing)]!++;
        if (missing === YEAR_BIT) {
          if (year !== NO_YEAR) byYear.set(year, (byYear.get(year) ?? 0) + 1);
        } else
          for (let k = from; k < to; k++) {
            const f = values[k]! >>> FACET_SHIFT;
            if (1 << f !== missing) continue;
            const id = values[k]! & ID;
            if (counts[id]!++ === 0) touched[f]!.push(id);
          }
      }
    }
    // The counts of the values counted taken out, the scratch zeroed again.
    const countOf = new Map<number, number>();
    for (const ids of touched)
      for (const id of ids) {
        countOf.set(id, counts[id]!);
        counts[id] = 0;
      }
    FACET_NAMES.forEach((name, f) => {
      for (const value of query.filters[name] ?? []) {
        const id = this.ids[f]!.get(value);
        if (id !== undefined) selected[id] = 0;
      }
    });
    const counted: Counted = { matched, counts: countOf, touched, years: byYear, undated, relaxed };
    if (this.places) counted.places = Object.fromEntries(regions.map(([region], g) => [region, inRegion[g]!]));
    return counted;
  }

  /**
   * Each value id's place in the order `name`'s values are listed (collator, then code points):
   * the values added since the last call put in place (each found by halving), the places counted again.
   */
  ranks(name: FacetName): Uint32Array {
    const f = FACET_NAMES.indexOf(name);
    const added = this.unranked[f]!;
    if (added.length === 0) return this.rank;
    const { compare } = collator();
    const { names } = this;
    const byText = (a: number, b: number) => {
      const x = names[a]!;
      const y = names[b]!;
      return compare(x, y) || (x < y ? -1 : x > y ? 1 : 0);
    };
    added.sort(byText);
    const old = this.order[f]!;
    const order: number[] = [];
    let i = 0;
    for (const id of added) {
      let lo = i;
      let hi = old.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (byText(old[mid]!, id) < 0) lo = mid + 1;
        else hi = mid;
      }
      while (i < lo) order.push(old[i++]!);
      order.push(id);
    }
    while (i < old.length) order.push(old[i++]!);
    this.order[f] = order;
    this.unranked[f] = [];
    this.rank = grow(this.rank, names.length);
    order.forEach((id, place) => (this.rank[id] = place));
    return this.rank;
  }
}

let made: Intl.Collator | undefined;
/** Facet values sorted as the browser sorts them (core's `collator()`). */
export const collator = () => (made ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }));

/**
 * The columns a server keeps, brought up to the data version each query sees, one reading at a
 * time (queries that meet a new version together wait for the same reading).
 */
export class Memory {
  private columns: Columns | undefined;
  private reading: Promise<Columns> = Promise.resolve(undefined as unknown as Columns);

  /**
   * The columns as of `version`, read from `db`: what changed since the last reading, or every row
   * (at start, or after a TRUNCATE). A reading may take longer than a query may: no statement
   * timeout for it.
   */
  at(db: pg.ClientBase, version: string): Promise<Columns> {
    if (this.columns?.version === version) return Promise.resolve(this.columns);
    this.reading = this.reading
      .catch(() => undefined)
      .then(async () => {
        if (this.columns?.version === version) return this.columns;
        await db.query('SET statement_timeout = 0');
        // The deletions and the rows of one snapshot: a change between the two is read next time, not lost.
        await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        try {
          const since = this.columns?.stamp;
          if (!this.columns || since === undefined || !(await this.columns.update(db, version))) {
            this.columns = undefined;
            const columns = await Columns.read(db, version);
            columns.text = await Postings.read(db, columns.rowOf, columns.alive);
            this.columns = columns;
          } else await this.columns.text.update(db, this.columns.rowOf, this.columns.alive, since);
          const { rows } = await db.query<{ places: Record<string, string[]> | null }>(
            'SELECT places FROM reportshelf_catalogue',
          );
          this.columns.places = rows[0]!.places ?? undefined;
          // The values' order worked out in the reading, not in the query that first lists them;
          // the common values' bitsets too.
          for (const name of FACET_NAMES) this.columns.ranks(name);
          this.columns.commonBits();
        } catch (error) {
          // Columns brought up to date without their words (or the other way) are read whole next time.
          this.columns = undefined;
          throw error;
        } finally {
          await db.query('COMMIT');
          await db.query('RESET statement_timeout');
        }
        return this.columns;
      });
    return this.reading;
  }
}
