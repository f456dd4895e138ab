// A page whose OCR failed, and "Thử lại": the CLI runs the queue with a time limit no page can meet
// (`vankho ocr --timeout 0.05`, the same limit a too-slow page hits), the document screen lists the
// page as failed with the reason in Vietnamese and in English, and "Thử lại" reads it again under
// the app's own limit, after which its words are found by the search.
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeScannedPdf, renderScan, type ScanLine } from '../helpers/make-scan.js';
import { repoPath } from '../helpers/repo-root.js';
import { openAppOn } from './start-web-mode.js';

let app: Awaited<ReturnType<typeof openAppOn>>;
let tempDir: string;
let page: Page;

const lines: ScanLine[] = [
  { text: 'THÔNG BÁO', x: 297, y: 110, size: 16, bold: true, center: true },
  { text: 'Kết luận của Chủ tịch tại cuộc họp giao ban tháng mười', x: 70, y: 160, size: 14 },
];

function cli(archive: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [repoPath('bin', 'vankho.mjs'), '--archive', archive, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
}

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-ocr-retry-'));
  const archive = join(tempDir, 'kho');
  const scan = join(tempDir, 'scan-0012.pdf');
  writeFileSync(scan, await makeScannedPdf([renderScan(lines, { format: 'jpeg' })]));
  const imp = cli(archive, ['import', scan]);
  expect(imp.status, imp.stderr).toBe(0);
  const run = cli(archive, ['--json', 'ocr', '--pending', '--timeout', '0.05']);
  // Exit 1: a page failed, the run itself went through.
  expect(run.status, run.stderr).toBe(1);
  expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, total: 1, done: 0, failed: 1 });
  app = await openAppOn(browser, archive);
  page = app.page;
});

test.afterAll(async () => {
  await app?.close();
  rmSync(tempDir, { recursive: true, force: true });
});

test('a failed page is listed with its reason, and "Thử lại" makes its text searchable', async () => {
  test.setTimeout(60_000);
  const search = async (): Promise<void> => {
    await page.getByTestId('nav-search').click();
    const box = page.getByTestId('search-input');
    await box.fill('ket luan giao ban');
    await box.press('Enter');
  };
  await search();
  await expect(page.getByTestId('result-count')).toContainText('0 kết quả');

  await page.evaluate("location.hash = '#/doc/1'");
  const panel = page.getByTestId('doc-ocr');
  const row = panel.getByTestId('doc-ocr-page');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-state', 'failed');
  await expect(row).toContainText('lỗi nhận dạng');
  await expect(row.getByTestId('doc-ocr-error')).toHaveText(
    'Nhận dạng chữ (OCR) một trang quá lâu nên đã dừng; các trang khác vẫn tiếp tục. (50 ms)',
  );
  await page.locator('.lang-switch button[lang="en"]').click();
  await expect(row.getByTestId('doc-ocr-error')).toHaveText(
    'Text recognition (OCR) of a page took too long and was stopped; the other pages go on. (50 ms)',
  );
  await expect(panel.getByTestId('doc-ocr-retry')).toHaveText('Retry');
  await page.locator('.lang-switch button[lang="vi"]').click();

  const retry = panel.getByTestId('doc-ocr-retry');
  await expect(retry).toHaveText('Thử lại');
  await retry.click();
  await expect(row).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  await expect(row.getByTestId('doc-ocr-error')).toHaveCount(0);
  await expect(row.getByTestId('doc-ocr-conf')).toContainText(/độ tin cậy \d{1,3}%/);
  await expect(panel.getByTestId('doc-ocr-retry')).toHaveCount(0);

  await search();
  await expect(page.getByTestId('result-count')).toContainText('1 kết quả');
  await expect(page.getByTestId('search-result').first()).toContainText('giao ban', { ignoreCase: true });
});
