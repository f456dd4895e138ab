// A 2-page TIFF scan (issue 11) imported through the UI, read by OCR page by page, found by an
// unaccented word of page 2 and opened on it: page 2's image (a PNG the host derives from the TIFF)
// carries the hit in its invisible OCR layer.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderScan } from '../helpers/make-scan.js';
import { makeTiff } from '../helpers/make-tiff.js';
import { autoOcrOff, importThroughUi, ocrByHand, openFirstHit } from './ocr-steps.js';
import { openAppOn } from './start-web-mode.js';

let app: Awaited<ReturnType<typeof openAppOn>>;
let tempDir: string;
let page: Page;

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-tiff-'));
  app = await openAppOn(browser, join(tempDir, 'kho'));
  page = app.page;
});

test.afterAll(async () => {
  await app?.close();
  rmSync(tempDir, { recursive: true, force: true });
});

test('a 2-page TIFF: the word of page 2 is highlighted on page 2 image', async () => {
  const file = join(tempDir, 'phu-luc-quet.tif');
  const scan = (text: string) => renderScan([{ text, x: 70, y: 120, size: 16 }], { dpi: 150 });
  writeFileSync(
    file,
    await makeTiff([scan('Báo cáo tình hình văn thư'), scan('Danh mục hồ sơ nghiệm thu')], {
      compression: 'ccittfax4',
      dpi: 150,
    }),
  );
  await autoOcrOff(page);
  await importThroughUi(page, file);
  await ocrByHand(page, 2);
  await openFirstHit(page, 'nghiem thu');

  const preview = page.getByTestId('tiff-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId('tiff-thumb')).toHaveCount(2);
  await expect(preview.getByTestId('doc-hit-count')).toContainText('1/1', { timeout: 30_000 });
  const page2 = preview.locator('[data-testid="tiff-page"][data-page-number="2"]');
  await expect(page2.locator('img')).toHaveJSProperty('complete', true);
  expect(
    await page2.locator('img').evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth),
  ).toBeGreaterThan(500);
  await expect(page2.locator('.scan-layer span.vk-hit.current')).toHaveText(['nghiệm', 'thu']);
  await expect(page2.locator('.scan-layer span.vk-hit.current').first()).toBeInViewport();
  await expect(preview.locator('[data-page-number="1"] .scan-layer span.vk-hit')).toHaveCount(0);
});
