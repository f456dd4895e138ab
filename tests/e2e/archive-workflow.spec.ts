// The archivist's path through the real app in web mode: import the samples through the UI, find a
// document with an unaccented query, see the hit highlighted in its PDF preview, tag it, filter by
// the tag, and edit a metadata field that then shows in the results.
import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { makePdf } from '../helpers/make-pdf.js';
import { makeXlsx, PNG_1X1 } from '../helpers/make-no-text-files.js';
import { fold } from '../../main/contract/fold-text.js';
import { repoPath } from '../helpers/repo-root.js';
import { artifact, E2E_TOKEN, serverOrigin } from './e2e-env.js';

interface ExpectedSample {
  file: string;
  number: string;
  title: string;
}
const expected = (
  JSON.parse(readFileSync(repoPath('tests', 'fixtures', 'samples-expected.json'), 'utf8')) as {
    samples: ExpectedSample[];
  }
).samples;
const sampleFiles = readdirSync(repoPath('resources', 'samples'))
  .filter((f) => !f.toLowerCase().endsWith('.md'))
  .map((f) => repoPath('resources', 'samples', f));

// The decision founding the steering committee is a PDF; the query is typed without diacritics.
const target = expected.find((s) => s.file.startsWith('06-'))!;
const QUERY = 'thanh lap ban chi dao';
const TAG = 'Chuyển đổi số e2e';

test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  // Every Content-Security-Policy violation of the page (e.g. a library probing eval) is collected
  // from the first script on, and checked at the end of the workflow.
  await page.addInitScript(() => {
    const w = globalThis as unknown as {
      __cspViolations: string[];
      addEventListener(
        type: string,
        cb: (e: { violatedDirective: string; sourceFile: string }) => void,
      ): void;
    };
    w.__cspViolations = [];
    w.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations.push(`${e.violatedDirective} in ${e.sourceFile}`),
    );
  });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') console.error(`console ${m.type()}:`, m.text());
  });
  await page.goto(`${serverOrigin()}/#token=${E2E_TOKEN}`);
});

test.afterAll(async () => {
  await page.close();
});

test('imports the sample documents through the file picker', async () => {
  // The token was taken from the fragment and removed from the address bar.
  await expect(page).toHaveURL(`${serverOrigin()}/`);
  await page.getByTestId('nav-import').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-pick-files').click();
  await (await chooser).setFiles(sampleFiles);
  await expect(page.getByTestId('import-state')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('import-outcomes').locator('.outcome-row')).toHaveCount(sampleFiles.length);
  await expect(page.getByTestId('outcome-imported')).toHaveCount(sampleFiles.length);
  await page.screenshot({ path: artifact('01-import-samples') });
});

test('a file dropped on the window is imported; an already stored one is reported as a duplicate', async () => {
  await page.getByTestId('nav-search').click();
  const duplicate = sampleFiles[0]!;
  const payload = {
    files: [
      {
        name: 'keo-tha-moi.txt',
        b64: Buffer.from('THÔNG BÁO\nVề việc thử kéo thả tệp vào VanKho.\n').toString('base64'),
      },
      { name: basename(duplicate), b64: readFileSync(duplicate).toString('base64') },
    ],
  };
  // What a drag from the file manager delivers: a DataTransfer with File objects, dropped anywhere.
  await page.evaluate(({ files }) => {
    // The tests' TypeScript has no DOM library; name the few browser globals used here.
    const w = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: Uint8Array[], name: string) => unknown;
      DragEvent: new (
        type: string,
        init: { dataTransfer: unknown; bubbles: boolean; cancelable: boolean },
      ) => unknown;
      document: { body: { dispatchEvent(event: unknown): boolean } };
      atob(data: string): string;
    };
    const dt = new w.DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(w.atob(f.b64), (c) => c.charCodeAt(0));
      dt.items.add(new w.File([bytes], f.name));
    }
    for (const type of ['dragover', 'drop']) {
      w.document.body.dispatchEvent(
        new w.DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
    }
  }, payload);
  await expect(page.getByTestId('import-screen')).toBeVisible();
  await expect(page.getByTestId('import-outcomes').locator('.outcome-row')).toHaveCount(2, {
    timeout: 60_000,
  });
  await expect(page.getByTestId('outcome-imported')).toHaveCount(1);
  await expect(page.getByTestId('outcome-duplicate')).toContainText(basename(duplicate));
  await page.screenshot({ path: artifact('02-drop-duplicate') });
});

