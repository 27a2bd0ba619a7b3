/**
 * Every browser test fails on a console.error it did not expect, as the end-to-end tests do: an
 * error logged and swallowed is a failure that no assertion sees. web-test-runner.config.mjs
 * imports this module ahead of each test file. A test that expects errors names them with
 * `expectConsoleErrors`, which also gives back what was logged, to assert on.
 */

let expected: RegExp[] = [];
let logged: string[] = [];
let unexpected: string[] = [];

const original = console.error;
console.error = (...args: unknown[]) => {
  const message = args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ');
  logged.push(message);
  if (!expected.some((pattern) => pattern.test(message))) unexpected.push(message);
  original.apply(console, args);
};

/**
 * Lets the running test log errors that match one of `patterns` (each test starts expecting none).
 * Returns the errors logged by this test so far, and later ones as they come.
 */
export function expectConsoleErrors(...patterns: RegExp[]): readonly string[] {
  expected = patterns;
  return logged;
}

afterEach(function () {
  const found = unexpected;
  expected = [];
  logged = [];
  unexpected = [];
  // Fails the test that just ran, not this hook (a failed hook would stop every later test):
  // Mocha's Hook#error hands the error to the test.
  if (found.length > 0) (this.test as Mocha.Hook).error(new Error(`Unexpected console.error:\n${found.join('\n')}`));
});
