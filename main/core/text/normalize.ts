// Unicode clean-up, tone canonicalization and accent folding for Vietnamese text
// (docs/vietnamese-text.md §1–§3). The same functions run at index and at query time.
//
// - cleanText: NFC; invisible characters dropped; odd spaces made plain and collapsed; ligatures
//   expanded; Đ look-alikes mapped; dash variants → "-"; hyphenated line breaks rejoined where the
//   result is one Vietnamese syllable. Line breaks are kept (at most one blank line) because
//   metadata extraction reads the layout line by line. Case and tone placement are preserved.
// - canonicalize: moves the tone mark of each syllable to one canonical vowel (first vowel for the
//   open oa/oe/uy groups: hòa, thúy, khỏe, ủy). Length-preserving.
// - fold: lowercase, all marks removed, đ→d. Length-preserving on cleaned NFC text, so an offset in
//   the folded copy is the same offset in the original (highlighting).

import { fold, foldCode } from '../../contract/fold-text.js';
import { CLASS_DIGIT, CLASS_LETTER, CLASS_UNKNOWN, charClass, charClassTable } from './char-class.js';
import { isValidSyllable } from './vi-syllable.js';
import {
  VOWEL_BASE,
  VOWEL_HAS_MODIFIER,
  VOWEL_TONE,
  VOWEL_UPPER,
  composeVowel,
} from './vietnamese-letters.js';

const decoder = new TextDecoder('utf-16le');

/** Turns the first `len` code units of `buf` into a string. */
export function codesToString(buf: Uint16Array, len: number): string {
  if (len <= 1024) return String.fromCharCode.apply(null, Array.from(buf.subarray(0, len)));
  return decoder.decode(buf.subarray(0, len));
}

// ---------------------------------------------------------------------------------------------
// cleanText

const enum Act {
  Keep = 0,
  Drop = 1,
  Space = 2,
  Newline = 3,
}

/** Action per code unit for the cleaning pass (Keep for everything not listed). */
const ACTION = new Uint8Array(65536);
/** Replacement code unit (0 = none) for one-to-one mappings. */
const REPLACE = new Uint16Array(65536);
const LIGATURES: Record<number, string> = {
  0xfb00: 'ff',
  0xfb01: 'fi',
  0xfb02: 'fl',
  0xfb03: 'ffi',
  0xfb04: 'ffl',
  0xfb05: 'st',
  0xfb06: 'st',
};
for (let c = 0; c < 0x20; c++) ACTION[c] = Act.Drop; // C0 controls: invisible garbage after decoding
for (let c = 0x7f; c <= 0x9f; c++) ACTION[c] = Act.Drop;
for (const c of [0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x200e, 0x200f]) ACTION[c] = Act.Drop;
for (let c = 0x300; c <= 0x36f; c++) ACTION[c] = Act.Drop; // only reached when NFC could not compose
for (const c of [0x20, 0x09, 0xa0, 0x202f, 0x2007, 0x3000, 0x1680, 0x205f]) ACTION[c] = Act.Space;
for (let c = 0x2000; c <= 0x200a; c++) ACTION[c] = Act.Space;
for (const c of [0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029]) ACTION[c] = Act.Newline;
REPLACE[0xd0] = 0x110; // Ð ETH → Đ
REPLACE[0x189] = 0x110; // Ɖ AFRICAN D → Đ
REPLACE[0xf0] = 0x111; // ð eth → đ
for (let c = 0x2010; c <= 0x2014; c++) REPLACE[c] = 0x2d;
REPLACE[0x2212] = 0x2d;

/** The Act.Drop characters above as a regex class, for the pre-pass of cleanText. */
const DROP_CLASS = (() => {
  let cls = '';
  for (let c = 0; c < 65536; c++) {
    if (ACTION[c] !== Act.Drop || (c > 0 && ACTION[c - 1] === Act.Drop)) continue;
    let e = c;
    while (e + 1 < 65536 && ACTION[e + 1] === Act.Drop) e++;
    const hex = (x: number): string => '\\u' + x.toString(16).padStart(4, '0');
    cls += e > c ? `${hex(c)}-${hex(e)}` : hex(c);
  }
  return `[${cls}]`;
})();
const DROP_TEST = new RegExp(DROP_CLASS);
const DROP_RE = new RegExp(DROP_CLASS, 'g');
const LIGATURE_TEST = /[\ufb00-\ufb06]/;
const LIGATURE_RE = /[\ufb00-\ufb06]/g;

/** Spacing accents some PDF fonts draw as their own glyph after the vowel: ´ ˋ ˜ ˀ ˆ. */
const SPACING_ACCENT_RE = /([aăâeêioôơuưyAĂÂEÊIOÔƠUƯY])([\u00b4\u02cb\u02dc\u02c0\u02c6])(?=\p{L})/gu;
const SPACING_ACCENT_TEST = /[\u00b4\u02cb\u02dc\u02c0\u02c6]/;
const SPACING_TO_COMBINING: Record<string, string> = {
  '\u00b4': '\u0301',
  '\u02cb': '\u0300',
  '\u02dc': '\u0303',
  '\u02c0': '\u0309',
  '\u02c6': '\u0302',
};

