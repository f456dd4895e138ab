// A PDF page whose text layer is mojibake (a legacy font without ToUnicode: glyph codes the legacy
// repair cannot read) is read by OCR; its preview shows the OCR words over the page and hides
// pdf.js's own text layer there, so the find's marks, selection and copy are the OCR text, not the
// glyph codes. The mixed PDF's real text page keeps its pdf.js text layer.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MOJIBAKE_LINES, makeScannedPdf, renderScan, type ScanLine } from '../helpers/make-scan.js';
import { openAppOn, runVankho } from './start-web-mode.js';

let app: Awaited<ReturnType<typeof openAppOn>>;
let tempDir: string;
let page: Page;

const drawn: ScanLine[] = [
  { text: 'Công văn về việc kiểm kê kho lưu trữ cơ quan', x: 70, y: 120, size: 14 },
  { text: 'Văn thư rà soát danh mục hồ sơ năm nay.', x: 70, y: 150, size: 14 },
];

function cli(archive: string, args: string[]): void {
  runVankho(archive, args, { timeoutMs: 150_000 });
}

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-mojibake-'));
  const archive = join(tempDir, 'kho');
  const pdf = join(tempDir, 'cv-kiem-ke-font-cu.pdf');
  writeFileSync(
    pdf,
    await makeScannedPdf([
      { text: ['Trang bìa: hồ sơ năm 2024 của Văn phòng Ủy ban nhân dân tỉnh, bản lưu.'] },
      { image: renderScan(drawn, { format: 'jpeg' }), junk: [...MOJIBAKE_LINES] },
    ]),
  );
  cli(archive, ['import', pdf]);
  // Only the mojibake page is queued (the cover reads as text); the CLI runs the same queue.
  cli(archive, ['ocr', '--pending']);
  app = await openAppOn(browser, archive);
  page = app.page;
});

test.afterAll(async () => {
  await app?.close();
  rmSync(tempDir, { recursive: true, force: true });
});

test('on the mojibake page the marks are the OCR words and pdf.js text spans are hidden', async () => {
  await page.evaluate("location.hash = '#/doc/1?q=kiem%20ke%20kho'");
  const preview = page.getByTestId('pdf-preview');
  await expect(preview.getByTestId('doc-hit-count')).toContainText('1/1', { timeout: 30_000 });
  const rows = page.getByTestId('doc-ocr').getByTestId('doc-ocr-page');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Trang 2');

  const ocrPage = preview.locator('.page[data-page-number="2"]');
  await expect(ocrPage.locator('.scan-layer span.vk-hit.current')).toHaveText(['kiểm', 'kê', 'kho']);
  // pdf.js rendered its text layer of glyph codes there, but it is not shown, marked or selectable.
  await expect(ocrPage.locator('.textLayer')).toHaveCount(1);
  await expect(ocrPage.locator('.textLayer span').first()).toBeAttached();
  await expect(ocrPage.locator('.textLayer')).toBeHidden();
  await expect(ocrPage.locator('.textLayer mark')).toHaveCount(0);
  const selected = await ocrPage.evaluate((div) => {
    const sel = div.ownerDocument.defaultView!.getSelection()!;
    sel.selectAllChildren(div);
    return sel.toString();
  });
  expect(selected.normalize('NFC')).toContain('kiểm kê kho lưu trữ');
  expect(selected).not.toContain('Ëß¾');
  const hit = await ocrPage.evaluate((div) => {
    const r = div.querySelector('.scan-layer span.vk-hit')!.getBoundingClientRect();
    return div.ownerDocument
      .elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
      ?.closest('.scan-layer')
      ? 'scan'
      : 'other';
  });
  expect(hit).toBe('scan');

  // The cover page is a real text page: its pdf.js text layer stays, searched as before.
  const cover = preview.locator('.page[data-page-number="1"]');
  await preview.getByTestId('doc-find-input').fill('uy ban nhan dan');
  await expect(preview.getByTestId('doc-hit-count')).toContainText('1 chỗ khớp');
  await expect(cover.locator('.textLayer')).toBeVisible();
  await expect(cover.locator('.textLayer mark.vk-hit')).not.toHaveCount(0);
  await expect(cover.locator('.scan-layer')).toHaveCount(0);
});
