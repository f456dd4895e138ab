// `vankho import <paths…>`: files and folders (recursive) into the archive, with a progress bar on a
// terminal, a summary, and exit code 1 when any file failed (8 when cancelled with Ctrl+C).
import type { Command } from 'commander';
import { NO_TEXT_TERMS, bilingual } from '../../contract/glossary.js';
import { countStoredWithoutText } from '../../contract/no-text.js';
import { listDocuments, getDocument } from '../../core/archive/documents-repo.js';
import { importPaths } from '../../core/ingest/import-files.js';
import type { ImportOutcome, ImportProgress, ImportReport } from '../../core/ingest/import-types.js';
import {
  drawStatusLine,
  formatError,
  isJson,
  printJson,
  printLine,
  usageError,
  withArchive,
} from '../cli-context.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { formatBytes } from '../field-labels.js';

export function progressLine(p: ImportProgress): string {
  const frac = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.total > 0 ? p.done / p.total : 0;
  const barWidth = 24;
  const filled = Math.round(frac * barWidth);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`;
  return `${bar} ${p.done}/${p.total} tệp/files  ${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)}  ${p.currentName ?? ''}`;
}

function outcomeLine(o: ImportOutcome): string {
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

export function printSummary(r: ImportReport): void {
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
      await withArchive(cmd, { create: true }, async (archive) => {
        const ac = new AbortController();
        const onSigint = (): void => ac.abort();
        process.once('SIGINT', onSigint);
        const tty = !json && process.stderr.isTTY === true;
        let lastDraw = 0;
        const draw = (p: ImportProgress, force = false): void => {
          const now = Date.now();
          if (!force && now - lastDraw < 100) return;
          lastDraw = now;
          drawStatusLine(progressLine(p));
        };
        let report: ImportReport;
        try {
          report = await importPaths(archive, paths, {
            signal: ac.signal,
            maxFileSize: Math.round(maxMb * 1024 * 1024),
            extractionTimeoutMs: Math.round(timeout * 1000),
            ...(tty ? { onProgress: (p: ImportProgress) => draw(p, p.done === p.total) } : {}),
          });
        } finally {
          process.off('SIGINT', onSigint);
          if (tty) process.stderr.write('\n');
        }
        if (json) {
          const ids = [
            ...new Set(report.outcomes.map((o) => o.documentId).filter((x): x is number => x !== null)),
          ];
          printJson({
            ok: report.failed === 0 && !report.cancelled && !report.stoppedBy,
            ...report,
            ...(report.stoppedBy ? { error: report.stoppedBy } : {}),
            documents: ids.map((id) => getDocument(archive.db, id)).filter((d) => d !== null),
          });
        } else {
          printSummary(report);
          printLine(
            `Kho / archive: ${archive.dir} (${listDocuments(archive.db, { limit: 1 }).total} văn bản / documents)`,
          );
        }
        if (report.stoppedBy) return exitCodeFor(report.stoppedBy.code);
        if (report.cancelled) return EXIT.CANCELLED;
        return report.failed > 0 ? EXIT.PARTIAL : EXIT.OK;
      });
    });
}
