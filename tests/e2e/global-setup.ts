// Starts the real web mode with a fresh temporary archive and the known token, publishes its URL for
// the tests, and returns the teardown that stops it and removes the archive.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URL_ENV } from './e2e-env.js';
import { startWebMode } from './start-web-mode.js';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const archiveDir = join(mkdtempSync(join(tmpdir(), 'vankho-e2e-')), 'archive');
  const web = await startWebMode(['--archive', archiveDir]);
  process.env[URL_ENV] = web.url;

  return async () => {
    await web.stop();
    rmSync(join(archiveDir, '..'), { recursive: true, force: true });
  };
}
