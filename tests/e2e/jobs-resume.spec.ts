// A re-extraction killed with its process (issue 13's durable jobs), seen from the app: the archive
// screen says the last run was interrupted and how far it got, "Tiếp tục" takes it up, and only the
// documents the killed run had not finished are extracted again.
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from '../helpers/repo-root.js';
import { artifact } from './e2e-env.js';
import { openAppOn } from './start-web-mode.js';

const KILL_AFTER = 4;

let app: Awaited<ReturnType<typeof openAppOn>>;
let tempDir: string;
let page: Page;
let imported: number;

function vankho(archiveDir: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [repoPath('bin', 'vankho.mjs'), '--archive', archiveDir, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ...env },
  });
}

test.beforeAll(async ({ browser }) => {
  tempDir = mkdtempSync(join(tmpdir(), 'vankho-e2e-jobs-'));
  const archiveDir = join(tempDir, 'kho');
  const imp = vankho(archiveDir, ['--json', 'import', repoPath('resources', 'samples')]);
  expect(imp.status, imp.stderr).toBe(0);
  imported = (JSON.parse(imp.stdout) as { imported: number }).imported;
  const killed = vankho(archiveDir, ['reextract', '--all'], {
    VANKHO_FAULT: `reextract:document-done:${KILL_AFTER}`,
  });
  expect(killed.signal).toBe('SIGKILL');
  app = await openAppOn(browser, archiveDir);
  page = app.page;
});

test.afterAll(async () => {
  await app?.close();
  rmSync(tempDir, { recursive: true, force: true });
});

test('an interrupted re-extraction is offered for resume and finishes only what was left', async () => {
  await page.getByTestId('nav-archive').click();
  const card = page.getByTestId('reextract-card');
  await expect(card.getByTestId('reextract-interrupted')).toContainText('bị gián đoạn');
  await expect(card.getByTestId('reextract-interrupted')).toContainText(`đã xong ${KILL_AFTER}/${imported}`);
  await card.screenshot({ path: artifact('28-reextract-interrupted') });
  await card.getByTestId('reextract-resume').click();
  await expect(card.getByTestId('reextract-result')).toContainText(
    `Đã trích xuất lại ${imported - KILL_AFTER} văn bản`,
    { timeout: 90_000 },
  );
  await expect(card.getByTestId('reextract-result')).toContainText('0 lỗi');
  await expect(card.getByTestId('reextract-interrupted')).toHaveCount(0);
  // The CLI sees the same record: the old job taken up, the new one done.
  const jobs = JSON.parse(vankho(join(tempDir, 'kho'), ['--json', 'jobs']).stdout) as {
    jobs: { kind: string; state: string; resumable?: boolean }[];
  };
  expect(jobs.jobs.filter((j) => j.kind === 'reextract').map((j) => [j.state, j.resumable ?? false])).toEqual(
    expect.arrayContaining([
      ['done', false],
      ['interrupted', false],
    ]),
  );
});
