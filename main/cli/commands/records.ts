// `vankho records create|add|remove|order|set|close|reopen|list|show|catalogue|due|retention` (issue 12): hồ sơ, the
// documents in them, the mục lục văn bản of one (catalogue) and the danh mục hồ sơ of a year
// (`list --year Y --out f`), through the contract handlers like every converted command. Reads open
// the archive read-only (no lock), writes take it.
import type { Command } from 'commander';
import type { ApiInput } from '../../contract/api.js';
import { formatDate } from '../../contract/dates.js';
import type { RecordDto, RecordStateDto } from '../../contract/dto.js';
import { ACCESS_TERMS, bilingual } from '../../contract/glossary.js';
import { catalogueSummary, RECORD_STATE_LABELS as STATE_LABELS } from '../../contract/record-labels.js';
import { retentionLabel } from '../../contract/retention-text.js';
import { withApp } from '../cli-app.js';
import { isJson, printField, printJson, printLine, usageError } from '../cli-context.js';
import { cliAccessLevel, cliRetention } from '../contract-requests.js';
import { EXIT } from '../exit-codes.js';
import { parseDocumentId } from './parse-id.js';
import { registerRecordsDueCommands } from './records-due.js';
import { printFormatOfPath, savePrinted } from './save-printed.js';

type RecordPatch = ApiInput<'recordUpdate'>['patch'];

function parseYear(s: string): number {
  const n = Number(s);
  if (!/^\d{4}$/.test(s) || n < 1900 || n > 2100)
    throw usageError(`--year expects a year such as 2025: ${s}`);
  return n;
}

function parseCount(field: string, s: string): number | null {
  if (s === '') return null;
  if (!/^\d+$/.test(s)) throw usageError(`${field} expects a whole number (empty: derived): ${s}`);
  return Number(s);
}

const keywordsOf = (s: string): string[] => s.split(',').map((k) => k.trim());

function recordLine(r: RecordDto): string {
  const access = r.access === 'cong-khai' ? '' : `  [${ACCESS_TERMS[r.access].vi}]`;
  return (
    `${r.code}  ${r.title}  (${r.documentCount} văn bản/documents, ${retentionLabel(r.retention)}, ` +
    `${STATE_LABELS[r.state].vi})${access}`
  );
}

function printRecord(r: RecordDto): void {
  const derived = (set: boolean): string => (set ? '' : '  (tính từ văn bản / from its documents)');
  printLine(`Hồ sơ / File ${r.code}`);
  printField('Tiêu đề / Title', r.title);
  if (r.heading) printField('Đề mục / Heading', r.heading);
  printField('Năm / Year', String(r.year));
  if (r.creator) printField('Đơn vị/người lập / Kept by', r.creator);
  printField('Thời hạn bảo quản / Retention', retentionLabel(r.retention));
  printField('Mức độ tiếp cận / Access', bilingual(ACCESS_TERMS[r.access]));
  printField('Ngôn ngữ / Language', r.language);
  printField('Bắt đầu / Start', formatDate(r.startDate) || '—', derived(r.startDateSet));
  printField('Kết thúc / End', formatDate(r.endDate) || '—', derived(r.endDateSet));
  if (r.keywords.length > 0) printField('Từ khóa / Keywords', r.keywords.join(', '));
  printField('Số tờ / Sheets', r.sheetCount === null ? '—' : String(r.sheetCount), derived(r.sheetCountSet));
  printField('Số trang / Pages', r.pageCount === null ? '—' : String(r.pageCount), derived(r.pageCountSet));
  if (r.documentsWithoutPageCount > 0)
    printLine(
      `  (${r.documentsWithoutPageCount} văn bản chưa rõ số trang / document(s) without a page count)`,
    );
  if (r.physicalState) printField('Tình trạng vật lý / Physical state', r.physicalState);
  if (r.notes) printField('Ghi chú / Notes', r.notes);
  printField('Trạng thái / State', `${STATE_LABELS[r.state].vi} / ${STATE_LABELS[r.state].en}`);
}

