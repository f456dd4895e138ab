// Documents as an older VanKho left them: text from an extractor since fixed, and the suggestions
// derived from that text. Shared by the re-extraction tests (core and CLI).
import type { Db } from '../../main/core/archive/database.js';
import { enrichDocument } from '../../main/core/archive/enrich-document.js';

/** A district decision that cites the resolution below (12-NQ/HU) and one not in the archive. */
export const QD_UBND = `ỦY BAN NHÂN DÂN
HUYỆN ĐÔNG YÊN
Số: 1520/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đông Yên, ngày 12 tháng 3 năm 2024
QUYẾT ĐỊNH
Về việc thành lập Ban Chỉ đạo chuyển đổi số huyện
CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐÔNG YÊN
Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;
Thực hiện Nghị quyết số 12-NQ/HU ngày 05/01/2024 của Ban Chấp hành Đảng bộ huyện;
QUYẾT ĐỊNH:
Điều 1. Thành lập Ban Chỉ đạo ứng dụng thương mại điện tử.
Nơi nhận:
- Như Điều 1;
- Lưu: VT.
CHỦ TỊCH
Hoàng Minh Đức`;

/** The cited resolution, one paragraph per line (for a DOCX). */
export const NQ_HU = [
  'ĐẢNG BỘ TỈNH LAM GIANG',
  'HUYỆN ỦY ĐÔNG YÊN',
  '*',
  'Số 12-NQ/HU',
  'ĐẢNG CỘNG SẢN VIỆT NAM',
  'Đông Yên, ngày 05 tháng 01 năm 2024',
  'NGHỊ QUYẾT',
  'về đẩy mạnh chuyển đổi số trên địa bàn huyện',
  'Ban Chấp hành Đảng bộ huyện quyết nghị:',
  '1. Đến năm 2025, 100% hồ sơ công việc được xử lý trên môi trường mạng.',
  'Nơi nhận:',
  '- Ban Thường vụ Tỉnh ủy (để báo cáo),',
  '- Lưu Văn phòng Huyện ủy.',
  'T/M HUYỆN ỦY',
  'BÍ THƯ',
  'Trần Quốc Hưng',
];

/**
 * Leaves a document the way an older extractor did: its text replaced by `oldText` (say, a legacy
 * font read without repair) and its suggestions derived from that text by the same enrichment.
 */
export function makeStale(db: Db, documentId: number, oldText: string): void {
  const fileId = db.prepare('SELECT id FROM files WHERE document_id = ?').pluck().get(documentId) as number;
  db.prepare('DELETE FROM pages WHERE file_id = ?').run(fileId);
  db.prepare('INSERT INTO pages (file_id, page_no, text) VALUES (?, 1, ?)').run(fileId, oldText);
  enrichDocument(db, documentId);
}

/**
 * What an older, since-fixed extractor read from a text: a legacy font left unrepaired (letters
 * without their marks) and the last third of the lines lost.
 */
export function olderReading(text: string): string {
  const lines = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/Đ/g, 'D')
    .replace(/đ/g, 'd')
    .split('\n');
  return lines.slice(0, Math.ceil((lines.length * 2) / 3)).join('\n');
}
