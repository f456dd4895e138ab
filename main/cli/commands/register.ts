// `vankho register in|out <doc id> […]` and `register list --book in|out (--year Y | --from … --to …)
// [--out f.xlsx|f.html]` (issue 12): the sổ đăng ký văn bản đến / đi. The row is filled from the
// document's metadata; its number is the register's next for the year of the entry date.
import type { Command } from 'commander';
import type { ApiInput } from '../../contract/api.js';
import { formatDate } from '../../contract/dates.js';
import type { RegisterBookDto, RegisterEntryDto } from '../../contract/dto.js';
import { BOOK_LABELS, formatSeq, URGENCY_LABELS, urgencyOf } from '../../contract/register-labels.js';
import { withApp } from '../cli-app.js';
import { isJson, printJson, printLine, usageError } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { parseDocumentId } from './parse-id.js';
import { printFormatOfPath, savePrinted } from './save-printed.js';

type RegisterBook = RegisterBookDto;
type RegisterEntry = RegisterEntryDto;
type RegisterInput = ApiInput<'registerAdd'>;
type ListRegisterOptions = ApiInput<'registerList'>;

function parseUrgency(value: string): NonNullable<RegisterInput['urgency']> {
  const u = urgencyOf(value);
  if (!u)
    throw usageError(
      `độ khẩn: khan, thuong-khan hoặc hoa-toc / urgency: khan, thuong-khan or hoa-toc: ${value}`,
    );
  return u;
}

function entryLine(e: RegisterEntry): string {
  const who = e.book === 'in' ? e.sender : e.signer;
  const extra = [
    e.urgency ? URGENCY_LABELS[e.urgency] : '',
    e.dueDate ? `hạn/due ${formatDate(e.dueDate)}` : '',
    e.receiver ? `→ ${e.receiver}` : '',
  ].filter(Boolean);
  return (
    `${formatSeq(e.seq)}  ${formatDate(e.entryDate)}  ${e.number ?? '—'}  ${e.summary}` +
    `${who ? `  (${who})` : ''}${extra.length ? `  ${extra.join(', ')}` : ''}` +
    `${e.documentId === null ? '  (đã xóa khỏi kho / deleted)' : `  #${e.documentId}`}`
  );
}

function parseBook(s: string): RegisterBook {
  if (s === 'in' || s === 'out') return s;
  throw usageError(`--book expects in or out: ${s}`);
}

