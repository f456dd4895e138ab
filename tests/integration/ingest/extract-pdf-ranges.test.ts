// Import's PDF text extraction reads the file in ranges, page by page (extractPdf → PdfPageSource),
// never the whole file into one buffer: a generated 120-page PDF is extracted through a source
// with a small budget, counting the bytes read from the file. Every page's own text comes back in
// order across the re-opens, pdf.js never holds more than the budget plus a page beyond opening (a
// small share of the file), and the file is read about once beside the re-openings. A file that fails a read mid-way is the file's error
// (FILE_UNREADABLE), not a run of damaged pages; encrypted and corrupt PDFs keep their codes.
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../../main/core/ingest/extract-file.js';
import {
  extractPdf,
  PDF_FILE_CHUNK,
  PdfPageSource,
} from '../../../main/core/ingest/extractors/extract-pdf.js';
import { VanKhoError } from '../../../main/core/errors/vankho-error.js';
import { makePdf } from '../../helpers/make-pdf.js';
import { renderScan } from '../../helpers/make-scan.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const PAGES = 120;
/** The budget under test: a small share of the file (import's own is 32 MB). */
const HELD_MAX = 1024 * 1024;
/** A page's ranges beyond the budget: its photo, its text stream and objects, in chunks. */
const PAGE_SLACK = 64 * 1024;

const paragraph = (n: number): string[] => [
  `Trang ${n}, Điều ${n}. Quy định về việc quản lý tài liệu lưu trữ điện tử của cơ quan, tổ chức.`,
  ...Array.from(
    { length: 12 },
    (_, k) =>
      `Khoản ${k + 1}: Ủy ban nhân dân tỉnh giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành thực hiện số ${n * 100 + k}.`,
  ),
];

describe('PDF text extraction reads its file in ranges', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let path: string;
  let size: number;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-pdf-ranges-');
    path = join(tmp.dir, 'quy-che-120-trang.pdf');
    // Each page: a photo (noisy, so about 22 KB, as a real one is large beside the text) and its
    // text, uncompressed so that a page's text is a stream of its own beyond its page dictionary.
    const photo = renderScan([{ text: 'Ảnh', x: 72, y: 100, size: 28 }], {
      dpi: 16,
      format: 'jpeg',
      noise: 1,
      quality: 95,
    });
    const pages = Array.from({ length: PAGES }, (_, i) => paragraph(i + 1));
    writeFileSync(path, await makePdf(pages, { pageImage: photo, compress: false }));
    size = statSync(path).size;
  });
  afterAll(async () => {
    await tmp?.cleanup();
  });

  it('extracts every page within the budget, holding a small share of the file', async () => {
    // The budget is a small share of the file, so holding it whole would show.
    expect(size).toBeGreaterThan(3 * HELD_MAX);
    const source = new PdfPageSource({ heldBytesMax: HELD_MAX });
    let raw;
    let opening;
    try {
      raw = await extractPdf(path, { source });
      opening = source.bytesOpening();
    } finally {
      await source.close();
    }
    expect(raw.failedPages).toBe(0);
    expect(raw.pages).toHaveLength(PAGES);
    raw.pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain(`Trang ${i + 1}, Điều ${i + 1}.`);
      expect(text, `page ${i + 1}`).toContain(`số ${(i + 1) * 100 + 11}`);
    });
    // Opening: the trailer, the cross-references and a chunk or two per page dictionary.
    expect(opening).toBeLessThanOrEqual(PAGES * 2 * PDF_FILE_CHUNK + 64 * 1024);
    // Re-opened past the budget, never holding more than it plus the page that crossed it: at
    // most what opening reads and the budget, under half the file.
    expect(source.opens).toBeGreaterThanOrEqual(3);
    expect(source.peakHeld).toBeLessThanOrEqual(HELD_MAX + PAGE_SLACK);
    expect(opening + source.peakHeld).toBeLessThan(size / 2);
    // pdf.js reads each page's objects (its photo too); beside the openings, each byte about once.
    const total = source.bytesReadTotal();
    expect(total).toBeGreaterThan(0.9 * size);
    expect(total - source.opens * opening).toBeLessThan(1.1 * size);
  });

  it('through the import path too, with the same text', async () => {
    const viaImport = await extractFile(path, 'pdf');
    expect(viaImport.status).toBe('ok');
    expect(viaImport.pageCount).toBe(PAGES);
    expect(viaImport.pages[PAGES - 1]).toContain(`Trang ${PAGES}, Điều ${PAGES}.`);
  });

  it('a file cut short while it is read fails as the file (FILE_UNREADABLE), not as damaged pages', async () => {
    const cut = join(tmp.dir, 'cut.pdf');
    writeFileSync(cut, readFileSync(path));
    const source = new PdfPageSource();
    try {
      // Opened (trailer, cross-references, page tree), then the pages' bytes go away.
      await source.read(cut, (doc) => Promise.resolve(doc.numPages));
      truncateSync(cut, Math.floor(size / 3));
      const e = await extractPdf(cut, { source }).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(VanKhoError);
      expect((e as VanKhoError).appError.code).toBe('FILE_UNREADABLE');
    } finally {
      await source.close();
    }
  });

  it('encrypted and corrupt PDFs keep their codes', async () => {
    const secret = join(tmp.dir, 'mat.pdf');
    writeFileSync(secret, await makePdf([['Tài liệu mật']], { encrypt: 'mat-khau' }));
    expect((await extractFile(secret, 'pdf')).error?.code).toBe('PDF_ENCRYPTED');
    const broken = join(tmp.dir, 'hong.pdf');
    writeFileSync(broken, Buffer.from('%PDF-1.7\n1 0 obj <<\n'));
    expect((await extractFile(broken, 'pdf')).error?.code).toBe('PDF_CORRUPT');
  });
});
