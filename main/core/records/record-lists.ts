// The two lists of hồ sơ work (Nghị định 30/2020 Phụ lục V): the mục lục văn bản of one hồ sơ (its
// documents in their order) and the danh mục hồ sơ of a year (its hồ sơ by đề mục), as printable
// HTML or XLSX.
import { formatDate } from '../../contract/dates.js';
import type { Db } from '../archive/archive.js';
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
  ACCESS_LABELS,
  getRecord,
  listRecords,
  recordDocuments,
  retentionLabel,
  type RecordDocument,
  type RecordFile,
} from './records-store.js';

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
  madeAt = new Date().toISOString(),
): PrintTable<ContentsKey> {
  const rec = getRecord(db, code);
  const rows = contentsRows(recordDocuments(db, rec.code));
  const span = dateSpan(rec);
  return {
    sheetName: 'Mục lục văn bản',
    lines: [
      'MỤC LỤC VĂN BẢN',
      `Hồ sơ số ${rec.code}: ${rec.title}`,
      [
        span && `Thời gian ${span}`,
        `Thời hạn bảo quản: ${retentionLabel(rec.retention)}`,
        `Mức độ tiếp cận: ${ACCESS_LABELS[rec.access].vi}`,
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
  madeAt = new Date().toISOString(),
): PrintTable<ListKey> {
  const records = listRecords(db, { year });
  const rows: PrintTable<ListKey>['rows'][number][] = [];
  let heading: string | null = null;
  for (const r of records) {
    if (r.heading !== heading) {
      heading = r.heading;
      rows.push({ group: r.heading || NO_HEADING });
    }
    const notes = [r.access === 'cong-khai' ? '' : ACCESS_LABELS[r.access].vi, r.notes].filter(Boolean);
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
  const written = await writeOutputFile(db, out, {
    overwrite: opts.overwrite ?? false,
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
