import { defineConfig } from 'vitest/config';

// Unit and integration tests run on Node 20 against real SQLite files; e2e runs under Playwright.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
