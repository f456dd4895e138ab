// References to other documents in running text (docs/vietnamese-text.md §7.2): "căn cứ Nghị định
// số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ", "thực hiện Chương trình số 04-CTr/QU", lists that
// share the type word ("các Chỉ thị số 15/CT-TTg, số 16/CT-TTg và số 19/CT-TTg"). Only symbols that
// parseDocNumbers accepts are considered, so dates, ratios, amounts and phone numbers never are.

import {
  docNumberKey,
  parseDocNumbers,
  PARTY_TYPE_CODES,
  STATE_TYPE_CODES,
  type DocNumber,
} from './doc-number.js';
import { canonicalIssuer } from './issuer-name.js';
import { cleanText, fold } from './normalize.js';
import { leadingDate } from './vi-dates.js';
import { CITED_TYPE_NAMES } from '../../contract/doc-type-names.js';

export type CitationKind =
  'can_cu' | 'thuc_hien' | 'theo' | 'huong_dan' | 'sua_doi' | 'bo_sung' | 'thay_the' | 'bai_bo' | 'lien_quan';

export interface Citation {
  /** The symbol as written (cleaned text), e.g. "30/2020/NĐ-CP". */
  number: string;
  numberKey: string;
  kind: CitationKind;
  /** Type name as the text gives it ("Nghị định"), or null when the text names no type. */
  type: string | null;
  /** yyyy-mm-dd when "ngày …" follows the number. */
  date: string | null;
  /** "của <issuer>" after the number/date, when given. */
  issuer: string | null;
  /** The clause the citation stands in (for display). */
  evidence: string;
  /** Offset of the number in the text. */
  index: number;
  parsed: DocNumber;
}

export { CITED_TYPE_NAMES };
const TYPE_FOLDED = CITED_TYPE_NAMES.map((t) => ({ name: t, folded: fold(t) })).sort(
  (a, b) => b.folded.length - a.folded.length,
);

/**
 * Verbs (folded) that govern the citations of the clause they open, longest first: "Căn cứ A; B"
 * (both căn cứ), "Theo đề nghị …"/"Xét Tờ trình …" (theo), "Thực hiện"/"Triển khai"/"Quán triệt"
 * (thực hiện), and the acts of the document itself ("Điều 1. Bãi bỏ …", title "SỬA ĐỔI, BỔ SUNG …").
 * The same words inside a sentence ("… được thực hiện theo quy định tại Nghị định …", "… Thông tư
 * số A hướng dẫn Nghị định số B") only mention the document.
 */
const OPENING_CUES: ReadonlyArray<readonly [string, CitationKind]> = (
  [
    ['sua doi, bo sung', 'sua_doi'],
    ['sua doi bo sung', 'sua_doi'],
    ['huong dan thi hanh', 'huong_dan'],
    ['huong dan thuc hien', 'huong_dan'],
    ['trien khai thuc hien', 'thuc_hien'],
    ['xet de nghi', 'theo'],
    ['theo de nghi', 'theo'],
    ['thuc hien', 'thuc_hien'],
    ['trien khai', 'thuc_hien'],
    ['quan triet', 'thuc_hien'],
    ['can cu', 'can_cu'],
    ['sua doi', 'sua_doi'],
    ['bo sung', 'bo_sung'],
    ['thay the', 'thay_the'],
    ['bai bo', 'bai_bo'],
    ['xet', 'theo'],
    ['theo', 'theo'],
  ] as const
).slice();

/** "Theo đó" (accordingly) and "theo dõi" (to monitor) open no citation. */
const NOT_A_CUE_RE = /^theo (?:do|doi)(?![a-z0-9])/;

/** Words before the verb that leave it the clause's verb: "Về việc bãi bỏ …", "Để triển khai …". */
const LEAD_WORDS_RE = /^(?:(?:ve viec|v\/v|ve|dong thoi|de|nham|tiep tuc|to chuc)[\s,]+)+/;

/** List markers and article heads at a clause start: "- ", "a) ", "1.2. ", "II. ", "Điều 3. ". */
const MARKER_RE =
  /^(?:[-+•*–]\s*|\(?\d+(?:\.\d+)*[.)]\s*|\(?[a-zđ]\)\s*|[IVXLC]+\.\s+|(?:Điều|ĐIỀU)\s+\d+[a-zđ]?\.\s*)+/u;

