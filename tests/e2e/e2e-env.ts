// Shared facts of the e2e run: the fixed web-mode token and where the global setup publishes the
// server URL for the tests (environment variables reach Playwright's workers).
import { resolve } from 'node:path';
import { repoRoot } from '../helpers/repo-root.js';

/** The known token web mode is started with (tests only; `--token`). */
export const E2E_TOKEN = 'e2e-token-vankho-0123456789';
export const URL_ENV = 'VANKHO_E2E_URL';

/** Origin of the running web mode, e.g. http://127.0.0.1:41234 (set by global-setup.ts). */
export function serverOrigin(): string {
  const url = process.env[URL_ENV];
  if (!url) throw new Error(`${URL_ENV} is not set: the e2e global setup did not start web mode`);
  return url;
}

/** Screenshot path under tests/artifacts/ (kept as CI artifacts). */
export function artifact(name: string): string {
  return resolve(repoRoot, 'tests', 'artifacts', `${name}.png`);
}
