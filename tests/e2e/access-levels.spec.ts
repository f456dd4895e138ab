// Mức độ tiếp cận in the app (issue 12): the "Mật" badge on a search result and on the document
// screen, the access facet narrowing the results, and the export card's "Gồm cả tài liệu mật"
// checkbox — unticked, the downloaded bundle leaves the mật document out and says so; ticked, it is
// in. Real web mode, real Chromium; the level set with the CLI beside it.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zipEntries } from '../helpers/zip-entries.js';
import { repoPath, repoRoot } from '../helpers/repo-root.js';
import { artifact } from './e2e-env.js';
import { openAppOn, runVankho } from './start-web-mode.js';

const FILES = ['06-quyet-dinh-1520-QD-UBND.pdf', '08-ke-hoach-45-KH-UBND.pdf', '07-chi-thi-03-CT-UBND.docx'];

const PUBLIC_RECORD = 'H41.2024.01.VP';
const SECRET_RECORD = 'H41.2024.02.MAT';

let app: Awaited<ReturnType<typeof openAppOn>>;
let tempDir: string;
let archiveDir: string;
let secretNumber: string;

const vankho = (args: string[]): string => runVankho(archiveDir, args);

/** The numbers (số ký hiệu) of the documents in a downloaded bundle's manifest. */
async function bundledNumbers(file: string): Promise<string[]> {
  const manifest = (await zipEntries(file)).find(([name]) => name === 'manifest.json');
  expect(manifest).toBeDefined();
  const m = JSON.parse(manifest![1].toString('utf8')) as { documents: Array<{ number: string | null }> };
  return m.documents.map((d) => d.number ?? '');
}

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-access-'));
  archiveDir = join(tempDir, 'kho');
  vankho(['import', ...FILES.map((f) => repoPath('resources', 'samples', f))]);
  const listed = JSON.parse(vankho(['--json', 'list'])) as {
    items: Array<{ id: number; metadata: { number: string | null } }>;
  };
  const qd = listed.items.find((d) => d.metadata.number?.startsWith('1520'));
  expect(qd).toBeDefined();
  secretNumber = qd!.metadata.number!;
  // The words a person types: the one parser turns them into the code.
  vankho(['set', String(qd!.id), 'access=Mật']);
  expect(vankho(['show', String(qd!.id)])).toContain('Mật / Confidential');
  // A public hồ sơ holding all three, and a mật one.
  vankho(['records', 'create', '--code', PUBLIC_RECORD, '--title', 'Hồ sơ chỉ đạo năm 2024']);
  vankho(['records', 'add', PUBLIC_RECORD, ...listed.items.map((d) => String(d.id))]);
  vankho(['records', 'create', '--code', SECRET_RECORD, '--title', 'Hồ sơ mật năm 2024', '--access', 'Mật']);
  app = await openAppOn(browser, archiveDir);
});

test.afterAll(async () => {
  await app?.close();
  rmSync(tempDir, { recursive: true, force: true });
});

