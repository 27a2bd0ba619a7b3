/**
 * reportshelf load CATALOGUE.json|FILE.csv|SPLIT_FOLDER --database URL [--upsert]
 * reportshelf serve --database URL [--database URL…] [--port N] [--allow-origin ORIGIN…] [--processes N]
 *
 * A search server's two commands: `load` reads a file as `build` does (the same checks), or a
 * split folder, and writes its reports into PostgreSQL; `serve` answers the elements from it.
 * The server package (and its PostgreSQL client) is only loaded for these two.
 */
import { availableParallelism } from 'node:os';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LANGUAGE_TAG, parseCatalogue, readManifest, type Catalogue } from '@reportshelf/core';
import { printable } from './cli.js';
import { convertFile, type ReadOptions } from './read.js';

export const SERVER_USAGE = `       reportshelf load CATALOGUE.json|INPUT.csv|INPUT.xlsx|SPLIT_FOLDER --database URL [--upsert]
       reportshelf serve --database URL [--database URL…] [--port N] [--allow-origin ORIGIN…] [--processes N]

load: writes the catalogue's reports into PostgreSQL (the schema is made or updated first). The
  file is the whole library: reports not in it are deleted, unless --upsert (add and change only).
  Reads files as build does (--columns, --list-separator, --delimiter, --encoding, --sheet,
  --summary-format, --title-from-summary, --title, --language work the same).
serve: answers the elements' queries from the database (src="http://HOST:PORT/").
  --database URL       PostgreSQL connection URL (also DATABASE_URL); give several (replicas)
                       to spread the reads over them
  --port N             port to listen on (default 8080)
  --host ADDRESS       address to listen on (default 127.0.0.1; 0.0.0.0 in a container)
  --allow-origin O     an origin whose pages may query (CORS), e.g. https://partner.example.org;
                       give it once per origin, or * for any
  --max-age S          seconds a CDN may keep an answer (default 0: it revalidates by ETag)
  --per-client N       queries under way at once from one address (default 4), in each process
  --processes N        server processes on the port, one a core (default 1); each holds its own
                       copy of the reports in memory (about 1.4 GB at 1,000,000 reports)
  --statement-timeout MS  longest a query may run in the database (default 5000)`;

/** Reads a split folder's reports (its manifest and card files) as a catalogue. */
async function readSplit(folder: string): Promise<Catalogue> {
  const manifest = readManifest(JSON.parse(await readFile(join(folder, 'catalogue.json'), 'utf8')));
  if (typeof manifest === 'string') throw new Error(`${folder}/catalogue.json: ${manifest}`);
  const build = join(folder, (manifest as { build?: string }).build ?? '');
  const files = (await readdir(join(build, 'cards'))).filter((name) => /^\d+\.json$/.test(name));
  const reports: unknown[] = [];
  for (let i = 0; i < files.length; i++)
    reports.push(...(JSON.parse(await readFile(join(build, 'cards', `${i}.json`), 'utf8')) as unknown[]));
  const { catalogue, problems } = parseCatalogue({
    version: 1,
    ...(manifest.title === undefined ? {} : { title: manifest.title }),
    ...(manifest.language === undefined ? {} : { language: manifest.language }),
    reports,
  });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`${folder}: ${errors[0]!.message}`);
  return catalogue;
}

