// What the text engine would propose for a document, without filing anything (`vankho extract`,
// extractPreview): the same extractors and text pipeline as import (extract-file.ts →
// prepareExtractedText), then extractMetadata and extractCitations.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { appError } from '../../contract/errors.js';
import type { ExtractPreviewDto } from '../../contract/dto.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { docNumberKey } from '../text/doc-number.js';
import { extractCitations, uniqueCitations } from '../text/extract-citations.js';
import { EXTRACTED_FIELDS, extractMetadata } from '../text/extract-metadata.js';
import { prepareExtractedText } from '../text/prepare-text.js';
import { extractFile } from './extract-file.js';
import { detectMediaType } from './media-type.js';

/** The pages of a file (FILE_UNREADABLE when it is none), as an import would read them. */
export async function previewPagesOfFile(
  path: string,
): Promise<{ pages: string[]; status: string; encoding: string | null }> {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) throw new VanKhoError(appError('FILE_UNREADABLE', path));
  // The first 4 KB tell the type; the file itself is read by its extractor (a PDF in ranges).
  const head = Buffer.alloc(4096);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const { kind } = detectMediaType(basename(path), head.subarray(0, n));
  const x = await extractFile(path, kind);
  if (x.error && x.pages.length === 0) {
    // PDF_ENCRYPTED tells an import that the original was kept; a preview files nothing.
    if (x.error.code === 'PDF_ENCRYPTED')
      throw new VanKhoError(appError('PDF_ENCRYPTED_NO_TEXT', basename(path)));
    throw new VanKhoError(x.error);
  }
  return { pages: x.pages, status: x.status, encoding: x.encoding };
}

/** Plain text as an import of a .txt would prepare it (legacy encodings recognised). */
export function previewPagesOfText(text: string): {
  pages: string[];
  status: string;
  encoding: string | null;
} {
  const p = prepareExtractedText(text);
  return { pages: [p.text], status: 'ok', encoding: p.legacyEncoding };
}

export function buildExtractPreview(
  source: string,
  pages: string[],
  textStatus: string,
  encoding: string | null,
): ExtractPreviewDto {
  const meta = extractMetadata(pages);
  const fields: ExtractPreviewDto['fields'] = {};
  // In EXTRACTED_FIELDS order: the CLI prints them as they come.
  for (const f of EXTRACTED_FIELDS) {
    const s = meta[f];
    if (s) fields[f] = { value: s.value, confidence: s.confidence };
  }
  const ownKey = meta.number ? docNumberKey(meta.number.value) : null;
  const citations = uniqueCitations(
    extractCitations(pages.join('\n'), ownKey, meta.docType?.value ?? null),
  ).map(({ parsed: _p, index: _i, ...c }) => c);
  return { source, textStatus, encoding, fields, citations };
}
