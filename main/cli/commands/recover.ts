// `vankho recover [--out NEW]`: rebuilds the catalogue of an archive whose database was lost or
// damaged, by importing every stored original again (files/ and quarantine/), as the contract's
// recovery job (archiveRecoverStart). In place, the damaged database is kept aside under a dated
// name; with --out, a new archive is made and the damaged one is only read. Progress and Ctrl+C as
// `import`.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { RecoverResultDto } from '../../contract/dto.js';
import { withApp } from '../cli-app.js';
import { archiveDirOf, isJson, printJson, printLine, usageError } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { printSummary, waitFilesJob } from './import.js';

function printNotes(r: RecoverResultDto, keptAs: string | null, target: string): void {
  const lost = r.originalsFound - r.namesRecovered;
  printLine(
    `Tên tệp gốc: khôi phục được ${r.namesRecovered}/${r.originalsFound} từ CSDL hỏng` +
      (lost > 0 ? `; ${lost} tệp mang tên SHA-256 kèm loại tệp nhận ra từ nội dung` : '') +
      ` / original file names: ${r.namesRecovered} of ${r.originalsFound} recovered from the damaged database` +
      (lost > 0
        ? `; ${lost} file(s) are named by their SHA-256 with the type detected from their bytes`
        : ''),
  );
  printLine(
    'Thẻ, giá trị do người nhập và thông tin đã xác nhận không khôi phục được từ tệp gốc; nếu có bản sao lưu, ' +
      'hãy khôi phục bản sao lưu / tags, values typed or confirmed by people cannot be rebuilt from the ' +
      'originals; if a backup exists, restore it instead',
  );
  if (keptAs) printLine(`CSDL hỏng được giữ tại / damaged database kept as: ${keptAs}`);
  printLine(`Kho / archive: ${target} (${r.imported} văn bản / documents)`);
  if (r.cancelled)
    printLine(
      'Chạy lại lệnh recover để hoàn tất / run recover again to finish (it starts over from the originals)',
    );
}

export function registerRecoverCommand(program: Command): void {
  program
    .command('recover')
    .description(
      'dựng lại danh mục từ các tệp gốc khi CSDL bị mất hoặc hỏng / rebuild the catalogue from the stored originals when the database is lost or damaged',
    )
    .option(
      '--out <dir>',
      'tạo kho mới ở đây, kho hỏng giữ nguyên / make a new archive here, leave the damaged one as it is',
    )
    .option(
      '--force',
      'dựng lại tại chỗ cả khi CSDL có vẻ tốt / rebuild in place even if the database looks healthy',
    )
    .option(
      '--timeout <seconds>',
      'thời gian trích xuất tối đa mỗi tệp / extraction time limit per file',
      '60',
    )
    .action(async (opts: { out?: string; force?: boolean; timeout: string }, cmd: Command) => {
      const timeout = Number(opts.timeout);
      if (!(timeout > 0)) throw usageError('--timeout must be a positive number');
      const source = archiveDirOf(cmd);
      const json = isJson(cmd);
      const out = opts.out ? resolve(opts.out) : null;
      await withApp(
        cmd,
        async (app) => {
          const { jobId } = await app.call('archiveRecoverStart', {
            dir: source,
            ...(out ? { out } : {}),
            ...(opts.force === true ? { force: true } : {}),
            timeoutSeconds: timeout,
          });
          const tty = !json && process.stderr.isTTY === true;
          const report = await waitFilesJob<RecoverResultDto>(app, jobId, tty);
          if (json) {
            const { archive, damagedDbKeptAs, ...rest } = report;
            printJson({
              ok: report.failed === 0 && !report.cancelled,
              archive,
              damagedDbKeptAs,
              ...rest,
              outcomes: report.outcomes.map(({ source: from, ...o }) => ({ ...o, ...from })),
            });
          } else {
            printSummary(report);
            printNotes(report, report.damagedDbKeptAs, report.archive);
          }
          return report.cancelled ? EXIT.CANCELLED : report.failed > 0 ? EXIT.PARTIAL : EXIT.OK;
        },
        { noArchive: true },
      );
    });
}
