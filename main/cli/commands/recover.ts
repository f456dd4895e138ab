// `vankho recover [--out NEW]`: rebuilds the catalogue of an archive whose database was lost or
// damaged, by importing every stored original again (files/ and quarantine/). In place, the damaged
// database is kept aside under a dated name; with --out, a new archive is made and the damaged one is
// only read. Progress and Ctrl+C as `import`.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { DB_FILE_NAME, openArchive } from '../../core/archive/archive.js';
import { VanKhoError } from '../../core/errors/vankho-error.js';
import type { ImportProgress } from '../../core/ingest/import-types.js';
import { recoverArchive, type RecoverReport } from '../../core/ingest/recover-archive.js';
import { openVanKho } from '../../core/open-vankho.js';
import { archiveDirOf, drawStatusLine, isJson, printJson, printLine, usageError } from '../cli-context.js';
import { CliExit } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { printSummary, progressLine } from './import.js';

/** True when the archive opens and its database passes quick_check: nothing to recover. */
function looksHealthy(dir: string): boolean {
  try {
    const a = openArchive(dir, { readonly: true });
    try {
      return a.db.pragma('quick_check', { simple: true }) === 'ok';
    } finally {
      a.close();
    }
  } catch (e) {
    if (e instanceof VanKhoError && e.appError.code === 'ARCHIVE_CORRUPT') return false;
    throw e;
  }
}

function printNotes(r: RecoverReport, keptAs: string | null, target: string): void {
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
      if (!existsSync(source)) throw usageError(`${source}: no such folder`);
      const out = opts.out ? resolve(opts.out) : null;
      if (out && existsSync(join(out, DB_FILE_NAME)))
        throw usageError(`--out ${out} already holds an archive; give an empty or new folder`);
      if (out === source) throw usageError('--out must be another folder than --archive');
      if (!out && !opts.force && looksHealthy(source)) {
        throw usageError(
          'cơ sở dữ liệu của kho không hỏng; dùng --out <thư mục mới> để dựng bản mới, hoặc --force / ' +
            'the archive database is not damaged; use --out <new folder> to build a copy, or --force',
        );
      }
      const vk = out ? openVanKho(out, { create: true }) : openVanKho(source, { recover: true });
      const keptAs = out ? null : vk.archive.damagedDbKeptAs;
      const ac = new AbortController();
      const onSigint = (): void => ac.abort();
      process.once('SIGINT', onSigint);
      const tty = !json && process.stderr.isTTY === true;
      let lastDraw = 0;
      const draw = (p: ImportProgress): void => {
        const now = Date.now();
        if (p.done !== p.total && now - lastDraw < 100) return;
        lastDraw = now;
        drawStatusLine(progressLine(p));
      };
      let report: RecoverReport;
      try {
        report = await recoverArchive(vk.archive, source, {
          signal: ac.signal,
          extractionTimeoutMs: Math.round(timeout * 1000),
          damagedDb: out ? join(source, DB_FILE_NAME) : keptAs,
          ...(tty ? { onProgress: draw } : {}),
        });
      } finally {
        process.off('SIGINT', onSigint);
        if (tty) process.stderr.write('\n');
        vk.close();
      }
      const target = out ?? source;
      if (json) {
        printJson({
          ok: report.failed === 0 && !report.cancelled,
          archive: target,
          damagedDbKeptAs: keptAs,
          ...report,
        });
      } else {
        printSummary(report);
        printNotes(report, keptAs, target);
      }
      const code = report.cancelled ? EXIT.CANCELLED : report.failed > 0 ? EXIT.PARTIAL : EXIT.OK;
      if (code !== EXIT.OK) throw new CliExit(code);
    });
}