/** A line that starts a new clause whatever ends the line before it. */
const LINE_START_RE =
  /^(?:[-+•*–]\s|\(?\d+(?:\.\d+)*[.)]\s|\(?[a-zđ]\)\s|[IVXLC]+\.\s|(?:Điều|ĐIỀU|Chương|CHƯƠNG|Mục|MỤC)\s+[\dIVXLC]|V\/v\s|Về việc\s)/u;

/** Verbs a clause opens with, Title-case in running text: a new clause even without a break before. */
const TITLE_CASE_CUE_RE =
  /^(?:Căn cứ|Xét|Theo đề nghị|Thực hiện|Triển khai|Quán triệt|Bãi bỏ|Để (?:hướng dẫn|triển khai|thực hiện|quán triệt))(?![\p{L}\d])/u;

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** Find `needle` as whole words in `hay` (both folded), last occurrence at or before `before`. */
function lastWordIndex(hay: string, needle: string, before: number): number {
  let from = before - needle.length;
  while (from >= 0) {
    const i = hay.lastIndexOf(needle, from);
    if (i < 0) return -1;
    if (!isWordChar(hay[i - 1]) && !isWordChar(hay[i + needle.length])) return i;
    from = i - 1;
  }
  return -1;
}

/** A line break ends a clause after ".;:" or before a bullet; wrapped lines continue it. */
function hardBreak(text: string, i: number): boolean {
  const before = text[i - 1] ?? '';
  const after = text[i + 1] ?? '';
  return (
    before === '.' || before === ';' || before === ':' || after === '-' || after === '+' || after === '•'
  );
}

/** Start of the clause holding `index`: after the last ";", sentence-ending ". " or hard line break. */
function clauseStart(text: string, index: number): number {
  for (let i = index - 1; i >= 0 && i > index - 400; i--) {
    const c = text[i];
    if (c === ';' || (c === '\n' && hardBreak(text, i))) return i + 1;
    if (c === ':' && text[i + 1] === ' ') return i + 1; // "Công tác quán triệt, triển khai: …"
    if (c === '.' && (text[i + 1] === ' ' || text[i + 1] === '\n') && !/\d/.test(text[i - 1] ?? ''))
      return i + 1;
  }
  return Math.max(0, index - 400);
}

/**
 * Start of the sentence holding `index`: a cue governs its list across ";" ("Căn cứ A; B, …"), up
 * to a sentence end (". "), a ":" or a line break after ".", ":" or before a bullet / numbered item.
 */
function sentenceStart(text: string, index: number): number {
  for (let i = index - 1; i >= 0 && i > index - 800; i--) {
    const c = text[i];
    if (c === '\n') {
      const before = text[i - 1] ?? '';
      if (before === '.' || before === ':' || /^[-+•]|^\d+\.\s|^[a-zđ]\)\s/u.test(text.slice(i + 1, i + 5)))
        return i + 1;
    }
    if (
      (c === ':' || c === '.') &&
      (text[i + 1] === ' ' || text[i + 1] === '\n') &&
      !/\d/.test(text[i - 1] ?? '')
    )
      return i + 1;
  }
  return Math.max(0, index - 800);
}

function clauseEnd(text: string, index: number): number {
  for (let i = index; i < text.length && i < index + 400; i++) {
    const c = text[i];
    if (c === ';' || (c === '\n' && hardBreak(text, i))) return i;
    if (c === '.' && (i + 1 >= text.length || text[i + 1] === ' ' || text[i + 1] === '\n')) return i + 1;
  }
  return Math.min(text.length, index + 400);
}

const LIST_GAP_RE = /^[\s,]*(?:va|hoac|va cac|cac)?\s*(?:so)?\s*$/;

/** Where an issuer ends; case-insensitive, as titles in capitals cite "… CỦA HỘI ĐỒNG NHÂN DÂN TỈNH … VỀ …". */
const ISSUER_STOP =
  /\s+(?:về|quy định|ban hành|phê duyệt|hướng dẫn|thực hiện|triển khai|sửa đổi|bổ sung|thay thế|bãi bỏ|đã|và số|nay|để|trong|tại)(?=[\s,;.:]|$)|[,;.:()\n]/giu;

/** Positions a name can hold at once: "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ". */
const POSITION_RE =
  /(?:^|\s)(?:Bộ trưởng|Thứ trưởng|Chủ tịch|Phó Chủ tịch|Chủ nhiệm|Tổng cục trưởng|Cục trưởng|Giám đốc|Tổng Giám đốc|Trưởng ban|Thủ trưởng|Viện trưởng|Chánh án)$/u;
