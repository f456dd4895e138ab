// The printed lists of hồ sơ work and registers: the mục lục văn bản of one hồ sơ (its documents in
// their order) and the danh mục hồ sơ of a year (its hồ sơ by đề mục), Nghị định 30/2020 Phụ lục V;
// the sổ đăng ký văn bản đến / đi of a year or a period, Phụ lục IV. Printable HTML or XLSX.
import { formatDate } from '../../contract/dates.js';
import { ACCESS_TERMS } from '../../contract/glossary.js';
import { groupByYearAndHeading } from '../../contract/record-groups.js';
import { READ_ALL, type ReadScope } from '../archive/access.js';
import type { Db } from '../archive/archive.js';
import { archiveDirOf } from '../archive/database.js';
import { catalogueSummary } from '../export/catalogue-rows.js';
import { writeOutputFile } from '../export/export-catalogue.js';
import {
  printContent,
  printFormatOf,
  type PrintColumn,
  type PrintFormat,
  type PrintTable,
} from './print-table.js';
import {
  getRecord,
  listRecords,
  recordDocuments,
  retentionLabel,
  type RecordDocument,
  type RecordFile,
} from './records-store.js';
import {
  BOOK_LABELS,
  formatSeq,
  listRegister,
  registerPeriod,
  SECRET_SERIES,
  URGENCY_LABELS,
  type ListRegisterOptions,
  type RegisterEntry,
} from './registers-store.js';

type ContentsKey = 'stt' | 'number' | 'date' | 'summary' | 'author' | 'sheets' | 'notes';

export const CONTENTS_COLUMNS: ReadonlyArray<PrintColumn<ContentsKey>> = [
  { key: 'stt', vi: 'STT', en: 'No.', width: 6, center: true },
  { key: 'number', vi: 'Số, ký hiệu văn bản', en: 'Number and notation', width: 18 },
  { key: 'date', vi: 'Ngày tháng năm văn bản', en: 'Date', width: 12, center: true },
  { key: 'summary', vi: 'Tên loại và trích yếu nội dung văn bản', en: 'Type and summary', width: 56 },
  { key: 'author', vi: 'Tác giả văn bản', en: 'Author', width: 26 },
  { key: 'sheets', vi: 'Tờ số', en: 'Sheet no.', width: 10, center: true },
  { key: 'notes', vi: 'Ghi chú', en: 'Notes', width: 20 },
];

export interface ContentsRow {
  stt: number;
  documentId: number;
  number: string;
  date: string;
  summary: string;
  author: string;
  /** "1–4": the sheets the document takes in the hồ sơ (one sheet per page); '' once a count is unknown. */
  sheets: string;
  notes: string;
}

/**
 * The mục lục rows: STT is the position; tờ số runs on from the previous document's last sheet. A
 * document without a page count leaves its own and every later tờ số empty (it cannot be known).
 */
export function contentsRows(docs: readonly RecordDocument[]): ContentsRow[] {
  let next: number | null = 1;
  return docs.map((d, i) => {
    let sheets = '';
    if (next !== null && d.pageCount !== null && d.pageCount > 0) {
      const last = next + d.pageCount - 1;
      sheets = last === next ? String(next) : `${next}–${last}`;
      next = last + 1;
    } else next = null;
    return {
      stt: i + 1,
      documentId: d.documentId,
      number: d.number ?? '',
      date: formatDate(d.issuedDate),
      summary: catalogueSummary(d.docType, d.title),
      author: d.issuer ?? '',
      sheets,
      notes: d.notes,
    };
  });
}

function dateSpan(r: RecordFile): string {
  if (!r.startDate && !r.endDate) return '';
  return `${formatDate(r.startDate)} – ${formatDate(r.endDate)}`;
}

/** The mục lục văn bản of one hồ sơ as a print table. */
export function contentsTable(
  db: Db,
  code: string,
  scope: ReadScope = READ_ALL,
  madeAt = new Date().toISOString(),
): PrintTable<ContentsKey> {
  const rec = getRecord(db, code, scope);
  const rows = contentsRows(recordDocuments(db, rec.code, scope));
  const span = dateSpan(rec);
  return {
    sheetName: 'Mục lục văn bản',
    lines: [
      'MỤC LỤC VĂN BẢN',
      `Hồ sơ số ${rec.code}: ${rec.title}`,
      [
        span && `Thời gian ${span}`,
        `Thời hạn bảo quản: ${retentionLabel(rec.retention)}`,
        `Mức độ tiếp cận: ${ACCESS_TERMS[rec.access].vi}`,
      ]
        .filter(Boolean)
        .join(' — '),
      `Lập ngày ${formatDate(madeAt.slice(0, 10))} — ${rows.length} văn bản, ` +
        `${rec.pageCount ?? 0} trang / ${rows.length} document(s), ${rec.pageCount ?? 0} page(s)`,
    ],
    columns: CONTENTS_COLUMNS,
    rows: rows.map((r) => ({ cells: r })),
    ...(rec.documentsWithoutPageCount > 0
      ? {
          footnote:
            `${rec.documentsWithoutPageCount} văn bản chưa rõ số trang nên tờ số từ văn bản đó trở đi để trống / ` +
            `${rec.documentsWithoutPageCount} document(s) have no page count, so sheet numbers from there on are left empty.`,
        }
      : {}),
  };
}

