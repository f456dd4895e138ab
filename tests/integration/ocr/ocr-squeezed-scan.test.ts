// A scanner that stores a landscape scan on an A4 portrait page, squeezed to fit (issue 11): drawn
// as the page shows it, every letter is half as wide as it is tall and OCR reads garbage (CER 0.37
// measured before the fix). The page is read again drawn at the scan image's own pixel aspect —
// here a portrait sheet fed sideways, so orientation detection then turns it upright — and its
// boxes stay fractions of the page as shown.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPdfDocument } from '../../../main/core/ingest/extractors/extract-pdf.js';
import { scanImageStretch } from '../../../main/core/ocr/ocr-engine.js';
import { parseDocNumbers } from '../../../main/core/text/doc-number.js';
import { decisionLines, makeScannedPdf, renderScan, turnedPoint, turnScan } from '../../helpers/make-scan.js';
import { characterErrorRate } from '../../helpers/ocr-accuracy.js';
import { useOcrPool } from '../../helpers/ocr-pool-fixture.js';

const LINES = decisionLines({
  number: '12/2024/QĐ-UBND',
  title: 'Về việc ban hành Quy chế quản lý tài liệu lưu trữ',
  body: ['Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;'],
});

async function stretchOf(pdf: Buffer): Promise<number> {
  const doc = await openPdfDocument(new Uint8Array(pdf));
  try {
    return await scanImageStretch(doc, 1);
  } finally {
    await doc.destroy();
  }
}

describe('a landscape scan squeezed onto a portrait PDF page', () => {
  const ocr = useOcrPool();
  const upright = renderScan(LINES, { dpi: 150, format: 'jpeg' });

  it('the page image pixel aspect is measured from the page', async () => {
    // A portrait scan on its own page: square pixels, nothing to change.
    expect(await stretchOf(await makeScannedPdf([upright]))).toBe(1);
    // A landscape scan (√2 : 1) on a portrait page (1 : √2): drawn twice as wide as high it is square.
    const k = await stretchOf(await makeScannedPdf([await turnScan(upright, 90)]));
    expect(k).toBeGreaterThan(1.9);
    expect(k).toBeLessThan(2.1);
    // A page with text only has no scan image.
    expect(await stretchOf(await makeScannedPdf([{ text: ['Phụ lục'] }]))).toBe(1);
  });

  it('reads upright, its boxes on the page as shown', async () => {
    const pdf = join(ocr.dir, 'squeezed.pdf');
    writeFileSync(pdf, await makeScannedPdf([await turnScan(upright, 90)]));
    const o = await ocr.pool.run({ path: pdf, kind: 'pdf', page: 1, dpi: 150 });
    if (!o.ok) throw new Error(`${o.error.code} ${o.error.detail ?? ''}`);
    const r = o.result;
    const cer = characterErrorRate(
      LINES.map((l) => l.text),
      r.text,
    );
    console.log(`squeezed landscape scan: CER ${(cer * 100).toFixed(2)} %, conf ${r.confidence}`);
    expect(cer).toBeLessThan(0.03);
    expect(r.confidence).toBeGreaterThan(85);
    // Read at its own aspect, the orientation is settled: no review caveat.
    expect(r.orientationUnsure).toBeUndefined();
    expect(parseDocNumbers(r.text).map((d) => d.raw)).toContain('12/2024/QĐ-UBND');
    // The title "QUYẾT ĐỊNH" (centred at x 297, baseline 150 upright) is where the quarter turn put
    // it, as a fraction of the page: the squeeze scales the page's axes, not fractions of them.
    const i = r.words.findIndex((w, k) => w.text === 'QUYẾT' && r.words[k + 1]?.text === 'ĐỊNH');
    expect(i).toBeGreaterThanOrEqual(0);
    const [a, b] = [r.words[i]!.box, r.words[i + 1]!.box];
    const [ex, ey] = turnedPoint(297 / 595.28, 150 / 841.89 - 0.008, 90);
    expect(Math.abs((Math.min(a[0], b[0]) + Math.max(a[2], b[2])) / 2 - ex)).toBeLessThan(0.012);
    expect(Math.abs((Math.min(a[1], b[1]) + Math.max(a[3], b[3])) / 2 - ey)).toBeLessThan(0.012);
    expect(r.words[i]!.angle).toBe(90);
  });
});