test('finds a document with an unaccented query and highlights the hit in the PDF', async () => {
  // Ctrl+K from any screen brings the search box into focus.
  await page.keyboard.press('Control+k');
  const input = page.getByTestId('search-input');
  await expect(input).toBeFocused();
  await input.fill(QUERY);
  await input.press('Enter');
  const first = page.getByTestId('search-result').first();
  // The top hit is the decision founding the committee, shown by its extracted number.
  await expect(first.locator('.result-number')).toHaveText(target.number);
  // The matched words are marked in their accented form.
  await expect(first.locator('mark').first()).toBeVisible();
  const marks = await first.locator('mark').allTextContents();
  expect(marks.some((m) => m !== fold(m))).toBe(true);
  await page.screenshot({ path: artifact('03-search-results') });

  // Keyboard: ↓ moves from the box into the list (top hit selected), Enter opens it.
  await input.press('ArrowDown');
  await expect(page.getByTestId('results')).toBeFocused();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  // The top hit is the decision that founds the committee (identified by its original file).
  await expect(page.getByTestId('files')).toContainText(target.file);
  const hit = page.locator('.textLayer mark.vk-hit').first();
  await expect(hit).toBeAttached({ timeout: 30_000 });
  const marked = await page.locator('.textLayer mark.vk-hit').allTextContents();
  expect(marked.some((m) => fold(m).replace(/\s+/g, ' ').includes('thanh lap'))).toBe(true);
  await expect(page.getByTestId('doc-hit-count')).toContainText(/\d/);
  await page.screenshot({ path: artifact('04-pdf-highlight') });
});

test('adds a tag and filters the search by it', async () => {
  const tagInput = page.getByTestId('tag-input');
  await tagInput.fill(TAG);
  await tagInput.press('Enter');
  await expect(page.getByTestId('doc-tag').filter({ hasText: TAG })).toBeVisible();

  await page.getByTestId('nav-search').click();
  await page.getByTestId('search-input').fill('');
  await page.getByTestId('search-input').press('Enter');
  const tagFacet = page.getByTestId('facet-tags').getByRole('button', { name: TAG });
  await tagFacet.click();
  await expect(page.getByTestId('filter-chip').filter({ hasText: TAG })).toBeVisible();
  await expect(page.getByTestId('search-result')).toHaveCount(1);
  await expect(page.getByTestId('search-result').first()).toContainText(TAG);
  await page.screenshot({ path: artifact('05-tag-filter') });
});

test('edits a metadata field and sees it in the results', async () => {
  await page.getByTestId('search-result').first().click();
  const signer = page.getByTestId('field-signer');
  await expect(signer).toBeVisible();
  // Every metadata field is named by its visible label (and only by it).
  const form = page.getByTestId('metadata-form');
  for (const [label, id] of [
    ['Trích yếu', 'field-title'],
    ['Số ký hiệu', 'field-number'],
    ['Người ký', 'field-signer'],
    ['Ngày ban hành', 'field-issuedDate'],
  ] as const) {
    await expect(form.getByLabel(label, { exact: true })).toHaveAttribute('data-testid', id);
  }
  // Escape in a field first leaves the field; a second Escape goes back to the search.
  await signer.focus();
  await page.keyboard.press('Escape');
  await expect(signer).not.toBeFocused();
  await expect(form).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('search-input')).toBeVisible();
  await expect(form).toHaveCount(0);
  await page.getByTestId('search-result').first().click();
  await expect(signer).toBeVisible();
  const newSigner = 'Phạm Thị Ngọc Ánh';
  await signer.fill(newSigner);
  const title = page.getByTestId('field-title');
  const newTitle = `${(await title.inputValue()).trim()} (bản đã hiệu đính)`;
  await title.fill(newTitle);
  await page.getByTestId('metadata-save').click();
  await expect(page.getByTestId('toast-success').filter({ hasText: /Đã lưu/ })).toBeVisible();
  await expect(page.getByTestId('doc-title')).toHaveText(newTitle);

  // Back in search, without the tag filter: the full-text search finds the new wording.
  await page.getByTestId('nav-search').click();
  await page.getByRole('button', { name: new RegExp(`Bỏ bộ lọc .*${TAG}`) }).click();
  await expect(page.getByTestId('filter-chip')).toHaveCount(0);
  const input = page.getByTestId('search-input');
  await input.fill('ban da hieu dinh');
  await input.press('Enter');
  const first = page.getByTestId('search-result').first();
  await expect(first.locator('.result-title')).toHaveText(newTitle);
  await expect(first).toContainText(TAG);
  await page.screenshot({ path: artifact('06-edited-metadata') });
});

