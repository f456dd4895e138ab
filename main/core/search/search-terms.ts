// Turns text into the terms the full-text index stores and the query matches: folded syllables
// (recall), folded syllable pairs "quyet_dinh" (speed and phrase-likeness: most Vietnamese words are
// two syllables) and accent-kept canonical syllables (exact-accent ranking). Folding and tone
// placement come from the Vietnamese text engine (main/core/text/normalize.ts); nothing here folds.

import { accentKey, codesToString, fold, hasDiacritics } from '../text/normalize.js';
import { prepareScan, scanSpans, scanTokens, type TextToken } from '../text/tokenize.js';

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

/**
 * One column's terms being written as UTF-16 code units, turned into one string at the end: the
 * indexer writes every syllable of every document three times over, and a string per syllable plus
 * arrays to join them were most of its time and garbage.
 */
class TermWriter {
  buf: Uint16Array;
  len = 0;
  constructor(size: number) {
    this.buf = new Uint16Array(size);
  }
  /** Starts a term (a space before all but the first), with room for `units` more code units. */
  begin(units: number): void {
    if (this.len + units + 1 > this.buf.length) {
      const bigger = new Uint16Array(Math.max(this.buf.length * 2, this.len + units + 1));
      bigger.set(this.buf.subarray(0, this.len));
      this.buf = bigger;
    }
    if (this.len > 0) this.buf[this.len++] = 0x20;
  }
  copy(s: string, start: number, end: number): void {
    const buf = this.buf;
    let len = this.len;
    for (let k = start; k < end; k++) buf[len++] = s.charCodeAt(k);
    this.len = len;
  }
  unit(c: number): void {
    this.buf[this.len++] = c;
  }
  take(): string {
    const s = codesToString(this.buf, this.len);
    this.len = 0;
    return s;
  }
}

/** Writers kept between calls (indexing is synchronous); one grown past this is let go after use. */
const KEPT_WRITER_UNITS = 1 << 20;
let writers: [TermWriter, TermWriter, TermWriter] | null = null;

function takeWriters(): [TermWriter, TermWriter, TermWriter] {
  const w = writers ?? [new TermWriter(1 << 14), new TermWriter(1 << 14), new TermWriter(1 << 15)];
  writers = null;
  return w;
}

function giveBack(w: [TermWriter, TermWriter, TermWriter]): void {
  if (w.every((x) => x.buf.length <= KEPT_WRITER_UNITS)) writers = w;
}

const UNDERSCORE = 0x5f;

/**
 * Index terms of one field: the same terms as tokenize()'s tokens give (folded, accent-kept, pairs
 * of tokens with no break between them, then the cited numbers), written straight from the scan's
 * offsets into the three columns.
 */
export function indexTerms(text: string): IndexedField {
  const st = prepareScan(text);
  const { text: clean, folded, acc } = st;
  const w = takeWriters();
  const [f, a, b] = w;
  const numbers: string[] = [];
  let prevStart = -1;
  let prevEnd = -1;
  try {
    scanSpans(
      st,
      (start, end, digits) => {
        f.begin(end - start);
        f.copy(folded, start, end);
        a.begin(end - start);
        a.copy(digits ? folded : acc, start, end);
        if (prevEnd >= 0 && !gapBreaks(clean, prevEnd, start)) {
          b.begin(prevEnd - prevStart + 1 + end - start);
          b.copy(folded, prevStart, prevEnd);
          b.unit(UNDERSCORE);
          b.copy(folded, start, end);
        }
        prevStart = start;
        prevEnd = end;
      },
      (t: TextToken) => {
        if (t.kind === 'docnum' && t.fold) numbers.push(t.fold);
      },
    );
    // Document numbers cited in the text, each as one term (exact citation look-up).
    for (const key of numbers) {
      const tok = numberToken(key);
      b.begin(tok.length);
      b.copy(tok, 0, tok.length);
    }
    return { f: f.take(), b: b.take(), a: a.take() };
  } finally {
    f.len = a.len = b.len = 0;
    giveBack(w);
  }
}

/** Folded syllables of a short field (issuer, signer, tags…), space separated. */
export function foldedWords(text: string): string {
  const st = prepareScan(text);
  const { folded } = st;
  const w = takeWriters();
  const f = w[0];
  try {
    scanSpans(
      st,
      (start, end) => {
        f.begin(end - start);
        f.copy(folded, start, end);
      },
      () => undefined,
    );
    return f.take();
  } finally {
    f.len = 0;
    giveBack(w);
  }
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
