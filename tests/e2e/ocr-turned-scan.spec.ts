// A page fed to the scanner sideways (issue 11): imported through the UI as an image lying a quarter
// turn clockwise, OCR reads it upright, and the hit is marked on the image as it lies — the marks run
// down the page over the words drawn there — and the layer copies as the upright page reads. A phone
// photo whose pixels lie sideways under an EXIF Orientation tag shows upright, its hit on the words.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { renderScan, turnedPoint, turnScan, type ScanLine } from '../helpers/make-scan.js';
import { artifact } from './e2e-env.js';
import { autoOcrOff, importThroughUi, ocrByHand, openFirstHit } from './ocr-steps.js';
import { openAppOn } from './start-web-mode.js';

let app: Awaited<ReturnType<typeof openAppOn>>;
let tempDir: string;
let page: Page;
const A4 = { w: 595.28, h: 841.89 };

const NOTICE: ScanLine = { text: 'Lịch tiếp công dân định kỳ của Ủy ban', x: 70, y: 160, size: 14 };
const LINES: ScanLine[] = [
  { text: 'THÔNG BÁO', x: 297, y: 110, size: 16, bold: true, center: true },
  NOTICE,
  { text: 'Thời gian: sáng thứ Hai hằng tuần.', x: 70, y: 190, size: 14 },
];

const PLAN: ScanLine = { text: 'Kế hoạch kiểm tra công tác văn thư năm 2025', x: 70, y: 160, size: 14 };
const PHOTO_LINES: ScanLine[] = [
  { text: 'KẾ HOẠCH', x: 297, y: 110, size: 16, bold: true, center: true },
  PLAN,
  { text: 'Thời gian: tháng Năm và tháng Sáu.', x: 70, y: 190, size: 14 },
];

/**
 * Where `phrase`, following `before` on `line`, was drawn on the upright page, as fractions of it
 * (the scan's font metrics).
 */
function drawnUpright(
  line = NOTICE,
  before = 'Lịch ',
  phrase = 'tiếp công dân',
): { x0: number; x1: number; y0: number; y1: number } {
  const g = createCanvas(10, 10).getContext('2d');
  const size = line.size!;
  g.font = `${size}px ScanSerif`;
  const x = line.x + g.measureText(before.normalize('NFC')).width;
  const w = g.measureText(phrase.normalize('NFC')).width;
  return {
    x0: x / A4.w,
    x1: (x + w) / A4.w,
    y0: (line.y - size) / A4.h,
    y1: (line.y + size * 0.3) / A4.h,
  };
}

/** The union of the current hit's marks, as fractions of the shown page, and each mark's rectangle. */
async function markedFractions(scanPage: Locator): Promise<{
  page: { width: number; height: number };
  got: { x0: number; x1: number; y0: number; y1: number };
  rects: { x0: number; x1: number; y0: number; y1: number }[];
}> {
  const pageRect = (await scanPage.boundingBox())!;
  const rects = await scanPage.locator('.scan-layer span.vk-hit.current').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x0: r.left, x1: r.right, y0: r.top, y1: r.bottom };
    }),
  );
  const fx = (x: number): number => (x - pageRect.x) / pageRect.width;
  const fy = (y: number): number => (y - pageRect.y) / pageRect.height;
  const got = {
    x0: fx(Math.min(...rects.map((r) => r.x0))),
    x1: fx(Math.max(...rects.map((r) => r.x1))),
    y0: fy(Math.min(...rects.map((r) => r.y0))),
    y1: fy(Math.max(...rects.map((r) => r.y1))),
  };
  return { page: pageRect, got, rects };
}

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-turned-'));
  app = await openAppOn(browser, join(tempDir, 'kho'));
  page = app.page;
});

test.afterAll(async () => {
  await app?.close();
  rmSync(tempDir, { recursive: true, force: true });
});

