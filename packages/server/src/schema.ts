/**
 * The database's schema, as numbered migrations: each runs once, in order, in one transaction,
 * and is recorded in `reportshelf_migrations`. `reportshelf load` migrates; the server only reads,
 * and refuses a database whose schema is not the one it knows (older: load first; newer: update
 * the server).
 */
import type pg from 'pg';

/** Each migration's statements, by version. Never edit one that shipped: add the next. */
export const MIGRATIONS: readonly { version: number; why: string; sql: string }[] = [
  {
    version: 1,
    why: 'reports with their analysed words, facets and sort keys; the vocabulary for typos; the data version',
    sql: `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
-- Titles sorted as the browser's Intl.Collator sorts them: accents and case aside, numbers by value.
CREATE COLLATION IF NOT EXISTS reportshelf_title (provider = icu, locale = 'und-u-ks-level1-kn-true', deterministic = false);

-- One row per report. The analysed columns are written by the loader, with the same word
-- analysis as the browser engines (packages/core analysis.ts), so both find the same reports.
CREATE TABLE reportshelf_reports (
  id text PRIMARY KEY,
  -- Order of arrival: the catalogue's order, then upserted reports after it (ties in sorts).
  pos bigint NOT NULL,
  report jsonb NOT NULL,
  year integer,
  title_key text COLLATE reportshelf_title NOT NULL,
  regions text[] NOT NULL,
  countries text[] NOT NULL,
  categories text[] NOT NULL,
  authors text[] NOT NULL,
  organizations text[] NOT NULL,
  language text,
  -- Index terms with the field's weight: title A, authors B, organizations C, the rest D.
  terms tsvector NOT NULL,
  -- The searchable text folded, for "quoted phrases" (a line between fields).
  folded text NOT NULL
);
CREATE SEQUENCE reportshelf_pos;
CREATE INDEX reportshelf_reports_terms ON reportshelf_reports USING gin (terms);
CREATE INDEX reportshelf_reports_regions ON reportshelf_reports USING gin (regions);
CREATE INDEX reportshelf_reports_countries ON reportshelf_reports USING gin (countries);
CREATE INDEX reportshelf_reports_categories ON reportshelf_reports USING gin (categories);
CREATE INDEX reportshelf_reports_authors ON reportshelf_reports USING gin (authors);
CREATE INDEX reportshelf_reports_organizations ON reportshelf_reports USING gin (organizations);
CREATE INDEX reportshelf_reports_language ON reportshelf_reports (language);
CREATE INDEX reportshelf_reports_year ON reportshelf_reports (year);
CREATE INDEX reportshelf_reports_pos ON reportshelf_reports (pos);

-- Every index term once, for typo tolerance (trigrams find the near ones, Levenshtein decides).
CREATE TABLE reportshelf_terms (term text PRIMARY KEY);
CREATE INDEX reportshelf_terms_trgm ON reportshelf_terms USING gin (term gin_trgm_ops);

-- The catalogue's own fields, and the data version: any change of the reports moves it on,
-- which is the ETag a CDN revalidates against.
CREATE TABLE reportshelf_catalogue (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  title text,
  language text,
  version bigint NOT NULL DEFAULT 1
);
INSERT INTO reportshelf_catalogue DEFAULT VALUES;
CREATE FUNCTION reportshelf_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reportshelf_catalogue SET version = version + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER reportshelf_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reportshelf_reports
  FOR EACH STATEMENT EXECUTE FUNCTION reportshelf_changed();
`,
  },
  {
    version: 2,
    why: "each row written stamped and each deletion logged, so that a server keeping the reports' years and facets in memory reads only what changed; indexes in the sorts' orders, so that a page of many results is read in order, not sorted",
    sql: `
CREATE SEQUENCE reportshelf_change;
ALTER TABLE reportshelf_reports ADD COLUMN changed bigint NOT NULL DEFAULT 0;
CREATE FUNCTION reportshelf_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.changed := nextval('reportshelf_change');
  RETURN NEW;
END $$;
CREATE TRIGGER reportshelf_stamp BEFORE INSERT OR UPDATE ON reportshelf_reports
  FOR EACH ROW EXECUTE FUNCTION reportshelf_stamp();
UPDATE reportshelf_reports SET changed = nextval('reportshelf_change');
CREATE INDEX reportshelf_reports_changed ON reportshelf_reports (changed);

-- Deletions, by the stamp they were made at; a TRUNCATE as position -1 (read everything again).
CREATE TABLE reportshelf_deleted (changed bigint NOT NULL, pos bigint NOT NULL);
CREATE INDEX reportshelf_deleted_changed ON reportshelf_deleted (changed);
CREATE FUNCTION reportshelf_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    INSERT INTO reportshelf_deleted VALUES (nextval('reportshelf_change'), -1);
  ELSE
    INSERT INTO reportshelf_deleted SELECT nextval('reportshelf_change'), pos FROM gone;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER reportshelf_forget AFTER DELETE ON reportshelf_reports
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION reportshelf_forget();
CREATE TRIGGER reportshelf_forget_all AFTER TRUNCATE ON reportshelf_reports
  FOR EACH STATEMENT EXECUTE FUNCTION reportshelf_forget();

CREATE INDEX reportshelf_reports_newest ON reportshelf_reports (year DESC NULLS LAST, title_key, pos);
CREATE INDEX reportshelf_reports_oldest ON reportshelf_reports (year ASC NULLS LAST, title_key, pos);
CREATE INDEX reportshelf_reports_title ON reportshelf_reports (title_key, pos);
CREATE INDEX reportshelf_reports_added ON reportshelf_reports ((report->>'added') DESC NULLS LAST, year DESC NULLS LAST, title_key, pos);
`,
  },
  {
    version: 3,
    why: "the catalogue's places (regions and their countries), as written: json keeps the regions' order",
    sql: `ALTER TABLE reportshelf_catalogue ADD COLUMN places json;`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Brings the database's schema up to date; returns the migrations applied. */
export async function migrate(client: pg.ClientBase): Promise<number[]> {
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    // One loader migrates at a time.
    await client.query('SELECT pg_advisory_xact_lock(4242028)');
    await client.query(
      'CREATE TABLE IF NOT EXISTS reportshelf_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM reportshelf_migrations');
    const done = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...done);
    if (newest > SCHEMA_VERSION)
      throw new Error(
        `the database's schema is version ${newest}, newer than this reportshelf knows (${SCHEMA_VERSION}): update reportshelf`,
      );
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO reportshelf_migrations (version) VALUES ($1)', [migration.version]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return applied;
}

/** The schema version of a database (0 when it has none), for the server's check at start. */
export async function schemaVersion(client: pg.Pool | pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ version: number | null }>(
    "SELECT CASE WHEN to_regclass('reportshelf_migrations') IS NULL THEN 0 END AS version",
  );
  if (rows[0]!.version === 0) return 0;
  const got = await client.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM reportshelf_migrations',
  );
  return got.rows[0]!.version ?? 0;
}