type ListKey = 'code' | 'title' | 'retention' | 'creator' | 'notes';

export const LIST_COLUMNS: ReadonlyArray<PrintColumn<ListKey>> = [
  { key: 'code', vi: 'Số và ký hiệu hồ sơ', en: 'File number and notation', width: 22 },
  { key: 'title', vi: 'Tên đề mục và tiêu đề hồ sơ', en: 'Heading and file title', width: 56 },
  { key: 'retention', vi: 'Thời hạn bảo quản', en: 'Retention', width: 14, center: true },
  { key: 'creator', vi: 'Đơn vị/người lập hồ sơ', en: 'Unit/person keeping the file', width: 24 },
  { key: 'notes', vi: 'Ghi chú', en: 'Notes', width: 22 },
];

const NO_HEADING = 'Chưa xếp đề mục / no heading';

/** The danh mục hồ sơ of a year: its hồ sơ grouped by đề mục (in order), each group a heading row. */
export function recordListTable(
  db: Db,
  year: number,
  scope: ReadScope = READ_ALL,
  madeAt = new Date().toISOString(),
): PrintTable<ListKey> {
  const records = listRecords(db, { year }, scope);
  const rows: PrintTable<ListKey>['rows'][number][] = [];
  for (const group of groupByYearAndHeading(records)[0]?.headings ?? []) {
    rows.push({ group: group.heading || NO_HEADING });
    for (const r of group.records) {
      const notes = [r.access === 'cong-khai' ? '' : ACCESS_TERMS[r.access].vi, r.notes].filter(Boolean);
      rows.push({
        cells: {
          code: r.code,
          title: r.title,
          retention: retentionLabel(r.retention),
          creator: r.creator,
          notes: notes.join('; '),
        },
      });
    }
  }
  return {
    sheetName: `Danh mục hồ sơ ${year}`,
    lines: [
      `DANH MỤC HỒ SƠ NĂM ${year}`,
      `Lập ngày ${formatDate(madeAt.slice(0, 10))} — ${records.length} hồ sơ / ${records.length} file(s)`,
    ],
    columns: LIST_COLUMNS,
    rows,
  };
}

export interface PrintReport {
  out: string;
  format: PrintFormat;
  rows: number;
}

async function writeTable<K extends string>(
  db: Db,
  table: PrintTable<K>,
  out: string,
  opts: { format?: PrintFormat; overwrite?: boolean },
): Promise<PrintReport> {
  const format = opts.format ?? printFormatOf(out);
  const archiveDir = archiveDirOf(db);
  const written = await writeOutputFile(out, {
    overwrite: opts.overwrite ?? false,
    ...(archiveDir ? { archiveDir } : {}),
    ...printContent(table, format),
  });
  return { out: written, format, rows: table.rows.filter((r) => 'cells' in r).length };
}

/** Writes the mục lục văn bản of a hồ sơ to `out` (.html printable, else .xlsx). */
export function exportRecordContents(
  db: Db,
  code: string,
  out: string,
  opts: { format?: PrintFormat; overwrite?: boolean } = {},
): Promise<PrintReport> {
  return writeTable(db, contentsTable(db, code), out, opts);
}

/** Writes the danh mục hồ sơ of a year to `out`. */
export function exportRecordList(
  db: Db,
  year: number,
  out: string,
  opts: { format?: PrintFormat; overwrite?: boolean } = {},
): Promise<PrintReport> {
  return writeTable(db, recordListTable(db, year), out, opts);
}

type InKey =
  'date' | 'seq' | 'sender' | 'number' | 'docDate' | 'summary' | 'receiver' | 'due' | 'sign' | 'notes';

