// `vankho restore <file> <dir>`: restores a backup into an empty (or new) folder, verifies every
// file and runs the full check. Exit 0 when the restored archive checks clean, 1 otherwise.
import type { Command } from 'commander';
import { restoreArchive } from '../../core/export/restore-archive.js';
import { isJson, printJson, printLine } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { CliExit } from '../cli-context.js';
import { withSigint } from './export.js';

export function registerRestoreCommand(program: Command): void {
  program
    .command('restore')
    .description('khôi phục bản sao lưu vào thư mục trống / restore a backup into an empty folder')
    .argument('<file>', 'tệp sao lưu / backup file')
    .argument('<dir>', 'thư mục trống hoặc chưa có / empty or new folder')
    .action(async (file: string, dir: string, _opts: unknown, cmd: Command) => {
      const report = await withSigint((signal) => restoreArchive(file, dir, { signal }));
      if (isJson(cmd)) printJson({ ok: report.check.ok, ...report });
      else {
        for (const p of report.check.problems)
          printLine(`${p.severity} ${p.code}: ${p.message.vi} / ${p.message.en}`);
        printLine(
          `Đã khôi phục ${report.info.documents} văn bản, ${report.info.files} tệp gốc vào ${report.dir}; ` +
            `${report.check.ok ? 'kiểm tra tốt / check OK' : 'kiểm tra có lỗi / check found errors'}`,
        );
      }
      if (!report.check.ok) throw new CliExit(EXIT.PARTIAL);
    });
}
