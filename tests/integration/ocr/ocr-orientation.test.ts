// Pages fed to the scanner sideways or upside down (issue 11): the OCR worker reads them upright
// (orientation detection, osd.traineddata) and keeps their word boxes on the page as it was scanned,
// which is how the preview shows it. One worker; each turned page costs two readings and a detection.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OcrWord } from '../../../main/core/ocr/ocr-engine.js';
import { resolveOcrPaths } from '../../../main/core/ocr/ocr-paths.js';
import { OcrPool, type OcrOutcome } from '../../../main/core/ocr/ocr-pool.js';
import { parseDocNumbers } from '../../../main/core/text/doc-number.js';
import { decisionLines, makeScannedPdf, renderScan, turnedPoint, turnScan } from '../../helpers/make-scan.js';
import { characterErrorRate } from '../../helpers/ocr-accuracy.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const LINES = decisionLines({
  number: '12/2024/QĐ-UBND',
  title: 'Về việc ban hành Quy chế quản lý tài liệu lưu trữ điện tử',
  body: [
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
    'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;',
    'Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý tài liệu lưu trữ.',
  ],
});
/** Where the title "QUYẾT ĐỊNH" was drawn on the upright page: centred at x 297, baseline 150 (points). */
const TITLE = { x: 297 / 595.28, baseline: 150 / 841.89 };

function ok(o: OcrOutcome): Extract<OcrOutcome, { ok: true }>['result'] {
  if (!o.ok) throw new Error(`OCR failed: ${o.error.code} ${o.error.detail ?? ''}`);
  return o.result;
}

/** The union of the boxes of the words "QUYẾT ĐỊNH" (the title), in fractions of the page. */
function titleBox(words: readonly OcrWord[]): OcrWord['box'] {
  const i = words.findIndex((w, k) => w.text === 'QUYẾT' && words[k + 1]?.text === 'ĐỊNH');
  expect(i, words.map((w) => w.text).join(' ')).toBeGreaterThanOrEqual(0);
  const [a, b] = [words[i]!.box, words[i + 1]!.box];
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

describe('OCR of pages scanned sideways or upside down', () => {
  let tmp: TempDir;
  let pool: OcrPool;
  const png = renderScan(LINES, { dpi: 200 });
  beforeAll(async () => {
    tmp = await makeTempDir();
    pool = new OcrPool({ langs: 'vie', paths: resolveOcrPaths(['vie']), size: 1 });
    // The engine starts before the timings below.
    const warm = join(tmp.dir, 'warm.png');
    writeFileSync(warm, renderScan(LINES.slice(0, 2), { dpi: 100 }));
    ok(await pool.run({ path: warm, kind: 'image', page: 1, dpi: 100 }));
  });
  afterAll(async () => {
    await pool.close();
    await tmp.cleanup();
  });

  it.each([0, 90, 180, 270] as const)(
    'a page image turned %i° clockwise is read upright, its boxes on the turned image',
    async (deg) => {
      const file = join(tmp.dir, `turned-${deg}.png`);
      writeFileSync(file, deg === 0 ? png : await turnScan(png, deg));
      const t0 = Date.now();
      const r = ok(await pool.run({ path: file, kind: 'image', page: 1, dpi: 200 }));
      const ms = Date.now() - t0;
      const cer = characterErrorRate(
        LINES.map((l) => l.text),
        r.text,
      );
      console.log(`OCR page turned ${deg}°: CER ${(cer * 100).toFixed(2)} %, conf ${r.confidence}, ${ms} ms`);
      expect(cer).toBeLessThan(0.03);
      expect(r.confidence).toBeGreaterThan(85);
      // Detection settled it: no caveat.
      expect(r.orientationUnsure).toBeUndefined();
      expect(parseDocNumbers(r.text).map((d) => d.raw)).toContain('12/2024/QĐ-UBND');
      // Read upright, the header's columns come one after the other, as on the upright page.
      const lines = r.text.split('\n');
      expect(lines.indexOf('TỈNH BẮC NINH')).toBeGreaterThanOrEqual(0);
      expect(lines.indexOf('TỈNH BẮC NINH')).toBeLessThan(lines.findIndex((l) => l.startsWith('CỘNG HÒA')));
      // The title's box is where the turn put the title: its centre and the baseline's middle.
      const box = titleBox(r.words);
      const [ex, ey] = turnedPoint(TITLE.x, TITLE.baseline - 0.008, deg);
      expect(Math.abs((box[0] + box[2]) / 2 - ex)).toBeLessThan(0.012);
      expect(Math.abs((box[1] + box[3]) / 2 - ey)).toBeLessThan(0.012);
      // The title's box runs along the text: wide on a page as it was, tall on one turned a quarter.
      const w = (box[2] - box[0]) * r.width;
      const h = (box[3] - box[1]) * r.height;
      expect(deg % 180 === 0 ? w > 3 * h : h > 3 * w).toBe(true);
      for (const word of r.words) {
        // Each word says the angle its text runs at on the page as scanned (the scan layer turns it).
        expect(word.angle).toBe(deg === 0 ? undefined : deg);
        expect(word.box[0]).toBeGreaterThanOrEqual(0);
        expect(word.box[2]).toBeLessThanOrEqual(1);
        expect(word.box[0]).toBeLessThan(word.box[2]);
        expect(word.box[1]).toBeLessThan(word.box[3]);
      }
    },
  );

  it('a scanned PDF page upside down is read upright, its boxes on the page as it lies', async () => {
    const pdf = join(tmp.dir, 'upside-down.pdf');
    writeFileSync(pdf, await makeScannedPdf([await turnScan(png, 180)]));
    const r = ok(await pool.run({ path: pdf, kind: 'pdf', page: 1, dpi: 200 }));
    expect(r.text).toContain('QUYẾT ĐỊNH');
    expect(parseDocNumbers(r.text).map((d) => d.raw)).toContain('12/2024/QĐ-UBND');
    const box = titleBox(r.words);
    const [ex, ey] = turnedPoint(TITLE.x, TITLE.baseline - 0.008, 180);
    expect(Math.abs((box[0] + box[2]) / 2 - ex)).toBeLessThan(0.012);
    expect(Math.abs((box[1] + box[3]) / 2 - ey)).toBeLessThan(0.012);
  });
});
