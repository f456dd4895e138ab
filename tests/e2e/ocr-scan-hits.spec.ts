// Hits on the scan (issue 11): a scanned PDF imported through the UI is read by OCR (its progress on
// the archive screen), found by an unaccented phrase, and opened on the hit — the words are marked on
// the page image by the invisible OCR text layer, which can also be selected and copied; prev/next
// goes across pages.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { makeScannedPdf, renderScan, type ScanLine } from '../helpers/make-scan.js';
import { artifact } from './e2e-env.js';
import { openAppOn } from './start-web-mode.js';

let app: Awaited<ReturnType<typeof openAppOn>>;
let tempDir: string;
let page: Page;
const A4 = { w: 595.28, h: 841.89 };

// Short pages keep the OCR quick; the phrase searched is on both, once.
const TITLE: ScanLine = { text: 'Về việc ban hành Quy chế số hóa tài liệu lưu trữ', x: 70, y: 170, size: 14 };
const page1: ScanLine[] = [
  { text: 'QUYẾT ĐỊNH', x: 297, y: 120, size: 16, bold: true, center: true },
  TITLE,
  { text: 'Điều 1. Ban hành kèm theo Quyết định này Quy chế.', x: 70, y: 200, size: 14 },
];
const page2: ScanLine[] = [
  { text: 'Điều 2. Văn thư chịu trách nhiệm thi hành.', x: 70, y: 120, size: 14 },
  { text: 'Phụ lục: danh mục hồ sơ số hóa tài liệu.', x: 70, y: 150, size: 14 },
];

/** Where "số hóa" was drawn in the title line, as fractions of the page (from the scan's own font metrics). */
function phraseBox(): { x0: number; x1: number; y0: number; y1: number } {
  const g = createCanvas(10, 10).getContext('2d');
  g.font = `${TITLE.size}px ScanSerif`;
  const before = g.measureText('Về việc ban hành Quy chế '.normalize('NFC')).width;
  const phrase = g.measureText('số hóa'.normalize('NFC')).width;
  const size = TITLE.size!;
  return {
    x0: (TITLE.x + before) / A4.w,
    x1: (TITLE.x + before + phrase) / A4.w,
    y0: (TITLE.y - size) / A4.h,
    y1: (TITLE.y + size * 0.3) / A4.h,
  };
}

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-scan-hits-'));
  app = await openAppOn(browser, join(tempDir, 'kho'));
  page = app.page;
});

test.afterAll(async () => {
  await app?.close();
  rmSync(tempDir, { recursive: true, force: true });
});

test('a scanned PDF imported through the UI is read by OCR with its progress shown', async () => {
  const scan = join(tempDir, 'qd-so-hoa-ban-quet.pdf');
  writeFileSync(
    scan,
    await makeScannedPdf([renderScan(page1, { format: 'jpeg' }), renderScan(page2, { format: 'jpeg' })]),
  );
  // OCR by hand, so its progress can be watched from the start.
  await page.getByTestId('nav-archive').click();
  const card = page.getByTestId('ocr-card');
  const auto = card.getByTestId('ocr-auto-toggle');
  await expect(auto).toBeEnabled();
  // A controlled box: its state follows the saved setting, so click and wait for it.
  if (await auto.isChecked()) await auto.click();
  await expect(auto).not.toBeChecked();

  await page.getByTestId('nav-import').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-pick-files').click();
  await (await chooser).setFiles([scan]);
  await expect(page.getByTestId('outcome-imported')).toHaveCount(1, { timeout: 60_000 });

  await page.getByTestId('nav-archive').click();
  await expect(card.getByTestId('ocr-pending')).toContainText('2 trang của 1 văn bản');
  await card.getByTestId('ocr-start').click();
  await expect(card.getByTestId('ocr-progress')).toContainText('Đang nhận dạng');
  await expect(card.getByTestId('ocr-result')).toContainText('Đã đọc 2 trang (0 lỗi)', { timeout: 120_000 });
});

test('the unaccented phrase is found and marked on the page image, over the words drawn there', async () => {
  await page.getByTestId('nav-search').click();
  const box = page.getByTestId('search-input');
  await box.fill('so hoa');
  await box.press('Enter');
  await page.getByTestId('search-result').first().click();
  const preview = page.getByTestId('pdf-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId('doc-hit-count')).toContainText('1/2', { timeout: 30_000 });

  const pageDiv = preview.locator('.page[data-page-number="1"]');
  const mark = pageDiv.locator('.scan-layer span.vk-hit.current');
  await expect(mark.first()).toBeVisible();
  const pageRect = (await pageDiv.boundingBox())!;
  const rects = await pageDiv.locator('.scan-layer span.vk-hit').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x0: r.left, x1: r.right, y0: r.top, y1: r.bottom, text: e.textContent };
    }),
  );
  expect(rects.map((r) => r.text).join(' ')).toBe('số hóa');
  // The marks span the phrase's place on the image (within a few points): OCR boxes → layer → screen.
  const want = phraseBox();
  const frac = (x: number, y: number) => ({
    x: (x - pageRect.x) / pageRect.width,
    y: (y - pageRect.y) / pageRect.height,
  });
  const first = frac(rects[0]!.x0, rects[0]!.y0);
  const last = frac(rects[rects.length - 1]!.x1, rects[rects.length - 1]!.y1);
  const tol = 6 / A4.w;
  expect(Math.abs(first.x - want.x0)).toBeLessThan(tol);
  expect(Math.abs(last.x - want.x1)).toBeLessThan(tol);
  expect(first.y).toBeGreaterThan(want.y0 - tol);
  expect(last.y).toBeLessThan(want.y1 + tol);
  await page.screenshot({ path: artifact('32-ocr-hit-on-scan') });

  // The layer's text can be selected and copied as the scan's words.
  const selected = await pageDiv.locator('.scan-layer').evaluate((layer) => {
    const sel = layer.ownerDocument.defaultView!.getSelection()!;
    sel.selectAllChildren(layer);
    return sel.toString();
  });
  expect(selected.normalize('NFC')).toContain('Quy chế số hóa tài liệu');

  // Next hit: the second page's phrase, then round to the first again.
  await preview.getByTestId('doc-find-input').press('Enter');
  await expect(preview.getByTestId('doc-hit-count')).toContainText('2/2');
  const second = preview.locator('.page[data-page-number="2"] .scan-layer span.vk-hit.current');
  await expect(second.first()).toBeInViewport();
  await expect(second.first()).toHaveText('số');
  await preview.getByTestId('doc-find-input').press('Enter');
  await expect(preview.getByTestId('doc-hit-count')).toContainText('1/2');
  await expect(mark.first()).toBeInViewport();
});
