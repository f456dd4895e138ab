// Memory part of `npm run bench` (BENCH_PARTS=memory): peak resident memory of reextract --all,
// reindex and import-bundle, each in its own child process, on generated archives of
// BENCH_MEMORY_TIERS documents (default 1000,3000; issue 17's line is 1000,10000) whose originals
// are real .txt files in the store. Reports the ratio of the largest tier to the smallest: flat or sublinear means the
// operation streams (issue 17 item 8); ~ the ratio of documents means it holds the archive in memory.

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openArchive, type Archive } from '../../main/core/archive/archive.js';
import { allDocumentIds } from '../../main/core/archive/documents-repo.js';
import { exportBundle } from '../../main/core/export/export-bundle.js';
import { exportSourceOf } from '../../main/core/app/export-source.js';
import { docNumberKey } from '../../main/core/text/doc-number.js';
import { makePdf } from '../helpers/make-pdf.js';
import { renderScan } from '../helpers/make-scan.js';
import { repoRoot } from '../helpers/repo-root.js';
import { generateCorpus, type GeneratedDoc } from './generate-corpus.js';
import type { MemoryChildResult } from './memory-child.js';
import { insertPageTexts } from '../../main/core/archive/pages-repo.js';

const BATCH = 500;
const OPS = ['reextract', 'reindex', 'import-bundle', 'extract-pdf'] as const;
/** The generated PDF import's text extraction is measured on: pages with a photo and their text. */
const PDF_PAGES = Number(process.env['BENCH_PDF_PAGES'] ?? 400);

/** Documents with their text stored as a real original (what reextract reads). */
function insertWithOriginals(archive: Archive, docs: readonly GeneratedDoc[], first: number): number {
  const now = new Date().toISOString();
  let bytes = 0;
  archive.write((db) => {
    const insDoc = db.prepare(
      `INSERT INTO documents (uid, title, number, number_key, doc_type, system, issuer, issued_date, signer,
         text_status, page_count, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok', 1, ?, ?)`,
    );
    const insFile = db.prepare(
      `INSERT INTO files (document_id, sha256, size, media_type, original_name, role, position, imported_at)
       VALUES (?, ?, ?, 'text/plain', ?, 'main', 0, ?)`,
    );
    docs.forEach((d, k) => {
      const uid = `mem-${first + k}`;
      const text = `${d.title}\n\n${d.pages.join('\n\n')}`;
      const buf = Buffer.from(text, 'utf8');
      const sha = createHash('sha256').update(buf).digest('hex');
      const p = archive.files.pathOf(sha);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, buf);
      bytes += buf.length;
      const id = Number(
        insDoc.run(
          uid,
          d.title,
          d.number,
          docNumberKey(d.number) || null,
          d.docType,
          d.system,
          d.issuer,
          d.issuedDate,
          d.signer,
          now,
          now,
        ).lastInsertRowid,
      );
      const fileId = Number(insFile.run(id, sha, buf.length, `${uid}.txt`, now).lastInsertRowid);
      insertPageTexts(db, fileId, [text]);
    });
  });
  return bytes;
}

