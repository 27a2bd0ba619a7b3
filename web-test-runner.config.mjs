import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';
import { fixtureRoutes, servedFiles, servedRoutes } from './test/serve-fixtures.mjs';
import { reportshelfServer } from './test/server/wtr-plugin.mjs';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

/**
 * The modules the lite drop-in file loads from beside itself (shared/on-demand.ts), served from
 * source: its search worker, languages, cite panels and region tree, each `reportshelf.NAME.js` in any folder:
 * served from source, on-demand.ts finds itself (as the lite file does when a module script) in
 * /packages/elements/src/shared/, and "beside the drop-in file" is there.
 */
const beside = {
  search: 'shared/search-worker.ts',
  fr: 'shared/messages/fr.ts',
  es: 'shared/messages/es.ts',
  ar: 'shared/messages/ar.ts',
  cite: 'cite/panels.ts',
  regions: 'filter-bar/regions.ts',
  server: '../../core/src/server-engine.ts',
  split: '../../core/src/split-engine.ts',
};
function besideRoutes(context, next) {
  const name = /\/reportshelf\.(\w+)\.js$/.exec(context.path)?.[1];
  if (!name || !Object.hasOwn(beside, name)) return next();
  context.type = 'application/javascript';
  context.body = `export * from '/packages/elements/src/${beside[name]}';\n`;
  return undefined;
}

/**
 * Puts test/console-guard.ts ahead of every test file: a test fails on a console.error it did
 * not expect.
 */
const consoleGuard = {
  name: 'reportshelf-console-guard',
  transform(context) {
    if (!/^\/test\/.*\.test\.ts$/.test(context.path)) return undefined;
    return { body: `import '/test/console-guard.ts';\n${context.body}` };
  },
};

/**
 * The element suites run twice: with the search index in the page (the elements package and the
 * full drop-in file), and with the lite file's engine, which searches in a worker and loads its
 * languages and panels on demand: the page gives the elements the lite file's loaders before the
 * tests import them, as reportshelf.lite.ts does (the package's own fill in only what is not given).
 */
const workerEngineHtml = (testFramework) => `<!DOCTYPE html>
<html data-engine="worker">
  <script type="module">
    import { ShelfLibrary } from '/packages/elements/src/library/library.ts';
    import { loaders } from '/packages/elements/src/shared/on-demand.ts';
    ShelfLibrary.use(loaders);
  </script>
  <head></head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`;

/**
 * Element suites named on the command line run in both engines; without any, every one does.
 * (Other suites have no engine to swap.)
 */
const named = process.argv.slice(2).filter((arg) => !arg.startsWith('-') && /\.ts$|\*/.test(arg));
/**
 * Suites that go Back and Forward: in groups of their own (a fresh browser each), since a tab
 * reused from file to file holds at most 50 history entries (see below), which the suites before
 * them now fill.
 */
const HISTORY = ['test/elements/url-sync.test.ts', 'test/elements/view.test.ts'];
const historySuites = named.length ? named.filter((file) => HISTORY.some((suite) => file.endsWith(suite))) : HISTORY;
const elementSuites = named.length
  ? named.filter((file) => file.includes('test/elements/') && !historySuites.includes(file))
  : ['test/elements/**/*.test.ts', ...HISTORY.map((suite) => `!${suite}`)];

/** Debian's Chromium (CHROME_PATH overrides). */
const chromium = () =>
  chromeLauncher({
    launchOptions: {
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  });

/**
 * Every browser test. Each group has a browser of its own, one after the other: the runner reuses
 * a tab from file to file, and once its history holds 50 entries Chromium drops the oldest a page
 * pushed itself, so Back in the URL tests would leave the page.
 */
export default {
  files: [
    'test/**/*.test.ts',
    '!test/node/**',
    '!test/e2e/**',
    '!test/wordpress/**',
    '!test/server/**',
    ...HISTORY.map((suite) => `!${suite}`),
  ],
  groups: [
    ...(elementSuites.length
      ? [{ name: 'worker-engine', files: elementSuites, testRunnerHtml: workerEngineHtml, browsers: [chromium()] }]
      : []),
    ...(historySuites.length
      ? [
          { name: 'history', files: historySuites, browsers: [chromium()] },
          { name: 'history-worker', files: historySuites, testRunnerHtml: workerEngineHtml, browsers: [chromium()] },
        ]
      : []),
  ],
  middleware: [fixtureRoutes, servedRoutes, besideRoutes],
  nodeResolve: { exportConditions: ['source', 'browser', 'import', 'default'] },
  plugins: [
    esbuildPlugin({ ts: true, json: true, tsconfig, target: 'es2022' }),
    consoleGuard,
    reportshelfServer(),
    servedFiles(),
  ],
  browsers: [chromium()],
  // One page at a time: keyboard tests need the page to hold focus.
  concurrency: 1,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 20000 } },
};
