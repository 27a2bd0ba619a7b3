/**
 * `reportshelf serve --processes 2`, started as a partner starts it (the CLI), over a PostgreSQL of
 * its own holding 10,000 reports: both processes answer on the one port (each answer names its
 * process), a report upserted shows in each one's next query, a process killed is started again,
 * and Ctrl+C stops them all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { get as httpGet } from 'node:http';
import { after, before, test } from 'node:test';
import { fromSource } from './cli.js';
import assert from 'node:assert/strict';
import { loadCatalogue } from '@reportshelf/server';
import { startPostgres, type Postgres } from './postgres.js';
import { testCatalogue } from './catalogue.js';

let postgres: Postgres;
let child: ChildProcess | undefined;

before(async () => {
  postgres = await startPostgres();
  await loadCatalogue(postgres.url, testCatalogue());
});

after(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    await exited;
  }
  await postgres?.stop();
});

/** One request on a connection of its own (a new visitor): the process that answered, and the total found. */
function ask(url: string): Promise<{ process: string; total: number }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { agent: false, timeout: 10_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        if (response.statusCode !== 200) return reject(new Error(`${response.statusCode}: ${body}`));
        resolve({
          process: String(response.headers['reportshelf-process']),
          total: (JSON.parse(body) as { total: number }).total,
        });
      });
    });
    // A request that is never answered fails the test, rather than holding it.
    request.on('timeout', () => request.destroy(new Error(`no answer in 10 s: ${url}`)));
    request.on('error', reject);
  });
}

/** Asks `url` on new connections until each process has answered (20 asks at most); every answer. */
async function fromEach(url: string): Promise<Map<string, number[]>> {
  const answers = new Map<string, number[]>();
  for (let i = 0; i < 20 && answers.size < 2; i++) {
    const got = await ask(url);
    answers.set(got.process, [...(answers.get(got.process) ?? []), got.total]);
  }
  return answers;
}

test('serve --processes 2: both processes answer on one port, each sees an upsert, one killed is started again, Ctrl+C stops all', async () => {
  child = spawn(process.execPath, fromSource('serve', '--database', postgres.url, '--port', '0', '--processes', '2'), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  // Its line once every process listens: the address and the processes' ids.
  const started = await new Promise<RegExpExecArray>((resolve, reject) => {
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = /at (http:\/\/\S+\/) \(give it as src\), 2 processes \((\d+), (\d+)\)/.exec(out);
      if (line) resolve(line);
    });
    child!.once('exit', (code) => reject(new Error(`serve exited (${code}): ${out}${err}`)));
  });
  const [, url, ...ids] = started;
  const pids = ids.map(Number);
  assert.notEqual(pids[0], pids[1]);

  // Each answer names its process by its id, as the start line and the log do.
  const before = await fromEach(`${url}query?q=wombatland`);
  assert.deepEqual([...before.keys()].sort(), [...ids].sort(), 'both processes answer');
  for (const totals of before.values()) assert.ok(totals.every((total) => total === 0));

  // A report upserted, as `load --upsert` writes it: each process's next query has it.
  const catalogue = testCatalogue();
  await loadCatalogue(
    postgres.url,
    { ...catalogue, reports: [{ ...catalogue.reports[500]!, title: 'The Wombatland corridor' }] },
    { replace: false },
  );
  const afterUpsert = await fromEach(`${url}query?q=wombatland`);
  assert.deepEqual([...afterUpsert.keys()].sort(), [...ids].sort(), 'both processes answer');
  for (const totals of afterUpsert.values())
    assert.deepEqual(
      totals,
      totals.map(() => 1),
      'every answer has it',
    );

  // A process killed (out of memory, say): once the first process has seen it go (its log says
  // so; a connection handed to the process as it died would wait on it), another is started in
  // its place, and reads the reports as they are now.
  const told = new RegExp(`process ${pids[0]} stopped \\(SIGKILL\\); starting another`);
  const noticed = new Promise<void>((resolve) =>
    child!.stderr!.on('data', () => {
      if (told.test(err)) resolve();
    }),
  );
  process.kill(pids[0]!, 'SIGKILL');
  await noticed;
  const deadline = Date.now() + 60_000;
  let third: { process: string; total: number } | undefined;
  while (!third && Date.now() < deadline) {
    const got = await ask(`${url}query?q=wombatland`);
    if (!ids.includes(got.process)) third = got;
    else assert.equal(got.total, 1);
  }
  assert.equal(third?.total, 1, 'a third process answers in place of the one killed');

  // Ctrl+C: the command stops every process it started, then exits.
  const exited = once(child, 'exit');
  child.kill('SIGINT');
  const [code] = (await exited) as [number | null];
  assert.equal(code, 0, err);
  for (const pid of [...pids, Number(third!.process)])
    assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' }, `process ${pid} stopped`);
});

test('serve --processes past 64 is refused, saying how many it may be', async () => {
  const run = spawn(process.execPath, fromSource('serve', '--database', postgres.url, '--processes', '100000'), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  run.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const [code] = (await once(run, 'exit')) as [number | null];
  assert.equal(code, 1);
  assert.match(err, /--processes: "100000" is not a whole number from 1 to 64/);
});

test('serve --processes 2 refuses a database without a catalogue as one process does', async () => {
  const run = spawn(
    process.execPath,
    fromSource(
      'serve',
      '--database',
      postgres.url.replace(/\/reportshelf$/, '/postgres'),
      '--port',
      '0',
      '--processes',
      '2',
    ),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  run.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  // The command exits only once no process it started is left (their channels would hold it).
  const [code] = (await once(run, 'exit')) as [number | null];
  assert.equal(code, 1);
  assert.match(err, /run reportshelf load first/);
});

// (Without the limit it would start processes for ever: the test fails after 2 minutes rather than wait.)
test(
  'serve --processes 2 whose processes keep stopping: each started again, then past 5 in a minute the command exits with 1',
  { timeout: 120_000 },
  async () => {
    const run = spawn(
      process.execPath,
      fromSource('serve', '--database', postgres.url, '--port', '0', '--processes', '2'),
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    run.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = once(run, 'exit');
    // The first of the two, then each process started in its place, stopped as soon as it is heard of.
    const first = await new Promise<number>((resolve) =>
      run.stdout!.on('data', () => {
        const line = /2 processes \((\d+), \d+\)/.exec(out);
        if (line) resolve(Number(line[1]));
      }),
    );
    let stopped = 0;
    const kill = (pid: number) => {
      stopped++;
      process.kill(pid, 'SIGKILL');
    };
    kill(first);
    run.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      for (const [, pid] of chunk.toString().matchAll(/process (\d+) started in its place/g)) kill(Number(pid));
    });
    const [code] = (await exited) as [number | null];
    assert.equal(code, 1, err);
    assert.equal(stopped, 6, err);
    assert.match(err, /server processes stopped 6 times in a minute; the server stopped/);
    // Five started in the place of one stopped; the sixth stop ended it.
    assert.equal(err.match(/started in its place/g)?.length, 5, err);
  },
);
