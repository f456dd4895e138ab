// Hits on the scan (issue 11): a scanned PDF imported through the UI is read by OCR (its progress on
// the archive screen), found by an unaccented phrase, and opened on the hit — the words are marked on
// the page image by the invisible OCR text layer, which can also be selected and copied; prev/next
// goes across pages. The same for a scanned JPEG, shown as the image with the layer over it.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { makeScannedPdf, renderScan, type ScanLine } from '../helpers/make-scan.js';
import { artifact } from './e2e-env.js';
import { autoOcrOff, importThroughUi, ocrByHand, openFirstHit } from './ocr-steps.js';
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

/** Where `phrase` (after `before` on the line) was drawn, as fractions of the page (the scan's own font metrics). */
function drawnBox(
  line: ScanLine,
  before: string,
  phrase: string,
): { x0: number; x1: number; y0: number; y1: number } {
  const g = createCanvas(10, 10).getContext('2d');
  const size = line.size ?? 13;
  g.font = `${size}px ScanSerif`;
  const x = line.x + g.measureText(before.normalize('NFC')).width;
  const w = g.measureText(phrase.normalize('NFC')).width;
  return { x0: x / A4.w, x1: (x + w) / A4.w, y0: (line.y - size) / A4.h, y1: (line.y + size * 0.3) / A4.h };
}

/** The marks (in order) lie over the drawn box, within a few points: OCR boxes → layer → screen. */
async function expectMarksOver(
  scope: Locator,
  want: { x0: number; x1: number; y0: number; y1: number },
  text: string,
): Promise<void> {
  const pageRect = (await scope.boundingBox())!;
  const rects = await scope.locator('.scan-layer span.vk-hit').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x0: r.left, x1: r.right, y0: r.top, y1: r.bottom, text: e.textContent };
    }),
  );
  expect(rects.map((r) => r.text).join(' ')).toBe(text);
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
}

async function importAndOcr(file: string, pages: number): Promise<void> {
  await importThroughUi(page, file);
  await ocrByHand(page, pages, true);
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
  await autoOcrOff(page);
  await importAndOcr(scan, 2);
});

test('the unaccented phrase is found and marked on the page image, over the words drawn there', async () => {
  await openFirstHit(page, 'so hoa');
  const preview = page.getByTestId('pdf-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId('doc-hit-count')).toContainText('1/2', { timeout: 30_000 });

  const pageDiv = preview.locator('.page[data-page-number="1"]');
  const mark = pageDiv.locator('.scan-layer span.vk-hit.current');
  await expect(mark.first()).toBeVisible();
  // The whole phrase is the current hit, not only its first word.
  await expect(mark).toHaveText(['số', 'hóa']);
  await expectMarksOver(pageDiv, drawnBox(TITLE, 'Về việc ban hành Quy chế ', 'số hóa'), 'số hóa');
  await page.screenshot({ path: artifact('32-ocr-hit-on-scan') });

  // The layer's text can be selected and copied as the scan's words.
  const selected = await pageDiv.locator('.scan-layer').evaluate((layer) => {
    const sel = layer.ownerDocument.defaultView!.getSelection()!;
    sel.selectAllChildren(layer);
    return sel.toString();
  });
  expect(selected.normalize('NFC')).toContain('Quy chế số hóa tài liệu');

  // One word picked with the mouse (a double-click on it over the image) is the OCR word, whole,
  // and Ctrl+C copies it as it is.
  const word = mark.nth(1);
  const ocrWord = (await word.textContent()) ?? '';
  expect(ocrWord.normalize('NFC')).toBe('hóa');
  await page.evaluate('window.getSelection().removeAllRanges()');
  await word.dblclick();
  expect(await page.evaluate<string>('String(window.getSelection())')).toBe(ocrWord);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.keyboard.press('Control+C');
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(ocrWord);

  // Next hit: the second page's phrase, then round to the first again.
  await preview.getByTestId('doc-find-input').press('Enter');
  await expect(preview.getByTestId('doc-hit-count')).toContainText('2/2');
  const second = preview.locator('.page[data-page-number="2"] .scan-layer span.vk-hit.current');
  await expect(second.first()).toBeInViewport();
  await expect(second).toHaveText(['số', 'hóa']);
  await expect(mark).toHaveCount(0);
  await preview.getByTestId('doc-find-input').press('Enter');
  await expect(preview.getByTestId('doc-hit-count')).toContainText('1/2');
  await expect(mark.first()).toBeInViewport();
});

test('the document screen says which pages are OCR text and how sure the engine was of each', async () => {
  // Still on the scanned PDF opened from the hit.
  const panel = page.getByTestId('doc-ocr');
  await expect(panel.getByRole('heading')).toHaveText('Nhận dạng chữ (OCR)');
  await expect(panel.getByTestId('doc-ocr-summary')).toContainText('Đã đọc bằng OCR 2/2 trang');
  await expect(panel.getByTestId('doc-ocr-summary')).toContainText(/độ tin cậy trung bình \d{1,3}%/);
  const rows = panel.getByTestId('doc-ocr-page');
  await expect(rows).toHaveCount(2);
  for (const [i, n] of [1, 2].entries()) {
    await expect(rows.nth(i)).toHaveAttribute('data-state', 'done');
    await expect(rows.nth(i)).toContainText(`Trang ${n}`);
    const conf = await rows.nth(i).getByTestId('doc-ocr-conf').textContent();
    const value = Number(/độ tin cậy (\d{1,3})%/.exec(conf ?? '')?.[1]);
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThanOrEqual(100);
    // "Cần rà soát" exactly on the pages below the review mark (70; the shown value is rounded).
    const review = await rows.nth(i).getByTestId('doc-ocr-review').count();
    if (review > 0) expect(value).toBeLessThanOrEqual(70);
    else expect(value).toBeGreaterThanOrEqual(69);
  }
  // Nothing failed, so nothing to retry.
  await expect(panel.getByTestId('doc-ocr-retry')).toHaveCount(0);
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('34-ocr-panel') });
});

