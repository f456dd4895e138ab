// Duplicate warning by identity (issue 12, Nghị định 30/2020 Phụ lục VI III.1.h) in the app: two DOCX
// decisions with the same số ký hiệu, cơ quan ban hành and year, made here and imported through the
// UI. The import's outcome lines say so with a link; the document screen's notice lists the twin;
// "Cùng văn bản, thêm tệp" files one as another file of the other, which then shows both files.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ubndDecision, writeDocxFiles } from '../helpers/ubnd-decision.js';
import { artifact, E2E_TOKEN } from './e2e-env.js';
import { importThroughUi, startWebMode, type RunningWebMode } from './start-web-mode.js';

test.describe.configure({ mode: 'serial' });

let web: RunningWebMode;
let tempDir: string;
let page: Page;

const decision = (title: string, place: string): string[] =>
  ubndDecision({
    number: '15/QĐ-UBND',
    dateLine: 'ngày 5 tháng 3 năm 2024',
    title,
    body: [`Điều 1. Phê duyệt phương án chỉnh lý tài liệu lưu trữ tại ${place}.`],
    closing: [],
  });

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-twins-'));
  const files = [
    ['ban-chinh.docx', decision('Về việc chỉnh lý tài liệu', 'huyện Lương Tài')],
    ['ban-quet.docx', decision('Về việc chỉnh lý tài liệu (bản quét)', 'huyện Gia Bình')],
  ] as const;
  const paths = await writeDocxFiles(tempDir, files);
  web = await startWebMode(['--archive', join(tempDir, 'kho'), '--no-samples']);
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${web.url}/#token=${E2E_TOKEN}`);
  await importThroughUi(page, paths);
});

test.afterAll(async () => {
  await page?.close();
  await web?.stop();
  rmSync(tempDir, { recursive: true, force: true });
});

test('the import says each file has a twin, and the document screen merges them', async () => {
  const twins = page.getByTestId('outcome-twins');
  await expect(twins).toHaveCount(2);
  await expect(twins.first()).toContainText('15/QĐ-UBND');
  await twins.last().getByTestId('outcome-twins-open').click();

  const notice = page.getByTestId('twins-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(
    /Có văn bản cùng số ký hiệu, cơ quan ban hành và năm|same number, issuer and year/,
  );
  await expect(notice.getByTestId('twin-row')).toHaveCount(1);
  await expect(page.getByTestId('files').locator('.file-row')).toHaveCount(1);
  await page.screenshot({ path: artifact('identity-twins-notice') });

  await notice.getByTestId('twin-merge').click();
  await expect(page.getByTestId('twins-notice')).toHaveCount(0);
  const rows = page.getByTestId('files').locator('.file-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'ban-chinh.docx' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'ban-quet.docx' })).toHaveCount(1);
  await expect(page.getByTestId('doc-title')).toContainText('chỉnh lý tài liệu');
});
