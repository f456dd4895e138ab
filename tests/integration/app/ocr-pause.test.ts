// Pausing the OCR queue ("Tạm dừng OCR" / "Tiếp tục") on a real archive with scans made here and
// the real engine. A pause set while a run reads (here by "another process": the setting written
// straight into the archive) lets the page in flight finish and starts no other; ocrPause through the
// contract stops a running job at once, its page in flight waiting again, nothing failed. While
// paused nothing starts: not ocrStart, not the OCR after an import, not `vankho ocr`. The pause
// lives in the archive: after a restart it still holds, and `vankho ocr --resume` reads the rest.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import type {
  JobDto,
  OcrPauseDto,
  OcrPendingDto,
  OcrResultDto,
  OcrResumeDto,
  OcrSummaryDto,
} from '../../../main/contract/dto.js';
import type { SearchResponse } from '../../../main/contract/search-types.js';
import { openArchive } from '../../../main/core/archive/archive.js';
import { checkArchive } from '../../../main/core/archive/check-archive.js';
import { ocrPaused, runOcrQueue, setOcrPaused } from '../../../main/core/ocr/ocr-queue.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { dispatcher, jobFinished } from '../../helpers/dispatch.js';
import { decisionLines, makeScannedPdf, renderScan } from '../../helpers/make-scan.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const SCANS = [
  { name: 'qd-61.pdf', number: '61/2025/QĐ-UBND', title: 'Về việc kiện toàn tổ lưu trữ cơ quan' },
  { name: 'qd-62.pdf', number: '62/2025/QĐ-UBND', title: 'Về việc tiêu hủy tài liệu hết giá trị' },
  { name: 'tb-63.pdf', number: '63/TB-VP', title: 'Thông báo lịch kiểm kê kho lưu trữ' },
  { name: 'kh-64.pdf', number: '64/KH-UBND', title: 'Kế hoạch số hóa sổ đăng ký văn bản đến' },
];

const scanOf = (number: string, title: string): Promise<Buffer> =>
  makeScannedPdf([
    renderScan(decisionLines({ number, title, body: ['Điều 1. Quyết định có hiệu lực kể từ ngày ký.'] }), {
      format: 'jpeg',
    }),
  ]);

