// Child process of the memory benchmark: runs ONE long operation on an archive and prints one JSON
// line with the process's peak resident memory (process.resourceUsage().maxRSS, includes the
// extraction worker threads). A child per operation so each peak is its own.
//   memory-child.ts reextract <archive>
//   memory-child.ts reindex <archive>
//   memory-child.ts import-bundle <new archive> <bundle.zip>
//   memory-child.ts extract-pdf <file.pdf>        (import's text extraction: read in ranges)
//   memory-child.ts extract-pdf-whole <file.pdf>  (the same pages' text from the file read whole, as before)
import { readFileSync } from 'node:fs';
import { importBundle } from '../../main/core/export/import-bundle.js';
import { extractFile } from '../../main/core/ingest/extract-file.js';
import { openPdfDocument } from '../../main/core/ingest/extractors/extract-pdf.js';
import { reextractDocuments } from '../../main/core/ingest/reextract.js';
import { openVanKho } from '../../main/core/open-vankho.js';

export interface MemoryChildResult {
  op: string;
  maxRssMb: number;
  seconds: number;
  documents: number;
}

const [op, dir, bundle] = process.argv.slice(2);
if (!op || !dir) throw new Error('usage: memory-child.ts reextract|reindex|import-bundle <archive> [bundle]');
const started = performance.now();

/** Pages of text read from a PDF, by ranges (the import's extractFile) or from the whole file. */
async function extractPdfPages(path: string, whole: boolean): Promise<number> {
  if (!whole) return (await extractFile(path, 'pdf')).pages.length;
  const doc = await openPdfDocument(new Uint8Array(readFileSync(path)));
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getTextContent();
      page.cleanup();
    }
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}
if (op === 'extract-pdf' || op === 'extract-pdf-whole') {
  const pages = await extractPdfPages(dir, op === 'extract-pdf-whole');
  const result: MemoryChildResult = {
    op,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    seconds: (performance.now() - started) / 1000,
    documents: pages,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
const vk = openVanKho(dir, { create: op === 'import-bundle' });
async function run(): Promise<number> {
  if (op === 'reextract') return (await reextractDocuments(vk.archive, 'all')).total;
  if (op === 'reindex') {
    await vk.search.reindex();
    return vk.archive.db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
  }
  if (op === 'import-bundle') {
    if (!bundle) throw new Error('import-bundle needs the bundle file');
    return (await importBundle(vk.archive, bundle)).added;
  }
  throw new Error(`unknown operation ${op}`);
}
let documents: number;
try {
  documents = await run();
} finally {
  vk.close();
}
const result: MemoryChildResult = {
  op,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
  seconds: (performance.now() - started) / 1000,
  documents,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
