import { readFileSync } from 'node:fs';
import { appError } from '../../contract/errors.js';
import type { FileText } from '../archive/document-text.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { prepareExtractedText } from '../text/prepare-text.js';
import { decodeText } from './extractors/decode-text.js';
import { extractDoc } from './extractors/extract-doc.js';
import { extractDocx } from './extractors/extract-docx.js';
import { extractPdf } from './extractors/extract-pdf.js';
import { declaredHtmlCharset, htmlToText } from './extractors/html-to-text.js';
import type { RawExtraction } from './extractors/raw-extraction.js';
import { tiffPagesOfFile } from './extractors/tiff-pages.js';
import type { ExtractorKind } from './media-type.js';

/**
 * What extraction hands back to the import: prepared page texts and the document's text status, in
 * the shape the archive stores (core/archive/document-text.ts).
 */
export type ExtractionResult = FileText;
export type ExtractedTextStatus = FileText['status'];

/**
 * Text files are decoded up to this many bytes. Besides bounding the work, it keeps every single
 * string far below the worker's heap limit: a worker that fails one huge allocation aborts the whole
 * process (Node does not turn that into ERR_WORKER_OUT_OF_MEMORY), gradual growth is contained.
 */
export const MAX_TEXT_BYTES = 32 * 1024 * 1024;

function capped(data: Buffer): { bytes: Buffer; truncated: boolean } {
  return data.length > MAX_TEXT_BYTES
    ? { bytes: data.subarray(0, MAX_TEXT_BYTES), truncated: true }
    : { bytes: data, truncated: false };
}

async function rawExtract(kind: ExtractorKind, path: string): Promise<RawExtraction | null> {
  switch (kind) {
    case 'pdf':
      // Read in ranges, page by page: a large PDF is never held whole.
      return extractPdf(path);
    case 'docx':
      return extractDocx(readFileSync(path));
    case 'doc':
      return extractDoc(readFileSync(path));
    case 'text': {
      const { bytes, truncated } = capped(readFileSync(path));
      const d = decodeText(bytes);
      return { pages: [d.text], encoding: d.encoding, fontNames: [], failedPages: 0, truncated };
    }
    case 'html': {
      const { bytes, truncated } = capped(readFileSync(path));
      const d = decodeText(bytes, declaredHtmlCharset(bytes));
      return { pages: [htmlToText(d.text)], encoding: d.encoding, fontNames: [], failedPages: 0, truncated };
    }
    case 'none':
      return null;
  }
}

/**
 * Pages of a file kept without text that has several: a multi-page TIFF scan (each page is OCRed
 * as its own page). Null for any other file, and for a TIFF whose directories cannot be read
 * (its one queued page then fails with the decoder's reason).
 */
function imagePageCount(path: string): number | null {
  try {
    return tiffPagesOfFile(path)?.length ?? null;
  } catch {
    return null;
  }
}

/**
 * Extracts and prepares the text of one stored original. Runs inside the extraction worker (never on
 * the caller's thread for untrusted input); never throws for a bad file — the outcome is a status
 * with a contract error, because the original is kept whatever its content (R5).
 */
export async function extractFile(path: string, kind: ExtractorKind): Promise<ExtractionResult> {
  if (kind === 'none')
    return { status: 'none', pages: [], pageCount: imagePageCount(path), encoding: null, error: null };
  let raw: RawExtraction | null;
  try {
    raw = await rawExtract(kind, path);
  } catch (e) {
    const error = e instanceof VanKhoError ? e.appError : appError('EXTRACTION_FAILED');
    return { status: 'failed', pages: [], pageCount: null, encoding: null, error };
  }
  if (!raw) return { status: 'none', pages: [], pageCount: null, encoding: null, error: null };
  let legacy: string | null = null;
  const pages = raw.pages.map((p) => {
    const prepared = prepareExtractedText(p, { fontNames: raw.fontNames });
    legacy ??= prepared.legacyEncoding;
    return prepared.text;
  });
  const hasText = pages.some((p) => p.trim() !== '');
  const pageCount = kind === 'pdf' ? pages.length : (raw.pageCount ?? null);
  const encoding = legacy ?? raw.encoding;
  if (!hasText) {
    // A scan or an empty document: kept, "no text yet" (OCR can fill it later).
    return {
      status: raw.failedPages > 0 ? 'failed' : 'none',
      pages: [],
      pageCount,
      encoding,
      error: raw.failedPages > 0 ? appError(kind === 'pdf' ? 'PDF_CORRUPT' : 'EXTRACTION_FAILED') : null,
    };
  }
  if (raw.failedPages > 0) {
    return {
      status: 'partial',
      pages,
      pageCount,
      encoding,
      error: appError(kind === 'pdf' ? 'PDF_CORRUPT' : 'EXTRACTION_FAILED', `${raw.failedPages} page(s)`),
    };
  }
  if (raw.truncated) {
    return {
      status: 'partial',
      pages,
      pageCount,
      encoding,
      error: appError('TEXT_TRUNCATED', `${MAX_TEXT_BYTES} bytes`),
    };
  }
  return { status: 'ok', pages, pageCount, encoding, error: null };
}
