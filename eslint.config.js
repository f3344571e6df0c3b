// ESLint's configuration for Folio's JavaScript (run by scripts/test.sh: npx eslint).
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['dist/**', 'www/pkg/**', 'target/**', 'node_modules/**', 'fuzz/**', 'bench/**', 'eval/**'] },
  js.configs.recommended,
  {
    files: ['www/src/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.worker, FOLIO_WASM: 'readonly', FOLIO_INDEX: 'readonly' },
    },
  },
  {
    files: ['scripts/**/*.mjs', 'tests/**/*.mjs', 'www/demo.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'smart'],
      'prefer-const': 'error',
      'no-var': 'error',
      // Folio's errors are rewritten into one "Folio: …" message that names the cause; it is
      // their message that crosses from the worker to the page (a cause would not).
      'preserve-caught-error': 'off',
    },
  },
];
