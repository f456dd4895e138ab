// The sổ văn bản đi numbered per series (issue 12: "số auto-assigned per series"): real sample documents
// imported through the UI; registering one as outgoing preselects its type's sổ (QĐ for a quyết định,
// TB for a thông báo), each gets số 01 in its own sổ, and a sổ chosen by hand numbers on in that one;
// the Sổ văn bản screen shows each row's sổ and narrows to one, as `vankho register list` reads them;
// a new sổ named on the form (refused when it is an existing one mistyped) starts at 01. Also here, to
// share the web-mode start: the Hồ sơ screen's tree by year and đề mục, by mouse and by keyboard.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from '../helpers/repo-root.js';
import { artifact } from './e2e-env.js';
import { importThroughUi, openAppOn, runVankho } from './start-web-mode.js';

const FILES = [
  '06-quyet-dinh-1520-QD-UBND.pdf',
  '09-thong-bao-112-TB-UBND.txt',
  '08-ke-hoach-45-KH-UBND.pdf',
  '07-chi-thi-03-CT-UBND.docx',
].map((f) => repoPath('resources', 'samples', f));

test.describe.configure({ mode: 'serial' });

let tempDir: string;
let archiveDir: string;
let page: Page;
let close: (() => Promise<void>) | undefined;

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-series-'));
  archiveDir = join(tempDir, 'kho');
  ({ page, close } = await openAppOn(browser, archiveDir));
  await importThroughUi(page, FILES);
});

test.afterAll(async () => {
  await close?.();
  rmSync(tempDir, { recursive: true, force: true });
});

/** This year's sổ văn bản đi as `vankho register list --json` reads it, read-only beside the app. */
function listedOut(): Array<{ series: string; seq: number; number: string | null }> {
  return JSON.parse(
    runVankho(
      archiveDir,
      ['--json', 'register', 'list', '--book', 'out', '--year', String(new Date().getFullYear())],
      { timeoutMs: 60_000 },
    ),
  ) as Array<{ series: string; seq: number; number: string | null }>;
}

/** Opens an imported file's document screen from the import outcomes. */
async function openImported(name: string): Promise<void> {
  await page.getByTestId('nav-import').click();
  await page.getByTestId('outcome-imported').getByRole('button', { name }).click();
  await expect(page.getByTestId('document-filing')).toBeVisible();
}

/** Opens "Vào sổ đi" on the open document: the sổ preselected must be `expectedDefault`; `choose` another. */
async function registerOut(expectedDefault: string, choose?: string): Promise<void> {
  await page.getByTestId('register-out').click();
  const form = page.getByTestId('register-form');
  const series = form.getByTestId('register-form-series');
  await expect(series).toBeEnabled();
  await expect(series).toHaveValue(expectedDefault);
  if (choose !== undefined) await series.selectOption(choose);
}

test('each type gets số 01 in its own sổ; a sổ chosen by hand numbers on in it', async () => {
  await openImported('06-quyet-dinh-1520-QD-UBND.pdf');
  await registerOut('QĐ');
  const form = page.getByTestId('register-form');
  // The choice names the type a code stands for; the ordinary and the mật sổ are offered too.
  await expect(form.getByTestId('register-form-series').locator('option:checked')).toHaveText(
    'QĐ — Quyết định',
  );
  await expect(
    form.getByTestId('register-form-series').locator('option', { hasText: 'Sổ chung' }),
  ).toHaveCount(1);
  await expect(form.getByTestId('register-form-series').locator('option', { hasText: 'Sổ mật' })).toHaveCount(
    1,
  );
  await page.screenshot({ path: artifact('49-register-series-form') });
  await form.getByTestId('register-form-save').click();
  await expect(page.locator('.toast').filter({ hasText: 'sổ văn bản đi, số 01 (sổ QĐ)' })).toBeVisible();
  await expect(page.getByTestId('document-registrations')).toContainText('(sổ QĐ): số 01');

  await openImported('09-thong-bao-112-TB-UBND.txt');
  await registerOut('TB');
  await page.getByTestId('register-form').getByTestId('register-form-save').click();
  await expect(page.locator('.toast').filter({ hasText: 'sổ văn bản đi, số 01 (sổ TB)' })).toBeVisible();

  // A kế hoạch the office numbers with its quyết định: chosen by hand, it takes QĐ's next number.
  await openImported('08-ke-hoach-45-KH-UBND.pdf');
  await registerOut('KH', 'QĐ');
  await page.getByTestId('register-form').getByTestId('register-form-save').click();
  await expect(page.locator('.toast').filter({ hasText: 'sổ văn bản đi, số 02 (sổ QĐ)' })).toBeVisible();

  const listed = listedOut();
  expect(listed.map((e) => [e.series, e.seq, e.number])).toEqual([
    ['QĐ', 1, '1520/QĐ-UBND'],
    ['QĐ', 2, '45/KH-UBND'],
    ['TB', 1, '112/TB-UBND'],
  ]);
});

