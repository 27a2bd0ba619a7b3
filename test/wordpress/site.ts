/**
 * A throw-away WordPress for the plugin's tests: Debian's `wordpress` package, a MariaDB server
 * of its own (a fresh data folder, reached only through a socket in a temporary folder) and PHP's
 * built-in web server on 127.0.0.1, installed through wp-admin/install.php by HTTP as a person
 * would. Nothing of the machine's is changed: no system service is started or stopped, nothing
 * is written under /etc, and `stop()` removes the temporary folder.
 *
 * Debian's WordPress reads its settings from /etc/wordpress/config-HOST.php through its own
 * wp-config.php. This site instead gets a folder whose entries point into /usr/share/wordpress,
 * with a wp-config.php of its own; the router defines ABSPATH as that folder, so WordPress loads
 * this config and keeps its wp-content (plugins, uploads) in the temporary folder.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WORDPRESS = '/usr/share/wordpress';
const THEME = `${WORDPRESS}/wp-content/themes/twentytwentythree`;

/** Debian's packages the tests need, and the command that installs them. */
export const PACKAGES = ['wordpress', 'wordpress-theme-twentytwentythree', 'mariadb-server', 'php-cli', 'php-mysql'];
export const INSTALL = `apt-get update && apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`;

function have(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function missing(): string[] {
  const lacks: string[] = [];
  if (!existsSync(`${WORDPRESS}/wp-settings.php`)) lacks.push('WordPress (/usr/share/wordpress)');
  if (!existsSync(THEME)) lacks.push('the Twenty Twenty-Three theme');
  if (!have('php')) lacks.push('php');
  else if (!execFileSync('php', ['-m'], { encoding: 'utf8' }).includes('mysqli')) lacks.push("PHP's mysqli");
  if (!have('mariadbd') && !existsSync('/usr/sbin/mariadbd')) lacks.push('mariadbd');
  if (!have('mariadb-install-db')) lacks.push('mariadb-install-db');
  return lacks;
}

/**
 * WordPress, PHP and MariaDB from Debian's packages: installed when missing and the tests run as
 * root (with services kept from starting, so the machine's own are left as they were), otherwise
 * an error with the exact command to run.
 */
export function ensureInstalled(): void {
  let lacks = missing();
  if (lacks.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `The WordPress tests need ${lacks.join(', ')}. Install them (as root) with:\n  ${INSTALL}\nthen run the tests again.`,
    );
  }
  // A package's install script would start its service (Apache on port 80, MariaDB); a
  // policy-rc.d that says no keeps them stopped. One already there is left alone.
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...PACKAGES], {
      stdio: 'inherit',
      env,
    });
  } finally {
    if (ownPolicy) rmSync(policy, { force: true });
  }
  lacks = missing();
  if (lacks.length) throw new Error(`Still missing after installing: ${lacks.join(', ')}. Try:\n  ${INSTALL}`);
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Resolves when a process prints a line matching `ready`; rejects when it exits first. */
function waitFor(child: ChildProcess, ready: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`${what} exited (${code}) before it was ready:\n${output}`));
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

export interface Site {
  origin: string;
  admin: { user: string; password: string };
  /** The site's wp-content folder (plugins, uploads). */
  content: string;
  /** PHP's log of this run: errors, warnings and notices. */
  phpLog(): string;
  stop(): Promise<void>;
}

const ADMIN = { user: 'admin', password: 'correct-Horse-battery-9' };