function runChild(args: string[]): MemoryChildResult {
  const out = execFileSync(
    process.execPath,
    [join(repoRoot, 'bin', 'run-ts.mjs'), join(repoRoot, 'tests', 'bench', 'memory-child.ts'), ...args],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as MemoryChildResult;
}

/** An archive of n generated documents with real originals, and a bundle of all of them. */
export async function makeMemoryArchive(dir: string, n: number, bundle: string): Promise<number> {
  const archive = openArchive(dir);
  try {
    let bytes = 0;
    let batch: GeneratedDoc[] = [];
    let first = 1;
    for (const d of generateCorpus(n)) {
      batch.push(d);
      if (batch.length === BATCH) {
        bytes += insertWithOriginals(archive, batch, first);
        first += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) bytes += insertWithOriginals(archive, batch, first);
    await exportBundle(exportSourceOf(archive), { ids: allDocumentIds(archive.db), out: bundle });
    return bytes;
  } finally {
    archive.close();
  }
}

export type MemoryOp = (typeof OPS)[number];

/** BENCH_MEMORY_OPS: which operations to measure (default all three), e.g. "import-bundle". */
export function memoryOps(value: string | undefined): MemoryOp[] {
  if (!value) return [...OPS];
  const wanted = value.split(',').map((s) => s.trim());
  return OPS.filter((op) => wanted.includes(op));
}

/**
 * Measures each tier and prints as it goes (`out`, one line at a time: the 10k tier takes minutes
 * per operation), then the ratio of the largest tier to the smallest.
 */
export async function runMemoryBench(
  tiers: readonly number[],
  work: string,
  out: (line: string) => void,
  ops: readonly MemoryOp[] = OPS,
): Promise<void> {
  if (ops.includes('extract-pdf')) await runPdfExtractMemory(work, out);
  const archiveOps = ops.filter((op) => op !== 'extract-pdf');
  if (archiveOps.length === 0) return;
  const peaks = new Map<string, Map<number, number>>(archiveOps.map((op) => [op, new Map()]));
  for (const n of tiers) {
    const dir = join(work, `memory-${n}`);
    const bundle = join(work, `memory-${n}.zip`);
    const started = performance.now();
    const bytes = await makeMemoryArchive(dir, n, bundle);
    out(
      `${n.toLocaleString('en')} documents, ${(bytes / 1048576).toFixed(1)} MB of text (made in ${((performance.now() - started) / 1000).toFixed(0)} s):`,
    );
    for (const op of archiveOps) {
      const r =
        op === 'import-bundle'
          ? runChild(['import-bundle', join(work, `memory-${n}-into`), bundle])
          : runChild([op, dir]);
      peaks.get(r.op)!.set(n, r.maxRssMb);
      out(
        `  ${r.op.padEnd(14)} peak RSS ${r.maxRssMb.toFixed(0).padStart(5)} MB  (${r.documents} documents, ${r.seconds.toFixed(1)} s)`,
      );
    }
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(work, `memory-${n}-into`), { recursive: true, force: true });
    rmSync(bundle, { force: true });
  }
  if (tiers.length >= 2) {
    const lo = Math.min(...tiers);
    const hi = Math.max(...tiers);
    out(
      `peak RSS ratio ${hi.toLocaleString('en')}/${lo.toLocaleString('en')} documents (${(hi / lo).toFixed(0)}× the documents):`,
    );
    for (const op of archiveOps) {
      const m = peaks.get(op)!;
      out(`  ${op.padEnd(14)} ${(m.get(hi)! / m.get(lo)!).toFixed(2)}×`);
    }
  }
}

/**
 * Peak RSS of import's PDF text extraction (extractFile: read in ranges, page by page) beside the
 * same pages' text read from the file loaded whole (as before), each in its own child, on one
 * generated PDF of PDF_PAGES pages, each with a photo (as a scan with a text layer has its image).
 */
async function runPdfExtractMemory(work: string, out: (line: string) => void): Promise<void> {
  mkdirSync(work, { recursive: true });
  const path = join(work, 'memory-extract.pdf');
  const photo = renderScan([{ text: 'Ảnh', x: 72, y: 100, size: 28 }], {
    dpi: 60,
    format: 'jpeg',
    noise: 1,
    quality: 95,
  });
  const text = (n: number): string[] =>
    Array.from({ length: 10 }, (_, k) => `Trang ${n}, khoản ${k + 1}: Ủy ban nhân dân tỉnh giao Sở Nội vụ.`);
  const pdf = await makePdf(
    Array.from({ length: PDF_PAGES }, (_, i) => text(i + 1)),
    { pageImage: photo },
  );
  writeFileSync(path, pdf);
  out(`PDF text extraction, ${PDF_PAGES} pages, ${(pdf.length / 1048576).toFixed(0)} MB:`);
  for (const op of ['extract-pdf', 'extract-pdf-whole']) {
    const r = runChild([op, path]);
    const label = op === 'extract-pdf' ? 'in ranges' : 'whole file';
    out(
      `  ${label.padEnd(14)} peak RSS ${r.maxRssMb.toFixed(0).padStart(5)} MB  (${r.documents} pages, ${r.seconds.toFixed(1)} s)`,
    );
  }
  rmSync(path, { force: true });
}