test('a page scanned sideways is read upright and its hit marked on the image as it lies', async () => {
  const file = join(tempDir, 'tb-tiep-cong-dan-xoay.png');
  writeFileSync(file, await turnScan(renderScan(LINES, { format: 'jpeg' }), 90));
  // OCR by hand, as ocr-scan-hits.spec.ts does: the result line is then this run's.
  await autoOcrOff(page);
  await importThroughUi(page, file);
  await ocrByHand(page, 1);
  await openFirstHit(page, 'tiep cong dan');
  const preview = page.getByTestId('image-preview');
  await expect(preview.getByTestId('doc-hit-count')).toContainText('1/1', { timeout: 30_000 });
  const scanPage = preview.locator('.scan-page');
  const marks = scanPage.locator('.scan-layer span.vk-hit.current');
  await expect(marks).toHaveText(['tiếp', 'công', 'dân']);

  // The marks' union lies over the phrase where the quarter turn put it: running down the page.
  const { page: pageRect, got, rects } = await markedFractions(scanPage);
  expect(pageRect.width).toBeGreaterThan(pageRect.height);
  const d = drawnUpright();
  const [ax, ay] = turnedPoint(d.x0, d.y0, 90);
  const [bx, by] = turnedPoint(d.x1, d.y1, 90);
  const want = { x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: Math.min(ay, by), y1: Math.max(ay, by) };
  // 6 points: along the text (down the page, y) the ends match; across it the marks lie in the band.
  const tolY = 6 / A4.w;
  const tolX = 6 / A4.h;
  expect(Math.abs(got.y0 - want.y0)).toBeLessThan(tolY);
  expect(Math.abs(got.y1 - want.y1)).toBeLessThan(tolY);
  expect(got.x0).toBeGreaterThan(want.x0 - tolX);
  expect(got.x1).toBeLessThan(want.x1 + tolX);
  // Each mark is turned with its word: taller than wide.
  for (const r of rects) expect(r.y1 - r.y0).toBeGreaterThan(r.x1 - r.x0);
  await page.screenshot({ path: artifact('35-ocr-hit-on-turned-image') });

  // The layer copies as the upright page reads: the line's words in order, one space apart.
  const selected = await scanPage.locator('.scan-layer').evaluate((layer) => {
    const sel = layer.ownerDocument.defaultView!.getSelection()!;
    sel.selectAllChildren(layer);
    return sel.toString();
  });
  expect(selected.normalize('NFC')).toContain('Lịch tiếp công dân định kỳ của Ủy ban');
});

test('a phone photo stored sideways under an EXIF Orientation tag shows upright, its hit on the words', async () => {
  const file = join(tempDir, 'kh-kiem-tra-anh-chup.jpg');
  // Tag 6: the pixels lie a quarter turn counter-clockwise; a viewer turns them clockwise.
  const stored = await turnScan(renderScan(PHOTO_LINES, { format: 'jpeg' }), 270);
  writeFileSync(file, await sharp(stored).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer());
  await importThroughUi(page, file);
  await ocrByHand(page, 1);
  await openFirstHit(page, 'kiem tra cong tac');
  const preview = page.getByTestId('image-preview');
  await expect(preview.getByTestId('doc-hit-count')).toContainText('1/1', { timeout: 30_000 });
  const scanPage = preview.locator('.scan-page');
  await expect(scanPage.locator('.scan-layer span.vk-hit.current')).toHaveText([
    'kiểm',
    'tra',
    'công',
    'tác',
  ]);
  // The page shows upright (portrait), and the marks lie on the phrase as it was drawn, along the line.
  const { page: pageRect, got } = await markedFractions(scanPage);
  expect(pageRect.height).toBeGreaterThan(pageRect.width);
  const want = drawnUpright(PLAN, 'Kế hoạch ', 'kiểm tra công tác');
  const tolX = 6 / A4.w;
  const tolY = 6 / A4.h;
  expect(Math.abs(got.x0 - want.x0)).toBeLessThan(tolX);
  expect(Math.abs(got.x1 - want.x1)).toBeLessThan(tolX);
  expect(got.y0).toBeGreaterThan(want.y0 - tolY);
  expect(got.y1).toBeLessThan(want.y1 + tolY);
  await page.screenshot({ path: artifact('36-ocr-hit-on-exif-photo') });
});

test('a one-line cover sheet scanned sideways is marked for review: it may be read the wrong way up', async () => {
  // One line gives orientation detection too little to answer; Tesseract reads it as vertical text.
  const file = join(tempDir, 'bia-danh-muc-xoay.png');
  const cover: ScanLine[] = [{ text: 'Danh mục hồ sơ năm 2024', x: 70, y: 120, size: 14 }];
  writeFileSync(file, await turnScan(renderScan(cover, { format: 'jpeg' }), 90));
  await importThroughUi(page, file);
  await ocrByHand(page, 1);
  await openFirstHit(page, 'danh muc ho so');
  const panel = page.getByTestId('doc-ocr');
  await expect(panel.getByTestId('doc-ocr-summary')).toContainText('1 trang cần rà soát');
  const row = panel.getByTestId('doc-ocr-page');
  await expect(row).toHaveCount(1);
  // Read confidently, yet marked, and saying why (Vietnamese, then English).
  const conf = Number(/(\d{1,3})%/.exec((await row.getByTestId('doc-ocr-conf').textContent()) ?? '')?.[1]);
  expect(conf).toBeGreaterThan(70);
  await expect(row.getByTestId('doc-ocr-review')).toHaveText('cần rà soát');
  await expect(row.getByTestId('doc-ocr-caveat')).toContainText('đã được đọc đúng chiều');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('37-ocr-orientation-unsure') });
  await page.locator('.lang-switch button[lang="en"]').click();
  await expect(row.getByTestId('doc-ocr-caveat')).toContainText('read the right way up');
  await page.locator('.lang-switch button[lang="vi"]').click();
});
