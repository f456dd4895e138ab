import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parsingFailure } from '../../errors/to-vankho-error.js';
import { pageText, type PdfTextItem } from './pdf-layout.js';
import type { RawExtraction } from './raw-extraction.js';

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));

/** Upper bound of pages read for text; the rest is reported as partial (T-H1). */
export const MAX_PDF_PAGES = 5_000;

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
  transform?: number[];
  width?: number;
}

type Matrix = [number, number, number, number, number, number];

/** pdf.js items in display space (the page's /Rotate applied), for the layout reader. */
function positioned(items: readonly TextItemLike[], view: Matrix): PdfTextItem[] {
  const out: PdfTextItem[] = [];
  for (const it of items) {
    if (typeof it.str !== 'string') continue; // marked-content markers
    const t = it.transform ?? [1, 0, 0, 1, 0, 0];
    // view × item transform: where the text starts and which way its baseline runs on screen.
    const a = view[0] * t[0]! + view[2] * t[1]!;
    const b = view[1] * t[0]! + view[3] * t[1]!;
    const c = view[0] * t[2]! + view[2] * t[3]!;
    const d = view[1] * t[2]! + view[3] * t[3]!;
    const x = view[0] * t[4]! + view[2] * t[5]! + view[4];
    const y = view[1] * t[4]! + view[3] * t[5]! + view[5];
    const size = Math.hypot(c, d);
    out.push({
      str: it.str,
      x,
      y,
      width: it.width ?? 0,
      size,
      hasEOL: it.hasEOL === true,
      upright: a > 0 && Math.abs(b) <= 0.05 * a && d < 0,
    });
  }
  return out;
}

/** A document opened by pdf.js (the legacy build's type, without naming its module at load time). */
export type PdfDocument = Awaited<
  ReturnType<typeof import('pdfjs-dist/legacy/build/pdf.mjs').getDocument>['promise']
>;

/**
 * Opens a PDF with pdf.js (legacy build, the one that runs in Node), configured for untrusted
 * input (R10): no eval, no XFA, no scripting, no font loading into the page, capped image size.
 * Encrypted → PDF_ENCRYPTED; unparsable (corrupt, truncated, not a PDF) → PDF_CORRUPT. Text
 * extraction and OCR rasterisation share it, so both read a PDF under the same limits (OCR may
 * allow larger images: a 600 dpi A4 scan is 35 million pixels). The caller destroys the document.
 */
export async function openPdfDocument(
  data: Uint8Array,
  opts: { maxImagePixels?: number } = {},
): Promise<PdfDocument> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    stopAtErrors: false,
    maxImageSize: opts.maxImagePixels ?? 16 * 1024 * 1024,
    cMapUrl: join(PDFJS_DIR, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts') + '/',
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (e) {
    throw parsingFailure(e, 'pdf');
  }
}

/** Text per page (see openPdfDocument for the limits and errors). */
export async function extractPdf(data: Uint8Array): Promise<RawExtraction> {
  const doc = await openPdfDocument(data);
  try {
    const pages: string[] = [];
    let failedPages = 0;
    const n = Math.min(doc.numPages, MAX_PDF_PAGES);
    failedPages += doc.numPages - n;
    for (let i = 1; i <= n; i++) {
      try {
        const page = await doc.getPage(i);
        const content = await page.getTextContent();
        const view = page.getViewport({ scale: 1 }).transform as Matrix;
        pages.push(pageText(positioned(content.items as TextItemLike[], view), i === 1));
        page.cleanup();
      } catch {
        // A damaged page (truncated stream, bad object) must not lose the others.
        pages.push('');
        failedPages++;
      }
    }
    return { pages, encoding: null, fontNames: [], failedPages };
  } finally {
    await doc.destroy();
  }
}
