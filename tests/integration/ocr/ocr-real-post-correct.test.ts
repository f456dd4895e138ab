// Post-correction measured on real OCR output: the 30 real-docs PDFs read by the app's own engine
// at 200 dpi (tests/fixtures/ocr-real, README there), as rendered (first and last page) and as a worn
// black-and-white copy (first page). Each reading's raw pages go through the rules, then through the
// extraction an import runs, and are scored against the real-docs truth: no applied rule may lower
// any field's score, and the number repairs (docNumber, docSymbol) must raise the score of the
// numbers read inside the text (citations). The scores of each rule taken out are printed every run.
//
// Measured 2026-12-07 (30 documents each), without the number repairs → with them (all applied rules):
//   clean     citations P 0.946 → 0.982, R 0.822 → 0.853 (docSymbol alone +0.018/+0.015, docNumber +0.018/+0.015)
//   degraded  citations P 0.899 → 0.975, R 0.743 → 0.812 (docSymbol alone +0.064/+0.058, docNumber +0.013/+0.011);
//             of that, digits read back in a type segment ("77", "T7T" → TT) P 0.949 → 0.963, R 0.785 → 0.812,
//             an echoed letter dropped from a body code ("UBNDĐ") P 0.963 → 0.975
//   every other field unchanged: clean number 1.000, signer 0.767; degraded number 0.967 (one
//   "UPCP" for "VPCP" in an issuer segment, not a type), signer 0.033 (first page only).
// The own number (the "Số:" line) is read right in all 60 readings with or without them, so its
// score (1.000) cannot rise on this fixture; docSymbol is what fixes the cited numbers here.
import { beforeAll, describe, expect, it } from 'vitest';
import { OCR_RULES, type OcrRule } from '../../../main/core/ocr/post-correct.js';
import { loadOcrRealTruth, ocrRealCer } from '../../helpers/ocr-real-cer.js';
import { loadOcrRealPages, scoreOcrReal, type OcrRealVariant } from '../../helpers/ocr-real-score.js';
import { formatScore, SCORED_FIELDS, type FormScore } from '../../helpers/real-docs-score.js';

const VARIANTS: readonly OcrRealVariant[] = ['clean', 'degraded'];
const NUMBER_RULES: readonly OcrRule[] = ['docNumber', 'docSymbol'];

function notWorse(after: FormScore, before: FormScore, what: string): void {
  for (const f of SCORED_FIELDS)
    expect(after.accuracy[f], `${what}: ${f}`).toBeGreaterThanOrEqual(before.accuracy[f]);
  expect(after.citationPrecision, `${what}: citation precision`).toBeGreaterThanOrEqual(
    before.citationPrecision,
  );
  expect(after.citationRecall, `${what}: citation recall`).toBeGreaterThanOrEqual(before.citationRecall);
}

describe('post-correction on real OCR output', () => {
  it('holds a reading of every real-docs PDF in both variants', () => {
    for (const v of VARIANTS) expect(loadOcrRealPages(v).size, v).toBe(30);
  });

  for (const v of VARIANTS) {
    it(`${v}: no applied rule lowers a score; the number repairs raise the cited numbers' scores`, () => {
      const after = scoreOcrReal(v, OCR_RULES);
      const report = [formatScore(`${v} applied`, after)];
      for (const r of OCR_RULES) {
        const before = scoreOcrReal(
          v,
          OCR_RULES.filter((x) => x !== r),
        );
        report.push(formatScore(`${v} without ${r}`, before));
        notWorse(after, before, `${v}: rule ${r}`);
      }
      const plain = scoreOcrReal(
        v,
        OCR_RULES.filter((x) => !NUMBER_RULES.includes(x)),
      );
      report.push(formatScore(`${v} without number repairs`, plain));
      console.log(report.join('\n'));
      notWorse(after, plain, `${v}: number repairs`);
      expect(after.citationPrecision, `${v}: citation precision`).toBeGreaterThan(plain.citationPrecision);
      expect(after.citationRecall, `${v}: citation recall`).toBeGreaterThan(plain.citationRecall);
    });
  }

  // Character error rate against the PDFs' own text layer (ocr-real-cer.ts), for the rule that
  // respells words. (The number rules are judged by the citation scores above: joining a number
  // wrapped at a line end costs a line-based CER a few characters while it gains the citation.)
  // Measured 2026-12-08, without the syllable rule → with it: clean 0.759 % → 0.757 % (7 words
  // right: TICH → TỊCH ×4, lâp → lập, đât → đất, Quôc → Quốc; 1 wrong: Đôc → Đốc for Độc),
  // degraded 1.167 % → 1.167 % (đât → đất, gìa → gia right; ngừy → nguy for ngày, nẽu → nếu for
  // nêu wrong, each still one error).
  const truth = new Map<OcrRealVariant, Awaited<ReturnType<typeof loadOcrRealTruth>>>();
  beforeAll(async () => {
    for (const v of VARIANTS) truth.set(v, await loadOcrRealTruth(v));
  });
  for (const v of VARIANTS) {
    it(`${v}: the syllable rule does not raise the character error rate (and lowers it on the clean reading)`, () => {
      const t = truth.get(v)!;
      const after = ocrRealCer(v, t, OCR_RULES);
      const before = ocrRealCer(
        v,
        t,
        OCR_RULES.filter((x) => x !== 'syllable'),
      );
      const pct = (c: number): string => `${(c * 100).toFixed(3)} %`;
      console.log(
        `${v}: CER ${pct(after)}, without syllable ${pct(before)}, no rules ${pct(ocrRealCer(v, t, []))}`,
      );
      expect(OCR_RULES).toContain('syllable');
      expect(after, v).toBeLessThanOrEqual(before);
      if (v === 'clean') expect(after, v).toBeLessThan(before);
    });
  }
});
