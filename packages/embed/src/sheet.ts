/**
 * A spreadsheet as `src`: a published Google Sheet's CSV, a CSV or workbook on the partner's own
 * server, read on each visit with the command line's own conversion (encodings, workbooks, column
 * names, ids made from titles) and its warnings, so that an edit in the sheet shows on the next
 * visit with nothing to convert or upload. The full drop-in file bundles it; the lite file loads
 * it from beside itself as `reportshelf.sheet.js` and runs it in a worker of its own, so that
 * neither the CSV parser nor the reading of a large sheet weighs on the page.
 */
import { convertFile } from '../../cli/src/read.js';
import type { SheetResult } from '@reportshelf/elements';

/** Reads a spreadsheet's bytes (`name`, its address, tells a workbook by its extension) into a catalogue. */
export function convert(bytes: Uint8Array, name: string): SheetResult {
  const { catalogue, problems, fatal, read } = convertFile(bytes, name);
  return { catalogue, problems, fatal, ...(read ? { read } : {}) };
}

// Started as a worker (no `document`): one message, the sheet, answered with its catalogue.
if (typeof document == 'undefined')
  onmessage = ({ data }: MessageEvent<{ bytes: Uint8Array; name: string }>) => {
    try {
      postMessage(convert(data.bytes, data.name));
    } catch (error) {
      postMessage({ error: (error as Error).message });
    }
  };
