import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Import patterns of the layer rules. The specifiers are relative, so each regex is written for the
// depth of the files it applies to (core has no host/, web/, … or index.ts of its own).
const CORE = {
  regex: '^(\\.\\./)+((host|web|electron|cli)/|index\\.js$)',
  message: 'The core (main/core) imports nothing of host, web, electron, cli or main/index.ts.',
};
const ARCHIVE = {
  regex: '^\\.\\./(ingest|search|export|app)/|^\\.\\./(open-vankho|export-selection)\\.js$',
  message: 'core/archive sits below ingest, search, export and core/app: it imports none of them.',
};
const BASE = {
  regex: '^\\.\\./(?!(errors|jobs|text)/|\\.\\./contract/)',
  message:
    'core/errors, jobs and text are the bottom of the core: they import only the contract and each other.',
};
const HOST = {
  regex: '^\\.\\./(web|electron|cli)/',
  message: 'main/host sits below the adapters (web, electron, cli): it imports none of them.',
};
const COMPOSITION_ROOT = {
  regex: '^\\./(web|electron|cli)/|^\\./host/host-(worker|client|worker-protocol)\\.js$',
  message: 'main/index.ts composes the core and host services; the adapters and the host worker run it.',
};
const CONTRACT = {
  regex: '^(?!\\./|zod(/|$))',
  message: 'The contract is types and plain data only: it imports only itself and zod.',
};
/** The same for the request map's parts (main/contract/api/): one level up is still the contract. */
const CONTRACT_PART = {
  regex: '^(?!\\.\\.?/|zod(/|$))|^\\.\\./\\.\\./',
  message: CONTRACT.message,
};
const CONTRACT_ONLY = {
  regex: '(^|/)main/(?!contract/)',
  message: 'The renderer and preload know only main/contract.',
};

/** no-restricted-imports with electron kept to main/electron, plus the given patterns. */
function restrict(...patterns) {
  return [
    'error',
    {
      paths: [{ name: 'electron', message: 'Only main/electron/ may import electron.' }],
      ...(patterns.length > 0 ? { patterns } : {}),
    },
  ];
}

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
  // Layer rules (README, "Architecture of the app layer"); tests/unit/import-graph.test.ts checks the
  // same rules on the resolved import graph (also dynamic imports) and that these patterns fire.
  // A file gets one no-restricted-imports value (the last block matching it), so each block repeats
  // the restrictions of the blocks above it.
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: { 'no-restricted-imports': restrict() },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(CORE) },
  },
  {
    files: ['main/core/archive/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(CORE, ARCHIVE) },
  },
  {
    files: ['main/core/errors/**/*.ts', 'main/core/jobs/**/*.ts', 'main/core/text/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(CORE, BASE) },
  },
  {
    files: ['main/host/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(HOST) },
  },
  {
    files: ['main/index.ts'],
    rules: { 'no-restricted-imports': restrict(COMPOSITION_ROOT) },
  },
  {
    files: ['main/contract/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(CONTRACT) },
  },
  {
    files: ['main/contract/api/*.ts'],
    rules: { 'no-restricted-imports': restrict(CONTRACT_PART) },
  },
  {
    files: ['preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [CONTRACT_ONLY] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'The renderer has no Node.' }, CONTRACT_ONLY] },
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
