// Legacy Vietnamese encodings (docs/vietnamese-text.md §6): text typed in TCVN3 (ABC, .VnTime
// fonts), VNI (VNI-Times), VISCII or VPS comes out of old files as Latin-1/cp1252 mojibake
// ("ViÖt", "Vieät"). Detection: font names first, then a word-level test — a candidate encoding
// wins only when decoding turns many broken words into valid Vietnamese syllables and the text
// does not already read as Unicode Vietnamese. Ordinary Unicode text is never altered.

import { isValidSyllable } from './vi-syllable.js';
import { VOWEL_BASE } from './vietnamese-letters.js';
import { TCVN3_BYTES, VISCII_BYTES, VNI_SEQUENCES, VPS_BYTES } from './legacy-tables.js';

export type LegacyEncoding = 'tcvn3' | 'vni' | 'viscii' | 'vps';
/** Everything the repair step can undo: a legacy font encoding, or UTF-8 read as Windows-1252. */
export type RepairedEncoding = LegacyEncoding | 'utf8-as-cp1252';

/** cp1252 characters of bytes 0x80–0x9F (Latin-1 would give C1 controls at the same bytes). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** The byte a cp1252/Latin-1 decoder turned into this character, or -1. */
function byteOf(code: number): number {
  if (code < 0x100) return code;
  const i = CP1252_HIGH.indexOf(String.fromCharCode(code));
  return i >= 0 ? 0x80 + i : -1;
}

function byteTable(entries: ReadonlyArray<readonly [number, string]>): (string | undefined)[] {
  const t: (string | undefined)[] = new Array<string | undefined>(256);
  for (const [b, u] of entries) t[b] = u;
  return t;
}
const TCVN3 = byteTable(TCVN3_BYTES);
const VISCII = byteTable(VISCII_BYTES);
const VPS = byteTable(VPS_BYTES);

function decodeBytes(s: string, table: (string | undefined)[], minByte: number): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const b = byteOf(s.charCodeAt(i));
    if (b < minByte) continue;
    const u = table[b];
    if (u === undefined) continue;
    out += s.slice(last, i) + u;
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

const TONED_LOWER_RE = /[àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵăâêôơưđ]/;

/**
 * TCVN3 has no code for toned capitals: an all-caps heading comes out as "CộNG HOà". Upper-case a
 * word whose ASCII letters are all capitals (two or more, or one when a neighbour qualifies) and
 * that contains converted lowercase letters.
 */
function upperCaseHeadings(decoded: string, original: string): string {
  const words = decoded.split(/( +|\n)/);
  const origWords = original.split(/( +|\n)/);
  if (words.length !== origWords.length) return decoded;
  const caps = words.map((w) => {
    let upper = 0;
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      if (c >= 0x61 && c <= 0x7a) return -1;
      if (c >= 0x41 && c <= 0x5a) upper++;
    }
    return upper;
  });
  for (let i = 0; i < words.length; i += 2) {
    const w = words[i]!;
    if (!TONED_LOWER_RE.test(w) || w === origWords[i]) continue;
    const n = caps[i]!;
    const neighbour = (caps[i - 2] ?? -1) >= 2 || (caps[i + 2] ?? -1) >= 2;
    if (n >= 2 || (n === 1 && neighbour)) words[i] = w.toUpperCase();
  }
  return words.join('');
}

