// Per-code-unit character classes, looked up from a table instead of running a Unicode regex for
// every character: normalization and tokenization scan hundreds of megabytes.

export const CLASS_OTHER = 0;
export const CLASS_LETTER = 1;
export const CLASS_DIGIT = 2;
export const CLASS_MARK = 3;

/** Table value of a code unit not classified yet (see charClassTable). */
export const CLASS_UNKNOWN = 255;
const UNKNOWN = CLASS_UNKNOWN;
const TABLE = new Uint8Array(65536).fill(UNKNOWN);
const LETTER_RE = /^\p{L}$/u;
const DIGIT_RE = /^\p{Nd}$/u;
const MARK_RE = /^\p{M}$/u;

function compute(code: number): number {
  let cls = CLASS_OTHER;
  // Lone surrogate halves are not letters on their own; astral letters are rare in this corpus.
  if (code < 0xd800 || code > 0xdfff) {
    const ch = String.fromCharCode(code);
    if (LETTER_RE.test(ch)) cls = CLASS_LETTER;
    else if (DIGIT_RE.test(ch)) cls = code >= 0x30 && code <= 0x39 ? CLASS_DIGIT : CLASS_LETTER;
    else if (MARK_RE.test(ch)) cls = CLASS_MARK;
  }
  TABLE[code] = cls;
  return cls;
}

for (let c = 0; c < 0x250; c++) compute(c);
for (let c = 0x1e00; c < 0x1f00; c++) compute(c);

/** Class of a UTF-16 code unit: CLASS_LETTER, CLASS_DIGIT (ASCII 0-9 only), CLASS_MARK or CLASS_OTHER. */
export function charClass(code: number): number {
  const cls = TABLE[code]!;
  return cls === UNKNOWN ? compute(code) : cls;
}

/**
 * The raw table for hot loops: `let c = t[code]; if (c === CLASS_UNKNOWN) c = charClass(code);`
 * (an inlined lookup instead of a call per character).
 */
export function charClassTable(): Uint8Array {
  return TABLE;
}
