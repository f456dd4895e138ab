// Checking extracted metadata fast: real documents (the team's real-docs texts and PDFs) imported
// through the UI; the review queue lists exactly the uncertain ones (as `vankho list --to-review`
// says, run read-only beside the app); a bulk edit of three documents' issuer shows in the search
// facet and its undo restores them; a date typed dd/mm/yyyy is saved and shown as dd/mm/yyyy, an
// invalid one is refused on the field without losing the other edits; review "next" by keyboard;
// a document read by older extraction rules is flagged in the queue and on its screen until the
// archivist confirms it; re-extraction of the whole archive as a job from the archive screen.
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testdata } from '../helpers/repo-root.js';
import { artifact, E2E_TOKEN } from './e2e-env.js';
import { startWebMode, type RunningWebMode, runVankho } from './start-web-mode.js';

const FILES = [
  testdata('real-docs', 'docs', '012-ct-ubnd.txt'),
  testdata('real-docs', 'docs', '0124-kh-ubnd.txt'),
  testdata('real-docs', 'docs', '01763-qd-ubnd.txt'),
  testdata('real-docs', 'docs', '02-2021-nd-cp.txt'),
  testdata('real-docs', 'pdf', '1026-kh-ubnd.pdf'),
  testdata('real-docs', 'pdf', '141-kh-ubnd.pdf'),
];
const ISSUER = 'Văn phòng Tỉnh ủy Thử nghiệm';

interface ListedDoc {
  id: number;
  metadata: Record<string, string | null>;
  missing: string[];
  unconfirmed: string[];
  olderRules: { readBy: number; current: number } | null;
}

test.describe.configure({ mode: 'serial' });

let web: RunningWebMode;
let tempDir: string;
let archiveDir: string;
let page: Page;

/** The CLI, read-only beside the running app (read commands take no lock). */
function listJson(...args: string[]): { total: number; items: ListedDoc[] } {
  const out = runVankho(archiveDir, ['--json', 'list', '--limit', '500', ...args], { timeoutMs: 60_000 });
  return JSON.parse(out) as { total: number; items: ListedDoc[] };
}

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-review-'));
  archiveDir = join(tempDir, 'kho');
  web = await startWebMode(['--archive', archiveDir, '--no-samples']);
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${web.url}/#token=${E2E_TOKEN}`);
});

test.afterAll(async () => {
  await page?.close();
  await web?.stop();
  rmSync(tempDir, { recursive: true, force: true });
});

test('imports real documents; the review queue lists the uncertain ones with what each lacks', async () => {
  await page.getByTestId('nav-import').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-pick-files').click();
  await (await chooser).setFiles(FILES);
  await expect(page.getByTestId('outcome-imported')).toHaveCount(FILES.length, { timeout: 90_000 });

  const queue = listJson('--to-review');
  expect(queue.total).toBeGreaterThan(0);
  await expect(page.getByTestId('review-badge')).toHaveText(String(queue.total));
  await page.getByTestId('nav-review').click();
  const rows = page.getByTestId('review-row');
  await expect(rows).toHaveCount(queue.total);
  // Same documents, same order (newest import first), and each row says what is missing/unconfirmed.
  const shown = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-doc-id'))));
  expect(shown).toEqual(queue.items.map((d) => d.id));
  for (const [i, d] of queue.items.entries()) {
    const row = rows.nth(i);
    if (d.missing.length > 0) await expect(row.getByTestId('review-missing')).toBeVisible();
    else await expect(row.getByTestId('review-missing')).toHaveCount(0);
    if (d.unconfirmed.length > 0) await expect(row.getByTestId('review-unconfirmed')).toBeVisible();
  }
  await expect(page.getByTestId('review-count')).toContainText(String(queue.total));
  await page.screenshot({ path: artifact('21-review-queue') });
});

