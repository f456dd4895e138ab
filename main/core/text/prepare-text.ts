// The one entry point for extracted text before it is stored: legacy-encoding repair FIRST (the
// TCVN3 letter ư is byte 0xAD, which clean-up would drop as a soft hyphen), then cleanText.

import { repairLegacyText, type LegacyEncoding } from './legacy-encoding.js';
import { cleanText } from './normalize.js';

export interface PrepareHints {
  /** Font names seen in the extracted runs (".VnTime", "VNI-Times", …), strongest legacy signal. */
  fontNames?: string[];
}

export interface PreparedText {
  text: string;
  legacyEncoding: LegacyEncoding | null;
}

/** Repair legacy encodings, then clean (NFC, invisible characters, spaces, look-alikes, dashes). */
export function prepareExtractedText(raw: string, hints?: PrepareHints): PreparedText {
  const repaired = repairLegacyText(raw, hints?.fontNames);
  return { text: cleanText(repaired.text), legacyEncoding: repaired.encoding };
}