const POSITION_NEXT_RE =
  /^\s*(?:Bộ trưởng|Thứ trưởng|Chủ tịch|Phó Chủ tịch|Chủ nhiệm|Tổng cục trưởng|Cục trưởng|Giám đốc|Tổng Giám đốc|Trưởng ban|Thủ trưởng|Viện trưởng|Chánh án)(?![\p{L}\d])/u;

/**
 * A comma inside a body's name: between two positions one person holds ("Bộ trưởng, Chủ nhiệm …")
 * or in a ministry named by a list of fields ("Bộ Văn hóa, Thể thao và Du lịch": the word after
 * the comma is a field of ISSUER_COMPOUNDS in capitals).
 */
function commaInsideName(before: string, after: string): boolean {
  if (POSITION_RE.test(before.trimEnd()) && POSITION_NEXT_RE.test(after)) return true;
  // "Văn hóa, Thể thao và Du lịch": a field, then "và" and the last field within a few words.
  const m = /^\s*(\p{Lu}\p{Ll}*)\s+(\p{Ll}+)(?:\s+[^\s,;.:()]+){0,3}?\s+và\s+\p{Lu}/u.exec(after);
  return m !== null && ISSUER_COMPOUNDS.has(`${fold(m[1]!)} ${fold(m[2]!)}`);
}

/** "và" before the next cited document's type name ends an issuer: "của Chính phủ và Chương trình …". */
const ISSUER_LIST_STOP = new RegExp(
  String.raw`\s+(?:và|hoặc)\s+(?=(?:${CITED_TYPE_NAMES.join('|')})(?![\p{L}\d]))`,
  'u',
);

/** Lower-case words that belong inside an issuer's name ("Ban Chấp hành Đảng bộ huyện", "Ủy ban nhân dân tỉnh"). */
const ISSUER_WORDS = new Set(
  (
    'tỉnh huyện xã quận phường thị trấn thành phố ủy bộ đảng nhân dân chính phủ hội đồng ban chấp hành thường vụ ' +
    'khóa khoá trung ương chủ tịch tướng cán sự nghị lần thứ nhất hai ba tư năm sáu bảy tám chín mười kiểm tra tổ chức ' +
    'tuyên giáo vận văn phòng quốc liên tịch đoàn mặt trận và cấp sở chỉ đạo khối'
  ).split(' '),
);

/**
 * Two-syllable words of body names whose second syllable is written in lower case ("Bộ Chính trị",
 * "Ban Bí thư", "Bộ Tài chính", "Bộ Y tế", "Bộ trưởng"): Vietnamese capitalizes only the first
 * syllable, so the word filter of issuerAfter must not cut the name there. Folded.
 */
const ISSUER_COMPOUNDS = new Set(
  (
    'chinh tri|bi thu|tai chinh|y te|cong an|khoa hoc|cong nghe|ke hoach|dau tu|nong nghiep|moi truong|' +
    'van hoa|the thao|du lich|tu phap|xay dung|quoc phong|ngoai giao|noi vu|giao duc|dao tao|cong thuong|' +
    'thong tin|truyen thong|lao dong|thuong binh|xa hoi|dan toc|ton giao|tai nguyen|phat trien|nong thon|' +
    'giao thong|van tai|tham phan|toa an|kiem sat|nha nuoc|bo truong|thu truong|cuc truong|tong cuc|' +
    'chu nhiem|noi chinh|dan van|hai quan|kiem toan|ngan hang|thanh tra|bao hiem|dong bo|thuong truc|' +
    'phap che|giam sat|chi cuc|khu vuc|cong ty|co phan|tich nuoc|cong hoa|chu nghia'
  ).split('|'),
);

/** Issuer words that never end a name, so a capitalized next line continues it ("của Thủ⏎Tướng …"). */
const ISSUER_UNFINISHED = /(?:^|\s)(?:Thủ|Ủy|Uỷ|Ban|Hội|Chính|Chấp|Mặt|Thường|Bộ|Bộ trưởng|Thủ tướng)$/u;

/** A bare "Bộ" never ends a name: any capitalized next line is the ministry ("của Bộ⏎Tài chính"). */
const ISSUER_BARE_BO = /(?:^|\s)Bộ$/u;

