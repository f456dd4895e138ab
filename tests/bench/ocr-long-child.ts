// Child process of the OCR bench's long-scan part: OCRs every page of one scanned PDF through the
// OCR worker pool (one worker, the queue's path: the worker's PDF source reads the file in ranges)
// and prints one JSON line with the process's peak resident memory (process.resourceUsage().maxRSS,
// the worker threads included). A child per length so each peak is its own.
//   ocr-long-child.ts <scan.pdf> <pages> <dpi>
import { resolveOcrPaths } from '../../main/core/ocr/ocr-paths.js';
import { OcrPool } from '../../main/core/ocr/ocr-pool.js';

export interface OcrLongChildResult {
  pages: number;
  failed: number;
  maxRssMb: number;
  /** Peak after the first page: the engine and one page, before the length can tell. */
  firstPageRssMb: number;
  seconds: number;
}

const [path, pagesArg, dpiArg] = process.argv.slice(2);
if (!path || !pagesArg || !dpiArg) throw new Error('usage: ocr-long-child.ts <scan.pdf> <pages> <dpi>');
const pages = Number(pagesArg);
const dpi = Number(dpiArg);
const started = performance.now();
const pool = new OcrPool({ langs: 'vie', paths: resolveOcrPaths(['vie']), size: 1 });
let failed = 0;
let firstPageRssMb = 0;
try {
  for (let page = 1; page <= pages; page++) {
    const o = await pool.run({ path, kind: 'pdf', page, dpi });
    if (!o.ok) failed++;
    if (page === 1) firstPageRssMb = process.resourceUsage().maxRSS / 1024;
  }
} finally {
  await pool.close();
}
const result: OcrLongChildResult = {
  pages,
  failed,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
  firstPageRssMb,
  seconds: (performance.now() - started) / 1000,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