test('a badly scanned page is marked for review in the panel and on its thumbnail', async () => {
  const clean: ScanLine[] = [
    { text: 'Công văn về việc kiểm kê kho lưu trữ cơ quan', x: 70, y: 120, size: 14 },
  ];
  const poor: ScanLine[] = [
    { text: 'Danh mục tài liệu hết giá trị cần tiêu hủy năm nay', x: 70, y: 120, size: 8 },
    { text: 'Hội đồng xác định giá trị tài liệu đã thẩm tra', x: 70, y: 135, size: 8 },
  ];
  const scan = join(tempDir, 'cv-kiem-ke-ban-quet-mo.pdf');
  writeFileSync(
    scan,
    await makeScannedPdf([
      renderScan(clean, { format: 'jpeg' }),
      renderScan(poor, { format: 'jpeg', dpi: 72, quality: 20 }),
    ]),
  );
  await importAndOcr(scan, 2);
  await openFirstHit(page, 'kiem ke kho luu tru');
  const panel = page.getByTestId('doc-ocr');
  const rows = panel.getByTestId('doc-ocr-page');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId('doc-ocr-review')).toHaveCount(0);
  await expect(rows.nth(1).getByTestId('doc-ocr-review')).toHaveText('cần rà soát');
  await expect(panel.getByTestId('doc-ocr-summary')).toContainText('1 trang cần rà soát');
  const thumbs = page.getByTestId('pdf-preview').getByTestId('pdf-thumb');
  await expect(thumbs.nth(1).getByTestId('pdf-thumb-review')).toHaveText('cần rà soát');
  await expect(thumbs.nth(0).getByTestId('pdf-thumb-review')).toHaveCount(0);
});

test('a scanned JPEG imported through the UI shows its words over the image, the hit marked', async () => {
  const notice: ScanLine = { text: 'Lịch tiếp công dân định kỳ của Ủy ban', x: 70, y: 160, size: 14 };
  const lines: ScanLine[] = [
    { text: 'THÔNG BÁO', x: 297, y: 110, size: 16, bold: true, center: true },
    notice,
    { text: 'Thời gian: sáng thứ Hai hằng tuần.', x: 70, y: 190, size: 14 },
  ];
  const jpeg = join(tempDir, 'tb-tiep-cong-dan.jpg');
  writeFileSync(jpeg, renderScan(lines, { format: 'jpeg' }));
  await importAndOcr(jpeg, 1);

  await openFirstHit(page, 'tiep cong dan');
  const preview = page.getByTestId('image-preview');
  await expect(preview.getByTestId('doc-hit-count')).toContainText('1/1', { timeout: 30_000 });
  const scanPage = preview.locator('.scan-page');
  await expect(scanPage.locator('.scan-layer span.vk-hit.current')).toHaveText(['tiếp', 'công', 'dân']);
  await expectMarksOver(scanPage, drawnBox(notice, 'Lịch ', 'tiếp công dân'), 'tiếp công dân');
  await page.screenshot({ path: artifact('33-ocr-hit-on-image') });

  // Another word typed in the find box is marked there too, without accents.
  await preview.getByTestId('doc-find-input').fill('thoi gian');
  await expect(preview.getByTestId('doc-hit-count')).toContainText('1 chỗ khớp');
  await expect(scanPage.locator('.scan-layer span.vk-hit')).toHaveText(['Thời', 'gian:']);
});
