import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  /** Absolute path of the new, empty folder. */
  dir: string;
  /** Removes the folder and everything in it; safe to call twice. */
  cleanup: () => Promise<void>;
}

/** Creates a fresh folder under the OS temp dir, e.g. `makeTempDir('vankho-import-')`. */
export async function makeTempDir(prefix = 'vankho-test-'): Promise<TempDir> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return {
    dir,
    // Retries cover Windows-style transient locks (SQLite WAL files closing) without hiding real errors.
    cleanup: () => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }),
  };
}
