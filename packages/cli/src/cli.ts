#!/usr/bin/env node
// `main` takes Node's streams: its declarations need Node's types (kept in the emitted .d.ts).
/// <reference types="node" preserve="true" />
/**
 * reportshelf build INPUT.csv|INPUT.json -o catalogue.json [--single] [--index index.json]
 * reportshelf build INPUT.csv|INPUT.json --split FOLDER
 *
 * Turns a curator's spreadsheet (or a JSON file) into a validated catalogue. Every problem is
 * printed with its CSV line and column. Exit status: 0 when every report was kept (warnings
 * allowed), 1 when a report was skipped or the file is unusable, or with --strict on any warning.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, realpath, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BUILD_NAME,
  buildIndex,
  isSplit,
  isSplitFile,
  FACET_NAMES,
  LANGUAGE_TAG,
  type Catalogue,
  type FacetName,
  serialiseIndex,
  splitCatalogue,
} from '@reportshelf/core';
import { FIELDS, parseColumns, parseMap, SUMMARY_FORMATS, type LocatedProblem, type SummaryFormat } from './convert.js';
import { encodingOf } from './decode.js';
import { catalogueFeeds, GENERATOR } from './feeds.js';
import { useM49, withPlaces, type M49 } from './places.js';
import { convertFile, type ReadOptions } from './read.js';

useM49(() => JSON.parse(readFileSync(new URL('../data/m49.json', import.meta.url), 'utf8')) as M49);

/**
 * From this many reports `-o` writes the split format (at the same address: the manifest, its
 * build folder beside it), unless `--single`. Measured (bench/RESULTS.md, issue 26): at 1,000
 * reports one file (367 KB) takes 2.4 times as long as the split format (111 KB) to first
 * results on slow 4G, and no less on loopback; at 200 one file (64 KB) is the faster.
 */
export const SPLIT_FROM = 1_000;

const USAGE = `Usage: reportshelf build INPUT.csv|INPUT.xlsx|INPUT.ods|INPUT.json -o OUTPUT.json [options]
       reportshelf build INPUT --split FOLDER [options]
       reportshelf load INPUT|SPLIT_FOLDER --database URL, reportshelf serve --database URL (a search server: see load --help)

Options:
  -o, --output FILE        where to write the catalogue: one file, or from ${SPLIT_FROM.toLocaleString('en')} reports
                           the split format (FILE its manifest, its files in a folder beside it);
                           the page's src is FILE either way
      --single             one file whatever the size
      --index FILE         also write the serialised search index (one file only)
      --split FOLDER       write the split format into FOLDER whatever the size:
                           give FOLDER/catalogue.json as src
      --columns MAP        the spreadsheet's own headers, e.g. title=Title,year=Published,summary=Abstract
      --map MAP            the field of each column by its letter, e.g. A=title,C=summary,D=year;
                           the headers are not read and other columns are not used
      --list-separator S   separator inside multi-valued cells (default ";")
      --delimiter D        CSV delimiter (default: detected: comma, semicolon or tab)
      --encoding E         the CSV's encoding: utf-8, utf-16le, utf-16be, windows-1252, latin1
                           (default: detected: a byte order mark, else UTF-8 when valid,
                           else Windows-1252, as Excel's "CSV (Comma delimited)" writes)
      --sheet NAME         the workbook's sheet to read (default: the first)
      --summary-format F   how summaries are written: text (default), markdown or html;
                           markdown and html become plain text (links keep their address)
      --title-from-summary give reports without a title the lead of their summary
      --title TEXT         the catalogue's title
      --language CODE      the catalogue's main language (en, fr, es, ar, …)
      --feeds FACETS       besides feed.xml (an Atom feed of the newest reports, always written
                           beside the catalogue), a feed per value of these facets, e.g.
                           country,category, in feeds/FACET/VALUE.xml; "none" writes no feed
      --site URL           the page the library is on: feed entries link to its report view
      --places P           m49 (default): group the countries by UN M49 region, so that the
                           filter shows each country under its region; none: no grouping
      --strict             fail (exit 1) on warnings too
  -h, --help               show this help

Fields: ${FIELDS.join(', ')}. Multi-valued fields (countries, regions, categories, authors,
organizations) are split on the list separator. A missing id becomes a slug of title and year.`;

// Control characters are exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text from a file, made safe to print: control characters (an escape sequence in a cell could
 * rewrite the terminal) are shown as \u{…} instead of being sent.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

