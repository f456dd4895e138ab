// A 500-page scan streams page by page (issue 11, "bounded memory"): imported, every page waits in
// the queue; the OCR worker's PDF source (PdfPageSource, the worker's own) then reads each page the
// queue hands out in ranges of the file, never the whole file, and opens the PDF afresh once pdf.js
// holds more than its budget. Counted in bytes read from the file (no timing, no memory reading):
// opening costs a chunk or two per page (pdf.js checks the page tree), the first page a small part of
// the file, what is held beyond opening never exceeds the budget by more than a page's ranges, and the
// run reads each byte about once beside the openings. Pages are small (16 dpi) so the rasteriser,
// the same one OCR uses, runs over all 500 in a few seconds; the engine is not needed.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../../main/core/ingest/import-files.js';
import { MAX_OCR_PIXELS, rasterisePdfPage } from '../../../main/core/ocr/ocr-engine.js';
import { countPending, nextPendingPage, pageKey } from '../../../main/core/ocr/ocr-store.js';
import { PDF_FILE_CHUNK, PdfPageSource } from '../../../main/core/ingest/extractors/extract-pdf.js';
import { openVanKho, type VanKho } from '../../../main/core/open-vankho.js';
import { makeScannedPdf, renderScan } from '../../helpers/make-scan.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const PAGES = 500;
/** Page images: noisy, so each is about 25 KB as a real page's image is large beside its objects. */
const SCAN_DPI = 16;
/** Rasterised smaller than scanned: the bytes read are the point, not the pixels. */
const DPI = 8;
/** The budget under test, far below the file (the worker's own is 32 MB, for real scans). */
const HELD_MAX = 3 * 1024 * 1024;
/** A page's ranges beyond the budget: its image and objects, in chunks. */
const PAGE_SLACK = 128 * 1024;

describe('a 500-page scan, page by page', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let vk: VanKho;
  let path: string;
  let size: number;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-ocr-long-');
    const src = join(tmp.dir, 'so-dang-ky-1998.pdf');
    // Twenty page images, each embedded as a page of its own (500 image objects, as a scanner
    // writes them); drawn once each to keep the test fast.
    const images = Array.from({ length: 20 }, (_, i) =>
      renderScan([{ text: `Trang ${i + 1}`, x: 72, y: 100, size: 28 }], {
        dpi: SCAN_DPI,
        format: 'jpeg',
        noise: 1,
        quality: 95,
      }),
    );
    const pages = Array.from({ length: PAGES }, (_, i) => images[i % images.length]!);
    writeFileSync(src, await makeScannedPdf(pages));
    vk = openVanKho(join(tmp.dir, 'kho'), { create: true });
    const r = await importPaths(vk.archive, [src]);
    expect(r.outcomes[0]?.documentId).not.toBeNull();
    const sha = vk.archive.db.prepare('SELECT sha256 FROM files').pluck().get() as string;
    path = vk.archive.files.pathOf(sha);
    size = statSync(path).size;
  });
  afterAll(async () => {
    vk?.close();
    await tmp?.cleanup();
  });

  it('is queued whole and read in ranges within the budget, each page once', async () => {
    expect(countPending(vk.archive.db, null)).toBe(PAGES);
    // The budget is a small share of the file, so reading it whole would show.
    expect(size).toBeGreaterThan(3 * HELD_MAX);

    const source = new PdfPageSource({ maxImagePixels: MAX_OCR_PIXELS, heldBytesMax: HELD_MAX });
    const handedOut = new Set<string>();
    const order: number[] = [];
    let total = 0;
    let openings = 0;
    let held = 0;
    let maxOpening = 0;
    let maxPagesHeld = 0;
    let firstPageBytes = 0;
    let opens = 0;
    try {
      for (;;) {
        const p = nextPendingPage(vk.archive.db, handedOut, null);
        if (!p) break;
        handedOut.add(pageKey(p));
        const img = await source.read(path, (doc) => rasterisePdfPage(doc, p.pageNo, DPI));
        expect(img.width * img.height).toBeGreaterThan(0);
        // A new open starts from nothing held: what the last one read is counted and dropped.
        if (source.opens !== opens) {
          total += held;
          opens = source.opens;
          openings += source.bytesOpening();
          maxOpening = Math.max(maxOpening, source.bytesOpening());
        }
        held = source.bytesHeld();
        if (order.length === 0) firstPageBytes = held;
        maxPagesHeld = Math.max(maxPagesHeld, held - source.bytesOpening());
        order.push(p.pageNo);
      }
    } finally {
      await source.close();
    }
    total += held;

    expect(order).toEqual(Array.from({ length: PAGES }, (_, i) => i + 1));
    // Opening: the trailer, the cross-references and a chunk or two per page dictionary (pdf.js
    // checks the page tree), which grows with the page count; then only that page's objects.
    expect(maxOpening).toBeLessThanOrEqual(PAGES * 2 * PDF_FILE_CHUNK + 64 * 1024);
    expect(firstPageBytes).toBeLessThan(size / 4);
    // Held beyond opening: the budget, plus at most the ranges of the page that crossed it.
    expect(maxPagesHeld).toBeLessThanOrEqual(HELD_MAX + PAGE_SLACK);
    expect(source.opens).toBeGreaterThanOrEqual(2);
    // Every page's image was read (the bytes are the file's), and beside the openings nothing twice.
    expect(total).toBeGreaterThan(0.9 * size);
    expect(total - openings).toBeLessThan(1.1 * size);
  });
});
