// `vankho delete <ids…>` moves documents to the trash (Thùng rác); `vankho trash list | restore <ids…>
// | empty [ids…] --yes` shows, restores or empties it. Only emptying loses anything, and only when a
// person asks for it (--yes). Core: main/core/archive/trash.ts.
import type { Command } from 'commander';
import { formatDate } from '../../contract/dates.js';
import { withApp } from '../cli-app.js';
import { isJson, printJson, printLine, usageError } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { formatBytes } from '../field-labels.js';
import { parseDocumentId } from './parse-id.js';

export function registerTrashCommands(program: Command): void {
  program
    .command('delete')
    .description('chuyển văn bản vào thùng rác / move documents to the trash (restore: vankho trash restore)')
    .argument('<ids...>', 'mã văn bản / document ids')
    .action(async (args: string[], _opts: unknown, cmd: Command) => {
      const ids = args.map(parseDocumentId);
      await withApp(cmd, async (app) => {
        const entries = await app.call('documentsDelete', { documentIds: ids });
        if (isJson(cmd)) printJson(entries);
        else
          for (const e of entries)
            printLine(
              `Đã chuyển vào thùng rác / moved to the trash: #${e.documentId} ${e.number ?? '—'}  ${e.title} (thùng rác / trash #${e.id})`,
            );
        return EXIT.OK;
      });
    });

  const trash = program.command('trash').description('thùng rác / the trash: list, restore, empty');
  trash
    .command('list')
    .description('liệt kê thùng rác / list the trash')
    .action(async (_opts: unknown, cmd: Command) => {
      await withApp(
        cmd,
        async (app) => {
          const entries = await app.call('trashList', {});
          if (isJson(cmd)) printJson(entries);
          else {
            printLine(`${entries.length} văn bản trong thùng rác / documents in the trash`);
            for (const e of entries)
              printLine(
                `  [${e.id}] #${e.documentId} ${e.number ?? '—'}  ${e.title}  · xóa lúc / deleted ${formatDate(e.deletedAt)} · ${e.fileCount} tệp / files, ${formatBytes(e.bytes)}`,
              );
          }
          return EXIT.OK;
        },
        { readonly: true },
      );
    });
  trash
    .command('restore')
    .description('khôi phục từ thùng rác / restore from the trash')
    .argument('<trashIds...>', 'mã trong thùng rác (cột đầu của trash list) / trash entry ids')
    .action(async (args: string[], _opts: unknown, cmd: Command) => {
      const ids = args.map(parseDocumentId);
      await withApp(cmd, async (app) => {
        const { documentIds } = await app.call('trashRestore', { trashIds: ids });
        if (isJson(cmd)) printJson({ documentIds });
        else printLine(`Đã khôi phục / restored: ${documentIds.map((id) => `#${id}`).join(', ')}`);
        return EXIT.OK;
      });
    });
  trash
    .command('empty')
    .description(
      'dọn sạch thùng rác (xóa hẳn, kể cả tệp gốc) / empty the trash: rows and originals go for good',
    )
    .argument('[trashIds...]', 'chỉ những mục này / only these entries')
    .option('--yes', 'xác nhận xóa hẳn / confirm deleting for good')
    .action(async (args: string[], opts: { yes?: boolean }, cmd: Command) => {
      if (!opts.yes)
        throw usageError(
          'dọn thùng rác xóa hẳn văn bản và tệp gốc: thêm --yes / emptying deletes for good: add --yes',
        );
      const ids = args.length > 0 ? args.map(parseDocumentId) : undefined;
      await withApp(cmd, async (app) => {
        const r = await app.call('trashEmpty', ids ? { trashIds: ids } : {});
        if (isJson(cmd)) printJson(r);
        else
          printLine(
            `Đã xóa hẳn / deleted for good: ${r.removed} văn bản / documents, ${r.filesDeleted} tệp gốc / originals`,
          );
        return EXIT.OK;
      });
    });
}
