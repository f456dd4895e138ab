// The one rule saying why a stored document has no text, from what the archive keeps: its text status,
// the extraction's error code and the main original's media type. Import reports, the document view
// and the CLI all use it, so they never disagree.
import type { NoTextReason, TextStatus } from './dto.js';

/**
 * Media types VanKho extracts text from (main/core/ingest/media-type.ts maps each to its extractor;
 * tests/unit/ingest/no-text.test.ts keeps the two in step). Every other type is stored unread.
 */
export function isReadMediaType(mediaType: string): boolean {
  return (
    mediaType === 'application/pdf' ||
    mediaType === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' ||
    mediaType === 'application/msword' ||
    mediaType === 'application/xhtml+xml' ||
    mediaType.startsWith('text/')
  );
}

export function noTextReason(d: {
  textStatus: TextStatus;
  errorCode: string | null;
  /** The main original's media type; null when the document has no file. */
  mediaType: string | null;
}): NoTextReason | null {
  if (d.textStatus === 'failed') return d.errorCode === 'PDF_ENCRYPTED' ? 'encrypted' : 'unreadable';
  if (d.textStatus !== 'none' || d.mediaType === null) return null;
  // A PDF that opened without failing pages but holds no text has no text layer: a scan.
  if (d.mediaType.startsWith('image/') || d.mediaType === 'application/pdf') return 'scan';
  return isReadMediaType(d.mediaType) ? 'empty' : 'unsupported';
}

/**
 * How many imported files were stored without text and without an error (scans, formats not read):
 * findable only by their fields, which the archivist must know. One count for the CLI line, the
 * Import screen and the finished toast.
 */
export function countStoredWithoutText(
  outcomes: readonly { noText: NoTextReason | null; warning: unknown }[],
): number {
  return outcomes.filter((o) => o.noText !== null && o.warning === null).length;
}
