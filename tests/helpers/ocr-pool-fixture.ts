// The set-up every OCR engine test file shares: one Vietnamese OCR worker and a temp folder, made
// before the file's tests and closed after them.

import { afterAll, beforeAll } from 'vitest';
import { resolveOcrPaths } from '../../main/core/ocr/ocr-paths.js';
import { OcrPool } from '../../main/core/ocr/ocr-pool.js';
import { makeTempDir, type TempDir } from './temp-dir.js';

export interface OcrPoolFixture {
  readonly pool: OcrPool;
  /** The temp folder the test writes its scans to. */
  readonly dir: string;
}

export function useOcrPool(): OcrPoolFixture {
  let tmp: TempDir | undefined;
  let pool: OcrPool | undefined;
  beforeAll(async () => {
    tmp = await makeTempDir();
    pool = new OcrPool({ langs: 'vie', paths: resolveOcrPaths(['vie']), size: 1 });
  });
  afterAll(async () => {
    await pool?.close();
    await tmp?.cleanup();
  });
  const ready = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('useOcrPool: used outside a test');
    return v;
  };
  return {
    get pool() {
      return ready(pool);
    },
    get dir() {
      return ready(tmp).dir;
    },
  };
}
