// `vankho ocr [ids…|--all|--pending] [--lang vie+eng]`: runs the archive's OCR queue as the app's
// OCR job (ocrStart), with a progress bar on a terminal and one line per page (both from the job's
// progress). ids: those documents' scanned pages (again, if done before); --all: every document
// with pages needing OCR, queued if filed before OCR existed; --pending: the queue as it is.
// Exit 1 when a page failed, 7 for an unknown id, 8 when cancelled (Ctrl+C: the pages done stay
// done, the others stay queued for the next run). The pages to review (low confidence or a caveat)
// are named on their lines and in the closing lines; with --json in `review`.
// `vankho ocr --pause` / `--resume`: the app's "Tạm dừng OCR" / "Tiếp tục" through the contract
// (ocrPause, ocrResume); a paused queue refuses every run (OCR_PAUSED, exit 2) until resumed, and
// --resume reads the waiting pages as the app's button does.
import type { Command } from 'commander';
import { DEFAULT_OCR_DPI, OCR_LANGS } from '../../contract/api/ocr-api.js';
import type { OcrPageEndDto, OcrProgressDto, OcrResultDto } from '../../contract/dto.js';
import { appError } from '../../contract/errors.js';
import { VanKhoError } from '../../core/errors/vankho-error.js';
import { withApp } from '../cli-app.js';
import { formatError, isJson, printJson, printLine, usageError } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { progressDrawer } from './export.js';
import { parseDocumentId } from './parse-id.js';

function progressText(p: OcrProgressDto): string {
  const barWidth = 24;
  const finished = p.done + p.failed;
  const filled = Math.round((p.total > 0 ? finished / p.total : 0) * barWidth);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`;
  const current =
    p.currentDocumentId !== null
      ? `#${p.currentDocumentId} ${p.currentName ?? ''} tr./p. ${p.currentPage}`
      : '';
  return `${bar} ${finished}/${p.total} trang/pages  ${current}`;
}

const REVIEW = 'cần rà soát / needs review';

function pageLines(p: OcrPageEndDto): string[] {
  const where = `#${p.documentId} ${p.name} tr./p. ${p.pageNo}`;
  // A page to review says so, and why when it has a caveat, as the document screen's OCR panel does.
  const line = p.ok
    ? `  + ${where}: độ tin cậy / confidence ${p.confidence ?? 0}` +
      (p.review ? ` — ${REVIEW}${p.error ? `: ${formatError(p.error)}` : ''}` : '')
    : `  x ${where}: ${p.error ? formatError(p.error) : ''}`;
  return p.documentCompleted
    ? [line, `  = #${p.documentId}: xong OCR văn bản / document OCR finished`]
    : [line];
}

function summary(r: OcrResultDto): string {
  return (
    `Đã nhận dạng ${r.done}/${r.total} trang, lỗi ${r.failed}, xong ${r.completedDocuments.length} văn bản, còn chờ ${r.pendingLeft} trang` +
    ` / recognised ${r.done}/${r.total} pages, failed ${r.failed}, ${r.completedDocuments.length} documents completed, ${r.pendingLeft} pages still queued`
  );
}

const LOW = 'độ tin cậy thấp / low confidence';

/**
 * The pages to review (the queue's `review`: low confidence or a caveat), for the closing lines (the
 * page lines may have scrolled away, and a resumed run prints none): one line per reason, naming its
 * pages.
 */
function reviewLines(pages: readonly OcrPageEndDto[]): string[] {
  const byReason = new Map<string, { why: string; where: string[] }>();
  for (const p of pages) {
    const key = p.error?.code ?? '';
    const group = byReason.get(key) ?? { why: p.error ? formatError(p.error) : LOW, where: [] };
    group.where.push(`#${p.documentId} tr./p. ${p.pageNo}`);
    byReason.set(key, group);
  }
  return [...byReason.values()].map((g) => `Cần rà soát / Needs review: ${g.where.join(', ')} — ${g.why}`);
}

/** `--json`'s `review`: the pages read this run that need a person's look, with their caveat (or null). */
function reviewJson(pages: readonly OcrPageEndDto[]) {
  return pages.map(({ documentId, name, pageNo, confidence, error }) => ({
    documentId,
    name,
    pageNo,
    confidence,
    error,
  }));
}

interface OcrCliOptions {
  all?: boolean;
  pending?: boolean;
  pause?: boolean;
  resume?: boolean;
  lang: string;
  workers?: string;
  dpi: string;
  timeout: string;
}

