// Turns text into the terms the full-text index stores and the query matches: folded syllables
// (recall), folded syllable pairs "quyet_dinh" (speed and phrase-likeness: most Vietnamese words are
// two syllables) and accent-kept canonical syllables (exact-accent ranking). Folding and tone
// placement come from the Vietnamese text engine (main/core/text/normalize.ts); nothing here folds.

import { CLASS_DIGIT, CLASS_LETTER, charClass } from '../text/char-class.js';
import { accentKey, canonicalize, cleanText, fold, hasDiacritics } from '../text/normalize.js';

export interface Token {
  /** Folded form (lowercase, no marks, đ→d). */
  f: string;
  /** Accent-kept lowercase canonical form. */
  a: string;
  /** Offsets in the text the token came from. */
  start: number;
  end: number;
  /** True when punctuation separates this token from the previous one (no syllable pair across it). */
  breakBefore: boolean;
}

function isWordCode(code: number): boolean {
  const c = charClass(code);
  return c === CLASS_LETTER || c === CLASS_DIGIT;
}

/** Gap characters that do not end a word group: spaces and the separators inside numbers. */
function gapBreaks(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // space, '/', '-', '&' keep a pair together ("08/2022/qd-ttg", "gd&dt"); anything else breaks it.
    if (c !== 0x20 && c !== 0x2f && c !== 0x2d && c !== 0x26) return true;
  }
  return false;
}

/**
 * Tokens of a text with folded and accent-kept forms. The text should be clean NFC (stored page
 * text is); other input is cleaned first, so offsets then refer to the cleaned text.
 */
export function tokenize(input: string): { text: string; tokens: Token[] } {
  let text = input;
  let folded = fold(text);
  if (folded.length !== text.length) {
    text = cleanText(text);
    folded = fold(text);
  }
  const lower = text.toLowerCase();
  const sliceable = folded.length === text.length && lower.length === text.length;
  const acc = sliceable ? canonicalize(lower) : '';
  const tokens: Token[] = [];
  const n = folded.length;
  let i = 0;
  let prevEnd = -1;
  while (i < n) {
    if (!isWordCode(folded.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isWordCode(folded.charCodeAt(j))) j++;
    const f = folded.slice(i, j);
    const a = sliceable ? acc.slice(i, j) : accentKey(text.slice(i, j));
    tokens.push({ f, a, start: i, end: j, breakBefore: prevEnd < 0 || gapBreaks(text, prevEnd, i) });
    prevEnd = j;
    i = j;
  }
  return { text, tokens };
}

/** The syllable pair term of two adjacent tokens. */
export function pairTerm(a: string, b: string): string {
  return `${a}_${b}`;
}

export interface IndexedField {
  /** Folded syllables separated by spaces. */
  f: string;
  /** Folded syllable pairs. */
  b: string;
  /** Accent-kept syllables. */
  a: string;
}

/** Index terms of one field. */
export function indexTerms(text: string): IndexedField {
  const { tokens } = tokenize(text);
  const f: string[] = new Array<string>(tokens.length);
  const a: string[] = new Array<string>(tokens.length);
  const b: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    f[k] = t.f;
    a[k] = t.a;
    if (k > 0 && !t.breakBefore) b.push(pairTerm(tokens[k - 1]!.f, t.f));
  }
  return { f: f.join(' '), b: b.join(' '), a: a.join(' ') };
}

/** Folded syllables of a short field (issuer, signer, tags…), space separated. */
export function foldedWords(text: string): string {
  return tokenize(text)
    .tokens.map((t) => t.f)
    .join(' ');
}

/** The number column's identity token for a number key ("8/2022/qđ-ttg" → "n_8_2022_qd_ttg"). */
export function numberToken(numberKey: string): string {
  return (
    'n_' +
    fold(numberKey)
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
  );
}

export { hasDiacritics };
