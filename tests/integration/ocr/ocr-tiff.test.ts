// Multi-page TIFF scans made here (Vietnamese text rendered with @napi-rs/canvas, stacked into one
// TIFF by sharp as a scanner writes it: CCITT G4 bilevel, LZW grey, uncompressed RGB): their pages
// counted from the directories, each decoded on its own, the pixel cap applied per page before any
// decoding, damaged files refused page by page; then imported and OCRed page by page through the
// CLI, a word of page 2 found by search with its boxes stored on page 2.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { extractFile } from '../../../main/core/ingest/extract-file.js';
import { bufferReader, tiffPages, tiffPagesOfFile } from '../../../main/core/ingest/extractors/tiff-pages.js';
import { pagesToOcr } from '../../../main/core/ocr/needs-ocr.js';
import { decodeImage, MAX_DECODE_PIXELS } from '../../../main/core/ocr/ocr-engine.js';
import { ocrPagesOf, ocrSummary } from '../../../main/core/ocr/ocr-store.js';
import { decodeTiffPage } from '../../../main/core/ocr/tiff-decode.js';
import { openVanKho } from '../../../main/core/open-vankho.js';
import { renderScan, type ScanLine } from '../../helpers/make-scan.js';
import { makeTiff } from '../../helpers/make-tiff.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';
import { getFilePages } from '../../../main/core/archive/pages-repo.js';

const PAGE_1: ScanLine[] = [
  { text: 'ỦY BAN NHÂN DÂN TỈNH BẮC NINH', x: 297, y: 80, size: 14, bold: true, center: true },
  { text: 'Báo cáo tình hình lưu trữ tài liệu năm 2024', x: 297, y: 120, center: true },
];
const PAGE_2: ScanLine[] = [
  { text: 'PHỤ LỤC', x: 297, y: 80, size: 14, bold: true, center: true },
  { text: 'Danh mục hồ sơ nghiệm thu công trình thủy lợi', x: 297, y: 120, center: true },
];

/** The offset of page `n`'s (1-based) directory in a little-endian TIFF. */
function directoryOffset(t: Buffer, n: number): number {
  let off = t.readUInt32LE(4);
  for (let i = 1; i < n; i++) off = t.readUInt32LE(off + 2 + t.readUInt16LE(off) * 12);
  return off;
}

/** A copy of the TIFF whose page `n` declares `width` × `height` (its pixels unchanged). */
function withDeclaredSize(t: Buffer, n: number, width: number, height: number): Buffer {
  const b = Buffer.from(t);
  const off = directoryOffset(b, n);
  for (let i = 0; i < b.readUInt16LE(off); i++) {
    const e = off + 2 + i * 12;
    const tag = b.readUInt16LE(e);
    if (tag !== 256 && tag !== 257) continue;
    b.writeUInt16LE(4, e + 2); // LONG
    b.writeUInt32LE(tag === 256 ? width : height, e + 8);
  }
  return b;
}

/** Share of dark pixels: a page decoded as the text it holds, not blank or noise. */
function darkShare(img: { data: Uint8Array }): number {
  let n = 0;
  for (const v of img.data) if (v < 128) n++;
  return n / img.data.length;
}

