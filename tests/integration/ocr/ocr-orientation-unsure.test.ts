// A page whose orientation detection does not settle it (issue 11) is marked for review with why:
// a cover sheet with one line, scanned sideways or upside down, gives the detector too little text
// to answer; without the detector's model (a resources folder lacking it) no page gets an answer.
// The page's reading is kept either way (the original and its text stay); only the caveat differs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveOcrPaths } from '../../../main/core/ocr/ocr-paths.js';
import { OcrPool, type OcrOutcome } from '../../../main/core/ocr/ocr-pool.js';
import { renderScan, turnScan, type ScanLine } from '../../helpers/make-scan.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const COVER: ScanLine[] = [{ text: 'Danh mục hồ sơ năm 2024', x: 70, y: 120, size: 14 }];
const NOTICE: ScanLine[] = [
  { text: 'THÔNG BÁO', x: 297, y: 110, size: 16, bold: true, center: true },
  { text: 'Lịch tiếp công dân định kỳ của Ủy ban', x: 70, y: 160, size: 14 },
  { text: 'Thời gian: sáng thứ Hai hằng tuần.', x: 70, y: 190, size: 14 },
];

function ok(o: OcrOutcome): Extract<OcrOutcome, { ok: true }>['result'] {
  if (!o.ok) throw new Error(`OCR failed: ${o.error.code} ${o.error.detail ?? ''}`);
  return o.result;
}

describe('a page whose orientation stays unsure', () => {
  let tmp: TempDir;
  let pool: OcrPool;
  let noModel: OcrPool;
  const read = async (p: OcrPool, name: string, png: Buffer) => {
    const file = join(tmp.dir, name);
    writeFileSync(file, png);
    return ok(await p.run({ path: file, kind: 'image', page: 1, dpi: 150 }));
  };
  beforeAll(async () => {
    tmp = await makeTempDir();
    pool = new OcrPool({ langs: 'vie', paths: resolveOcrPaths(['vie']), size: 1 });
    noModel = new OcrPool({ langs: 'vie', paths: { ...resolveOcrPaths(['vie']), osdDir: null }, size: 1 });
  });
  afterAll(async () => {
    await Promise.all([pool.close(), noModel.close()]);
    await tmp.cleanup();
  });

  it('one line scanned sideways or upside down: read as it can, marked unsure; upright: no caveat', async () => {
    const png = renderScan(COVER, { dpi: 150 });
    const upright = await read(pool, 'cover.png', png);
    expect(upright.text).toContain('Danh mục hồ sơ năm 2024');
    expect(upright.orientationUnsure).toBeUndefined();
    // Sideways: Tesseract reads the line as vertical text, confidently; the detector has no answer.
    const sideways = await read(pool, 'cover-90.png', await turnScan(png, 90));
    expect(sideways.confidence).toBeGreaterThan(85);
    expect(sideways.orientationUnsure).toBe(true);
    // Upside down: garbage at a low confidence, and no answer to turn it by.
    const upsideDown = await read(pool, 'cover-180.png', await turnScan(png, 180));
    expect(upsideDown.confidence).toBeLessThan(70);
    expect(upsideDown.orientationUnsure).toBe(true);
  });

  it('without the detector model, a page upside down is read as it lies and marked unsure', async () => {
    const png = await turnScan(renderScan(NOTICE, { dpi: 150 }), 180);
    const r = await read(noModel, 'notice-180.png', png);
    expect(r.confidence).toBeLessThan(70);
    expect(r.orientationUnsure).toBe(true);
    // The same page with the model is turned and read, no caveat (ocr-orientation.test.ts at 200 dpi).
    const turned = await read(pool, 'notice-180-model.png', png);
    expect(turned.text).toContain('Lịch tiếp công dân');
    expect(turned.orientationUnsure).toBeUndefined();
  });
});
