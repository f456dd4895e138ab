// `vankho backup <file>`: a consistent backup of the archive (database snapshot + originals) in one
// file, as the contract's backup job. Needs no archive lock: it works while the app or an import is running
// (opened read-only beside its holder, the job is then not recorded; nobody holding it, it is).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { BackupProgressDto, BackupResultDto } from '../../contract/dto.js';
import { withApp } from '../cli-app.js';
import { isJson, printJson, printLine } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { formatBytes } from '../field-labels.js';
import { jobOutcome } from '../job-outcome.js';
import { progressDrawer, zipProgressText } from './export.js';

export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .description('sao lưu kho vào một tệp / back up the archive into one file')
    .argument('<file>', 'tệp sao lưu / backup file (.zip)')
    .option('--force', 'ghi đè tệp đã có / overwrite an existing file')
    .action(async (file: string, opts: { force?: boolean }, cmd: Command) => {
      const json = isJson(cmd);
      await withApp(
        cmd,
        async (app) => {
          const draw = progressDrawer(!json && process.stderr.isTTY === true);
          const { jobId } = await app.call('backupStart', {
            out: resolve(file),
            ...(opts.force === true ? { overwrite: true } : {}),
          });
          const end = await app.waitJob(jobId, {
            onProgress: (p) => draw(zipProgressText(p as BackupProgressDto)),
          });
          draw('', true);
          const report = jobOutcome<BackupResultDto>(end);
          if (json) printJson({ ok: true, ...report });
          else {
            if (process.stderr.isTTY) process.stderr.write('\n');
            printLine(
              `Đã sao lưu ${report.documents} văn bản, ${report.files} tệp gốc (${formatBytes(report.bytes)}) vào ${report.out} / ` +
                `backed up ${report.documents} documents, ${report.files} originals`,
            );
          }
          return EXIT.OK;
        },
        { readonly: 'when-held' },
      );
    });
}
