// The Vietnamese syllable grammar, strictly: syllable = optional onset + rhyme + tone, with the
// spelling rules of the orthography. The one syllable check of the code base, tested from the grammar
// (tests/unit/text/vi-syllable.test.ts):
// - isValidSyllable, for spelled text: OCR post-correction (an invalid syllable is a misreading),
//   "is this page text or mojibake?" (needs-ocr), legacy-encoding detection, line-break rejoining;
// - isSyllableFolded, for text typed without its marks: is a query word a word or a code ("ubnd")?
//
// - Rhymes: an inventory built from each nucleus and the codas it takes (ă, â, iê, uô, ươ need a coda;
//   ia, ua, ưa and the glide-final groups take none; ch/nh only after a, ê, i, oa, uê, uy).
// - Onsets and spelling: k, gh, ngh before i/e/ê (k also before y); c, g, ng elsewhere; q only as
//   qu + a rhyme; gi absorbs the i of its rhyme (gì, gìn, giết); iê after an onset, yê without one.
// - Tone: at most one mark; a rhyme closed by a stop (-c, -ch, -p, -t) takes only sắc or nặng.

import { fold } from '../../contract/fold-text.js';
import { VOWEL_BASE, VOWEL_TONE, VOWEL_UPPER, composeVowel } from './vietnamese-letters.js';

/** Tone numbers of vietnamese-letters.ts: 0 level, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng. */
export const TONE_SAC = 2;
export const TONE_NANG = 5;

const RHYMES = new Set<string>();
function rhymes(nucleus: string, codas: string): void {
  for (const c of codas.split(' ')) RHYMES.add(nucleus + (c === '-' ? '' : c));
}
rhymes('a', '- c ch m n ng nh p t i y o u');
rhymes('ă', 'c m n ng p t');
rhymes('â', 'c m n ng p t u y');
rhymes('e', '- c m n ng p t o');
rhymes('ê', '- ch m n nh p t u');
rhymes('i', '- ch m n nh p t u a');
rhymes('o', '- c m n ng p t i');
rhymes('oo', 'c ng'); // loanwords: xoong, boong, moóc
rhymes('ô', '- c m n ng p t i');
rhymes('ơ', '- m n p t i');
rhymes('u', '- c m n ng p t i a');
rhymes('ư', '- c m n ng t i u a');
rhymes('y', '-');
rhymes('iê', 'c m n ng p t u');
rhymes('yê', 'c m n ng p t u'); // without an onset only (yên, yêu)
rhymes('uô', 'c m n ng t i');
rhymes('ươ', 'c m n ng p t i u');
rhymes('oa', '- c ch m n ng nh p t i y o');
rhymes('oă', 'c m n ng t');
rhymes('oe', '- m n ng t o');
rhymes('uâ', 'n ng t y');
rhymes('uê', '- ch n nh t');
rhymes('uy', '- ch n nh p t u a');
rhymes('uyê', 'n t');
rhymes('uơ', '-');

/** What follows qu: the rhymes of a, ă, â, e, ê, ơ, i/y (qua, quăn, quân, quen, quê, quơ, qui, quy, quyết), and ôc (quốc). */
const QU_RHYMES = new Set<string>([...RHYMES].filter((r) => /^[aăâeêơ]/.test(r) || r === 'i' || r === 'ôc'));
for (const r of RHYMES) if (r.startsWith('uy')) QU_RHYMES.add(r.slice(1));

const ONSETS = [
  'ngh',
  'ng',
  'gh',
  'gi',
  'kh',
  'nh',
  'ph',
  'th',
  'tr',
  'ch',
  'qu',
  'b',
  'c',
  'd',
  'đ',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'x',
  '',
] as const;

const FRONT = /^[ieêy]/; // k/gh/ngh go before these; c/g/ng never do

