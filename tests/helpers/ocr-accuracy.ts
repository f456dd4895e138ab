// Character error rate of OCR text against the lines a test rendered.

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/**
 * Errors per expected character: each expected line against the OCR line nearest to it (the
 * layout may order a header's columns differently from the test's list). Whitespace runs count as
 * one space; NFC on both sides.
 */
export function characterErrorRate(expected: readonly string[], ocrText: string): number {
  const { errors, chars } = characterErrors(expected, ocrText);
  return chars === 0 ? 0 : errors / chars;
}

/** The edit count and expected characters behind characterErrorRate (to sum over pages). */
export function characterErrors(
  expected: readonly string[],
  ocrText: string,
): { errors: number; chars: number } {
  const norm = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  const got = ocrText.split('\n').map(norm).filter(Boolean);
  let errors = 0;
  let chars = 0;
  const gotLen = got.map((g) => [...g].length);
  for (const line of expected.map(norm).filter(Boolean)) {
    const len = [...line].length;
    chars += len;
    // The nearest line; the length difference bounds the distance from below, so lines that cannot
    // beat the best so far are skipped (same result, far fewer distances on a long page).
    let best = got.length === 0 ? len : Infinity;
    const order = got
      .map((_, i) => i)
      .sort((a, b) => Math.abs(gotLen[a]! - len) - Math.abs(gotLen[b]! - len));
    for (const i of order) {
      if (Math.abs(gotLen[i]! - len) >= best) break;
      best = Math.min(best, editDistance(line, got[i]!));
    }
    errors += best;
  }
  return { errors, chars };
}