test('a bulk edit of three documents’ issuer shows in the facet; undo restores them', async () => {
  const before = listJson('--to-review').items.slice(0, 3);
  const rows = page.getByTestId('review-row');
  // A checkbox, then Shift+click two rows further: the range of three.
  await rows.nth(0).getByTestId('row-check').click();
  await rows
    .nth(2)
    .getByTestId('row-check')
    .click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('bulk-count')).toContainText('3');
  await page.getByTestId('bulk-action').selectOption('issuer');
  await page.getByTestId('bulk-value').fill(ISSUER);
  await page.screenshot({ path: artifact('22-bulk-edit') });
  await page.getByTestId('bulk-apply').click();
  await expect(page.locator('.toast').filter({ hasText: 'Đã sửa 3 văn bản' })).toBeVisible();

  await page.getByTestId('nav-search').click();
  const facet = page.getByTestId('facet-issuers').locator('.facet-item', { hasText: ISSUER });
  await expect(facet.locator('.facet-count')).toHaveText('3');
  await page.screenshot({ path: artifact('23-bulk-facet') });

  // The undo is offered in the search screen too (the archive remembers the last bulk change).
  await page.reload();
  await page.getByTestId('nav-search').click();
  await page.getByTestId('bulk-undo').click();
  await expect(page.locator('.toast').filter({ hasText: 'khôi phục 3 văn bản' })).toBeVisible();
  await expect(page.getByTestId('facet-issuers').locator('.facet-item', { hasText: ISSUER })).toHaveCount(0);
  const after = listJson('--to-review').items.filter((d) => before.some((b) => b.id === d.id));
  expect(after.map((d) => [d.id, d.metadata['issuer'], d.unconfirmed])).toEqual(
    before.map((d) => [d.id, d.metadata['issuer'], d.unconfirmed]),
  );
});

test('a date typed dd/mm/yyyy is saved and shown as dd/mm/yyyy; an invalid one keeps the other edits', async () => {
  await page.getByTestId('nav-review').click();
  const first = page.getByTestId('review-row').first();
  const id = Number(await first.getAttribute('data-doc-id'));
  await first.click();
  await expect(page.getByTestId('review-bar')).toBeVisible();
  await page.getByTestId('field-signer').fill('Nguyễn Văn Thử');
  await page.getByTestId('field-issuedDate').fill('31/02/2024');
  await page.getByTestId('metadata-save').click();
  await expect(page.getByTestId('field-issuedDate-error')).toContainText('Ngày không hợp lệ');
  await expect(page.getByTestId('field-issuedDate')).toHaveAttribute('aria-invalid', 'true');
  // Nothing was lost: the other edit is still in the form.
  await expect(page.getByTestId('field-signer')).toHaveValue('Nguyễn Văn Thử');
  await page.screenshot({ path: artifact('24-date-invalid') });

  await page.getByTestId('field-issuedDate').fill('28/11/2025');
  await expect(page.getByTestId('field-issuedDate-error')).toHaveCount(0);
  await page.getByTestId('metadata-save').click();
  await expect(page.locator('.toast').filter({ hasText: 'Đã lưu' })).toBeVisible();
  await expect(page.getByTestId('field-issuedDate')).toHaveValue('28/11/2025');
  await expect(page.locator('.doc-header-title')).toContainText('28/11/2025');
  const saved = listJson().items.find((d) => d.id === id)!;
  expect(saved.metadata['issuedDate']).toBe('2025-11-28');
  expect(saved.metadata['signer']).toBe('Nguyễn Văn Thử');
  await page.screenshot({ path: artifact('25-date-saved') });

  // d/m/yyyy works too.
  await page.getByTestId('field-issuedDate').fill('5/3/2024');
  await page.getByTestId('metadata-save').click();
  await expect(page.locator('.doc-header-title')).toContainText('05/03/2024');
});

