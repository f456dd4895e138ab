// The `syllable` post-correction rule: a word that is not a valid Vietnamese syllable (vi-syllable.ts)
// is a misreading, and its valid neighbour under Tesseract's common confusions for Vietnamese is
// what was printed. Neighbours: one vowel's diacritics changed (tone mark, and the modifier within
// a/ă/â, e/ê, o/ô/ơ, u/ư), d/đ, and letter merges (rn→m, cl→d, li→h, I→l); at most two such edits,
// fewer preferred, then the one seen most often in the law texts (vi-syllable-freq.ts). A neighbour
// never seen there is no guess worth making: the word stays as read.
//
// Left alone: words touching a digit, "/", "-" or "." (codes, document numbers and their parts:
// the number grammar's rules own those), words in mixed case (IoT, TTr), single letters, and words
// longer than a syllable can be.
// A word in capitals gets only the diacritic and d/đ edits (initialisms have no vowel to fix, and
// "QUYÉT" is a heading's "QUYẾT").

import { accentKey } from '../text/normalize.js';
import { isValidSyllable } from '../text/vi-syllable.js';
import { SYLLABLE_FREQ_DATA } from '../text/vi-syllable-freq.js';
import {
  BASE_VOWELS,
  VOWEL_BASE,
  VOWEL_TONE,
  VOWEL_UPPER,
  composeVowel,
} from '../text/vietnamese-letters.js';

let freq: Map<string, number> | null = null;
function frequency(word: string): number {
  if (!freq) {
    freq = new Map();
    for (const row of SYLLABLE_FREQ_DATA.split(',')) {
      const sp = row.indexOf(' ');
      freq.set(row.slice(0, sp), Number(row.slice(sp + 1)));
    }
  }
  return freq.get(accentKey(word)) ?? 0;
}

/** For each base vowel (index into BASE_VOWELS), the base vowels OCR confuses it with: a/ă/â, e/ê, o/ô/ơ, u/ư. */
const FAMILY: readonly (readonly number[])[] = [...BASE_VOWELS].map((v) => {
  const group = ['aăâ', 'eê', 'i', 'oôơ', 'uư', 'y'].find((g) => g.includes(v))!;
  return [...group].map((x) => BASE_VOWELS.indexOf(x));
});
const MERGES: readonly (readonly [string, string])[] = [
  ['rn', 'm'],
  ['cl', 'd'],
  ['li', 'h'],
  ['I', 'l'],
];
const D_SWAP: Readonly<Record<string, string>> = { d: 'đ', đ: 'd', D: 'Đ', Đ: 'D' };

function edits(w: string, caps: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    const b = VOWEL_BASE[c]!;
    if (b) {
      const t0 = VOWEL_TONE[c]!;
      const up = VOWEL_UPPER[c]!;
      for (const nb of FAMILY[b - 1]!)
        for (let t = 0; t < 6; t++)
          if (nb !== b - 1 || t !== t0)
            out.push(w.slice(0, i) + String.fromCharCode(composeVowel(nb, t, up)) + w.slice(i + 1));
    }
    const d = D_SWAP[w[i]!];
    if (d) out.push(w.slice(0, i) + d + w.slice(i + 1));
    if (!caps)
      for (const [from, to] of MERGES)
        if (w.startsWith(from, i)) out.push(w.slice(0, i) + to + w.slice(i + from.length));
  }
  return out;
}

/** The most frequent valid word among these, or null when none is valid and seen. */
function best(candidates: Iterable<string>): string | null {
  let pick: string | null = null;
  let pickFreq = 0;
  for (const s of candidates) {
    if (!isValidSyllable(s)) continue;
    const f = frequency(s);
    if (f > pickFreq) {
      pick = s;
      pickFreq = f;
    }
  }
  return pick;
}

const memo = new Map<string, string>();

/** The word as printed, for a word that is not a valid syllable; the word itself otherwise. */
export function correctSyllable(word: string): string {
  if (word.length < 2 || word.length > 9 || isValidSyllable(word)) return word;
  const hit = memo.get(word);
  if (hit !== undefined) return hit;
  const caps = word === word.toUpperCase();
  // Mixed case (IoT, TTr) is a code or a name as written, not a misread syllable.
  if (!caps && word.slice(1) !== word.slice(1).toLowerCase()) return word;
  const one = edits(word, caps);
  let fixed = best(one);
  if (fixed === null) {
    const two = new Set<string>();
    for (const s of one) for (const t of edits(s, caps)) two.add(t);
    fixed = best(two);
  }
  const result = fixed ?? word;
  if (memo.size > 50_000) memo.clear();
  memo.set(word, result);
  return result;
}

// A word of letters not touching a digit or a code's punctuation (12/QĐ-UBND, v.v., H41).
const WORD_RE = /(?<![\p{L}\p{M}\d/.-])[\p{L}\p{M}]+(?![\p{L}\p{M}\d/-])/gu;

/**
 * A line with no accented letter is not Vietnamese as printed (an English line, an address, a name
 * written without diacritics: "Nguyen Van An"): its words are left as they are.
 */
function isAccentedLine(line: string): boolean {
  return /[^\p{ASCII}]/u.test(line);
}

/** The words of `text` corrected (correctSyllable) when `line`, the line they are on, is accented. */
export function correctLineSyllables(text: string, line: string): string {
  return isAccentedLine(line) ? text.replace(WORD_RE, correctSyllable) : text;
}

/** The text with each invalid syllable of an accented line replaced by its valid neighbour. */
export function correctSyllables(text: string): string {
  return text
    .split('\n')
    .map((line) => correctLineSyllables(line, line))
    .join('\n');
}