/** Why a file could not be written, in a few words. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    ENOENT: 'its folder does not exist',
    EISDIR: 'it is a folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the disk is read-only',
    ENOTDIR: 'a part of the path is not a folder',
    ENOSPC: 'the disk is full',
  };
  return (code && words[code]) ?? (error as Error).message;
}

/** The same file under two names? (Compared by the file itself when it exists, else by path.) */
async function sameFile(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a).catch(() => null), stat(b).catch(() => null)]);
  if (sa && sb) return sa.dev === sb.dev && sa.ino === sb.ino;
  const real = async (p: string) =>
    join(await realpath(dirname(resolve(p))).catch(() => dirname(resolve(p))), basename(p));
  return (await real(a)) === (await real(b));
}

/**
 * Writes every file or none: each goes to a temporary file beside its target first, and only when
 * all are written are they renamed into place, so that a failed run never leaves half a catalogue
 * (or a catalogue without its index).
 */
async function writeAll(files: [path: string, text: string][]): Promise<void> {
  const temporary = files.map(([path]) => join(dirname(path), `.${basename(path)}.${process.pid}.tmp`));
  try {
    for (const [i, [path, text]] of files.entries()) {
      if ((await stat(path).catch(() => null))?.isDirectory())
        throw Object.assign(new Error(), { code: 'EISDIR', path });
      await writeFile(temporary[i]!, text).catch((error: NodeJS.ErrnoException) => {
        throw Object.assign(error, { path });
      });
    }
    for (const [i, [path]] of files.entries())
      await rename(temporary[i]!, path).catch((error: NodeJS.ErrnoException) => {
        throw Object.assign(error, { path });
      });
  } finally {
    await Promise.all(temporary.map((t) => rm(t, { force: true })));
  }
}

function where(file: string, p: LocatedProblem): string {
  const at = [file + (p.line ? `:${p.line}${p.endLine ? `-${p.endLine}` : ''}` : '')];
  if (p.column) at.push(`column ${p.column}`);
  return at.join(' ');
}