/** field=value pairs of `records set` → a RecordPatch (empty value: back to the derived value). */
export function parseRecordPatch(pairs: readonly string[]): RecordPatch {
  const patch: { -readonly [K in keyof RecordPatch]: RecordPatch[K] } = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw usageError(`expected field=value: ${pair}`);
    const field = pair.slice(0, eq).trim();
    const value = pair
      .slice(eq + 1)
      .normalize('NFC')
      .trim();
    switch (field) {
      case 'title':
      case 'heading':
      case 'creator':
      case 'language':
      case 'notes':
        patch[field] = value;
        break;
      case 'physical':
        patch.physicalState = value;
        break;
      case 'keywords':
        patch.keywords = keywordsOf(value);
        break;
      case 'retention':
        patch.retention = cliRetention(value);
        break;
      case 'access':
        patch.access = cliAccessLevel(value);
        break;
      case 'start':
        patch.startDate = value || null;
        break;
      case 'end':
        patch.endDate = value || null;
        break;
      case 'sheets':
        patch.sheetCount = parseCount('sheets', value);
        break;
      case 'pages':
        patch.pageCount = parseCount('pages', value);
        break;
      default:
        throw usageError(
          `unknown field ${field} (title, heading, creator, retention, access, language, keywords, ` +
            `physical, notes, start, end, sheets, pages)`,
        );
    }
  }
  return patch;
}

