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

/** Cue phrases (folded) → relation kind; checked longest first. */
const CUES: ReadonlyArray<readonly [string, CitationKind]> = (
  [
    ['sua doi, bo sung', 'sua_doi'],
    ['sua doi bo sung', 'sua_doi'],
    ['tiep tuc thuc hien', 'thuc_hien'],
    ['huong dan thi hanh', 'huong_dan'],
    ['huong dan thuc hien', 'huong_dan'],
    ['quy dinh chi tiet', 'huong_dan'],
    ['ban hanh kem theo', 'lien_quan'],
    ['xet de nghi', 'theo'],
    ['theo de nghi', 'theo'],
    ['xet', 'theo'],
    ['thuc hien', 'thuc_hien'],
    ['trien khai', 'thuc_hien'],
    ['quan triet', 'thuc_hien'],
    ['can cu', 'can_cu'],
    ['huong dan', 'huong_dan'],
    ['sua doi', 'sua_doi'],
    ['bo sung', 'bo_sung'],
    ['thay the', 'thay_the'],
    ['bai bo', 'bai_bo'],
    ['het hieu luc', 'bai_bo'],
    ['theo', 'theo'],
  ] as const
).slice();

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

/** What may stand between the last separator and the next list item's type name. */
const LIST_ITEM_RE = /^\s*(?:va|hoac|va cac|cac|cung)?\s*$/;

/** The text after the last ";", "," or " và " in folded[from, to). */
function lastListSegment(folded: string, from: number, to: number): string {
  const gap = folded.slice(from, to);
  const cut = Math.max(gap.lastIndexOf(';'), gap.lastIndexOf(','));
  return cut >= 0 ? gap.slice(cut + 1) : '\u0000'; // no separator: not a list item
}

const LIST_GAP_RE = /^[\s,]*(?:va|hoac|va cac|cac)?\s*(?:so)?\s*$/;

const ISSUER_STOP =
  /\s+(?:về|quy định|ban hành|Ban hành|phê duyệt|hướng dẫn|thực hiện|triển khai|sửa đổi|bổ sung|thay thế|bãi bỏ|đã|và số|nay|để|trong|tại)\s|[,;.:()\n]/u;

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
    'chu nhiem|noi chinh|dan van|hai quan|kiem toan|ngan hang|thanh tra|bao hiem|dong bo|thuong truc'
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
    const continues =
      lower ||
      (ISSUER_WORDS.has(word.toLowerCase()) && ISSUER_UNFINISHED.test(text.slice(0, at))) ||
      (first !== first.toLowerCase() && ISSUER_BARE_BO.test(text.slice(0, at)));
    return continues ? ' '.repeat(br.length) : br;
  });
}

