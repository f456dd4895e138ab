// Hồ sơ and registers in the app (issue 12): real sample documents imported through the UI; a hồ sơ
// created from the Hồ sơ screen; three documents added from a search through the selection bar
// ("Thêm vào hồ sơ…"); its mục lục văn bản printed from the print view (the core's HTML, in order,
// checked against `vankho records show --json` run read-only beside the app); a document registered
// as incoming from its screen through the form (hạn xử lý, độ khẩn, ghi chú) and seen in the register
// as số đến 01, within a chosen period and not outside it, and the register printed and saved (XLSX);
// a decision that a later one replaces shows "Bị thay thế bởi …" on its document screen, and the
// search's hiệu lực facet narrows to it, as to one another repeals (bãi bỏ: "Hết hiệu lực"); search results dragged onto the hồ sơ join its mục lục.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from '../helpers/repo-root.js';
import { ubndDecision, writeDocxFiles } from '../helpers/ubnd-decision.js';
import { artifact, E2E_TOKEN } from './e2e-env.js';
import { importThroughUi, startWebMode, type RunningWebMode, runVankho } from './start-web-mode.js';

const FILES = [
  '06-quyet-dinh-1520-QD-UBND.pdf',
  '08-ke-hoach-45-KH-UBND.pdf',
  '07-chi-thi-03-CT-UBND.docx',
  '09-thong-bao-112-TB-UBND.txt',
].map((f) => repoPath('resources', 'samples', f));
const CODE = '000.00.00.H41.2025.01.VP';
const TITLE = 'Hồ sơ chỉ đạo, điều hành của UBND năm 2025';

test.describe.configure({ mode: 'serial' });

let web: RunningWebMode;
let tempDir: string;
let archiveDir: string;
let page: Page;

interface ShownRecord {
  code: string;
  documentCount: number;
  documents: Array<{ position: number; documentId: number; number: string | null }>;
}

/** The CLI, read-only beside the running app. */
function showRecord(code: string): ShownRecord {
  const out = runVankho(archiveDir, ['--json', 'records', 'show', code], { timeoutMs: 60_000 });
  return JSON.parse(out) as ShownRecord;
}

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-records-'));
  archiveDir = join(tempDir, 'kho');
  web = await startWebMode(['--archive', archiveDir, '--no-samples']);
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${web.url}/#token=${E2E_TOKEN}`);
  await importThroughUi(page, FILES);
});

test.afterAll(async () => {
  await page?.close();
  await web?.stop();
  rmSync(tempDir, { recursive: true, force: true });
});