describe('pausing the OCR queue', { timeout: 400_000 }, () => {
  let tmp: TempDir;
  let dir: string;
  let host: AppHost;
  const { call, refused } = dispatcher(() => host);
  const states = (): string[] =>
    host.service.vankho.archive.db
      .prepare('SELECT state FROM ocr_pages ORDER BY file_id, page_no')
      .pluck()
      .all() as string[];
  const ocrJobs = (): JobDto[] => host.jobs.list().filter((j) => j.kind === 'ocr');
  const importScan = async (s: (typeof SCANS)[number]): Promise<void> => {
    const path = join(tmp.dir, s.name);
    writeFileSync(path, await scanOf(s.number, s.title));
    const job = await host.jobs.wait(host.service.startImport([path]));
    expect(job?.state).toBe('done');
  };

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-ocr-pause-');
    dir = join(tmp.dir, 'kho');
    host = await startAppHost({ host: 'web', archiveDir: dir, create: true });
    await call('ocrSettingsSet', { autoOcr: false });
    for (const s of SCANS.slice(0, 3)) await importScan(s);
    expect(states()).toEqual(['pending', 'pending', 'pending']);
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('a pause seen between pages: the page read is kept, no other starts', async () => {
    const archive = host.service.vankho.archive;
    const run = await runOcrQueue(archive, {
      workers: 1,
      dpi: 150,
      // As another process pausing the archive's queue: only the setting tells this run.
      onProgress: (p) => {
        if (p.page) archive.write((db) => setOcrPaused(db, true));
      },
    });
    expect(run).toMatchObject({
      total: 3,
      done: 1,
      failed: 0,
      cancelled: false,
      paused: true,
      pendingLeft: 2,
    });
    expect(states()).toEqual(['done', 'pending', 'pending']);
    // A run started while paused reads nothing.
    const again = await runOcrQueue(archive, { workers: 1, dpi: 150 });
    expect(again).toMatchObject({ total: 2, done: 0, failed: 0, paused: true, pendingLeft: 2 });
    expect(states()).toEqual(['done', 'pending', 'pending']);
    expect(await call<OcrPendingDto>('ocrPending', {})).toEqual({ pages: 2, documents: 2, paused: true });
    expect(await refused('ocrStart', {})).toBe('OCR_PAUSED');
    expect(ocrJobs()).toHaveLength(0);
  });

  it('ocrPause stops a running job at once; the page in flight waits again', async () => {
    const resumed = await call<OcrResumeDto>('ocrResume', {});
    expect(resumed.paused).toBe(false);
    expect(resumed.jobId).not.toBeNull();
    const jobId = resumed.jobId!;
    const finished = jobFinished(host.events, jobId);
    // Pause as soon as a page is being read (the progress names it).
    const paused = new Promise<OcrPauseDto>((resolve, reject) => {
      const off = host.events.subscribe((e) => {
        if (
          e.type === 'jobProgress' &&
          e.kind === 'ocr' &&
          e.jobId === jobId &&
          e.progress.currentPage !== null
        ) {
          off();
          call<OcrPauseDto>('ocrPause', {}).then(resolve, reject);
        }
      });
    });
    expect(await paused).toEqual({ paused: true, stopped: true });
    const end = await finished;
    expect(end.state).toBe('done');
    const result = end.result as OcrResultDto;
    expect(result).toMatchObject({ total: 2, failed: 0, paused: true, cancelled: false });
    // Abandoned, not failed: every page is read or waits, and the count says how many wait.
    expect(states().filter((s) => s === 'failed')).toEqual([]);
    expect(result.pendingLeft).toBeGreaterThanOrEqual(1);
    expect(states().filter((s) => s === 'pending')).toHaveLength(result.pendingLeft);
    expect((await call<OcrPendingDto>('ocrPending', {})).paused).toBe(true);
  });

  it('while paused, an import with OCR after import on leaves its scan waiting', async () => {
    await call('ocrSettingsSet', { autoOcr: true });
    const jobsBefore = ocrJobs().length;
    await importScan(SCANS[3]!);
    // Give a wrongly started job the time to appear.
    await new Promise((r) => setTimeout(r, 500));
    expect(ocrJobs()).toHaveLength(jobsBefore);
    const pending = await call<OcrPendingDto>('ocrPending', {});
    expect(pending.paused).toBe(true);
    expect(pending.pages).toBeGreaterThanOrEqual(2);
  });

  it('the pause survives a restart; `vankho ocr --resume` reads the rest', async () => {
    await host.stop();
    const cli = (...args: string[]) => runCliInProcess(['--archive', dir, ...args]);
    const a = openArchive(dir);
    try {
      expect(ocrPaused(a.db)).toBe(true);
    } finally {
      a.close();
    }
    const refusedRun = await cli('--json', 'ocr', '--pending');
    expect(refusedRun.code).toBe(EXIT.USAGE);
    expect((JSON.parse(refusedRun.stdout) as { error: { code: string } }).error.code).toBe('OCR_PAUSED');
    const human = await cli('ocr', '--pending');
    expect(human.stderr + human.stdout).toContain('vankho ocr --resume');
    // Pausing a paused queue is no error; then resumed, the waiting pages are read.
    expect((await cli('ocr', '--pause')).code).toBe(EXIT.OK);
    const resumed = await cli('--json', 'ocr', '--resume');
    expect(resumed.code, resumed.stderr).toBe(EXIT.OK);
    const out = JSON.parse(resumed.stdout) as { state: string; result: OcrResultDto };
    expect(out.state).toBe('done');
    expect(out.result).toMatchObject({ failed: 0, paused: false, pendingLeft: 0 });
    expect(out.result.done).toBeGreaterThanOrEqual(2);

    host = await startAppHost({ host: 'web', archiveDir: dir });
    expect(await call<OcrPendingDto>('ocrPending', {})).toEqual({ pages: 0, documents: 0, paused: false });
    const docs = host.service.vankho.archive.db.prepare('SELECT id FROM documents').pluck().all() as number[];
    for (const id of docs)
      expect(await call<OcrSummaryDto>('ocrSummary', { documentId: id })).toMatchObject({
        pending: 0,
        failed: 0,
      });
    const qd62 = host.service.vankho.archive.db
      .prepare("SELECT document_id FROM files WHERE original_name = 'qd-62.pdf'")
      .pluck()
      .get() as number;
    const hit = await call<SearchResponse>('search', { query: 'tieu huy tai lieu het gia tri' });
    expect(hit.hits[0]?.id).toBe(qd62);
    // Resuming a queue that is not paused, with nothing waiting: no job.
    expect(await call<OcrResumeDto>('ocrResume', {})).toEqual({ paused: false, jobId: null });
    await host.stop();
    const b = openArchive(dir);
    try {
      expect((await checkArchive(b, { full: true })).ok).toBe(true);
    } finally {
      b.close();
    }
    host = await startAppHost({ host: 'web', archiveDir: dir });
  });
});