test('the Sổ văn bản đi shows each row’s sổ and narrows to one', async () => {
  await page.getByTestId('nav-registers').click();
  await page.getByTestId('register-book-out').click();
  const rows = page.getByTestId('register-row');
  await expect(rows).toHaveCount(3);
  const cells = async () =>
    rows.evaluateAll((els) =>
      els.map((e) => [
        e.querySelector('[data-testid="register-row-series"]')?.textContent,
        e.querySelector('[data-testid="register-seq"]')?.textContent,
      ]),
    );
  expect(await cells()).toEqual([
    ['QĐ', '01'],
    ['QĐ', '02'],
    ['TB', '01'],
  ]);
  await page.screenshot({ path: artifact('50-register-out-series') });
  const filter = page.getByTestId('register-series');
  // The book's sổ in use, most used first.
  await expect(filter.locator('option')).toHaveText(['Tất cả các sổ', 'QĐ — Quyết định', 'TB — Thông báo']);
  await filter.selectOption({ label: 'TB — Thông báo' });
  await expect(rows).toHaveCount(1);
  expect(await cells()).toEqual([['TB', '01']]);
  // The print is of the sổ shown.
  await page.getByTestId('register-print').click();
  const printed = page.frameLocator('[data-testid="catalogue-frame"]');
  await expect(printed.locator('h1')).toHaveText('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
  await expect(printed.locator('body')).toContainText('Sổ TB');
  await expect(printed.locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('print-back').click();
  await filter.selectOption({ label: 'Tất cả các sổ' });
  await expect(rows).toHaveCount(3);
  // The incoming book has no such sổ: its filter offers only what it uses (nothing yet).
  await page.getByTestId('register-book-in').click();
  await expect(rows).toHaveCount(0);
  await expect(filter.locator('option')).toHaveText(['Tất cả các sổ']);
});

test('a new sổ named on the form starts at số 01; an existing one mistyped is refused', async () => {
  await openImported('07-chi-thi-03-CT-UBND.docx');
  await registerOut('CT', '\u0000new');
  const form = page.getByTestId('register-form');
  const name = form.getByTestId('register-form-new-series');
  const error = form.getByTestId('register-form-error');
  // Nothing named: refused, nothing registered.
  await form.getByTestId('register-form-save').click();
  await expect(error).toContainText('Đặt tên cho sổ mới');
  // "qđ" is the QĐ sổ in use, mistyped: refused, naming it.
  await name.fill('qđ');
  await expect(error).toHaveCount(0);
  await form.getByTestId('register-form-save').click();
  await expect(error).toContainText('Đã có sổ này: QĐ — Quyết định');
  // Typed decomposed (NFD, as some keyboards send it): kept as NFC.
  const nfc = 'Sổ đi Văn phòng';
  await name.fill(nfc.normalize('NFD'));
  await page.screenshot({ path: artifact('51-register-new-series') });
  await form.getByTestId('register-form-save').click();
  await expect(page.locator('.toast').filter({ hasText: `sổ văn bản đi, số 01 (sổ ${nfc})` })).toBeVisible();
  await expect(page.getByTestId('document-registrations')).toContainText(`(sổ ${nfc}): số 01`);

  const listed = listedOut();
  expect(listed.filter((e) => e.number === '03/CT-UBND').map((e) => [e.series, e.seq])).toEqual([[nfc, 1]]);
  expect(listed).toHaveLength(4);
});

/** Lập a hồ sơ from the Hồ sơ screen's form, under a đề mục. */
async function createRecord(code: string, title: string, heading: string): Promise<void> {
  await page.getByTestId('nav-records').click();
  const form = page.getByTestId('record-form');
  await form.getByTestId('record-code').fill(code);
  await form.getByTestId('record-title').fill(title);
  await form.getByLabel('Đề mục').fill(heading);
  await form.getByTestId('record-create').click();
  await expect(page.getByTestId('record-screen')).toHaveAttribute('data-code', code);
}

test('the Hồ sơ tree groups by year and đề mục with counts; a heading narrows the list', async () => {
  const ORGAN = '000.00.00.H41';
  await createRecord(`${ORGAN}.2025.01.VP`, 'Hồ sơ báo cáo tổng hợp năm 2025', 'Tổng hợp');
  await createRecord(`${ORGAN}.2025.02.TCCB`, 'Hồ sơ tuyển dụng công chức năm 2025', 'Tổ chức cán bộ');
  await createRecord(`${ORGAN}.2024.01.VP`, 'Hồ sơ báo cáo tổng hợp năm 2024', 'Tổng hợp');
  await page.getByTestId('nav-records').click();
  const tree = page.getByTestId('records-tree');
  const node = (id: string) => tree.locator(`[data-node="${id}"]`);
  const count = (id: string) =>
    node(id).locator(':scope > .records-tree-row [data-testid="records-tree-count"]');
  const rows = page.getByTestId('record-row');
  await expect(rows).toHaveCount(3);
  // Years newest first, each with its headings in the danh mục order, each node with its count.
  const shown = await tree
    .locator('[role="treeitem"]')
    .evaluateAll((els) =>
      els.map((e) => [
        e.getAttribute('aria-level'),
        e.querySelector(':scope > .records-tree-row .records-tree-label')?.textContent,
        e.querySelector(':scope > .records-tree-row [data-testid="records-tree-count"]')?.textContent ?? null,
      ]),
    );
  expect(shown).toEqual([
    ['1', 'Tất cả hồ sơ', '3'],
    ['2', 'Năm 2025', '2'],
    ['3', 'Tổ chức cán bộ', '1'],
    ['3', 'Tổng hợp', '1'],
    ['2', 'Năm 2024', '1'],
    ['3', 'Tổng hợp', '1'],
  ]);
  await expect(count('y:2025')).toHaveText('2');

  // A click on 2025's "Tổng hợp" shows only its hồ sơ (not 2024's of the same heading).
  await node('h:2025:Tổng hợp').locator(':scope > .records-tree-row').click();
  await expect(node('h:2025:Tổng hợp')).toHaveAttribute('aria-selected', 'true');
  await expect(rows).toHaveCount(1);
  await expect(rows).toHaveAttribute('data-code', `${ORGAN}.2025.01.VP`);
  await expect(page.getByTestId('records-count')).toHaveText('1 hồ sơ');
  await page.screenshot({ path: artifact('52-records-tree-heading') });

  // The keyboard: one tab stop; Down moves to 2024, Enter chooses the year; Right opens it, Down goes
  // to its heading, Right shows that heading's hồ sơ, Down + Enter opens one.
  await expect(node('h:2025:Tổng hợp')).toHaveAttribute('tabindex', '0');
  await node('h:2025:Tổng hợp').focus();
  await page.keyboard.press('ArrowDown');
  await expect(node('y:2024')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(node('y:2024')).toHaveAttribute('aria-selected', 'true');
  await expect(rows).toHaveCount(1);
  await expect(rows).toHaveAttribute('data-code', `${ORGAN}.2024.01.VP`);
  await page.keyboard.press('ArrowLeft');
  await expect(node('y:2024')).toHaveAttribute('aria-expanded', 'false');
  await expect(node('h:2024:Tổng hợp')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(node('h:2024:Tổng hợp')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(node('h:2024:Tổng hợp')).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(node(`r:${ORGAN}.2024.01.VP`)).toBeFocused();
  await page.screenshot({ path: artifact('53-records-tree-keyboard') });
  await page.keyboard.press('Home');
  await expect(node('all')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(3);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('record-screen')).toHaveAttribute('data-code', `${ORGAN}.2024.01.VP`);
});
