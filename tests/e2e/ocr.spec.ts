// A scanned decision in the app: filed as waiting for OCR, the archive screen says how many pages
// wait, "Nhận dạng chữ ngay" reads them with its progress, and the search then finds the scan by an
// unaccented phrase and by its number.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decisionLines, makeScannedPdf, renderScan } from '../helpers/make-scan.js';
import { artifact } from './e2e-env.js';
import { openAppOn, runVankho } from './start-web-mode.js';

let app: Awaited<ReturnType<typeof openAppOn>>;
let tempDir: string;
let page: Page;

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-ocr-'));
  const archiveDir = join(tempDir, 'kho');
  const scan = join(tempDir, 'qd-31-ban-quet.pdf');
  const lines = decisionLines({
    number: '31/2025/QĐ-UBND',
    title: 'Về việc ban hành Quy chế số hóa tài liệu lưu trữ',
    body: [
      'Điều 1. Ban hành kèm theo Quyết định này Quy chế số hóa tài liệu.',
      'Điều 2. Hiệu lực từ ngày ký.',
    ],
  });
  writeFileSync(scan, await makeScannedPdf([renderScan(lines, { format: 'jpeg' })]));
  // A second scan, read from its own screen first.
  const second = join(tempDir, 'tb-40-ban-quet.pdf');
  const notice = decisionLines({
    number: '40/TB-UBND',
    title: 'Thông báo lịch tiếp công dân tháng mười hai',
    body: ['Ủy ban nhân dân tỉnh thông báo lịch tiếp công dân định kỳ.'],
  });
  writeFileSync(second, await makeScannedPdf([renderScan(notice, { format: 'jpeg' })]));
  runVankho(archiveDir, ['import', scan, second]);
  app = await openAppOn(browser, archiveDir);
  page = app.page;
});

test.afterAll(async () => {
  await app?.close();
  rmSync(tempDir, { recursive: true, force: true });
});

test('a scan is read from its own screen: "Nhận dạng chữ (OCR)", then its text and number show', async () => {
  await page.evaluate("location.hash = '#/doc/2'");
  await expect(page.getByTestId('doc-text-status')).toContainText('chờ OCR');
  await page.getByTestId('doc-ocr-now').click();
  await expect(page.getByTestId('doc-ocr-now')).toHaveCount(0, { timeout: 120_000 });
  await expect(page.getByText('40/TB-UBND').first()).toBeVisible();
  await page.screenshot({ path: artifact('31-ocr-document') });
});

test('the scan waits for OCR, is read from the archive screen, and is found afterwards', async () => {
  await page.getByTestId('nav-archive').click();
  const card = page.getByTestId('ocr-card');
  await expect(card.getByTestId('ocr-pending')).toContainText('1 trang của 1 văn bản');
  await card.getByTestId('ocr-start').click();
  await expect(card.getByTestId('ocr-result')).toContainText('Đã đọc 1 trang (0 lỗi)', { timeout: 120_000 });
  await expect(card.getByTestId('ocr-pending')).toContainText('Không có trang nào');
  await card.screenshot({ path: artifact('29-ocr-card') });

  await page.getByTestId('nav-search').click();
  const box = page.getByTestId('search-input');
  await box.fill('quy che so hoa tai lieu');
  await box.press('Enter');
  await expect(page.getByTestId('search-result').first()).toContainText('31/2025/QĐ-UBND');
  await box.fill('31/2025/qd-ubnd');
  await box.press('Enter');
  await expect(page.getByTestId('search-result').first()).toContainText('số hóa tài liệu lưu trữ', {
    ignoreCase: true,
  });
  await page.screenshot({ path: artifact('30-ocr-search') });
});
