// Syllable tokens of Vietnamese text (docs/vietnamese-text.md §4: no word segmentation; syllables
// with positions, phrases by position). Each token carries its character offsets in the cleaned
// text (highlighting), its position (phrase queries), a folded key (recall) and an accent-kept
// canonical lowercase key (exact-accent ranking). Document numbers ("08/2022/QĐ-TTg", "04-CTr/QU"),
// dates ("28/3/2022") and decimal numbers ("17,8") are also emitted whole, as compound tokens that
// share the position of their first part, so they match as one unit as well as by their parts.
// The same function runs over stored pages and over queries.

import { CLASS_DIGIT, CLASS_LETTER, CLASS_UNKNOWN, charClass, charClassTable } from './char-class.js';
import { docNumberAt, symbolKey } from './doc-number.js';
import { canonicalize, cleanText, fold } from './normalize.js';
import { isoDate } from './vi-dates.js';

export type TokenKind = 'word' | 'number' | 'docnum' | 'date';

export interface TextToken {
  kind: TokenKind;
  /** Offsets in the (cleaned) text: text.slice(start, end) is the token as written. */
  start: number;
  end: number;
  /** Syllable position (0-based). Compound tokens share the position of their first part. */
  position: number;
  /** Folded key: lowercase, no marks, đ→d; docNumberKey for docnum, yyyy-mm-dd for date. */
  fold: string;
  /** Lowercase with canonical tone placement (same as fold for numbers, docnum and date). */
  acc: string;
  /** True for docnum/date/decimal tokens that overlay their parts. */
  compound: boolean;
}

export type TokenSink = (t: TextToken) => void;

const DATE_AT = /(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/])/y;
const DECIMAL_AT = /\d{1,3}(?:[.,]\d+)+(?!\d)/y;

/** A text as a scan reads it, with its folded and accent-kept copies (all the same length). */
export interface ScanText {
  /** The text the offsets refer to: the input, or cleanText(input) when it was not clean NFC. */
  text: string;
  /** fold(text). */
  folded: string;
  /** Lowercase with canonical tone placement. */
  acc: string;
}

/** Cleans `input` when needed (stored pages are clean NFC already) and folds it both ways, whole. */
export function prepareScan(input: string): ScanText {
  let text = input;
  let folded = fold(text);
  if (folded.length !== text.length) {
    text = cleanText(text);
    folded = fold(text);
  }
  let lower = text.toLowerCase();
  if (lower.length !== text.length) lower = text; // rare letters whose lowercase changes length
  return { text, folded, acc: canonicalize(lower) };
}

/**
 * Receives one syllable (or digit run) by its offsets in ScanText.text: its folded form is
 * folded.slice(start, end), its accent-kept one acc.slice(start, end). `digits`: ASCII digits only.
 */
export type SpanSink = (start: number, end: number, digits: boolean) => void;

/**
 * The tokenizer's one scan: syllables and digit runs to `onSpan` as offsets (nothing allocated per
 * token, for the indexer's hot path), compound tokens (document numbers, dates, decimals) to
 * `onCompound` right before their first part, which they share the position of.
 */
export function scanSpans(st: ScanText, onSpan: SpanSink, onCompound: TokenSink): void {
  const { text } = st;
  const n = text.length;
  let position = 0;
  let i = 0;
  // End of the last compound token: parts inside it are still emitted, compounds are not nested.
  let compoundEnd = -1;
  const table = charClassTable();
  while (i < n) {
    const code = text.charCodeAt(i);
    let cls = table[code]!;
    if (cls === CLASS_UNKNOWN) cls = charClass(code);
    if (cls !== CLASS_LETTER && cls !== CLASS_DIGIT) {
      i++;
      continue;
    }
    let j = i + 1;
    let digits = cls === CLASS_DIGIT;
    while (j < n) {
      const cj = text.charCodeAt(j);
      let k = table[cj]!;
      if (k === CLASS_UNKNOWN) k = charClass(cj);
      if (k === CLASS_DIGIT) {
        j++;
        continue;
      }
      if (k !== CLASS_LETTER) break;
      digits = false;
      j++;
    }
    if (digits && i >= compoundEnd && mayStartCompound(text, j)) {
      const c = compoundAt(text, i, position);
      if (c) {
        onCompound(c);
        compoundEnd = c.end;
      }
    }
    onSpan(i, j, digits);
    position++;
    i = j;
  }
}

/**
 * Stream the tokens of a text to `sink`. Cleaned NFC text is used as is (stored pages are); other
 * input is cleaned first, and the offsets then refer to cleanText(input). Returns the text the
 * offsets refer to.
 */
export function scanTokens(input: string, sink: TokenSink): string {
  const st = prepareScan(input);
  const { folded, acc } = st;
  let position = 0;
  scanSpans(
    st,
    (start, end, digits) => {
      const f = folded.slice(start, end);
      sink({
        kind: digits ? 'number' : 'word',
        start,
        end,
        position: position++,
        fold: f,
        acc: digits ? f : acc.slice(start, end),
        compound: false,
      });
    },
    sink,
  );
  return st.text;
}

function isUpperLetterAt(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c >= 0x41 && c <= 0x5a) return true;
  if (c < 0xc0 || charClass(c) !== CLASS_LETTER) return false;
  const ch = text[k]!;
  return ch !== ch.toLowerCase();
}

function isDigitAt(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  return c >= 0x30 && c <= 0x39;
}

/**
 * Cheap look at the characters after a digit run ending at j: only "/X", "/2", "-X", " - X", ".2",
 * ",2" can start a document number, a date or a decimal; everything else skips the regexes.
 */
function mayStartCompound(text: string, j: number): boolean {
  const c = text.charCodeAt(j);
  if (c === 0x2f) return isDigitAt(text, j + 1) || isUpperLetterAt(text, j + 1); // '/'
  if (c === 0x2d) return isDigitAt(text, j + 1) || isUpperLetterAt(text, j + 1) || text[j + 1] === ' '; // '-'
  if (c === 0x2e || c === 0x2c) return isDigitAt(text, j + 1); // '.' ','
  if (c === 0x20) return text[j + 1] === '-'; // "04 - CTr/QU"
  return false;
}

function compoundAt(text: string, i: number, position: number): TextToken | null {
  const d = docNumberAt(text, i);
  if (d) {
    const key = symbolKey(d.raw);
    return { kind: 'docnum', start: i, end: d.end, position, fold: key, acc: key, compound: true };
  }
  DATE_AT.lastIndex = i;
  const m = DATE_AT.exec(text);
  if (m) {
    const iso = isoDate(Number(m[1]), Number(m[3]), Number(m[4]));
    if (iso)
      return { kind: 'date', start: i, end: i + m[0].length, position, fold: iso, acc: iso, compound: true };
  }
  DECIMAL_AT.lastIndex = i;
  const dm = DECIMAL_AT.exec(text);
  if (dm) {
    const s = dm[0];
    return { kind: 'number', start: i, end: i + s.length, position, fold: s, acc: s, compound: true };
  }
  return null;
}

/** All tokens of a text, in order (a compound token comes right before its first part). */
export function tokenize(input: string): TextToken[] {
  const out: TextToken[] = [];
  scanTokens(input, (t) => out.push(t));
  return out;
}
