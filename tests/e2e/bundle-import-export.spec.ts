// Bundles in the app (issue 16, defect 3), in the real web mode: a VanKho bundle (made by
// `vankho export` from another archive) dropped on the Import screen is offered for a merge instead
// of being filed as a document, and the merge report lists every document (added, then "already
// present" on a second import from the Archive screen); a plain ZIP is still imported as a file; the
// current search results are exported from the Archive screen and the downloaded ZIP holds the
// bundle manifest with exactly those documents; the document on screen exports as a one-document bundle.
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { repoPath } from '../helpers/repo-root.js';
import { artifact, E2E_TOKEN } from './e2e-env.js';
import { startWebMode, type RunningWebMode } from './start-web-mode.js';

const DOCS: Array<[string, string]> = [
  [
    'tb-hai-dang.txt',
    'ỦY BAN NHÂN DÂN XÃ TÂN PHƯỚC\nSố: 31/TB-UBND\nTân Phước, ngày 14 tháng 02 năm 2022\nTHÔNG BÁO\nVề việc bảo vệ ngọn hải đăng Tân Phước.\n',
  ],
  [
    'kh-rung-ngap-man.txt',
    'ỦY BAN NHÂN DÂN HUYỆN ĐÔNG YÊN\nSố: 88/KH-UBND\nĐông Yên, ngày 20 tháng 5 năm 2024\nKẾ HOẠCH\nTrồng rừng ngập mặn ven biển năm 2024.\n',
  ],
];

test.describe.configure({ mode: 'serial' });

let web: RunningWebMode;
let tempDir: string;
let bundle: string;
let plainZip: string;
let page: Page;

function cli(...args: string[]): string {
  const r = spawnSync(process.execPath, [repoPath('bin', 'vankho.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 90_000,
  });
  if (r.status !== 0) throw new Error(`vankho ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

async function zipBuffer(entries: Array<[string, Buffer]>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, data] of entries) z.addBuffer(data, name);
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

async function readZipEntry(file: string, name: string): Promise<Buffer | null> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  try {
    for await (const e of zip.eachEntry()) {
      if (e.fileName !== name) continue;
      const chunks: Buffer[] = [];
      for await (const c of (await zip.openReadStreamPromise(e)) as AsyncIterable<Buffer>) chunks.push(c);
      return Buffer.concat(chunks);
    }
    return null;
  } finally {
    zip.close();
  }
}

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-bundle-'));
  // Another archive, filled and exported with the CLI: the bundle a colleague would send.
  const other = join(tempDir, 'kho-khac');
  const files = DOCS.map(([name, text]) => {
    const p = join(tempDir, name);
    writeFileSync(p, text, 'utf8');
    return p;
  });
  cli('--archive', other, 'import', ...files);
  bundle = join(tempDir, 'goi-kho-khac.zip');
  cli('--archive', other, 'export', '--all', '--out', bundle);
  plainZip = join(tempDir, 'tai-lieu-nen.zip');
  writeFileSync(
    plainZip,
    await zipBuffer([['ghi-chu.txt', Buffer.from('Một tệp nén thường, không phải gói.')]]),
  );

  web = await startWebMode(['--archive', join(tempDir, 'kho'), '--no-samples']);
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${web.url}/#token=${E2E_TOKEN}`);
});

test.afterAll(async () => {
  await page?.close();
  await web?.stop();
  rmSync(tempDir, { recursive: true, force: true });
});

test('the Import screen offers to merge a bundle and shows the per-document report; a plain ZIP is a file', async () => {
  await page.getByTestId('nav-import').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-pick-files').click();
  await (await chooser).setFiles([bundle, plainZip]);

  // The plain ZIP is imported as today (one file in the import report), the bundle is not.
  await expect(page.getByTestId('import-outcomes').locator('.outcome-row')).toHaveCount(1, {
    timeout: 60_000,
  });
  await expect(page.getByTestId('import-outcomes')).toContainText('tai-lieu-nen.zip');
  await expect(page.getByTestId('import-outcomes')).not.toContainText('goi-kho-khac.zip');

  const offer = page.getByTestId('bundle-offer');
  await expect(offer).toHaveCount(1);
  await expect(offer).toContainText('goi-kho-khac.zip');
  await expect(offer).toContainText(`${DOCS.length} văn bản`);
  await expect(offer).toContainText('Gộp vào kho đang mở?');
  await offer.getByTestId('bundle-merge').click();
  await expect(offer.getByTestId('bundle-summary')).toContainText(
    `Thêm ${DOCS.length}, gộp 0, bỏ qua (đã có) 0`,
    {
      timeout: 60_000,
    },
  );
  await expect(offer.getByTestId('bundle-outcome-added')).toHaveCount(DOCS.length);
  await expect(offer.getByTestId('bundle-outcomes')).toContainText('31/TB-UBND');
  // Merged: the card reports, it no longer asks.
  await expect(offer).not.toContainText('Gộp vào kho đang mở?');
  await page.screenshot({ path: artifact('bundle-01-import-merge') });
  await offer.getByRole('button', { name: 'Đóng' }).click();
  await expect(page.getByTestId('bundle-offer')).toHaveCount(0);
});