export async function main(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  // A search server's commands (load, serve): their own options, and PostgreSQL's client only for them.
  if (argv[0] === 'load' || argv[0] === 'serve') return (await import('./server.js')).serverCommand(argv, out, err);
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        index: { type: 'string' },
        split: { type: 'string' },
        single: { type: 'boolean' },
        columns: { type: 'string' },
        map: { type: 'string' },
        'list-separator': { type: 'string' },
        delimiter: { type: 'string' },
        encoding: { type: 'string' },
        sheet: { type: 'string' },
        'title-from-summary': { type: 'boolean' },
        'summary-format': { type: 'string' },
        title: { type: 'string' },
        language: { type: 'string' },
        feeds: { type: 'string' },
        site: { type: 'string' },
        places: { type: 'string' },
        strict: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    err.write(`reportshelf: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  const [command, input, ...extra] = positionals;
  if (
    command !== 'build' ||
    !input ||
    extra.length > 0 ||
    !values.output === !values.split ||
    (values.split && (values.index || values.single))
  ) {
    err.write(`${command && command !== 'build' ? `reportshelf: unknown command "${command}".\n\n` : ''}${USAGE}\n`);
    return 2;
  }
  const options: ReadOptions = {};
  try {
    if (values.columns) options.columns = parseColumns(values.columns);
  } catch (error) {
    err.write(`reportshelf: --columns: ${printable((error as Error).message)}\n`);
    return 2;
  }
  if (values.map !== undefined) {
    if (values.columns) {
      err.write('reportshelf: --map and --columns both say which column is which: give one.\n');
      return 2;
    }
    try {
      options.fields = parseMap(values.map);
    } catch (error) {
      err.write(`reportshelf: --map: ${printable((error as Error).message)}\n`);
      return 2;
    }
  }
  if (values['list-separator']) options.listSeparator = values['list-separator'];
  if (values.delimiter) options.delimiter = values.delimiter;
  if (values.encoding !== undefined) {
    try {
      options.encoding = encodingOf(values.encoding);
    } catch (error) {
      err.write(`reportshelf: --encoding: ${printable((error as Error).message)}\n`);
      return 2;
    }
  }
  if (values.sheet !== undefined) options.sheet = values.sheet;
  if (values['title-from-summary']) options.titleFromSummary = true;
  if (values['summary-format'] !== undefined) {
    if (!(SUMMARY_FORMATS as readonly string[]).includes(values['summary-format'])) {
      err.write(
        `reportshelf: --summary-format: "${printable(values['summary-format'])}" is not one of ${SUMMARY_FORMATS.join(', ')}.\n`,
      );
      return 2;
    }
    options.summaryFormat = values['summary-format'] as SummaryFormat;
  }
  if (values.title) options.title = values.title;
  if (values.language) {
    if (!LANGUAGE_TAG.test(values.language)) {
      err.write(
        `reportshelf: --language: "${printable(values.language)}" is not a language code such as en, fr, es or ar.\n`,
      );
      return 2;
    }
    options.language = values.language;
  }
  let feedFacets: FacetName[] | null = [];
  if (values.feeds !== undefined) {
    const names = values.feeds.split(',').map((name) => name.trim());
    const unknown = names.filter((name) => name !== 'none' && !(FACET_NAMES as string[]).includes(name));
    if (unknown.length > 0 || (names.includes('none') && names.length > 1)) {
      err.write(
        `reportshelf: --feeds: "${printable(values.feeds)}" must be "none" or facets from ${FACET_NAMES.join(', ')} (e.g. country,category).
`,
      );
      return 2;
    }
    feedFacets = names.includes('none') ? null : (names as FacetName[]);
  }
  if (values.site !== undefined && !/^https?:\/\/[^/]/i.test(values.site)) {
    err.write(`reportshelf: --site: "${printable(values.site)}" must be the page's full address, https://….
`);
    return 2;
  }
  if (values.places !== undefined && values.places !== 'm49' && values.places !== 'none') {
    err.write(`reportshelf: --places: "${printable(values.places)}" must be m49 or none.\n`);
    return 2;
  }
  if (values.split) {
    // Compared as the disk has them: a symlink to the folder, or into it, is the folder.
    const real = async (path: string) => realpath(path).catch(() => resolve(path));
    const inside = relative(await real(values.split), await real(input));
    if (!inside.startsWith('..') && !isAbsolute(inside)) {
      err.write(
        `reportshelf: the input ${printable(input)} is inside ${printable(values.split)}; choose another folder.\n`,
      );
      return 2;
    }
  }
  const outputs = values.output ? [values.output, ...(values.index ? [values.index] : [])] : [];
  for (const [i, path] of outputs.entries()) {
    const clash = (await sameFile(path, input))
      ? `the input ${input}`
      : i > 0 && (await sameFile(path, values.output!))
        ? `the catalogue ${values.output}`
        : undefined;
    if (clash) {
      err.write(
        `reportshelf: ${printable(path)} is ${clash}; writing there would destroy it. Choose another output file.\n`,
      );
      return 2;
    }
  }

  let bytes: Uint8Array;
  try {
    bytes = await readFile(input);
  } catch (error) {
    err.write(
      `reportshelf: cannot read ${printable(input)}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : reason(error)}.\n`,
    );
    return 1;
  }
  const result = convertFile(bytes, input, options);
  // How the file was read, when it is not plain UTF-8 or its only sheet: one line, before its problems.
  if (result.read) err.write(printable(`${input}: ${result.read}.`) + '\n');
  for (const p of result.problems) err.write(printable(`${where(input, p)}: ${p.severity}: ${p.message}`) + '\n');
  const warnings = result.problems.filter((p) => p.severity === 'warning').length;
  if (result.fatal) {
    err.write(`reportshelf: ${input} could not be used; nothing was written.\n`);
    return 1;
  }
  const kept = result.catalogue.reports.length;
  // An empty catalogue is no catalogue (the WordPress upload refuses the same file): a page would
  // show "No reports match" with nothing to match.
  if (kept === 0) {
    err.write(
      `reportshelf: no report in ${printable(input)} can be used; nothing was written (a report needs at least a title).\n`,
    );
    return 1;
  }
  result.catalogue = placed(result.catalogue, values.places !== 'none', err);
  const counts = `${result.skipped} skipped, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  // The page offers the feeds written beside the catalogue ("Follow new reports"): the catalogue
  // names them, and none when none are written.
  const { reports, ...head } = result.catalogue;
  delete head.feeds;
  result.catalogue = { ...head, ...(feedFacets ? { feeds: feedFacets } : {}), reports };
  // Large enough for the split format, and nothing asked for one file: the manifest at the output.
  if (values.output && !values.single && !values.index && kept >= SPLIT_FROM) {
    const output = values.output;
    try {
      await writeFolder(dirname(output), splitCatalogue(result.catalogue), basename(output));
    } catch (error) {
      const path = (error as { path?: string }).path ?? output;
      err.write(`reportshelf: cannot write ${printable(path)}: ${reason(error)}; nothing was written.\n`);
      return 1;
    }
    out.write(
      `${output}: ${kept} reports written in the split format (${SPLIT_FROM.toLocaleString('en')} reports or more; --single for one file), its files in a folder beside it; ${counts}.\n`,
    );
    if (feedFacets && !(await writeFeeds(dirname(output), result.catalogue, feedFacets, values.site, out, err)))
      return 1;
    return result.skipped > 0 || (values.strict && warnings > 0) ? strictly(values.strict && warnings > 0, err) : 0;
  }
  if (values.split) {
    try {
      await writeFolder(values.split, splitCatalogue(result.catalogue));
    } catch (error) {
      const path = (error as { path?: string }).path ?? values.split;
      err.write(`reportshelf: cannot write ${printable(path)}: ${reason(error)}; nothing was written.\n`);
      return 1;
    }
    out.write(
      `${join(values.split, 'catalogue.json')}: ${kept} report${kept === 1 ? '' : 's'} written in the split format; ${counts}.\n`,
    );
    if (feedFacets && !(await writeFeeds(values.split, result.catalogue, feedFacets, values.site, out, err))) return 1;
    return result.skipped > 0 || (values.strict && warnings > 0) ? strictly(values.strict && warnings > 0, err) : 0;
  }
  const output = values.output!;
  const files: [string, string][] = [[output, `${JSON.stringify(result.catalogue, null, 2)}\n`]];
  if (values.index)
    files.push([values.index, serialiseIndex(buildIndex(result.catalogue.reports, result.catalogue.language))]);
  try {
    await writeAll(files);
  } catch (error) {
    const path = (error as { path?: string }).path ?? output;
    err.write(`reportshelf: cannot write ${printable(path)}: ${reason(error)}; nothing was written.\n`);
    return 1;
  }
  out.write(
    `${output}: ${kept} report${kept === 1 ? '' : 's'} written as one file${values.index ? `, index in ${values.index}` : ''}; ${counts}.\n`,
  );
  if (feedFacets && !(await writeFeeds(dirname(output), result.catalogue, feedFacets, values.site, out, err))) return 1;
  return result.skipped > 0 || (values.strict && warnings > 0) ? strictly(values.strict && warnings > 0, err) : 0;
}

