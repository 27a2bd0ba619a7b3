/**
 * A spreadsheet's bytes as text. Excel's default "CSV (Comma delimited)" is Windows-1252, its
 * "Unicode text" UTF-16 with a byte order mark, and everything newer UTF-8: a byte order mark
 * decides, else valid UTF-8 is UTF-8, else the file is Windows-1252 (invalid UTF-8 is the sign;
 * Windows-1252 bytes seldom make valid UTF-8 by chance). The browser's and Node's own TextDecoder
 * does the work (Windows-1252 aside: see below), so next to nothing is added to the upload screen.
 */
import type { LocatedProblem } from './convert.js';

/** The names `--encoding` takes, and the decoder each one means. */
export const ENCODINGS: Record<string, { label: string; decoder: string }> = {
  'utf-8': { label: 'UTF-8', decoder: 'utf-8' },
  utf8: { label: 'UTF-8', decoder: 'utf-8' },
  'utf-16le': { label: 'UTF-16 LE', decoder: 'utf-16le' },
  'utf-16be': { label: 'UTF-16 BE', decoder: 'utf-16be' },
  'windows-1252': { label: 'Windows-1252', decoder: 'windows-1252' },
  cp1252: { label: 'Windows-1252', decoder: 'windows-1252' },
  // Browsers and Node read Latin-1 as Windows-1252, which only adds printable characters (€, ’, …)
  // where Latin-1 has control codes no spreadsheet writes.
  latin1: { label: 'Latin-1', decoder: 'windows-1252' },
  'iso-8859-1': { label: 'Latin-1', decoder: 'windows-1252' },
};

/** The encoding names `--encoding` takes, for its error. */
export const ENCODING_NAMES = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'latin1', 'iso-8859-1'];

/** The encoding for a name given by a curator, or an error naming the ones there are. */
export function encodingOf(name: string): string {
  const key = name.trim().toLowerCase();
  if (!ENCODINGS[key])
    throw new Error(`"${name}" is not an encoding this reads; use one of ${ENCODING_NAMES.join(', ')}.`);
  return key;
}

export interface Decoded {
  text: string;
  /** How the file was read, in words: "UTF-8", "Windows-1252", "UTF-16 LE". */
  encoding: string;
  /** Why, when it was not plain UTF-8: worth one line of output. */
  note?: string;
  problems: LocatedProblem[];
}

const BOMS: [bytes: number[], encoding: string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

// Windows-1252's 0x80–0x9F, where Latin-1 has control codes (undefined ones kept as those codes,
// as browsers do).
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

/**
 * Windows-1252 by hand: Node 20's TextDecoder('windows-1252') reads it as Latin-1 (nodejs/node
 * issue 56542), which turns €, ’ and “ ” into control codes.
 */
function windows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b),
    );
    out += chunk.join('');
  }
  return out;
}

/**
 * UTF-16 without a byte order mark (some exports omit it): text in Latin letters has a zero byte
 * in every other place, which neither UTF-8 nor Windows-1252 text has.
 */
function utf16WithoutMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.min(bytes.length >> 1, 512);
  if (pairs < 2) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0 && bytes[2 * i + 1] !== 0) even++;
    if (bytes[2 * i + 1] === 0 && bytes[2 * i] !== 0) odd++;
  }
  if (odd > pairs / 2 && even === 0) return 'utf-16le';
  if (even > pairs / 2 && odd === 0) return 'utf-16be';
  return undefined;
}

/** Reads a text file's bytes: the encoding forced (a key of ENCODINGS) or told from the bytes. */
export function decode(bytes: Uint8Array, forced?: string): Decoded {
  const bom = BOMS.find(([mark]) => mark.every((b, i) => bytes[i] === b));
  let key: string;
  let note: string | undefined;
  if (forced) {
    key = encodingOf(forced);
    note = `read as ${ENCODINGS[key]!.label} (--encoding)`;
  } else if (bom) {
    key = bom[1];
    if (key !== 'utf-8') note = `read as ${ENCODINGS[key]!.label} (its byte order mark says so)`;
  } else if (utf16WithoutMark(bytes)) {
    key = utf16WithoutMark(bytes)!;
    note = `read as ${ENCODINGS[key]!.label} (it has no byte order mark, but its zero bytes say so)`;
  } else {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      key = 'utf-8';
    } catch (error) {
      // Too long for a string is not an encoding's fault (the caller says so); bad UTF-8 is a TypeError.
      if (error instanceof RangeError) throw error;
      key = 'windows-1252';
      note = 'read as Windows-1252 (it is not UTF-8; --encoding names another)';
    }
  }
  const { label, decoder } = ENCODINGS[key]!;
  // A byte order mark of the encoding read is dropped; TextDecoder does that itself.
  const text = decoder === 'windows-1252' ? windows1252(bytes) : new TextDecoder(decoder).decode(bytes);
  let lossy = false;
  if (decoder !== 'windows-1252' && text.includes('\uFFFD'))
    try {
      new TextDecoder(decoder, { fatal: true }).decode(bytes);
    } catch {
      lossy = true;
    }
  return { text, encoding: label, note, problems: replacements(text, lossy ? label : undefined) };
}

/**
 * A warning for each line holding U+FFFD, the character that stands for bytes that could not be
 * read (or that was in the file already): the text there is lost, and the curator must know where.
 */
export function replacements(text: string, encoding?: string, unit = 'line'): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  let line = 1;
  let last = 0;
  for (let at = text.indexOf('\uFFFD'); at >= 0; at = text.indexOf('\uFFFD', at + 1)) {
    for (let i = text.indexOf('\n', last); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
    last = at;
    if (problems.at(-1)?.line === line) continue;
    problems.push({
      severity: 'warning',
      line,
      message: encoding
        ? `${unit[0]!.toUpperCase()}${unit.slice(1)} ${line} has characters that could not be read as ${encoding} (shown as �): ${encoding === 'UTF-8' ? 'if the file was saved by Excel as "CSV (Comma delimited)", give --encoding windows-1252' : 'check the file’s encoding, or fix the text'}; the text there is lost.`
        : `${unit[0]!.toUpperCase()}${unit.slice(1)} ${line} holds the replacement character � (U+FFFD), which stands for text lost before the file was saved.`,
    });
  }
  return problems;
}
