import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { appError } from '../../../contract/errors.js';
import { parsingFailure } from '../../errors/to-vankho-error.js';
import { VanKhoError } from '../../errors/vankho-error.js';
import { pageText, type PdfTextItem } from './pdf-layout.js';
import type { RawExtraction } from './raw-extraction.js';

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));

/** Upper bound of pages read for text; the rest is reported as partial (T-H1). */
export const MAX_PDF_PAGES = 5_000;

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
  transform?: number[];
  width?: number;
}

type Matrix = [number, number, number, number, number, number];

/** pdf.js items in display space (the page's /Rotate applied), for the layout reader. */
function positioned(items: readonly TextItemLike[], view: Matrix): PdfTextItem[] {
  const out: PdfTextItem[] = [];
  for (const it of items) {
    if (typeof it.str !== 'string') continue; // marked-content markers
    const t = it.transform ?? [1, 0, 0, 1, 0, 0];
    // view × item transform: where the text starts and which way its baseline runs on screen.
    const a = view[0] * t[0]! + view[2] * t[1]!;
    const b = view[1] * t[0]! + view[3] * t[1]!;
    const c = view[0] * t[2]! + view[2] * t[3]!;
    const d = view[1] * t[2]! + view[3] * t[3]!;
    const x = view[0] * t[4]! + view[2] * t[5]! + view[4];
    const y = view[1] * t[4]! + view[3] * t[5]! + view[5];
    const size = Math.hypot(c, d);
    out.push({
      str: it.str,
      x,
      y,
      width: it.width ?? 0,
      size,
      hasEOL: it.hasEOL === true,
      upright: a > 0 && Math.abs(b) <= 0.05 * a && d < 0,
    });
  }
  return out;
}

/** A document opened by pdf.js (the legacy build's type, without naming its module at load time). */
export type PdfDocument = Awaited<
  ReturnType<typeof import('pdfjs-dist/legacy/build/pdf.mjs').getDocument>['promise']
>;

/**
 * Opens a PDF with pdf.js (legacy build, the one that runs in Node), configured for untrusted
 * input (R10): no eval, no XFA, no scripting, no font loading into the page, capped image size.
 * Encrypted → PDF_ENCRYPTED; unparsable (corrupt, truncated, not a PDF) → PDF_CORRUPT. Text
 * extraction and OCR rasterisation share it, so both read a PDF under the same limits (OCR may
 * allow larger images: a 600 dpi A4 scan is 35 million pixels). The caller destroys the document.
 */
export async function openPdfDocument(
  data: Uint8Array,
  opts: { maxImagePixels?: number } = {},
): Promise<PdfDocument> {
  return openWith({ data }, opts);
}

/**
 * Bytes pdf.js asks of a file at a time; it merges adjacent chunks into one read, so a page image
 * costs one read whatever the size. Small, because opening a PDF fetches every page's dictionary
 * (pdf.js walks the page tree to check the last page) and each costs a chunk: a 500-page scan whose
 * page objects sit beside their images is opened with about 500 chunks read, not the whole file.
 */
export const PDF_FILE_CHUNK = 4 * 1024;

/** A PDF opened from its file (openPdfFile): pdf.js reads the ranges it needs, never the whole file. */
export interface PdfFile {
  doc: PdfDocument;
  /** Bytes read from the file since it was opened (pdf.js keeps what it read until destroyed). */
  bytesRead(): number;
  /** Of those, the bytes opening read (the trailer, the cross-references, the page tree). */
  openedBytes: number;
  /**
   * Rejects when a read fails (an I/O error, the file shorter than when opened), always with a
   * VanKhoError (FILE_UNREADABLE for an fs error): pdf.js has no error path for a range, so a page
   * waiting on one would wait forever. Race a page against it.
   */
  failed: Promise<never>;
  /** Destroys the document and closes the file. */
  close(): Promise<void>;
}

/**
 * Opens a PDF by path as openPdfDocument does, but lazily: the trailer, the cross-reference table
 * and then only the objects a page needs are read, in ranges (disableAutoFetch: nothing is read
 * ahead), so a 500-page scan's page costs its own bytes, not the file's. The caller closes it.
 */
