/**
 * Fetches the files of a split catalogue (see split.ts), trying a failing one again, and keeps
 * them within a size: what its reader reads through.
 */
import { EngineError } from './engine.js';
import { isSplit, readManifest } from './split-manifest.js';
import type { SplitManifest } from './split.js';

/**
 * Fetches a file of a split catalogue, parsed, by its path in the catalogue's folder; `''` checks
 * the manifest as its server has it now (rejecting with `SplitRebuilt` if it is another build's).
 */
export type SplitFetch = (path: string) => Promise<unknown>;

/** Bytes a value held in memory takes, about: 2 a character, 8 a number, 16 an object. */
export function bytesOf(value: unknown): number {
  if (typeof value === 'string') return 2 * value.length;
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + bytesOf(item), 16 + 8 * value.length);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).reduce((n, [key, item]) => n + 2 * key.length + bytesOf(item), 16);
  return 8;
}

/** The least recently used of a map's entries go until the rest hold at most `limit` bytes (the newest always stays). */
export function trim<K>(sizes: Map<K, number>, limit: number, drop: (key: K) => void): void {
  let total = 0;
  for (const size of sizes.values()) total += size;
  for (const [key, size] of sizes) {
    if (total <= limit || sizes.size <= 1) break;
    total -= size;
    sizes.delete(key);
    drop(key);
  }
}

/**
 * Keeps the files `make` fetched up to `limit` bytes, the least recently used going first; one
 * that could not be fetched is not kept (the next query tries again). `sizes` is where each one's
 * bytes are counted, for `SplitReader.kept`.
 */
export function cache<K, V>(
  limit: number,
  sizes = new Map<K, number>(),
): (key: K, make: () => Promise<V>) => Promise<V> {
  const kept = new Map<K, Promise<V>>();
  return (key, make) => {
    let had = kept.get(key);
    if (!had) {
      const made = (had = make());
      made.then(
        (value) => {
          if (kept.get(key) !== made) return;
          sizes.set(key, bytesOf(value));
          trim(sizes, limit, (old) => kept.delete(old));
        },
        () => kept.get(key) === made && kept.delete(key),
      );
    }
    kept.delete(key);
    kept.set(key, had);
    // Most recently used last, in the sizes too.
    const size = sizes.get(key);
    if (size !== undefined) {
      sizes.delete(key);
      sizes.set(key, size);
    }
    return had;
  };
}

/**
 * The folder was written again by a newer build: the files of the manifest read are gone. The
 * reader starts over from `manifest`, the new one (once; a second is said as a damaged catalogue).
 */
export class SplitRebuilt extends EngineError {
  constructor(readonly manifest: SplitManifest) {
    super('damaged', `the catalogue was replaced by build ${manifest.build ?? '(unnamed)'}`);
  }
}

/** Tries of a file that failed (a server busy, a file not there yet) before it counts as not to be had. */
export const FETCH_TRIES = 3;
/** Wait before the second try, in milliseconds; each try after waits four times as long. */
const RETRY_WAIT = 250;

/**
 * Fetches the files of a split catalogue from its folder (the manifest's address), as JSON. A
 * failure is tried again (`FETCH_TRIES` in all, waiting longer each time), unless the manifest,
 * fetched again past any cache, names another build: then `SplitRebuilt` says so; as it does for
 * `''`, a check of the build (a manifest that cannot be had then passes: the files will tell).
 */
export const splitFetch = (manifest: URL | string, build?: string): SplitFetch => {
  /** The manifest as the server has it now, if it is another build's. */
  const rebuilt = async (): Promise<SplitManifest | undefined> => {
    const response = await fetch(manifest, { credentials: 'omit', cache: 'no-cache' }).catch(() => undefined);
    const fresh: unknown = await response?.json().catch(() => undefined);
    const read = isSplit(fresh) ? readManifest(fresh) : 'not a split manifest';
    return typeof read !== 'string' && read.build !== build ? read : undefined;
  };
  return async (path) => {
    if (!path) {
      const fresh = await rebuilt();
      if (fresh) throw new SplitRebuilt(fresh);
      return;
    }
    const url = new URL(path, manifest);
    for (let tries = 1; ; tries++) {
      const response = await fetch(url, { credentials: 'omit' }).catch(() => undefined);
      if (response?.ok)
        return response.json().catch(() => {
          throw new EngineError('damaged', `${url.href} is not JSON`);
        });
      if (response?.status === 404) {
        const fresh = await rebuilt();
        if (fresh) throw new SplitRebuilt(fresh);
      }
      const why = response ? `HTTP ${response.status}` : 'no answer';
      // A file of this build that its server says is not there: the folder is damaged (a file lost
      // or never uploaded), not out of reach.
      if (tries >= FETCH_TRIES || (response && !retried(response.status)))
        throw new EngineError(response?.status === 404 ? 'damaged' : 'network', `${url.href}: ${why}`);
      await new Promise((wait) => setTimeout(wait, RETRY_WAIT * 4 ** (tries - 1)));
    }
  };
};

/** Statuses worth another try: not there (yet), too many requests, a server or gateway failing. */
const retried = (status: number) => status === 404 || status === 408 || status === 429 || status >= 500;
