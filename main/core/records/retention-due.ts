// The two retention lists of issue 12: hồ sơ due for hand-over to the lưu trữ cơ quan (Luật Lưu trữ
// 2024: within 1 year after the work ends) and hồ sơ whose retention period has expired (counted
// from the year the work ends, Thông tư 10/2022/TT-BNV). The second is a proposal for the disposal
// council (hội đồng xác định giá trị tài liệu): nothing here deletes or changes a hồ sơ.
import { formatDate, parseUserDate } from '../../contract/dates.js';
import { appError } from '../../contract/errors.js';
import { READ_ALL, type ReadScope } from '../archive/access.js';
import type { Db } from '../archive/archive.js';
import { VanKhoError } from '../errors/vankho-error.js';
import type { PrintColumn, PrintTable } from './print-table.js';
import { listRecords, retentionLabel, STATE_LABELS, type RecordFile } from './records-store.js';

export type DueKind = 'handover' | 'expired';

export interface DueRecord {
  record: RecordFile;
  /** The year the work ended: of the end date, else of closing, else the hồ sơ's year. */
  endYear: number;
  /** handover: the year it is due (endYear + 1); expired: the first year past its period. */
  sinceYear: number;
  /** handover only: the year it was due has passed. */
  overdue: boolean;
}

/** The year of yyyy-mm-dd / dd/mm/yyyy (today when absent); INVALID_INPUT for anything else. */
export function asOfYear(asOf?: string): number {
  if (asOf === undefined) return new Date().getFullYear();
  const iso = parseUserDate(asOf);
  if (!iso) throw new VanKhoError(appError('INVALID_INPUT', `ngày không hợp lệ / invalid date: ${asOf}`));
  return Number(iso.slice(0, 4));
}

export function endYearOf(r: RecordFile): number {
  const y = (r.endDate ?? r.closedAt)?.slice(0, 4);
  return y && /^\d{4}$/.test(y) ? Number(y) : r.year;
}

/**
 * Only hồ sơ whose work has ended (closed, handed over, or an end date a person set). handover: not
 * yet nộp lưu, end year + 1 ≤ the as-of year. expired: a period in years (never vĩnh viễn), end
 * year + period < the as-of year, handed over or not. Oldest first.
 */
export function recordsDue(db: Db, kind: DueKind, asOf?: string, scope: ReadScope = READ_ALL): DueRecord[] {
  const year = asOfYear(asOf);
  const out: DueRecord[] = [];
  for (const record of listRecords(db, {}, scope)) {
    const endYear = endYearOf(record);
    // A period runs from the end of the work: an open hồ sơ without an end date has not started one.
    const ended = record.state !== 'open' || record.endDateSet;
    if (!ended) continue;
    if (kind === 'handover') {
      if (record.state !== 'archived' && endYear + 1 <= year)
        out.push({ record, endYear, sinceYear: endYear + 1, overdue: endYear + 1 < year });
    } else if (record.retention !== 'permanent' && endYear + record.retention < year)
      out.push({ record, endYear, sinceYear: endYear + record.retention + 1, overdue: false });
  }
  return out.sort((a, b) => a.sinceYear - b.sinceYear || a.record.code.localeCompare(b.record.code));
}

type DueKey = 'stt' | 'code' | 'title' | 'end' | 'retention' | 'since' | 'notes';

const columns = (kind: DueKind): ReadonlyArray<PrintColumn<DueKey>> => [
  { key: 'stt', vi: 'STT', en: 'No.', width: 6, center: true },
  { key: 'code', vi: 'Số và ký hiệu hồ sơ', en: 'File number and notation', width: 22 },
  { key: 'title', vi: 'Tiêu đề hồ sơ', en: 'File title', width: 48 },
  { key: 'end', vi: 'Thời gian kết thúc', en: 'Work ended', width: 14, center: true },
  { key: 'retention', vi: 'Thời hạn bảo quản', en: 'Retention', width: 12, center: true },
  kind === 'handover'
    ? { key: 'since', vi: 'Hạn nộp lưu (năm)', en: 'Hand over in', width: 11, center: true }
    : { key: 'since', vi: 'Hết hạn từ năm', en: 'Expired since', width: 11, center: true },
  { key: 'notes', vi: 'Ghi chú', en: 'Notes', width: 22 },
];

export const DUE_TITLES: Record<DueKind, { vi: string; en: string }> = {
  handover: { vi: 'Danh sách hồ sơ đến hạn nộp lưu', en: 'Files due for hand-over to the archive' },
  expired: { vi: 'Danh sách hồ sơ hết thời hạn bảo quản', en: 'Files whose retention period has expired' },
};

/** A due list as a print table (printable HTML or XLSX through print-table.ts). */
export function dueTable(
  db: Db,
  kind: DueKind,
  asOf?: string,
  scope: ReadScope = READ_ALL,
  madeAt = new Date().toISOString(),
): PrintTable<DueKey> {
  const due = recordsDue(db, kind, asOf, scope);
  const day = asOf === undefined ? madeAt.slice(0, 10) : (parseUserDate(asOf) ?? asOf);
  return {
    sheetName: kind === 'handover' ? 'Đến hạn nộp lưu' : 'Hết thời hạn bảo quản',
    lines: [
      DUE_TITLES[kind].vi.toLocaleUpperCase('vi'),
      `Tính đến ngày ${formatDate(day)} — ${due.length} hồ sơ / as of ${formatDate(day)}, ${due.length} file(s)`,
      `Lập ngày ${formatDate(madeAt.slice(0, 10))}`,
    ],
    columns: columns(kind),
    rows: due.map((d, i) => ({
      cells: {
        stt: i + 1,
        code: d.record.code,
        title: d.record.title,
        end: d.record.endDate ? formatDate(d.record.endDate) : String(d.endYear),
        retention: retentionLabel(d.record.retention),
        since: d.sinceYear,
        notes: [
          d.overdue ? 'Quá hạn nộp lưu' : '',
          kind === 'expired' ? STATE_LABELS[d.record.state].vi : '',
          d.record.notes,
        ]
          .filter(Boolean)
          .join('; '),
      },
    })),
    ...(kind === 'expired'
      ? {
          footnote:
            'Danh sách đề nghị Hội đồng xác định giá trị tài liệu xem xét; VanKho không tự xóa hồ sơ nào. / ' +
            'A proposal for the appraisal council; VanKho deletes nothing by itself.',
        }
      : {}),
  };
}
