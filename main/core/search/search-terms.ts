// Turns text into the terms the full-text index stores and the query matches: folded syllables
// (recall), folded syllable pairs "quyet_dinh" (speed and phrase-likeness: most Vietnamese words are
// two syllables) and accent-kept canonical syllables (exact-accent ranking). Folding and tone
// placement come from the Vietnamese text engine (main/core/text/normalize.ts); nothing here folds.

import { accentKey, fold, hasDiacritics } from '../text/normalize.js';
import { scanTokens } from '../text/tokenize.js';

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

/** Gap characters that do not end a word group: spaces, commas and the separators inside numbers. */
function gapBreaks(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // Space, comma, '/', '-', '&' keep a pair together ("kiểm tra, đôn đốc", "08/2022/qd-ttg",
    // "gd&dt"); anything else (end of sentence or clause, brackets, quotes, line break) breaks it.
    if (c !== 0x20 && c !== 0x2c && c !== 0x2f && c !== 0x2d && c !== 0x26) return true;
  }
  return false;
}

/**
 * Syllable tokens of a text (the text engine's scanTokens), with folded and accent-kept forms and
 * whether punctuation precedes them. Document numbers found whole are returned in `numbers` (their
 * keys), their syllables as ordinary tokens.
 */
export function tokenize(input: string): { text: string; tokens: Token[]; numbers: string[] } {
  const tokens: Token[] = [];
  const numbers: string[] = [];
  const text = scanTokens(input, (t) => {
    if (t.compound) {
      if (t.kind === 'docnum' && t.fold) numbers.push(t.fold);
      return;
    }
    tokens.push({ f: t.fold, a: t.acc, start: t.start, end: t.end, breakBefore: true });
  });
  for (let k = 1; k < tokens.length; k++) {
    tokens[k]!.breakBefore = gapBreaks(text, tokens[k - 1]!.end, tokens[k]!.start);
  }
  return { text, tokens, numbers };
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
  const { tokens, numbers } = tokenize(text);
  const f: string[] = new Array<string>(tokens.length);
  const a: string[] = new Array<string>(tokens.length);
  const b: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    f[k] = t.f;
    a[k] = t.a;
    if (k > 0 && !t.breakBefore) b.push(pairTerm(tokens[k - 1]!.f, t.f));
  }
  // Document numbers cited in the text, each as one term (exact citation look-up).
  for (const key of numbers) b.push(numberToken(key));
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

export { accentKey, hasDiacritics };