test('the Archive screen imports the same bundle again: every document is already present', async () => {
  await page.getByTestId('nav-archive').click();
  const card = page.getByTestId('bundle-import-card');
  await card.getByTestId('bundle-file-input').setInputFiles(bundle);
  const offer = card.getByTestId('bundle-offer');
  await offer.getByTestId('bundle-merge').click();
  await expect(offer.getByTestId('bundle-summary')).toContainText(
    `Thêm 0, gộp 0, bỏ qua (đã có) ${DOCS.length}`,
    {
      timeout: 60_000,
    },
  );
  await expect(offer.getByTestId('bundle-outcome-skipped')).toHaveCount(DOCS.length);
  await offer.getByRole('button', { name: 'Đóng' }).click();
});

test('exports the current search results as a bundle; the downloaded ZIP holds the manifest', async () => {
  await page.getByTestId('nav-search').click();
  await page.getByTestId('search-input').fill('hai dang');
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('search-result').first()).toContainText('hải đăng');
  const shown = await page.getByTestId('search-result').count();

  await page.getByTestId('nav-archive').click();
  const card = page.getByTestId('export-card');
  await card.getByTestId('export-scope-search').check();
  await expect(card.getByTestId('export-scope')).toContainText('hai dang');
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await card.getByTestId('export-bundle').click();
  const file = join(tempDir, 'tai-ve.zip');
  await (await download).saveAs(file);
  const manifest = JSON.parse(
    ((await readZipEntry(file, 'manifest.json')) ?? Buffer.from('null')).toString('utf8'),
  ) as {
    format: string;
    selection: { kind: string; value: string };
    documents: Array<{ title: string }>;
  } | null;
  expect(manifest).not.toBeNull();
  expect(manifest!.selection).toEqual({ kind: 'query', value: 'hai dang' });
  expect(manifest!.documents).toHaveLength(shown);
  expect(manifest!.documents.map((d) => d.title).join(' ')).toContain('hải đăng');
  expect(readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');
  await page.screenshot({ path: artifact('bundle-02-export-search') });
});

test('exports the document on screen as a bundle of that one document', async () => {
  await page.getByTestId('nav-search').click();
  await page.getByTestId('search-input').fill('rung ngap man');
  await page.getByTestId('search-input').press('Enter');
  await page.getByTestId('search-result').first().click();
  await expect(page.getByTestId('document-screen')).toBeVisible();
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId('export-document').click();
  const file = join(tempDir, 'mot-van-ban.zip');
  await (await download).saveAs(file);
  const manifest = JSON.parse((await readZipEntry(file, 'manifest.json'))!.toString('utf8')) as {
    selection: { kind: string };
    documents: Array<{ title: string }>;
  };
  expect(manifest.selection.kind).toBe('ids');
  expect(manifest.documents).toHaveLength(1);
  expect(manifest.documents[0]!.title).toContain('rừng ngập mặn');
});

test('exports the search results checked with their boxes as a bundle of exactly those', async () => {
  await page.getByTestId('nav-search').click();
  await page.getByTestId('search-input').fill('uy ban nhan dan');
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('search-result')).toHaveCount(DOCS.length);
  const checks = page.getByTestId('row-check');
  await checks.nth(0).check();
  await checks.nth(1).check();
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId('export-selected').click();
  const file = join(tempDir, 'da-chon.zip');
  await (await download).saveAs(file);
  const manifest = JSON.parse((await readZipEntry(file, 'manifest.json'))!.toString('utf8')) as {
    selection: { kind: string };
    documents: Array<{ title: string }>;
  };
  expect(manifest.selection.kind).toBe('ids');
  expect(manifest.documents).toHaveLength(DOCS.length);
});