/**
 * The catalogue with its countries grouped by UN M49 region, or without any grouping (`--places
 * none`); the countries M49 cannot place are said in one line (see `withPlaces`).
 */
function placed(catalogue: Catalogue, group: boolean, err: NodeJS.WritableStream): Catalogue {
  const { catalogue: grouped, unplaced } = withPlaces(catalogue, group);
  if (unplaced.length > 0)
    err.write(
      printable(
        `reportshelf: ${unplaced.length} ${unplaced.length === 1 ? 'country is' : 'countries are'} in no UN M49 region and will show ungrouped: ${unplaced.join(', ')}.`,
      ) + '\n',
    );
  return grouped;
}

/**
 * Writes the Atom feeds beside the catalogue (see feeds.ts): feed.xml and a feed per value of the
 * facets asked for. A file there already that this tool did not write (a partner's own feed.xml)
 * is left as it is, and said. False when a feed could not be written.
 */
async function writeFeeds(
  folder: string,
  catalogue: Catalogue,
  facets: FacetName[],
  site: string | undefined,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<boolean> {
  const feeds = catalogueFeeds(catalogue, facets, site ? { site } : {});
  let written = 0;
  for (const [path, text] of feeds) {
    const file = join(folder, path);
    const before = await readFile(file, 'utf8').catch(() => undefined);
    if (before !== undefined && !before.includes(`<generator>${GENERATOR}</generator>`)) {
      err.write(`reportshelf: ${printable(file)} is not a feed this tool wrote; it was left as it is.\n`);
      continue;
    }
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
      written++;
    } catch (error) {
      err.write(`reportshelf: cannot write ${printable(file)}: ${reason(error)}.\n`);
      return false;
    }
  }
  out.write(
    `${join(folder, 'feed.xml')}: ${written} Atom feed${written === 1 ? '' : 's'} of the newest reports written.\n`,
  );
  return true;
}

/** Exit status 1, saying so when it is --strict's doing. */
function strictly(strict: boolean | undefined, err: NodeJS.WritableStream): number {
  if (strict) err.write('reportshelf: --strict: warnings count as failures.\n');
  return 1;
}

/**
 * Writes a split catalogue into its folder (followed if it is a symlink), touching only what the
 * format names. The new build's files go into their own folder (named by the build), written whole
 * before the manifest, renamed into place last, points at them: a visitor on the page meanwhile
 * reads the earlier build to the end. The build before this one is kept for the visitors still
 * on it; older builds' files (only the names the format gives: see `isSplitFile`) are removed.
 * A folder that is neither empty nor holds a split catalogue's manifest is not touched at all.
 */