/** The rhyme as spelled after this onset (gi gives back the i it absorbs: gìn = gi + in), or null. */
function rhymeAfter(onset: string, rhyme: string): string | null {
  switch (onset) {
    case 'qu':
      return QU_RHYMES.has(rhyme) ? rhyme : null;
    case 'gi':
      // gi absorbs its rhyme's i: gì, gìn, gịt; giết, giếng for g + iêt, iêng.
      if (rhyme === '') return 'i';
      if (/^[cmnpt]/.test(rhyme) || rhyme.startsWith('ê'))
        return RHYMES.has('i' + rhyme) ? 'i' + rhyme : null;
      return RHYMES.has(rhyme) && !/^[iy]/.test(rhyme) ? rhyme : null;
    case '':
      return RHYMES.has(rhyme) && !rhyme.startsWith('iê') ? rhyme : null;
  }
  if (!RHYMES.has(rhyme) || rhyme.startsWith('yê')) return null;
  switch (onset) {
    case 'k':
      return FRONT.test(rhyme) ? rhyme : null;
    case 'gh':
    case 'ngh':
      return /^[ieê]/.test(rhyme) ? rhyme : null;
    case 'c':
    case 'g':
    case 'ng':
      return FRONT.test(rhyme) ? null : rhyme;
    default:
      return rhyme;
  }
}

const MODIFIED = /[ăâêôơư]/;

/**
 * The vowels of a rhyme that may carry its tone mark: the modified vowel (the last one: ươ → ơ);
 * else before a final consonant the last vowel (hoàn); else the only vowel, the middle of three
 * (ngoài), the first of two (hài, múa), and for oa, oe, uy either (hòa and hoà are both written).
 */
function toneSlots(rhyme: string): number[] {
  let n = 0;
  while (n < rhyme.length && VOWEL_BASE[rhyme.charCodeAt(n)]) n++;
  let mod = -1;
  for (let i = 0; i < n; i++) if (MODIFIED.test(rhyme[i]!)) mod = i;
  if (mod >= 0) return [mod];
  if (n === 1) return [0];
  if (n < rhyme.length) return [n - 1];
  if (n === 3) return [1];
  return /^(?:oa|oe|uy)$/.test(rhyme.slice(0, 2)) ? [0, 1] : [0];
}

/** A syllable's parts, in lower case with the tone taken off the rhyme. */
export interface Syllable {
  onset: string;
  rhyme: string;
  tone: number;
}

/** The word parsed as one Vietnamese syllable (any case, NFC), or null when it is not one. */
export function parseSyllable(word: string): Syllable | null {
  if (word.length === 0 || word.length > 8) return null;
  let tone = 0;
  let toneAt = -1;
  let bare = '';
  const lower = word.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    const t = VOWEL_TONE[c]!;
    if (t) {
      if (tone) return null;
      tone = t;
      toneAt = i;
    }
    const b = VOWEL_BASE[c]!;
    bare += b ? String.fromCharCode(composeVowel(b - 1, 0, VOWEL_UPPER[c]!)) : lower[i];
  }
  for (const onset of ONSETS) {
    if (!bare.startsWith(onset)) continue;
    const rhyme = rhymeAfter(onset, bare.slice(onset.length));
    if (rhyme === null) continue;
    // A stop-final rhyme takes only the sắc and nặng tones (các, học; never *cac, *hòc).
    if (/(?:c|ch|p|t)$/.test(rhyme) && tone !== TONE_SAC && tone !== TONE_NANG) return null;
    // The mark on a vowel of the rhyme where it is written (not *qúôc, *hoaì).
    if (tone && !toneSlots(rhyme).includes(toneAt - (bare.length - rhyme.length))) return null;
    return { onset, rhyme, tone };
  }
  return null;
}

/** True when the word is one Vietnamese syllable spelled by the orthography's rules. */
export function isValidSyllable(word: string): boolean {
  return parseSyllable(word) !== null;
}

/**
 * Every syllable folded (no tone, no ă â ê ô ơ ư, đ → d: "quyet", "nguoi", "dieu"), from the same
 * grammar: the spellings an onset takes, with any tone the rhyme allows.
 */
const FOLDED_SYLLABLES: ReadonlySet<string> = (() => {
  const spelled = new Set<string>(['']);
  for (const r of RHYMES) spelled.add(r).add(r.slice(1)); // r.slice(1): after gi (gìn) and qu (quyết)
  const out = new Set<string>();
  for (const onset of ONSETS)
    for (const r of spelled) if (rhymeAfter(onset, r) !== null) out.add(fold(onset + r));
  return out;
})();

/**
 * True when the word, typed with or without its marks, spells a Vietnamese syllable: "quyet" and
 * "quyết" are one, "ubnd" and "ttg" are not. For text that need not carry its marks (typed queries,
 * codes beside a document number); spelled text is checked by isValidSyllable.
 */
export function isSyllableFolded(word: string): boolean {
  return word.length > 0 && word.length <= 8 && FOLDED_SYLLABLES.has(fold(word));
}
