// The first hour of a new user (issue 16) in the real web mode: screens and documents have their own
// addresses (Back/Forward, reload and links work, the token survives a reload without showing in the
// address bar), a new query starts at relevance and at the top with undated documents last in date
// sorts, and facets allow several values of one facet.
import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from '../helpers/repo-root.js';
import { artifact, E2E_TOKEN, serverOrigin } from './e2e-env.js';

const sampleFiles = readdirSync(repoPath('resources', 'samples'))
  .filter((f) => !f.toLowerCase().endsWith('.md'))
  .map((f) => repoPath('resources', 'samples', f));

// Documents without a date, about a subject no sample mentions ("hải đăng"), and one dated one.
const WORD = 'hải đăng';
function extraFiles(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'vankho-first-hour-'));
  const files = [
    [
      'hai-dang-khong-ngay-1.txt',
      `THÔNG BÁO\nVề việc kiểm tra ngọn ${WORD} Mũi Nai.\nNội dung không ghi ngày.\n`,
    ],
    ['hai-dang-khong-ngay-2.txt', `BÁO CÁO\nVề việc sửa chữa ${WORD} Hòn Dấu.\nKhông rõ thời gian.\n`],
    [
      'hai-dang-co-ngay.txt',
      `ỦY BAN NHÂN DÂN XÃ TÂN PHƯỚC\nSố: 31/TB-UBND\nTân Phước, ngày 14 tháng 02 năm 2022\nTHÔNG BÁO\nVề việc bảo vệ ${WORD} Tân Phước.\n`,
    ],
  ];
  return files.map(([name, text]) => {
    const p = join(dir, name!);
    writeFileSync(p, text!, 'utf8');
    return p;
  });
}

test.describe.configure({ mode: 'serial' });

let page: Page;
const hashOf = (p: Page) => new URL(p.url()).hash;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${serverOrigin()}/#token=${E2E_TOKEN}`);
  await expect(page).toHaveURL(`${serverOrigin()}/`);
  await page.getByTestId('nav-import').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-pick-files').click();
  const files = [...sampleFiles, ...extraFiles()];
  await (await chooser).setFiles(files);
  await expect(page.getByTestId('import-outcomes').locator('.outcome-row')).toHaveCount(files.length, {
    timeout: 60_000,
  });
});

test.afterAll(async () => {
  await page.close();
});