function decodeVni(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xc0 || c > 0xff) {
      // A mark byte only ever follows the base letter; look ahead from ASCII letters.
      const next = s.charCodeAt(i + 1);
      if (next >= 0xc0 && next <= 0xff) {
        const two = VNI_SEQUENCES[s.slice(i, i + 2)];
        if (two !== undefined) {
          out += s.slice(last, i) + two;
          last = i + 2;
          i++;
        }
      }
      continue;
    }
    const two = VNI_SEQUENCES[s.slice(i, i + 2)];
    if (two !== undefined) {
      out += s.slice(last, i) + two;
      last = i + 2;
      i++;
      continue;
    }
    const one = VNI_SEQUENCES[s[i]!];
    if (one !== undefined) {
      out += s.slice(last, i) + one;
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Decode mojibake of the given legacy encoding (no detection; apply to legacy text only). */
export function decodeLegacy(
  text: string,
  encoding: LegacyEncoding,
  opts: { upperCase?: boolean } = {},
): string {
  switch (encoding) {
    case 'tcvn3': {
      // Bytes 0x80–0x9F are cp1252 punctuation in ABC fonts, never letters.
      const d = decodeBytes(text, TCVN3, 0xa0);
      return opts.upperCase ? d.toUpperCase() : upperCaseHeadings(d, text);
    }
    case 'vni':
      return decodeVni(text);
    case 'viscii':
      return decodeBytes(text, VISCII, 0);
    case 'vps':
      return decodeBytes(text, VPS, 0);
  }
}

/** Encoding implied by a font name (".VnTime", "ABCDEF+.VnTimeH", "VNI-Times"), with the H flag. */
export function encodingOfFont(fontName: string): { encoding: LegacyEncoding; upperCase: boolean } | null {
  const name = fontName.replace(/^[A-Z]{6}\+/, '').trim();
  if (/^\.?Vn[A-Z]/.test(name)) return { encoding: 'tcvn3', upperCase: /^\.?Vn\w*?H(?:[-,].*)?$/.test(name) };
  if (/^VNI[- ]/i.test(name)) return { encoding: 'vni', upperCase: false };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Word-level scoring

/** Words: runs of anything but spaces and ASCII punctuation (TCVN3 letters include ¸ µ § …). */
function words(s: string): string[] {
  return s.split(/[\s!-/:-@[-`{-~\u2013\u2014\u201c\u201d\u2018\u2019\u2026]+/).filter((w) => w.length > 0);
}

/** A syllable, or a letter alone (a list "ằ ắ", an item "đ)"), which no syllable check accepts. */
function isVietnameseWord(w: string): boolean {
  if (w.length !== 1) return isValidSyllable(w);
  const c = w.charCodeAt(0);
  return VOWEL_BASE[c] !== 0 || c === 0x110 || c === 0x111;
}

function isAccentedSyllable(w: string): boolean {
  let nonAscii = false;
  for (let i = 0; i < w.length; i++) if (w.charCodeAt(i) > 0x7f) nonAscii = true;
  return nonAscii && isVietnameseWord(w);
}

interface Score {
  /** Words that read as accented Vietnamese syllables and that the decoding leaves alone or breaks. */
  unicode: number;
  /** Words that were not syllables and that the decoding turns into valid syllables. */
  fixed: number;
  /** Words the decoding changes into something that is not a syllable. */
  broken: number;
}

function score(original: string, decoded: string): Score {
  const a = words(original);
  const b = words(decoded);
  const s: Score = { unicode: 0, fixed: 0, broken: 0 };
  if (a.length !== b.length) {
    // Decoding never merges or splits words; a mismatch means it is the wrong decoding.
    s.broken = a.length;
    return s;
  }
  for (let i = 0; i < a.length; i++) {
    const before = isAccentedSyllable(a[i]!);
    if (a[i] === b[i]) {
      if (before) s.unicode++;
      continue;
    }
    const after = isVietnameseWord(b[i]!);
    if (!after) {
      s.broken++;
      if (before) s.unicode++;
    } else if (!before) s.fixed++;
    // valid before and after ("Chính" → "Chớnh" in TCVN3): no evidence either way
  }
  return s;
}

const CANDIDATES: LegacyEncoding[] = ['tcvn3', 'vni', 'viscii', 'vps'];

/** A cheap test that the text contains anything a legacy decoder could change. */
function hasHighLatin(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x80 && c <= 0xff) || (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09)) return true;
    if (c > 0x2000 && c < 0x2200 && byteOf(c) >= 0) return true;
  }
  return false;
}

/**
 * Detect a legacy encoding: font names first (".Vn…" → TCVN3, "VNI-…" → VNI), then the word test.
 * Returns null for Unicode text.
 */
export function detectLegacyEncoding(text: string, fontNames?: readonly string[]): LegacyEncoding | null {
  if (!hasHighLatin(text)) return null;
  const hinted = (fontNames ?? []).map(encodingOfFont).find((e) => e !== null);
  // Decide on a bounded sample of lines: detection cost must not grow with a 500-page document.
  const lines = sampleLines(text);
  if (!hinted && readsAsUnicode(lines)) return null;
  const sample = lines.join('\n');
  let best: { enc: LegacyEncoding; s: Score } | null = null;
  for (const enc of hinted ? [hinted.encoding] : CANDIDATES) {
    const s = score(sample, decodeLegacy(sample, enc));
    if (!best || s.fixed - s.broken > best.s.fixed - best.s.broken) best = { enc, s };
  }
  if (!best) return null;
  const { fixed, broken, unicode } = best.s;
  // With a font hint, one line that reads as legacy is enough (documents mix .VnTime and Unicode
  // runs); without, demand a clear majority over the whole text.
  if (hinted) return lines.some((line) => lineIsLegacy(line, best.enc)) ? best.enc : null;
  return fixed >= 2 && fixed > 2 * unicode && fixed > broken ? best.enc : null;
}

const SAMPLE_LINES = 400;

/** Up to SAMPLE_LINES non-empty lines spread evenly over the text. */
function sampleLines(text: string): string[] {
  const all = text.split('\n');
  if (all.length <= SAMPLE_LINES) return all;
  const step = all.length / SAMPLE_LINES;
  const out: string[] = [];
  for (let k = 0; k < SAMPLE_LINES; k++) out.push(all[Math.floor(k * step)]!);
  return out;
}

/**
 * Quick reject: legacy text decoded as cp1252/Latin-1 has (almost) no letters above U+00FF, while
 * Unicode Vietnamese has many (ă đ ơ ư ĩ ũ and U+1EA0–U+1EF9).
 */
function readsAsUnicode(lines: readonly string[]): boolean {
  let high = 0;
  let latin1 = 0;
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c >= 0x80 && c <= 0xff) latin1++;
      else if (
        (c >= 0x1ea0 && c <= 0x1ef9) ||
        (c >= 0x102 && c <= 0x111) ||
        (c >= 0x128 && c <= 0x169) ||
        (c >= 0x1a0 && c <= 0x1b0)
      )
        high++;
    }
  }
  return high >= 5 && high > 0.3 * latin1;
}

/**
 * A line reads as legacy when decoding repairs more words than it leaves as Unicode. Once the
 * document is known to be legacy (`followDocument`), lines of only ambiguous words ("Sè" is a
 * syllable in both readings) are converted too.
 */
function lineIsLegacy(
  line: string,
  encoding: LegacyEncoding,
  decoded = decodeLegacy(line, encoding),
  followDocument = false,
): boolean {
  const s = score(line, decoded);
  if (s.fixed > s.unicode && s.fixed >= s.broken) return true;
  return followDocument && s.unicode === 0 && s.broken === 0;
}

/**
 * Repair legacy-encoded text. Decides per document, then converts line by line, leaving any line
 * that reads as Unicode Vietnamese untouched (documents mix .VnTime and Times New Roman runs).
 */
export function repairLegacyText(
  text: string,
  fontNames?: readonly string[],
): { text: string; encoding: LegacyEncoding | null } {
  const encoding = detectLegacyEncoding(text, fontNames);
  if (!encoding) return { text, encoding: null };
  const fonts = (fontNames ?? []).map(encodingOfFont).filter((e) => e !== null);
  const upperCase = fonts.length > 0 && fonts.every((f) => f.encoding === encoding && f.upperCase);
  const lines = text.split('\n').map((line) => {
    const decoded = decodeLegacy(line, encoding, { upperCase });
    return decoded !== line && lineIsLegacy(line, encoding, decoded, true) ? decoded : line;
  });
  return { text: lines.join('\n'), encoding };
}

// ---------------------------------------------------------------------------------------------
// UTF-8 mojibake ("Viá»‡t", "Ä‘", "Æ°": UTF-8 bytes decoded as Windows-1252, docs §1.3)

/** A lead byte of a 2/3-byte UTF-8 sequence (as cp1252) followed by a continuation byte. */
const MOJIBAKE_RE =
  /[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/g;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Undo UTF-8 text that was decoded as Windows-1252, when such pairs are frequent and the whole
 * text re-encodes to valid UTF-8. Returns null when the text is not (entirely) such mojibake, so
 * ordinary Unicode text, which has characters cp1252 cannot encode, is never touched.
 */
export function repairUtf8Mojibake(text: string): string | null {
  const hits = text.match(MOJIBAKE_RE)?.length ?? 0;
  if (hits < 3) return null;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = byteOf(text.charCodeAt(i));
    if (b < 0) return null;
    bytes[i] = b;
  }
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}