/**
 * Clean extracted or typed text: NFC, invisible characters removed, spaces normalized, look-alikes
 * and dashes mapped (see the `clean` column of vi-normalize.json). Run legacy-encoding repair first:
 * this drops U+00AD, which is the letter ư in TCVN3.
 */
export function cleanText(input: string): string {
  let s = input.normalize('NFC');
  // Drop invisible characters (and marks NFC could not compose) BEFORE the spacing-accent repair:
  // "a´<soft hyphen>a" must become "áa" now, not "a´a" that a second clean would turn into "áa".
  // NFC again because removing them can bring composable neighbours together.
  if (DROP_TEST.test(s)) s = s.replace(DROP_RE, '').normalize('NFC');
  // Ligatures too: "ﬁˆa" expanded later would put a vowel before the accent ("fiˆa").
  if (LIGATURE_TEST.test(s)) s = s.replace(LIGATURE_RE, (l) => LIGATURES[l.charCodeAt(0)]!);
  // Repeat: accents can stack ("aˆˋ" → "âˋ" → "ầ"), and a mark that does not compose is dropped
  // now so that it cannot leave a vowel before the next accent for a second clean to join.
  while (SPACING_ACCENT_TEST.test(s)) {
    const before = s;
    s = s
      .replace(SPACING_ACCENT_RE, (_m, v: string, a: string) => v + SPACING_TO_COMBINING[a])
      .normalize('NFC');
    if (DROP_TEST.test(s)) s = s.replace(DROP_RE, '').normalize('NFC');
    if (s === before) break;
  }
  const n = s.length;
  let out = new Uint16Array(n + 16);
  let len = 0;
  let pendingSpace = false;
  let newlines = 0;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    const act = ACTION[c]!;
    if (act !== Act.Keep) {
      if (act === Act.Space) pendingSpace = true;
      else if (act === Act.Newline) {
        if (c === 0x0d && s.charCodeAt(i + 1) === 0x0a) i++;
        newlines++;
      }
      continue;
    }
    const r = REPLACE[c]!;
    if (r) c = r;
    if (len + 4 > out.length) {
      const bigger = new Uint16Array(out.length * 2);
      bigger.set(out);
      out = bigger;
    }
    if (len > 0) {
      if (newlines > 0) {
        if (newlines === 1 && out[len - 1] === 0x2d && rejoinHyphenated(out, len, s, i)) {
          len--; // drop the hyphen, join the two halves of the word
        } else if (newlines === 1 && out[len - 1] === 0x2d && isBrokenSymbol(out, len, s, i)) {
          // "30/2020/NĐ-⏎CP": a document symbol broken after its hyphen; keep the hyphen, join.
        } else {
          out[len++] = 0x0a;
          if (newlines > 1) out[len++] = 0x0a;
        }
      } else if (pendingSpace) out[len++] = 0x20;
    }
    pendingSpace = false;
    newlines = 0;
    out[len++] = c;
  }
  return codesToString(out, len);
}

/**
 * At "…quy-⏎ết…": join when both halves are letters, the second starts in lower case and the
 * joined word is one Vietnamese syllable (a real compound such as "Tự-do" never is).
 */
function rejoinHyphenated(out: Uint16Array, len: number, s: string, i: number): boolean {
  let a = len - 1;
  while (a > 0 && charClass(out[a - 1]!) === CLASS_LETTER) a--;
  if (a === len - 1) return false;
  const first = s[i]!;
  if (first === first.toUpperCase() || charClass(s.charCodeAt(i)) !== CLASS_LETTER) return false;
  let b = i;
  while (b < s.length && charClass(s.charCodeAt(b)) === CLASS_LETTER) b++;
  const left = codesToString(out.subarray(a, len - 1), len - 1 - a);
  return isValidSyllable(left + s.slice(i, b));
}

/** At "…NĐ-⏎CP": letters/digits on both sides, no spaces, and a "/" in either half. */
function isBrokenSymbol(out: Uint16Array, len: number, s: string, i: number): boolean {
  const before = out[len - 2];
  if (before === undefined || !(charClass(before) === CLASS_LETTER || charClass(before) === CLASS_DIGIT))
    return false;
  const c = s.charCodeAt(i);
  if (!(charClass(c) === CLASS_DIGIT || (charClass(c) === CLASS_LETTER && s[i] === s[i]!.toUpperCase())))
    return false;
  let a = len - 1;
  let slash = false;
  while (a > 0 && out[a - 1] !== 0x20 && out[a - 1] !== 0x0a && len - a < 40) {
    if (out[a - 1] === 0x2f) slash = true;
    a--;
  }
  for (let b = i; b < s.length && b < i + 40; b++) {
    const d = s.charCodeAt(b);
    if (d === 0x20 || d === 0x0a || d === 0x0d) break;
    if (d === 0x2f) slash = true;
  }
  return slash;
}

