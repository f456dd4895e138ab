// The PDF an OCR worker reads pages of. Opened by path and read in ranges (openPdfFile: a page
// costs its own bytes, never the whole file's), kept open for the next page of the same document
// (the queue hands a worker one document's pages in a row), and opened afresh once it holds more
// than its budget beyond what opening it read: pdf.js keeps every range it read until the document
// is destroyed, so a 500-page scan read page by page would otherwise end up whole in memory.
// Re-opening costs what opening costs (the trailer, the cross-references and one chunk per page
// dictionary: PDF_FILE_CHUNK), which grows with the page count, not with the pages' bytes.
import { openPdfFile, type PdfDocument, type PdfFile } from '../ingest/extractors/extract-pdf.js';

/** Bytes of one PDF's pages a worker keeps read (beyond opening it) before opening it afresh. */
export const PDF_HELD_BYTES_MAX = 32 * 1024 * 1024;

export class PdfPageSource {
  private current: { path: string; file: PdfFile } | null = null;
  /** How many times a PDF was opened (a new document, or the same one past its budget). */
  opens = 0;

  constructor(private readonly opts: { maxImagePixels: number; heldBytesMax?: number }) {}

  /** Runs `use` on the document at `path`; a failed read of the file rejects instead of hanging. */
  async read<T>(path: string, use: (doc: PdfDocument) => Promise<T>): Promise<T> {
    const file = await this.fileOf(path);
    return Promise.race([use(file.doc), file.failed]);
  }

  /** Bytes of the open PDF read and kept by pdf.js (0 when none is open). */
  bytesHeld(): number {
    return this.current?.file.bytesRead() ?? 0;
  }

  /** Of those, the bytes opening it read. */
  bytesOpening(): number {
    return this.current?.file.openedBytes ?? 0;
  }

  async close(): Promise<void> {
    const open = this.current;
    this.current = null;
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
      if (this.current?.file === file) this.current = null;
      void file.close();
    });
    return file;
  }
}
