// The accent fold shared by the core (index and query time, via main/core/text/normalize.ts) and the
// renderer (Vietnamese find in the PDF text layer), so both sides fold exactly alike. Pure code: no
// node:, no DOM.
//
// fold: lowercase, all marks removed, đ→d. Every code unit maps to exactly one code unit except the
// combining marks U+0300–U+036F, which are dropped; cleaned NFC text has none, so there
// fold(s).length === s.length and an offset in the folded copy is the same offset in the original.

/** Fold target per code unit; -1 = not computed yet, -2 = removed (stray combining mark). */
const FOLD = new Int32Array(65536).fill(-1);
const REMOVED = -2;
const MARKS_RE = /[\u0300-\u036f]/g;

function computeFold(code: number): number {
  let f: number;
  if (code >= 0x300 && code <= 0x36f) f = REMOVED;
  else if (code >= 0xd800 && code <= 0xdfff) f = code;
  else if (code === 0x110 || code === 0x111 || code === 0xd0 || code === 0xf0 || code === 0x189) f = 0x64;
  else {
    const ch = String.fromCharCode(code);
    let lower = ch.toLowerCase();
    if (lower.length !== 1) lower = ch;
    let base = lower.normalize('NFD').replace(MARKS_RE, '').normalize('NFC');
    if (base.length !== 1) base = lower;
    f = base.charCodeAt(0);
  }
  FOLD[code] = f;
  return f;
}
for (let c = 0; c < 0x250; c++) computeFold(c);
for (let c = 0x1e00; c < 0x1f00; c++) computeFold(c);

/** Folded code unit of one code unit (lowercase, no marks, đ→d); -2 for a combining mark. */
export function foldCode(code: number): number {
  const f = FOLD[code]!;
  return f === -1 ? computeFold(code) : f;
}

// TextDecoder exists in Node and in browsers; it turns long code-unit arrays into a string fastest.
const decoder = new TextDecoder('utf-16le');

/** Longest text folded in the kept scratch array (a longer one gets its own, not kept). */
const SCRATCH_MAX = 1 << 16;
let scratch = new Uint16Array(4096);
function scratchFor(n: number): Uint16Array {
  if (scratch.length < n) scratch = new Uint16Array(Math.min(SCRATCH_MAX, Math.max(n, scratch.length * 2)));
  return scratch;
}

/**
 * Lowercase, remove all diacritics, đ→d (the `folded` column of vi-normalize.json, applied to
 * cleaned text). On cleaned NFC text fold(s).length === s.length.
 */
export function fold(s: string): string {
  const n = s.length;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    let f = FOLD[c]!;
    if (f === -1) f = computeFold(c);
    if (f !== c) break;
  }
  if (i === n) return s;
  // One scratch array reused across calls (fold is synchronous): a fresh Uint16Array and an
  // Array.from per call made folding a syllable ~10× slower than folding it here.
  const out = n <= SCRATCH_MAX ? scratchFor(n) : new Uint16Array(n);
  for (let k = 0; k < i; k++) out[k] = s.charCodeAt(k);
  let len = i;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    let f = FOLD[c]!;
    if (f === -1) f = computeFold(c);
    if (f !== REMOVED) out[len++] = f;
  }
  return len <= 1024
    ? String.fromCharCode.apply(null, out.subarray(0, len) as unknown as number[])
    : decoder.decode(out.subarray(0, len));
}
