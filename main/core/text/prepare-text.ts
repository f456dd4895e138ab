// The one entry point for extracted text before it is stored: legacy-encoding repair FIRST (the
// TCVN3 letter ư is byte 0xAD, which clean-up would drop as a soft hyphen), then cleanText.

import { repairLegacyText, repairUtf8Mojibake, type RepairedEncoding } from './legacy-encoding.js';
import { cleanText } from './normalize.js';

export interface PrepareHints {
  /** Font names seen in the extracted runs (".VnTime", "VNI-Times", …), strongest legacy signal. */
  fontNames?: string[];
}

export interface PreparedText {
  text: string;
  /** What the repair step undid: a legacy font encoding, or 'utf8-as-cp1252' mojibake; null for Unicode. */
  legacyEncoding: RepairedEncoding | null;
}

/** Repair legacy encodings, then clean (NFC, invisible characters, spaces, look-alikes, dashes). */
export function prepareExtractedText(raw: string, hints?: PrepareHints): PreparedText {
  const unmangled = repairUtf8Mojibake(raw);
  if (unmangled !== null) return { text: cleanText(unmangled), legacyEncoding: 'utf8-as-cp1252' };
  const repaired = repairLegacyText(raw, hints?.fontNames);
  return { text: cleanText(repaired.text), legacyEncoding: repaired.encoding };
}