export async function openPdfFile(path: string, opts: { maxImagePixels?: number } = {}): Promise<PdfFile> {
  // The file first: one that cannot be read fails at once, before pdf.js is even loaded.
  const file = await open(path, 'r');
  let bytesRead = 0;
  // Set once the document is closed or a read failed: a read still in flight then hands pdf.js
  // nothing (a destroyed transport throws on data it no longer waits for).
  let ended = false;
  let reject: (e: unknown) => void = () => undefined;
  const failed = new Promise<never>((_resolve, r) => (reject = r));
  const fail = (e: unknown): void => {
    ended = true;
    reject(e);
  };
  failed.catch(() => undefined); // seen by whoever races it; never an unhandled rejection
  try {
    const { size } = await file.stat();
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    class FileRange extends pdfjs.PDFDataRangeTransport {
      override requestDataRange(begin: number, end: number): void {
        const chunk = new Uint8Array(end - begin);
        file.read(chunk, 0, chunk.length, begin).then(
          ({ bytesRead: n }) => {
            if (ended) return;
            if (n !== chunk.length) {
              fail(
                new VanKhoError(
                  appError('FILE_UNREADABLE', `${path}: ${n} of ${chunk.length} bytes at ${begin}`),
                ),
              );
              return;
            }
            bytesRead += n;
            this.onDataRange(begin, chunk);
          },
          (e: unknown) => {
            if (!ended) fail(parsingFailure(e, 'pdf', { readingInput: true }));
          },
        );
      }
    }
    const doc = await openWith(
      {
        range: new FileRange(size, null),
        disableAutoFetch: true,
        disableStream: true,
        rangeChunkSize: PDF_FILE_CHUNK,
      },
      opts,
      failed,
    );
    return {
      doc,
      bytesRead: () => bytesRead,
      openedBytes: bytesRead,
      failed,
      close: async () => {
        ended = true;
        await doc.destroy().catch(() => undefined);
        await file.close().catch(() => undefined);
      },
    };
  } catch (e) {
    await file.close().catch(() => undefined);
    throw e;
  }
}

/** Bytes of one PDF's pages a source keeps read (beyond opening it) before opening it afresh. */
export const PDF_HELD_BYTES_MAX = 32 * 1024 * 1024;

/**
 * A PDF read page by page from its file, for text extraction, OCR and the searchable copy. Opened
 * by path and read in ranges (openPdfFile: a page costs its own bytes, never the whole file's), kept
 * open for the next page of the same document, and opened afresh once it holds more than its budget
 * beyond what opening it read: pdf.js keeps every range it read until the document is destroyed, so
 * a 500-page PDF read page by page would otherwise end up whole in memory. Re-opening costs what
 * opening costs (the trailer, the cross-references and one chunk per page dictionary:
 * PDF_FILE_CHUNK), which grows with the page count, not with the pages' bytes.
 */
export class PdfPageSource {
  private current: { path: string; file: PdfFile } | null = null;
  /** How many times a PDF was opened (a new document, or the same one past its budget). */
  opens = 0;
  /** The most bytes held beyond opening, seen after any read (what the budget bounds). */
  peakHeld = 0;
  /** Bytes read from files over every open (what the last open read counts once it is closed). */
  private readBefore = 0;

  constructor(private readonly opts: { maxImagePixels?: number; heldBytesMax?: number } = {}) {}

  /** Runs `use` on the document at `path`; a failed read of the file rejects instead of hanging. */
  async read<T>(path: string, use: (doc: PdfDocument) => Promise<T>): Promise<T> {
    const file = await this.fileOf(path);
    try {
      return await Promise.race([use(file.doc), file.failed]);
    } finally {
      this.peakHeld = Math.max(this.peakHeld, file.bytesRead() - file.openedBytes);
    }
  }

  /** Bytes of the open PDF read and kept by pdf.js (0 when none is open). */
  bytesHeld(): number {
    return this.current?.file.bytesRead() ?? 0;
  }