test('a mật document is badged in the results and on its screen; the facet narrows to it', async () => {
  const { page } = app;
  await page.getByTestId('nav-search').click();
  await page.getByTestId('search-input').fill('ủy ban nhân dân');
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('search-result')).toHaveCount(FILES.length, { timeout: 30_000 });
  // Only the restricting level is badged in a list: one badge, on the mật document's row.
  const badges = page.getByTestId('results').getByTestId('access-badge');
  await expect(badges).toHaveCount(1);
  await expect(badges).toHaveText('Mật');
  await expect(badges).toHaveAttribute('data-level', 'mat');
  const row = page.getByTestId('search-result').filter({ has: page.getByTestId('access-badge') });
  await expect(row).toContainText(secretNumber);
  // Visibly distinct: filled red, not the grey of an ordinary badge.
  await expect(badges).toHaveCSS('color', 'rgb(255, 255, 255)');
  await expect(badges).toHaveCSS('background-color', /^rgb\(\d+, \d+, \d+\)$/);
  const bg = /(\d+), (\d+), (\d+)/.exec(
    await badges.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor),
  );
  const [r, g, b] = bg!.slice(1).map(Number) as [number, number, number];
  expect(r).toBeGreaterThan(g + 60);
  expect(r).toBeGreaterThan(b + 60);

  const facet = page.getByTestId('facet-access');
  await expect(facet).toContainText('Mức độ tiếp cận');
  await expect(facet.getByTestId('facet-item')).toHaveText([/Công khai\s*2/, /Mật\s*1/]);
  await page.screenshot({ path: resolve(repoRoot, 'test-results', 'access-01-results.png') });
  await page.screenshot({ path: artifact('access-01-results') });
  await facet.getByTestId('facet-item').filter({ hasText: 'Mật' }).click();
  await expect(page.getByTestId('search-result')).toHaveCount(1);
  await expect(page.getByTestId('filter-chip')).toContainText('Mật');
  await expect(page).toHaveURL(/tiepcan=mat/);

  await page.getByTestId('search-result').first().click();
  await expect(page.getByTestId('document-screen')).toBeVisible();
  const docBadge = page.getByTestId('document-screen').getByTestId('access-badge').first();
  await expect(docBadge).toHaveText('Mật');
  await expect(page.getByTestId('export-document')).toHaveText('Xuất gói văn bản mật này');
  await page.screenshot({ path: resolve(repoRoot, 'test-results', 'access-02-document.png') });
});

test('export leaves the mật document out unless "Gồm cả tài liệu mật" is ticked', async () => {
  const { page } = app;
  await page.getByTestId('nav-archive').click();
  const card = page.getByTestId('export-card');
  const include = card.getByTestId('export-include-secret');
  await expect(include).not.toBeChecked();
  await expect(card).toContainText('Gồm cả tài liệu mật');

  let download = page.waitForEvent('download', { timeout: 60_000 });
  await card.getByTestId('export-bundle').click();
  const without = join(tempDir, 'khong-mat.zip');
  await (await download).saveAs(without);
  await expect(card.getByTestId('export-secret-left-out')).toContainText('Không gồm 1 văn bản mật');
  const left = await bundledNumbers(without);
  expect(left).toHaveLength(FILES.length - 1);
  expect(left).not.toContain(secretNumber);
  await card.screenshot({ path: resolve(repoRoot, 'test-results', 'access-03-export.png') });
  await card.screenshot({ path: artifact('access-03-export') });

  await include.check();
  download = page.waitForEvent('download', { timeout: 60_000 });
  await card.getByTestId('export-bundle').click();
  const withSecret = join(tempDir, 'gom-mat.zip');
  await (await download).saveAs(withSecret);
  await expect(card.getByTestId('export-secret-left-out')).toHaveCount(0);
  const all = await bundledNumbers(withSecret);
  expect(all).toHaveLength(FILES.length);
  expect(all).toContain(secretNumber);
});

test('hồ sơ lists badge the mật hồ sơ and, inside a hồ sơ, the mật document', async () => {
  const { page } = app;
  await page.getByTestId('nav-records').click();
  const rows = page.getByTestId('record-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: SECRET_RECORD }).getByTestId('access-badge')).toHaveText('Mật');
  await expect(rows.filter({ hasText: PUBLIC_RECORD }).getByTestId('access-badge')).toHaveCount(0);
  await rows.filter({ hasText: PUBLIC_RECORD }).getByRole('button', { name: PUBLIC_RECORD }).click();
  const docs = page.getByTestId('record-document');
  await expect(docs).toHaveCount(FILES.length);
  const badged = docs.filter({ has: page.getByTestId('access-badge') });
  await expect(badged).toHaveCount(1);
  await expect(badged).toContainText(secretNumber);
  await expect(badged.getByTestId('access-badge')).toHaveText('Mật');
  await page.screenshot({ path: resolve(repoRoot, 'test-results', 'access-04-record.png') });
});
