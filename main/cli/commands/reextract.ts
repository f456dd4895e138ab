// `vankho reextract [ids…] [--all]`: extracts the text of documents again from their stored originals
// and re-derives metadata suggestions and citations (fields a person set are kept), with a progress
// bar on a terminal and a summary; exit code 1 when a document could not be re-extracted (its old text
// is kept), 8 when cancelled with Ctrl+C.
import type { Command } from 'commander';
import type { ReextractOutcomeDto, ReextractProgressDto, ReextractResultDto } from '../../contract/dto.js';
import { VanKhoError } from '../../core/errors/vankho-error.js';
import { withApp } from '../cli-app.js';
import { formatError, isJson, printJson, printLine, usageError } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { FIELD_LABELS } from '../field-labels.js';
import { progressDrawer } from './export.js';
import { parseDocumentId } from './parse-id.js';

function progressText(p: ReextractProgressDto): string {
  const barWidth = 24;
  const filled = Math.round((p.total > 0 ? p.done / p.total : 0) * barWidth);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`;
  return `${bar} ${p.done}/${p.total} văn bản/documents  ${p.currentName ?? ''}`;
}

function outcomeLine(o: ReextractOutcomeDto): string {
  switch (o.outcome) {
    case 'changed': {
      const what = [
        ...(o.textChanged ? ['nội dung / text'] : []),
        ...o.changedFields.map((f) => FIELD_LABELS[f]),
      ].join(', ');
      return `  * #${o.documentId} ${o.name}: ${what}${o.warning ? ` — ${formatError(o.warning)}` : ''}`;
    }
    case 'unchanged':
      return `  = #${o.documentId} ${o.name}: không thay đổi / unchanged${o.warning ? ` — ${formatError(o.warning)}` : ''}`;
    case 'failed':
      return `  x #${o.documentId} ${o.name}: ${o.error ? formatError(o.error) : ''} — giữ nội dung cũ / old text kept`;
  }
}

export function printSummary(r: ReextractResultDto): void {
  for (const o of r.outcomes) printLine(outcomeLine(o));
  printLine();
  printLine(
    `Đã trích xuất lại ${r.changed + r.unchanged}/${r.total} văn bản: thay đổi ${r.changed}, không đổi ${r.unchanged}, lỗi ${r.failed}` +
      ` / re-extracted ${r.changed + r.unchanged}/${r.total} documents: changed ${r.changed}, unchanged ${r.unchanged}, failed ${r.failed}`,
  );
  if (r.cancelled)
    printLine('Đã hủy; các văn bản đã xử lý xong vẫn được giữ / cancelled; documents already done are kept');
}

export function registerReextractCommand(program: Command): void {
  program
    .command('reextract')
    .description(
      'trích xuất lại nội dung, thông tin và trích dẫn từ bản gốc (giữ trường người dùng đã sửa) / ' +
        're-extract text, metadata and citations from the stored originals (user-set fields are kept)',
    )
    .argument('[ids...]', 'mã văn bản / document ids')
    .option('--all', 'mọi văn bản trong kho / every document in the archive')
    .option(
      '--timeout <seconds>',
      'thời gian trích xuất tối đa mỗi tệp / extraction time limit per file',
      '60',
    )
    .action(async (idArgs: string[], opts: { all?: boolean; timeout: string }, cmd: Command) => {
      const all = opts.all === true;
      if (all && idArgs.length > 0) throw usageError('give document ids or --all, not both');
      if (!all && idArgs.length === 0) throw usageError('give document ids or --all');
      const ids = idArgs.map(parseDocumentId);
      const timeout = Number(opts.timeout);
      if (!(timeout > 0)) throw usageError('--timeout must be a positive number');
      const json = isJson(cmd);
      await withApp(cmd, async (app) => {
        const tty = !json && process.stderr.isTTY === true;
        const draw = progressDrawer(tty);
        const { jobId } = await app.call('reextractStart', {
          ...(all ? {} : { documentIds: ids }),
          timeoutSeconds: timeout,
        });
        let end;
        try {
          end = await app.waitJob(jobId, {
            onProgress: (p) => {
              const q = p as ReextractProgressDto;
              draw(progressText(q), q.done === q.total);
            },
          });
        } finally {
          if (tty) process.stderr.write('\n');
        }
        if (end.error) throw new VanKhoError(end.error);
        const report = end.result as ReextractResultDto | null;
        if (!report) return EXIT.CANCELLED;
        if (json) printJson({ ok: report.failed === 0 && !report.cancelled, jobId, ...report });
        else printSummary(report);
        if (report.cancelled) return EXIT.CANCELLED;
        return report.failed > 0 ? EXIT.PARTIAL : EXIT.OK;
      });
    });
}
