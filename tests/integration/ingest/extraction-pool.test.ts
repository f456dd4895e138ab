import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExtractionPool } from '../../../main/core/ingest/extraction-pool.js';
import { makePdf } from '../../helpers/make-pdf.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

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

  it('contains a file that exhausts the worker heap: only that worker dies', async () => {
    const big = join(tmp.dir, 'big.txt');
    // ~2 MB of text decoded and cleaned inside a worker limited to 32 MB of heap: the copies made on
    // the way exceed it gradually, which Node turns into ERR_WORKER_OUT_OF_MEMORY for that worker.
    writeFileSync(big, 'Nghị quyết về phát triển kinh tế xã hội. '.repeat(45_000));
    const small = new ExtractionPool({ size: 1, timeoutMs: 60_000, maxOldGenerationSizeMb: 32 });
    try {
      const r = await small.run(big, 'text');
      expect(r.status).toBe('failed');
      expect(r.error?.code).toBe('EXTRACTION_TIMEOUT');
      const ok = join(tmp.dir, 'ok.txt');
      writeFileSync(ok, 'Kế hoạch');
      expect((await small.run(ok, 'text')).status).toBe('ok');
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
