// Which pages of a stored original need OCR: decided from the text extraction kept (after legacy
// repair), so a mixed PDF OCRs only its scanned pages.

import { isValidSyllable } from '../text/vi-syllable.js';

/** Why a page is OCRed: no text layer, a text layer that cannot be read, or an image file. */
export type OcrReason = 'scan' | 'mojibake' | 'image';

/**
 * Fewer letters and digits than this on a page is no text layer: a scan often carries a few
 * characters (a page number, a scanner's stamp "Scanned by …", a bates number) over its image.
 */
export const MIN_TEXT_CHARS = 40;

/** Media types whose file is an image to OCR (a TIFF may hold several pages, one OCR page each). */
export function isOcrImageType(mediaType: string): boolean {
  return /^image\/(png|jpeg|webp|gif|bmp|tiff)$/.test(mediaType);
}

/**
 * Mojibake the legacy repair could not undo: a font without a ToUnicode map gives glyph codes —
 * private-use characters, controls, U+FFFD, or Latin-1 letters that form no Vietnamese syllable.
 * The page reads as text when most of its accented words are syllables.
 */
export function isUnreadableText(text: string): boolean {
  let visible = 0;
  let junk = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c <= 0x20 || ch === '\u00a0') continue;
    visible++;
    if ((c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd || c < 0x20 || (c >= 0x7f && c < 0xa0)) junk++;
  }
  if (visible === 0) return false;
  if (junk / visible > 0.1) return true;
  // Words with letters beyond ASCII: in Vietnamese text nearly all are syllables ("Quyết", "định").
  let accented = 0;
  let syllables = 0;
  for (const w of text.split(/[^\p{L}\p{M}]+/u)) {
    if (w === '' || !/[^a-z]/i.test(w)) continue;
    accented++;
    if (isValidSyllable(w)) syllables++;
  }
  return accented >= 20 && syllables / accented < 0.5;
}

/** The reason a page with this extracted text needs OCR, or null when its text is kept. */
export function pageNeedsOcr(text: string): OcrReason | null {
  const chars = (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
  if (chars < MIN_TEXT_CHARS) return 'scan';
  return isUnreadableText(text) ? 'mojibake' : null;
}

/**
 * The pages of a stored original to OCR (1-based), from its media type and extraction: every page
 * of a PDF without text, the pages of a PDF whose text is missing or unreadable, page 1 of an
 * image, every page of a TIFF. `pages` are the page texts kept (empty when none), `pageCount` the
 * PDF's or the TIFF's pages.
 */
export function pagesToOcr(
  mediaType: string,
  pages: readonly string[],
  pageCount: number | null,
): { page: number; reason: OcrReason }[] {
  if (isOcrImageType(mediaType)) {
    const n = mediaType === 'image/tiff' ? Math.max(1, pageCount ?? 1) : 1;
    return Array.from({ length: n }, (_, i) => ({ page: i + 1, reason: 'image' as const }));
  }
  if (mediaType !== 'application/pdf') return [];
  const n = Math.max(pageCount ?? 0, pages.length);
  const out: { page: number; reason: OcrReason }[] = [];
  for (let i = 0; i < n; i++) {
    const reason = pageNeedsOcr(pages[i] ?? '');
    if (reason) out.push({ page: i + 1, reason });
  }
  return out;
}
