// The OCR engine on scans made here: a rendered Vietnamese decision, as a scanned PDF page and as a
// skewed, noisy JPEG. One worker, three pages: each recognition takes one to a few seconds.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage, imageHeader } from '../../../main/core/ocr/ocr-engine.js';
import { resolveOcrPaths } from '../../../main/core/ocr/ocr-paths.js';
import { OcrPool, type OcrOutcome } from '../../../main/core/ocr/ocr-pool.js';
import { storedOrientation } from '../../../main/core/ocr/tiff-decode.js';
import { parseDocNumbers } from '../../../main/core/text/doc-number.js';
import { decisionLines, makeScannedPdf, renderScan } from '../../helpers/make-scan.js';
import { characterErrorRate } from '../../helpers/ocr-accuracy.js';
import { useOcrPool } from '../../helpers/ocr-pool-fixture.js';

const BODY = [
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
  'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;',
  'Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV.',
  'Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý tài liệu lưu trữ.',
];
const LINES = decisionLines({
  number: '12/2024/QĐ-UBND',
  title: 'Về việc ban hành Quy chế quản lý tài liệu lưu trữ điện tử',
  body: BODY,
});

function ok(o: OcrOutcome): Extract<OcrOutcome, { ok: true }>['result'] {
  if (!o.ok) throw new Error(`OCR failed: ${o.error.code} ${o.error.detail ?? ''}`);
  return o.result;
}

