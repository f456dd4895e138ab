// Builds tests/fixtures/ocr-real/: real OCR output of the real-docs PDFs, to measure post-correction
// rules on what Tesseract actually reads rather than on generated scans. For each PDF of
// tests/fixtures/shared/real-docs/pdf the first page (header, number) and the last page (signer) are
// rasterised at 200 dpi with the app's own rasteriser (rasterisePdfPage) and recognised with the
// app's own engine (createRecognizer, "vie"), one page at a time on one worker.
//
//   nice node bin/run-ts.mjs scripts/make-ocr-real-fixture.ts [id…]
//
//   nice node bin/run-ts.mjs scripts/make-ocr-real-fixture.ts --degraded [id…]
//
// Writes <id>.txt holding the engine's raw text (before post-correction, so that every rule can be
// measured with and without it), pages separated by a form feed line. `--degraded` writes
// degraded/<id>.txt from the first page made to look like a worn office copy scanned in black and
// white (degradeScan), where Tesseract confuses letters as it does on real scans; the clean
// rendering alone reads almost perfectly. Existing files are kept (the run resumes); pass ids to
// redo those. CI never runs this script (the output is committed).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPdfDocument } from '../main/core/ingest/extractors/extract-pdf.js';
import { createRecognizer, rasterisePdfPage } from '../main/core/ocr/ocr-engine.js';
import { MAX_OCR_PIXELS, type GreyImage } from '../main/core/ocr/image-limits.js';
import { resolveOcrPaths } from '../main/core/ocr/ocr-paths.js';
import { repoPath, testdata } from '../tests/helpers/repo-root.js';

export const OCR_REAL_DPI = 200;
/** The separator between pages in a fixture file. */
export const PAGE_BREAK = '\n\f\n';

const pdfDir = testdata('real-docs', 'pdf');

/**
 * A worn copy scanned in black and white: a 3×3 blur (toner spread), grey noise of ±`noise`
 * levels from a fixed-seed generator (the same page every run), then a hard threshold at
 * `threshold` (dark: strokes thicken, counters and thin tone marks close up).
 */
export function degradeScan(img: GreyImage, noise = 80, threshold = 170): GreyImage {
  const { width: w, height: h, data: src } = img;
  const out = new Uint8Array(src.length);
  let seed = 12345;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      let n = 0;
      for (let yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
        for (let xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
          sum += src[yy * w + xx]!;
          n++;
        }
      }
      const v = sum / n + (rnd() - 0.5) * 2 * noise;
      out[y * w + x] = v < threshold ? 0 : 255;
    }
  }
  return { width: w, height: h, data: out };
}

async function main(): Promise<void> {
  const degraded = process.argv.includes('--degraded');
  const outDir = repoPath('tests', 'fixtures', 'ocr-real', ...(degraded ? ['degraded'] : []));
  mkdirSync(outDir, { recursive: true });
  const only = process.argv.slice(2).filter((a) => a !== '--degraded');
  const ids = readdirSync(pdfDir)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => f.slice(0, -4))
    .sort()
    .filter((id) => (only.length > 0 ? only.includes(id) : !existsSync(join(outDir, `${id}.txt`))));
  const recognizer = await createRecognizer('vie', resolveOcrPaths(['vie']));
  try {
    for (const id of ids) {
      const t0 = Date.now();
      const data = readFileSync(join(pdfDir, `${id}.pdf`));
      const doc = await openPdfDocument(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), {
        maxImagePixels: MAX_OCR_PIXELS,
      });
      try {
        // The degraded reading measures the number repairs: the header page is enough.
        const pages = doc.numPages > 1 && !degraded ? [1, doc.numPages] : [1];
        const texts: string[] = [];
        for (const p of pages) {
          const page = await rasterisePdfPage(doc, p, OCR_REAL_DPI);
          const img = degraded ? degradeScan(page) : page;
          const r = await recognizer.recognise(img, OCR_REAL_DPI, p === 1);
          texts.push(r.rawText.trimEnd());
        }
        writeFileSync(join(outDir, `${id}.txt`), `${texts.join(PAGE_BREAK)}\n`);
        console.log(`${id}: pages ${pages.join(',')} of ${doc.numPages}, ${Date.now() - t0} ms`);
      } finally {
        await doc.destroy();
      }
    }
  } finally {
    await recognizer.close();
  }
}

await main();
