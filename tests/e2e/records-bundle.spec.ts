// Hồ sơ nộp lưu in the app (issue 12), in the real web mode: two hồ sơ sharing a document (made with
// the CLI before the app starts); "Xuất hồ sơ nộp lưu" on a hồ sơ's screen downloads a bundle with its
// folder — files named "mã hồ sơ.số thứ tự", the Phụ lục VI XML — and two hồ sơ checked on the Hồ sơ
// list export together; that bundle imported by `vankho import-bundle` into a fresh archive gives
// the same hồ sơ with the same documents in the same order (`records show --json` on both sides).
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { repoPath } from '../helpers/repo-root.js';
import { artifact, E2E_TOKEN } from './e2e-env.js';
import { startWebMode, type RunningWebMode } from './start-web-mode.js';

const R1 = '000.00.00.H41.2024.01.VP';
const R2 = '000.00.00.H41.2024.02.MT';
const DOCS: Array<[string, string]> = [
  [
    'tb-31.txt',
    'ỦY BAN NHÂN DÂN XÃ TÂN PHƯỚC\nSố: 31/TB-UBND\nTân Phước, ngày 14 tháng 02 năm 2024\nTHÔNG BÁO\nVề việc bảo vệ ngọn hải đăng Tân Phước.\n',
  ],
  [
    'kh-88.txt',
    'ỦY BAN NHÂN DÂN HUYỆN ĐÔNG YÊN\nSố: 88/KH-UBND\nĐông Yên, ngày 20 tháng 5 năm 2024\nKẾ HOẠCH\nTrồng rừng ngập mặn ven biển năm 2024.\n',
  ],
  [
    'bc-12.txt',
    'ỦY BAN NHÂN DÂN XÃ TÂN PHƯỚC\nSố: 12/BC-UBND\nTân Phước, ngày 30 tháng 6 năm 2024\nBÁO CÁO\nKết quả trồng rừng sáu tháng đầu năm 2024.\n',
  ],
];

test.describe.configure({ mode: 'serial' });

let web: RunningWebMode;
let tempDir: string;
let archiveDir: string;
let page: Page;
/** The archive the hand-over bundle goes into (by the CLI, as the receiving lưu trữ would). */
const freshDir = (): string => join(tempDir, 'kho-luu-tru');