export const IN_REGISTER_COLUMNS: ReadonlyArray<PrintColumn<InKey>> = [
  { key: 'date', vi: 'Ngày đến', en: 'Arrival date', width: 11, center: true },
  { key: 'seq', vi: 'Số đến', en: 'Arrival no.', width: 7, center: true },
  { key: 'sender', vi: 'Tác giả', en: 'Author', width: 22 },
  { key: 'number', vi: 'Số, ký hiệu', en: 'Number', width: 16 },
  { key: 'docDate', vi: 'Ngày tháng', en: 'Date', width: 11, center: true },
  { key: 'summary', vi: 'Tên loại và trích yếu nội dung', en: 'Type and summary', width: 44 },
  { key: 'receiver', vi: 'Đơn vị hoặc người nhận', en: 'Receiving unit or person', width: 18 },
  { key: 'due', vi: 'Hạn xử lý', en: 'Due', width: 11, center: true },
  { key: 'sign', vi: 'Ký nhận', en: 'Signature', width: 10 },
  { key: 'notes', vi: 'Ghi chú', en: 'Notes', width: 16 },
];

type OutKey =
  'seq' | 'number' | 'docDate' | 'summary' | 'signer' | 'recipients' | 'copies' | 'sign' | 'notes';

export const OUT_REGISTER_COLUMNS: ReadonlyArray<PrintColumn<OutKey>> = [
  { key: 'seq', vi: 'Số đi', en: 'No.', width: 7, center: true },
  { key: 'number', vi: 'Số, ký hiệu văn bản', en: 'Number and notation', width: 16 },
  { key: 'docDate', vi: 'Ngày tháng văn bản', en: 'Date', width: 11, center: true },
  { key: 'summary', vi: 'Tên loại và trích yếu nội dung', en: 'Type and summary', width: 44 },
  { key: 'signer', vi: 'Người ký', en: 'Signed by', width: 20 },
  { key: 'recipients', vi: 'Nơi nhận văn bản', en: 'Recipients', width: 24 },
  { key: 'copies', vi: 'Số lượng bản', en: 'Copies', width: 8, center: true },
  { key: 'sign', vi: 'Ký nhận', en: 'Signature', width: 10 },
  { key: 'notes', vi: 'Ghi chú', en: 'Notes', width: 16 },
];

function entryNotes(e: RegisterEntry): string {
  return [
    e.urgency ? URGENCY_LABELS[e.urgency] : '',
    e.documentId === null ? 'Văn bản đã xóa khỏi kho' : '',
    e.notes,
  ]
    .filter(Boolean)
    .join('; ');
}

/** A register (Phụ lục IV layouts) for a year or a period, as a print table. */
export function registerTable(
  db: Db,
  opts: ListRegisterOptions,
  scope: ReadScope = READ_ALL,
  madeAt = new Date().toISOString(),
): PrintTable<InKey> | PrintTable<OutKey> {
  const entries = listRegister(db, opts, scope);
  // The heading says the period as the rows were chosen (dd/mm/yyyy), however it was typed.
  const { from, to } = registerPeriod(opts);
  const period =
    from !== null || to !== null
      ? `Từ ngày ${from ? formatDate(from) : '…'} đến ngày ${to ? formatDate(to) : '…'}`
      : opts.year !== undefined
        ? `Năm ${opts.year}`
        : '';
  const lines = [
    BOOK_LABELS[opts.book].vi.toLocaleUpperCase('vi'),
    [period, opts.series ? `Sổ ${opts.series === SECRET_SERIES ? 'mật' : opts.series}` : '']
      .filter(Boolean)
      .join(' — '),
    `Lập ngày ${formatDate(madeAt.slice(0, 10))} — ${entries.length} văn bản / ${entries.length} document(s)`,
  ];
  if (opts.book === 'in')
    return {
      sheetName: 'Sổ văn bản đến',
      lines,
      columns: IN_REGISTER_COLUMNS,
      rows: entries.map((e) => ({
        cells: {
          date: formatDate(e.entryDate),
          seq: formatSeq(e.seq),
          sender: e.sender ?? '',
          number: e.number ?? '',
          docDate: formatDate(e.docDate),
          summary: catalogueSummary(e.docType, e.summary),
          receiver: e.receiver ?? '',
          due: formatDate(e.dueDate),
          sign: '',
          notes: entryNotes(e),
        },
      })),
    };
  return {
    sheetName: 'Sổ văn bản đi',
    lines,
    columns: OUT_REGISTER_COLUMNS,
    rows: entries.map((e) => ({
      cells: {
        seq: formatSeq(e.seq),
        number: e.number ?? '',
        docDate: formatDate(e.docDate),
        summary: catalogueSummary(e.docType, e.summary),
        signer: e.signer ?? '',
        recipients: e.recipients ?? '',
        copies: e.copies ?? '',
        sign: '',
        notes: entryNotes(e),
      },
    })),
  };
}
