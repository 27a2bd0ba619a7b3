/**
 * A catalogue into the database: its reports analysed here (the browser engines' word analysis),
 * sent by COPY into a staging table, then upserted by id in one transaction; with `replace`, the
 * reports the catalogue no longer holds are deleted. A visitor's next query sees the new data
 * (the data version moves on with the commit).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Catalogue, Report } from '@reportshelf/core';
import { migrate } from './schema.js';
import { foldedText, termsOf, titleKey } from './words.js';

export interface LoadOptions {
  /** The catalogue is the whole library: reports not in it are deleted (default true). */
  replace?: boolean;
  /** Told how many reports have been sent, now and then. */
  progress?: (sent: number, total: number) => void;
}

export interface LoadResult {
  /** Reports added or changed. */
  upserted: number;
  /** Reports unchanged. */
  unchanged: number;
  /** Reports deleted (with `replace`). */
  deleted: number;
  /** Migrations applied first. */
  migrations: number[];
  /** Milliseconds each step took, in order (the benchmark reports them). */
  phases: Record<string, number>;
}

/** A value for COPY's text format: backslash, tab, newline and carriage return escaped. */
const field = (value: string | number | undefined | null): string =>
  value === undefined || value === null
    ? '\\N'
    : String(value).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

/** The staging rows, one COPY line per report, made as COPY asks for them. */
function* lines(
  reports: readonly Report[],
  language: string | undefined,
  terms: Set<string>,
  progress: LoadOptions['progress'],
  phases: Record<string, number>,
) {
  const batch: string[] = [];
  let started = performance.now();
  for (let i = 0; i < reports.length; i++) {
    const report = reports[i]!;
    const analysed = termsOf(report, language);
    for (const term of analysed.terms) terms.add(term);
    batch.push(
      [
        field(report.id),
        field(i),
        field(JSON.stringify(report)),
        field(report.year),
        field(titleKey(report.title)),
        field(report.language),
        field(analysed.vector),
        field(foldedText(report)),
      ].join('\t') + '\n',
    );
    if (batch.length === 1000 || i === reports.length - 1) {
      const chunk = batch.join('');
      batch.length = 0;
      phases.analysis = (phases.analysis ?? 0) + performance.now() - started;
      yield chunk;
      started = performance.now();
      progress?.(i + 1, reports.length);
    }
  }
}

