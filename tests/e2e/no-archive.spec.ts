// Web mode started without --archive: the archive screen says why the samples cannot be loaded yet
// and how to create an archive; once one is created from a typed path, the samples button works.
import { expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifact, E2E_TOKEN } from './e2e-env.js';
import { startWebMode, type RunningWebMode } from './start-web-mode.js';

let web: RunningWebMode;
let tempDir: string;

test.beforeAll(async () => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-noarchive-'));
  web = await startWebMode([]);
});

test.afterAll(async () => {
  await web.stop();
  rmSync(tempDir, { recursive: true, force: true });
});

test('without an open archive the samples button explains itself; creating an archive enables it', async ({
  page,
}) => {
  await page.goto(`${web.url}/#token=${E2E_TOKEN}`);
  // With no archive the app opens on the archive screen.
  await expect(page.getByTestId('archive-screen')).toBeVisible();
  const samples = page.getByTestId('load-samples');
  await expect(samples).toBeDisabled();
  await expect(page.getByTestId('samples-hint')).toContainText('Cần tạo hoặc mở một kho');
  // The hint is the button's description for assistive technology too.
  await expect(samples).toHaveAccessibleDescription(/Cần tạo hoặc mở một kho/);
  await expect(page.getByTestId('archive-path-hint')).toContainText('Nhập đường dẫn một thư mục');
  await page.screenshot({ path: artifact('11-no-archive') });

  const dir = join(tempDir, 'kho-moi');
  await page.getByTestId('archive-path').fill(dir);
  await page.getByRole('button', { name: 'Tạo kho mới…' }).click();
  await expect(page.getByTestId('archive-dir')).toHaveText(dir);
  expect(existsSync(dir)).toBe(true);
  await expect(page.getByTestId('samples-hint')).toHaveCount(0);
  await expect(samples).toBeEnabled();
});
