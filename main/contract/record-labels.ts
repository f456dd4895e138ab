// How a hồ sơ's state and a document's line in its mục lục are written: one place for the core
// (printed lists, error texts) and every caller that shows hồ sơ (the CLI).
import type { RecordStateDto } from './dto.js';

export const RECORD_STATE_LABELS: Record<RecordStateDto, { vi: string; en: string }> = {
  open: { vi: 'Đang lập', en: 'open' },
  closed: { vi: 'Đã đóng', en: 'closed' },
  archived: { vi: 'Đã nộp lưu', en: 'handed over to the archive' },
};

/** "Quyết định" + "Về việc ban hành…" → "Quyết định về việc ban hành…"; other titles get "Loại: …". */
export function catalogueSummary(docType: string | null, title: string): string {
  const t = title.trim();
  const type = (docType ?? '').trim();
  if (!type) return t;
  if (t.toLocaleLowerCase('vi').startsWith(type.toLocaleLowerCase('vi'))) return t;
  if (t === '') return type;
  if (/^(về|v\/v)(?=\s|$)/iu.test(t)) return `${type} ${t.charAt(0).toLocaleLowerCase('vi')}${t.slice(1)}`;
  return `${type}: ${t}`;
}