function cli(...args: string[]): string {
  const r = spawnSync(process.execPath, [repoPath('bin', 'vankho.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 90_000,
  });
  if (r.status !== 0) throw new Error(`vankho ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

interface ShownRecord {
  code: string;
  title: string;
  documents: Array<{ position: number; documentId: number; number: string | null }>;
}
const show = (dir: string, code: string): ShownRecord =>
  JSON.parse(cli('--archive', dir, '--json', 'records', 'show', code)) as ShownRecord;

async function zipFiles(file: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const out = new Map<string, Buffer>();
  try {
    for await (const e of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const c of (await zip.openReadStreamPromise(e)) as AsyncIterable<Buffer>) chunks.push(c);
      out.set(e.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return out;
}

interface Manifest {
  formatVersion: number;
  selection: { kind: string; value: string };
  records: Array<{ code: string; documents: string[] }>;
  documents: Array<{ uid: string; number: string | null }>;
}
const manifestOf = (files: Map<string, Buffer>): Manifest =>
  JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-nop-luu-'));
  archiveDir = join(tempDir, 'kho');
  const files = DOCS.map(([name, text]) => {
    const p = join(tempDir, name);
    writeFileSync(p, text, 'utf8');
    return p;
  });
  cli('--archive', archiveDir, 'import', ...files);
  const ids = (
    JSON.parse(cli('--archive', archiveDir, '--json', 'list')) as { items: Array<{ id: number }> }
  ).items.map((d) => String(d.id));
  expect(ids).toHaveLength(3);
  cli('--archive', archiveDir, 'records', 'create', '--code', R1, '--title', 'Hồ sơ văn phòng năm 2024');
  cli('--archive', archiveDir, 'records', 'create', '--code', R2, '--title', 'Hồ sơ môi trường năm 2024');
  cli('--archive', archiveDir, 'records', 'add', R1, ...ids);
  // By date in R1; the kế hoạch and the báo cáo go into R2 as well.
  const inR1 = show(archiveDir, R1).documents;
  expect(inR1.map((d) => d.number)).toEqual(['31/TB-UBND', '88/KH-UBND', '12/BC-UBND']);
  cli('--archive', archiveDir, 'records', 'add', R2, ...inR1.slice(1).map((d) => String(d.documentId)));

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

test('“Xuất hồ sơ nộp lưu” on a hồ sơ downloads its folder: files by mã hồ sơ.số thứ tự, XML, mục lục', async () => {
  await page.getByTestId('nav-records').click();
  await page.getByTestId('record-row').filter({ hasText: R1 }).getByRole('button', { name: R1 }).click();
  await expect(page.getByTestId('record-screen')).toHaveAttribute('data-code', R1);
  const button = page.getByTestId('record-export');
  await expect(button).toHaveText('Xuất hồ sơ nộp lưu');
  await page.screenshot({ path: artifact('records-bundle-01-record-screen') });
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await button.click();
  const file = join(tempDir, 'mot-ho-so.zip');
  await (await download).saveAs(file);
  const files = await zipFiles(file);
  const m = manifestOf(files);
  expect(m.formatVersion).toBe(2);
  expect(m.selection).toEqual({ kind: 'records', value: R1 });
  expect(m.records.map((r) => [r.code, r.documents.length])).toEqual([[R1, 3]]);
  expect([...files.keys()].filter((n) => n.startsWith(`${R1}/`)).sort()).toEqual(
    [
      `${R1}/${R1}.1.txt`,
      `${R1}/${R1}.2.txt`,
      `${R1}/${R1}.3.txt`,
      `${R1}/${R1}.json`,
      `${R1}/${R1}.xml`,
      `${R1}/muc-luc-van-ban.html`,
      `${R1}/muc-luc-van-ban.xlsx`,
    ].sort(),
  );
  expect(files.get(`${R1}/${R1}.1.txt`)!.toString('utf8')).toContain('31/TB-UBND');
  const xml = files.get(`${R1}/${R1}.xml`)!.toString('utf8');
  expect(xml).toContain(`<FileCode>${R1}</FileCode>`);
  expect(xml).toContain('<CodeNumber>88</CodeNumber>');
  expect(xml).toContain('<CodeNotation>KH-UBND</CodeNotation>');
  expect(files.get('SHA256SUMS')!.toString('utf8')).toContain(`  ${R1}/${R1}.3.txt`);
});

test('two hồ sơ checked on the list export together; imported elsewhere they are the same', async () => {
  await page.getByTestId('nav-records').click();
  await expect(page.getByTestId('record-row')).toHaveCount(2);
  await expect(page.getByTestId('records-export-bar')).toHaveCount(0);
  for (const row of await page.getByTestId('record-row').all()) await row.getByTestId('record-pick').check();
  const bar = page.getByTestId('records-export-bar');
  await expect(bar).toContainText('Đã chọn 2 hồ sơ');
  await expect(bar.getByTestId('records-export')).toHaveText('Xuất 2 hồ sơ nộp lưu');
  await page.screenshot({ path: artifact('records-bundle-02-records-list') });
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await bar.getByTestId('records-export').click();
  const file = join(tempDir, 'hai-ho-so.zip');
  await (await download).saveAs(file);
  const files = await zipFiles(file);
  const m = manifestOf(files);
  expect(m.records.map((r) => r.code)).toEqual([R1, R2]);
  expect(m.documents).toHaveLength(3);
  // The shared documents live in R1's folder and are copied, under R2's names, into R2's.
  expect(files.get(`${R2}/${R2}.1.txt`)!.equals(files.get(`${R1}/${R1}.2.txt`)!)).toBe(true);
  expect(files.get(`${R2}/${R2}.2.txt`)!.equals(files.get(`${R1}/${R1}.3.txt`)!)).toBe(true);

  const fresh = freshDir();
  const report = JSON.parse(cli('--archive', fresh, '--json', 'import-bundle', file)) as {
    added: number;
    records: Array<{ code: string; outcome: string; documentsAdded: number }>;
  };
  expect(report.added).toBe(3);
  expect(report.records.map((r) => [r.code, r.outcome, r.documentsAdded])).toEqual([
    [R1, 'added', 3],
    [R2, 'added', 2],
  ]);
  for (const code of [R1, R2]) {
    const here = show(archiveDir, code);
    const there = show(fresh, code);
    expect(there.title).toBe(here.title);
    expect(there.documents.map((d) => [d.position, d.number])).toEqual(
      here.documents.map((d) => [d.position, d.number]),
    );
  }
});

test('a hồ sơ that differs in the bundle is reported on import, and kept as it is here', async () => {
  // The receiving archive renamed R1 and sends it back.
  cli('--archive', freshDir(), 'records', 'set', R1, 'title=Hồ sơ văn phòng 2024 (đã chỉnh ở lưu trữ)');
  const back = join(tempDir, 'gui-lai.zip');
  cli('--archive', freshDir(), 'export', '--records', R1, '--out', back);

  await page.getByTestId('nav-archive').click();
  const card = page.getByTestId('bundle-import-card');
  await card.getByTestId('bundle-file-input').setInputFiles(back);
  const offer = card.getByTestId('bundle-offer');
  await expect(offer).toContainText('Gồm 1 hồ sơ nộp lưu');
  await offer.getByTestId('bundle-merge').click();
  await expect(offer.getByTestId('bundle-summary')).toContainText('Thêm 0, gộp 0, bỏ qua (đã có) 3', {
    timeout: 60_000,
  });
  const rec = offer.getByTestId('bundle-record-skipped');
  await expect(rec).toHaveCount(1);
  await expect(rec).toContainText(`Hồ sơ ${R1}`);
  await expect(rec.getByTestId('bundle-record-conflict')).toContainText(
    'Hồ sơ này đã có ở kho với nội dung khác (Tiêu đề hồ sơ): giữ nguyên nội dung ở đây',
  );
  await offer.screenshot({ path: artifact('records-bundle-03-import-conflict') });
  await rec.getByRole('button', { name: `Hồ sơ ${R1}` }).click();
  await expect(page.getByTestId('record-screen-title')).toHaveText('Hồ sơ văn phòng năm 2024');
});
