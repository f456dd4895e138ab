// Post-correction of OCR text for Vietnamese official documents. Each rule is separate so that its
// effect can be measured — on generated scans (tests/integration/ocr/ocr-accuracy.test.ts) and on
// real documents read by the engine (tests/integration/ocr/ocr-real-post-correct.test.ts) — and
// dropped if it does not help.
//
// - clean: the text engine's cleanText — NFC, Đ look-alikes (Ð U+00D0, Ɖ U+0189, ð), dashes,
//   stacked or doubled tone marks that NFC cannot compose (dropped), invisible characters.
// - docNumber: inside a document number (số ký hiệu), the digit look-alikes O/o→0, l/I/|→1, S→5
//   in its number and year, and spaces around "/" and "-" ("12 / 2024 / QĐ - UBND"), kept only
//   when the result parses as one number of a known type under the grammar of doc-number.ts.
// - docSymbol: inside a document number, a type segment the grammar does not know ("QĐĐ", "TTT",
//   "T1", "0Đ", "77") is replaced by the one known type code a single OCR confusion away, its digits
//   read back as letters (repairTypeCode in doc-number.ts); an issuer segment with an echoed letter
//   becomes the one known body code ("UBNDĐ" → "UBND"); "TTG" → "TTg" (Thủ tướng) in any segment.
// - gluedNumber: a word glued to the number after it ("Trang1", "Điều1" → "Trang 1", "Điều 1"):
//   Tesseract drops a narrow space between a word and a digit; only when the letters are one
//   Vietnamese syllable not in capitals, so codes ("QH13", "H41") stay whole.
// - syllable: a word that is not a valid Vietnamese syllable becomes its valid neighbour under
//   Tesseract's confusions (syllable-correct.ts).

import { ABBREVIATIONS } from '../text/abbreviations.js';
import { parseDocNumbers, repairTypeCode, sameLetter } from '../text/doc-number.js';
import { cleanText } from '../text/normalize.js';
import { isValidSyllable } from '../text/vi-syllable.js';
import { correctLineSyllables, correctSyllables } from './syllable-correct.js';

export type OcrRule = 'clean' | 'docNumber' | 'docSymbol' | 'gluedNumber' | 'syllable';
/**
 * The rules applied, each measured on the real-docs PDFs read by the engine (tests/fixtures/ocr-real,
 * ocr-real-post-correct.test.ts): docSymbol and docNumber each raise the citation scores there
 * (repaired types; numbers wrapped at a line end joined) and lower none. On the generated scans
 * (ocr-accuracy.test.ts) neither changes anything. syllable lowers the character error rate of the
 * real readings against the PDFs' text (clean 0.759 % → 0.757 %, degraded unchanged) and changes
 * no field's score; on the generated scans it changes nothing.
 */
export const OCR_RULES: readonly OcrRule[] = ['clean', 'docNumber', 'docSymbol', 'gluedNumber', 'syllable'];
export const ALL_OCR_RULES: readonly OcrRule[] = [
  'clean',
  'docNumber',
  'docSymbol',
  'gluedNumber',
  'syllable',
];

const DIGIT_OF: Readonly<Record<string, string>> = { O: '0', o: '0', l: '1', I: '1', '|': '1', S: '5' };
const DIGITISH = '[\\dOolI|S]';

// number [/ year] / symbol (segments joined by "-"), with the spaces OCR puts around separators;
// the type segment may start with a digit read for a letter ("12/2024/0Đ-TTg", "23/2023/77-BTC"). A dash opening a line is a list
// bullet, not a wrapped number. After the type-issuer dash ("QĐ - UBND"), a dash spaced on both
// sides is the sentence's punctuation ("12/QĐ-UBND - UBND tỉnh…"), so a later segment joins only
// across a dash spaced on at most one side ("TTLT-BKHĐT- BTC").
const SYMBOL_SEG = String.raw`\p{Lu}[\p{L}\d.|]*`;
const CANDIDATE_RE = new RegExp(
  String.raw`(?<![\p{L}\d])(${DIGITISH}{1,5})(?:\s?/\s?(${DIGITISH}{4}))?\s?/\s?([\p{Lu}\d|][\p{L}\d.|]*(?:[^\S\n]?-\s?${SYMBOL_SEG})?(?:(?:-\s?|[^\S\n]-)${SYMBOL_SEG})*)`,
  'gu',
);

function toDigits(s: string): string {
  let out = '';
  for (const c of s) out += DIGIT_OF[c] ?? c;
  return out;
}

/** Issuer codes in mixed case that OCR reads in capitals. */
const MIXED_CASE_ISSUERS: Readonly<Record<string, string>> = { TTG: 'TTg' };

/** Body codes as written ("UBND", "HĐND"): issuer segments an echoed letter is checked against. */
const BODY_CODES: ReadonlySet<string> = new Set(
  ABBREVIATIONS.filter((a) => a.category === 'body').map((a) => a.abbr),
);

