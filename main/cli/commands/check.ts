// `vankho check [--quick]`: the archive doctor. Exit 0 when clean (warnings allowed), 1 when it found
// errors, 6 when the database itself is damaged.
import type { Command } from 'commander';
import { TERMS, bilingual } from '../../contract/glossary.js';
import { withApp } from '../cli-app.js';
import { isJson, printJson, printLine } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description(
      'kiểm tra kho (SQLite, tệp gốc, SHA-256, tệp thừa) / check the archive (SQLite, originals, SHA-256, orphans)',
    )
    .option('--quick', 'bỏ qua kiểm tra SHA-256 / skip SHA-256 verification')
    .action(async (opts: { quick?: boolean }, cmd: Command) => {
      // Read-only: the check writes nothing and runs beside the app or web mode.
      await withApp(
        cmd,
        async (app) => {
          const report = await app.call('archiveCheck', { full: !opts.quick });
          if (isJson(cmd)) printJson(report);
          else {
            for (const p of report.problems) {
              printLine(
                `${p.severity === 'error' ? 'LỖI/ERROR' : 'CẢNH BÁO/WARNING'} ${p.code}: ${p.message.vi} / ${p.message.en}`,
              );
            }
            const c = report.counts;
            printLine(
              `${bilingual(report.ok ? TERMS.checkOk : TERMS.checkErrors)} — ` +
                `${c.documents} văn bản/documents, ${c.files} tệp/files (${c.filesHashed} SHA-256), ` +
                `${c.errors} lỗi/errors, ${c.warnings} cảnh báo/warnings` +
                ((c.quarantineRedundant ?? 0) > 0
                  ? `; ${c.quarantineRedundant} tệp cách ly đã có trong kho (sẽ xóa khi mở lại) / ` +
                    `quarantined file(s) already in the store (deleted at the next open)`
                  : ''),
            );
          }
          // A damaged database is the corrupt-archive exit, as when it cannot be opened at all.
          if (report.problems.some((p) => p.code === 'db_index_damaged' || p.code === 'db_data_damaged'))
            return EXIT.ARCHIVE_CORRUPT;
          return report.ok ? EXIT.OK : EXIT.PARTIAL;
        },
        { readonly: true },
      );
    });
}