function issuerAfter(input: string): { issuer: string; end: number } | null {
  const m = /^\s*,?\s*của\s+/u.exec(input);
  if (!m) return null;
  const text = joinWrappedIssuer(input);
  const rest = text.slice(m[0].length, m[0].length + 160);
  const stop = ISSUER_STOP.exec(rest);
  const clause = stop ? rest.slice(0, stop.index) : rest;
  const next = ISSUER_LIST_STOP.exec(clause);
  const candidate = (next ? clause.slice(0, next.index) : clause).trim();
  // Keep capitalized words, numbers/roman numerals and the lower-case words of a body's name; stop
  // at the first other word ("… Đảng ủy xã Tân Phước đầy đủ" → "Đảng ủy xã Tân Phước").
  const words = candidate.split(/\s+/);
  const folded = words.map((w) => fold(w));
  const kept: string[] = [];
  for (const [i, w] of words.entries()) {
    const first = w[0] ?? '';
    const inCompound =
      ISSUER_COMPOUNDS.has(`${folded[i - 1] ?? ''} ${folded[i]}`) ||
      ISSUER_COMPOUNDS.has(`${folded[i]} ${folded[i + 1] ?? ''}`);
    const ok = first !== first.toLowerCase() || /^[\dIVXLC]+$/.test(w) || ISSUER_WORDS.has(w) || inCompound;
    if (!ok) break;
    kept.push(w);
  }
  while (kept.length > 0 && /^(?:và|của|các)$/u.test(kept[kept.length - 1]!)) kept.pop();
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

/** A type name (folded) ending right before a cue: the cue is a word of that document's title. */
const TITLE_BEFORE_CUE_RE = new RegExp(
  String.raw`(?<![a-z0-9])(?:${TYPE_FOLDED.map((t) => t.folded).join('|')})\s+$`,
);

/** Kinds whose cue words also name documents ("Luật sửa đổi, bổ sung …", "Thông tư hướng dẫn …"). */
const TITLE_KINDS: ReadonlySet<CitationKind> = new Set([
  'sua_doi',
  'bo_sung',
  'huong_dan',
  'thay_the',
  'bai_bo',
]);

/**
 * The cue governing a citation. A cue inside a cited title ("Căn cứ Luật sửa đổi, bổ sung … số
 * 87/2025/QH15") is not the citing sentence's verb: the cue before that title is, if any; with none,
 * the title's own cue stands (the document's own name: "Nghị quyết sửa đổi … Nghị quyết số …").
 */
function governingCue(
  text: string,
  folded: string,
  from: number,
  pos: number,
): { kind: CitationKind; at: number } | null {
  return cueBefore(folded, from, citedTitleStart(text, folded, from, pos)) ?? cueBefore(folded, from, pos);
}

/** Start of the outermost cited title holding a cue before `pos` ("Luật sửa đổi, bổ sung … của Luật …"), or pos. */
function citedTitleStart(text: string, folded: string, from: number, pos: number): number {
  let cue = cueBefore(folded, from, pos);
  while (cue && TITLE_KINDS.has(cue.kind)) {
    const title = TITLE_BEFORE_CUE_RE.exec(folded.slice(Math.max(from, cue.at - 40), cue.at));
    if (!title) break;
    const titleAt = Math.max(from, cue.at - 40) + title.index;
    const c = text[titleAt]!;
    if (c === c.toLowerCase()) break; // type names in citations are capitalized
    pos = titleAt;
    cue = cueBefore(folded, from, titleAt);
  }
  return pos;
}

function cueBefore(folded: string, from: number, pos: number): { kind: CitationKind; at: number } | null {
  let best: { kind: CitationKind; at: number; len: number } | null = null;
  for (const [cue, kind] of CUES) {
    let at = lastWordIndex(folded, cue, pos);
    // "theo dõi" (to monitor) is not "theo" (according to).
    while (at >= 0 && cue === 'theo' && folded.startsWith('theo doi', at))
      at = lastWordIndex(folded, cue, at);
    if (at < from || at < 0) continue;
    // The cue ending last wins; at the same end the longer one ("sửa đổi, bổ sung" over "bổ sung").
    const end = at + cue.length;
    const bestEnd = best ? best.at + best.len : -1;
    if (!best || end > bestEnd || (end === bestEnd && cue.length > best.len))
      best = { kind, at, len: cue.length };
  }
  return best;
}

/**
 * Every citation of another document in the text. `ownNumberKey` (the document's own number)
 * is skipped, so the header "Số: …" is never a citation of itself.
 */
export function extractCitations(input: string, ownNumberKey?: string | null): Citation[] {
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
    clauseStart: number;
    /** Kind of the first citation in prev's clause (between ";"). */
    clauseHeadKind: CitationKind;
  } | null = null;
  for (const d of numbers) {
    const key = docNumberKey(d.raw);
    if (ownNumberKey && key === ownNumberKey) continue;
    const start = clauseStart(text, d.index);
    const sentence = sentenceStart(text, d.index);
    const prevInSentence = prev !== null && prev.tailEnd >= sentence && prev.tailEnd <= d.index;
    const windowFrom = prevInSentence ? prev!.numberEnd : sentence;
    // A list sharing the type word: only ", số", "và số", "," since the previous citation.
    const sharedType = prevInSentence && LIST_GAP_RE.test(folded.slice(prev!.tailEnd, d.index));
    const type = sharedType
      ? null
      : typeBefore(text, folded, prevInSentence ? prev!.tailEnd : sentence, d.index);
    const typeName = sharedType ? prev!.citation.type : (type?.name ?? null);
    const typeStart = type ? type.at : d.index;
    // Without a type word, a number on the document's own header line ("Số: …") is not a citation.
    if (
      !typeName &&
      /(?:^|\n)\s*(?:Số|SỐ|số)(?: ký hiệu)?\s*:?\s*$/u.test(text.slice(Math.max(0, d.index - 20), d.index))
    )
      continue;
    // A list item starts at its title ("…; Luật sửa đổi, bổ sung … của Luật … số B").
    const itemStart = prevInSentence ? citedTitleStart(text, folded, prev!.numberEnd, typeStart) : typeStart;
    let kind: CitationKind;
    if (sharedType) kind = prev!.citation.kind;
    else if (prevInSentence && LIST_ITEM_RE.test(lastListSegment(folded, prev!.numberEnd, itemStart))) {
      // "Căn cứ Nghị định số A … về …; Thông tư số B": a new item of the list the cue introduced.
      // After ";" that is the previous clause's first item, not a document the clause mentions
      // ("…; B của X về thực hiện C; D": D goes with B).
      const gap = folded.slice(prev!.numberEnd, itemStart);
      kind = gap.lastIndexOf(';') > gap.lastIndexOf(',') ? prev!.clauseHeadKind : prev!.citation.kind;
    } else if (prevInSentence && type !== null && LIST_ITEM_RE.test(folded.slice(prev!.tailEnd, typeStart))) {
      // "… số A ngày … của Chính phủ và Chương trình số B".
      kind = prev!.citation.kind;
    } else {
      const cue = governingCue(text, folded, windowFrom, typeStart);
      // "Luật … số 64/2025/QH15 được sửa đổi, bổ sung bởi Luật số 87/2025/QH15": the passive names the
      // amender of the previous item, cited under the same verb.
      const passive = cue !== null && /(?:^|\s)duoc\s+$/.test(folded.slice(Math.max(0, cue.at - 8), cue.at));
      if (passive && prevInSentence) kind = prev!.citation.kind;
      else kind = cue ? cue.kind : 'lien_quan';
    }
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
    const clauseHeadKind: CitationKind = prev && prev.clauseStart === start ? prev.clauseHeadKind : kind;
    prev = { citation, tailEnd: tail, numberEnd: d.end, clauseStart: start, clauseHeadKind };
  }
  return out;
}

/**
 * One citation per cited number, in order of first mention (the first mention states the relation;
 * texts repeat citations). Date, issuer and type missing at the first mention are taken from later ones.
 */
export function uniqueCitations(citations: readonly Citation[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const c of citations) {
    const prev = seen.get(c.numberKey);
    if (!prev) seen.set(c.numberKey, { ...c });
    else {
      prev.type ??= c.type;
      prev.date ??= c.date;
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