// ---------------------------------------------------------------------------------------------
// canonicalize

/**
 * Move each syllable's tone mark to its canonical vowel (docs §2). Works on any case; leaves words
 * that are not one Vietnamese syllable unchanged. Length-preserving.
 */
export function canonicalize(s: string): string {
  const n = s.length;
  const table = charClassTable();
  let out: Uint16Array | null = null;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    let cls = table[c]!;
    if (cls === CLASS_UNKNOWN) cls = charClass(c);
    if (cls !== CLASS_LETTER) {
      i++;
      continue;
    }
    // Scan the word, counting vowels and tones: only words with a tone and two or more vowels
    // can have it in the wrong place, so most words cost one pass and no further work.
    let vowels = VOWEL_BASE[c] ? 1 : 0;
    let toned = VOWEL_TONE[c] ? 1 : 0;
    let j = i + 1;
    while (j < n) {
      const cj = s.charCodeAt(j);
      let k = table[cj]!;
      if (k === CLASS_UNKNOWN) k = charClass(cj);
      if (k !== CLASS_LETTER) break;
      if (VOWEL_BASE[cj]) {
        vowels++;
        if (VOWEL_TONE[cj]) toned++;
      }
      j++;
    }
    if (toned === 1 && vowels >= 2 && j - i <= 8 && toneMove(s, i, j)) {
      if (!out) {
        out = new Uint16Array(n);
        for (let k = 0; k < n; k++) out[k] = s.charCodeAt(k);
      }
      applyMove(out);
    }
    i = j;
  }
  return out ? codesToString(out, n) : s;
}

// Result slots of toneMove (avoids allocating a pair per word in the hot loop).
let moveFrom = 0;
let moveTo = 0;

function applyMove(out: Uint16Array): void {
  const from = out[moveFrom]!;
  const to = out[moveTo]!;
  const tone = VOWEL_TONE[from]!;
  out[moveFrom] = composeVowel(VOWEL_BASE[from]! - 1, 0, VOWEL_UPPER[from]!);
  out[moveTo] = composeVowel(VOWEL_BASE[to]! - 1, tone, VOWEL_UPPER[to]!);
}

/** Decide where the tone of the word s[i, j) belongs; true (with moveFrom/moveTo set) if it moves. */
function toneMove(s: string, i: number, j: number): boolean {
  let toned = -1;
  for (let k = i; k < j; k++) {
    const c = s.charCodeAt(k);
    if (VOWEL_TONE[c]) {
      if (toned >= 0) return false;
      toned = k;
    }
  }
  if (toned < 0) return false;
  let k = i;
  while (k < j && !VOWEL_BASE[s.charCodeAt(k)]) k++;
  if (k === j) return false;
  // qu + vowel and gi + vowel are initial consonants (quý, giữa), but not gi + consonant (gìn).
  if (k === i + 1 && k + 1 < j && VOWEL_BASE[s.charCodeAt(k + 1)]) {
    const prev = s.charCodeAt(i) | 0x20;
    const base = VOWEL_BASE[s.charCodeAt(k)]! - 1;
    if ((prev === 0x71 && base === 9) || (prev === 0x67 && base === 5)) k++; // q+u, g+i
  }
  const v0 = k;
  while (k < j && VOWEL_BASE[s.charCodeAt(k)]) k++;
  const v1 = k;
  for (; k < j; k++) if (VOWEL_BASE[s.charCodeAt(k)]) return false; // vowel after a consonant: not one syllable
  const count = v1 - v0;
  if (count > 3 || j - v1 > 2) return false;
  let target: number;
  if (count === 1) target = v0;
  else {
    target = -1;
    for (let m = v0; m < v1; m++) if (VOWEL_HAS_MODIFIER[VOWEL_BASE[s.charCodeAt(m)]! - 1]) target = m;
    if (target < 0) {
      if (v1 < j) target = v1 - 1;
      else if (count === 3) target = v0 + 1;
      else target = v0;
    }
  }
  if (target === toned) return false;
  moveFrom = toned;
  moveTo = target;
  return true;
}

// ---------------------------------------------------------------------------------------------
// fold

// fold and foldCode live in main/contract/fold-text.ts so that the renderer's find-in-document folds
// exactly like the index and the query parser; the core uses them from here.
export { fold, foldCode };

/** The accent-exact key: lowercase + canonical tone placement (`acc` in docs §3). */
export function accentKey(s: string): string {
  return canonicalize(s.toLowerCase());
}

/** True when the text carries any Vietnamese diacritic or đ (a query token worth an accent boost). */
export function hasDiacritics(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 && foldCode(c) !== s[i]!.toLowerCase().charCodeAt(0)) return true;
  }
  return false;
}
