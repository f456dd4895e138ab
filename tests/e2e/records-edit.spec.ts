// Editing an existing hồ sơ in the app (issue 12), web mode in Chromium: a hồ sơ made 10 years is
// retitled, the retention tables propose "vĩnh viễn" for the new title and it is applied; access level,
// ngôn ngữ, từ khóa, tình trạng vật lý, ghi chú, an end date and a sheet count are set; the screen shows
// them after a reload; emptied again, the date and count go back to derived; and the CLI reads the
// same hồ sơ from the archive file once the app has stopped.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifact, E2E_TOKEN } from './e2e-env.js';
import { startWebMode, type RunningWebMode, runVankho } from './start-web-mode.js';

const CODE = '000.00.00.H41.2025.07.VP';

test.describe.configure({ mode: 'serial' });

let web: RunningWebMode | null = null;
let tempDir: string;
let archiveDir: string;
let page: Page;

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-records-edit-'));
  archiveDir = join(tempDir, 'kho');
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  web = await startWebMode(['--archive', archiveDir, '--no-samples']);
  await page.goto(`${web.url}/#token=${E2E_TOKEN}`);
  await page.getByTestId('nav-records').click();
  await expect(page.getByTestId('records-screen')).toBeVisible();
});

test.afterAll(async () => {
  await page?.close();
  await web?.stop();
  rmSync(tempDir, { recursive: true, force: true });
});

test('edits the particulars of an existing hồ sơ, retention proposed from the table', async () => {
  await page.getByTestId('record-code').fill(CODE);
  await page.getByTestId('record-title').fill('Hồ sơ hội nghị');
  await page.getByTestId('record-retention').selectOption('10');
  await page.getByTestId('record-create').click();
  await expect(page.getByTestId('record-screen')).toHaveAttribute('data-code', CODE);
  await expect(page.getByTestId('record-fact-retention')).toHaveText('10 năm');

  await page.getByTestId('record-edit').click();
  const form = page.getByTestId('record-edit-form');
  await expect(form.getByTestId('record-edit-retention')).toHaveValue('10');
  await form.getByTestId('record-edit-title').fill('Báo cáo quyết toán năm 2025 của Văn phòng');
  await expect(form.getByTestId('record-edit-proposal')).toContainText('Vĩnh viễn');
  await form.getByTestId('record-edit-proposal-apply').click();
  await expect(form.getByTestId('record-edit-retention')).toHaveValue('permanent');
  await form.getByTestId('record-edit-access').selectOption('han-che');
  await form.getByTestId('record-edit-language').fill('Tiếng Việt');
  await form.getByTestId('record-edit-keywords').fill('quyết toán, tài chính');
  await form.getByTestId('record-edit-physicalState').fill('Bìa rách góc');
  await form.getByTestId('record-edit-notes').fill('Thiếu phụ lục 2.');
  await form.getByTestId('record-edit-endDate').fill('2025-12-31');
  await form.getByTestId('record-edit-sheetCount').fill('12');
  await page.screenshot({ path: artifact('records-edit-form'), fullPage: true });
  await form.getByTestId('record-edit-save').click();
  await expect(form).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('record-screen-title')).toHaveText(
    'Báo cáo quyết toán năm 2025 của Văn phòng',
  );
  await expect(page.getByTestId('record-fact-retention')).toHaveText('Vĩnh viễn');
  await expect(page.getByTestId('record-fact-access')).toHaveText('Hạn chế');
  await expect(page.getByTestId('record-fact-language')).toHaveText('Tiếng Việt');
  await expect(page.getByTestId('record-fact-keywords')).toHaveText('quyết toán, tài chính');
  await expect(page.getByTestId('record-fact-physical')).toHaveText('Bìa rách góc');
  await expect(page.getByTestId('record-fact-notes')).toHaveText('Thiếu phụ lục 2.');
  await expect(page.getByTestId('record-fact-dates')).toContainText('31/12/2025');
  await expect(page.getByTestId('record-fact-sheets')).toHaveText('12');
});

test('an emptied date or count goes back to what the documents give', async () => {
  await page.getByTestId('record-edit').click();
  const form = page.getByTestId('record-edit-form');
  await expect(form.getByTestId('record-edit-endDate')).toHaveValue('2025-12-31');
  await form.getByTestId('record-edit-endDate').fill('');
  await form.getByTestId('record-edit-sheetCount').fill('');
  await form.getByTestId('record-edit-save').click();
  await expect(form).toHaveCount(0);
  // No documents in it: nothing to derive from.
  await expect(page.getByTestId('record-fact-dates')).toHaveText('—');
  await expect(page.getByTestId('record-fact-sheets')).toHaveText('—');
  // A count that is not a number is refused on the form, and nothing is saved.
  await page.getByTestId('record-edit').click();
  await form.getByTestId('record-edit-sheetCount').fill('mười');
  await form.getByTestId('record-edit-save').click();
  await expect(form.getByTestId('record-edit-error')).toContainText('số nguyên');
});

test('the archive file holds the edit (read by the CLI)', async () => {
  await web?.stop();
  web = null;
  const out = runVankho(archiveDir, ['--json', 'records', 'show', CODE], { timeoutMs: 60_000 });
  const rec = JSON.parse(out) as Record<string, unknown>;
  expect(rec).toMatchObject({
    code: CODE,
    title: 'Báo cáo quyết toán năm 2025 của Văn phòng',
    retention: 'permanent',
    access: 'han-che',
    language: 'Tiếng Việt',
    keywords: ['quyết toán', 'tài chính'],
    physicalState: 'Bìa rách góc',
    notes: 'Thiếu phụ lục 2.',
    endDate: null,
    endDateSet: false,
    sheetCountSet: false,
  });
});
