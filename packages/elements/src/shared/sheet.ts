import type { Problem } from '@reportshelf/core';

/** A spreadsheet read into a catalogue (see `ShelfLibrary.convertSheet`): as the CLI reads it, with its problems, each with its line and column. */
export interface SheetResult {
  catalogue: unknown;
  problems: (Problem & { line?: number; column?: string })[];
  /** True when the sheet could not be used at all (no title column, not a spreadsheet). */
  fatal: boolean;
  /** How it was read, when worth saying: "read as Windows-1252". */
  read?: string;
}

/** Whether a response is a spreadsheet rather than a catalogue: its type, or its address's extension or `output=csv`. */
export const isSheet = (url: URL, type: string | null): boolean =>
  /csv|tab-sep|spreadsheet/i.test(type ?? '') ||
  /\.(csv|tsv|xlsx|ods)$|[?&](output|format)=(csv|tsv|xlsx|ods)\b/i.test(url.pathname + url.search);
