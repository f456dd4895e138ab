// The searchable-PDF copy of a document's scan as a file (issue 11, export): which file it is made
// of, and writing it the safe way — beside the target as a partial file, renamed only when complete,
// removed on error or cancel. The stored original is only read; the copy is a derived file. It reads
// the archive through ScanSource, not the database (issue 13's storage seam).
import { createWriteStream, existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { FileDto } from '../../contract/dto.js';
import { appError } from '../../contract/errors.js';
import type { Archive } from '../archive/archive.js';
import { startPartial } from '../archive/temp-owner.js';
import { VanKhoError } from '../errors/vankho-error.js';
import type { OcrWord } from '../ocr/ocr-engine.js';
import type { OcrPageView } from '../ocr/ocr-store.js';
import type { SearchablePage } from '../ocr/searchable-pdf.js';
import { finishPartial } from './finish-partial.js';
import { safeFileName } from './safe-file-name.js';

/** A scan of a document and the words OCR read on its pages (by page number, 1-based). */
export interface SearchableScan {
  file: FileDto;
  words: Map<number, OcrWord[]>;
}

/** What the copy reads of the archive: a document's files, and the OCR of one file's pages. */
export interface ScanSource {
  /** The document's files in reading order (documents-repo listFiles). */
  filesOf(documentId: number): FileDto[];
  /** The file's pages OCR has seen, by page number (ocr-store ocrPagesOf). */
  ocrPagesOf(fileId: number): readonly OcrPageView[];
}

/**
 * The file the copy is made of: `fileId` (a file of the document, else NOT_FOUND), or the document's
 * first file in reading order with pages read by OCR. NOT_OCRED when that file has none: a copy
 * without its words would be the scan again, not a searchable one.
 */
export function searchableScanOf(source: ScanSource, documentId: number, fileId?: number): SearchableScan {
  const files = source.filesOf(documentId);
  const candidates = fileId === undefined ? files : files.filter((f) => f.id === fileId);
  if (candidates.length === 0) throw new VanKhoError(appError('NOT_FOUND', `file #${fileId}`));
  for (const file of candidates) {
    const done = source.ocrPagesOf(file.id).filter((p) => p.state === 'done');
    if (done.length > 0) return { file, words: new Map(done.map((p) => [p.pageNo, p.words])) };
  }
  throw new VanKhoError(appError('NOT_OCRED', candidates[0]!.originalName));
}

/** The copy's proposed name: the original's, marked as the searchable copy ("…-tim-kiem.pdf"). */
export function searchablePdfName(originalName: string): string {
  const stem = basename(originalName, extname(originalName)) || 'ban-quet';
  return safeFileName(`${stem}-tim-kiem`, 'pdf');
}

export interface SearchablePdfOptions {
  out: string;
  /** Replace a file already at `out` (the desktop's save dialog asked); else INVALID_INPUT. */
  overwrite?: boolean;
  signal?: AbortSignal;
  /** After each page written. */
  onPage?: (pagesDone: number) => void;
}

/** Writes the searchable copy of `scan` to `opts.out`; its size in bytes and page count. */
export async function writeSearchablePdfFile(
  archive: Archive,
  scan: SearchableScan,
  opts: SearchablePdfOptions,
): Promise<{ out: string; size: number; pages: number }> {
  const out = resolve(opts.out);
  if (existsSync(out) && !opts.overwrite) throw new VanKhoError(appError('INVALID_INPUT', `${out} exists`));
  const { signal } = opts;
  const source = archive.files.pathOf(scan.file.sha256);
  if (!existsSync(source)) throw new VanKhoError(appError('NOT_FOUND', `file #${scan.file.id}`));
  // Loaded when a copy is made: the rasteriser, canvas and image libraries would otherwise be loaded
  // by every process that composes the app (each CLI command, for one).
  const { searchablePages, writeSearchablePdf } = await import('../ocr/searchable-pdf.js');
  let pages = 0;
  async function* counted(): AsyncGenerator<SearchablePage> {
    for await (const page of searchablePages({
      path: source,
      mediaType: scan.file.mediaType,
      words: scan.words,
    })) {
      // Between pages: a cancelled 500-page copy stops at the page it was on.
      if (signal?.aborted) throw new VanKhoError(appError('CANCELLED'));
      yield page;
      opts.onPage?.(++pages);
    }
  }
  const partial = startPartial(out, archive.readonly ? {} : { archiveDir: archive.dir });
  const size = await finishPartial(partial, out, signal, async () => {
    const stream = createWriteStream(partial.path, { flags: 'wx' });
    try {
      await writeSearchablePdf(counted(), stream, { title: scan.file.originalName });
    } catch (e) {
      stream.destroy();
      throw e;
    }
    return stream.bytesWritten;
  });
  return { out, size, pages };
}