test('renames the tag on the tags screen, checks and exports the archive', async () => {
  await page.getByTestId('nav-tags').click();
  const row = page.getByTestId('tag-row').filter({ hasText: TAG });
  await expect(row).toContainText('1 văn bản');
  await row.getByRole('button', { name: 'Đổi tên' }).click();
  const renamed = `${TAG} (đã đổi)`;
  const input = page.getByTestId('tag-rename-input');
  await input.fill(renamed);
  await input.press('Enter');
  await expect(page.getByTestId('tag-row').filter({ hasText: renamed })).toBeVisible();
  await expect(page.getByTestId('toast-success').filter({ hasText: renamed })).toBeVisible();
  await page.screenshot({ path: artifact('07-tags') });

  await page.getByTestId('nav-archive').click();
  await page.getByTestId('archive-check').click();
  await expect(page.getByTestId('check-result')).toBeVisible({ timeout: 30_000 });

  // Export of the whole archive (the samples plus the dropped file) as a bundle: in web mode the
  // finished ZIP is downloaded.
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId('export-card').getByRole('button', { name: /ZIP/ }).click();
  expect((await download).suggestedFilename()).toMatch(/\.zip$/);
  await expect(
    page.getByTestId('toast-success').filter({ hasText: `Đã xuất ${sampleFiles.length + 1} văn bản` }),
  ).toBeVisible();
  await page.screenshot({ path: artifact('08-archive') });
});

test('files stored without text say why: encrypted PDF, scan, format not read (import report and document)', async () => {
  const pdf = await makePdf(['QUYẾT ĐỊNH\nVề việc thử nhập tệp PDF có mật khẩu.'], { encrypt: 'x' });
  await page.getByTestId('nav-import').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-pick-files').click();
  await (
    await chooser
  ).setFiles([
    { name: 'co-mat-khau.pdf', mimeType: 'application/pdf', buffer: pdf },
    { name: 'ban-quet.png', mimeType: 'image/png', buffer: PNG_1X1 },
    {
      name: 'bang-ke.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await makeXlsx(),
    },
  ]);
  const rows = page.getByTestId('import-outcomes').locator('.outcome-row');
  await expect(rows).toHaveCount(3, { timeout: 60_000 });
  // Stored (it opens as a document) but marked apart from a plain import, with the reason.
  const encrypted = rows.filter({ hasText: 'co-mat-khau.pdf' });
  await expect(encrypted).toHaveClass(/outcome-row-warned/);
  await expect(encrypted).toContainText('Đã lưu, PDF có mật khẩu — chưa đọc được chữ');
  await expect(encrypted.getByTestId('outcome-warning')).toContainText('mã hóa');
  await expect(rows.filter({ hasText: 'ban-quet.png' }).getByTestId('outcome-no-text')).toHaveText(
    'Đã lưu, chưa có chữ (bản quét — chờ OCR)',
  );
  await expect(rows.filter({ hasText: 'bang-ke.xlsx' }).getByTestId('outcome-no-text')).toHaveText(
    'Đã lưu, định dạng này chưa được đọc',
  );
  await expect(page.getByTestId('import-progress')).toContainText('1 chưa trích xuất được nội dung');
  await expect(page.getByTestId('import-progress')).toContainText('2 tệp đã lưu nhưng chưa có chữ');
  await expect(
    page.getByTestId('toast-success').filter({ hasText: '1 chưa trích xuất được nội dung' }),
  ).toContainText('2 tệp đã lưu nhưng chưa có chữ');
  await page.screenshot({ path: artifact('10-import-no-text') });
  // The document view says it too.
  await rows.filter({ hasText: 'ban-quet.png' }).getByRole('button', { name: 'ban-quet.png' }).click();
  await expect(page.getByTestId('doc-text-status')).toHaveText('Đã lưu, chưa có chữ (bản quét — chờ OCR)');
});

test('no Content-Security-Policy violation happened during the workflow', async () => {
  const violations = await page.evaluate(
    () => (globalThis as unknown as { __cspViolations: string[] }).__cspViolations,
  );
  expect(violations).toEqual([]);
});
