// Two people on the same document (issue 14): both open it, the first saves, the second's save from
// the copy it loaded is refused with the CONFLICT message on the form — not a silent overwrite — and
// "Tải lại văn bản" shows the first person's value, after which the second can save. Real web mode,
// real Chromium, two browser contexts; the archive checked with the CLI beside the app.
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
let docId: number;

function vankho(args: string[]) {
  return runVankho(archiveDir, args);
}

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-conflict-'));
  archiveDir = join(tempDir, 'kho');
  vankho(['import', repoPath('resources', 'samples', '07-chi-thi-03-CT-UBND.docx')]);
  docId = (JSON.parse(vankho(['--json', 'list'])) as { items: { id: number }[] }).items[0]!.id;
  app = await openAppOn(browser, archiveDir);
});

test.afterAll(async () => {
  await app?.close();
  rmSync(tempDir, { recursive: true, force: true });
});

async function openDoc(page: Page): Promise<void> {
  await page.goto(`${app.web.url}/#token=${E2E_TOKEN}`);
  await page.goto(`${app.web.url}/#/doc/${docId}`);
  await expect(page.getByTestId('metadata-form')).toBeVisible();
}

test('the second save from an older copy sees a conflict and can reload', async ({ browser }) => {
  const first = app.page;
  const otherContext = await browser.newContext();
  const second = await otherContext.newPage();
  try {
    await openDoc(first);
    await openDoc(second);

    await first.getByTestId('field-signer').fill('Nguyễn Thị Lan');
    await first.getByTestId('metadata-save').click();
    await expect(first.getByText('Đã lưu thông tin văn bản.')).toBeVisible();

    await second.getByTestId('field-signer').fill('Trần Văn Minh');
    await second.getByTestId('metadata-save').click();
    const notice = second.getByTestId('conflict-notice');
    await expect(notice).toContainText('Văn bản vừa được người khác sửa');
    await notice.screenshot({ path: artifact('40-edit-conflict') });
    // Nothing of the second save was written.
    const shown = JSON.parse(vankho(['--json', 'show', String(docId)])) as { metadata: { signer: string } };
    expect(shown.metadata.signer).toBe('Nguyễn Thị Lan');

    await second.getByTestId('conflict-reload').click();
    await expect(second.getByTestId('conflict-notice')).toHaveCount(0);
    await expect(second.getByTestId('field-signer')).toHaveValue('Nguyễn Thị Lan');
    await second.getByTestId('field-signer').fill('Trần Văn Minh');
    await second.getByTestId('metadata-save').click();
    await expect(second.getByText('Đã lưu thông tin văn bản.')).toBeVisible();
    expect(
      (JSON.parse(vankho(['--json', 'show', String(docId)])) as { metadata: { signer: string } }).metadata
        .signer,
    ).toBe('Trần Văn Minh');
  } finally {
    await otherContext.close();
  }
});
