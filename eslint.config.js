import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

const noInnerHtml = {
  property: 'innerHTML',
  message: 'Catalogue text is data: render it with Lit templates, never as HTML.',
};

/** A test left out still reports ok: none is skipped, kept for later, or run alone. */
const testsRun = [
  {
    selector:
      'MemberExpression[object.name=/^(it|test|describe|suite|context|specify)$/][property.name=/^(only|skip|todo)$/]',
    message: 'No .only, .skip or .todo in tests: every test runs.',
  },
  {
    selector: 'CallExpression[callee.name=/^x(it|test|describe|specify|context)$/]',
    message: 'No skipped tests: every test runs.',
  },
  {
    // Mocha's this.skip(), node:test's t.skip() and t.todo(), in a test or a hook.
    selector: 'CallExpression[callee.property.name=/^(skip|todo)$/]',
    message: 'No skipped tests: every test runs.',
  },
  {
    // node:test's options: test('…', { skip: true }, …), { todo: … }, { only: … }.
    selector: 'Property[key.name=/^(skip|todo|only)$/]',
    message: 'No skip, todo or only options in tests: every test runs.',
  },
];

const sleeps = 'Tests do not sleep: wait for a condition (waitUntil, Playwright’s auto-waiting) instead.';
/** A timed wait passes on a fast machine and fails on a slow one: tests wait for conditions. */
const testsWait = [
  {
    selector: "NewExpression[callee.name='Promise'] CallExpression[callee.name=/^(setTimeout|setInterval)$/]",
    message: sleeps,
  },
  {
    selector:
      'CallExpression[callee.name=/^(setTimeout|setInterval)$/] > Identifier.arguments[name=/^(r|res|resolve|done|next)$/]',
    message: sleeps,
  },
  { selector: "CallExpression[callee.name=/^(promisify)$/] > Identifier[name='setTimeout']", message: sleeps },
  { selector: "CallExpression[callee.property.name='promisify'] > Identifier[name='setTimeout']", message: sleeps },
  { selector: 'ImportDeclaration[source.value=/^(node:)?timers.promises$/]', message: sleeps },
  { selector: "ImportSpecifier[imported.name='aTimeout']", message: sleeps },
];

export default tseslint.config(
  {
    ignores: [
      '.scratch/**',
      '**/dist/**',
      'storybook-static/**',
      'node_modules/**',
      'custom-elements.json',
      'coverage/**',
      'release/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  wc.configs['flat/best-practice'],
  litA11y.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser }, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': ['error', noInnerHtml],
    },
  },
  {
    // Every test runs, and none sleeps. (The fixture server's delays are responses, not waits.)
    // Chai's property assertions (`expect(x).to.exist`) are expressions by design.
    files: ['test/**', 'bench/**/*.test.*'],
    ignores: ['test/serve-fixtures.mjs'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      'no-restricted-syntax': ['error', ...testsRun, ...testsWait],
      'no-restricted-properties': [
        'error',
        noInnerHtml,
        { property: 'waitForTimeout', message: sleeps },
        { object: 'scheduler', property: 'wait', message: sleeps },
      ],
    },
  },
  {
    files: [
      'bench/**',
      'packages/cli/**',
      '*.config.*',
      '.ci/**',
      'scripts/**',
      'test/node/**',
      'test/e2e/**',
      'test/wordpress/**',
      'packages/wordpress/build.mjs',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
);
