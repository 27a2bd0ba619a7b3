#!/usr/bin/env node
// `main` takes Node's streams: its declarations need Node's types (kept in the emitted .d.ts).
/// <reference types="node" preserve="true" />
/**
 * reportshelf build INPUT.csv|INPUT.json -o catalogue.json [--index index.json]
 * reportshelf build INPUT.csv|INPUT.json --split FOLDER
 *
 * Turns a curator's spreadsheet (or a JSON file) into a validated catalogue. Every problem is
 * printed with its CSV line and column. Exit status: 0 when every report was kept (warnings
 * allowed), 1 when a report was skipped or the file is unusable, or with --strict on any warning.
 */
import { mkdir, readdir, readFile, realpath, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BUILD_NAME,
  buildIndex,
  isSplit,
  isSplitFile,
  LANGUAGE_TAG,
  serialiseIndex,
  splitCatalogue,
} from '@reportshelf/core';
import { FIELDS, parseColumns, SUMMARY_FORMATS, type LocatedProblem, type SummaryFormat } from './convert.js';
import { encodingOf } from './decode.js';
import { convertFile, type ReadOptions } from './read.js';

const USAGE = `Usage: reportshelf build INPUT.csv|INPUT.xlsx|INPUT.ods|INPUT.json -o OUTPUT.json [options]
       reportshelf build INPUT --split FOLDER [options]
       reportshelf load INPUT|SPLIT_FOLDER --database URL, reportshelf serve --database URL (a search server: see load --help)

Options:
  -o, --output FILE        where to write the catalogue
      --index FILE         also write the serialised search index
      --split FOLDER       write the split format for large catalogues (10,000 reports and more)
                           into FOLDER, instead of one file: give FOLDER/catalogue.json as src
      --columns MAP        the spreadsheet's own headers, e.g. title=Title,year=Published,summary=Abstract
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
        columns: { type: 'string' },
        'list-separator': { type: 'string' },
        delimiter: { type: 'string' },
        encoding: { type: 'string' },
        sheet: { type: 'string' },
        'title-from-summary': { type: 'boolean' },
        'summary-format': { type: 'string' },
        title: { type: 'string' },
        language: { type: 'string' },
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
    (values.split && values.index)
  ) {
    err.write(`${command && command !== 'build' ? `reportshelf: unknown command "${command}".\n\n` : ''}${USAGE}\n`);
    return 2;
  }
  const options: ReadOptions = {};
  try {
    if (values.columns) options.columns = parseColumns(values.columns);
  } catch (error) {
    err.write(`reportshelf: --columns: ${(error as Error).message}\n`);
    return 2;
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
  const counts = `${result.skipped} skipped, ${warnings} warning${warnings === 1 ? '' : 's'}`;
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
    `${output}: ${kept} report${kept === 1 ? '' : 's'} written${values.index ? `, index in ${values.index}` : ''}; ${counts}.\n`,
  );
  return result.skipped > 0 || (values.strict && warnings > 0) ? strictly(values.strict && warnings > 0, err) : 0;
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
async function writeFolder(folder: string, files: Map<string, string>): Promise<void> {
  const existing = await stat(folder).catch(() => null);
  if (existing && !existing.isDirectory())
    throw Object.assign(new Error('it is not a folder'), { code: 'ENOTDIR', path: folder });
  if (!existing) await mkdir(folder);
  const real = await realpath(folder);
  const previous = await previousBuild(real, folder);
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
    await writeFile(join(temporary, 'catalogue.json'), manifest).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await mkdir(temporary);
      await writeFile(join(temporary, 'catalogue.json'), manifest);
    });
    await rename(join(temporary, 'catalogue.json'), join(real, 'catalogue.json'));
  } catch (error) {
    throw Object.assign(error as Error, { path: (error as { path?: string }).path ?? folder });
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
  await removeBuilds(real, new Set([build, previous ?? build]));
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
async function removeBuilds(real: string, keep: Set<string>): Promise<void> {
  const builds = (await readdir(real, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && BUILD_NAME.test(entry.name))
    .map((entry) => entry.name);
  for (const build of ['', ...builds]) {
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