test('screens and documents have addresses: Back, Forward, reload and the in-app back all work', async () => {
  expect(hashOf(page)).toBe('#/import');
  await page.getByTestId('nav-search').click();
  await page.getByTestId('search-input').fill('thanh lap ban chi dao');
  await page.getByTestId('search-input').press('Enter');
  // (archive-workflow.spec.ts, when it ran first, edited this title: only its start is certain.)
  const title = 'Về việc thành lập Ban Chỉ đạo chuyển đổi số huyện Đông Yên';
  await expect(page.getByTestId('search-result').first().locator('.result-title')).toContainText(title);
  await expect.poll(() => hashOf(page)).toBe('#/search?q=thanh+lap+ban+chi+dao');
  await page.getByTestId('search-result').first().click();
  await expect(page.getByTestId('document-screen')).toBeVisible();
  expect(hashOf(page)).toMatch(/^#\/doc\/\d+\?q=thanh\+lap\+ban\+chi\+dao(&page=\d+)?$/);
  const docHash = hashOf(page);

  // Browser Back returns to the search with its query; the suggestions do not cover the results.
  await page.goBack();
  await expect(page.getByTestId('search-input')).toHaveValue('thanh lap ban chi dao');
  await expect(page.getByTestId('search-result').first()).toBeVisible();
  await expect(page.getByTestId('search-result').first().locator('.result-title')).toContainText(title);
  await page.waitForTimeout(400); // the suggestion request and its dropdown would have shown by now
  await expect(page.getByTestId('instant')).toHaveCount(0);
  await page.screenshot({ path: artifact('first-hour-01-back-to-results') });

  // Forward, then a reload: the document again, and the token (kept for this tab) still works.
  await page.goForward();
  await expect(page.getByTestId('document-screen')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('doc-title')).toBeVisible();
  expect(hashOf(page)).toBe(docHash);
  expect(page.url()).not.toContain('token');

  // The app's own back button is the browser's Back here.
  await page
    .getByRole('button', { name: /Quay lại/ })
    .first()
    .click();
  await expect(page.getByTestId('search-input')).toHaveValue('thanh lap ban chi dao');
  expect(hashOf(page)).toBe('#/search?q=thanh+lap+ban+chi+dao');

  await page.getByTestId('nav-tags').click();
  expect(hashOf(page)).toBe('#/tags');
  await page.getByTestId('nav-archive').click();
  expect(hashOf(page)).toBe('#/archive');
  await page.goBack();
  expect(hashOf(page)).toBe('#/tags');
  await page.goBack();
  await expect(page.getByTestId('search-input')).toHaveValue('thanh lap ban chi dao');
});

test('a document address opened directly (a link) shows it; its back button leads to the search', async ({
  browser,
}) => {
  const [, id] = /#\/doc\/(\d+)/.exec(await docLink())!;
  const context = await browser.newContext();
  const linked = await context.newPage();
  // A new tab has no token of its own: it comes with the link's #token=… once, like the printed URL.
  await linked.goto(`${serverOrigin()}/#token=${E2E_TOKEN}`);
  await linked.goto(`${serverOrigin()}/#/doc/${id}`);
  await linked.reload(); // the address alone, loaded fresh
  await expect(linked.getByTestId('document-screen')).toBeVisible();
  await linked
    .getByRole('button', { name: /Quay lại/ })
    .first()
    .click();
  await expect(linked.getByTestId('search-input')).toBeVisible();
  expect(hashOf(linked)).toMatch(/^#\/search/);
  await context.close();
});

async function docLink(): Promise<string> {
  await page.getByTestId('search-result').first().click();
  await expect(page.getByTestId('document-screen')).toBeVisible();
  const hash = hashOf(page);
  await page.goBack();
  await expect(page.getByTestId('search-input')).toBeVisible();
  return hash;
}

const results = () => page.getByTestId('search-result');
const resultDates = () => results().locator('.result-date').allInnerTexts();
const searchFor = async (query: string) => {
  await page.getByTestId('nav-search').click();
  await page.getByTestId('search-input').fill(query);
  await page.getByTestId('search-input').press('Enter');
};

test('a new query starts at relevance and at the top; undated documents come last in date sorts', async () => {
  await searchFor('');
  await page.getByTestId('sort-select').selectOption('date-asc');
  await expect(results().first().locator('.result-date')).toHaveText('12/08/2003');
  // Scrolled to the end of "oldest first": the undated documents are there, not at the start.
  const list = page.getByTestId('results');
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect.poll(async () => (await resultDates()).slice(-2)).toEqual(['', '']);
  expect(await list.evaluate((el) => el.scrollTop)).toBeGreaterThan(300);

  // A new query: relevance, from the top.
  await page.getByTestId('search-input').fill(`"${WORD}"`);
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('sort-select')).toHaveValue('relevance');
  await expect(results()).toHaveCount(3);
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(0);

  for (const sort of ['date-asc', 'date-desc']) {
    await page.getByTestId('sort-select').selectOption(sort);
    await expect.poll(resultDates).toEqual(['14/02/2022', '', '']);
  }
  await page.screenshot({ path: artifact('first-hour-02-undated-last') });
});

test('several values of one facet can be picked, with the other values and a "no year" bucket', async () => {
  await searchFor('');
  // No words to rank by: the list is newest first and the sort says so ("relevance" cannot be picked).
  await expect(page.getByTestId('sort-select')).toHaveValue('date-desc');
  await expect(page.getByTestId('sort-select').locator('option[value="relevance"]')).toBeDisabled();
  const types = page.getByTestId('facet-types');
  const item = (facet: ReturnType<Page['getByTestId']>, label: string) =>
    facet.getByTestId('facet-item').filter({ has: page.locator('.facet-label', { hasText: label }) });
  const countOf = async (facet: ReturnType<Page['getByTestId']>, label: string) =>
    Number(await item(facet, label).locator('.facet-count').innerText());
  const decisions = await countOf(types, 'Quyết định');
  const directives = await countOf(types, 'Chỉ thị');
  expect(decisions).toBeGreaterThan(0);
  expect(directives).toBeGreaterThan(0);

  await item(types, 'Quyết định').click();
  await expect(page.getByTestId('result-count')).toHaveText(`${decisions} kết quả`);
  // The other types stay, with their counts, and can be added.
  await expect(item(types, 'Chỉ thị').locator('.facet-count')).toHaveText(String(directives));
  await item(types, 'Chỉ thị').click();
  await expect(page.getByTestId('result-count')).toHaveText(`${decisions + directives} kết quả`);
  await expect(page.getByTestId('filter-chip')).toHaveCount(2);
  await expect(item(types, 'Quyết định')).toHaveAttribute('aria-pressed', 'true');
  await expect(item(types, 'Chỉ thị')).toHaveAttribute('aria-pressed', 'true');
  expect(hashOf(page)).toContain('loai=Quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh&loai=Ch%E1%BB%89+th%E1%BB%8B');
  await page.screenshot({ path: artifact('first-hour-03-two-types') });

  // The filters are in the address: a reload keeps them.
  await page.reload();
  await expect(page.getByTestId('filter-chip')).toHaveCount(2);
  await expect(page.getByTestId('result-count')).toHaveText(`${decisions + directives} kết quả`);

  // Documents without a date have their own year value, and it filters.
  await page.getByRole('button', { name: 'Bỏ tất cả bộ lọc' }).click();
  const years = page.getByTestId('facet-years');
  await expect(years.getByTestId('facet-item').last().locator('.facet-label')).toHaveText('Không rõ năm');
  const undated = await countOf(years, 'Không rõ năm');
  expect(undated).toBeGreaterThanOrEqual(2);
  await item(years, 'Không rõ năm').click();
  await expect(page.getByTestId('result-count')).toHaveText(`${undated} kết quả`);
  await expect(page.getByTestId('filter-chip')).toHaveText('Không rõ năm');
  await expect.poll(async () => (await resultDates()).every((d) => d === '')).toBe(true);
  await page.screenshot({ path: artifact('first-hour-04-no-year') });
});

test('the count is of documents holding every word; partly matching ones follow under a separator', async () => {
  await searchFor('chuyển đổi số văn thư');
  await expect(page.getByTestId('result-count')).toContainText('kết quả');
  // Filters picked by an earlier test stay in the address: clear them.
  while ((await page.getByTestId('filter-chip').count()) > 0)
    await page.getByTestId('filter-chip').first().getByRole('button').click();
  const count = page.getByTestId('result-count');
  await expect(page.getByTestId('filter-chip')).toHaveCount(0);
  // The count of the filtered search may still show ("0 kết quả · 3 liên quan một phần"): wait for the
  // unfiltered one, which holds documents with every word.
  const counted = async () => Number((await count.innerText()).split(' ')[0]);
  await expect.poll(counted).toBeGreaterThan(0);
  await expect(count).toContainText('liên quan một phần');
  const total = await counted();
  const separator = page.getByTestId('partial-separator');
  await expect(separator).toBeVisible();
  await expect(separator).toContainText('Liên quan một phần');
  // The separator heads the first partly matching row: the rows above it are the counted results.
  const row = page.locator('.result', { has: separator });
  expect(Number(await row.getAttribute('data-index'))).toBe(total);
  await page.screenshot({ path: artifact('first-hour-05-partly-matching') });
});

test('delete goes to the trash with an undo; the trash restores, and empties only when confirmed', async () => {
  await searchFor('1520/QĐ-UBND');
  await results().first().click();
  await expect(page.getByTestId('document-screen')).toBeVisible();
  // No browser confirm: the document goes to the trash at once, and the toast can undo it.
  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  await page.getByTestId('doc-delete').click();
  const toast = page.locator('.toast').filter({ hasText: 'Đã chuyển văn bản vào thùng rác' });
  await expect(toast).toBeVisible();
  await expect(page.getByTestId('trash-badge')).toHaveText('1');
  await toast.getByRole('button', { name: 'Hoàn tác' }).click();
  await expect(page.getByTestId('document-screen')).toBeVisible();
  await expect(page.locator('.doc-header-title')).toContainText('1520/QĐ-UBND');
  await expect(page.getByTestId('trash-badge')).toHaveCount(0);

  // Again, then from the trash screen: restore, delete, empty (asked in place first).
  await page.getByTestId('doc-delete').click();
  await page.getByTestId('nav-trash').click();
  expect(hashOf(page)).toBe('#/trash');
  await expect(page.getByTestId('trash-row')).toHaveCount(1);
  await expect(page.getByTestId('trash-row')).toContainText('1520/QĐ-UBND');
  await page.screenshot({ path: artifact('first-hour-06-trash') });
  await page.getByTestId('trash-restore').click();
  await expect(page.getByTestId('trash-row')).toHaveCount(0);
  await searchFor('1520/QĐ-UBND');
  await expect(results().first().locator('.result-number')).toHaveText('1520/QĐ-UBND');

  await results().first().click();
  await page.getByTestId('doc-delete').click();
  await page.getByTestId('nav-trash').click();
  await page.getByTestId('trash-empty').click();
  await expect(page.getByTestId('trash-confirm')).toContainText('Không thể hoàn tác');
  await page.getByTestId('trash-confirm-yes').click();
  await expect(page.getByTestId('trash-row')).toHaveCount(0);
  await expect(page.locator('.toast').filter({ hasText: 'Đã xóa hẳn 1 văn bản' })).toBeVisible();
  await searchFor('1520/QĐ-UBND');
  await expect(page.getByTestId('result-count')).toContainText('kết quả');
  await expect(results().locator('.result-number', { hasText: /^1520\/QĐ-UBND$/ })).toHaveCount(0);
});

test('a delete answered after the user left the document leaves them where they went', async () => {
  await searchFor('2105/QĐ-UBND');
  await results().first().click();
  await expect(page.locator('.doc-header-title')).toContainText('2105/QĐ-UBND');
  // Hold the answer, as a loaded machine does, while the user moves on to the trash.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/documentDelete', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByTestId('doc-delete').click();
  await page.getByTestId('nav-trash').click();
  expect(hashOf(page)).toBe('#/trash');
  release();
  await expect(page.getByTestId('trash-row')).toHaveCount(1);
  await expect(page.getByTestId('trash-row')).toContainText('2105/QĐ-UBND');
  expect(hashOf(page)).toBe('#/trash');
  await page.unroute('**/api/documentDelete');
  await page.getByTestId('trash-restore').click();
  await expect(page.getByTestId('trash-row')).toHaveCount(0);
});

test('creating an archive where it cannot be made says why and keeps the open archive', async () => {
  await page.getByTestId('nav-archive').click();
  const openDir = await page.getByTestId('archive-dir').innerText();
  const busy = mkdtempSync(join(tmpdir(), 'vankho-busy-'));
  writeFileSync(join(busy, 'luan-van.docx'), 'x');
  await page.getByTestId('archive-path').fill(busy);
  await page.getByRole('button', { name: 'Tạo kho mới…' }).click();
  await expect(page.getByTestId('toast-error').last()).toContainText(
    'Thư mục này không trống và không phải là kho văn bản',
  );
  await expect(page.getByTestId('toast-error').last()).not.toContainText('not empty');
  await expect(page.getByTestId('archive-dir')).toHaveText(openDir);
  await page.screenshot({ path: artifact('first-hour-05-create-not-empty') });

  // A relative path is not created in the server's working folder: the full path is proposed.
  await page.getByTestId('archive-path').fill('kho-cua-toi');
  await page.getByRole('button', { name: 'Tạo kho mới…' }).click();
  await expect(page.getByTestId('toast-error').last()).toContainText('đường dẫn đầy đủ');
  await expect(page.getByTestId('archive-path')).toHaveValue(/^\/.+\/kho-cua-toi$/);
  await expect(page.getByTestId('archive-dir')).toHaveText(openDir);
  expect(existsSync(repoPath('kho-cua-toi'))).toBe(false);
});