test('review by keyboard: Alt+N goes to the next in the queue, Ctrl+Enter confirms and moves on', async () => {
  const queue = listJson('--to-review').items.map((d) => d.id);
  const here = Number(/#\/doc\/(\d+)/.exec(page.url())?.[1]);
  const at = queue.indexOf(here);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Alt+n');
  const next = queue[(at + 1) % queue.length]!;
  await expect(page).toHaveURL(new RegExp(`#/doc/${next}\\?from=review`));
  await expect(page.getByTestId('review-bar')).toBeVisible();

  // Fill what is missing and take every suggestion with Ctrl+Enter: the document leaves the queue.
  const d = listJson('--to-review').items.find((x) => x.id === next)!;
  const values: Record<string, string> = {
    number: '77/KH-UBND',
    docType: 'Kế hoạch',
    issuer: 'UBND tỉnh Thử',
    issuedDate: '01/02/2025',
  };
  for (const f of d.missing) await page.getByTestId(`field-${f}`).fill(values[f]!);
  await page.getByTestId('field-title').focus();
  await page.keyboard.press('Control+Enter');
  await expect(page).not.toHaveURL(new RegExp(`#/doc/${next}\\?`));
  expect(listJson('--to-review').items.map((x) => x.id)).not.toContain(next);
  await expect(page.getByTestId('review-badge')).toHaveText(String(queue.length - 1));
  await page.screenshot({ path: artifact('26-review-next') });
});

test('a document read by older extraction rules shows a notice in the queue and on its screen until confirmed', async () => {
  // As an app with older rules left them (version 0, before this app's first): one reviewed document,
  // out of the queue, and one other. The running app reads the column at each request.
  const all = listJson().items;
  const inQueue = new Set(listJson('--to-review').items.map((d) => d.id));
  const reviewed = all.find((d) => !inQueue.has(d.id))!;
  const other = all.find((d) => d.id !== reviewed.id)!;
  const db = new Database(join(archiveDir, 'archive.sqlite'));
  try {
    db.prepare('UPDATE documents SET extraction_rule = 0 WHERE id IN (?, ?)').run(reviewed.id, other.id);
  } finally {
    db.close();
  }
  const queue = listJson('--to-review').items;
  expect(queue.find((d) => d.id === reviewed.id)?.olderRules).toEqual({ readBy: 0, current: 1 });

  await page.reload();
  await expect(page.getByTestId('review-badge')).toHaveText(String(queue.length));
  await page.getByTestId('nav-review').click();
  const row = page.locator(`[data-testid="review-row"][data-doc-id="${reviewed.id}"]`);
  await expect(row.getByTestId('review-older-rules')).toHaveText('Đọc theo quy tắc cũ');
  await expect(row.getByTestId('review-missing')).toHaveCount(0);
  await expect(row.getByTestId('review-unconfirmed')).toHaveCount(0);
  await row.click();
  const notice = page.getByTestId('older-rules-notice');
  await expect(notice).toContainText('quy tắc trích xuất cũ (phiên bản 0, nay là 1)');
  await page.screenshot({ path: artifact('26b-older-rules') });
  await notice.getByTestId('older-rules-confirm').click();
  await expect(page.locator('.toast').filter({ hasText: 'Đã xác nhận văn bản như hiện có' })).toBeVisible();
  await expect(page.getByTestId('older-rules-notice')).toHaveCount(0);
  const after = listJson().items.find((d) => d.id === reviewed.id)!;
  expect(after.olderRules).toBeNull();
  expect(listJson('--to-review').items.map((d) => d.id)).not.toContain(reviewed.id);
  await expect(page.getByTestId('review-badge')).toHaveText(String(queue.length - 1));
});

test('re-extracts the whole archive as a job from the archive screen', async () => {
  await page.getByTestId('nav-archive').click();
  // One document is still read by older rules (above): the card says so until the whole archive is read again.
  await expect(page.getByTestId('reextract-behind')).toContainText(
    '1 văn bản được đọc theo quy tắc trích xuất cũ',
  );
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('reextract-card').getByTestId('reextract-start').click();
  await expect(page.getByTestId('reextract-result')).toContainText(
    `Đã trích xuất lại ${FILES.length} văn bản`,
    {
      timeout: 90_000,
    },
  );
  await expect(page.getByTestId('reextract-result')).toContainText('0 lỗi');
  await expect(page.getByTestId('reextract-behind')).toHaveCount(0);
  expect(listJson().items.filter((d) => d.olderRules !== null)).toEqual([]);
  // A person's values are never changed by it.
  const saved = listJson().items.find((x) => x.metadata['signer'] === 'Nguyễn Văn Thử');
  expect(saved?.metadata['issuedDate']).toBe('2024-03-05');
  await page.getByTestId('reextract-card').screenshot({ path: artifact('27-reextract') });
});
