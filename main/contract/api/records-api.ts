// Hồ sơ and registers (issue 12): records files, the documents in them in mục lục order, their state
// (đang lập / đã đóng), the printable mục lục văn bản, and the sổ đăng ký văn bản đến / đi. A hồ sơ is
// addressed by its mã hồ sơ (unique, case-insensitive): the code people read, type and print.
import { z } from 'zod';
import type {
  DocumentFilingDto,
  RecordAddResultDto,
  RecordDetailDto,
  RecordDocumentDto,
  RecordDto,
  RecordDueDto,
  RegisterEntryDto,
  RegisterSeriesDto,
  RetentionProposalDto,
  RetentionRowDto,
  RetentionTableDto,
} from '../dto.js';
import { RECORD_ACCESS_LEVELS, REGISTER_URGENCIES } from '../dto.js';
import { def, returns, id, documentIds } from './define.js';

const nfc = (max: number) =>
  z
    .string()
    .max(max * 4)
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max));
const required = (max: number) => nfc(max).pipe(z.string().min(1));

/** Mã hồ sơ: organ code.year.ký hiệu (the store checks its parts). */
export const recordCode = required(100);
const year = z.number().int().min(1900).max(2100);
const retention = z.union([z.literal('permanent'), z.number().int().min(1).max(999)]);
/** A day as the register keeps it: yyyy-mm-dd or dd/mm/yyyy as typed. */
const day = nfc(20).pipe(z.string().min(6));
const keywords = z.array(nfc(200)).max(50);
const count = z.number().int().min(0).max(1_000_000);

const recordFields = {
  title: required(1_000),
  heading: nfc(500).optional(),
  creator: nfc(500).optional(),
  retention: retention.optional(),
  access: z.enum(RECORD_ACCESS_LEVELS).optional(),
  language: nfc(100).optional(),
  keywords: keywords.optional(),
  physicalState: nfc(500).optional(),
  notes: nfc(5_000).optional(),
};

/** Editable fields of a hồ sơ: absent is left alone; null on a date or count goes back to derived. */
export const RecordPatchSchema = z
  .object({
    ...recordFields,
    title: recordFields.title.optional(),
    startDate: day.nullable().optional(),
    endDate: day.nullable().optional(),
    sheetCount: count.nullable().optional(),
    pageCount: count.nullable().optional(),
  })
  .strict();

/** A printed list: an HTML page (no scripts) or an XLSX workbook (base64). */
const printFormat = z.enum(['html', 'xlsx']);
type Printed = { format: 'html'; html: string } | { format: 'xlsx'; base64: string };

const book = z.enum(['in', 'out']);
const registerFields = {
  book,
  year: year.optional(),
  from: day.optional(),
  to: day.optional(),
  series: nfc(50).optional(),
};
const registerQuery = z.object(registerFields).strict();

const dueQuery = {
  kind: z.enum(['handover', 'expired']),
  /** The day the list is made for (dd/mm/yyyy, yyyy-mm-dd, or a year); today when absent. Its year counts. */
  asOf: nfc(20).pipe(z.string().min(4)).optional(),
};

