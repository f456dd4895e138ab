// `vankho ocr [ids…|--all|--pending] [--lang vie+eng]`: runs the archive's OCR queue (the same
// queue the app runs in the background) with a progress bar on a terminal and one line per page.
// ids: those documents' scanned pages (again, if done before); --all: every document with pages
// needing OCR, queued if they were filed before OCR existed, failed pages retried; --pending: the
// queue as it is. Exit 1 when a page failed, 7 for an unknown id, 8 when cancelled (Ctrl+C: the
// pages done stay done, the others stay queued for the next run).
import type { Command } from 'commander';
import { selectDocuments } from '../../core/ingest/reextract.js';
import { defaultOcrWorkers } from '../../core/ocr/ocr-pool.js';
import {
  DEFAULT_OCR_DPI,
  runOcrQueue,
  type OcrPageOutcome,
  type OcrProgress,
  type OcrRunReport,
} from '../../core/ocr/ocr-queue.js';
import { parseOcrLanguages } from '../../core/ocr/ocr-paths.js';
import { documentsNeedingOcr, enqueueDocuments } from '../../core/ocr/ocr-store.js';
import { formatError, isJson, printJson, printLine, usageError, withArchive } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { progressDrawer, withSigint } from './export.js';
import { parseDocumentId } from './parse-id.js';

function progressText(p: OcrProgress): string {
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

function pageLines(p: OcrPageOutcome): string[] {
  const where = `#${p.documentId} ${p.name} tr./p. ${p.pageNo}`;
  const line = p.ok
    ? `  + ${where}: độ tin cậy / confidence ${p.confidence ?? 0}`
    : `  x ${where}: ${p.error ? formatError(p.error) : ''}`;
  return p.documentCompleted
    ? [line, `  = #${p.documentId}: xong OCR văn bản / document OCR finished`]
    : [line];
}

function summary(r: OcrRunReport): string {
  return (
    `Đã nhận dạng ${r.done}/${r.total} trang, lỗi ${r.failed}, xong ${r.completedDocuments.length} văn bản, còn chờ ${r.pendingLeft} trang` +
    ` / recognised ${r.done}/${r.total} pages, failed ${r.failed}, ${r.completedDocuments.length} documents completed, ${r.pendingLeft} pages still queued`
  );
}

interface OcrCliOptions {
  all?: boolean;
  pending?: boolean;
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
    .option('--lang <langs>', 'ngôn ngữ nhận dạng: vie hoặc vie+eng / languages: vie or vie+eng', 'vie')
    .option('--workers <n>', `số luồng OCR (mặc định ${defaultOcrWorkers()}) / OCR worker threads`)
    .option(
      '--dpi <n>',
      'độ phân giải khi chuyển trang PDF thành ảnh / PDF rasterising resolution',
      String(DEFAULT_OCR_DPI),
    )
    .option('--timeout <seconds>', 'thời gian tối đa mỗi trang / time limit per page', '120')
    .action(async (idArgs: string[], opts: OcrCliOptions, cmd: Command) => {
      const modes = [idArgs.length > 0, opts.all === true, opts.pending === true].filter(Boolean).length;
      if (modes !== 1) throw usageError('give document ids, --all or --pending (one of them)');
      const ids = idArgs.map(parseDocumentId);
      parseOcrLanguages(opts.lang);
      const workers = opts.workers === undefined ? undefined : Number(opts.workers);
      if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1))
        throw usageError('--workers must be a whole number ≥ 1');
      const dpi = Number(opts.dpi);
      if (!(dpi >= 72 && dpi <= 600)) throw usageError('--dpi must be between 72 and 600');
      const timeout = Number(opts.timeout);
      if (!(timeout > 0)) throw usageError('--timeout must be a positive number');
      const json = isJson(cmd);
      await withArchive(cmd, {}, async (archive) => {
        let only: number[] | null = null;
        if (ids.length > 0) {
          only = selectDocuments(archive.db, ids);
          const docs = only;
          archive.write((db) => enqueueDocuments(db, docs, { rerun: true }));
        } else if (opts.all) {
          archive.write((db) => enqueueDocuments(db, documentsNeedingOcr(db)));
        }
        const tty = !json && process.stderr.isTTY === true;
        const draw = progressDrawer(tty);
        let report: OcrRunReport;
        try {
          report = await withSigint((signal) =>
            runOcrQueue(archive, {
              signal,
              langs: opts.lang,
              dpi,
              pageTimeoutMs: Math.round(timeout * 1000),
              ...(workers !== undefined ? { workers } : {}),
              ...(only ? { documentIds: only } : {}),
              onProgress: (p) => draw(progressText(p), p.done + p.failed === p.total),
              onPage: (p) => {
                if (json) return;
                if (tty) process.stderr.write('\r\u001b[K');
                for (const l of pageLines(p)) printLine(l);
              },
            }),
          );
        } finally {
          if (tty) process.stderr.write('\n');
        }
        if (json) printJson({ ok: report.failed === 0 && !report.cancelled, ...report });
        else {
          printLine();
          printLine(summary(report));
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
