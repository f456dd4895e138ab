// OCR through the contract (issue 11 wired into the app): a scanned PDF filed through an import job
// waits for OCR (ocrPending), ocrStart runs the queue as a recorded job with jobProgress events, a
// second start joins the running job, and afterwards the scan is found by its words and its number,
// its summary says what was read, and the job is listed with who started it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDto, OcrPageWordsDto, OcrResultDto, OcrSummaryDto } from '../../../main/contract/dto.js';
import { fold } from '../../../main/contract/fold-text.js';
import type { JobFinishedEvent } from '../../../main/contract/events.js';
import type { RequestContext } from '../../../main/contract/request-context.js';
import type { SearchResponse } from '../../../main/contract/search-types.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { decisionLines, makeScannedPdf, renderScan } from '../../helpers/make-scan.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';
import { jobFinished } from '../../helpers/dispatch.js';

/** A word as the search compares it: folded, without the punctuation around it. */
const bare = (w: string): string => fold(w).replace(/[^\p{L}\p{N}]/gu, '');

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
  const ended = (jobId: string): Promise<JobFinishedEvent> => jobFinished(host.events, jobId);

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-ocr-app-');
    const src = join(tmp.dir, 'qd-27-scan.pdf');
    writeFileSync(src, await makeScannedPdf([renderScan(SCAN, { format: 'jpeg' })]));
    host = await startAppHost({ host: 'web', archiveDir: join(tmp.dir, 'kho'), create: true });
    // This test starts OCR itself (ocr-retry-auto.test.ts covers the reading after import).
    await call('ocrSettingsSet', { autoOcr: false });
    const job = await host.jobs.wait(host.service.startImport([src]));
    expect(job?.state).toBe('done');
    scanId = host.service.vankho.archive.db.prepare('SELECT id FROM documents').pluck().get() as number;
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('waits, runs as a job, and the scan becomes searchable', async () => {
    expect(await call('ocrPending', {})).toEqual({ pages: 1, documents: 1, paused: false });
    const before = await call<SearchResponse>('search', { query: 'chinh ly tai lieu' });
    expect(before.hits.map((h) => h.id)).not.toContain(scanId);

    const progress: number[] = [];
    const off = host.events.subscribe(
      (e) => e.type === 'jobProgress' && e.kind === 'ocr' && progress.push(e.progress.total),
    );
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

    expect(await call('ocrPending', {})).toEqual({ pages: 0, documents: 0, paused: false });
    const summary = await call<OcrSummaryDto>('ocrSummary', { documentId: scanId });
    expect(summary).toMatchObject({ pending: 0, done: 1, failed: 0 });
    expect(summary.meanConfidence).toBeGreaterThan(70);
    for (const q of ['chỉnh lý tài liệu lưu trữ', 'chinh ly tai lieu luu tru', '27/2025/qd-ubnd'])
      expect((await call<SearchResponse>('search', { query: q })).hits[0]?.id, q).toBe(scanId);

    const jobs = await call<JobDto[]>('jobsList', {});
    expect(jobs.find((j) => j.jobId === jobId)).toMatchObject({ kind: 'ocr', state: 'done', actor: 'local' });
  });

  it('gives the scan viewer the words of a page with boxes and confidence', async () => {
    const fileId = host.service.vankho.archive.db
      .prepare('SELECT id FROM files WHERE document_id = ?')
      .pluck()
      .get(scanId) as number;
    const page = await call<OcrPageWordsDto>('ocrPageWords', { fileId, page: 1 });
    expect(page).toMatchObject({ fileId, pageNo: 1, state: 'done', truncated: false });
    expect(page.confidence).toBeGreaterThan(70);
    const folded = page.words.map((w) => bare(w.text));
    for (const w of ['chinh', 'ly', 'tai', 'lieu', 'luu', 'tru']) expect(folded, w).toContain(w);
    for (const w of page.words) {
      const [l, t, r, b] = w.box;
      expect(0 <= l && l < r && r <= 1 && 0 <= t && t < b && b <= 1, JSON.stringify(w)).toBe(true);
      expect(w.conf).toBeGreaterThanOrEqual(0);
      expect(w.conf).toBeLessThanOrEqual(100);
    }
    // Reading order: the title line's words follow one another on one line, left to right.
    const i = folded.indexOf('chinh');
    const [chinh, ly] = [page.words[i]!, page.words[i + 1]!];
    expect(folded[i + 1]).toBe('ly');
    expect(ly.box[0]).toBeGreaterThan(chinh.box[2] - 0.001);
    expect(Math.abs(ly.box[1] - chinh.box[1])).toBeLessThan(0.02);

    // A page that was never queued, and a file that does not exist.
    expect(await call<OcrPageWordsDto>('ocrPageWords', { fileId, page: 2 })).toMatchObject({
      state: 'none',
      words: [],
    });
    const missing = await host.dispatch('ocrPageWords', { fileId: 999_999, page: 1 });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');

    // A reader cleared only for công khai gets nothing of a mật scan: its words look like no file.
    const reader: RequestContext = {
      actor: { id: 'r', kind: 'account', displayName: 'R', role: 'reader', readable: ['cong-khai'] },
      signal: new AbortController().signal,
    };
    const asReader = (method: string, input: unknown) => host.dispatch(method, input, reader);
    expect((await asReader('ocrPageWords', { fileId, page: 1 })).ok).toBe(true);
    await call('documentUpdate', { documentId: scanId, fields: { access: 'mat' } });
    for (const [method, input] of [
      ['ocrPageWords', { fileId, page: 1 }],
      ['ocrSummary', { documentId: scanId }],
    ] as const) {
      const r = await asReader(method, input);
      expect(r.ok ? null : r.error.code, method).toBe('NOT_FOUND');
    }
    await call('documentUpdate', { documentId: scanId, fields: { access: 'cong-khai' } });
  });

  it('keeps the recognised pages through the trash and back', async () => {
    const before = await call<OcrSummaryDto>('ocrSummary', { documentId: scanId });
    const { trashId } = await call<{ trashId: number }>('documentDelete', { documentId: scanId });
    const { documentIds } = await call<{ documentIds: number[] }>('trashRestore', { trashIds: [trashId] });
    const id = documentIds[0]!;
    const after = await call<OcrSummaryDto>('ocrSummary', { documentId: id });
    expect(after).toMatchObject({ done: 1, pending: 0, meanConfidence: before.meanConfidence });
    const fileId = after.pages[0]!.fileId;
    const page = await call<OcrPageWordsDto>('ocrPageWords', { fileId, page: 1 });
    expect(page.words.map((w) => bare(w.text))).toContain('chinh');
    // Nothing is queued again: the restored scan is not read a second time.
    expect(await call('ocrPending', {})).toEqual({ pages: 0, documents: 0, paused: false });
    expect((await call<SearchResponse>('search', { query: 'chinh ly tai lieu' })).hits[0]?.id).toBe(id);
  });

  it('reads a document again when asked (again), and queues what needs OCR only where the caller reads (all)', async () => {
    const db = host.service.vankho.archive.db;
    // The scan, as restored from the trash by the test before.
    const id = db.prepare('SELECT id FROM documents').pluck().get() as number;
    const fileId = db.prepare('SELECT id FROM files WHERE document_id = ?').pluck().get(id) as number;
    const pages: unknown[] = [];
    const off = host.events.subscribe((e) => {
      if (e.type === 'jobProgress' && e.kind === 'ocr' && e.progress.page) pages.push(e.progress.page);
    });
    const run = async (input: unknown, ctx?: RequestContext): Promise<OcrResultDto> => {
      const r = await host.dispatch('ocrStart', input, ctx);
      if (!r.ok) throw new Error(`ocrStart: ${r.error.code}`);
      const end = await ended((r.value as { jobId: string }).jobId);
      expect(end.state).toBe('done');
      return end.result as OcrResultDto;
    };
    // Read before, so without `again` there is nothing to read.
    expect(await run({ documentIds: [id] })).toMatchObject({ total: 0, done: 0 });
    expect(await run({ documentIds: [id], again: true, dpi: 200, workers: 1 })).toMatchObject({
      total: 1,
      done: 1,
      failed: 0,
      completedDocuments: [id],
    });
    // Each page's end travels on the progress (the CLI prints a line per page from it).
    expect(pages).toEqual([
      expect.objectContaining({ documentId: id, pageNo: 1, ok: true, error: null, documentCompleted: true }),
    ]);

    // As filed before OCR existed: a scanned page with no text and no queue row.
    host.service.vankho.archive.write((db) => {
      db.prepare('DELETE FROM ocr_pages WHERE file_id = ?').run(fileId);
      db.prepare("UPDATE pages SET text = '' WHERE file_id = ?").run(fileId);
    });
    const clerk: RequestContext = {
      actor: { id: 'c', kind: 'account', displayName: 'C', role: 'archivist', readable: ['cong-khai'] },
      signal: new AbortController().signal,
    };
    await call('documentUpdate', { documentId: id, fields: { access: 'mat' } });
    expect(await run({ all: true }, clerk)).toMatchObject({ total: 0 });
    expect(await call('ocrPending', {})).toMatchObject({ pages: 0 });
    await call('documentUpdate', { documentId: id, fields: { access: 'cong-khai' } });

    // Paused: nothing is queued, nothing read.
    await call('ocrPause', {});
    const paused = await host.dispatch('ocrStart', { all: true });
    expect(paused.ok ? null : paused.error.code).toBe('OCR_PAUSED');
    expect(await call('ocrPending', {})).toEqual({ pages: 0, documents: 0, paused: true });
    expect(await call('ocrResume', {})).toEqual({ paused: false, jobId: null });

    expect(await run({ all: true })).toMatchObject({ total: 1, done: 1, completedDocuments: [id] });
    off();
    expect((await call<SearchResponse>('search', { query: 'chinh ly tai lieu' })).hits[0]?.id).toBe(id);

    for (const input of [{ again: true }, { all: true, documentIds: [id] }]) {
      const r = await host.dispatch('ocrStart', input);
      expect(r.ok ? null : r.error.code, JSON.stringify(input)).toBe('INVALID_INPUT');
    }
  });

  it('refuses unknown documents', async () => {
    const r = await host.dispatch('ocrStart', { documentIds: [999_999] });
    expect(r.ok ? null : r.error.code).toBe('NOT_FOUND');
    const s = await host.dispatch('ocrSummary', { documentId: 999_999 });
    expect(s.ok ? null : s.error.code).toBe('NOT_FOUND');
  });
});
