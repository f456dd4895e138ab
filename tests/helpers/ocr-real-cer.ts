// Character error rate of the real OCR output (tests/fixtures/ocr-real) after post-correction,
// against the text layer of the same PDF pages (the born-digital real-docs PDFs the fixture was
// rasterised from: first and last page as rendered, first page in the degraded copy), laid out by
// the app's PDF extractor. Errors and characters summed over the documents.
import { extractPdf } from '../../main/core/ingest/extractors/extract-pdf.js';
import { correctOcrText, type OcrRule } from '../../main/core/ocr/post-correct.js';
import { cleanText } from '../../main/core/text/normalize.js';
import { characterErrors } from './ocr-accuracy.js';
import { loadOcrRealPages, type OcrRealVariant } from './ocr-real-score.js';
import { testdata } from './repo-root.js';

/** The truth lines of each fixture page of a variant, by real-docs id (same order as the pages). */
export async function loadOcrRealTruth(variant: OcrRealVariant): Promise<Map<string, string[][]>> {
  const out = new Map<string, string[][]>();
  for (const [id, pages] of loadOcrRealPages(variant)) {
    const pdf = await extractPdf(testdata('real-docs', 'pdf', `${id}.pdf`));
    const all = pdf.pages.map((p) => cleanText(p).split('\n'));
    const picked = pages.length === 1 ? [all[0]!] : [all[0]!, all[all.length - 1]!];
    out.set(id, picked);
  }
  return out;
}

/** CER of a variant's readings after these rules. */
export function ocrRealCer(
  variant: OcrRealVariant,
  truth: ReadonlyMap<string, string[][]>,
  rules: readonly OcrRule[],
): number {
  let errors = 0;
  let chars = 0;
  for (const [id, pages] of loadOcrRealPages(variant)) {
    const lines = truth.get(id)!;
    pages.forEach((p, i) => {
      const e = characterErrors(lines[i]!, correctOcrText(p, rules));
      errors += e.errors;
      chars += e.chars;
    });
  }
  return errors / chars;
}
