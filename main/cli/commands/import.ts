// `vankho import <paths…>`: files and folders (recursive) into the archive, as the contract's import
// job (importPathsStart), with a progress bar on a terminal, a summary, and exit code 1 when any
// file failed (8 when cancelled with Ctrl+C). Its scans wait for `vankho ocr`.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type {
  DocumentDetail,
  ImportOutcomeDto,
  ImportProgressDto,
  ImportReportDto,
} from '../../contract/dto.js';
import { NO_TEXT_TERMS, bilingual } from '../../contract/glossary.js';
import { countStoredWithoutText } from '../../contract/no-text.js';
import { withApp, type CliApp } from '../cli-app.js';
import { drawStatusLine, formatError, isJson, printJson, printLine, usageError } from '../cli-context.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { formatBytes } from '../field-labels.js';
import { jobOutcome } from '../job-outcome.js';

/** What a line of an import's (or a recovery's) report says of a file. */
type OutcomeLine = Pick<ImportOutcomeDto, 'name' | 'outcome' | 'documentId' | 'error' | 'warning' | 'noText'>;

/** An import's (or a recovery's) report as printed. */
export type PrintedReport = Pick<
  ImportReportDto,
  'imported' | 'duplicates' | 'failed' | 'withWarnings' | 'cancelled'
> & { outcomes: readonly OutcomeLine[]; stoppedBy?: ImportReportDto['stoppedBy'] | null };

export function progressLine(
  p: Pick<ImportProgressDto, 'total' | 'done' | 'bytesDone' | 'bytesTotal' | 'currentName'>,
): string {
  const frac = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.total > 0 ? p.done / p.total : 0;
  const barWidth = 24;
  const filled = Math.round(frac * barWidth);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`;
  return `${bar} ${p.done}/${p.total} tệp/files  ${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)}  ${p.currentName ?? ''}`;
}

/**
 * Waits for an import or a recovery (both report files in ImportProgressDto), drawing the progress
 * line on a terminal. A cancelled job still reports the files finished before it.
 */
export async function waitFilesJob<R>(app: CliApp, jobId: string, tty: boolean): Promise<R> {
  let lastDraw = 0;
  let end;
  try {
    end = await app.waitJob(jobId, {
      onProgress: (progress) => {
        if (!tty) return;
        const p = progress as ImportProgressDto;
        const now = Date.now();
        if (p.done !== p.total && now - lastDraw < 100) return;
        lastDraw = now;
        drawStatusLine(progressLine(p));
      },
    });
  } finally {
    if (tty) process.stderr.write('\n');
  }
  return end.state === 'cancelled' && end.result ? (end.result as R) : jobOutcome<R>(end);
}

function outcomeLine(o: OutcomeLine): string {
  switch (o.outcome) {
    case 'imported': {
      // Stored without text: say why (scan waiting for OCR, format not read, encrypted PDF, …).
      const why = o.noText ? bilingual(NO_TEXT_TERMS[o.noText]) : null;
      if (o.warning)
        return `  ! #${o.documentId} ${o.name}: ${why ? `${why} — ` : ''}${formatError(o.warning)}`;
      return `  + #${o.documentId} ${o.name}${why ? ` — ${why}` : ''}`;
    }
    case 'duplicate':
      return `  = ${o.name}: đã có trong kho là #${o.documentId} / already in archive as #${o.documentId}`;
    case 'failed':
      return `  x ${o.name}: ${o.error ? formatError(o.error) : ''}`;
  }
}

export function printSummary(r: PrintedReport): void {
  for (const o of r.outcomes) printLine(outcomeLine(o));
  printLine();
  // Stored without text and without an error (scans, formats not read); errors count as warnings.
  const noText = countStoredWithoutText(r.outcomes);
  printLine(
    `Đã nhập ${r.imported}, trùng ${r.duplicates}, lỗi ${r.failed}` +
      (noText ? `, ${noText} chưa có chữ` : '') +
      (r.withWarnings ? `, ${r.withWarnings} chưa trích xuất được nội dung` : '') +
      ` / imported ${r.imported}, duplicates ${r.duplicates}, failed ${r.failed}` +
      (noText ? `, ${noText} without text` : '') +
      (r.withWarnings ? `, ${r.withWarnings} without extracted text` : ''),
  );
  if (r.cancelled)
    printLine('Đã hủy; các tệp đã nhập xong vẫn được giữ / cancelled; files already imported are kept');
  if (r.stoppedBy)
    printLine(
      `Đã dừng: ${r.stoppedBy.message.vi} Các tệp đã nhập xong ở trên vẫn được giữ. / ` +
        `stopped: ${r.stoppedBy.message.en} The files imported above are kept.`,
    );
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('nhập tệp và thư mục vào kho / import files and folders into the archive')
    .argument('<paths...>', 'tệp hoặc thư mục / files or folders')
    .option('--max-size <MB>', 'dung lượng tối đa mỗi tệp / size limit per file in MB', '512')
    .option(
      '--timeout <seconds>',
      'thời gian trích xuất tối đa mỗi tệp / extraction time limit per file',
      '60',
    )
    .action(async (paths: string[], opts: { maxSize: string; timeout: string }, cmd: Command) => {
      const maxMb = Number(opts.maxSize);
      const timeout = Number(opts.timeout);
      if (!(maxMb > 0) || !(timeout > 0))
        throw usageError('--max-size and --timeout must be positive numbers');
      const json = isJson(cmd);
      const sources = paths.map((p) => resolve(p));
      await withApp(
        cmd,
        async (app) => {
          const tty = !json && process.stderr.isTTY === true;
          const { jobId } = await app.call('importPathsStart', {
            paths: sources,
            maxFileBytes: Math.round(maxMb * 1024 * 1024),
            timeoutSeconds: timeout,
          });
          const report = await waitFilesJob<ImportReportDto>(app, jobId, tty);
          if (json) {
            const ids = [
              ...new Set(report.outcomes.map((o) => o.documentId).filter((x): x is number => x !== null)),
            ];
            const documents: DocumentDetail[] = [];
            for (const documentId of ids) documents.push(await app.call('documentGet', { documentId }));
            printJson({
              ok: report.failed === 0 && !report.cancelled && !report.stoppedBy,
              ...report,
              // The sources as the core's report gave them, beside each outcome.
              outcomes: report.outcomes.map(({ source, ...o }) => ({ ...o, ...source })),
              ...(report.stoppedBy ? { error: report.stoppedBy } : {}),
              documents,
            });
          } else {
            printSummary(report);
            const info = await app.call('archiveInfo', {});
            if (info) printLine(`Kho / archive: ${info.dir} (${info.documentCount} văn bản / documents)`);
          }
          if (report.stoppedBy) return exitCodeFor(report.stoppedBy.code);
          if (report.cancelled) return EXIT.CANCELLED;
          return report.failed > 0 ? EXIT.PARTIAL : EXIT.OK;
        },
        { create: true },
      );
    });
}
