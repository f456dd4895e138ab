// Worker-thread entry of OCR: rasterises or decodes one page and recognises it. Each worker owns one
// tesseract.js recogniser (itself a nested worker thread) and keeps the last PDF it opened, since
// the queue hands it the pages of one document in a row (read in ranges, within a byte budget). OcrPool runs it under a time limit per
// page: a page that hangs or a hostile file can only kill this thread.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { appError, type AppError } from '../../contract/errors.js';
import { knownAppError } from '../errors/to-vankho-error.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { isTiffHead } from '../ingest/extractors/tiff-pages.js';
import {
  createRecognizer,
  decodeImage,
  MAX_OCR_PIXELS,
  readPdfPage,
  type OcrPageResult,
  type Recognizer,
} from './ocr-engine.js';
import type { OcrPaths } from './ocr-paths.js';
import { PdfPageSource } from '../ingest/extractors/extract-pdf.js';
import { decodeTiffPage } from './tiff-decode.js';

/** What kind of original the page comes from: a PDF page, or an image file (page 1, or a TIFF's page). */
export type OcrSourceKind = 'pdf' | 'image';

export interface OcrWorkerConfig {
  langs: string;
  paths: OcrPaths;
}

export interface OcrRequest {
  id: number;
  path: string;
  kind: OcrSourceKind;
  /** 1-based page of a PDF or a TIFF; 1 for another image. */
  page: number;
  /** Rasterising resolution of PDF pages. */
  dpi: number;
}

export type OcrWorkerMessage =
  | { type: 'ready' }
  | { type: 'startup-failed'; error: AppError }
  | { type: 'result'; id: number; result: OcrPageResult }
  | { type: 'failed'; id: number; error: AppError };

let recognizer: Recognizer | null = null;
// The PDF being read, page by page in ranges: bounded memory however long the scan (PdfPageSource).
const pdfs = new PdfPageSource({ maxImagePixels: MAX_OCR_PIXELS });

async function run(req: OcrRequest): Promise<OcrPageResult> {
  if (!recognizer) throw new VanKhoError(appError('OCR_FAILED', 'engine not started'));
  if (req.kind === 'pdf') {
    const engine = recognizer;
    return pdfs.read(req.path, (doc) => {
      if (req.page < 1 || req.page > doc.numPages) {
        throw new VanKhoError(appError('OCR_FAILED', `page ${req.page} of ${doc.numPages}`));
      }
      return readPdfPage(engine, doc, req.page, req.dpi);
    });
  }
  if (isTiffFile(req.path)) {
    // Decoded page by page from the file: a 500-page scan is never read whole.
    const { image, dpi } = await decodeTiffPage(req.path, req.page);
    return recognizer.recognise(image, dpi, req.page === 1);
  }
  const img = await decodeImage(readFileSync(req.path));
  return recognizer.recognise(img, null, true);
}

function isTiffFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && isTiffHead(head);
  } finally {
    closeSync(fd);
  }
}

/** The page's error: an fs error is the scan's (FILE_UNREADABLE, by the one mapper), anything else OCR_FAILED. */
function errorOf(e: unknown): AppError {
  return knownAppError(e, { readingInput: true }) ?? appError('OCR_FAILED');
}

const port = parentPort;
if (port) {
  const config = workerData as { ocr?: OcrWorkerConfig } | null;
  port.on('message', (req: OcrRequest) => {
    run(req)
      .then((result) => port.postMessage({ type: 'result', id: req.id, result } satisfies OcrWorkerMessage))
      .catch((e: unknown) =>
        port.postMessage({ type: 'failed', id: req.id, error: errorOf(e) } satisfies OcrWorkerMessage),
      );
  });
  const ocr = config?.ocr;
  if (!ocr) {
    port.postMessage({
      type: 'startup-failed',
      error: appError('OCR_FAILED', 'no engine configuration'),
    } satisfies OcrWorkerMessage);
  } else {
    createRecognizer(ocr.langs, ocr.paths)
      .then((r) => {
        recognizer = r;
        port.postMessage({ type: 'ready' } satisfies OcrWorkerMessage);
      })
      .catch(() =>
        port.postMessage({
          type: 'startup-failed',
          error: appError('OCR_FAILED', `engine could not start (${ocr.langs})`),
        } satisfies OcrWorkerMessage),
      );
  }
}