/** Loads a catalogue (validated already: see the CLI's reading of files) into the database at `url` or through `client`. */
export async function loadCatalogue(
  database: string | pg.ClientBase,
  catalogue: Catalogue,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const phases: Record<string, number> = {};
  let lap = performance.now();
  /** The time since the last step ended, as `name`'s. */
  const done = (name: string) => {
    const now = performance.now();
    phases[name] = (phases[name] ?? 0) + now - lap;
    lap = now;
  };
  const own = typeof database === 'string' ? new pg.Client({ connectionString: database }) : undefined;
  const client = own ?? (database as pg.ClientBase);
  if (own) await own.connect();
  try {
    const migrations = await migrate(client);
    done('migrations');
    await client.query('BEGIN');
    try {
      // One load at a time: the rows' change stamps then commit in order, so that a server that
      // has read the changes up to a stamp never meets a lower one later (see columns.ts).
      await client.query('SELECT pg_advisory_xact_lock(4242029)');
      await client.query("SET LOCAL maintenance_work_mem = '256MB'");
      await client.query("SET LOCAL work_mem = '64MB'");
      // lz4 compresses the reports, terms and folded texts several times as fast as pglz, and
      // reads them back faster (a search's ranking reads each candidate's terms).
      await client.query("SET LOCAL default_toast_compression = 'lz4'");
      await client.query(`CREATE TEMP TABLE reportshelf_staging (
        id text, ord integer, report jsonb, year integer, title_key text, language text, terms tsvector, folded text
      ) ON COMMIT DROP`);
      const terms = new Set<string>();
      done('start');
      await pipeline(
        Readable.from(lines(catalogue.reports, catalogue.language, terms, options.progress, phases)),
        client.query(copyFrom('COPY reportshelf_staging FROM STDIN')),
      );
      // The analysis ran as COPY took its lines: the rest of the time is COPY's (or waiting for it).
      done('COPY');
      phases.COPY! -= phases.analysis ?? 0;
      // Into an empty table (a first load), the indexes are built once after the rows, not row by row.
      const { rows: empty } = await client.query<{ empty: boolean }>(
        'SELECT NOT EXISTS (SELECT 1 FROM reportshelf_reports) AS empty',
      );
      const { rows: indexes } = empty[0]!.empty
        ? await client.query<{ name: string; definition: string }>(
            `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
             WHERE tablename = 'reportshelf_reports' AND indexname <> 'reportshelf_reports_pkey'`,
          )
        : { rows: [] };
      for (const index of indexes) await client.query(`DROP INDEX ${client.escapeIdentifier(index.name)}`);
      done('start');
      // New reports come after the others, in the catalogue's order: positions taken at once, by
      // their place in it (not a sort of every row; a report that exists keeps its own).
      const { rows: base } = await client.query<{ base: string }>(
        `SELECT (setval('reportshelf_pos', nextval('reportshelf_pos') + $1) - $1)::text AS base`,
        [catalogue.reports.length],
      );
      // A report unchanged is left as it is (no new row version, no index work).
      const upsert = await client.query(
        `
        INSERT INTO reportshelf_reports AS r
          (id, pos, report, year, title_key, regions, countries, categories, authors, organizations, language, terms, folded)
        SELECT id, $1::bigint + ord, report, year, title_key,
          ARRAY(SELECT jsonb_array_elements_text(report->'regions')),
          ARRAY(SELECT jsonb_array_elements_text(report->'countries')),
          ARRAY(SELECT jsonb_array_elements_text(report->'categories')),
          ARRAY(SELECT jsonb_array_elements_text(report->'authors')),
          ARRAY(SELECT jsonb_array_elements_text(report->'organizations')),
          language, terms, folded
        FROM reportshelf_staging s
        ON CONFLICT (id) DO UPDATE SET
          report = EXCLUDED.report, year = EXCLUDED.year, title_key = EXCLUDED.title_key,
          regions = EXCLUDED.regions, countries = EXCLUDED.countries, categories = EXCLUDED.categories,
          authors = EXCLUDED.authors, organizations = EXCLUDED.organizations, language = EXCLUDED.language,
          terms = EXCLUDED.terms, folded = EXCLUDED.folded
        WHERE r.report IS DISTINCT FROM EXCLUDED.report OR r.terms IS DISTINCT FROM EXCLUDED.terms`,
        [base[0]!.base],
      );
      done('upsert');
      for (const index of indexes) await client.query(index.definition);
      done('indexes');
      let deleted = 0;
      if (options.replace ?? true) {
        await client.query('CREATE INDEX ON reportshelf_staging (id)');
        deleted =
          (
            await client.query(
              'DELETE FROM reportshelf_reports r WHERE NOT EXISTS (SELECT 1 FROM reportshelf_staging s WHERE s.id = r.id)',
            )
          ).rowCount ?? 0;
        done('deletions');
      }
      await client.query('INSERT INTO reportshelf_terms SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [
        [...terms],
      ]);
      done('vocabulary');
      // The catalogue's own fields; changed, they move the data version on (the descriptor says them).
      await client.query(
        `UPDATE reportshelf_catalogue SET title = $1, language = $2, places = $3::text::json,
           version = version + (title IS DISTINCT FROM $1 OR language IS DISTINCT FROM $2 OR places::text IS DISTINCT FROM $3::text)::int`,
        [
          catalogue.title ?? null,
          catalogue.language ?? null,
          catalogue.places ? JSON.stringify(catalogue.places) : null,
        ],
      );
      await client.query('COMMIT');
      done('commit');
      const upserted = upsert.rowCount ?? 0;
      return { upserted, unchanged: catalogue.reports.length - upserted, deleted, migrations, phases };
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    await own?.end();
  }
}
