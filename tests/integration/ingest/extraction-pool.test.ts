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
});