describe('TIFF scans', () => {
  let tmp: TempDir;
  let p1: Buffer;
  let p2: Buffer;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-tiff-');
    p1 = renderScan(PAGE_1, { dpi: 150 });
    p2 = renderScan(PAGE_2, { dpi: 150 });
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('counts the pages and decodes each, bilevel G4, LZW grey and uncompressed RGB', async () => {
    for (const opts of [
      { compression: 'ccittfax4' as const },
      { compression: 'lzw' as const },
      { compression: 'none' as const, rgb: true },
    ]) {
      const t = await makeTiff([p1, p2, p1], { ...opts, dpi: 150 });
      const path = join(tmp.dir, `scan-${opts.compression}.tif`);
      writeFileSync(path, t);
      const pages = tiffPagesOfFile(path);
      expect(pages, opts.compression).toEqual([
        { width: 1240, height: 1754, dpi: 150, orientation: 1 },
        { width: 1240, height: 1754, dpi: 150, orientation: 1 },
        { width: 1240, height: 1754, dpi: 150, orientation: 1 },
      ]);
      // Import counts them: one OCR page each.
      const x = await extractFile(path, 'none');
      expect(x).toMatchObject({ status: 'none', pageCount: 3 });
      expect(pagesToOcr('image/tiff', x.pages, x.pageCount).map((p) => p.page)).toEqual([1, 2, 3]);
      const d2 = await decodeTiffPage(path, 2);
      expect(d2.image).toMatchObject({ width: 1240, height: 1754 });
      expect(d2.image.data.length).toBe(1240 * 1754);
      expect(d2.dpi).toBe(150);
      const share = darkShare(d2.image);
      expect(share).toBeGreaterThan(0.001);
      expect(share).toBeLessThan(0.05);
      // The bytes in memory decode alike (decodeImage sends a TIFF to the TIFF decoder).
      expect(Buffer.from((await decodeImage(t, 2)).data).equals(Buffer.from(d2.image.data))).toBe(true);
    }
    // Pages differ: page 2 is not page 1 read twice.
    const t = await makeTiff([p1, p2], { compression: 'lzw' });
    const [a, b] = [await decodeTiffPage(t, 1), await decodeTiffPage(t, 2)];
    expect(Buffer.from(a.image.data).equals(Buffer.from(b.image.data))).toBe(false);
    // Other files kept without text have no page count.
    const png = join(tmp.dir, 'p.png');
    writeFileSync(png, p1);
    expect((await extractFile(png, 'none')).pageCount).toBeNull();
    expect(pagesToOcr('image/png', [], null)).toEqual([{ page: 1, reason: 'image' }]);
  });

  it('refuses a page declaring too many pixels before decoding it; the other pages still decode', async () => {
    const t = await makeTiff([p1, p2], { compression: 'ccittfax4' });
    const bomb = withDeclaredSize(t, 2, 100_000, 100_000);
    expect(100_000 * 100_000).toBeGreaterThan(MAX_DECODE_PIXELS);
    expect(tiffPages(bufferReader(bomb), bomb.length)?.[1]).toMatchObject({
      width: 100_000,
      height: 100_000,
    });
    const before = process.memoryUsage().rss;
    await expect(decodeTiffPage(bomb, 2)).rejects.toMatchObject({
      appError: { code: 'IMAGE_TOO_LARGE', detail: 'tiff p. 2: 100000×100000' },
    });
    // Refused from the directory: nothing near 10 gigapixels was allocated.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect((await decodeTiffPage(bomb, 1)).image.width).toBe(1240);
  });

  it('damaged files: no directory, a page past the last, a page cut short — each refused on its own', async () => {
    const t = await makeTiff([p1, p2], { compression: 'ccittfax4' });
    // A header and nothing else.
    const empty = Buffer.from('II*\u0000\u0008\u0000\u0000\u0000', 'latin1');
    expect(tiffPages(bufferReader(empty), empty.length)).toBeNull();
    await expect(decodeImage(empty)).rejects.toMatchObject({ appError: { code: 'IMAGE_DAMAGED' } });
    await expect(decodeTiffPage(t, 3)).rejects.toMatchObject({
      appError: { code: 'IMAGE_DAMAGED', detail: 'tiff: page 3 of 2' },
    });
    // A directory chain pointing into itself is followed once.
    const loop = Buffer.from(t);
    const off1 = directoryOffset(loop, 1);
    loop.writeUInt32LE(off1, off1 + 2 + loop.readUInt16LE(off1) * 12);
    expect(tiffPages(bufferReader(loop), loop.length)).toHaveLength(1);
    // Cut off in page 2's data: page 2 is damaged, page 1 still reads.
    const cut = t.subarray(0, t.length - 5);
    expect(tiffPages(bufferReader(cut), cut.length)).toHaveLength(2);
    await expect(decodeTiffPage(cut, 2)).rejects.toMatchObject({ appError: { code: 'IMAGE_DAMAGED' } });
    expect(darkShare((await decodeTiffPage(cut, 1)).image)).toBeGreaterThan(0.001);
    // Cut off in the middle: the pages whose directory is gone are not counted.
    const half = t.subarray(0, Math.round(t.length / 2));
    expect(tiffPages(bufferReader(half), half.length)?.length ?? 0).toBeLessThan(2);
  });

  it('a 2-page TIFF is OCRed page by page: a word of page 2 is found, its boxes on page 2', async () => {
    const src = join(tmp.dir, 'src');
    const A = join(tmp.dir, 'a');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(src);
    const t = await makeTiff([renderScan(PAGE_1), renderScan(PAGE_2)], {
      compression: 'ccittfax4',
      dpi: 200,
    });
    writeFileSync(join(src, 'phu-luc.tif'), t);
    // The same scan cut short: its page 2 fails, its page 1 is read, the run goes on.
    writeFileSync(join(src, 'cut.tif'), t.subarray(0, t.length - 5));
    const imp = await runCliInProcess(['--archive', A, '--json', 'import', src]);
    expect(imp.code, imp.stderr).toBe(EXIT.OK);
    const outcomes = (JSON.parse(imp.stdout) as { outcomes: { name: string; documentId: number }[] })
      .outcomes;
    const id = outcomes.find((o) => o.name === 'phu-luc.tif')!.documentId;
    const cutId = outcomes.find((o) => o.name === 'cut.tif')!.documentId;

    const run = await runCliInProcess(['--archive', A, 'ocr', '--pending', '--workers', '1']);
    expect(run.code, run.stdout + run.stderr).toBe(EXIT.PARTIAL);
    expect(run.stdout).toMatch(/ {2}x #\d+ cut\.tif tr\.\/p\. 2: Ảnh bị hỏng hoặc bị cắt cụt/);
    expect(run.stdout).toContain('recognised 3/4 pages, failed 1, 2 documents completed');

    const search = await runCliInProcess([
      '--archive',
      A,
      '--json',
      'search',
      'nghiem thu cong trinh thuy loi',
    ]);
    expect(search.code, search.stderr).toBe(EXIT.OK);
    expect((JSON.parse(search.stdout) as { hits: { id: number }[] }).hits[0]?.id).toBe(id);

    const vk = openVanKho(A, { create: false });
    try {
      const fileOf = (doc: number) =>
        vk.archive.db.prepare('SELECT id FROM files WHERE document_id = ?').pluck().get(doc) as number;
      const pages = ocrPagesOf(vk.archive.db, fileOf(id));
      expect(pages.map((p) => [p.pageNo, p.state])).toEqual([
        [1, 'done'],
        [2, 'done'],
      ]);
      const word = pages[1]!.words.find((w) => w.text.normalize('NFC') === 'nghiệm');
      expect(word, JSON.stringify(pages[1]!.words.map((w) => w.text))).toBeDefined();
      // The line at 120 pt of 842 on an A4 page.
      expect(word!.box[1]).toBeGreaterThan(0.1);
      expect(word!.box[3]).toBeLessThan(0.18);
      expect(pages[0]!.words.some((w) => w.text.normalize('NFC') === 'nghiệm')).toBe(false);
      const texts = getFilePages(vk.archive.db, fileOf(id));
      expect(texts.map((p) => p.pageNo)).toEqual([1, 2]);
      expect(texts[0]!.text).toContain('lưu trữ');
      expect(texts[1]!.text).toContain('thủy lợi');
      expect(ocrSummary(vk.archive.db, id)).toMatchObject({ pending: 0, done: 2, failed: 0 });
      expect(ocrSummary(vk.archive.db, cutId)).toMatchObject({ pending: 0, done: 1, failed: 1 });
      expect(ocrSummary(vk.archive.db, cutId).pages[1]!.error?.code).toBe('IMAGE_DAMAGED');
      expect(vk.archive.db.prepare('SELECT page_count FROM documents WHERE id = ?').pluck().get(id)).toBe(2);
    } finally {
      vk.close();
    }
    const check = await runCliInProcess(['--archive', A, 'check', '--quick']);
    expect(check.code, check.stdout + check.stderr).toBe(EXIT.OK);
  });
});
