// Scores post-correction on real OCR output (tests/fixtures/ocr-real, made by
// scripts/make-ocr-real-fixture.ts): each fixture's raw pages go through correctOcrText with the given
// rules, then through the same extraction an import preview runs (buildExtractPreview: metadata from
// the first and last pages, citations from all), and are scored against the real-docs truth with
// the shared match rules (real-docs-score.ts).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildExtractPreview } from '../../main/core/ingest/extract-preview.js';
import { correctOcrText, type OcrRule } from '../../main/core/ocr/post-correct.js';
import { loadRealDocsTruth, scoreDocuments, type ExtractedDoc, type FormScore } from './real-docs-score.js';
import { repoPath } from './repo-root.js';

/** Pages are separated by a form-feed line in the fixture files. */
export const OCR_REAL_PAGE_BREAK = '\n\f\n';
export const OCR_REAL_DIR = repoPath('tests', 'fixtures', 'ocr-real');

/** The two readings: the PDFs rasterised as they are, and as a worn black-and-white copy. */
export type OcrRealVariant = 'clean' | 'degraded';

/** Raw OCR pages of every fixture document of a variant, by real-docs id. */
export function loadOcrRealPages(variant: OcrRealVariant): Map<string, string[]> {
  const dir = variant === 'clean' ? OCR_REAL_DIR : join(OCR_REAL_DIR, variant);
  const out = new Map<string, string[]>();
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    out.set(f.slice(0, -4), readFileSync(join(dir, f), 'utf8').split(OCR_REAL_PAGE_BREAK));
  }
  return out;
}

/** The fields extracted from one document's OCR pages after the rules. */
export function extractFromOcr(pages: readonly string[], rules: readonly OcrRule[]): ExtractedDoc {
  const corrected = pages.map((p) => correctOcrText(p, rules));
  const x = buildExtractPreview('ocr-real', corrected, 'ok', null);
  const v = (k: keyof typeof x.fields): string | null => {
    const s = x.fields[k]?.value;
    return typeof s === 'string' ? s : null;
  };
  return {
    number: v('number'),
    docType: v('docType'),
    issuer: v('issuer'),
    issuerSuperior: v('issuerSuperior'),
    place: v('place'),
    issuedDate: v('issuedDate'),
    title: v('title'),
    signer: v('signer'),
    signerTitle: v('signerTitle'),
    citations: x.citations.map((c) => ({ number: c.number, kind: c.kind, issuer: c.issuer, date: c.date })),
  };
}

/** A variant of the fixture scored with these rules. */
export function scoreOcrReal(variant: OcrRealVariant, rules: readonly OcrRule[]): FormScore {
  const got = new Map<string, ExtractedDoc>();
  for (const [id, pages] of loadOcrRealPages(variant)) got.set(id, extractFromOcr(pages, rules));
  return scoreDocuments(loadRealDocsTruth(), got);
}
