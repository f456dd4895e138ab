// `vankho backup <file>`: a consistent backup of the archive (database snapshot + originals) in one
// file. Needs no archive lock: it works while the app or an import is running.
import type { Command } from 'commander';
import { backupArchive } from '../../core/export/backup-archive.js';
import { archiveDirOf, isJson, printJson, printLine } from '../cli-context.js';
import { formatBytes } from '../field-labels.js';
import { progressDrawer, withSigint, zipProgressText } from './export.js';

export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .description('sao lưu kho vào một tệp / back up the archive into one file')
    .argument('<file>', 'tệp sao lưu / backup file (.zip)')
    .option('--force', 'ghi đè tệp đã có / overwrite an existing file')
    .action(async (file: string, opts: { force?: boolean }, cmd: Command) => {
      const json = isJson(cmd);
      const draw = progressDrawer(!json && process.stderr.isTTY === true);
      const report = await withSigint((signal) =>
        backupArchive(archiveDirOf(cmd), file, {
          overwrite: opts.force === true,
          signal,
          onProgress: (p) => draw(zipProgressText(p)),
        }),
      );
      draw('', true);
      if (json) printJson({ ok: true, ...report });
      else {
        if (process.stderr.isTTY) process.stderr.write('\n');
        printLine(
          `Đã sao lưu ${report.documents} văn bản, ${report.files} tệp gốc (${formatBytes(report.bytes)}) vào ${report.out} / ` +
            `backed up ${report.documents} documents, ${report.files} originals`,
        );
      }
    });
}