/**
 * Line breaks inside a wrapped issuer name made spaces (same length): "của Thủ⏎tướng Chính phủ". A
 * break is joined when the next line starts in lower case (the word filter of issuerAfter then
 * decides what belongs to the name), or starts with an issuer word right after a word that cannot
 * end a name. Other breaks (a heading, a new paragraph) still end the issuer.
 */
function joinWrappedIssuer(text: string): string {
  return text.replace(/[ \t]*\n(?=([^\s]+))/gu, (br: string, next: string, at: number) => {
    const first = next[0]!;
    const word = next.replace(/[,;.:()]+$/u, '');
    const lower = first === first.toLowerCase() && first !== first.toUpperCase();
    const before = text.slice(0, at);
    const continues =
      lower ||
      (ISSUER_WORDS.has(word.toLowerCase()) && ISSUER_UNFINISHED.test(before)) ||
      (first !== first.toLowerCase() && ISSUER_BARE_BO.test(before)) ||
      capitalContinues(before, text.slice(at + br.length, at + br.length + 40));
    return continues ? ' '.repeat(br.length) : br;
  });
}

/** What a line can start with that is not the rest of a name: a clause, a heading, a type name. */
const NOT_NAME_LINE_RE = new RegExp(
  String.raw`^(?:Căn cứ|Theo|Xét|Thực hiện|Triển khai|Quán triệt|Bãi bỏ|Thay thế|Sửa đổi|Bổ sung|Điều|ĐIỀU|Chương|CHƯƠNG|Mục|Phần|Về|VỀ|V/v|Kính gửi|Nơi nhận|Để|Đề nghị|Nay|Trong|Tại|Từ|Sau|Ngày|QUYẾT NGHỊ|${CITED_TYPE_NAMES.join('|')}|${CITED_TYPE_NAMES.map((t) => t.toUpperCase()).join('|')})(?![\p{L}\d])`,
  'u',
);

/**
 * A name wrapped before a capitalized word goes on ("của Thuế tỉnh Quảng⏎Trị", "của Ban Thường vụ⏎
 * Tỉnh ủy", "CỦA HỘI ĐỒNG NHÂN DÂN TỈNH⏎THỪA THIÊN HUẾ"), unless that line starts a clause, a heading
 * or a cited type, or is in capitals under a line that is not (a heading under a title line).
 */
function capitalContinues(before: string, nextLine: string): boolean {
  const first = nextLine[0] ?? '';
  if (first === first.toLowerCase() || NOT_NAME_LINE_RE.test(nextLine)) return false;
  const lastLine = before.slice(before.lastIndexOf('\n') + 1);
  const lastWord = /(\p{L}+)[\s,–-]*$/u.exec(lastLine)?.[1];
  if (!lastWord) return false;
  const nextWord = /^\p{L}+/u.exec(nextLine)?.[0] ?? '';
  const caps = (w: string) => w.length > 1 && w === w.toUpperCase();
  return !caps(nextWord) || caps(lastWord);
}

function issuerAfter(input: string): { issuer: string; end: number } | null {
  // "CỦA CỦA …": a doubled word of a title in capitals.
  const m = /^\s*,?\s*(?:(?:của|CỦA)\s+)+/u.exec(input);
  if (!m) return null;
  const text = joinWrappedIssuer(input);
  const rest = text.slice(m[0].length, m[0].length + 160);
  ISSUER_STOP.lastIndex = 0;
  let stop = ISSUER_STOP.exec(rest);
  while (stop && stop[0] === ',' && commaInsideName(rest.slice(0, stop.index), rest.slice(stop.index + 1)))
    stop = ISSUER_STOP.exec(rest);
  const clause = stop ? rest.slice(0, stop.index) : rest;
  const next = ISSUER_LIST_STOP.exec(clause);
  const candidate = (next ? clause.slice(0, next.index) : clause).trim();
  // Keep capitalized words, numbers/roman numerals and the lower-case words of a body's name; stop
  // at the first other word ("… Đảng ủy xã Tân Phước đầy đủ" → "Đảng ủy xã Tân Phước").
  const words = candidate.split(/\s+/);
  // A comma kept inside the name (commaInsideName) is not part of the word it follows.
  const folded = words.map((w) => fold(w).replace(/,$/, ''));
  const kept: string[] = [];
  for (const [i, raw] of words.entries()) {
    const w = raw.replace(/,$/, '');
    // A dash between capitalized words joins a name: "Lao động - Thương binh", "SÀI GÒN - BẾN TRE".
    if (/^[-–]$/.test(w)) {
      const n = words[i + 1]?.[0] ?? '';
      if (kept.length === 0 || n === n.toLowerCase()) break;
      kept.push(raw);
      continue;
    }
    const first = w[0] ?? '';
    const inCompound =
      ISSUER_COMPOUNDS.has(`${folded[i - 1] ?? ''} ${folded[i]}`) ||
      ISSUER_COMPOUNDS.has(`${folded[i]} ${folded[i + 1] ?? ''}`);
    const ok = first !== first.toLowerCase() || /^[\dIVXLC]+$/.test(w) || ISSUER_WORDS.has(w) || inCompound;
    if (!ok) break;
    kept.push(raw);
  }
  while (kept.length > 0 && /^(?:và|của|các|[-–])$/u.test(kept[kept.length - 1]!)) kept.pop();
  if (kept.length > 0) kept[kept.length - 1] = kept[kept.length - 1]!.replace(/,$/, '');
  const issuer = kept.join(' ');
  if (issuer.length < 2 || issuer.length > 120 || issuer[0] === issuer[0]!.toLowerCase()) return null;
  const at = text.indexOf(issuer, m[0].length);
  return { issuer, end: at + issuer.length };
}

