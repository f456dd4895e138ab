// The archive screen's recent list: "Xóa khỏi danh sách" on one entry asks first (declining keeps
// it), then takes it off the list for good (still gone after a reload), while the archive folder
// stays on disk and opens again from a typed path.
import { expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DB_FILE_NAME } from '../../main/core/archive/archive.js';
import { artifact, E2E_TOKEN } from './e2e-env.js';
import { startWebMode, type RunningWebMode } from './start-web-mode.js';

let web: RunningWebMode;
let tempDir: string;

test.beforeAll(async () => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-recent-'));
  web = await startWebMode([]);
});

test.afterAll(async () => {
  await web.stop();
  rmSync(tempDir, { recursive: true, force: true });
});

test('removes an archive from the recent list, asks first, and the archive itself stays', async ({
  page,
}) => {
  await page.goto(`${web.url}/#token=${E2E_TOKEN}`);
  await expect(page.getByTestId('archive-screen')).toBeVisible();
  const khoA = join(tempDir, 'kho-a');
  const khoB = join(tempDir, 'kho-b');
  for (const dir of [khoA, khoB]) {
    await page.getByTestId('archive-path').fill(dir);
    await page.getByRole('button', { name: 'Tạo kho mới…' }).click();
    await expect(page.getByTestId('archive-dir')).toHaveText(dir);
  }
  const entries = page.getByTestId('recent-entry');
  await expect(entries).toHaveCount(2);
  const entryA = entries.filter({ hasText: khoA });
  const removeA = entryA.getByRole('button', { name: 'Xóa kho-a khỏi danh sách kho mở gần đây' });

  // Declined: nothing changes.
  const questions: string[] = [];
  page.once('dialog', (d) => {
    questions.push(d.message());
    void d.dismiss();
  });
  await removeA.click();
  await expect.poll(() => questions.length).toBe(1);
  expect(questions[0]).toContain(khoA);
  expect(questions[0]).toContain('vẫn giữ nguyên trên máy');
  await expect(entries).toHaveCount(2);

  page.once('dialog', (d) => void d.accept());
  await removeA.click();
  await expect(page.getByText('Đã xóa kho-a khỏi danh sách kho mở gần đây.')).toBeVisible();
  await expect(entries).toHaveCount(1);
  await expect(entries).toContainText(khoB);
  await page.locator('section', { has: entries }).screenshot({ path: artifact('recent-removed') });

  await page.reload();
  await page.getByTestId('nav-archive').click();
  await expect(page.getByTestId('archive-dir')).toHaveText(khoB);
  await expect(entries).toHaveCount(1);
  await expect(page.getByTestId('recent-entry').filter({ hasText: khoA })).toHaveCount(0);

  // The archive is untouched: its catalogue is on disk and it opens again from its path.
  expect(existsSync(join(khoA, DB_FILE_NAME))).toBe(true);
  await page.getByTestId('archive-path').fill(khoA);
  await page.getByRole('button', { name: 'Mở kho…' }).click();
  await expect(page.getByTestId('archive-dir')).toHaveText(khoA);
  await expect(entries).toHaveCount(2);
});