export async function serverCommand(
  argv: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        database: { type: 'string', multiple: true },
        upsert: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-origin': { type: 'string', multiple: true },
        'max-age': { type: 'string' },
        'per-client': { type: 'string' },
        processes: { type: 'string' },
        'statement-timeout': { type: 'string' },
        columns: { type: 'string' },
        'list-separator': { type: 'string' },
        delimiter: { type: 'string' },
        encoding: { type: 'string' },
        sheet: { type: 'string' },
        'title-from-summary': { type: 'boolean' },
        'summary-format': { type: 'string' },
        title: { type: 'string' },
        language: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    err.write(`reportshelf: ${(error as Error).message}\n\nUsage:\n${SERVER_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    out.write(`Usage:\n${SERVER_USAGE}\n`);
    return 0;
  }
  const [command, input, ...extra] = positionals;
  const databases = values.database ?? (process.env.DATABASE_URL ? [process.env.DATABASE_URL] : []);
  if (databases.length === 0 || (command === 'load' && (!input || extra.length > 0 || databases.length > 1))) {
    err.write(
      `reportshelf: ${databases.length === 0 ? 'give the database: --database postgres://…' : command === 'load' ? 'load takes one input and one --database' : ''}\n\nUsage:\n${SERVER_USAGE}\n`,
    );
    return 2;
  }
  const server = await import('@reportshelf/server');

  if (command === 'serve') {
    if (input) {
      err.write(`reportshelf: serve takes no input ("${input}")\n`);
      return 2;
    }
    const number = (name: string, text: string | undefined, fallback: number, min = 0, max = 2 ** 31 - 1) => {
      if (text === undefined) return fallback;
      if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
        throw new Error(`--${name}: "${text}" is not a whole number from ${min} to ${max}`);
      return Number(text);
    };
    let running;
    let processes: number;
    try {
      processes = number('processes', values.processes, 1, 1, 64);
    } catch (error) {
      err.write(`reportshelf: ${(error as Error).message}\n`);
      return 1;
    }
    // More than one a core: each waits for a core the others hold, and holds its own memory.
    if (processes > availableParallelism())
      err.write(
        `reportshelf: ${processes} processes on ${availableParallelism()} cores: more than one a core adds memory, not speed\n`,
      );
    try {
      running = await server.startServer({
        databases,
        port: number('port', values.port, 8080, 0, 65_535),
        host: values.host ?? '127.0.0.1',
        allowOrigins: values['allow-origin'] ?? [],
        maxAge: number('max-age', values['max-age'], 0),
        perClient: number('per-client', values['per-client'], 4, 1),
        statementTimeout: number('statement-timeout', values['statement-timeout'], 5000, 1),
        // Each holds every report in memory: 64 at most (1.5 GB each at 1,000,000 reports).
        processes,
      });
    } catch (error) {
      err.write(`reportshelf: ${(error as Error).message}\n`);
      return 1;
    }
    const ids = running.processIds();
    out.write(
      `Reportshelf search server at ${running.url} (give it as src)${ids.length > 1 ? `, ${ids.length} processes (${ids.join(', ')})` : ''}; Ctrl+C stops it.\n`,
    );
    // Until Ctrl+C or SIGTERM, or (several processes) until they keep stopping: then with 1.
    return await new Promise<number>((resolve) => {
      const stop = () => void running.close().then(() => resolve(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      void running.failed?.then((error) => {
        err.write(`reportshelf: ${error.message}\n`);
        resolve(1);
      });
    });
  }

  // load
  let catalogue: Catalogue;
  const kind = await stat(input!).catch(() => null);
  if (!kind) {
    err.write(`reportshelf: cannot read ${input}: no such file or folder.\n`);
    return 1;
  }
  if (kind.isDirectory()) {
    try {
      catalogue = await readSplit(input!);
    } catch (error) {
      err.write(`reportshelf: ${(error as Error).message}\n`);
      return 1;
    }
  } else {
    const options: ReadOptions = {};
    if (values['list-separator']) options.listSeparator = values['list-separator'];
    if (values.delimiter) options.delimiter = values.delimiter;
    if (values.sheet !== undefined) options.sheet = values.sheet;
    if (values.encoding !== undefined) options.encoding = values.encoding;
    if (values['title-from-summary']) options.titleFromSummary = true;
    if (values.title) options.title = values.title;
    if (values.language) {
      if (!LANGUAGE_TAG.test(values.language)) {
        err.write(`reportshelf: --language: "${values.language}" is not a language code such as en, fr, es or ar.\n`);
        return 2;
      }
      options.language = values.language;
    }
    const result = convertFile(await readFile(input!), input!, options);
    for (const p of result.problems)
      err.write(printable(`${input}${p.line ? `:${p.line}` : ''}: ${p.severity}: ${p.message}`) + '\n');
    if (result.fatal || result.catalogue.reports.length === 0) {
      err.write(`reportshelf: no report in ${input} can be used; the database was not changed.\n`);
      return 1;
    }
    catalogue = result.catalogue;
  }
  try {
    const started = Date.now();
    const done = await server.loadCatalogue(databases[0]!, catalogue, { replace: !values.upsert });
    out.write(
      `${input}: ${catalogue.reports.length} reports; ${done.upserted} added or changed, ${done.unchanged} unchanged, ${done.deleted} deleted${done.migrations.length ? `; schema migrated to ${done.migrations.at(-1)}` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s).\n`,
    );
    return 0;
  } catch (error) {
    err.write(`reportshelf: the database could not be loaded: ${(error as Error).message}; it was not changed.\n`);
    return 1;
  }
}