export const RECORDS_API = {
  /** The hồ sơ of a year (or all), in the danh mục order: year, đề mục, ký hiệu. */
  recordsList: def(z.object({ year: year.optional() }).strict(), returns<RecordDto[]>()),
  /** A hồ sơ and its documents in their order (số thứ tự, tờ số). */
  recordGet: def(z.object({ code: recordCode }).strict(), returns<RecordDetailDto>()),
  /** Lập hồ sơ; a code already used: INVALID_INPUT. */
  recordCreate: def(z.object({ code: recordCode, ...recordFields }).strict(), returns<RecordDto>()),
  recordUpdate: def(z.object({ code: recordCode, patch: RecordPatchSchema }).strict(), returns<RecordDto>()),
  /** Adds documents to an open hồ sơ by reference (a document may be in several). */
  recordAddDocuments: def(
    z.object({ code: recordCode, documentIds: documentIds.max(10_000) }).strict(),
    returns<RecordAddResultDto>(),
  ),
  /** Takes a document out of an open hồ sơ; the document stays in the archive. */
  recordRemoveDocument: def(z.object({ code: recordCode, documentId: id }).strict(), returns<RecordDto>()),
  /** Takes several documents out of an open hồ sơ at once: all of them, or none when one is not in it. */
  recordRemoveDocuments: def(
    z.object({ code: recordCode, documentIds: documentIds.max(10_000) }).strict(),
    returns<RecordDto>(),
  ),
  /** Every document of the hồ sơ once, in the new order; null: back to chronological order. */
  recordReorder: def(
    z.object({ code: recordCode, documentIds: z.array(id).max(10_000).nullable() }).strict(),
    returns<RecordDocumentDto[]>(),
  ),
  /** Đóng hồ sơ: its documents can no longer change. */
  recordClose: def(z.object({ code: recordCode }).strict(), returns<RecordDto>()),
  /** Mở lại a closed hồ sơ. */
  recordReopen: def(z.object({ code: recordCode }).strict(), returns<RecordDto>()),
  /** Nộp lưu: a closed hồ sơ is marked as handed over to the lưu trữ (and stays so). */
  recordHandOver: def(z.object({ code: recordCode }).strict(), returns<RecordDto>()),
  /** The mục lục văn bản as a self-contained printable HTML page (no scripts; shown in a sandbox). */
  recordCatalogueHtml: def(z.object({ code: recordCode }).strict(), returns<{ html: string }>()),
  /** The same mục lục to print (HTML, no scripts) or save (XLSX, base64), as recordsDuePrint. */
  recordCataloguePrint: def(z.object({ code: recordCode, format: printFormat }).strict(), returns<Printed>()),
  /** The danh mục hồ sơ of a year (its hồ sơ by đề mục) to print or save, as recordsDuePrint. */
  recordsListPrint: def(z.object({ year, format: printFormat }).strict(), returns<Printed>()),
  /** The hồ sơ and register rows of one document. */
  documentFiling: def(z.object({ documentId: id }).strict(), returns<DocumentFilingDto>()),
  /** A register's rows for a year or a period of entry dates, in number order. */
  registerList: def(registerQuery, returns<RegisterEntryDto[]>()),
  /** The same register as a printable HTML page in the Phụ lục IV layout (no scripts). */
  registerPrintHtml: def(registerQuery, returns<{ html: string }>()),
  /** The same register to print (HTML, no scripts) or save (XLSX, base64), as recordsDuePrint. */
  registerPrint: def(z.object({ ...registerFields, format: printFormat }).strict(), returns<Printed>()),
  /**
   * The series a book can number in (the ordinary sổ, mật, those in use, and for the outgoing book each
   * document type's code), and with a document the one it goes to when registerAdd names none.
   */
  registerSeries: def(
    z.object({ book, documentId: id.optional() }).strict(),
    returns<{ suggested: string | null; series: RegisterSeriesDto[] }>(),
  ),
  /** Vào sổ: registers a document as incoming or outgoing, numbered next in its register's year. */
  registerAdd: def(
    z
      .object({
        book,
        documentId: id,
        series: nfc(50).optional(),
        entryDate: day.optional(),
        receiver: nfc(500).optional(),
        dueDate: day.optional(),
        urgency: z.enum(REGISTER_URGENCIES).optional(),
        copies: z.number().int().min(1).max(100_000).optional(),
        notes: nfc(5_000).optional(),
      })
      .strict(),
    returns<RegisterEntryDto>(),
  ),
  /**
   * Hồ sơ due for hand-over to the lưu trữ (work ended, not yet nộp lưu, end year + 1 ≤ as-of year) or
   * past their retention period (end year + years < as-of year; never vĩnh viễn). A list only.
   */
  recordsDue: def(z.object(dueQuery).strict(), returns<RecordDueDto[]>()),
  /** The same list to print (HTML, no scripts) or save (XLSX, base64). */
  recordsDuePrint: def(z.object({ ...dueQuery, format: printFormat }).strict(), returns<Printed>()),
  /** The retention tables (TT 10/2022, the Party's model table, …) with their rows. */
  retentionList: def(z.object({}).strict(), returns<RetentionTableDto[]>()),
  /** Rows whose titles match a hồ sơ title best (folded words, rarer words weigh more), best first. */
  retentionPropose: def(
    z.object({ title: required(1_000), limit: z.number().int().min(1).max(50).optional() }).strict(),
    returns<RetentionProposalDto[]>(),
  ),
  /** Adds a row to a table, or changes row `id`. */
  retentionSet: def(
    z
      .object({
        id: id.optional(),
        table: required(50),
        group: nfc(500).optional(),
        title: required(1_000),
        retention,
      })
      .strict(),
    returns<RetentionRowDto>(),
  ),
  retentionRemove: def(z.object({ id }).strict(), returns<{ removed: boolean }>()),
} as const;
