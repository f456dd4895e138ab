// OCR after import and "Thử lại / Retry" through the contract, on a real archive with scans made
// here and the real engine. Auto-OCR is on by default where the engine is installed: an import job
// ends with its scan still waiting, and an OCR job of its own reads it. Switched off, the scan just
// waits. A page that failed (here: over its time limit, as a slow page on a busy machine does) shows
// its error in the summary; ocrRetry puts it back in the queue and reads it, which a reader may not.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDto, OcrRetryDto, OcrSettingsDto, OcrSummaryDto } from '../../../main/contract/dto.js';
import type { RequestContext } from '../../../main/contract/request-context.js';
import type { SearchResponse } from '../../../main/contract/search-types.js';
import { runOcrQueue } from '../../../main/core/ocr/ocr-queue.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { dispatcher } from '../../helpers/dispatch.js';
import { decisionLines, makeScannedPdf, renderScan } from '../../helpers/make-scan.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const scanOf = (number: string, title: string): Promise<Buffer> =>
  makeScannedPdf([
    renderScan(decisionLines({ number, title, body: ['Điều 1. Quyết định có hiệu lực kể từ ngày ký.'] }), {
      format: 'jpeg',
    }),
  ]);

async function until<T>(what: string, probe: () => T | undefined | null, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== null) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('OCR after import, and retry of failed pages', { timeout: 300_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  const { call, refused } = dispatcher(() => host);
  const docIdOf = (name: string): number =>
    host.service.vankho.archive.db
      .prepare('SELECT document_id FROM files WHERE original_name = ?')
      .pluck()
      .get(name) as number;
  const importScan = async (name: string, bytes: Buffer): Promise<number> => {
    const path = join(tmp.dir, name);
    writeFileSync(path, bytes);
    const job = await host.jobs.wait(host.service.startImport([path]));
    expect(job?.state).toBe('done');
    return docIdOf(name);
  };
  const ocrJobs = (): JobDto[] => host.jobs.list().filter((j) => j.kind === 'ocr');

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-ocr-auto-');
    host = await startAppHost({ host: 'web', archiveDir: join(tmp.dir, 'kho'), create: true });
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('reads a scan in its own job right after the import, by default', async () => {
    expect(await call<OcrSettingsDto>('ocrSettings', {})).toEqual({ autoOcr: true, engineAvailable: true });
    const id = await importScan('qd-51.pdf', await scanOf('51/2025/QĐ-UBND', 'Về việc chỉnh lý hồ sơ'));
    // The import ended with the scan still waiting: it did not read it itself.
    const job = await until('the OCR job', () => ocrJobs()[0]);
    const end = await host.jobs.wait(job.jobId);
    expect(end?.state).toBe('done');
    const summary = await call<OcrSummaryDto>('ocrSummary', { documentId: id });
    expect(summary).toMatchObject({ pending: 0, done: 1, failed: 0 });
    expect((await call<SearchResponse>('search', { query: 'chinh ly ho so' })).hits[0]?.id).toBe(id);
  });

  it('leaves scans waiting when the archive says not to', async () => {
    expect(await call<OcrSettingsDto>('ocrSettingsSet', { autoOcr: false })).toEqual({
      autoOcr: false,
      engineAvailable: true,
    });
    const jobsBefore = ocrJobs().length;
    const id = await importScan('tb-52.pdf', await scanOf('52/TB-UBND', 'Thông báo kết luận giao ban'));
    // Give a wrongly started job the time to appear.
    await new Promise((r) => setTimeout(r, 500));
    expect(ocrJobs().length).toBe(jobsBefore);
    expect(await call<OcrSummaryDto>('ocrSummary', { documentId: id })).toMatchObject({
      pending: 1,
      done: 0,
    });
    expect(await call('ocrPending', {})).toEqual({ pages: 1, documents: 1, paused: false });
    // The choice is the archive's: a setting read from it, not from this session's memory.
    expect(
      host.service.vankho.archive.db
        .prepare("SELECT value FROM meta WHERE key = 'setting.auto_ocr'")
        .pluck()
        .get(),
    ).toBe('0');
  });

  it('shows why a page failed, and "Thử lại" reads it again', async () => {
    const id = docIdOf('tb-52.pdf');
    // A time limit no page can meet: the page fails as a too-slow one does, honestly, in the engine.
    const failedRun = await runOcrQueue(host.service.vankho.archive, { workers: 1, pageTimeoutMs: 1 });
    expect(failedRun).toMatchObject({ total: 1, done: 0, failed: 1 });
    const failed = await call<OcrSummaryDto>('ocrSummary', { documentId: id });
    expect(failed).toMatchObject({ pending: 0, done: 0, failed: 1 });
    expect(failed.pages[0]?.error?.code).toBe('OCR_TIMEOUT');
    expect(failed.pages[0]?.error?.message.vi).toMatch(/\p{L}/u);
    expect(
      (await call<SearchResponse>('search', { query: 'ket luan giao ban' })).hits.map((h) => h.id),
    ).not.toContain(id);

    // A reader may look but not requeue.
    const reader: RequestContext = {
      actor: { id: 'r', kind: 'account', displayName: 'R', role: 'reader', readable: ['cong-khai'] },
      signal: new AbortController().signal,
    };
    const asReader = await host.dispatch('ocrRetry', { documentId: id }, reader);
    expect(asReader.ok ? null : asReader.error.code).toBe('FORBIDDEN');
    expect(await call<OcrSummaryDto>('ocrSummary', { documentId: id })).toMatchObject({ failed: 1 });

    const retry = await call<OcrRetryDto>('ocrRetry', { documentId: id });
    expect(retry.requeued).toBe(1);
    expect(retry.jobId).not.toBeNull();
    const end = await host.jobs.wait(retry.jobId!);
    expect(end?.state).toBe('done');
    const after = await call<OcrSummaryDto>('ocrSummary', { documentId: id });
    expect(after).toMatchObject({ pending: 0, done: 1, failed: 0 });
    expect(after.pages[0]?.error).toBeNull();
    expect((await call<SearchResponse>('search', { query: 'ket luan giao ban' })).hits[0]?.id).toBe(id);
    // The document's text is no longer marked as partly failed.
    const doc = await call<{ textStatus: string }>('documentGet', { documentId: id });
    expect(doc.textStatus).toBe('ok');

    // Nothing failed any more: nothing to requeue, no job.
    expect(await call<OcrRetryDto>('ocrRetry', { documentId: id })).toEqual({ requeued: 0, jobId: null });
    expect(await refused('ocrRetry', { documentId: 999_999 })).toBe('NOT_FOUND');
  });
});
