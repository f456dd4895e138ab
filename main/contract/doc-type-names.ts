// The names of document types as a text writes them before a number ("Nghị định số 30/2020/NĐ-CP"):
// the citation reader (core/text/extract-citations.ts) and the query's intent read them, and the
// highlighting marks one as a whole, never cut by a syllable pair across its edge
// (main/contract/highlight-rule.ts). Pure data, shared with the renderer.

/** Type names that precede a cited number, longest first so "Thông tư liên tịch" wins over "Thông tư". */
export const CITED_TYPE_NAMES = [
  'Chương trình hành động',
  'Thông tư liên tịch',
  'Thông báo kết luận',
  'Nghị quyết liên tịch',
  'Nghị quyết',
  'Nghị định',
  'Quyết định',
  'Chỉ thị',
  'Thông tư',
  'Thông tri',
  'Thông báo',
  'Kết luận',
  'Quy định',
  'Quy chế',
  'Hướng dẫn',
  'Chương trình',
  'Kế hoạch',
  'Công văn',
  'Văn bản',
  'Công điện',
  'Tờ trình',
  'Báo cáo',
  'Đề án',
  'Phương án',
  'Luật',
  'Bộ luật',
  'Pháp lệnh',
  'Lệnh',
  'Hiến pháp',
  'Điều lệ',
  'Quy hoạch',
  'Biên bản',
];
