// Tables of the Vietnamese vowel letters: which base vowel (with its modifier) and which tone each
// precomposed code point carries, and the reverse composition. Built once from NFC so there is no
// hand-typed list of 144 letters to get wrong. Shared by tone canonicalization and the syllable check.

/** Base vowels with their modifier (ă â ê ô ơ ư are distinct letters, not toned a/e/o/u). */
export const BASE_VOWELS = 'aăâeêioôơuưy';
/** Combining tone marks, index = tone number (0 = level tone, no mark). */
export const TONE_MARKS = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'] as const;

/** For each UTF-16 code unit: 0 = not a Vietnamese vowel, else 1 + index into BASE_VOWELS. */
export const VOWEL_BASE = new Uint8Array(65536);
/** Tone number (0..5) of a vowel code unit. */
export const VOWEL_TONE = new Uint8Array(65536);
/** 1 when the vowel code unit is upper-case. */
export const VOWEL_UPPER = new Uint8Array(65536);
/** Composed code unit for [upper][base][tone]: index = upper*72 + base*6 + tone. */
export const VOWEL_COMPOSE = new Uint16Array(2 * 12 * 6);
/** 1 for base vowels that carry a modifier (ă â ê ô ơ ư), by base index. */
export const VOWEL_HAS_MODIFIER = new Uint8Array([0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0]);

for (let b = 0; b < BASE_VOWELS.length; b++) {
  for (let t = 0; t < TONE_MARKS.length; t++) {
    for (let u = 0; u < 2; u++) {
      const base = u ? BASE_VOWELS[b]!.toUpperCase() : BASE_VOWELS[b]!;
      const ch = (base + TONE_MARKS[t]).normalize('NFC');
      const code = ch.charCodeAt(0);
      VOWEL_BASE[code] = b + 1;
      VOWEL_TONE[code] = t;
      VOWEL_UPPER[code] = u;
      VOWEL_COMPOSE[u * 72 + b * 6 + t] = code;
    }
  }
}

/** The code unit for a vowel with the given base, tone and case. */
export function composeVowel(base: number, tone: number, upper: number): number {
  return VOWEL_COMPOSE[upper * 72 + base * 6 + tone]!;
}