export function registerOcrCommand(program: Command): void {
  program
    .command('ocr')
    .description(
      'nhận dạng chữ (OCR) các trang scan: văn bản đã chọn, mọi văn bản (--all) hoặc hàng đợi (--pending) / ' +
        'recognise the text of scanned pages: the given documents, every document (--all) or the queue (--pending)',
    )
    .argument('[ids...]', 'mã văn bản / document ids')
    .option('--all', 'mọi văn bản có trang cần OCR / every document with pages needing OCR')
    .option('--pending', 'chỉ chạy hàng đợi hiện có / run the queue as it is')
    .option(
      '--pause',
      'tạm dừng hàng đợi OCR (kể cả sau khi khởi động lại) / pause the OCR queue (across restarts)',
    )
    .option(
      '--resume',
      'tiếp tục hàng đợi OCR và đọc các trang đang chờ / resume the OCR queue and read what waits',
    )
    .option('--lang <langs>', `ngôn ngữ nhận dạng / languages: ${OCR_LANGS.join(', ')}`, 'vie')
    .option(
      '--workers <n>',
      'số luồng OCR (mặc định: số nhân CPU trừ một) / OCR worker threads (default: the CPU cores but one)',
    )
    .option(
      '--dpi <n>',
      'độ phân giải khi chuyển trang PDF thành ảnh / PDF rasterising resolution',
      String(DEFAULT_OCR_DPI),
    )
    .option('--timeout <seconds>', 'thời gian tối đa mỗi trang / time limit per page', '120')
    .action(async (idArgs: string[], opts: OcrCliOptions, cmd: Command) => {
      const modes = [idArgs.length > 0, opts.all, opts.pending, opts.pause, opts.resume].filter(
        Boolean,
      ).length;
      if (modes !== 1)
        throw usageError('give document ids, --all, --pending, --pause or --resume (one of them)');
      if (opts.pause) return pauseQueue(cmd);
      if (opts.resume) return resumeQueue(cmd);
      const ids = idArgs.map(parseDocumentId);
      const langs = OCR_LANGS.find((l) => l === opts.lang.trim().toLowerCase());
      if (!langs) throw usageError(`--lang must be one of ${OCR_LANGS.join(', ')}: "${opts.lang}"`);
      const workers = opts.workers === undefined ? undefined : Number(opts.workers);
      if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 32))
        throw usageError('--workers must be a whole number from 1 to 32');
      const dpi = Number(opts.dpi);
      if (!(Number.isInteger(dpi) && dpi >= 72 && dpi <= 600))
        throw usageError('--dpi must be a whole number between 72 and 600');
      const timeout = Number(opts.timeout);
      if (!(timeout > 0)) throw usageError('--timeout must be a positive number');
      const json = isJson(cmd);
      await withApp(cmd, async (app) => {
        // As the app's start: nothing is queued or read while the archive's queue is paused; the
        // message names the command that resumes it.
        if ((await app.call('ocrPending', {})).paused)
          throw new VanKhoError(appError('OCR_PAUSED', 'vankho ocr --resume'));
        const { jobId } = await app.call('ocrStart', {
          ...(ids.length > 0 ? { documentIds: ids, again: true as const } : {}),
          ...(opts.all ? { all: true as const } : {}),
          langs,
          dpi,
          timeoutSeconds: timeout,
          ...(workers !== undefined ? { workers } : {}),
        });
        const tty = !json && process.stderr.isTTY === true;
        const draw = progressDrawer(tty);
        const toReview: OcrPageEndDto[] = [];
        let end;
        try {
          end = await app.waitJob(jobId, {
            onProgress: (progress) => {
              const p = progress as OcrProgressDto;
              if (p.page?.review) toReview.push(p.page);
              if (p.page && !json) {
                if (tty) process.stderr.write('\r\u001b[K');
                for (const l of pageLines(p.page)) printLine(l);
              }
              draw(progressText(p), p.done + p.failed === p.total);
            },
          });
        } finally {
          if (tty) process.stderr.write('\n');
        }
        if (end.error) throw new VanKhoError(end.error);
        const report = end.result as OcrResultDto | null;
        // Cancelled before its first page: nothing was read.
        if (!report) return EXIT.CANCELLED;
        if (json)
          printJson({
            ok: report.failed === 0 && !report.cancelled,
            ...report,
            review: reviewJson(toReview),
          });
        else {
          printLine();
          printLine(summary(report));
          for (const l of reviewLines(toReview)) printLine(l);
          if (report.cancelled)
            printLine(
              'Đã hủy; các trang đã xong vẫn được giữ, các trang còn lại chờ lần chạy sau / ' +
                'cancelled; pages done are kept, the others wait for the next run',
            );
        }
        if (report.cancelled) return EXIT.CANCELLED;
        return report.failed > 0 ? EXIT.PARTIAL : EXIT.OK;
      });
    });
}

async function pauseQueue(cmd: Command): Promise<void> {
  await withApp(cmd, async (app) => {
    const r = await app.call('ocrPause', {});
    if (isJson(cmd)) printJson({ ok: true, ...r });
    else
      printLine(
        'Đã tạm dừng hàng đợi OCR; các trang chờ được giữ đến khi chạy `vankho ocr --resume` / ' +
          'OCR queue paused; waiting pages are kept until `vankho ocr --resume`',
      );
    return EXIT.OK;
  });
}

/** Resumes the queue and waits for the OCR job it starts, with the job's progress bar. */
async function resumeQueue(cmd: Command): Promise<void> {
  const json = isJson(cmd);
  await withApp(cmd, async (app) => {
    const { jobId } = await app.call('ocrResume', {});
    if (jobId === null) {
      if (json) printJson({ ok: true, paused: false, jobId: null });
      else printLine('Đã tiếp tục hàng đợi OCR; không có trang nào chờ / OCR queue resumed; no page waits');
      return EXIT.OK;
    }
    const tty = !json && process.stderr.isTTY === true;
    const draw = progressDrawer(tty);
    const toReview: OcrPageEndDto[] = [];
    const end = await app.waitJob(jobId, {
      onProgress: (p) => {
        const q = p as OcrProgressDto;
        if (q.page?.review) toReview.push(q.page);
        draw(`${q.done + q.failed}/${q.total} trang/pages`, q.done + q.failed === q.total);
      },
    });
    if (tty) process.stderr.write('\n');
    if (end.error) throw new VanKhoError(end.error);
    const report = end.result as OcrResultDto | null;
    if (json)
      printJson({
        ok: end.state === 'done' && (report?.failed ?? 0) === 0,
        jobId,
        state: end.state,
        result: report,
        review: reviewJson(toReview),
      });
    else if (report) {
      printLine(summary(report));
      for (const l of reviewLines(toReview)) printLine(l);
    }
    if (end.state === 'cancelled') return EXIT.CANCELLED;
    return report && report.failed > 0 ? EXIT.PARTIAL : EXIT.OK;
  });
}
