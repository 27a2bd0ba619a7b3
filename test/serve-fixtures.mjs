/**
 * Routes the browser tests fetch catalogues from, so that each way a `src` can fail is a real
 * HTTP response from a real server rather than a stubbed fetch.
 */
import { readFileSync } from 'node:fs';

const seed = readFileSync(new URL('../data/catalogue.json', import.meta.url), 'utf8');

/** Slow requests by the run they name: how many the server received, saw abandoned, answered. */
const runs = new Map();
const countsOf = (run) => {
  if (!runs.has(run)) runs.set(run, { received: 0, abandoned: 0, answered: 0 });
  return runs.get(run);
};

export function fixtureRoutes(context, next) {
  const url = new URL(context.url, 'http://localhost');
  if (!url.pathname.startsWith('/fixtures/')) return next();
  const route = url.pathname.slice('/fixtures/'.length);
  context.set('Cache-Control', 'no-store');
  switch (route) {
    case 'catalogue.json':
      context.type = 'application/json';
      context.body = seed;
      return undefined;
    case 'not-json.json':
      context.type = 'application/json';
      context.body = '<html>Not JSON</html>';
      return undefined;
    case 'no-reports.json':
      context.type = 'application/json';
      context.body = JSON.stringify({ version: 1, items: [] });
      return undefined;
    case 'broken-records.json':
      context.type = 'application/json';
      context.body = JSON.stringify({
        reports: [
          ...JSON.parse(seed).reports.slice(0, 2),
          { title: 'No id' },
          { id: 'bad-year', title: 'Bad year', year: 'soon' },
        ],
      });
      return undefined;
    case 'reset.json': {
      // The connection breaks in the middle of the body: headers and half a catalogue, then a reset.
      context.respond = false;
      const { res } = context;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(seed.length) });
      res.write(seed.slice(0, seed.length / 2));
      setTimeout(() => res.socket?.destroy(), 50);
      return undefined;
    }
    case 'slow.json': {
      // The seed catalogue after a while (?ms=…), to be overtaken by a newer src. With ?run=…, what
      // becomes of the request is counted under that name (see requests.json).
      const counts = countsOf(url.searchParams.get('run'));
      counts.received++;
      return new Promise((resolve) => {
        const timer = setTimeout(
          () => {
            counts.answered++;
            context.type = 'application/json';
            context.body = seed;
            resolve(undefined);
          },
          Number(url.searchParams.get('ms') ?? 3000),
        );
        context.res.on('close', () => {
          if (context.res.writableFinished) return;
          // The browser closed the connection before the answer: the request was aborted.
          clearTimeout(timer);
          counts.abandoned++;
        });
      });
    }
    case 'requests.json':
      // What became of a run's slow requests: received, abandoned by the browser, answered.
      context.type = 'application/json';
      context.body = JSON.stringify(countsOf(url.searchParams.get('run')));
      return undefined;
    case 'hang.json':
      // Answers only once the browser gives up: the loading state, for as long as a test looks.
      return new Promise((resolve) => context.req.on('close', resolve));
    default:
      context.status = 404;
      context.body = 'Not found';
      return undefined;
  }
}

/** Folders of files browser tests sent to be served (`servedFiles`), by number. */
const folders = [];

/**
 * A web-test-runner plugin that serves files a browser test makes (a split catalogue, written in
 * the page by `splitCatalogue`): `executeServerCommand('reportshelf-files', { files })` returns
 * the address of a new folder holding them, `/served/N/`. A file given as a number is answered
 * with that HTTP status (a 404, a 503) instead: a folder with a file missing or a server failing.
 */
export function servedFiles() {
  return {
    name: 'reportshelf-files',
    executeCommand({ command, payload }) {
      if (command !== 'reportshelf-files') return undefined;
      folders.push(payload.files);
      return { url: `/served/${folders.length - 1}/` };
    },
  };
}

/** The routes of `servedFiles`' folders: each file as JSON, never cached (a folder may be a test's damaged copy). */
export function servedRoutes(context, next) {
  const found = /^\/served\/(\d+)\/(.+)$/.exec(context.path);
  if (!found) return next();
  const file = folders[Number(found[1])]?.[decodeURIComponent(found[2])];
  context.set('Cache-Control', 'no-store');
  if (typeof file === 'string') {
    context.type = 'application/json';
    context.body = file;
  } else {
    context.status = file ?? 404;
    context.body = 'Not served';
  }
  return undefined;
}
