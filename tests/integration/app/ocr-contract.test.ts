// OCR through the contract (issue 11 wired into the app): a scanned PDF filed through an import job
// waits for OCR (ocrPending), ocrStart runs the queue as a recorded job with ocrProgress events, a
// second start joins the running job, and afterwards the scan is found by its words and its number,
// its summary says what was read, and the job is listed with who started it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDto, OcrResultDto, OcrSummaryDto } from '../../../main/contract/dto.js';
import type { AppEvent, JobFinishedEvent } from '../../../main/contract/events.js';
import type { SearchResponse } from '../../../main/contract/search-types.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { decisionLines, makeScannedPdf, renderScan } from '../../helpers/make-scan.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const SCAN = decisionLines({
  number: '27/2025/QĐ-UBND',
  title: 'Về việc ban hành Quy định chỉnh lý tài liệu lưu trữ giấy',
  body: [
    'Điều 1. Ban hành kèm theo Quyết định này Quy định chỉnh lý tài liệu.',
    'Điều 2. Hiệu lực từ ngày ký.',
  ],
});

describe('OCR through the contract', { timeout: 240_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  let scanId: number;
  async function call<T>(method: string, input: unknown): Promise<T> {
    const r = await host.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
    return r.value as T;
  }
  const ended = (jobId: string): Promise<JobFinishedEvent> =>
    new Promise((resolve) => {
      const off = host.events.subscribe((e: AppEvent) => {
        if (e.type === 'jobFinished' && e.jobId === jobId) {
          off();
          resolve(e);
        }
      });
    });

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-ocr-app-');
    const src = join(tmp.dir, 'qd-27-scan.pdf');
    writeFileSync(src, await makeScannedPdf([renderScan(SCAN, { format: 'jpeg' })]));
    host = await startAppHost({ host: 'web', archiveDir: join(tmp.dir, 'kho'), create: true });
    const job = await host.jobs.wait(host.service.startImport([src]));
    expect(job?.state).toBe('done');
    scanId = host.service.vankho.archive.db.prepare('SELECT id FROM documents').pluck().get() as number;
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('waits, runs as a job, and the scan becomes searchable', async () => {
    expect(await call('ocrPending', {})).toEqual({ pages: 1, documents: 1 });
    const before = await call<SearchResponse>('search', { query: 'chinh ly tai lieu' });
    expect(before.hits.map((h) => h.id)).not.toContain(scanId);

    const progress: number[] = [];
    const off = host.events.subscribe((e) => e.type === 'ocrProgress' && progress.push(e.progress.total));
    const { jobId } = await call<{ jobId: string }>('ocrStart', {});
    // A second start while it runs joins it rather than reading the pages twice.
    expect((await call<{ jobId: string }>('ocrStart', {})).jobId).toBe(jobId);
    const end = await ended(jobId);
    off();
    expect(end.state).toBe('done');
    const result = end.result as OcrResultDto;
    expect(result).toMatchObject({
      total: 1,
      done: 1,
      failed: 0,
      completedDocuments: [scanId],
      pendingLeft: 0,
    });
    expect(progress).toContain(1);

    expect(await call('ocrPending', {})).toEqual({ pages: 0, documents: 0 });
    const summary = await call<OcrSummaryDto>('ocrSummary', { documentId: scanId });
    expect(summary).toMatchObject({ pending: 0, done: 1, failed: 0 });
    expect(summary.meanConfidence).toBeGreaterThan(70);
    for (const q of ['chỉnh lý tài liệu lưu trữ', 'chinh ly tai lieu luu tru', '27/2025/qd-ubnd'])
      expect((await call<SearchResponse>('search', { query: q })).hits[0]?.id, q).toBe(scanId);

    const jobs = await call<JobDto[]>('jobsList', {});
    expect(jobs.find((j) => j.jobId === jobId)).toMatchObject({ kind: 'ocr', state: 'done', actor: 'local' });
  });

  it('refuses unknown documents', async () => {
    const r = await host.dispatch('ocrStart', { documentIds: [999_999] });
    expect(r.ok ? null : r.error.code).toBe('NOT_FOUND');
    const s = await host.dispatch('ocrSummary', { documentId: 999_999 });
    expect(s.ok ? null : s.error.code).toBe('NOT_FOUND');
  });
});
