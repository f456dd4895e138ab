// The searchable-PDF copy (issue 11, export): a scan made here is read by the real engine, the copy
// is built from the page image and the word boxes, and pdf.js — as any reader would — extracts
// the Vietnamese words with their diacritics, each near where the scan drew it.
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openPdfDocument } from '../../../main/core/ingest/extractors/extract-pdf.js';
import type { OcrWord } from '../../../main/core/ocr/ocr-engine.js';
import { fontRuns, searchablePages, writeSearchablePdf } from '../../../main/core/ocr/searchable-pdf.js';
import { makeScannedPdf, renderScan, turnScan, type ScanLine } from '../../helpers/make-scan.js';
import { useOcrPool } from '../../helpers/ocr-pool-fixture.js';

const A4 = { w: 595.28, h: 841.89 };
const LINES: ScanLine[] = [
  { text: 'QUYẾT ĐỊNH', x: 297, y: 120, size: 16, bold: true, center: true },
  { text: 'Về việc ban hành Quy chế số hóa tài liệu lưu trữ', x: 70, y: 170, size: 14 },
  { text: 'Điều 1. Ủy ban nhân dân tỉnh giao Sở Nội vụ thực hiện.', x: 70, y: 200, size: 14 },
];

interface Item {
  str: string;
  x: number;
  /** Baseline, in points from the top. */
  y: number;
}

async function itemsOf(pdf: Buffer): Promise<{ pages: Item[][]; size: { w: number; h: number }[] }> {
  const doc = await openPdfDocument(new Uint8Array(pdf));
  const pages: Item[][] = [];
  const size: { w: number; h: number }[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const vp = page.getViewport({ scale: 1 });
    size.push({ w: vp.width, h: vp.height });
    const content = await page.getTextContent();
    pages.push(
      content.items.flatMap((it) =>
        'str' in it && it.str !== ''
          ? [{ str: it.str, x: it.transform[4] as number, y: vp.height - (it.transform[5] as number) }]
          : [],
      ),
    );
  }
  await doc.destroy();
  return { pages, size };
}

async function build(path: string, mediaType: string, words: Map<number, OcrWord[]>): Promise<Buffer> {
  const out = `${path}.searchable.pdf`;
  await writeSearchablePdf(searchablePages({ path, mediaType, words }), createWriteStream(out));
  return readFileSync(out);
}