export function registerRegisterCommand(program: Command): void {
  const register = program.command('register').description('sổ đăng ký văn bản đến/đi / document registers');

  const entry = (book: RegisterBook, description: string): Command =>
    register
      .command(book)
      .description(description)
      .argument('<id>', 'mã văn bản / document id')
      .option(
        '--date <dd/mm/yyyy>',
        `${book === 'in' ? 'ngày đến' : 'ngày đăng ký'} (mặc định hôm nay) / date (default today)`,
      )
      .option('--series <name>', 'sổ riêng, vd. mat cho văn bản mật / a separate series, e.g. mat')
      .option('--urgency <level>', 'độ khẩn: khan, thuong-khan, hoa-toc / urgency')
      .option('--notes <text>', 'ghi chú / notes');

  const run = async (input: RegisterInput, cmd: Command): Promise<void> => {
    await withApp(cmd, async (app) => {
      const e = await app.call('registerAdd', input);
      if (isJson(cmd)) printJson(e);
      else
        printLine(
          `+ ${BOOK_LABELS[e.book].vi} ${e.year}${e.series ? ` (${e.series})` : ''}, số ${formatSeq(e.seq)} / ` +
            `${BOOK_LABELS[e.book].en} ${e.year}, no. ${formatSeq(e.seq)}: ${entryLine(e)}`,
        );
      return EXIT.OK;
    });
  };

  interface EntryOptions {
    date?: string;
    series?: string;
    urgency?: string;
    notes?: string;
  }
  const common = (book: RegisterBook, idArg: string, o: EntryOptions): RegisterInput => ({
    book,
    documentId: parseDocumentId(idArg),
    ...(o.date !== undefined ? { entryDate: o.date } : {}),
    ...(o.series !== undefined ? { series: o.series } : {}),
    ...(o.urgency !== undefined ? { urgency: parseUrgency(o.urgency) } : {}),
    ...(o.notes !== undefined ? { notes: o.notes } : {}),
  });

  entry('in', 'vào sổ văn bản đến / register an incoming document')
    .option('--due <dd/mm/yyyy>', 'hạn xử lý / deadline')
    .option('--receiver <who>', 'đơn vị/người nhận / receiving unit or person')
    .action(async (idArg: string, o: EntryOptions & { due?: string; receiver?: string }, cmd: Command) => {
      await run(
        {
          ...common('in', idArg, o),
          ...(o.due !== undefined ? { dueDate: o.due } : {}),
          ...(o.receiver !== undefined ? { receiver: o.receiver } : {}),
        },
        cmd,
      );
    });

  entry('out', 'vào sổ văn bản đi / register an outgoing document')
    .option('--copies <n>', 'số bản / number of copies')
    .action(async (idArg: string, o: EntryOptions & { copies?: string }, cmd: Command) => {
      if (o.copies !== undefined && !/^\d+$/.test(o.copies))
        throw usageError(`--copies expects a number: ${o.copies}`);
      await run(
        { ...common('out', idArg, o), ...(o.copies !== undefined ? { copies: Number(o.copies) } : {}) },
        cmd,
      );
    });

  register
    .command('list')
    .description(
      'xem sổ theo năm hoặc khoảng thời gian; --out: in sổ (.xlsx, .html) / a register for a year or period',
    )
    .requiredOption('--book <in|out>', 'sổ đến (in) hoặc đi (out) / incoming or outgoing')
    .option('--year <year>', 'năm / year')
    .option('--from <dd/mm/yyyy>', 'từ ngày / from')
    .option('--to <dd/mm/yyyy>', 'đến ngày / to')
    .option('--series <name>', 'chỉ sổ này / only this series')
    .option('--out <file>', 'ghi sổ ra tệp .xlsx hoặc .html / write the register to a file')
    .option('--force', 'ghi đè tệp đã có / overwrite')
    .action(
      async (
        o: {
          book: string;
          year?: string;
          from?: string;
          to?: string;
          series?: string;
          out?: string;
          force?: boolean;
        },
        cmd: Command,
      ) => {
        const book = parseBook(o.book);
        if (o.year !== undefined && !/^\d{4}$/.test(o.year))
          throw usageError(`--year expects a year: ${o.year}`);
        if (o.year === undefined && o.from === undefined && o.to === undefined)
          throw usageError('give --year, or --from/--to');
        const opts: ListRegisterOptions = {
          book,
          ...(o.year !== undefined ? { year: Number(o.year) } : {}),
          ...(o.from !== undefined ? { from: o.from } : {}),
          ...(o.to !== undefined ? { to: o.to } : {}),
          ...(o.series !== undefined ? { series: o.series } : {}),
        };
        await withApp(
          cmd,
          async (app) => {
            if (o.out !== undefined) {
              const format = printFormatOfPath(o.out);
              const printed = await app.call('registerPrint', { ...opts, format });
              const out = savePrinted(o.out, printed, o.force === true);
              const rows = (await app.call('registerList', opts)).length;
              if (isJson(cmd)) printJson({ out, format, rows });
              else
                printLine(
                  `Đã ghi ${BOOK_LABELS[book].vi.toLocaleLowerCase('vi')} / wrote the register: ${out} (${rows})`,
                );
              return EXIT.OK;
            }
            const entries = await app.call('registerList', opts);
            if (isJson(cmd)) printJson(entries);
            else {
              printLine(`${BOOK_LABELS[book].vi} / ${BOOK_LABELS[book].en}`);
              let group = '';
              for (const e of entries) {
                const g = `${e.year}${e.series ? ` — ${e.series}` : ''}`;
                if (g !== group) {
                  group = g;
                  printLine(g);
                }
                printLine(`  ${entryLine(e)}`);
              }
              if (entries.length === 0) printLine('Chưa có văn bản nào trong sổ / the register is empty');
            }
            return EXIT.OK;
          },
          { readonly: true },
        );
      },
    );
}
