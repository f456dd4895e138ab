// "Tạm dừng OCR" on the archive screen (issue 11): three scans wait, a run is started and paused at
// once; the card says the queue is paused and offers "Tiếp tục". The app is then restarted on the
// same archive: still paused, and the pages waiting do not move. "Tiếp tục" reads them all.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decisionLines, makeScannedPdf, renderScan } from '../helpers/make-scan.js';
import { artifact } from './e2e-env.js';
import { openAppOn, runVankho } from './start-web-mode.js';

let app: Awaited<ReturnType<typeof openAppOn>>;
let tempDir: string;
let archiveDir: string;
let page: Page;

const SCANS = [
  { number: '71/2025/QĐ-UBND', title: 'Về việc thành lập hội đồng xác định giá trị tài liệu' },
  { number: '72/TB-VP', title: 'Thông báo lịch nộp lưu hồ sơ vào lưu trữ cơ quan' },
  { number: '73/KH-UBND', title: 'Kế hoạch chỉnh lý tài liệu tồn đọng năm 2026' },
];

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-ocr-pause-'));
  archiveDir = join(tempDir, 'kho');
  const files = await Promise.all(
    SCANS.map(async (s, i) => {
      const file = join(tempDir, `scan-${i + 1}.pdf`);
      const lines = decisionLines({ ...s, body: ['Điều 1. Quyết định có hiệu lực kể từ ngày ký.'] });
      writeFileSync(file, await makeScannedPdf([renderScan(lines, { format: 'jpeg' })]));
      return file;
    }),
  );
  // The CLI's import does not start OCR: the three pages wait.
  runVankho(archiveDir, ['import', ...files]);
  app = await openAppOn(browser, archiveDir);
  page = app.page;
});

test.afterAll(async () => {
  await app?.close();
  rmSync(tempDir, { recursive: true, force: true });
});

test('pause the OCR queue, restart, nothing moves; resume and every page is read', async ({ browser }) => {
  await page.getByTestId('nav-archive').click();
  let card = page.getByTestId('ocr-card');
  await expect(card.getByTestId('ocr-pending')).toContainText('3 trang của 3 văn bản');
  await card.getByTestId('ocr-start').click();
  await expect(card.getByTestId('ocr-progress')).toBeVisible();
  await card.getByTestId('ocr-pause').click();

  await expect(card.getByTestId('ocr-paused')).toContainText('đang tạm dừng');
  await expect(card.getByTestId('ocr-result')).toContainText('Đã tạm dừng sau');
  await expect(card.getByTestId('ocr-progress')).toHaveCount(0);
  await expect(card.getByTestId('ocr-start')).toHaveCount(0);
  const waiting = (await card.getByTestId('ocr-pending').textContent()) ?? '';
  expect(waiting).toMatch(/[123] trang của [123] văn bản/);
  await card.screenshot({ path: artifact('ocr-paused') });

  // A restart of the app on the same archive: the pause is the archive's, so it still holds.
  await app.close();
  app = await openAppOn(browser, archiveDir);
  page = app.page;
  await page.getByTestId('nav-archive').click();
  card = page.getByTestId('ocr-card');
  await expect(card.getByTestId('ocr-paused')).toBeVisible();
  await expect(card.getByTestId('ocr-pending')).toHaveText(waiting);
  // Nothing reads meanwhile: a while later the same pages still wait and no run shows.
  await page.waitForTimeout(3000);
  await page.getByTestId('nav-search').click();
  await page.getByTestId('nav-archive').click();
  await expect(card.getByTestId('ocr-pending')).toHaveText(waiting);
  await expect(card.getByTestId('ocr-progress')).toHaveCount(0);

  await card.getByTestId('ocr-resume').click();
  await expect(card.getByTestId('ocr-paused')).toHaveCount(0);
  await expect(card.getByTestId('ocr-result')).toContainText('Đã đọc', { timeout: 180_000 });
  await expect(card.getByTestId('ocr-result')).toContainText('(0 lỗi)');
  await expect(card.getByTestId('ocr-pending')).toContainText('Không có trang nào');
  await expect(card.getByTestId('ocr-pause')).toBeVisible();

  await page.getByTestId('nav-search').click();
  const box = page.getByTestId('search-input');
  await box.fill('chinh ly tai lieu ton dong');
  await box.press('Enter');
  await expect(page.getByTestId('search-result').first()).toContainText('73/KH-UBND');
});
