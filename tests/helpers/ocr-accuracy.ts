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
  const norm = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  const got = ocrText.split('\n').map(norm).filter(Boolean);
  let errors = 0;
  let chars = 0;
  for (const line of expected.map(norm)) {
    chars += [...line].length;
    errors += got.length === 0 ? [...line].length : Math.min(...got.map((g) => editDistance(line, g)));
  }
  return chars === 0 ? 0 : errors / chars;
}