/** Lines that are only a rule ("-----", "_____", "***") under a heading: layout, not evidence. */
const RULE_LINE_RE = /^[ \t]*[-_=*.…~]{3,}[ \t]*$/gmu;

/** The clause as evidence: rule lines dropped, blank lines collapsed, trimmed. */
function withoutRules(clause: string): string {
  return clause
    .replace(RULE_LINE_RE, '')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** A type name ending right before `pos` (allowing "số" and a few words of a law's name). */
function typeBefore(
  text: string,
  folded: string,
  from: number,
  pos: number,
): { name: string; at: number } | null {
  let best: { name: string; at: number } | null = null;
  for (const t of TYPE_FOLDED) {
    // Type names in citations are capitalized ("Quyết định"); lower-case "văn bản", "pháp luật" are
    // prose, so the capitalized one before them counts ("Luật Ban hành văn bản quy phạm pháp luật số …").
    let at = lastWordIndex(folded, t.folded, pos);
    while (at >= from && at >= 0 && text[at] === text[at]!.toLowerCase())
      at = lastWordIndex(folded, t.folded, at);
    if (at < from || at < 0) continue;
    if (!best || at > best.at) best = { name: text.slice(at, at + t.folded.length).replace(/\s+/g, ' '), at };
  }
  return best;
}

/** The clause-opening verb at `start` (after list markers and lead words), if any. */
function openingCueAt(text: string, folded: string, start: number): CitationKind | null {
  let i = start;
  while (i < folded.length && /\s/.test(folded[i]!)) i++;
  const marker = MARKER_RE.exec(text.slice(i, i + 24));
  if (marker) i += marker[0].length;
  const lead = LEAD_WORDS_RE.exec(folded.slice(i, i + 40));
  if (lead) i += lead[0].length;
  const head = folded.slice(i, i + 40);
  if (NOT_A_CUE_RE.test(head)) return null;
  for (const [cue, kind] of OPENING_CUES)
    if (head.startsWith(cue) && !isWordChar(head[cue.length])) return kind;
  return null;
}

/** Whether the clause at `start` opens with a cited document (a list item): "Thông tư số …", "số …". */
function opensWithItem(text: string, folded: string, start: number): boolean {
  let i = start;
  while (i < folded.length && /\s/.test(folded[i]!)) i++;
  const marker = MARKER_RE.exec(text.slice(i, i + 24));
  if (marker) i += marker[0].length;
  const join = /^(?:va|hoac|cac|cung)\s+/.exec(folded.slice(i, i + 12));
  if (join) i += join[0].length;
  if (/^so(?![a-z0-9])/.test(folded.slice(i, i + 3))) return true;
  const c = text[i];
  if (c === undefined || c === c.toLowerCase()) return false;
  // "Điều 1. Quyết định này …" and the "QUYẾT ĐỊNH:" heading name the document itself, not an item of a
  // list a "Căn cứ" before them would govern.
  if (marker && /^(?:Điều|ĐIỀU)\s/u.test(marker[0].trimStart())) return false;
  return TYPE_FOLDED.some(
    (t) =>
      folded.startsWith(t.folded, i) &&
      !isWordChar(folded[i + t.folded.length]) &&
      !/^\s+nay(?![a-z0-9])/.test(folded.slice(i + t.folded.length, i + t.folded.length + 6)) &&
      !headingLineAt(text, folded, i),
  );
}

/** Whether the line at `i` is only a type heading ("QUYẾT ĐỊNH:", "NGHỊ QUYẾT"). */
function headingLineAt(text: string, folded: string, i: number): boolean {
  const nl = text.indexOf('\n', i);
  return headingLineBefore(text, folded, nl < 0 ? text.length : nl);
}

/**
 * A clause after ";" that starts in lower case goes on with the list before it ("Theo đề nghị của
 * Sở A tại Tờ trình số 1; ý kiến thẩm định của Sở B tại Báo cáo số 2"): a new clause of a preamble
 * or an item starts with a capital or a marker.
 */
function continuesList(text: string, start: number): boolean {
  const m = /^\s*(\p{L})/u.exec(text.slice(start, start + 8));
  if (!m) return false;
  const c = m[1]!;
  return (
    c === c.toLowerCase() && c !== c.toUpperCase() && /;\s*$/.test(text.slice(Math.max(0, start - 3), start))
  );
}

/** Whether the line ending before `nl` is only a type heading ("QUYẾT ĐỊNH", "NGHỊ QUYẾT"). */
function headingLineBefore(text: string, folded: string, nl: number): boolean {
  const from = text.lastIndexOf('\n', nl - 1) + 1;
  const line = text.slice(from, nl).trim();
  if (line === '' || line !== line.toUpperCase()) return false;
  const f = folded.slice(from, nl).trim().replace(/:$/, '');
  return f === 'quyet nghi' || TYPE_FOLDED.some((t) => t.folded === f);
}

/**
 * Start of the clause holding `index`, for its opening verb: after ";", a sentence end, a ":" that
 * does not introduce numbers ("các Quyết định: số …", "Tờ trình số: …"), a paragraph or heading break,
 * a line that starts a list item, article or title line; or at a Title-case verb that opens a clause
 * without a break before it (flattened text: "… năm 2024 QUYẾT ĐỊNH VỀ … Căn cứ …").
 */
function openingStart(text: string, folded: string, index: number): number {
  const limit = Math.max(0, index - 1200);
  for (let i = index - 1; i >= limit; i--) {
    const c = text[i]!;
    if (c === ';') return i + 1;
    if (c === '.' && /\s/.test(text[i + 1] ?? '') && !abbreviationDot(text, i) && !markerDot(text, i))
      return i + 1;
    if (c === ':' && /\s/.test(text[i + 1] ?? '') && colonEnds(folded, i)) return i + 1;
    if (c === '\n') {
      const prevEnd = text.slice(Math.max(0, i - 3), i).trimEnd();
      if (
        text[i - 1] === '\n' ||
        /[.;]$/.test(prevEnd) ||
        (prevEnd.endsWith(':') && colonEnds(folded, text.lastIndexOf(':', i))) ||
        LINE_START_RE.test(text.slice(i + 1, i + 16)) ||
        headingLineBefore(text, folded, i)
      )
        return i + 1;
    }
    if (/\s/.test(c) && TITLE_CASE_CUE_RE.test(text.slice(i + 1, i + 16))) return i + 1;
  }
  return limit;
}

/** A ":" ends a clause unless numbers follow it: "các Quyết định: số …", "Tờ trình số: 421/…". */
function colonEnds(folded: string, i: number): boolean {
  const before = folded.slice(Math.max(0, i - 3), i);
  const after = folded.slice(i + 1, i + 8).trimStart();
  return !/(?:^|\s)so$/.test(before) && !/^so(?![a-z0-9])/.test(after) && !/^\d/.test(after);
}

/** "TP. Hồ Chí Minh", "TX. …": a dot of a short capitalized abbreviation ends nothing. */
function abbreviationDot(text: string, i: number): boolean {
  return /(?:^|[^\p{L}])(?:TP|Tp|TX|TT|ThS|TS|PGS|GS)$/u.test(text.slice(Math.max(0, i - 4), i));
}

/** The dot of a list or article number at a line start ("1.", "1.2.", "II.", "Điều 3."). */
function markerDot(text: string, i: number): boolean {
  const from = text.lastIndexOf('\n', i - 1) + 1;
  return /^\s*(?:[-+•*]\s*)?(?:\(?\d+(?:\.\d+)*|[IVXLC]+|(?:Điều|ĐIỀU)\s+\d+[a-zđ]?)$/u.test(
    text.slice(from, i),
  );
}

/** ", Ủy ban nhân dân tỉnh …": a body after a comma is a new subject, out of the opening verb's reach. */
const NEW_SUBJECT_RE =
  /,\s+(?:Ủy ban|UBND|HĐND|Hội đồng|Ban|Bộ|Sở|Cục|Tổng cục|Chi cục|Chính phủ|Thủ tướng|Tỉnh ủy|Thành ủy|Huyện ủy|Đảng ủy|Văn phòng|Chủ tịch|Thuế|Kho bạc|Công an|Quốc hội|Thường trực|Tòa án|Viện|Trung tâm|Phòng)(?![\p{L}\d])/u;

/**
 * Verbs that, directly before a citation, govern it wherever they stand ("… nâng cao hiệu quả thực
 * hiện Kết luận số …"), also with a manner word between ("thực hiện nghiêm Chỉ thị số …").
 */
const DIRECT_CUE_RE =
  /(?:^|\s)(?:thuc hien|trien khai|quan triet)\s+(?:(?:nghiem tuc|nghiem|tot|co hieu qua|hieu qua|day du|kip thoi|quyet liet|dong bo|thang loi)\s+)?(?:cac\s+)?$/;

const PASSIVE_RE = /(?:^|\s)(?:duoc|bi)\s+(?:sua doi,?\s+)?$/;

/** "Quyết định này … thay thế Quyết định số …": the document itself acts on what it cites. */
function ownAct(folded: string, from: number, pos: number, ownType: string | null): CitationKind | null {
  const clause = folded.slice(from, pos);
  const types = ownType ? [fold(ownType)] : TYPE_FOLDED.map((t) => t.folded);
  let best: { kind: CitationKind; at: number } | null = null;
  for (const t of types) {
    const self = lastWordIndex(clause, `${t} nay`, clause.length);
    if (self < 0) continue;
    for (const [cue, kind] of OPENING_CUES) {
      if (!['sua_doi', 'bo_sung', 'thay_the', 'bai_bo'].includes(kind)) continue;
      let at = clause.indexOf(cue, self);
      // "… đã được sửa đổi, bổ sung bởi …" names another amender, not this document's act.
      while (
        at >= 0 &&
        (isWordChar(clause[at - 1]) ||
          isWordChar(clause[at + cue.length]) ||
          PASSIVE_RE.test(clause.slice(Math.max(0, at - 16), at)))
      )
        at = clause.indexOf(cue, at + 1);
      if (at >= 0 && (!best || at < best.at)) best = { kind, at };
    }
  }
  return best?.kind ?? null;
}

/**
 * The relation of the citation whose item starts at `pos`: the verb opening its clause, or the
 * clause a list of items continues ("Căn cứ A;⏎B;⏎- C"); else the document's own act on it; else a
 * "thực hiện" right before it; else a mention.
 */
function relationAt(text: string, folded: string, pos: number, ownType: string | null): CitationKind {
  const own = openingStart(text, folded, pos);
  let start = own;
  for (let hops = 0; hops < 40; hops++) {
    const cue = openingCueAt(text, folded, start);
    if (cue) {
      if (!NEW_SUBJECT_RE.test(text.slice(own, pos))) return cue;
      break;
    }
    if (!opensWithItem(text, folded, start) && !continuesList(text, start)) break;
    // A list item: the clause before it governs when the list goes on across ";" or ":".
    const before = text.slice(Math.max(0, start - 4), start).trimEnd();
    if (!/[;:,]$/.test(before) || start === 0) break;
    start = openingStart(text, folded, text.lastIndexOf(before.slice(-1), start - 1));
  }
  const act = ownAct(folded, own, pos, ownType);
  if (act) return act;
  if (DIRECT_CUE_RE.test(folded.slice(Math.max(0, pos - 40), pos))) return 'thuc_hien';
  return 'lien_quan';
}

/**
 * Every citation of another document in the text. `ownNumberKey` (the document's own number)
 * is skipped, so the header "Số: …" is never a citation of itself.
 */
export function extractCitations(
  input: string,
  ownNumberKey?: string | null,
  ownType: string | null = null,
): Citation[] {
  const text = cleanText(input); // idempotent on stored pages; offsets below refer to it
  const numbers = parseDocNumbers(text);
  if (numbers.length === 0) return [];
  // Folded with line breaks as spaces (same length): wrapped lines split "Tờ⏎trình".
  const folded = fold(text).replace(/\n/g, ' ');
  const out: Citation[] = [];
  let prev: {
    citation: Citation;
    tailEnd: number;
    numberEnd: number;
  } | null = null;
  for (const d of numbers) {
    const key = docNumberKey(d.raw);
    if (ownNumberKey && key === ownNumberKey) continue;
    const start = clauseStart(text, d.index);
    const sentence = sentenceStart(text, d.index);
    const prevInSentence = prev !== null && prev.tailEnd >= sentence && prev.tailEnd <= d.index;
    // A list sharing the type word: only ", số", "và số", "," since the previous citation.
    const sharedType = prevInSentence && LIST_GAP_RE.test(folded.slice(prev!.tailEnd, d.index));
    // A type word before the last ";" names an earlier item, never this one.
    const typeFrom = Math.max(prevInSentence ? prev!.tailEnd : sentence, text.lastIndexOf(';', d.index) + 1);
    const type = sharedType ? null : typeBefore(text, folded, typeFrom, d.index);
    const typeName = sharedType ? prev!.citation.type : (type?.name ?? null);
    const typeStart = type ? type.at : d.index;
    // Without a type word, a number on the document's own header line ("Số: …") is not a citation.
    if (
      !typeName &&
      /(?:^|\n)\s*(?:Số|SỐ|số)(?: ký hiệu)?\s*:?\s*$/u.test(text.slice(Math.max(0, d.index - 20), d.index))
    )
      continue;
    const kind = sharedType ? prev!.citation.kind : relationAt(text, folded, typeStart, ownType);
    let tail = d.end;
    const date = leadingDate(text.slice(tail, tail + 60));
    if (date) tail += date.end;
    const iss = issuerAfter(text.slice(tail, tail + 200));
    if (iss) tail += iss.end;
    const evidenceStart = start;
    const evidence = withoutRules(text.slice(evidenceStart, clauseEnd(text, d.end))).slice(0, 300);
    const citation: Citation = {
      number: d.raw,
      numberKey: key,
      kind,
      type: typeName,
      date: date?.iso ?? null,
      issuer: iss?.issuer ?? null,
      evidence,
      index: d.index,
      parsed: d,
    };
    out.push(citation);
    prev = { citation, tailEnd: tail, numberEnd: d.end };
  }
  return out;
}

/**
 * How much a relation says of the citing document: its own act on the cited one (bãi bỏ, thay thế,
 * sửa đổi …) over what it is based on (căn cứ), over what it carries out or answers (thực hiện,
 * theo), over a mention. A text names a document several times; the strongest mention is its relation.
 */
const KIND_RANK: Record<CitationKind, number> = {
  bai_bo: 4,
  thay_the: 4,
  sua_doi: 4,
  bo_sung: 4,
  huong_dan: 4,
  can_cu: 3,
  thuc_hien: 2,
  theo: 1,
  lien_quan: 0,
};

const isCapitals = (s: string): boolean => s === s.toUpperCase() && s !== s.toLowerCase();

/**
 * One citation per cited number, in order of first mention, with the strongest relation of its
 * mentions (KIND_RANK; the first of equals) and that mention's evidence. Date, issuer and type
 * missing at the first mention are taken from later ones.
 */
export function uniqueCitations(citations: readonly Citation[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const c of citations) {
    const prev = seen.get(c.numberKey);
    if (!prev) seen.set(c.numberKey, { ...c });
    else {
      if (KIND_RANK[c.kind] > KIND_RANK[prev.kind]) {
        prev.kind = c.kind;
        prev.evidence = c.evidence;
      }
      prev.type ??= c.type;
      prev.date ??= c.date;
      // A title in capitals names the body as the running text does: keep the text's spelling.
      if (prev.issuer && c.issuer && isCapitals(prev.issuer) && !isCapitals(c.issuer))
        if (canonicalIssuer(prev.issuer) === canonicalIssuer(c.issuer)) prev.issuer = c.issuer;
      prev.issuer ??= c.issuer;
    }
  }
  return [...seen.values()];
}

/** The type name implied by a symbol's type code, when the text gives none. */
export function typeNameOfCode(d: DocNumber): string | null {
  if (!d.typeCode) return null;
  const table = d.system === 'party' ? PARTY_TYPE_CODES : STATE_TYPE_CODES;
  return table[d.typeCode] ?? null;
}
