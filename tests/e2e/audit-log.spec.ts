// "Nhật ký truy cập" in the app (issue 14): what was done through the app and over HTTP shows in the
// access log, newest first — time, who, action, document with its số ký hiệu, from where, detail —
// filtered by document, action and period, paged 50 at a time; the CLI reads the same rows beside
// the running app. Real web mode, real Chromium, real sample documents.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from '../helpers/repo-root.js';
import { artifact, E2E_TOKEN } from './e2e-env.js';
import { openAppOn, runVankho } from './start-web-mode.js';

let app: Awaited<ReturnType<typeof openAppOn>>;
let tempDir: string;
let archiveDir: string;
let page: Page;
let docs: { id: number; number: string | null }[];

function vankho(args: string[]): string {
  return runVankho(archiveDir, args);
}

async function api(method: string, input: unknown): Promise<unknown> {
  const r = await fetch(`${app.web.url}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${E2E_TOKEN}` },
    body: JSON.stringify({ input }),
  });
  const body = (await r.json()) as { ok: boolean; value?: unknown };
  expect(body.ok, method).toBe(true);
  return body.value;
}

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-audit-'));
  archiveDir = join(tempDir, 'kho');
  vankho([
    'import',
    repoPath('resources', 'samples', '07-chi-thi-03-CT-UBND.docx'),
    repoPath('resources', 'samples', '09-thong-bao-112-TB-UBND.txt'),
  ]);
  docs = (JSON.parse(vankho(['--json', 'list'])) as { items: { id: number; number: string | null }[] }).items;
  expect(docs).toHaveLength(2);
  app = await openAppOn(browser, archiveDir);
  page = app.page;
});

test.afterAll(async () => {
  await app?.close();
  rmSync(tempDir, { recursive: true, force: true });
});

test('actions in the app and over HTTP show in the access log, filtered and paged', async () => {
  const [a, b] = docs as [(typeof docs)[0], (typeof docs)[0]];
  // In the app: open a document and edit it.
  await page.goto(`${app.web.url}/#/doc/${a.id}`);
  await page.getByTestId('field-notes').fill('Đã đối chiếu bản gốc');
  await page.getByTestId('metadata-save').click();
  await expect(page.getByText('Đã lưu thông tin văn bản.')).toBeVisible();
  // Over HTTP: 55 views of the other document, enough for a second page.
  for (let i = 0; i < 55; i++) await api('documentGet', { documentId: b.id });

  await page.getByTestId('nav-archive').click();
  await page.getByTestId('open-audit').click();
  const screen = page.getByTestId('audit-screen');
  await expect(screen.getByRole('heading', { name: 'Nhật ký truy cập' })).toBeVisible();
  const rows = screen.getByTestId('audit-row');
  await expect(rows).toHaveCount(50);
  const all = JSON.parse(vankho(['--json', 'audit', '--limit', '1000'])) as {
    action: string;
    documentId: number;
  }[];
  expect(all.filter((r) => r.action === 'view' && r.documentId === b.id)).toHaveLength(55);
  // At least the document opened, its edit, and the 55 views (the app may read a document again).
  expect(all.length).toBeGreaterThanOrEqual(57);
  await expect(screen.getByTestId('audit-count')).toHaveText(`${all.length} dòng`);
  await expect(screen.getByTestId('audit-range')).toHaveText(`1–50 / ${all.length}`);
  await screen.getByTestId('audit-older').click();
  await expect(rows).toHaveCount(all.length - 50);
  await screen.getByTestId('audit-newer').click();
  await expect(rows).toHaveCount(50);

  // By document and action: the edit of the first document, with the field and its number.
  await screen.getByTestId('audit-filter-doc').fill(String(a.id));
  await screen.getByTestId('audit-filter-action').selectOption('edit');
  await screen.getByTestId('audit-apply').click();
  await expect(rows).toHaveCount(1);
  const edit = rows.first();
  await expect(edit).toContainText('Sửa');
  await expect(edit).toContainText(`#${a.id} ${a.number ?? ''}`.trim());
  await expect(edit).toContainText('Máy này');
  // The detail in words (the stored JSON stays in the cell's title).
  await expect(edit.getByTestId('audit-detail')).toHaveText('fields: notes');
  await expect(edit.getByTestId('audit-detail')).toHaveAttribute('title', /"fields":\["notes"\]/);
  await screen.screenshot({ path: artifact('41-audit-log') });

  // A period that ended before today holds nothing; a bad date is said on the filter.
  await screen.getByTestId('audit-filter-to').fill('01/01/2020');
  await screen.getByTestId('audit-apply').click();
  await expect(screen.getByText('Không có dòng nhật ký nào')).toBeVisible();
  await screen.getByTestId('audit-filter-from').fill('31/02/2026');
  await screen.getByTestId('audit-apply').click();
  await expect(screen.getByTestId('audit-filter-error')).toBeVisible();

  // A row's document opens from the log.
  await screen.getByRole('button', { name: 'Bỏ lọc' }).click();
  await expect(rows).toHaveCount(50);
  await rows.first().getByRole('button').click();
  await expect(page.getByTestId('document-screen')).toBeVisible();
});
