// Abbreviations of party and state documents with their expansions (docs/vietnamese-text.md §5),
// for query expansion in both directions: UBND ⇄ ủy ban nhân dân. Data-driven on purpose: old codes
// (HU, QU, BKHĐT …) stay valid for historical documents after the 2025 reorganisation.

import { fold } from './normalize.js';

export type AbbreviationCategory = 'body' | 'title' | 'policy' | 'type' | 'marker';

export interface Abbreviation {
  /** As written in documents ("UBND", "HĐND", "TTg", "V/v"). */
  abbr: string;
  /** Expansions, most common first. */
  expansions: readonly string[];
  category: AbbreviationCategory;
  /** True when the abbreviation has unrelated meanings (CT = chỉ thị / chủ tịch): expand with care. */
  ambiguous?: boolean;
}

const A = (
  abbr: string,
  expansions: string[],
  category: AbbreviationCategory,
  ambiguous = false,
): Abbreviation => (ambiguous ? { abbr, expansions, category, ambiguous } : { abbr, expansions, category });

export const ABBREVIATIONS: readonly Abbreviation[] = [
  // Bodies and titles
  A('UBND', ['ủy ban nhân dân'], 'body'),
  A('HĐND', ['hội đồng nhân dân'], 'body'),
  A('MTTQ', ['mặt trận tổ quốc'], 'body'),
  A('UBMTTQ', ['ủy ban mặt trận tổ quốc'], 'body'),
  A('CP', ['chính phủ'], 'body'),
  A('TTg', ['thủ tướng chính phủ', 'thủ tướng'], 'body'),
  A('QH', ['quốc hội'], 'body'),
  A('UBTVQH', ['ủy ban thường vụ quốc hội'], 'body'),
  A('ĐBQH', ['đại biểu quốc hội'], 'body'),
  A('VPCP', ['văn phòng chính phủ'], 'body'),
  A('VPTW', ['văn phòng trung ương đảng', 'văn phòng trung ương'], 'body'),
  A('TW', ['trung ương'], 'body'),
  A('TƯ', ['trung ương'], 'body'),
  A('BCH', ['ban chấp hành'], 'body'),
  A('BCHTW', ['ban chấp hành trung ương'], 'body'),
  A('BTV', ['ban thường vụ'], 'body'),
  A('BCT', ['bộ chính trị'], 'body'),
  A('BBT', ['ban bí thư'], 'body'),
  A('TU', ['tỉnh ủy', 'thành ủy'], 'body', true),
  A('HU', ['huyện ủy'], 'body'),
  A('QU', ['quận ủy'], 'body'),
  A('ThU', ['thị ủy'], 'body'),
  A('ĐU', ['đảng ủy'], 'body'),
  A('ĐUK', ['đảng ủy khối'], 'body'),
  A('CB', ['chi bộ'], 'body'),
  A('BCSĐ', ['ban cán sự đảng'], 'body'),
  A('ĐĐ', ['đảng đoàn'], 'body'),
  A('UBKT', ['ủy ban kiểm tra'], 'body'),
  A('UBKTTW', ['ủy ban kiểm tra trung ương'], 'body'),
  A('BTC', ['ban tổ chức', 'bộ tài chính'], 'body', true),
  A('BTCTW', ['ban tổ chức trung ương'], 'body'),
  A('BTG', ['ban tuyên giáo'], 'body'),
  A('BTGTW', ['ban tuyên giáo trung ương'], 'body'),
  A('BDV', ['ban dân vận'], 'body'),
  A('BCĐ', ['ban chỉ đạo'], 'body'),
  A('TCCS', ['tổ chức cơ sở'], 'body'),
  A('TCCSĐ', ['tổ chức cơ sở đảng'], 'body'),
  A('ĐCSVN', ['đảng cộng sản việt nam'], 'body'),
  A('CHXHCN', ['cộng hòa xã hội chủ nghĩa'], 'body'),
  A('XHCN', ['xã hội chủ nghĩa'], 'policy'),
  A('CNXH', ['chủ nghĩa xã hội'], 'policy'),
  A('ĐTN', ['đoàn thanh niên'], 'body'),
  A('TNCS HCM', ['thanh niên cộng sản hồ chí minh'], 'body'),
  A('LĐLĐ', ['liên đoàn lao động'], 'body'),
  A('HLHPN', ['hội liên hiệp phụ nữ'], 'body'),
  A('HND', ['hội nông dân'], 'body'),
  A('CCB', ['cựu chiến binh'], 'body'),
  A('CBCCVC', ['cán bộ, công chức, viên chức'], 'body'),
  A('BT', ['bí thư'], 'title'),
  A('PBT', ['phó bí thư'], 'title'),
  A('CT', ['chủ tịch', 'chỉ thị'], 'title', true),
  A('PCT', ['phó chủ tịch'], 'title'),
  A('TUV', ['tỉnh ủy viên'], 'title'),
  A('UVTW', ['ủy viên trung ương'], 'title'),
  A('UVBTV', ['ủy viên ban thường vụ'], 'title'),
  A('TP', ['thành phố'], 'body'),
  A('TX', ['thị xã'], 'body'),
  A('TT', ['thị trấn', 'thông tư', 'thông tri'], 'body', true),
  A('VP', ['văn phòng'], 'body'),
  A('SNV', ['sở nội vụ'], 'body'),
  A('BNV', ['bộ nội vụ'], 'body'),
  // Policy and admin terms
  A('BHYT', ['bảo hiểm y tế'], 'policy'),
  A('BHXH', ['bảo hiểm xã hội'], 'policy'),
  A('BHTN', ['bảo hiểm thất nghiệp'], 'policy'),
  A('NSNN', ['ngân sách nhà nước'], 'policy'),
  A('KT-XH', ['kinh tế - xã hội', 'kinh tế xã hội'], 'policy'),
  A('QP-AN', ['quốc phòng - an ninh', 'quốc phòng an ninh'], 'policy'),
  A('ANTT', ['an ninh trật tự'], 'policy'),
  A('CNH-HĐH', ['công nghiệp hóa, hiện đại hóa'], 'policy'),
  A('TTHC', ['thủ tục hành chính'], 'policy'),
  A('CCHC', ['cải cách hành chính'], 'policy'),
  A('CĐS', ['chuyển đổi số'], 'policy'),
  A('NTM', ['nông thôn mới'], 'policy'),
  A('GPMB', ['giải phóng mặt bằng'], 'policy'),
  A('XDCB', ['xây dựng cơ bản'], 'policy'),
  A('KHCN', ['khoa học và công nghệ', 'khoa học công nghệ'], 'policy'),
  A('GD&ĐT', ['giáo dục và đào tạo'], 'policy'),
  A('CNTT', ['công nghệ thông tin'], 'policy'),
  // Document types (also the type codes in symbols)
  A('QĐ', ['quyết định', 'quy định'], 'type'),
  A('NĐ', ['nghị định'], 'type'),
  A('NQ', ['nghị quyết'], 'type'),
  A('KL', ['kết luận'], 'type'),
  A('HD', ['hướng dẫn'], 'type'),
  A('TB', ['thông báo'], 'type'),
  A('BC', ['báo cáo'], 'type'),
  A('CV', ['công văn'], 'type'),
  A('TTr', ['tờ trình'], 'type'),
  A('CTr', ['chương trình'], 'type'),
  A('KH', ['kế hoạch'], 'type'),
  A('TTLT', ['thông tư liên tịch'], 'type'),
  A('CĐ', ['công điện'], 'type'),
  A('GM', ['giấy mời'], 'type'),
  A('QC', ['quy chế'], 'type'),
  A('ĐA', ['đề án'], 'type'),
  A('PA', ['phương án'], 'type'),
  // Signature and heading markers
  A('V/v', ['về việc'], 'marker'),
  A('K/g', ['kính gửi'], 'marker'),
  A('TM.', ['thay mặt'], 'marker'),
  A('T/M', ['thay mặt'], 'marker'),
  A('KT.', ['ký thay'], 'marker'),
  A('K/T', ['ký thay'], 'marker'),
  A('TL.', ['thừa lệnh'], 'marker'),
  A('T/L', ['thừa lệnh'], 'marker'),
  A('TUQ.', ['thừa ủy quyền'], 'marker'),
];

