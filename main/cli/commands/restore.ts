// `vankho restore <file> <dir>`: restores a backup into an empty (or new) folder, verifies every
// file and runs the full check, as the contract's restore job (no archive is opened for it). Exit 0
// when the restored archive checks clean, 1 otherwise.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { RestoreResultDto } from '../../contract/dto.js';
import { withApp } from '../cli-app.js';
import { isJson, printJson, printLine } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { jobOutcome } from '../job-outcome.js';

export function registerRestoreCommand(program: Command): void {
  program
    .command('restore')
    .description('khôi phục bản sao lưu vào thư mục trống / restore a backup into an empty folder')
    .argument('<file>', 'tệp sao lưu / backup file')
    .argument('<dir>', 'thư mục trống hoặc chưa có / empty or new folder')
    .action(async (file: string, dir: string, _opts: unknown, cmd: Command) => {
      await withApp(
        cmd,
        async (app) => {
          const { jobId } = await app.call('restoreStart', { backupFile: resolve(file), dir: resolve(dir) });
          const report = jobOutcome<RestoreResultDto>(await app.waitJob(jobId, {}));
          if (isJson(cmd)) printJson({ ok: report.check.ok, ...report });
          else {
            for (const p of report.check.problems)
              printLine(`${p.severity} ${p.code}: ${p.message.vi} / ${p.message.en}`);
            printLine(
              `Đã khôi phục ${report.info.documents} văn bản, ${report.info.files} tệp gốc vào ${report.dir}; ` +
                `${report.check.ok ? 'kiểm tra tốt / check OK' : 'kiểm tra có lỗi / check found errors'}`,
            );
          }
          return report.check.ok ? EXIT.OK : EXIT.PARTIAL;
        },
        { noArchive: true },
      );
    });
}