  /** Of those, the bytes opening it read. */
  bytesOpening(): number {
    return this.current?.file.openedBytes ?? 0;
  }

  /** Bytes read from files since the source was made, over all its opens. */
  bytesReadTotal(): number {
    return this.readBefore + this.bytesHeld();
  }

  async close(): Promise<void> {
    const open = this.current;
    this.current = null;
    if (open) this.readBefore += open.file.bytesRead();
    await open?.file.close();
  }

  private async fileOf(path: string): Promise<PdfFile> {
    const max = this.opts.heldBytesMax ?? PDF_HELD_BYTES_MAX;
    const open = this.current;
    if (open?.path === path && open.file.bytesRead() - open.file.openedBytes <= max) return open.file;
    await this.close();
    const file = await openPdfFile(path, { maxImagePixels: this.opts.maxImagePixels });
    this.current = { path, file };
    this.opens++;
    // A file that failed a read is not asked again: the next page opens it afresh.
    file.failed.catch(() => {
      if (this.current?.file !== file) return;
      this.current = null;
      this.readBefore += file.bytesRead();
      void file.close();
    });
    return file;
  }
}

/** The bytes in memory, or a range reader over a file. */
type PdfSource =
  | { data: Uint8Array }
  | {
      range: import('pdfjs-dist/legacy/build/pdf.mjs').PDFDataRangeTransport;
      disableAutoFetch: true;
      disableStream: true;
      rangeChunkSize: number;
    };

async function openWith(
  source: PdfSource,
  opts: { maxImagePixels?: number },
  failed?: Promise<never>,
): Promise<PdfDocument> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    ...source,
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    stopAtErrors: false,
    maxImageSize: opts.maxImagePixels ?? 16 * 1024 * 1024,
    cMapUrl: join(PDFJS_DIR, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts') + '/',
    verbosity: 0,
  });
  try {
    return await (failed ? Promise.race([task.promise, failed]) : task.promise);
  } catch (e) {
    if (failed) {
      // Opened from a file: pdf.js may still wait on a range that will not come.
      await task.destroy().catch(() => undefined);
      // An fs error while reading the file is the file's (FILE_UNREADABLE), as for a whole read.
      throw parsingFailure(e, 'pdf', { readingInput: true });
    }
    throw parsingFailure(e, 'pdf');
  }
}

/** One page's text, for the layout reader (first: the page that holds the document's header). */
async function textOfPage(doc: PdfDocument, n: number): Promise<string> {
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  const view = page.getViewport({ scale: 1 }).transform as Matrix;
  const text = pageText(positioned(content.items as TextItemLike[], view), n === 1);
  page.cleanup();
  return text;
}

/**
 * Text per page of the PDF at `path`, read page by page in ranges of the file (PdfPageSource), so a
 * large PDF is never held whole (see openPdfDocument for the limits and errors). A damaged page is
 * an empty page counted in failedPages; a read of the file that fails ends the extraction
 * (FILE_UNREADABLE). `source`: the reader to use (its budget), closed by the caller.
 */
export async function extractPdf(
  path: string,
  opts: { source?: PdfPageSource } = {},
): Promise<RawExtraction> {
  const source = opts.source ?? new PdfPageSource();
  try {
    const numPages = await source.read(path, (doc) => Promise.resolve(doc.numPages));
    const pages: string[] = [];
    const n = Math.min(numPages, MAX_PDF_PAGES);
    let failedPages = numPages - n;
    for (let i = 1; i <= n; i++) {
      try {
        pages.push(await source.read(path, (doc) => textOfPage(doc, i)));
      } catch (e) {
        // The file's failure (VanKhoError from its reads), not the page's: nothing more can be read.
        if (e instanceof VanKhoError) throw e;
        // A damaged page (truncated stream, bad object) must not lose the others.
        pages.push('');
        failedPages++;
      }
    }
    return { pages, encoding: null, fontNames: [], failedPages };
  } finally {
    if (!opts.source) await source.close();
  }
}
