// "Mục lục văn bản": the list of documents archivists keep for a file (hồ sơ) and hand over with it
// (Decree 30/2020, appendix V): STT, số và ký hiệu, ngày tháng, tác giả (cơ quan ban hành), trích yếu
// nội dung (with the document type), tờ số/số trang, ghi chú. We add the entry name of the original in
// the bundle so each row can be found in the ZIP. Rows are in chronological order.

import { formatDate } from '../../contract/dates.js';
import { catalogueSummary } from '../../contract/record-labels.js';

// The one wording, in the contract so callers that show hồ sơ (the CLI) write it the same.
export { catalogueSummary };

export interface CatalogueSource {
  number: string | null;
  issuedDate: string | null;
  issuer: string | null;
  docType: string | null;
  title: string;
  pageCount: number | null;
  notes: string;
  /** Entry path of the main original in the bundle, '' when the document has no file. */
  file: string;
}

export interface CatalogueRow {
  stt: number;
  number: string;
  date: string;
  issuer: string;
  summary: string;
  pages: string;
  notes: string;
  file: string;
}

export const CATALOGUE_COLUMNS: ReadonlyArray<{
  key: keyof CatalogueRow;
  vi: string;
  en: string;
  width: number;
}> = [
  { key: 'stt', vi: 'STT', en: 'No.', width: 6 },
  { key: 'number', vi: 'Số và ký hiệu văn bản', en: 'Number and notation', width: 20 },
  { key: 'date', vi: 'Ngày tháng văn bản', en: 'Date', width: 12 },
  { key: 'issuer', vi: 'Tác giả văn bản (cơ quan ban hành)', en: 'Author (issuing body)', width: 28 },
  { key: 'summary', vi: 'Tên loại và trích yếu nội dung văn bản', en: 'Type and summary', width: 60 },
  { key: 'pages', vi: 'Tờ số / Số trang', en: 'Sheets / pages', width: 10 },
  { key: 'notes', vi: 'Ghi chú', en: 'Notes', width: 24 },
  { key: 'file', vi: 'Tệp trong gói', en: 'File in the bundle', width: 40 },
];

export const CATALOGUE_TITLE = 'MỤC LỤC VĂN BẢN';

/** yyyy-mm-dd → dd/mm/yyyy, the way dates are written in Vietnamese administration. */
export function formatVietnameseDate(iso: string | null): string {
  return formatDate(iso);
}

function sortKey(s: CatalogueSource): string {
  return `${s.issuedDate ?? '9999-99-99'}\u0000${s.number ?? ''}`;
}

export function catalogueRows(sources: readonly CatalogueSource[]): CatalogueRow[] {
  return [...sources]
    .map((s, i) => ({ s, i }))
    .sort((a, b) => {
      const ka = sortKey(a.s);
      const kb = sortKey(b.s);
      return ka < kb ? -1 : ka > kb ? 1 : a.i - b.i;
    })
    .map(({ s }, i) => ({
      stt: i + 1,
      number: s.number ?? '',
      date: formatVietnameseDate(s.issuedDate),
      issuer: s.issuer ?? '',
      summary: catalogueSummary(s.docType, s.title),
      pages: s.pageCount === null ? '' : String(s.pageCount),
      notes: s.notes,
      file: s.file,
    }));
}