/** Folded lookup key: lowercase, no marks, separators as written (ubnd, kt-xh, v/v). */
function key(s: string): string {
  return fold(s.trim()).replace(/\s+/g, ' ').replace(/\.$/, '');
}

const BY_ABBR = new Map<string, Abbreviation[]>();
const BY_EXPANSION = new Map<string, Abbreviation[]>();
for (const a of ABBREVIATIONS) {
  const k = key(a.abbr);
  BY_ABBR.set(k, [...(BY_ABBR.get(k) ?? []), a]);
  for (const e of a.expansions) {
    const ek = key(e).replace(/,/g, '');
    BY_EXPANSION.set(ek, [...(BY_EXPANSION.get(ek) ?? []), a]);
  }
}

/** Expansions (accented, lowercase) of an abbreviation typed with or without accents: "ubnd", "HĐND". */
export function expansionsOf(abbr: string): string[] {
  const found = BY_ABBR.get(key(abbr)) ?? [];
  return [...new Set(found.flatMap((a) => a.expansions))];
}

/** Abbreviations of a phrase typed with or without accents: "uy ban nhan dan" → ["UBND"]. */
export function abbreviationsOf(phrase: string): string[] {
  const found = BY_EXPANSION.get(key(phrase).replace(/,/g, '')) ?? [];
  return [...new Set(found.map((a) => a.abbr))];
}

/** The entry for an abbreviation (folded match), or null. */
export function findAbbreviation(abbr: string): Abbreviation | null {
  return BY_ABBR.get(key(abbr))?.[0] ?? null;
}
