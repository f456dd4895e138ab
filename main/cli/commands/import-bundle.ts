// `vankho import-bundle <file.zip>`: imports a bundle made by `vankho export` (this or another
// archive). Every file is verified against the manifest's SHA-256 before anything is committed;
// documents already present are merged, not duplicated. Exit 0 on success.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { BundleImportProgressDto, BundleImportResultDto } from '../../contract/dto.js';
import { withApp } from '../cli-app.js';
import { isJson, printJson, printLine } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { formatBytes } from '../field-labels.js';
import { jobOutcome } from '../job-outcome.js';
import { progressDrawer } from './export.js';

const PHASES = { verify: 'kiểm tra/verify', store: 'lưu/store', commit: 'ghi/commit' } as const;

export function registerImportBundleCommand(program: Command): void {
  program
    .command('import-bundle')
    .description('nhập gói văn bản do VanKho xuất / import a bundle exported by VanKho')
    .argument('<file>', 'tệp ZIP / bundle file')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const json = isJson(cmd);
      const bundle = resolve(file);
      await withApp(
        cmd,
        async (app) => {
          const draw = progressDrawer(!json && process.stderr.isTTY === true);
          // The contract's bundle job, reading the file where it lies; Ctrl+C cancels it.
          const { jobId } = await app.call('bundleImportPathStart', { path: bundle });
          const end = await app.waitJob(jobId, {
            onProgress: (progress) => {
              const p = progress as BundleImportProgressDto;
              draw(
                `${PHASES[p.phase]} ${p.done}/${p.total}  ${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)}`,
              );
            },
          });
          draw('', true);
          const result = jobOutcome<BundleImportResultDto>(end);
          printReport({ ...result, bundle, records: result.records ?? [] }, json);
          return EXIT.OK;
        },
        { create: true },
      );
    });
}

function printReport(
  report: BundleImportResultDto & { bundle: string; records: NonNullable<BundleImportResultDto['records']> },
  json: boolean,
): void {
  if (json) {
    printJson({ ok: true, ...report });
    return;
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  for (const o of report.outcomes) {
    const mark = o.outcome === 'added' ? '+' : o.outcome === 'merged' ? '~' : '=';
    const extra = o.outcome === 'merged' ? ` (${o.changes.join(', ')})` : '';
    printLine(`  ${mark} #${o.documentId} ${o.number ?? ''} ${o.title}${extra}`.replace(/\s+/g, ' '));
  }
  for (const r of report.records) {
    const mark = r.outcome === 'added' ? '+' : r.outcome === 'merged' ? '~' : '=';
    printLine(
      `  ${mark} hồ sơ / file ${r.code}` +
        (r.documentsAdded > 0 ? ` (+${r.documentsAdded} văn bản / documents)` : ''),
    );
    if (r.message) printLine(`  ! ${r.message}`);
  }
  printLine(
    `Thêm ${report.added}, gộp ${report.merged}, bỏ qua (đã có) ${report.skipped}; ${report.filesAdded} tệp, ` +
      `${report.tagsCreated} thẻ mới, ${report.relationsAdded} liên kết / added ${report.added}, merged ${report.merged}, ` +
      `skipped (already present) ${report.skipped}`,
  );
}
