// `vankho records due [--handover|--expired]` and `vankho records retention list|set|remove|propose`
// (issue 12): the hand-over and expiry lists and the retention tables, through the contract handlers
// like every converted command. An expired list is a proposal for the disposal council: no command
// here deletes a hồ sơ.
import type { Command } from 'commander';
import type { RecordDueDto, RetentionRowDto } from '../../contract/dto.js';
import { retentionLabel } from '../../contract/retention-text.js';
import { formatDate } from '../../contract/dates.js';
import { withApp } from '../cli-app.js';
import { cliRetention } from '../contract-requests.js';
import { isJson, printJson, printLine, usageError } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { printFormatOfPath, savePrinted } from './save-printed.js';

function rowId(s: string): number {
  const n = Number(s);
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(n) || n < 1) throw usageError(`not a row id: ${s}`);
  return n;
}

function dueLine(d: RecordDueDto, kind: 'handover' | 'expired'): string {
  const end = d.record.endDate ? formatDate(d.record.endDate) : String(d.endYear);
  const since =
    kind === 'handover'
      ? `nộp lưu năm / hand over in ${d.sinceYear}${d.overdue ? ' — quá hạn / overdue' : ''}`
      : `hết hạn từ năm / expired since ${d.sinceYear}`;
  return `${d.record.code}  ${d.record.title}  (kết thúc / ended ${end}, ${retentionLabel(d.record.retention)}; ${since})`;
}

const rowLine = (r: RetentionRowDto): string =>
  `  [${r.id}] ${r.title} — ${retentionLabel(r.retention)}${r.shipped ? '' : '  (đã sửa / edited)'}`;

export function registerRecordsDueCommands(records: Command): void {
  records
    .command('due')
    .description(
      'hồ sơ đến hạn nộp lưu (--handover, mặc định) hoặc hết thời hạn bảo quản (--expired; chỉ là danh sách ' +
        'đề nghị, không xóa gì) / files due for hand-over, or past their retention (a list only)',
    )
    .option('--handover', 'đến hạn nộp lưu (mặc định) / due for hand-over (default)')
    .option('--expired', 'hết thời hạn bảo quản / retention expired')
    .option('--as-of <date>', 'tính đến ngày dd/mm/yyyy (mặc định hôm nay) / as of this day')
    .option('--out <file>', 'ghi danh sách (.html để in, hoặc .xlsx) / write the list')
    .option('--force', 'ghi đè tệp đã có / overwrite')
    .action(
      async (
        o: { handover?: boolean; expired?: boolean; asOf?: string; out?: string; force?: boolean },
        cmd: Command,
      ) => {
        if (o.handover && o.expired) throw usageError('--handover or --expired, not both');
        const kind = o.expired ? 'expired' : 'handover';
        const asOf = o.asOf === undefined ? {} : { asOf: o.asOf };
        await withApp(
          cmd,
          async (app) => {
            if (o.out !== undefined) {
              const format = printFormatOfPath(o.out);
              const printed = await app.call('recordsDuePrint', { kind, format, ...asOf });
              const out = savePrinted(o.out, printed, o.force === true);
              const rows = (await app.call('recordsDue', { kind, ...asOf })).length;
              if (isJson(cmd)) printJson({ out, format, rows });
              else printLine(`Đã ghi / wrote ${out} (${rows} hồ sơ/files)`);
              return EXIT.OK;
            }
            const list = await app.call('recordsDue', { kind, ...asOf });
            if (isJson(cmd)) printJson(list);
            else {
              printLine(
                kind === 'handover'
                  ? `${list.length} hồ sơ đến hạn nộp lưu / file(s) due for hand-over`
                  : `${list.length} hồ sơ hết thời hạn bảo quản (đề nghị Hội đồng xem xét; không xóa gì) / ` +
                      `file(s) past their retention (for the council; nothing is deleted)`,
              );
              for (const d of list) printLine(`  ${dueLine(d, kind)}`);
            }
            return EXIT.OK;
          },
          { readonly: true },
        );
      },
    );

  const retention = records
    .command('retention')
    .description('bảng thời hạn bảo quản / retention tables: list, propose, set, remove');

  retention
    .command('list')
    .description('các bảng và dòng của chúng / the tables and their rows')
    .action(async (_o: unknown, cmd: Command) => {
      await withApp(
        cmd,
        async (app) => {
          const tables = await app.call('retentionList', {});
          if (isJson(cmd)) printJson(tables);
          else
            for (const t of tables) {
              printLine(`${t.key}  ${t.name}`);
              printLine(`  Nguồn / Source: ${t.source}`);
              if (t.note) printLine(`  ${t.note}`);
              let group: string | null = null;
              for (const r of t.rows) {
                if (r.group !== group) {
                  group = r.group;
                  printLine(` ${r.group || '(không nhóm / no group)'}`);
                }
                printLine(rowLine(r));
              }
              if (t.rows.length === 0) printLine('  (chưa có dòng nào / no rows)');
            }
          return EXIT.OK;
        },
        { readonly: 'when-held' },
      );
    });

  retention
    .command('propose')
    .description('đề xuất thời hạn cho một tiêu đề hồ sơ / propose a retention for a file title')
    .argument('<title>', 'tiêu đề hồ sơ / file title')
    .action(async (title: string, _o: unknown, cmd: Command) => {
      await withApp(
        cmd,
        async (app) => {
          const proposals = await app.call('retentionPropose', { title });
          if (isJson(cmd)) printJson(proposals);
          else {
            for (const p of proposals) printLine(`${p.score.toFixed(2)} ${p.row.table}${rowLine(p.row)}`);
            if (proposals.length === 0) printLine('Không có dòng nào khớp / no row matches');
          }
          return EXIT.OK;
        },
        { readonly: 'when-held' },
      );
    });

  retention
    .command('set')
    .description('thêm dòng, hoặc sửa dòng --id / add a row, or change row --id')
    .option('--id <id>', 'dòng cần sửa / the row to change')
    .requiredOption('--table <key>', 'bảng: tt10-2022, hd35-vptw, … / the table')
    .option('--group <group>', 'nhóm / group')
    .requiredOption('--title <title>', 'tên loại hồ sơ, tài liệu / the kind of file')
    .requiredOption('--retention <years|permanent>', 'thời hạn: số năm hoặc permanent / retention')
    .action(
      async (
        o: { id?: string; table: string; group?: string; title: string; retention: string },
        cmd: Command,
      ) => {
        const input = {
          table: o.table,
          title: o.title,
          retention: cliRetention(o.retention),
          ...(o.id !== undefined ? { id: rowId(o.id) } : {}),
          ...(o.group !== undefined ? { group: o.group } : {}),
        };
        await withApp(cmd, async (app) => {
          const row = await app.call('retentionSet', input);
          if (isJson(cmd)) printJson(row);
          else printLine(`${o.id === undefined ? '+' : '~'}${rowLine(row)}`);
          return EXIT.OK;
        });
      },
    );

  retention
    .command('remove')
    .description('bỏ một dòng / remove a row')
    .argument('<id>', 'mã dòng (cột [..] của retention list) / row id')
    .action(async (idArg: string, _o: unknown, cmd: Command) => {
      const id = rowId(idArg);
      await withApp(cmd, async (app) => {
        const r = await app.call('retentionRemove', { id });
        if (isJson(cmd)) printJson(r);
        else printLine(r.removed ? `- [${id}]` : `Không có dòng ${id} / no row ${id}`);
        return r.removed ? EXIT.OK : EXIT.NOT_FOUND;
      });
    });
}