export async function startSite(): Promise<Site> {
  ensureInstalled();
  const root = mkdtempSync(join(tmpdir(), 'reportshelf-wp-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        // Each runs in a process group of its own: PHP's server forks workers, which go with it.
        try {
          process.kill(-child.pid!, 'SIGTERM');
          await exited;
        } catch (error) {
          // Gone between the check and the signal: nothing left to stop.
          if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
        }
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    // MariaDB: a data folder of its own, no network, a socket in the temporary folder.
    const data = join(root, 'db');
    const socket = join(root, 'db.sock');
    const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
    execFileSync(
      'mariadb-install-db',
      ['--no-defaults', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...asRoot],
      { stdio: 'ignore' },
    );
    const mariadbd = existsSync('/usr/sbin/mariadbd') ? '/usr/sbin/mariadbd' : 'mariadbd';
    const db = spawn(
      mariadbd,
      ['--no-defaults', `--datadir=${data}`, `--socket=${socket}`, '--skip-networking', '--skip-log-bin', ...asRoot],
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    children.push(db);
    await waitFor(db, /ready for connections/, 'mariadbd');
    execFileSync('mariadb', ['--no-defaults', '-S', socket, '-u', 'root', '-e', 'CREATE DATABASE wordpress']);

    // The site folder: Debian's WordPress, with this site's config and wp-content.
    const site = join(root, 'site');
    const content = join(site, 'wp-content');
    mkdirSync(join(content, 'themes'), { recursive: true });
    mkdirSync(join(content, 'plugins'));
    mkdirSync(join(content, 'uploads'));
    for (const entry of readdirSync(WORDPRESS)) {
      if (entry !== 'wp-config.php' && entry !== 'wp-content') symlinkSync(join(WORDPRESS, entry), join(site, entry));
    }
    symlinkSync(THEME, join(content, 'themes', 'twentytwentythree'));
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const log = join(root, 'php.log');
    const php = (value: string) => `'${value.replace(/[\\']/g, '\\$&')}'`;
    writeFileSync(
      join(site, 'wp-config.php'),
      `<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', ${php(`localhost:${socket}`)});
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', ${php(origin)});
define('WP_SITEURL', ${php(origin)});
define('WP_CONTENT_DIR', ${php(content)});
define('WP_CONTENT_URL', ${php(`${origin}/wp-content`)});
define('FS_METHOD', 'direct');
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', ${php(log)});
$table_prefix = 'wp_';
require_once ABSPATH . 'wp-settings.php';
`,
    );
    // PHP's web server runs this for every request: files as they are, PHP through WordPress.
    const router = join(root, 'router.php');
    writeFileSync(
      router,
      `<?php
define('ABSPATH', ${php(`${site}/`)});
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?: '/');
if (str_contains($path, '..')) { http_response_code(400); exit; }
$file = ABSPATH . ltrim($path, '/');
if (is_dir($file)) $file = rtrim($file, '/') . '/index.php';
if (is_file($file) && !str_ends_with($file, '.php')) return false;
if (!is_file($file)) $file = ABSPATH . 'index.php';
$_SERVER['SCRIPT_FILENAME'] = $file;
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/' . substr($file, strlen(ABSPATH));
chdir(dirname($file));
require $file;
`,
    );
    const server = spawn(
      'php',
      ['-d', 'display_errors=0', '-d', `error_log=${log}`, '-S', `127.0.0.1:${port}`, router],
      {
        cwd: site,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
        // The block editor asks for several things at once.
        env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
      },
    );
    children.push(server);
    await waitFor(server, /Development Server .* started/, 'php -S');

    // Installed as a person would: the form of wp-admin/install.php, step 2.
    const form = new URLSearchParams({
      weblog_title: 'Partner NGO',
      user_name: ADMIN.user,
      admin_password: ADMIN.password,
      admin_password2: ADMIN.password,
      admin_email: 'admin@example.org',
      blog_public: '0',
      language: '',
    });
    const response = await fetch(`${origin}/wp-admin/install.php?step=2`, { method: 'POST', body: form });
    const page = await response.text();
    if (!/<h1>Success!<\/h1>/.test(page)) throw new Error(`WordPress did not install:\n${page.slice(0, 2000)}`);

    return {
      origin,
      admin: ADMIN,
      content,
      phpLog: () => (existsSync(log) ? readFileSync(log, 'utf8') : ''),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
