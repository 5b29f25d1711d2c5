// @ts-check
/** One lint configuration for the whole tree: the simulator, the site's TypeScript and Astro components, tests and scripts. */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      '.astro/',
      '.self-hosted/',
      'test-results/',
      'playwright-report/',
      'tmp/',
      'sandbox-core/dist/',
      'node_modules/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Typed rules where a tsconfig covers the file: the project service finds it (root or sandbox-core).
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // The code base types module boundaries; inside a module inference is enough.
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Template literals with numbers are how views print counters and table numbers.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    // Tests and benchmarks read JSON (CLI output, fixtures, scenarios) as `any` on purpose and assert on its shape.
    files: ['**/*.test.ts', '**/test/**/*.ts', 'e2e/**/*.ts', '**/bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  ...astro.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.js', 'bin/**', 'sandbox-core/bin/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The site benchmark passes functions to page.evaluate: they run in the browser.
    files: ['scripts/bench-site.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  prettier,
);
