import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'build/**',
      'dist/**',
      'renderer/dist/**',
      'resources/**',
      'test-results/**',
      'tests/artifacts/**',
      'playwright-report/**',
      '.vankho-tmp/**',
      'demo-archive/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true } }],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only main/electron/ may import electron.' }] },
      ],
    },
  },
  {
    files: ['main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', '../core/*', '../../core/*'],
              message: 'The contract is types and plain data only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node.' },
            {
              group: ['**/main/core/**', '**/main/electron/**', '**/main/web/**'],
              message: 'The renderer knows only main/contract.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer's Vite config runs in Node (build time), not in the renderer.
    files: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Vite and Playwright configs are loaded by their tools as default exports.
    files: [
      '**/vite.config.ts',
      '**/playwright.config.ts',
      'tests/e2e/global-setup.ts',
      'vitest.config.ts',
      'eslint.config.js',
    ],
    rules: { 'no-restricted-exports': 'off' },
  },
);