export function registerRecordsCommand(program: Command): void {
  const records = program.command('records').description('hồ sơ / records files');

  records
    .command('create')
    .description('lập hồ sơ / create a records file')
    .requiredOption('--code <code>', 'mã hồ sơ: mã cơ quan.năm.ký hiệu, vd. H41.2025.01.TH / file code')
    .requiredOption('--title <title>', 'tiêu đề hồ sơ / file title')
    .option('--heading <heading>', 'đề mục trong danh mục hồ sơ / heading in the list of files')
    .option('--creator <who>', 'đơn vị/người lập hồ sơ / unit or person keeping the file')
    .option(
      '--retention <years|permanent>',
      'thời hạn bảo quản: số năm hoặc permanent / retention',
      'permanent',
    )
    .option('--access <level>', 'mức độ tiếp cận: cong-khai, han-che, mat / access level', 'cong-khai')
    .option('--language <language>', 'ngôn ngữ / language')
    .option('--keywords <a,b>', 'từ khóa, cách nhau bởi dấu phẩy / keywords, comma-separated')
    .action(
      async (
        o: {
          code: string;
          title: string;
          heading?: string;
          creator?: string;
          retention: string;
          access: string;
          language?: string;
          keywords?: string;
        },
        cmd: Command,
      ) => {
        const input: ApiInput<'recordCreate'> = {
          code: o.code,
          title: o.title,
          retention: cliRetention(o.retention),
          access: cliAccessLevel(o.access),
          ...(o.heading !== undefined ? { heading: o.heading } : {}),
          ...(o.creator !== undefined ? { creator: o.creator } : {}),
          ...(o.language !== undefined ? { language: o.language } : {}),
          ...(o.keywords !== undefined ? { keywords: keywordsOf(o.keywords) } : {}),
        };
        await withApp(cmd, async (app) => {
          const r = await app.call('recordCreate', input);
          if (isJson(cmd)) printJson(r);
          else printLine(`+ Đã lập hồ sơ / created: ${recordLine(r)}`);
          return EXIT.OK;
        });
      },
    );

  records
    .command('add')
    .description('thêm văn bản vào hồ sơ (không sao chép) / add documents to a file (by reference)')
    .argument('<code>', 'mã hồ sơ / file code')
    .argument('<ids...>', 'mã văn bản / document ids')
    .action(async (code: string, idArgs: string[], _o: unknown, cmd: Command) => {
      const ids = idArgs.map(parseDocumentId);
      await withApp(cmd, async (app) => {
        const r = await app.call('recordAddDocuments', { code, documentIds: ids });
        if (isJson(cmd)) printJson(r);
        else {
          for (const id of r.added) printLine(`+ #${id}`);
          for (const id of r.already) printLine(`= #${id} đã có trong hồ sơ / already in the file`);
          printLine(recordLine(r.record));
        }
        return EXIT.OK;
      });
    });

  records
    .command('remove')
    .description('bỏ văn bản khỏi hồ sơ (văn bản vẫn ở trong kho) / take documents out of a file')
    .argument('<code>', 'mã hồ sơ / file code')
    .argument('<ids...>', 'mã văn bản / document ids')
    .action(async (code: string, idArgs: string[], _o: unknown, cmd: Command) => {
      const ids = idArgs.map(parseDocumentId);
      await withApp(cmd, async (app) => {
        const r = await app.call('recordRemoveDocuments', { code, documentIds: ids });
        if (isJson(cmd)) printJson(r);
        else printLine(recordLine(r));
        return EXIT.OK;
      });
    });

  records
    .command('order')
    .description('sắp xếp văn bản trong hồ sơ / reorder the documents of a file')
    .argument('<code>', 'mã hồ sơ / file code')
    .argument(
      '[ids...]',
      'mọi văn bản của hồ sơ theo thứ tự mới / every document of the file, in the new order',
    )
    .option('--chronological', 'theo thời gian ban hành / back to chronological order')
    .action(async (code: string, idArgs: string[], o: { chronological?: boolean }, cmd: Command) => {
      if (!o.chronological && idArgs.length === 0)
        throw usageError('give the ids in order, or --chronological');
      const ids = o.chronological ? null : idArgs.map(parseDocumentId);
      await withApp(cmd, async (app) => {
        const docs = await app.call('recordReorder', { code, documentIds: ids });
        if (isJson(cmd)) printJson(docs);
        else
          for (const d of docs) printLine(`${d.position}. #${d.documentId}  ${d.number ?? ''}  ${d.title}`);
        return EXIT.OK;
      });
    });

  records
    .command('set')
    .description(
      'sửa hồ sơ: title, heading, creator, retention, access, language, keywords, physical, notes, ' +
        'start, end, sheets, pages (để trống: tính từ văn bản) / edit a file (empty: derived)',
    )
    .argument('<code>', 'mã hồ sơ / file code')
    .argument('<pairs...>', 'field=value')
    .action(async (code: string, pairs: string[], _o: unknown, cmd: Command) => {
      const patch = parseRecordPatch(pairs);
      await withApp(cmd, async (app) => {
        const r = await app.call('recordUpdate', { code, patch });
        if (isJson(cmd)) printJson(r);
        else printRecord(r);
        return EXIT.OK;
      });
    });

  const STATE_METHODS = {
    closed: 'recordClose',
    open: 'recordReopen',
    archived: 'recordHandOver',
  } as const satisfies Record<RecordStateDto, string>;
  const state = (name: string, to: RecordStateDto, description: string): void => {
    records
      .command(name)
      .description(description)
      .argument('<code>', 'mã hồ sơ / file code')
      .action(async (code: string, _o: unknown, cmd: Command) => {
        await withApp(cmd, async (app) => {
          const r = await app.call(STATE_METHODS[to], { code });
          if (isJson(cmd)) printJson(r);
          else printLine(recordLine(r));
          return EXIT.OK;
        });
      });
  };
  state('close', 'closed', 'đóng hồ sơ / close a file');
  state('reopen', 'open', 'mở lại hồ sơ đã đóng / reopen a closed file');
  state('hand-over', 'archived', 'đánh dấu đã nộp lưu (hồ sơ đã đóng) / mark a closed file as handed over');

  records
    .command('list')
    .description(
      'danh sách hồ sơ; --out: danh mục hồ sơ của năm (.xlsx, .html) / list files; --out writes the year’s list',
    )
    .option('--year <year>', 'năm / year')
    .option('--out <file>', 'ghi danh mục hồ sơ (cần --year) / write the list of files (needs --year)')
    .option('--force', 'ghi đè tệp đã có / overwrite')
    .action(async (o: { year?: string; out?: string; force?: boolean }, cmd: Command) => {
      const year = o.year === undefined ? undefined : parseYear(o.year);
      if (o.out !== undefined && year === undefined) throw usageError('--out needs --year');
      await withApp(
        cmd,
        async (app) => {
          if (o.out !== undefined && year !== undefined) {
            const format = printFormatOfPath(o.out);
            const printed = await app.call('recordsListPrint', { year, format });
            const out = savePrinted(o.out, printed, o.force === true);
            const rows = (await app.call('recordsList', { year })).length;
            if (isJson(cmd)) printJson({ out, format, rows });
            else printLine(`Đã ghi danh mục hồ sơ / wrote the list of files: ${out} (${rows} hồ sơ/files)`);
            return EXIT.OK;
          }
          const list = await app.call('recordsList', year === undefined ? {} : { year });
          if (isJson(cmd)) printJson(list);
          else {
            let heading: string | null = null;
            for (const r of list) {
              if (r.heading !== heading) {
                heading = r.heading;
                printLine(`${r.year}  ${r.heading || '(chưa xếp đề mục / no heading)'}`);
              }
              printLine(`  ${recordLine(r)}`);
            }
            if (list.length === 0) printLine('Chưa có hồ sơ nào / no files');
          }
          return EXIT.OK;
        },
        { readonly: true },
      );
    });

  records
    .command('show')
    .description('xem hồ sơ và mục lục văn bản / show a file and its documents')
    .argument('<code>', 'mã hồ sơ / file code')
    .action(async (code: string, _o: unknown, cmd: Command) => {
      await withApp(
        cmd,
        async (app) => {
          const { record, documents } = await app.call('recordGet', { code });
          if (isJson(cmd)) printJson({ ...record, documents });
          else {
            printRecord(record);
            printLine();
            printLine('Mục lục văn bản / Documents:');
            documents.forEach((d, i) =>
              printLine(
                `  ${i + 1}. #${d.documentId}  ${d.number || '—'}  ${formatDate(d.issuedDate) || '—'}  ` +
                  `${catalogueSummary(d.docType, d.title)}${d.issuer ? `  (${d.issuer})` : ''}` +
                  `${d.sheets ? `  tờ/sheets ${d.sheets}` : ''}`,
              ),
            );
            if (documents.length === 0) printLine('  (chưa có văn bản / no documents yet)');
          }
          return EXIT.OK;
        },
        { readonly: true },
      );
    });

  registerRecordsDueCommands(records);

  records
    .command('catalogue')
    .description(
      'ghi mục lục văn bản của hồ sơ (.xlsx, hoặc .html để in) / write the file’s list of documents',
    )
    .argument('<code>', 'mã hồ sơ / file code')
    .requiredOption('--out <file>', 'tệp đích .xlsx hoặc .html / target file')
    .option('--force', 'ghi đè tệp đã có / overwrite')
    .action(async (code: string, o: { out: string; force?: boolean }, cmd: Command) => {
      await withApp(
        cmd,
        async (app) => {
          const format = printFormatOfPath(o.out);
          const printed = await app.call('recordCataloguePrint', { code, format });
          const out = savePrinted(o.out, printed, o.force === true);
          const rows = (await app.call('recordGet', { code })).documents.length;
          if (isJson(cmd)) printJson({ out, format, rows });
          else
            printLine(
              `Đã ghi mục lục văn bản / wrote the list of documents: ${out} (${rows} văn bản/documents)`,
            );
          return EXIT.OK;
        },
        { readonly: true },
      );
    });
}
