// Units and read grants in Chromium (issue 14): on one `vankho serve`, the administrator adds a unit
// in "Tài khoản" and puts a reader in it; the archivist opens the mật document to that unit on the
// document screen ("Đơn vị được đọc"); the reader then finds it, and no longer once it is revoked.
// Then the reader is put in a second unit as well: both show, a grant to the second one opens the
// document, and taking the reader out of that unit (only) closes it again.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from '../helpers/repo-root.js';
import { artifact } from './e2e-env.js';

const PASSWORD = 'mật-khẩu-dài-1';
let tempDir: string;
let archiveDir: string;
let server: ChildProcess;
let url: string;

function vankho(args: string[], input = ''): string {
  const r = spawnSync(process.execPath, [repoPath('bin', 'vankho.mjs'), '--archive', archiveDir, ...args], {
    encoding: 'utf8',
    input,
    timeout: 120_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

test.beforeAll(async () => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-units-'));
  archiveDir = join(tempDir, 'kho');
  vankho([
    'import',
    repoPath('resources', 'samples', '06-quyet-dinh-1520-QD-UBND.pdf'),
    repoPath('resources', 'samples', '08-ke-hoach-45-KH-UBND.pdf'),
  ]);
  const items = (
    JSON.parse(vankho(['--json', 'list'])) as { items: { id: number; metadata: { number: string | null } }[] }
  ).items;
  const secret = items.find((i) => i.metadata.number?.startsWith('1520'));
  expect(secret).toBeDefined();
  vankho(['set', String(secret!.id), 'access=Mật']);
  vankho(['users', 'add', 'quantri', '--role', 'admin', '--password-stdin'], PASSWORD);
  vankho(['users', 'add', 'vanthu', '--role', 'archivist', '--password-stdin'], PASSWORD);
  vankho(['users', 'add', 'canbo', '--role', 'reader', '--password-stdin'], PASSWORD);
  server = spawn(
    process.execPath,
    [repoPath('bin', 'vankho.mjs'), '--archive', archiveDir, 'serve', '--listen', '127.0.0.1:0'],
    {
      cwd: repoPath(),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /^VanKho server: (\S+)$/m.exec(out);
      if (m) resolve(m[1]!);
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(tempDir, { recursive: true, force: true });
});

async function signIn(browser: Browser, username: string, password = PASSWORD): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Đăng nhập / Sign in' })).toBeVisible();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(page.getByTestId('session-bar')).toBeVisible();
  return page;
}

async function resultsFor(page: Page, query: string): Promise<string[]> {
  // A fresh page: the same query left on screen from before a change would show its old results
  // (visible at once) until the new answer replaces them.
  await page.reload();
  await page.getByTestId('nav-search').click();
  await page.getByTestId('search-input').fill(query);
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('search-result').first()).toBeVisible();
  return page.getByTestId('search-result').allInnerTexts();
}

test('an administrator puts a reader in a unit; the archivist opens the mật document to it', async ({
  browser,
}) => {
  const admin = await signIn(browser, 'quantri');
  const clerk = await signIn(browser, 'vanthu');
  const reader = await signIn(browser, 'canbo');
  expect((await resultsFor(reader, 'ubnd')).join('\n')).not.toContain('1520');

  await admin.getByTestId('nav-users').click();
  await admin.getByTestId('unit-new-name').fill('Phòng Tổ chức');
  await admin.getByTestId('unit-add').click();
  await expect(admin.locator('[data-testid="unit-row"][data-name="Phòng Tổ chức"]')).toBeVisible();
  const row = admin.locator('[data-testid="user-row"][data-username="canbo"]');
  await row.getByTestId('user-unit-add').selectOption({ label: 'Phòng Tổ chức' });
  await expect(row.locator('[data-testid="user-unit"][data-name="Phòng Tổ chức"]')).toBeVisible();
  await expect(admin.locator('[data-testid="unit-row"][data-name="Phòng Tổ chức"]')).toContainText('canbo');
  await admin.screenshot({ path: artifact('60-units-accounts'), fullPage: true });

  await resultsFor(clerk, '1520');
  await clerk.getByTestId('search-result').first().click();
  const grants = clerk.getByTestId('doc-grants');
  await expect(grants).toContainText('Chưa cho đơn vị nào đọc');
  await grants.getByTestId('grant-unit').selectOption({ label: 'Phòng Tổ chức' });
  await grants.getByTestId('grant-add').click();
  await expect(grants.locator('[data-testid="grant"][data-name="Phòng Tổ chức"]')).toBeVisible();
  await clerk.screenshot({ path: artifact('61-units-document-grant') });

  const sees = await resultsFor(reader, 'ubnd');
  expect(sees.length).toBe(2);
  expect(sees.join('\n')).toContain('1520');

  await grants.getByTestId('grant-remove').click();
  await expect(grants).toContainText('Chưa cho đơn vị nào đọc');
  const after = await resultsFor(reader, 'ubnd');
  expect(after.length).toBe(1);
  expect(after.join('\n')).not.toContain('1520');
});

test('an account belongs to a second unit, shown beside the first; leaving it closes what it opened', async ({
  browser,
}) => {
  const admin = await signIn(browser, 'quantri');
  const clerk = await signIn(browser, 'vanthu');
  const reader = await signIn(browser, 'canbo');

  await admin.getByTestId('nav-users').click();
  await admin.getByTestId('unit-new-name').fill('Văn phòng');
  await admin.getByTestId('unit-add').click();
  const row = admin.locator('[data-testid="user-row"][data-username="canbo"]');
  const chips = row.getByTestId('user-unit');
  await expect(chips).toHaveCount(1); // Phòng Tổ chức, from the first test
  await row.getByLabel('Thêm canbo vào đơn vị').selectOption({ label: 'Văn phòng' });
  await expect(admin.getByText('Đã thêm canbo vào đơn vị Văn phòng')).toBeVisible();
  await expect(chips).toHaveCount(2);
  // Stored in the archive, not only on screen: a reload shows both, in the row and in each unit's members.
  await admin.reload();
  await expect(chips).toHaveCount(2);
  await expect(row.locator('[data-testid="user-unit"][data-name="Phòng Tổ chức"]')).toBeVisible();
  await expect(row.locator('[data-testid="user-unit"][data-name="Văn phòng"]')).toBeVisible();
  for (const name of ['Phòng Tổ chức', 'Văn phòng'])
    await expect(admin.locator(`[data-testid="unit-row"][data-name="${name}"]`)).toContainText('canbo');
  // Every unit is taken: nothing left to add.
  await expect(row.getByTestId('user-unit-add')).toHaveCount(0);
  await row.screenshot({ path: artifact('62-units-two-per-account') });

  expect((await resultsFor(reader, 'ubnd')).join('\n')).not.toContain('1520');
  await resultsFor(clerk, '1520');
  await clerk.getByTestId('search-result').first().click();
  const grants = clerk.getByTestId('doc-grants');
  await grants.getByTestId('grant-unit').selectOption({ label: 'Văn phòng' });
  await grants.getByTestId('grant-add').click();
  await expect(grants.locator('[data-testid="grant"][data-name="Văn phòng"]')).toBeVisible();
  // Enter on the words already there asks again: the new grant shows without a reload.
  await reader.getByTestId('search-input').press('Enter');
  await expect(reader.getByTestId('search-result').filter({ hasText: '1520' })).toHaveCount(1);
  expect((await resultsFor(reader, 'ubnd')).join('\n')).toContain('1520');

  await row.getByRole('button', { name: 'Bỏ canbo khỏi đơn vị Văn phòng' }).click();
  await expect(admin.getByText('Đã bỏ canbo khỏi đơn vị Văn phòng')).toBeVisible();
  await expect(chips).toHaveCount(1);
  await expect(chips).toHaveAttribute('data-name', 'Phòng Tổ chức');
  await expect(admin.locator('[data-testid="unit-row"][data-name="Văn phòng"]')).not.toContainText('canbo');
  await expect(row.getByTestId('user-unit-add')).toHaveCount(1);
  const after = await resultsFor(reader, 'ubnd');
  expect(after.length).toBe(1);
  expect(after.join('\n')).not.toContain('1520');
});