describe('OCR engine', () => {
  const ocr = useOcrPool();

  it('reads a scanned PDF page: text, number, word boxes on the page, confidence', async () => {
    const pdf = join(ocr.dir, 'scan.pdf');
    writeFileSync(pdf, await makeScannedPdf([renderScan(LINES, { dpi: 200, format: 'jpeg', quality: 85 })]));
    const t0 = Date.now();
    const r = ok(await ocr.pool.run({ path: pdf, kind: 'pdf', page: 1, dpi: 200 }));
    const ms = Date.now() - t0;
    const cer = characterErrorRate(
      LINES.map((l) => l.text),
      r.text,
    );
    console.log(
      `OCR scanned PDF page @200 dpi: CER ${(cer * 100).toFixed(2)} %, conf ${r.confidence}, ${ms} ms (incl. engine start)`,
    );
    expect(cer).toBeLessThan(0.03);
    expect(r.confidence).toBeGreaterThan(80);
    expect(r.text).toContain('QUYẾT ĐỊNH');
    expect(parseDocNumbers(r.text).map((d) => d.raw)).toContain('12/2024/QĐ-UBND');
    // The header's columns are read column by column, as for a text PDF.
    const lines = r.text.split('\n');
    expect(lines.indexOf('TỈNH BẮC NINH')).toBeLessThan(lines.findIndex((l) => l.startsWith('CỘNG HÒA')));
    // Word boxes: fractions of the page, where the text was drawn (title centred at 297/595, y 150/842).
    for (const w of r.words) {
      expect(w.box[0]).toBeGreaterThanOrEqual(0);
      expect(w.box[2]).toBeLessThanOrEqual(1);
      expect(w.box[0]).toBeLessThan(w.box[2]);
      expect(w.box[1]).toBeLessThan(w.box[3]);
    }
    const title = r.words.find((w) => w.text === 'QUYẾT')!;
    const next = r.words[r.words.indexOf(title) + 1]!;
    expect(next.text).toBe('ĐỊNH');
    expect((title.box[0] + next.box[2]) / 2).toBeCloseTo(297 / 595.28, 1);
    expect(title.box[3]).toBeCloseTo(150 / 841.89, 1);
  });

  it('reads a skewed, speckled JPEG photo of the page; its boxes lie on the skewed image', async () => {
    const jpg = join(ocr.dir, 'scan.jpg');
    const skew = 3;
    writeFileSync(
      jpg,
      renderScan(LINES, { dpi: 200, format: 'jpeg', quality: 70, skewDeg: skew, noise: 0.01 }),
    );
    const r = ok(await ocr.pool.run({ path: jpg, kind: 'image', page: 1, dpi: 200 }));
    // Tesseract reads the page deskewed; the title's box is turned back to where the skew put it.
    const title = r.words.find((w) => w.text === 'QUYẾT')!;
    const next = r.words[r.words.indexOf(title) + 1]!;
    const a = (skew * Math.PI) / 180;
    const [dx, dy] = [297 - 595.28 / 2, 145 - 841.89 / 2];
    const expectedX = (595.28 / 2 + dx * Math.cos(a) - dy * Math.sin(a)) / 595.28;
    expect(Math.abs((title.box[0] + next.box[2]) / 2 - expectedX)).toBeLessThan(0.006);
    const cer = characterErrorRate(
      LINES.map((l) => l.text),
      r.text,
    );
    console.log(`OCR skewed noisy JPEG @200 dpi: CER ${(cer * 100).toFixed(2)} %, conf ${r.confidence}`);
    expect(cer).toBeLessThan(0.08);
    expect(parseDocNumbers(r.text).map((d) => d.raw)).toContain('12/2024/QĐ-UBND');
  });

  it('stops a page past its time limit: that page fails (OCR_TIMEOUT), a new worker takes the next', async () => {
    const slow = new OcrPool({ langs: 'vie', paths: resolveOcrPaths(['vie']), size: 1, pageTimeoutMs: 300 });
    try {
      const pdf = join(ocr.dir, 'scan.pdf');
      const timedOut = await slow.run({ path: pdf, kind: 'pdf', page: 1, dpi: 300 });
      expect(timedOut).toMatchObject({ ok: false, error: { code: 'OCR_TIMEOUT' } });
      // The replacement worker answers: a page it cannot open fails on its own, quickly.
      const next = await slow.run({ path: join(ocr.dir, 'missing.pdf'), kind: 'pdf', page: 1, dpi: 300 });
      expect(next).toMatchObject({ ok: false, error: { code: 'FILE_UNREADABLE' } });
    } finally {
      await slow.close();
    }
  });

  it('fails the run, not each page, when the engine cannot start (a damaged model)', async () => {
    const models = join(ocr.dir, 'models');
    mkdirSync(models);
    writeFileSync(join(models, 'vie.traineddata.gz'), 'not a model');
    const broken = new OcrPool({
      langs: 'vie',
      paths: resolveOcrPaths(['vie'], { dataDir: models }),
      size: 1,
    });
    try {
      await expect(
        broken.run({ path: join(ocr.dir, 'scan.jpg'), kind: 'image', page: 1, dpi: 200 }),
      ).rejects.toMatchObject({
        appError: { code: 'OCR_FAILED' },
      });
      // Later pages are refused at once (no restart loop).
      await expect(
        broken.run({ path: join(ocr.dir, 'scan.jpg'), kind: 'image', page: 1, dpi: 200 }),
      ).rejects.toMatchObject({
        appError: { code: 'OCR_FAILED' },
      });
    } finally {
      await broken.close();
    }
  });

  it('refuses an image declaring too many pixels before decoding it, and a TIFF without pages', async () => {
    // A PNG header claiming 100 000 × 100 000 pixels, with nothing behind it.
    const bomb = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bomb, 0);
    bomb.writeUInt32BE(13, 8);
    bomb.write('IHDR', 12, 'latin1');
    bomb.writeUInt32BE(100_000, 16);
    bomb.writeUInt32BE(100_000, 20);
    expect(imageHeader(bomb)).toEqual({ format: 'png', width: 100_000, height: 100_000 });
    await expect(decodeImage(bomb)).rejects.toMatchObject({ appError: { code: 'IMAGE_TOO_LARGE' } });
    const tiff = Buffer.from('II*\u0000\u0008\u0000\u0000\u0000', 'latin1');
    await expect(decodeImage(tiff)).rejects.toMatchObject({ appError: { code: 'IMAGE_DAMAGED' } });
    // A truncated JPEG: its header is there, its data is not.
    const jpeg = renderScan(LINES.slice(0, 2), { dpi: 72, format: 'jpeg' });
    const cut = jpeg.subarray(0, 400);
    await expect(decodeImage(cut)).rejects.toMatchObject({
      appError: { code: expect.stringMatching(/OCR_FAILED|IMAGE_UNSUPPORTED/) },
    });
    // A truncated PNG whose eXIf chunk turns it (decoded by sharp, not Skia): refused alike.
    const png = await sharp(renderScan(LINES.slice(0, 2), { dpi: 72 }))
      .withMetadata({ orientation: 6 })
      .png()
      .toBuffer();
    const cutPng = png.subarray(0, png.indexOf('IDAT') + 60);
    expect(await storedOrientation(cutPng)).toBe(6);
    await expect(decodeImage(cutPng)).rejects.toMatchObject({ appError: { code: 'OCR_FAILED' } });
  });
});
