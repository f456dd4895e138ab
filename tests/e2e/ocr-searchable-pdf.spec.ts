// "Tải bản PDF tìm kiếm được" on a scan's screen (issue 11): before OCR has read the scan the button
// is disabled and says why; "Nhận dạng chữ (OCR)" reads it, the button then makes the copy as an
// export job and the browser downloads it. The downloaded file is a PDF whose text layer (read by
// pdf.js here) holds every word OCR read on the page, where the filed scan has no text at all.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileDto, OcrPageWordsDto } from '../../main/contract/dto.js';
import { decisionLines, makeScannedPdf, renderScan } from '../helpers/make-scan.js';
import { foldedWords, pdfTextWords } from '../helpers/pdf-text.js';
import { artifact, E2E_TOKEN } from './e2e-env.js';
import { openAppOn, runVankho } from './start-web-mode.js';

let app: Awaited<ReturnType<typeof openAppOn>>;
let tempDir: string;
let scan: string;
let page: Page;

async function api<T>(method: string, input: unknown): Promise<T> {
  const r = await fetch(`${app.web.url}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${E2E_TOKEN}` },
    body: JSON.stringify({ input }),
  });
  const body = (await r.json()) as { ok: boolean; value?: T };
  expect(body.ok, method).toBe(true);
  return body.value as T;
}

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-searchable-'));
  const archiveDir = join(tempDir, 'kho');
  scan = join(tempDir, 'qd-52-ban-quet.pdf');
  const lines = decisionLines({
    number: '52/2025/QĐ-UBND',
    title: 'Về việc ban hành Quy chế số hóa tài liệu lưu trữ',
    body: ['Điều 1. Ủy ban nhân dân tỉnh giao Sở Nội vụ thực hiện chỉnh lý.', 'Điều 2. Hiệu lực từ ngày ký.'],
  });
  writeFileSync(scan, await makeScannedPdf([renderScan(lines, { format: 'jpeg' })]));
  // The CLI's import does not start OCR: the page waits.
  runVankho(archiveDir, ['import', scan]);
  app = await openAppOn(browser, archiveDir);
  page = app.page;
});

test.afterAll(async () => {
  await app?.close();
  rmSync(tempDir, { recursive: true, force: true });
});

test('a scan read by OCR downloads as a searchable PDF holding the words OCR read', async () => {
  test.setTimeout(300_000);
  // The filed scan is images only: any word in the copy's text layer comes from OCR.
  expect((await pdfTextWords(readFileSync(scan))).words).toEqual([]);

  await page.evaluate("location.hash = '#/doc/1'");
  const panel = page.getByTestId('doc-ocr');
  const button = panel.getByTestId('doc-searchable-pdf');
  await expect(button).toHaveText('Tải bản PDF tìm kiếm được');
  await expect(button).toBeDisabled();
  await expect(panel.getByTestId('doc-searchable-pdf-why')).toContainText(
    'Chưa có trang nào được nhận dạng chữ',
  );

  await page.getByTestId('doc-ocr-now').click();
  await expect(panel.getByTestId('doc-ocr-summary')).toContainText('Đã đọc bằng OCR 1/1 trang', {
    timeout: 180_000,
  });
  await expect(button).toBeEnabled();
  await expect(panel.getByTestId('doc-searchable-pdf-why')).toHaveCount(0);

  const download = page.waitForEvent('download', { timeout: 60_000 });
  await button.click();
  const file = join(tempDir, 'downloaded.pdf');
  const got = await download;
  await got.saveAs(file);
  expect(got.suggestedFilename()).toBe('qd-52-ban-quet-tim-kiem.pdf');
  await expect(panel.getByTestId('export-result')).toContainText('qd-52-ban-quet-tim-kiem.pdf');
  await expect(page.getByText('Đã tạo bản PDF tìm kiếm được').first()).toBeVisible();
  await panel.screenshot({ path: artifact('ocr-searchable-pdf') });

  const pdf = readFileSync(file);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = await pdfTextWords(pdf);
  expect(text.pages).toBe(1);
  // Every word the engine read on the page is in the copy's text (folded as search folds)...
  const [filed] = await api<FileDto[]>('filesList', { documentId: 1 });
  const read = await api<OcrPageWordsDto>('ocrPageWords', { fileId: filed!.id, page: 1 });
  expect(read.state).toBe('done');
  const readWords = read.words.flatMap((w) => foldedWords(w.text));
  expect(readWords.length).toBeGreaterThan(20);
  for (const w of readWords) expect(text.words, w).toContain(w);
  // ...and those are the scan's own: its title, as the test wrote it.
  for (const w of foldedWords('Quy chế số hóa tài liệu lưu trữ')) expect(text.words, w).toContain(w);
});