/**
 * An issuer segment with the letter OCR echoed dropped ("UBNDĐ", "HĐNDĐ" → "UBND", "HĐND", as
 * "QĐĐ" for a type),
 * when that gives the one known body code; as read otherwise. Not the second letter, as for types.
 */
function dropEchoedLetter(seg: string): string {
  if (BODY_CODES.has(seg)) return seg;
  const found = new Set<string>();
  for (let i = 2; i < seg.length; i++)
    if (sameLetter(seg[i]!, seg[i - 1]!) && BODY_CODES.has(seg.slice(0, i) + seg.slice(i + 1)))
      found.add(seg.slice(0, i) + seg.slice(i + 1));
  return found.size === 1 ? [...found][0]! : seg;
}

/** The symbol with its type segment repaired (repairTypeCode) and issuer segments respelled. */
function repairSymbol(symbol: string, hasYear: boolean): string {
  const segs = symbol.split('-');
  // Only the type-issuer form: a lone segment ("123/UBND") is the issuer of a công văn.
  const type = segs.length > 1 ? repairTypeCode(segs[0]!, 'state', hasYear) : null;
  if (type) segs[0] = type;
  return segs.map((s, i) => (i === 0 && type ? s : dropEchoedLetter(MIXED_CASE_ISSUERS[s] ?? s))).join('-');
}

/** The spelling of one candidate after the fixes, or null when it is not a number the grammar knows. */
function fixCandidate(
  number: string,
  year: string | undefined,
  symbol: string,
  rules: readonly OcrRule[],
): string | null {
  const digits = rules.includes('docNumber');
  if (!/\d/.test(number) && !(year && /\d/.test(year))) return null;
  const n = digits ? toDigits(number) : number;
  const y = year === undefined ? undefined : digits ? toDigits(year) : year;
  if (!/^\d+$/.test(n) || (y !== undefined && !/^(?:19|20)\d\d$/.test(y))) return null;
  let sym = symbol;
  if (/\s/.test(sym)) {
    // Across a spaced or wrapped dash ("QĐ - UBND", "TT-⏎BTC") only a code joins: "…/QĐ-UBND - Ban
    // hành" is a number and a sentence, not a number with a segment "Ban".
    if (!digits || sym.split(/\s?-\s?/).some((seg, i) => i > 0 && !/^[\p{Lu}\d.]+g?$/u.test(seg)))
      return null;
    sym = sym.replace(/\s?-\s?/g, '-');
  }
  if (rules.includes('docSymbol')) sym = repairSymbol(sym, y !== undefined);
  const fixed = `${n}${y ? `/${y}` : ''}/${sym}`;
  const parsed = parseDocNumbers(fixed);
  const d = parsed[0];
  if (parsed.length !== 1 || !d || d.index !== 0 || d.raw !== fixed) return null;
  // A công văn symbol ("123/UBND-VP") has no type code to check; accept it only when nothing
  // but spacing and the issuer's spelling changed, so "lO/SX" is never turned into a number.
  if (d.typeCode === 'CV') return n === number && y === year ? fixed : null;
  return d.knownType ? fixed : null;
}

function fixDocNumbers(text: string, rules: readonly OcrRule[]): string {
  return text.replace(CANDIDATE_RE, (m: string, number: string, year: string | undefined, symbol: string) => {
    // A symbol that runs on into the next word ("QĐ-UBND ngày" stops at the lower case) is fine;
    // one whose last segment is a whole word in capitals is still checked by the grammar.
    const fixed = fixCandidate(number, year, symbol, rules);
    // Separators: a match spaced as "12 / 2024" keeps its spacing unless docNumber closes it.
    return fixed !== null && (rules.includes('docNumber') || !/\s/.test(m)) ? fixed : m;
  });
}

const GLUED_RE = /(?<![\p{L}\p{M}\d])(\p{Lu}?[\p{Ll}\p{M}]+)(\d{1,4})(?![\p{L}\d])/gu;

function splitGluedNumbers(text: string): string {
  return text.replace(GLUED_RE, (m: string, word: string, digits: string) =>
    isValidSyllable(word) ? `${word} ${digits}` : m,
  );
}

/** The corrected page text (rules: all unless a subset is given, for measuring). */
export function correctOcrText(raw: string, rules: readonly OcrRule[] = OCR_RULES): string {
  let s = raw.normalize('NFC');
  if (rules.includes('clean')) s = cleanText(s);
  if (rules.includes('docNumber') || rules.includes('docSymbol')) s = fixDocNumbers(s, rules);
  if (rules.includes('gluedNumber')) s = splitGluedNumbers(s);
  if (rules.includes('syllable')) s = correctSyllables(s);
  return s;
}

/**
 * One word of the word-box layer, `line` the words of its line: the character rules, and the
 * syllable rule when applied (the word stays one word, so its box keeps matching it, and the box
 * layer finds what the page text holds).
 */
export function correctOcrWord(raw: string, line = raw, rules: readonly OcrRule[] = OCR_RULES): string {
  const w = cleanText(raw.normalize('NFC')).replace(/\s+/g, ' ').trim();
  return rules.includes('syllable') ? correctLineSyllables(w, line) : w;
}
