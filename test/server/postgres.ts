/**
 * A throw-away PostgreSQL for the server's tests and benchmark: Debian's binaries, a fresh data
 * folder in a temporary folder, listening on 127.0.0.1 only (and a socket in that folder).
 * Nothing of the machine's is changed: no system service is started or stopped, and `stop()`
 * removes the folder. As root (initdb refuses to run as root), the server runs as the
 * `postgres` user Debian's package creates.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's PostgreSQL binaries (the version the machine has). */
const BIN = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'].find((dir) =>
  existsSync(join(dir, 'initdb')),
);
export const INSTALL = 'apt-get update && apt-get install -y --no-install-recommends postgresql';

/** PostgreSQL from Debian's package: installed when missing and run as root (services kept from starting), else an error with the command. */
export function ensureInstalled(): string {
  if (BIN) return BIN;
  if (process.getuid?.() !== 0)
    throw new Error(`The server tests need PostgreSQL. Install it (as root) with:\n  ${INSTALL}\nthen run them again.`);
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], {
      stdio: 'inherit',
      env,
    });
  } finally {
    if (ownPolicy) rmSync(policy, { force: true });
  }
  const found = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'].find((dir) =>
    existsSync(join(dir, 'initdb')),
  );
  if (!found) throw new Error(`PostgreSQL is still missing after installing. Try:\n  ${INSTALL}`);
  return found;
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface Postgres {
  /** A connection URL for the database `reportshelf`, as its owner. */
  url: string;
  port: number;
  dir: string;
  /** Stops the server (fast shutdown) and, unless `keep`, removes its folder. */
  stop(keep?: boolean): Promise<void>;
}

export interface StartOptions {
  /** Settings for postgresql.conf, e.g. { shared_buffers: '512MB' }. */
  settings?: Record<string, string | number>;
  /** A folder that holds a data directory already (a replica's, made by pg_basebackup). */
  dataDir?: string;
}

/** The ids the server runs as: the `postgres` user when this process is root. */
function owner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).split(':');
  return { uid: Number(line[2]), gid: Number(line[3]) };
}

function run(bin: string, command: string, args: string[], ids = owner()): string {
  return execFileSync(join(bin, command), args, { encoding: 'utf8', stdio: 'pipe', ...(ids ?? {}) });
}

/**
 * A streaming replica of `primary`, started beside it: a base backup (pg_basebackup -R, which
 * writes its standby settings) in a temporary folder of its own, run as a hot standby.
 */
export async function startReplica(primary: Postgres): Promise<Postgres> {
  const bin = ensureInstalled();
  const ids = owner();
  const dir = mkdtempSync(join(tmpdir(), 'reportshelf-pg-replica-'));
  if (ids) chownSync(dir, ids.uid, ids.gid);
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  run(
    bin,
    'pg_basebackup',
    // A fast checkpoint: the default (spread) waits out checkpoint_completion_target of
    // checkpoint_timeout on an idle primary, 270 s of the replica test's 280.
    [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'reportshelf',
      '-D',
      data,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ],
    ids,
  );
  const replica = await startPostgres({ dataDir: data, settings: { hot_standby: 'on' } });
  return {
    ...replica,
    async stop(keep = false) {
      await replica.stop(keep);
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts PostgreSQL on 127.0.0.1 in a temporary folder, with a database `reportshelf`. */
export async function startPostgres(options: StartOptions = {}): Promise<Postgres> {
  const bin = ensureInstalled();
  const ids = owner();
  const dir = mkdtempSync(join(tmpdir(), 'reportshelf-pg-'));
  if (ids) chownSync(dir, ids.uid, ids.gid);
  chmodSync(dir, 0o700);
  const data = options.dataDir ?? join(dir, 'data');
  if (!options.dataDir)
    run(bin, 'initdb', ['-D', data, '-U', 'reportshelf', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'], ids);
  const port = await freePort();
  const settings = {
    listen_addresses: "'127.0.0.1'",
    port,
    unix_socket_directories: `'${dir}'`,
    fsync: 'off',
    full_page_writes: 'off',
    synchronous_commit: 'off',
    ...options.settings,
  };
  const args = [
    '-D',
    data,
    ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${String(v).replace(/^'|'$/g, '')}`]),
  ];
  const child: ChildProcess = spawn(join(bin, 'postgres'), args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    ...(ids ?? {}),
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`PostgreSQL exited (${code}) before it was ready:\n${log}`));
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (!/ready to accept (read-only )?connections/.test(log)) return;
      child.off('exit', onExit);
      resolve();
    };
    child.once('exit', onExit);
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
  });
  if (!options.dataDir)
    run(bin, 'createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'reportshelf', 'reportshelf'], ids);
  return {
    url: `postgres://reportshelf@127.0.0.1:${port}/reportshelf`,
    port,
    dir,
    async stop(keep = false) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGINT');
        await exited;
      }
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}
