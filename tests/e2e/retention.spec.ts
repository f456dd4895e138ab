// Retention in the app (issue 12), web mode in Chromium: the hồ sơ form proposes a retention period
// from the shipped table as the title is typed; a hồ sơ whose work ended in 2019 (end date and
// closing set with the CLI while the app is stopped) is on "Đến hạn nộp lưu" as overdue and, kept 5
// years, on "Hết thời hạn bảo quản"; the list prints as the core's HTML (screenshot); the retention
// tables are edited on the screen and the form proposes from an added row.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifact, E2E_TOKEN } from './e2e-env.js';
import { startWebMode, type RunningWebMode, runVankho } from './start-web-mode.js';

const OLD = '000.00.00.H41.2019.05.VP';
const NEW = '000.00.00.H41.2026.01.TC';

test.describe.configure({ mode: 'serial' });

let web: RunningWebMode | null = null;
let tempDir: string;
let archiveDir: string;
let page: Page;

function vankho(...args: string[]): string {
  return runVankho(archiveDir, args, { timeoutMs: 60_000 });
}

async function open(): Promise<void> {
  web = await startWebMode(['--archive', archiveDir, '--no-samples']);
  await page.goto(`${web.url}/#token=${E2E_TOKEN}`);
  await page.getByTestId('nav-records').click();
  await expect(page.getByTestId('records-screen')).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-retention-'));
  archiveDir = join(tempDir, 'kho');
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await open();
});

test.afterAll(async () => {
  await page?.close();
  await web?.stop();
  rmSync(tempDir, { recursive: true, force: true });
});

test('the hồ sơ form proposes a retention period from the table', async () => {
  await page.getByTestId('record-code').fill(NEW);
  await page.getByTestId('record-retention').selectOption('10');
  await page.getByTestId('record-title').fill('Báo cáo quyết toán năm 2025 của Văn phòng');
  const proposal = page.getByTestId('record-proposal');
  await expect(proposal).toContainText('Vĩnh viễn');
  await expect(proposal).toContainText('Báo cáo tài chính, báo cáo quyết toán năm của cơ quan');
  await page.getByTestId('record-proposal-apply').click();
  await expect(page.getByTestId('record-retention')).toHaveValue('permanent');
  await page.getByTestId('record-create').click();
  await expect(page.getByTestId('record-screen')).toHaveAttribute('data-code', NEW);

  // An old hồ sơ, kept 5 years, made here too.
  await page.getByTestId('nav-records').click();
  await page.getByTestId('record-code').fill(OLD);
  await page.getByTestId('record-title').fill('Hồ sơ hội nghị sơ kết 6 tháng năm 2019');
  await page.getByTestId('record-retention').selectOption('5');
  await page.getByTestId('record-create').click();
  await expect(page.getByTestId('record-screen')).toHaveAttribute('data-code', OLD);
});

test('a closed hồ sơ from 2019 is due for hand-over and past its 5 years', async () => {
  // The form has no end date: set it, and close the hồ sơ, with the CLI while nobody holds the archive.
  await web?.stop();
  web = null;
  vankho('records', 'set', OLD, 'end=30/06/2019');
  vankho('records', 'close', OLD);
  await open();

  await page.getByTestId('records-view-handover').click();
  const due = page.getByTestId('due-handover');
  await expect(due.getByTestId('due-row')).toHaveCount(1);
  const row = due.locator(`[data-testid="due-row"][data-code="${OLD}"]`);
  await expect(row).toContainText('30/06/2019');
  await expect(row).toContainText('2020');
  await expect(row).toContainText('Quá hạn');
  // As of a day in 2019 the work has not yet been over a year: nothing is due.
  await page.getByTestId('due-as-of').fill('2019-12-31');
  await expect(due.getByText('Không có hồ sơ nào trong danh sách này.')).toBeVisible();
  await page.getByTestId('due-as-of').fill('2020-01-01');
  await expect(due.getByTestId('due-row')).toHaveCount(1);

  await page.getByTestId('records-view-expired').click();
  const expired = page.getByTestId('due-expired');
  await expect(expired).toContainText('không tự xóa');
  await expect(expired.getByTestId('due-row')).toHaveCount(1);
  await expect(expired.locator(`[data-code="${OLD}"]`)).toContainText('2025');
  // The permanent hồ sơ is never on it, the 2019 one is still in the archive.
  await expect(expired.locator(`[data-code="${NEW}"]`)).toHaveCount(0);
  await page.getByTestId('records-view-all').click();
  await expect(page.getByTestId('record-row')).toHaveCount(2);
});

test('prints the hand-over list as the core prints it', async () => {
  await page.getByTestId('records-view-handover').click();
  await page.getByTestId('due-print').click();
  const frame = page.frameLocator('[data-testid="catalogue-frame"]');
  await expect(frame.locator('h1')).toHaveText('DANH SÁCH HỒ SƠ ĐẾN HẠN NỘP LƯU');
  await expect(frame.locator('tbody tr')).toHaveCount(1);
  await expect(frame.locator('tbody')).toContainText(OLD);
  await page.screenshot({ path: artifact('retention-handover-print'), fullPage: true });
  await page.getByTestId('print-back').click();
  await expect(page.getByTestId('due-table')).toBeVisible();
});

test('the retention tables are editable, and the form proposes from an added row', async () => {
  await page.getByTestId('records-view-tables').click();
  const tt10 = page.locator('[data-testid="retention-table"][data-key="tt10-2022"]');
  await expect(tt10).toContainText('Thông tư 10/2022/TT-BNV');
  await expect(page.getByTestId('retention-tables')).toContainText('Công báo');
  const before = await tt10.getByTestId('retention-row').count();
  await tt10.getByTestId('retention-add-group').fill('Tài liệu hành chính, văn thư, lưu trữ');
  await tt10.getByTestId('retention-add-title').fill('Sổ đăng ký văn bản đến');
  await tt10.getByTestId('retention-add-period').selectOption('20');
  await tt10.getByTestId('retention-add-submit').click();
  await expect(tt10.getByTestId('retention-row')).toHaveCount(before + 1);
  const added = tt10.getByTestId('retention-row').filter({ hasText: 'Sổ đăng ký văn bản đến' });
  await expect(added).toContainText('Đã sửa');
  await expect(added.getByTestId('retention-row-period')).toHaveValue('20');

  await page.getByTestId('records-view-all').click();
  await page.getByTestId('record-title').fill('Sổ đăng ký văn bản đến, báo cáo quyết toán năm 2026');
  await expect(page.getByTestId('record-proposal')).toContainText('20 năm — Sổ đăng ký văn bản đến');

  // Changed to another period, then removed: the form no longer proposes it.
  await page.getByTestId('records-view-tables').click();
  await added.getByTestId('retention-row-period').selectOption('50');
  await expect(added.getByTestId('retention-row-period')).toHaveValue('50');
  await added.getByTestId('retention-row-remove').click();
  await expect(tt10.getByTestId('retention-row')).toHaveCount(before);
  await page.getByTestId('records-view-all').click();
  // A title matching both: with the row gone, the shipped quyết toán row is the best one left.
  await page.getByTestId('record-title').fill('Sổ đăng ký văn bản đến, báo cáo quyết toán năm 2027');
  await expect(page.getByTestId('record-proposal')).toContainText('quyết toán');
  await expect(page.getByTestId('record-proposal')).not.toContainText('Sổ đăng ký');
});
