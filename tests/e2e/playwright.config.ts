import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// End-to-end tests in Debian's Chromium (never a downloaded browser) against the real web mode on a
// temporary archive (global-setup.ts). Results: test-results/playwright.json (read by npm test) and
// the list reporter; screenshots in tests/artifacts/.
const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  outputDir: resolve(repo, 'test-results', 'playwright-output'),
  reporter: [['list'], ['json', { outputFile: resolve(repo, 'test-results', 'playwright.json') }]],
  use: {
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'vi-VN',
    actionTimeout: 15_000,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
