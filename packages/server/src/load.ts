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
import type { Catalogue } from '@reportshelf/core';
import { COLUMNS, rowBatches, threadsFor } from './rows.js';
import { migrate } from './schema.js';

export interface LoadOptions {
  /** The catalogue is the whole library: reports not in it are deleted (default true). */
  replace?: boolean;
  /** Told how many reports have been sent, now and then. */
  progress?: (sent: number, total: number) => void;
  /** Worker threads for the word analysis (default: one per core from 5,000 reports, none below). */
  threads?: number;
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
  /** Worker threads the word analysis ran on (0: this thread). */
  threads: number;
  /** Milliseconds each step took, in order (the benchmark reports them). */
  phases: Record<string, number>;
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
      // The index builds of a first load (GIN on the terms most) take half the time with 1 GB as
      // with 256 MB (fewer runs written out and merged); a server's larger setting is kept.
      await client.query(
        `SELECT set_config('maintenance_work_mem', greatest(setting::bigint, 1048576)::text || 'kB', true)
         FROM pg_settings WHERE name = 'maintenance_work_mem'`,
      );
      await client.query("SET LOCAL work_mem = '64MB'");
      // lz4 compresses the reports, terms and folded texts several times as fast as pglz, and
      // reads them back faster (a search's ranking reads each candidate's terms).
      await client.query("SET LOCAL default_toast_compression = 'lz4'");
      const terms = new Set<string>();
      const threads = options.threads ?? threadsFor(catalogue.reports.length);
      // Into an empty table (a first load), the rows go straight in by COPY and the indexes are
      // built once after them, not row by row; else through a staging table, upserted by id.
      const { rows: empty } = await client.query<{ empty: boolean }>(
        'SELECT NOT EXISTS (SELECT 1 FROM reportshelf_reports) AS empty',
      );
      const first = empty[0]!.empty;
      const { rows: indexes } = first
        ? await client.query<{ name: string; definition: string }>(
            `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
             WHERE tablename = 'reportshelf_reports' AND indexname <> 'reportshelf_reports_pkey'`,
          )
        : { rows: [] };
      for (const index of indexes) await client.query(`DROP INDEX ${client.escapeIdentifier(index.name)}`);
      if (!first)
        await client.query(`CREATE TEMP TABLE reportshelf_staging (
          id text, pos bigint, report jsonb, year integer, title_key text, regions text[], countries text[],
          categories text[], authors text[], organizations text[], language text, terms tsvector, folded text
        ) ON COMMIT DROP`);
      // New reports come after the others, in the catalogue's order: positions taken at once, by
      // their place in it (not a sort of every row; a report that exists keeps its own).
      const { rows: base } = await client.query<{ base: string }>(
        `SELECT (setval('reportshelf_pos', nextval('reportshelf_pos') + $1) - $1)::text AS base`,
        [catalogue.reports.length],
      );
      done('start');
      const copy = client.query(
        copyFrom(`COPY ${first ? `reportshelf_reports (${COLUMNS})` : 'reportshelf_staging'} FROM STDIN`),
      );
      await pipeline(
        Readable.from(
          rowBatches(catalogue.reports, Number(base[0]!.base), catalogue.language, terms, threads, (ms, sent) => {
            phases.analysis = (phases.analysis ?? 0) + ms;
            options.progress?.(sent, catalogue.reports.length);
          }),
        ),
        copy,
      );
      // The analysis ran as COPY took its lines: the rest of the time is COPY's.
      done('COPY');
      phases.COPY! -= phases.analysis ?? 0;
      // A report unchanged is left as it is (no new row version, no index work).
      const upserted = first
        ? copy.rowCount
        : ((
            await client.query(
              `INSERT INTO reportshelf_reports AS r (${COLUMNS}) SELECT ${COLUMNS} FROM reportshelf_staging
               ON CONFLICT (id) DO UPDATE SET
                 report = EXCLUDED.report, year = EXCLUDED.year, title_key = EXCLUDED.title_key,
                 regions = EXCLUDED.regions, countries = EXCLUDED.countries, categories = EXCLUDED.categories,
                 authors = EXCLUDED.authors, organizations = EXCLUDED.organizations, language = EXCLUDED.language,
                 terms = EXCLUDED.terms, folded = EXCLUDED.folded
               WHERE r.report IS DISTINCT FROM EXCLUDED.report OR r.terms IS DISTINCT FROM EXCLUDED.terms`,
            )
          ).rowCount ?? 0);
      done('upsert');
      for (const index of indexes) await client.query(index.definition);
      done('indexes');
      let deleted = 0;
      // (An empty table had none to delete.)
      if (!first && (options.replace ?? true)) {
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
      return { upserted, unchanged: catalogue.reports.length - upserted, deleted, migrations, threads, phases };
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    await own?.end();
  }
}
