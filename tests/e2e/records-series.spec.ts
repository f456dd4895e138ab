// The sổ văn bản đi numbered per series (issue 12: "số auto-assigned per series"): real sample documents
// imported through the UI; registering one as outgoing preselects its type's sổ (QĐ for a quyết định,
// TB for a thông báo), each gets số 01 in its own sổ, and a sổ chosen by hand numbers on in that one;
// the Sổ văn bản screen shows each row's sổ and narrows to one, as `vankho register list` reads them.
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

  const listed = JSON.parse(
    runVankho(
      archiveDir,
      ['--json', 'register', 'list', '--book', 'out', '--year', String(new Date().getFullYear())],
      { timeoutMs: 60_000 },
    ),
  ) as Array<{ series: string; seq: number; number: string | null }>;
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
