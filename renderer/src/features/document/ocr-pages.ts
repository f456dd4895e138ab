// The OCR panel's rows: one per OCR page of the document, in file then page order, with the
// confidence as a whole percentage (Tesseract's decimals are noise to a reader).
import type { OcrPageStateDto } from '../../../../main/contract/dto.js';

export interface OcrPageRow {
  key: string;
  /** The file's name when the document has more than one file with OCR pages, else null. */
  fileName: string | null;
  pageNo: number;
  state: OcrPageStateDto['state'];
  /** "87%"; null while waiting or after a failure. */
  confidence: string | null;
  review: boolean;
  /** A failed page's error, or a read page's caveat (why to review it beyond its confidence). */
  error: OcrPageStateDto['error'];
}

/** 0..100 as a whole percentage, clamped (an engine's value never reads as "101%"). */
export function formatConfidence(conf: number): string {
  return `${Math.round(Math.min(100, Math.max(0, conf)))}%`;
}

export function ocrPageRows(
  pages: readonly OcrPageStateDto[],
  files: readonly { id: number; originalName: string }[],
): OcrPageRow[] {
  const order = new Map(files.map((f, i) => [f.id, i]));
  const names = new Map(files.map((f) => [f.id, f.originalName]));
  const several = new Set(pages.map((p) => p.fileId)).size > 1;
  return [...pages]
    .sort((a, b) => (order.get(a.fileId) ?? 0) - (order.get(b.fileId) ?? 0) || a.pageNo - b.pageNo)
    .map((p) => ({
      key: `${p.fileId}:${p.pageNo}`,
      fileName: several ? (names.get(p.fileId) ?? null) : null,
      pageNo: p.pageNo,
      state: p.state,
      confidence: p.state === 'done' && p.confidence !== null ? formatConfidence(p.confidence) : null,
      review: p.state === 'done' && p.low,
      error: p.state === 'pending' ? null : p.error,
    }));
}
