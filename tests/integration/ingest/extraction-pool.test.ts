import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yazl from 'yazl';
import { openArchive } from '../../../main/core/archive/archive.js';
import { ExtractionPool } from '../../../main/core/ingest/extraction-pool.js';
import { importPaths } from '../../../main/core/ingest/import-files.js';
import { makePdf } from '../../helpers/make-pdf.js';
import { makeTempDir, useTempDir, type TempDir } from '../../helpers/temp-dir.js';

/** The smallest DOCX mammoth reads: content types, the package relationship, word/document.xml. */
async function minimalDocx(bodyXml: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '[Content_Types].xml',
  );
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    '_rels/.rels',
  );
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
        bodyXml +
        '</w:body></w:document>',
    ),
    'word/document.xml',
  );
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('ExtractionPool (worker threads from TS sources)', () => {
  let tmp: TempDir;
  let pool: ExtractionPool;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-pool-');
    pool = new ExtractionPool({ size: 2, timeoutMs: 30_000 });
  });
  afterAll(async () => {
    await pool.close();
    await tmp.cleanup();
  });

  it('extracts text per page from a real PDF and a UTF-8 text file in workers', async () => {
    const pdf = join(tmp.dir, 'a.pdf');
    writeFileSync(pdf, await makePdf([['Quyết định số 08/2022/QĐ-TTg'], ['Trang hai: Độc lập - Tự do']]));
    const txt = join(tmp.dir, 'a.txt');
    writeFileSync(txt, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const [p, t] = await Promise.all([pool.run(pdf, 'pdf'), pool.run(txt, 'text')]);
    expect(p.status).toBe('ok');
    expect(p.pageCount).toBe(2);
    expect(p.pages[0]).toContain('Quyết định số 08/2022/QĐ-TTg');
    expect(p.pages[1]).toContain('Độc lập');
    expect(t.status).toBe('ok');
    expect(t.encoding).toBe('utf-8');
    expect(t.pages[0]).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });

  it('reports encrypted and corrupt PDFs as failed with their codes', async () => {
    const enc = join(tmp.dir, 'enc.pdf');
    writeFileSync(enc, await makePdf([['bí mật']], { encrypt: 'mat-khau' }));
    const bad = join(tmp.dir, 'bad.pdf');
    writeFileSync(bad, 'this is not a pdf at all');
    const [e, b] = await Promise.all([pool.run(enc, 'pdf'), pool.run(bad, 'pdf')]);
    expect(e.status).toBe('failed');
    expect(e.error?.code).toBe('PDF_ENCRYPTED');
    expect(b.status).toBe('failed');
    expect(b.error?.code).toBe('PDF_CORRUPT');
  });

  it('kills a worker that runs past the time limit (EXTRACTION_TIMEOUT) and goes on with a fresh one', async () => {
    const pdf = join(tmp.dir, 'slow.pdf');
    writeFileSync(pdf, await makePdf([['Báo cáo tổng kết']]));
    const txt = join(tmp.dir, 'next.txt');
    writeFileSync(txt, 'Thông báo kết luận');
    // 1 ms: no extraction finishes that fast (reading the file alone takes longer), so the limit trips.
    const strict = new ExtractionPool({ size: 1, timeoutMs: 1 });
    try {
      const r = await strict.run(pdf, 'pdf');
      expect(r.status).toBe('failed');
      expect(r.error?.code).toBe('EXTRACTION_TIMEOUT');
    } finally {
      await strict.close();
    }
    expect((await pool.run(txt, 'text')).pages[0]).toBe('Thông báo kết luận');
  });

  it('contains a DOCX bomb that exhausts the worker heap: only that worker dies', async () => {
    // 10 KB on disk, 100,000 paragraphs: mammoth's document tree outgrows a 64 MB heap gradually,
    // which Node turns into ERR_WORKER_OUT_OF_MEMORY for that worker (reported as "too complex").
    const bomb = join(tmp.dir, 'bomb.docx');
    writeFileSync(bomb, await minimalDocx('<w:p><w:r><w:t>a</w:t></w:r></w:p>'.repeat(100_000)));
    const small = new ExtractionPool({ size: 1, timeoutMs: 120_000, maxOldGenerationSizeMb: 64 });
    try {
      const r = await small.run(bomb, 'docx');
      expect(r.status).toBe('failed');
      expect(r.error?.code).toBe('EXTRACTION_TIMEOUT');
      const ok = join(tmp.dir, 'ok.docx');
      writeFileSync(ok, await minimalDocx('<w:p><w:r><w:t>Kế hoạch số 15-KH/TU</w:t></w:r></w:p>'));
      const next = await small.run(ok, 'docx');
      expect(next.status).toBe('ok');
      expect(next.pages[0]).toContain('Kế hoạch số 15-KH/TU');
    } finally {
      await small.close();
    }
  });

  it('rejects a cancelled task with CANCELLED', async () => {
    const txt = join(tmp.dir, 'c.txt');
    writeFileSync(txt, 'Công văn');
    const ac = new AbortController();
    const p = pool.run(txt, 'text', ac.signal);
    ac.abort();
    await expect(p).rejects.toMatchObject({ appError: { code: 'CANCELLED' } });
  });
});

describe('a long-lived pool (the app session’s)', () => {
  const tmp = useTempDir('vankho-pool-shared-');

  it('serves one import after another with the workers it started, and outlives them', async () => {
    const shared = new ExtractionPool({ size: 1, idleMs: 60_000 });
    const archive = openArchive(join(tmp.dir, 'kho'));
    try {
      for (const n of [1, 2, 3]) {
        const f = join(tmp.dir, `upload-${n}.txt`);
        writeFileSync(f, `Quyết định số ${n}/2024/QĐ-UBND về việc ban hành quy chế`);
        const r = await importPaths(archive, [f], { pool: shared });
        expect(r.imported).toBe(1);
      }
      // Three imports, one worker start: the per-import start was the cost of each upload.
      expect(shared.started).toBe(1);
      expect(shared.workers).toBe(1);
      const again = join(tmp.dir, 'after.txt');
      writeFileSync(again, 'Thông báo');
      expect((await shared.run(again, 'text')).pages[0]).toBe('Thông báo');
    } finally {
      archive.close();
      await shared.close();
    }
  });

  it('ends a worker left idle, and starts one again when work comes', async () => {
    const idle = new ExtractionPool({ size: 1, idleMs: 50 });
    const f = join(tmp.dir, 'idle.txt');
    writeFileSync(f, 'Kế hoạch');
    try {
      expect((await idle.run(f, 'text')).pages[0]).toBe('Kế hoạch');
      expect(idle.workers).toBe(1);
      for (let i = 0; i < 100 && idle.workers > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(idle.workers).toBe(0);
      expect((await idle.run(f, 'text')).pages[0]).toBe('Kế hoạch');
      expect(idle.started).toBe(2);
    } finally {
      await idle.close();
    }
  });

  it('holds each task to its own time limit (an import’s timeoutSeconds), not only the pool’s', async () => {
    const pool = new ExtractionPool({ size: 1, timeoutMs: 60_000 });
    const pdf = join(tmp.dir, 'limited.pdf');
    writeFileSync(pdf, await makePdf([['Báo cáo']]));
    try {
      const strict = await pool.run(pdf, 'pdf', undefined, { timeoutMs: 1 });
      expect(strict.error?.code).toBe('EXTRACTION_TIMEOUT');
      const relaxed = await pool.run(pdf, 'pdf');
      expect(relaxed.status).not.toBe('failed');
    } finally {
      await pool.close();
    }
  });
});
