import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';
import { fixtureRoutes } from './test/serve-fixtures.mjs';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

/** Every browser test, in Debian's Chromium (CHROME_PATH overrides). */
export default {
  files: ['test/**/*.test.ts', '!test/node/**', '!test/e2e/**', '!test/wordpress/**'],
  middleware: [fixtureRoutes],
  nodeResolve: { exportConditions: ['source', 'browser', 'import', 'default'] },
  plugins: [esbuildPlugin({ ts: true, json: true, tsconfig, target: 'es2022' })],
  browsers: [
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
    }),
  ],
  // One page at a time: keyboard tests need the page to hold focus.
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
};
