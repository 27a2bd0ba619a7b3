/**
 * The benchmarks' web server, with a network between it and the browser: every response, the
 * workers' included, waits a round trip before its first byte and then shares one link with every
 * other response under way, as a phone's connection does. Shaping at the server (not in the
 * browser's DevTools) is what reaches a worker's requests. It counts what it sends: each response's
 * bytes on the wire (headers and body, compressed as sent), and when it finished.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cacheControl, etagOf } from '../scripts/static-server.mjs';

export interface Network {
  name: string;
  /** Milliseconds before each response's first byte (a request up, the answer's first byte down). */
  roundTrip: number;
  /** Bytes per second of the one link every response shares; Infinity: no limit. */
  rate: number;
}

export const NETWORKS: Record<string, Network> = {
  loopback: { name: 'loopback', roundTrip: 0, rate: Infinity },
  // Slow 4G as Lighthouse and WebPageTest give it: 150 ms, 1.6 Mbit/s down.
  slow4g: { name: 'slow 4G', roundTrip: 150, rate: 1.6e6 / 8 },
};

/** One request as the server saw it. */
export interface Sent {
  path: string;
  status: number;
  /** Bytes on the wire, headers included. */
  bytes: number;
  /** Epoch milliseconds: when it came, and when its last byte was handed to the connection. */
  start: number;
  end: number;
}

/** A response, over HTTP/1.1 or HTTP/2 (Node's compatibility API: the same calls). */
type Response = ServerResponse | Http2ServerResponse;

/** A body on its way through the link. */
interface Transfer {
  body: Buffer;
  offset: number;
  res: Response;
  done: () => void;
}

/** Slice of the link each transfer gets in turn: about one TCP segment, so that they interleave. */
const SLICE = 1460;
/** How often the link hands out bytes. */
const TICK = 5;

/** One link, shared fairly (round robin) by the responses under way. */
class Link {
  private transfers: Transfer[] = [];
  private budget = 0;
  private next = 0;
  private last = 0;
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly rate: number) {}

  send(res: Response, body: Buffer): Promise<void> {
    return new Promise((done) => {
      if (this.rate === Infinity || body.length === 0) {
        res.end(body, done);
        return;
      }
      this.transfers.push({ body, offset: 0, res, done });
      if (!this.timer) {
        this.last = performance.now();
        this.budget = 0;
        this.timer = setTimeout(() => this.pump(), TICK);
      }
    });
  }

  private pump(): void {
    const now = performance.now();
    this.budget += ((now - this.last) * this.rate) / 1000;
    this.last = now;
    // A whole slice at a time, to each transfer in turn.
    while (this.transfers.length > 0) {
      this.next %= this.transfers.length;
      const t = this.transfers[this.next]!;
      const n = Math.min(SLICE, t.body.length - t.offset);
      if (this.budget < n) break;
      this.budget -= n;
      t.offset += n;
      const chunk = t.body.subarray(t.offset - n, t.offset);
      if (t.offset >= t.body.length) {
        this.transfers.splice(this.next, 1);
        t.res.end(chunk, t.done);
      } else {
        (t.res as ServerResponse).write(chunk);
        this.next++;
      }
    }
    // Bytes unspent while idle are not saved up.
    if (this.transfers.length === 0) {
      this.timer = undefined;
      this.budget = 0;
    } else this.timer = setTimeout(() => this.pump(), TICK);
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

export interface BenchServer {
  server: Server | ReturnType<typeof createSecureServer>;
  origin: string;
  /** Over HTTP/2: the hash of the server's key, for the browser to trust (see `certificate`). */
  spki?: string;
  /** Every request since the last `reset`. */
  log: Sent[];
  reset(): void;
  /** The network every later response goes through. */
  use(network: Network): void;
  close(): void;
}

/**
 * Serves `files(path)` (a file on disk, or undefined for 404), gzipped where it is text, cached as
 * the README asks of a partner's server (`cacheControl`, ETag and 304), over the network in use.
 */
export async function startBenchServer(
  files: (path: string) => string | undefined,
  headers: Record<string, string> = {},
  { http2 = false } = {},
): Promise<BenchServer> {
  let network = NETWORKS.loopback!;
  let link = new Link(network.rate);
  const bench = { log: [] as Sent[] };
  const bodies = new Map<string, { body: Buffer; gzip: boolean; etag: string }>();
  const answer = async (req: IncomingMessage | Http2ServerRequest, res: Response) => {
    const start = Date.now();
    // Over HTTP/2 the connection is every request's: a response's bytes are its body's and its
    // headers' (as written, an upper bound of HPACK's), not the socket's.
    const before = http2 ? 0 : req.socket.bytesWritten;
    const sent = (body: number) =>
      http2
        ? body + Object.entries(res.getHeaders()).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 12)
        : req.socket.bytesWritten - before;
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname);
    if (network.roundTrip > 0) await new Promise((wait) => setTimeout(wait, network.roundTrip));
    const file = files(path);
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    const type = TYPES[extname(path)];
    // Text is gzipped, as any web server would; Pagefind's index files are compressed already.
    const gzip = !!type && /gzip/.test(String(req.headers['accept-encoding']));
    const key = `${gzip}${file}`;
    if (!bodies.has(key)) {
      const raw = readFileSync(file);
      bodies.set(key, { body: gzip ? gzipSync(raw, { level: 6 }) : raw, gzip, etag: etagOf(raw) });
    }
    const { body, etag } = bodies.get(key)!;
    const common = { 'Cache-Control': cacheControl(path), ETag: etag, Vary: 'Accept-Encoding', ...headers };
    const log = (status: number, body: number) => () =>
      bench.log.push({ path, status, bytes: sent(body), start, end: Date.now() });
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, common);
      await link.send(res, Buffer.alloc(0));
      log(304, 0)();
      return;
    }
    res.writeHead(200, {
      ...common,
      'Content-Type': type ?? 'application/octet-stream',
      'Content-Length': body.length,
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    await link.send(res, body);
    log(200, body.length)();
  };
  const tls = http2 ? certificate() : undefined;
  const server = tls
    ? createSecureServer({ key: tls.key, cert: tls.cert, allowHTTP1: true }, (req, res) => void answer(req, res))
    : createServer((req, res) => void answer(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    origin: `${http2 ? 'https' : 'http'}://127.0.0.1:${(server.address() as { port: number }).port}`,
    ...(tls ? { spki: tls.spki } : {}),
    get log() {
      return bench.log;
    },
    reset: () => void (bench.log = []),
    use: (next) => {
      network = next;
      link = new Link(next.rate);
    },
    close: () => server.close(),
  };
}

/** Where a static folder's files are, for `startBenchServer`. */
export const under = (root: string) => (path: string) => join(root, path);

/**
 * A certificate for 127.0.0.1, made by OpenSSL for this run (browsers speak HTTP/2 over TLS only),
 * and the hash of its public key, which the browser is told to trust
 * (`--ignore-certificate-errors-spki-list`: a page whose certificate is in error is not cached).
 */
function certificate(): { key: Buffer; cert: Buffer; spki: string } {
  const dir = mkdtempSync(join(tmpdir(), 'reportshelf-bench-tls-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  try {
    const subject = ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'];
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', ...subject, '-keyout', key, '-out', cert],
      {
        stdio: 'ignore',
      },
    );
    const spki = createPublicKey(readFileSync(cert)).export({ type: 'spki', format: 'der' });
    return {
      key: readFileSync(key),
      cert: readFileSync(cert),
      spki: createHash('sha256').update(spki).digest('base64'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
