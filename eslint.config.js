import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

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
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.object.name=/^(it|describe)$/][callee.property.name=/^(only|skip)$/]',
          message: 'No .only or .skip left in tests.',
        },
        {
          selector:
            "CallExpression[callee.name='setTimeout'][arguments.1.type='Literal'] > ArrowFunctionExpression[body.type='CallExpression'][body.callee.name='resolve']",
          message: 'Tests do not sleep: wait for a condition instead.',
        },
      ],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Catalogue text is data: render it with Lit templates, never as HTML.' },
      ],
    },
  },
  {
    // Chai's property assertions (`expect(x).to.exist`) are expressions by design.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
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
