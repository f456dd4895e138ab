// Starts the real web mode (bin/vankho-web.mjs) on 127.0.0.1 with the known token and the given
// extra arguments, waits for its "VanKho web: <url>" line, and returns the URL and a stop function.
import { expect, type Browser, type Page } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { repoPath } from '../helpers/repo-root.js';
import { E2E_TOKEN } from './e2e-env.js';

export interface RunningWebMode {
  url: string;
  stop: () => Promise<void>;
}

export async function startWebMode(extraArgs: readonly string[]): Promise<RunningWebMode> {
  const child = spawn(
    process.execPath,
    [repoPath('bin', 'vankho-web.mjs'), ...extraArgs, '--port', '0', '--token', E2E_TOKEN, '--quiet'],
    { cwd: repoPath(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /VanKho web: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web mode exited with ${code}:\n${output}`));
    });
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  return { url, stop };
}

/** Web mode on an archive prepared beforehand (no samples), and a signed-in page of it. */
export async function openAppOn(
  browser: Browser,
  archiveDir: string,
): Promise<{ web: RunningWebMode; page: Page; close: () => Promise<void> }> {
  const web = await startWebMode(['--archive', archiveDir, '--no-samples']);
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${web.url}/#token=${E2E_TOKEN}`);
  return {
    web,
    page,
    close: async () => {
      await page.close();
      await web.stop();
    },
  };
}

/** The CLI on an archive beside the running app (read commands take no lock); its stdout, or throws. */
export function runVankho(
  archiveDir: string,
  args: readonly string[],
  opts: { input?: string; timeoutMs?: number } = {},
): string {
  const r = spawnSync(process.execPath, [repoPath('bin', 'vankho.mjs'), '--archive', archiveDir, ...args], {
    encoding: 'utf8',
    input: opts.input ?? '',
    timeout: opts.timeoutMs ?? 120_000,
  });
  if (r.status !== 0) throw new Error(`vankho ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Imports files through the Nhập văn bản screen's file picker and waits until each is imported. */
export async function importThroughUi(page: Page, paths: readonly string[]): Promise<void> {
  await page.getByTestId('nav-import').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-pick-files').click();
  await (await chooser).setFiles([...paths]);
  await expect(page.getByTestId('outcome-imported')).toHaveCount(paths.length, { timeout: 90_000 });
}
