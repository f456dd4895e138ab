import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOcrLanguages, resolveOcrPaths } from '../../../main/core/ocr/ocr-paths.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

describe('OCR engine paths', () => {
  it('accepts the shipped languages only', () => {
    expect(parseOcrLanguages('vie')).toEqual(['vie']);
    expect(parseOcrLanguages('VIE+eng+vie')).toEqual(['vie', 'eng']);
    for (const bad of ['', 'fra', 'vie+fra', '+'])
      expect(() => parseOcrLanguages(bad)).toThrow(
        expect.objectContaining({ appError: expect.objectContaining({ code: 'INVALID_INPUT' }) }),
      );
  });
  it('points at local files only: the models of every language in one folder, the worker script', () => {
    for (const langs of [['vie'], ['vie', 'eng']] as const) {
      const p = resolveOcrPaths(langs);
      expect(existsSync(p.workerPath)).toBe(true);
      for (const l of langs) expect(existsSync(join(p.langDir, `${l}.traineddata.gz`))).toBe(true);
      expect(p.langDir).not.toMatch(/^https?:/);
      // Orientation detection's model comes with `npm ci` (@tesseract.js-data/osd).
      expect(p.osdDir && existsSync(join(p.osdDir, 'osd.traineddata.gz'))).toBe(true);
    }
  });
  it('reads pages as they lie when a resources folder has no orientation model', async () => {
    const tmp = await makeTempDir();
    try {
      writeFileSync(join(tmp.dir, 'vie.traineddata.gz'), 'model');
      expect(resolveOcrPaths(['vie'], { dataDir: tmp.dir }).osdDir).toBeNull();
      writeFileSync(join(tmp.dir, 'osd.traineddata.gz'), 'model');
      expect(resolveOcrPaths(['vie'], { dataDir: tmp.dir }).osdDir).toBe(tmp.dir);
    } finally {
      await tmp.cleanup();
    }
  });
  it('refuses a resources folder without the model asked for', () => {
    expect(() => resolveOcrPaths(['vie'], { dataDir: '/nonexistent-vankho-models' })).toThrow(
      expect.objectContaining({ appError: expect.objectContaining({ code: 'OCR_FAILED' }) }),
    );
  });
});