test('creates a hồ sơ from the Hồ sơ screen', async () => {
  await page.getByTestId('nav-records').click();
  await expect(page.getByTestId('records-screen')).toBeVisible();
  // A code that is not organ.year.notation is refused on the form, nothing created.
  await page.getByTestId('record-code').fill('khong-hop-le');
  await page.getByTestId('record-title').fill(TITLE);
  await page.getByTestId('record-create').click();
  await expect(page.getByTestId('record-form-error')).toContainText('mã hồ sơ');
  await expect(page.getByTestId('record-row')).toHaveCount(0);

  await page.getByTestId('record-code').fill(CODE);
  await page.getByTestId('record-retention').selectOption('10');
  await page.getByTestId('record-create').click();
  await expect(page.getByTestId('record-screen')).toHaveAttribute('data-code', CODE);
  await expect(page.getByTestId('record-screen-title')).toHaveText(TITLE);
  await expect(page.getByTestId('record-state')).toHaveText('Đang lập');
  await page.getByTestId('nav-records').click();
  const row = page.getByTestId('record-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(CODE);
  await expect(row).toContainText('10 năm');
  await expect(row.getByTestId('record-doc-count')).toHaveText('0');
  await page.screenshot({ path: artifact('40-records-list') });
});

test('adds three documents from a search through the selection bar', async () => {
  await page.getByTestId('nav-search').click();
  const input = page.getByTestId('search-input');
  await input.fill('UBND');
  await input.press('Enter');
  const results = page.getByTestId('search-result');
  await expect(results.nth(2)).toBeVisible();
  await results.nth(0).getByTestId('row-check').click();
  await results
    .nth(2)
    .getByTestId('row-check')
    .click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('bulk-count')).toContainText('3');
  await page.getByTestId('add-to-record').click();
  await expect(page.getByTestId('add-to-record-choose')).toHaveValue(CODE);
  await page.screenshot({ path: artifact('41-add-to-record') });
  await page.getByTestId('add-to-record-apply').click();
  await expect(
    page.locator('.toast').filter({ hasText: `Đã thêm 3 văn bản vào hồ sơ ${CODE}` }),
  ).toBeVisible();

  const shown = showRecord(CODE);
  expect(shown.documentCount).toBe(3);
  await page.getByTestId('nav-records').click();
  await page.getByTestId('record-row').getByRole('button', { name: CODE }).click();
  const rows = page.getByTestId('record-document');
  await expect(rows).toHaveCount(3);
  const ids = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-doc-id'))));
  expect(ids).toEqual(shown.documents.map((d) => d.documentId));

  // Move the last one up: the order the CLI reads back follows.
  await rows.nth(2).getByTestId('record-doc-up').click();
  const moved = [ids[0], ids[2], ids[1]];
  await expect
    .poll(async () => rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-doc-id')))))
    .toEqual(moved);
  expect(showRecord(CODE).documents.map((d) => d.documentId)).toEqual(moved);
  await page.screenshot({ path: artifact('42-record-documents') });
});

test('drags the third document above the first; the order persists across a reload and in the CLI', async () => {
  const rows = page.getByTestId('record-document');
  const readIds = () => rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-doc-id'))));
  const before = await readIds();
  expect(before).toHaveLength(3);
  // While dragging over the first row's top half, the drop line shows above it; a drag given up
  // (dragend without drop) leaves the order and no line.
  const dt = await page.evaluateHandle('new DataTransfer()'); // tests tsconfig has no DOM lib
  await rows.nth(2).dispatchEvent('dragstart', { dataTransfer: dt });
  const top = (await rows.nth(0).boundingBox())!;
  await rows.nth(0).dispatchEvent('dragover', { dataTransfer: dt, clientX: top.x + 20, clientY: top.y + 2 });
  await expect(rows.nth(0)).toHaveClass(/record-doc-drop-before/);
  await expect(rows.nth(2)).toHaveClass(/record-doc-dragging/);
  await page.screenshot({ path: artifact('42a-record-drag-indicator') });
  await rows.nth(2).dispatchEvent('dragend', { dataTransfer: dt });
  await expect(page.locator('.record-doc-drop-before, .record-doc-drop-after')).toHaveCount(0);
  expect(await readIds()).toEqual(before);
  // Dropped on the top edge of the first row: lands before it.
  await rows.nth(2).dragTo(rows.nth(0), { targetPosition: { x: 20, y: 2 } });
  const dragged = [before[2], before[0], before[1]];
  await expect.poll(readIds).toEqual(dragged);
  await expect(rows.nth(0).locator('td').first()).toHaveText('1');
  expect(showRecord(CODE).documents.map((d) => d.documentId)).toEqual(dragged);
  await page.reload();
  await expect(page.getByTestId('record-screen')).toHaveAttribute('data-code', CODE);
  await expect(rows).toHaveCount(3);
  expect(await readIds()).toEqual(dragged);
  // No drop line left behind once the drop is done.
  await expect(page.locator('.record-doc-drop-before, .record-doc-drop-after')).toHaveCount(0);
});

test('the search facets count the hồ sơ and its thời hạn, and choosing one narrows to its documents', async () => {
  await page.getByTestId('nav-search').click();
  const input = page.getByTestId('search-input');
  await input.fill('UBND');
  await input.press('Enter');
  const facet = page.getByTestId('facet-records');
  const item = facet.getByTestId('facet-item').filter({ hasText: CODE });
  await expect(item).toContainText('3');
  const before = await page.getByTestId('search-result').count();
  expect(before).toBeGreaterThan(3);
  await item.click();
  await expect(page.getByTestId('search-result')).toHaveCount(3);
  await page.screenshot({ path: artifact('42b-search-record-facet') });
  // Chosen again: every result is back.
  await item.click();
  await expect.poll(() => page.getByTestId('search-result').count()).toBe(before);
  // Thời hạn bảo quản: the hồ sơ's 10 years for its three documents, the rest in no hồ sơ yet.
  const retention = page.getByTestId('facet-retention');
  const ten = retention.getByTestId('facet-item').filter({ hasText: '10 năm' });
  await expect(ten).toContainText('3');
  await expect(retention.getByTestId('facet-item').filter({ hasText: 'Chưa vào hồ sơ' })).toContainText(
    String(before - 3),
  );
  await ten.click();
  await expect(page.getByTestId('search-result')).toHaveCount(3);
  await expect(page).toHaveURL(/thoihan=10/);
  await ten.click();
  await expect.poll(() => page.getByTestId('search-result').count()).toBe(before);
  await page.getByTestId('nav-records').click();
  await page.getByTestId('record-row').getByRole('button', { name: CODE }).click();
});

test('prints the mục lục văn bản of the hồ sơ', async () => {
  const expected = showRecord(CODE).documents;
  await page.getByTestId('record-print').click();
  const frame = page.frameLocator('[data-testid="catalogue-frame"]');
  await expect(frame.locator('h1')).toHaveText('MỤC LỤC VĂN BẢN');
  await expect(frame.locator('body')).toContainText(CODE);
  const bodyRows = frame.locator('tbody tr');
  await expect(bodyRows).toHaveCount(3);
  // STT 1..3 in the hồ sơ's order, each with its số ký hiệu.
  for (const [i, d] of expected.entries()) {
    await expect(bodyRows.nth(i).locator('td').first()).toHaveText(String(i + 1));
    if (d.number) await expect(bodyRows.nth(i)).toContainText(d.number);
  }
  // The print button prints the frame (the dialog itself is the browser's; counted here instead).
  interface PrintableFrame {
    contentWindow: { print: () => void; printed?: number };
  }
  const frameEl = page.getByTestId('catalogue-frame');
  await frameEl.evaluate((el) => {
    const w = (el as unknown as PrintableFrame).contentWindow;
    w.printed = 0;
    w.print = () => {
      w.printed = (w.printed ?? 0) + 1;
    };
  });
  await page.getByTestId('catalogue-print-now').click();
  expect(await frameEl.evaluate((el) => (el as unknown as PrintableFrame).contentWindow.printed)).toBe(1);
  await page.screenshot({ path: artifact('43-record-catalogue-print'), fullPage: true });
});

/** A local calendar day as dd/mm/yyyy, days from today (what the app prefills as ngày đến). */
function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

test('registers a document as incoming through the form and sees it in the register', async () => {
  const first = showRecord(CODE).documents[0]!;
  await page.goto(`${web.url}/#/doc/${first.documentId}`);
  await expect(page.getByTestId('document-records')).toContainText(CODE);
  await page.getByTestId('register-in').click();
  // The form: ngày đến prefilled with today, what is copied from the document shown.
  const form = page.getByTestId('register-form');
  await expect(form.getByTestId('register-form-date')).toHaveValue(dayFromToday(0));
  if (first.number) await expect(form.getByTestId('register-form-copied')).toContainText(first.number);
  // A month alone is no day of a register row: refused on the form, nothing registered.
  await form.getByTestId('register-form-due').fill('12/2026');
  await form.getByTestId('register-form-save').click();
  await expect(form.getByTestId('register-form-error')).toContainText('Ngày không hợp lệ');
  const due = dayFromToday(10);
  await form.getByTestId('register-form-due').fill(due);
  await form.getByTestId('register-form-urgency').selectOption('thuong-khan');
  await form.getByTestId('register-form-receiver').fill('Phòng Tổng hợp');
  await form.getByTestId('register-form-notes').fill('Chuyển đồng chí Chánh Văn phòng xem xét');
  await page.screenshot({ path: artifact('44a-register-form') });
  await form.getByTestId('register-form-save').click();
  await expect(page.locator('.toast').filter({ hasText: 'số 01' })).toBeVisible();
  await expect(page.getByTestId('register-form')).toHaveCount(0);
  await expect(page.getByTestId('document-registrations')).toContainText('Sổ văn bản đến');
  await expect(page.getByTestId('register-in')).toHaveCount(0);

  await page.getByTestId('nav-registers').click();
  const row = page.getByTestId('register-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-doc-id', String(first.documentId));
  await expect(row.getByTestId('register-seq')).toHaveText('01');
  if (first.number) await expect(row).toContainText(first.number);
  await expect(row.getByTestId('register-due')).toHaveText(`${due} (Thượng khẩn)`);
  await expect(row.getByTestId('register-notes')).toHaveText('Chuyển đồng chí Chánh Văn phòng xem xét');
  await page.screenshot({ path: artifact('44-register-in') });

  // A period that ends before today leaves the row out; one around today brings it back.
  await page.getByTestId('register-from').fill(dayFromToday(-30));
  await page.getByTestId('register-to').fill(dayFromToday(-1));
  await page.getByTestId('register-period-apply').click();
  await expect(page.getByTestId('register-row')).toHaveCount(0);
  await expect(page.getByTestId('register-count')).toHaveText('0 văn bản');
  await page.getByTestId('register-to').fill('31/02/2026');
  await page.getByTestId('register-period-apply').click();
  await expect(page.getByTestId('register-period-error')).toBeVisible();
  await page.getByTestId('register-to').fill(dayFromToday(1));
  await page.getByTestId('register-period-apply').click();
  await expect(page.getByTestId('register-row')).toHaveCount(1);
  await page.screenshot({ path: artifact('44b-register-period') });

  // "Lưu XLSX" saves the rows of the period shown (a real workbook: a zip).
  const download = page.waitForEvent('download');
  await page.getByTestId('register-xlsx').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^so-van-ban-den-\d{4}-\d{2}-\d{2}-den-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const saved = await file.path();
  expect(readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK');

  // "In sổ": the register of that period as the core prints it (Phụ lục IV columns).
  await page.getByTestId('register-print').click();
  const printed = page.frameLocator('[data-testid="catalogue-frame"]');
  await expect(printed.locator('h1')).toHaveText('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
  await expect(printed.locator('tbody tr')).toHaveCount(1);
  await expect(printed.locator('tbody tr td').nth(1)).toHaveText('01');
  await expect(printed.locator('tbody tr')).toContainText('Chuyển đồng chí Chánh Văn phòng xem xét');
  await page.screenshot({ path: artifact('45-register-print') });
  await page.getByTestId('print-back').click();
  // The outgoing register of the period stays empty.
  await page.getByTestId('register-book-out').click();
  await expect(page.getByTestId('register-row')).toHaveCount(0);
});

test('registers another document as outgoing with its số bản', async () => {
  const second = showRecord(CODE).documents[1]!;
  await page.goto(`${web.url}/#/doc/${second.documentId}`);
  await page.getByTestId('register-out').click();
  const form = page.getByTestId('register-form');
  // The outgoing form asks số bản, not hạn xử lý; số bản is a whole number above zero.
  await expect(form.getByTestId('register-form-due')).toHaveCount(0);
  await form.getByTestId('register-form-copies').fill('0');
  await form.getByTestId('register-form-save').click();
  await expect(form.getByTestId('register-form-error')).toHaveText('Số bản phải là số nguyên dương.');
  await form.getByTestId('register-form-copies').fill('3');
  await form.getByTestId('register-form-save').click();
  await expect(page.locator('.toast').filter({ hasText: 'sổ văn bản đi, số 01' })).toBeVisible();

  await page.getByTestId('nav-registers').click();
  await page.getByTestId('register-book-out').click();
  const row = page.getByTestId('register-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-doc-id', String(second.documentId));
  await expect(row.getByTestId('register-copies')).toHaveText('3');
});

/** A decision of the UBND tỉnh as real DOCX paragraphs (header, số, ngày, body), as an office writes it. */
const decision = (number: string, dateLine: string, title: string, body: string): string[] =>
  ubndDecision({ number, dateLine, title, body: [body] });

test('a document another replaces shows "Bị thay thế bởi …" on its screen', async () => {
  const files = [
    [
      'quy-che-cu.docx',
      decision(
        '12/2020/QĐ-UBND',
        'ngày 10 tháng 3 năm 2020',
        'Ban hành Quy chế công tác văn thư, lưu trữ trên địa bàn tỉnh',
        'Điều 1. Ban hành kèm theo Quyết định này Quy chế công tác văn thư, lưu trữ.',
      ),
    ],
    [
      'quy-che-moi.docx',
      decision(
        '30/2024/QĐ-UBND',
        'ngày 20 tháng 5 năm 2024',
        'Ban hành Quy chế công tác văn thư, lưu trữ mới',
        'Điều 1. Quyết định này có hiệu lực từ ngày 01/6/2024 và thay thế Quyết định số 12/2020/QĐ-UBND ngày 10/3/2020 của Ủy ban nhân dân tỉnh.',
      ),
    ],
    // A pair for the facet's "Hết hiệu lực": one decision that a later one repeals (bãi bỏ).
    [
      'quy-che-van-phong.docx',
      decision(
        '08/2019/QĐ-UBND',
        'ngày 15 tháng 4 năm 2019',
        'Ban hành Quy định quản lý và sử dụng con dấu',
        'Điều 1. Ban hành kèm theo Quyết định này Quy định quản lý và sử dụng con dấu.',
      ),
    ],
    [
      'bai-bo.docx',
      decision(
        '41/2024/QĐ-UBND',
        'ngày 02 tháng 7 năm 2024',
        'Bãi bỏ Quyết định số 08/2019/QĐ-UBND về con dấu',
        'Điều 1. Bãi bỏ Quyết định số 08/2019/QĐ-UBND ngày 15/4/2019 của Ủy ban nhân dân tỉnh ban hành Quy định quản lý và sử dụng con dấu.',
      ),
    ],
  ] as const;
  const paths = await writeDocxFiles(tempDir, files);
  await importThroughUi(page, paths);
  await page.getByTestId('outcome-imported').getByRole('button', { name: 'quy-che-cu.docx' }).click();

  const validity = page.getByTestId('validity');
  await expect(validity.getByTestId('validity-status')).toHaveAttribute('data-status', 'replaced');
  const group = validity.locator('.relation-group').filter({ hasText: 'Bị thay thế bởi' });
  await expect(group).toContainText('30/2024/QĐ-UBND');
  await validity.screenshot({ path: artifact('46-validity-replaced') });
  // The link opens the replacing decision, which itself stays in force as far as the archive knows.
  await group.getByRole('button', { name: /30\/2024\/QĐ-UBND/ }).click();
  await expect(page.getByTestId('doc-title')).toContainText('Quy chế công tác văn thư, lưu trữ mới');
  await expect(page.getByTestId('validity-status')).not.toHaveAttribute('data-status', 'replaced');
});

/** The search result whose số ký hiệu is `n` (another's snippet may cite it). */
const byNumber = (n: string) =>
  page.getByTestId('search-result').filter({ has: page.locator('.result-number', { hasText: n }) });

test('the hiệu lực facet narrows a search to the replaced decision or to the repealed one, and the filter clears', async () => {
  await page.getByTestId('nav-search').click();
  const input = page.getByTestId('search-input');
  await input.fill('quy chế công tác văn thư');
  await input.press('Enter');
  const results = page.getByTestId('search-result');
  await expect(byNumber('12/2020/QĐ-UBND')).toHaveCount(1);
  await expect(byNumber('30/2024/QĐ-UBND')).toHaveCount(1);
  const before = await results.count();
  const facet = page.getByTestId('facet-validity');
  const replaced = facet.getByTestId('facet-item').filter({ hasText: 'Bị thay thế' });
  await expect(replaced.locator('.facet-count')).toHaveText('1');
  await replaced.click();
  await expect(results).toHaveCount(1);
  await expect(results.first().locator('.result-number')).toHaveText('12/2020/QĐ-UBND');
  await expect(replaced).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/hieuluc=replaced/);
  const chip = page.getByTestId('filter-chip').filter({ hasText: 'Bị thay thế' });
  await expect(chip).toHaveCount(1);
  await page.screenshot({ path: artifact('47-search-validity-facet') });
  // The filter is part of the link: a reload keeps it.
  await page.reload();
  await expect(results).toHaveCount(1);
  await expect(results.first().locator('.result-number')).toHaveText('12/2020/QĐ-UBND');
  // Removing the chip brings the replacing decision (and the rest) back.
  await chip.getByRole('button').click();
  await expect(page.getByTestId('filter-chip')).toHaveCount(0);
  await expect.poll(() => results.count()).toBe(before);
  await expect(page).not.toHaveURL(/hieuluc=/);
  // The decision another repeals (bãi bỏ) is the facet's only "Hết hiệu lực"; the repealing one is not.
  await input.fill('con dấu');
  await input.press('Enter');
  await expect(byNumber('08/2019/QĐ-UBND')).toHaveCount(1);
  await expect(byNumber('41/2024/QĐ-UBND')).toHaveCount(1);
  const repealed = facet.getByTestId('facet-item').filter({ hasText: 'Hết hiệu lực' });
  await expect(repealed.locator('.facet-count')).toHaveText('1');
  await repealed.click();
  await expect(results).toHaveCount(1);
  await expect(results.first().locator('.result-number')).toHaveText('08/2019/QĐ-UBND');
  await expect(page).toHaveURL(/hieuluc=no-longer-in-force/);
  await page.getByTestId('filter-chip').getByRole('button').click();
  await expect(byNumber('41/2024/QĐ-UBND')).toHaveCount(1);
  // Back to the first search, as the next test drags from it.
  await input.fill('quy chế công tác văn thư');
  await input.press('Enter');
  await expect.poll(() => results.count()).toBe(before);
});

test('dragging checked search results onto the hồ sơ adds them to its mục lục', async () => {
  const oldOne = byNumber('12/2020/QĐ-UBND');
  const newOne = byNumber('30/2024/QĐ-UBND');
  const numbers = ['12/2020/QĐ-UBND', '30/2024/QĐ-UBND'];
  const filed = () => showRecord(CODE).documents.map((d) => d.number);
  const before = filed();
  expect(before).toHaveLength(3);
  expect(before).not.toContain(numbers[0]);
  await oldOne.getByTestId('row-check').click();
  await newOne.getByTestId('row-check').click();
  await expect(page.getByTestId('bulk-count')).toContainText('2');
  // No drop targets until a result is dragged.
  await expect(page.getByTestId('record-drop-tray')).toHaveCount(0);
  const from = (await newOne.locator('.result-title').boundingBox())!;
  await page.mouse.move(from.x + 10, from.y + 5);
  await page.mouse.down();
  await page.mouse.move(from.x + 40, from.y + 30, { steps: 4 });
  const tray = page.getByTestId('record-drop-tray');
  await expect(tray).toContainText('2 văn bản');
  const target = tray.getByTestId('record-drop-target').filter({ hasText: CODE });
  const to = (await target.boundingBox())!;
  await page.mouse.move(to.x + 30, to.y + 10, { steps: 6 });
  await expect(target).toHaveClass(/\bover\b/);
  await page.screenshot({ path: artifact('48-search-drag-to-record') });
  await page.mouse.up();
  await expect(
    page.locator('.toast').filter({ hasText: `Đã thêm 2 văn bản vào hồ sơ ${CODE}` }),
  ).toBeVisible();
  await expect(tray).toHaveCount(0);
  const after = filed();
  expect(after).toHaveLength(5);
  expect(after).toEqual(expect.arrayContaining(numbers));
  // The hồ sơ screen's mục lục lists them with the three from before.
  await page.getByTestId('nav-records').click();
  await page.getByTestId('record-row').getByRole('button', { name: CODE }).click();
  const rows = page.getByTestId('record-document');
  await expect(rows).toHaveCount(5);
  await expect(rows.filter({ hasText: '12/2020/QĐ-UBND' })).toHaveCount(1);
  await expect(rows.filter({ hasText: '30/2024/QĐ-UBND' })).toHaveCount(1);
});