describe('searchable PDF copy', () => {
  const ocr = useOcrPool();

  it('sets each run of a word in the font part that has its letters', () => {
    const runs = fontRuns('Ủy ban');
    expect(runs.map((r) => r.text).join('')).toBe('Ủy ban');
    expect(runs[0]).toEqual({ font: 'vk-vietnamese', text: 'Ủ' });
    expect(runs[1]!.font).toBe('vk-latin');
  });

  it('a scanned PDF read by OCR becomes a PDF whose text is the scan words, on their boxes', async () => {
    const scan = join(ocr.dir, 'qd-ban-quet.pdf');
    // A mixed PDF: the scan, then a page with its own text layer, which the copy keeps searchable.
    writeFileSync(
      scan,
      await makeScannedPdf([
        renderScan(LINES, { format: 'jpeg' }),
        { text: ['Phụ lục: danh mục hồ sơ lưu trữ.'] },
      ]),
    );
    const o = await ocr.pool.run({ path: scan, kind: 'pdf', page: 1, dpi: 200 });
    if (!o.ok) throw new Error(o.error.code);
    const words = o.result.words;
    const copy = await build(scan, 'application/pdf', new Map([[1, words]]));
    expect(copy.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pages, size } = await itemsOf(copy);
    expect(pages).toHaveLength(2);
    expect(size[0]!.w).toBeCloseTo(A4.w, 0);
    const text = pages[0]!
      .map((i) => i.str)
      .join('')
      .normalize('NFC');
    for (const w of ['QUYẾT', 'ĐỊNH', 'số', 'hóa', 'tài', 'liệu', 'lưu', 'trữ', 'Ủy', 'Sở', 'Nội', 'vụ'])
      expect(text).toContain(w);
    // Every word extracts where its OCR box is: its first run starts within two points of the box's
    // left edge, on a baseline inside the box.
    const items = pages[0]!.map((i) => ({ ...i, str: i.str.normalize('NFC') }));
    for (const w of words) {
      const at = items.find(
        (i) =>
          i.str !== ' ' &&
          w.text.startsWith(i.str) &&
          Math.abs(i.x - w.box[0] * A4.w) < 2 &&
          i.y > w.box[1] * A4.h &&
          i.y < w.box[3] * A4.h + 1,
      );
      expect(at, w.text).toBeDefined();
    }
    // And where the scan drew it: "Về" starts the title line at x = 70 pt, its baseline at 170 pt.
    // ("V" is its first run: "ề" is in the font's Vietnamese part.)
    const title = items.filter((i) => i.str.trim() !== '' && Math.abs(i.y - 170) < 4);
    expect(title.map((i) => i.str).join('')).toContain('Vềviệc');
    expect(Math.abs(Math.min(...title.map((i) => i.x)) - 70)).toBeLessThan(4);
    // The text page keeps its own words.
    expect(pages[1]!.map((i) => i.str).join('')).toContain('Phụ lục: danh mục hồ sơ lưu trữ.');
  });

  it('a scanned JPEG becomes a one-page PDF with its words', async () => {
    const jpeg = join(ocr.dir, 'tb.jpg');
    writeFileSync(
      jpeg,
      renderScan([{ text: 'Thông báo lịch tiếp công dân định kỳ', x: 70, y: 120, size: 14 }], {
        format: 'jpeg',
      }),
    );
    const o = await ocr.pool.run({ path: jpeg, kind: 'image', page: 1, dpi: 200 });
    if (!o.ok) throw new Error(o.error.code);
    const { pages, size } = await itemsOf(await build(jpeg, 'image/jpeg', new Map([[1, o.result.words]])));
    expect(pages).toHaveLength(1);
    // A 200 dpi scan of A4 is an A4 page again.
    expect(size[0]!.w).toBeCloseTo(A4.w, -1);
    const text = pages[0]!
      .map((i) => i.str)
      .join('')
      .normalize('NFC');
    expect(text).toContain('tiếp công dân định kỳ');
    expect(Math.abs(pages[0]![0]!.x - 70)).toBeLessThan(4);
  });

  it('a page scanned sideways keeps its text along the words, as the scan shows them', async () => {
    const upright = renderScan([{ text: 'Thông báo lịch tiếp công dân định kỳ', x: 70, y: 120, size: 14 }], {
      format: 'jpeg',
    });
    const file = join(ocr.dir, 'sideways.png');
    writeFileSync(file, await turnScan(upright, 90));
    const o = await ocr.pool.run({ path: file, kind: 'image', page: 1, dpi: 200 });
    if (!o.ok) throw new Error(o.error.code);
    const doc = await openPdfDocument(
      new Uint8Array(await build(file, 'image/png', new Map([[1, o.result.words]]))),
    );
    try {
      const page = await doc.getPage(1);
      const vp = page.getViewport({ scale: 1 });
      // The page lies as scanned: landscape.
      expect(vp.width).toBeCloseTo(A4.h, -1);
      const all = (await page.getTextContent()).items.flatMap((it) => ('str' in it ? [it] : []));
      expect(
        all
          .map((i) => i.str)
          .join('')
          .normalize('NFC'),
      ).toContain('tiếp công dân định kỳ');
      const items = all.filter((it) => it.str.trim() !== '');
      // The line ran down the sheet from where the turn put its start (x 70, baseline 120 upright):
      // x = page width − 120, y = 70 from the top; each item's text direction points down the page.
      const first = items[0]!;
      expect(Math.abs((first.transform[4] as number) - (vp.width - 120))).toBeLessThan(5);
      expect(Math.abs(vp.height - (first.transform[5] as number) - 70)).toBeLessThan(5);
      for (const it of items) {
        expect(Math.abs(it.transform[0] as number)).toBeLessThan(0.01);
        expect(it.transform[1] as number).toBeLessThan(0);
      }
    } finally {
      await doc.destroy();
    }
  });

  it('a TIFF scan (LZW, 200 dpi declared) becomes a PDF with its words, decoded by sharp', async () => {
    const tiff = join(ocr.dir, 'cv.tif');
    const png = renderScan([{ text: 'Công văn đôn đốc nộp lưu hồ sơ', x: 70, y: 120, size: 14 }]);
    writeFileSync(
      tiff,
      await sharp(png).withMetadata({ density: 200 }).tiff({ compression: 'lzw' }).toBuffer(),
    );
    const o = await ocr.pool.run({ path: tiff, kind: 'image', page: 1, dpi: 200 });
    if (!o.ok) throw new Error(o.error.code);
    const { pages, size } = await itemsOf(await build(tiff, 'image/tiff', new Map([[1, o.result.words]])));
    expect(size[0]!.w).toBeCloseTo(A4.w, -1);
    expect(
      pages[0]!
        .map((i) => i.str)
        .join('')
        .normalize('NFC'),
    ).toContain('đôn đốc nộp lưu hồ sơ');
  });
});