async function writeFolder(folder: string, files: Map<string, string>, named?: string): Promise<void> {
  const existing = await stat(folder).catch(() => null);
  if (existing && !existing.isDirectory())
    throw Object.assign(new Error('it is not a folder'), { code: 'ENOTDIR', path: folder });
  if (!existing) await mkdir(folder);
  const real = await realpath(folder);
  // Named by -o: the folder is the partner's, the manifest one file in it (see sharedBuilds).
  const previous = named ? undefined : await previousBuild(real, folder);
  const name = named ?? 'catalogue.json';
  const manifest = files.get('catalogue.json')!;
  const build = (JSON.parse(manifest) as { build: string }).build;
  const temporary = join(real, `.${build}.${process.pid}.tmp`);
  try {
    const entries = [...files].filter(([path]) => path !== 'catalogue.json');
    const there = await stat(join(real, build)).catch(() => null);
    // The same build there already (the same catalogue built again): its files are these.
    if (!there) {
      for (const sub of new Set(entries.map(([path]) => dirname(path))))
        await mkdir(join(temporary, sub), { recursive: true });
      for (let i = 0; i < entries.length; i += 64)
        await Promise.all(entries.slice(i, i + 64).map(([path, text]) => writeFile(join(temporary, path), text)));
      await rename(join(temporary, build), join(real, build));
    }
    if ((await stat(join(real, name)).catch(() => null))?.isDirectory())
      throw Object.assign(new Error(), { code: 'EISDIR', path: join(folder, name) });
    const kept = named ? await sharedBuilds(real) : undefined;
    await writeFile(join(temporary, name), manifest).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await mkdir(temporary);
      await writeFile(join(temporary, name), manifest);
    });
    await rename(join(temporary, name), join(real, name));
    // Beside other files: only builds no manifest there names go, and none before the one replaced.
    if (kept) {
      await removeBuilds(real, new Set([build, ...kept]), false);
      return;
    }
  } catch (error) {
    throw Object.assign(error as Error, { path: (error as { path?: string }).path ?? folder });
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
  await removeBuilds(real, new Set([build, previous ?? build]));
}

/**
 * The builds the split manifests in a partner's folder name (this catalogue's previous one among
 * them, read before it is replaced): none of them may go, for another catalogue may share the folder.
 */
async function sharedBuilds(real: string): Promise<string[]> {
  const kept: string[] = [];
  for (const name of await readdir(real)) {
    if (!name.endsWith('.json')) continue;
    const size = (await stat(join(real, name)).catch(() => null))?.size ?? Infinity;
    // A manifest is small; a one-file catalogue is not read whole for this.
    if (size > 1 << 20) continue;
    const manifest: unknown = await readFile(join(real, name), 'utf8')
      .then((text) => JSON.parse(text) as unknown)
      .catch(() => undefined);
    const build = isSplit(manifest) ? (manifest as { build?: unknown }).build : undefined;
    if (typeof build === 'string' && BUILD_NAME.test(build)) kept.push(build);
  }
  return kept;
}

/**
 * The build whose manifest the folder holds ('' for the first format's, whose files are beside
 * it; undefined for an empty folder); an error if the folder holds anything else.
 */
async function previousBuild(real: string, folder: string): Promise<string | undefined> {
  const names = await readdir(real);
  if (names.length === 0) return undefined;
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(join(real, 'catalogue.json'), 'utf8'));
  } catch {
    manifest = undefined;
  }
  if (!isSplit(manifest))
    throw Object.assign(new Error('it is not a folder of an earlier split catalogue; choose another'), {
      path: folder,
    });
  const build = (manifest as { build?: unknown }).build;
  return typeof build === 'string' && BUILD_NAME.test(build) ? build : '';
}

/**
 * Removes the files of every build in the folder but those kept: in each build's folder, and for
 * the first format's (the build '') beside the manifest, the files the format names, then the
 * folders left empty. Anything else, a partner's own files among them, stays.
 */
async function removeBuilds(real: string, keep: Set<string>, beside = true): Promise<void> {
  const builds = (await readdir(real, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && BUILD_NAME.test(entry.name))
    .map((entry) => entry.name);
  for (const build of [...(beside ? [''] : []), ...builds]) {
    if (keep.has(build)) continue;
    const root = join(real, build);
    for (const sub of ['', 'facets', 'cards', 'ids', 'index']) {
      const names = await readdir(join(root, sub)).catch(() => [] as string[]);
      await Promise.all(
        names
          .filter((name) => isSplitFile(sub ? `${sub}/${name}` : name))
          .map((name) => rm(join(root, sub, name), { force: true })),
      );
      if (sub) await rmdir(join(root, sub)).catch(() => {});
    }
    if (build) await rmdir(root).catch(() => {});
  }
}
