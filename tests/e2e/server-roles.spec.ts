// The office server in Chromium (issue 14): one `vankho serve`, two browser contexts — an archivist
// and a reader sign in on the "Đăng nhập / Sign in" screen; each sees its name and role with "Đăng
// xuất"; the archivist finds both documents, the reader only the công khai one (the mật document is
// absent from its results), a wrong password shows its message, and signing out returns to sign-in.
// The administrator's "Tài khoản / Accounts" screen (only theirs) adds a reader who signs in in a
// second context and does not find the mật document; a role change or disabling shows at once.
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
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-server-'));
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
  vankho(
    ['users', 'add', 'vanthu', '--role', 'archivist', '--display-name', 'Nguyễn Văn Thư', '--password-stdin'],
    PASSWORD,
  );
  vankho(
    ['users', 'add', 'canbo', '--role', 'reader', '--display-name', 'Trần Cán Bộ', '--password-stdin'],
    PASSWORD,
  );
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
  await page.getByTestId('nav-search').click();
  await page.getByTestId('search-input').fill(query);
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('search-result').first()).toBeVisible();
  return page.getByTestId('search-result').allInnerTexts();
}

test('an archivist and a reader on one server each see what their role allows', async ({ browser }) => {
  const clerk = await signIn(browser, 'vanthu');
  const reader = await signIn(browser, 'canbo');
  await expect(clerk.getByTestId('session-bar')).toContainText('Nguyễn Văn Thư — văn thư, lưu trữ');
  await expect(reader.getByTestId('session-bar')).toContainText('Trần Cán Bộ — cán bộ');
  await expect(reader.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();

  const clerkSees = await resultsFor(clerk, 'ubnd');
  expect(clerkSees.length).toBe(2);
  expect(clerkSees.join('\n')).toContain('1520');
  const readerSees = await resultsFor(reader, 'ubnd');
  expect(readerSees.length).toBe(1);
  expect(readerSees.join('\n')).not.toContain('1520');
  await reader.screenshot({ path: artifact('50-server-reader') });

  // The reader's app offers no edit: no import, review or trash; a document's fields are read-only;
  // the sidebar counts only what the reader may read.
  for (const nav of ['nav-import', 'nav-review', 'nav-trash']) {
    await expect(clerk.getByTestId(nav)).toBeVisible();
    await expect(reader.getByTestId(nav)).toHaveCount(0);
  }
  await expect(clerk.locator('.archive-badge')).toContainText('2 văn bản');
  await expect(reader.locator('.archive-badge')).toContainText('1 văn bản');
  // Results drag onto a hồ sơ only for who may add to one.
  await expect(clerk.getByTestId('search-result').first()).toHaveAttribute('draggable', 'true');
  await expect(reader.getByTestId('search-result').first()).not.toHaveAttribute('draggable', 'true');
  await reader.getByTestId('search-result').first().click();
  await expect(reader.getByTestId('doc-edit-fields').locator('input').first()).toBeDisabled();
  await expect(reader.getByTestId('doc-delete')).toHaveCount(0);
  await clerk.getByTestId('search-result').first().click();
  await expect(clerk.getByTestId('doc-edit-fields').locator('input').first()).toBeEnabled();
  await expect(clerk.getByTestId('doc-delete')).toBeVisible();
  await reader.screenshot({ path: artifact('52-server-reader-document') });
  await reader.getByTestId('nav-search').click();

  await reader.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(reader.getByRole('heading', { name: 'Đăng nhập / Sign in' })).toBeVisible();
  await reader.getByLabel('Tên đăng nhập').fill('canbo');
  await reader.getByLabel('Mật khẩu').fill('sai-mat-khau');
  await reader.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(reader.getByRole('alert')).toContainText('Tên đăng nhập hoặc mật khẩu không đúng.');
  await reader.screenshot({ path: artifact('51-server-sign-in-error') });
});

test('an administrator adds a reader in "Tài khoản"; the reader signs in and finds no mật document', async ({
  browser,
}) => {
  const admin = await signIn(browser, 'quantri');
  const clerk = await signIn(browser, 'vanthu');
  await expect(clerk.getByTestId('nav-users')).toHaveCount(0);
  await admin.getByTestId('nav-users').click();
  await expect(admin.getByRole('heading', { name: 'Tài khoản', exact: true })).toBeVisible();
  const row = (name: string) => admin.locator(`[data-testid="user-row"][data-username="${name}"]`);
  await expect(row('quantri')).toHaveAttribute('data-role', 'admin');
  await expect(row('canbo').getByTestId('user-state')).toHaveText('Đang hoạt động');

  const form = admin.getByTestId('user-create-form');
  await form.getByTestId('user-new-username').fill('docgia');
  await form.getByTestId('user-new-display-name').fill('Lê Thị Độc Giả');
  await form.getByTestId('user-new-grants').locator('input[data-level="han-che"]').check();
  // A password holding the user name is refused with the core's message; nothing is added.
  await form.getByTestId('user-new-password').fill('docgia-12345');
  await form.getByTestId('user-create').click();
  await expect(form.getByTestId('user-create-error')).toContainText('Mật khẩu quá yếu');
  await expect(row('docgia')).toHaveCount(0);
  const readerPassword = 'đọc-tài-liệu-2026';
  await form.getByTestId('user-new-password').fill(readerPassword);
  await form.getByTestId('user-create').click();
  await expect(row('docgia')).toHaveAttribute('data-role', 'reader');
  await expect(row('docgia')).toContainText('Lê Thị Độc Giả');
  await expect(row('docgia').getByTestId('user-levels')).toHaveText(/Công khai\s*Hạn chế/);
  await expect(form.getByTestId('user-new-username')).toHaveValue('');
  await admin.screenshot({ path: artifact('53-server-accounts'), fullPage: true });

  const reader = await signIn(browser, 'docgia', readerPassword);
  await expect(reader.getByTestId('session-bar')).toContainText('Lê Thị Độc Giả — cán bộ');
  await expect(reader.getByTestId('nav-users')).toHaveCount(0);
  const readerSees = await resultsFor(reader, 'ubnd');
  expect(readerSees.length).toBe(1);
  expect(readerSees.join('\n')).not.toContain('1520');
  await reader.screenshot({ path: artifact('54-server-new-reader') });

  // Made archivist in the screen: the reader's next requests find the mật document too, no new sign-in.
  await row('docgia').getByTestId('user-role').selectOption('archivist');
  await expect(row('docgia')).toHaveAttribute('data-role', 'archivist');
  // A reload re-runs the search (the same query is not asked again in place); the session stays.
  await reader.reload();
  await expect(reader.getByTestId('session-bar')).toContainText('văn thư, lưu trữ');
  const nowSees = await resultsFor(reader, 'ubnd');
  expect(nowSees.length).toBe(2);
  expect(nowSees.join('\n')).toContain('1520');
  await row('docgia').getByTestId('user-role').selectOption('reader');
  await expect(row('docgia')).toHaveAttribute('data-role', 'reader');

  // Disabled: the reader's open page meets its ended session at the next request and asks to sign in.
  await row('docgia').getByTestId('user-toggle-disabled').click();
  await expect(row('docgia').getByTestId('user-state')).toHaveText('Đã khóa');
  // Opening hồ sơ asks the server for its list: the first request after the change.
  await reader.getByTestId('nav-records').click();
  await expect(reader.getByRole('heading', { name: 'Đăng nhập / Sign in' })).toBeVisible();
  await row('docgia').getByTestId('user-toggle-disabled').click();
  await expect(row('docgia').getByTestId('user-state')).toHaveText('Đang hoạt động');

  // The last administrator cannot be demoted: the core's message, the role unchanged.
  await row('quantri').getByTestId('user-role').selectOption('reader');
  await expect(admin.getByText('quản trị cuối cùng').first()).toBeVisible();
  await expect(row('quantri')).toHaveAttribute('data-role', 'admin');
  await expect(row('quantri').getByTestId('user-role')).toHaveValue('admin');

  // A password reset from the screen: the new one signs in.
  await row('docgia').getByTestId('user-reset-open').click();
  await row('docgia').getByTestId('user-reset-password').fill('mật-khẩu-mới-của-đọc');
  await row('docgia').getByRole('button', { name: 'Lưu' }).click();
  await expect(admin.getByText('Đã đặt lại mật khẩu cho docgia').first()).toBeVisible();
  await signIn(browser, 'docgia', 'mật-khẩu-mới-của-đọc');

  // Each change is in the access log, its detail in words rather than JSON.
  await admin.getByTestId('nav-archive').click();
  await admin.getByTestId('open-audit').click();
  const details = admin.getByTestId('audit-detail');
  await expect(details.filter({ hasText: 'docgia — vai trò: cán bộ → văn thư, lưu trữ' })).toHaveCount(1);
  await expect(details.filter({ hasText: 'docgia — khóa: không → có' })).toHaveCount(1);
  await expect(details.filter({ hasText: 'docgia — tạo tài khoản (' })).toHaveCount(1);
  await expect(details.filter({ hasText: 'docgia — đặt lại mật khẩu' })).toHaveCount(1);
  await expect(details.filter({ hasText: '{' })).toHaveCount(0);
  await admin.screenshot({ path: artifact('55-server-audit-accounts') });
});
