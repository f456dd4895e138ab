import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
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

/**
 * A fresh folder for the tests of the enclosing describe (or file): made before them, removed after.
 * `each`: a new folder for every test instead of one for all. Read `.dir` inside a test or hook.
 */
export function useTempDir(prefix: string, opts: { each?: boolean } = {}): { readonly dir: string } {
  let tmp: TempDir | null = null;
  const [before, after] = opts.each ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    tmp = await makeTempDir(prefix);
  });
  after(async () => {
    await tmp?.cleanup();
  });
  return {
    get dir(): string {
      if (!tmp) throw new Error('useTempDir: read .dir inside a test or hook');
      return tmp.dir;
    },
  };
}
