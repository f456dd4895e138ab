// Metadata proposed from a document's text (docs/vietnamese-text.md §7.5): số và ký hiệu, system,
// loại văn bản, cơ quan ban hành (+ superior line), địa danh, ngày ban hành, trích yếu, người ký,
// chức vụ, nơi nhận — each with a confidence. Works on cleaned text whose two-column layout may be
// flattened (columns one after the other, or side by side on one line): right-column phrases (the
// national/party motto, the place-date line, authority lines) are recognised and cut out by content.

import { parseDocNumbers, PARTY_TYPE_CODES, STATE_TYPE_CODES, type DocNumber } from './doc-number.js';
import { canonicalize, cleanText, fold } from './normalize.js';
import { isoDate } from './vi-dates.js';
import { layoutHeader } from './header-layout.js';
import { joinIssuerLines } from './issuer-name.js';

export interface Suggestion<T = string> {
  value: T;
  /** 0..1: how sure the extraction is (shown as a suggestion until a person confirms). */
  confidence: number;
}

/** The fields extraction proposes, in display order (contract MetadataField names). */
export const EXTRACTED_FIELDS = [
  'number',
  'system',
  'docType',
  'issuer',
  'issuerSuperior',
  'place',
  'issuedDate',
  'title',
  'signer',
  'signerTitle',
  'recipients',
] as const;
export type ExtractedField = (typeof EXTRACTED_FIELDS)[number];

export interface ExtractedMetadata {
  number?: Suggestion;
  system?: Suggestion<'party' | 'state'>;
  docType?: Suggestion;
  issuer?: Suggestion;
  issuerSuperior?: Suggestion;
  place?: Suggestion;
  /** yyyy-mm-dd */
  issuedDate?: Suggestion;
  title?: Suggestion;
  signer?: Suggestion;
  signerTitle?: Suggestion;
  recipients?: Suggestion<string[]>;
  /** The parsed own number (for number_key and to skip it among citations). */
  parsedNumber?: DocNumber;
}

/** Type names as they head a document (folded, upper-case in the text) → loại văn bản. */
const TITLE_TYPES: ReadonlyArray<readonly [string, string]> = [
  ['chuong trinh hanh dong', 'Chương trình'],
  ['thong bao ket luan', 'Thông báo'],
  ['thong tu lien tich', 'Thông tư liên tịch'],
  ['nghi quyet', 'Nghị quyết'],
  ['nghi dinh', 'Nghị định'],
  ['quyet dinh', 'Quyết định'],
  ['chi thi', 'Chỉ thị'],
  ['thong tu', 'Thông tư'],
  ['thong tri', 'Thông tri'],
  ['thong bao', 'Thông báo'],
  ['thong cao', 'Thông cáo'],
  ['ket luan', 'Kết luận'],
  ['quy dinh', 'Quy định'],
  ['quy che', 'Quy chế'],
  ['huong dan', 'Hướng dẫn'],
  ['chuong trinh', 'Chương trình'],
  ['ke hoach', 'Kế hoạch'],
  ['phuong an', 'Phương án'],
  ['de an', 'Đề án'],
  ['du an', 'Dự án'],
  ['bao cao', 'Báo cáo'],
  ['bien ban', 'Biên bản'],
  ['to trinh', 'Tờ trình'],
  ['cong dien', 'Công điện'],
  ['giay moi', 'Giấy mời'],
  ['giay gioi thieu', 'Giấy giới thiệu'],
  ['giay uy quyen', 'Giấy ủy quyền'],
  ['cong van', 'Công văn'],
  ['luat', 'Luật'],
  ['phap lenh', 'Pháp lệnh'],
];

const MOTTO_STATE = 'cong hoa xa hoi chu nghia viet nam';
const MOTTO_PARTY = 'dang cong san viet nam';
const MOTTO_LINE_RE = /doc lap\s*-*\s*tu do\s*-*\s*hanh phuc/;
/** "…, ngày 05 tháng 01 năm 2021" or with blanks/dots for drafts, or "ngày 28/3/2022" (folded). */
const PLACE_DATE_RE =
  /,?\s*ngay\s*(\d{1,2}|[._…]+)?\s*(?:thang|[/.-])\s*(\d{1,2}|[._…]+)?\s*(?:nam|[/.-])\s*(\d{4}|[._…]+)?/;
const AUTHORITY_RE = /(?:^|\s)(TM\.|T\/M|KT\.|K\/T|TL\.|T\/L|TUQ\.|Q\.)\s*/u;
const SIGNER_TITLE_WORDS = [
  'chu tich',
  'pho chu tich',
  'bi thu',
  'pho bi thu',
  'giam doc',
  'pho giam doc',
  'truong ban',
  'pho truong ban',
  'chanh van phong',
  'pho chanh van phong',
  'truong phong',
  'pho truong phong',
  'thu truong',
  'bo truong',
  'thu tuong',
  'pho thu tuong',
  'chu nhiem',
  'pho chu nhiem',
  'tong giam doc',
  'hieu truong',
  'vien truong',
  'cuc truong',
  'chanh an',
  'vien truong',
  'tong bi thu',
  'uy vien',
  'truong doan',
  'to truong',
  'thu ky',
  'tong kiem toan',
  'pho tong kiem toan',
  'tong cuc truong',
  'pho tong cuc truong',
  'pho cuc truong',
  'thong doc',
  'pho thong doc',
  'chanh thanh tra',
  'chanh an',
];

interface Line {
  text: string;
  folded: string;
}

function toLines(page: string): Line[] {
  return page
    .split('\n')
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .map((text) => ({ text, folded: fold(text) }));
}

function isSeparator(s: string): boolean {
  return /^[-_*=.·•~\s]+$/u.test(s);
}

/** True when every letter is upper-case (at least two letters). */
function isUpper(s: string): boolean {
  let letters = 0;
  for (const ch of s) {
    if (ch.toLowerCase() !== ch.toUpperCase()) {
      if (ch !== ch.toUpperCase()) return false;
      letters++;
    }
  }
  return letters >= 2;
}

/** Cut a span [a, b) out of a line (by folded offsets, which equal text offsets). */
function cut(line: Line, a: number, b: number): Line {
  const text = (line.text.slice(0, a) + ' ' + line.text.slice(b)).replace(/\s+/g, ' ').trim();
  return { text, folded: fold(text) };
}

interface PlaceDate {
  place: string | null;
  iso: string | null;
  start: number;
  end: number;
}

/** The header place-date line in a (possibly merged) line: "Hà Nội, ngày 28 tháng 3 năm 2022". */
function findPlaceDate(line: Line): PlaceDate | null {
  const m = PLACE_DATE_RE.exec(line.folded);
  if (!m) return null;
  const ngay = line.folded.indexOf('ngay', m.index);
  const before = line.text.slice(0, m.index);
  // Place: capitalized words (and numbers such as "Quận 1") right before the comma.
  const words = before.trim().split(' ');
  const place: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    if (w === '') break;
    const first = w[0]!;
    const isCap = first !== first.toLowerCase() && !isUpper(w);
    const isNum = /^\d+$/.test(w) && i > 0;
    const isAbbr = /^(?:TP\.|Tp\.|TX\.|TT\.)$/u.test(w);
    // "Thành phố Huế", "Thị xã …": the unit word is part of the place.
    const isUnit = /^(?:phố|xã|trấn)$/u.test(w) && /^(?:Thành|Thị)$/u.test(words[i - 1] ?? '');
    if (!(isCap || isNum || isAbbr || isUnit) || /[/:]/.test(w)) break;
    place.unshift(w);
    if (place.length >= 5) break;
  }
  const placeText = place.length > 0 ? place.join(' ') : null;
  const start = placeText ? line.text.lastIndexOf(placeText, m.index) : ngay;
  const iso =
    m[1] && m[2] && m[3] && /\d/.test(m[1]) ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  const hasComma = line.folded.slice(m.index, ngay).includes(',');
  if (!hasComma && !placeText) return null;
  return { place: placeText, iso, start: start >= 0 ? start : ngay, end: m.index + m[0].length };
}

/** Remove right-column content (mottos, place-date) from a header line; what remains is the left column. */
function leftColumn(line: Line): Line {
  let l = line;
  for (const motto of [MOTTO_STATE, MOTTO_PARTY]) {
    const i = l.folded.indexOf(motto);
    // Only the printed motto (capitals): "Ngày thành lập Đảng Cộng sản Việt Nam" in a title stays.
    if (i >= 0 && isUpper(l.text.slice(i, i + motto.length))) l = cut(l, i, i + motto.length);
  }
  const m = MOTTO_LINE_RE.exec(l.folded);
  if (m) l = cut(l, m.index, m.index + m[0].length);
  const pd = findPlaceDate(l);
  if (pd?.place) l = cut(l, pd.start, pd.end); // a cited "…, ngày 05/01/2024" has no place before it
  return l;
}

function sentenceCaseType(folded: string): string | null {
  for (const [f, name] of TITLE_TYPES) {
    if (folded === f || folded.startsWith(f + ' ')) return name;
  }
  return null;
}

function typeNameOf(d: DocNumber): string | null {
  if (!d.typeCode) return null;
  const t = (d.system === 'party' ? PARTY_TYPE_CODES : STATE_TYPE_CODES)[d.typeCode];
  return t ?? null;
}

/** Lines that always start the body (never part of a header). */
const BODY_START_RE = /^(?:can cu|kinh gui|k\/g|dieu 1\b)/;
/** Lines that start the body once the trích yếu has begun (a title may itself begin "Thực hiện …"). */
const BODY_AFTER_TITLE_RE = /^(?:thuc hien|theo de nghi|xet de nghi|trien khai|[ivx]+\.|\d+\.)/;

/** The number line: "Số: 12/…", "Số 15-NQ/TU", "Nghị quyết số: 96/2023/QH15" (folded). */
const NUMBER_LINE_RE = new RegExp(
  String.raw`^(?:(?:${TITLE_TYPES.map(([f]) => f).join('|')}) )?so(?: ky hieu)?\s*:?\s*(?:\d|\/|[._…]|$)`,
);

/**
 * The number line with the spaces around "/" and "-" of a number closed up: a header typed with a
 * blank left for the number ("Số:  15 /QĐ-UBND", "Số: 12 / QĐ - UBND") and OCR of one. Used only on
 * the number line, where a number is expected; in running text such spacing stays unparsed.
 */
function closeSeparators(text: string): string {
  return text
    .replace(/(\d)\s*\/\s*(?=[\d\p{Lu}])/gu, '$1/')
    .replace(/(\p{Lu})\s+-\s*(?=\p{Lu})|(\p{Lu})\s*-\s+(?=\p{Lu})/gu, '$1$2-');
}

/** Capitals text: upper-case once document numbers are left out ("136/2025/NĐ-CP" alone is not). */
function isCapsText(s: string): boolean {
  let rest = s;
  for (const d of parseDocNumbers(s).reverse()) rest = rest.slice(0, d.index) + rest.slice(d.end);
  return isUpper(rest);
}

/** The leading words of a line that are in capitals (numbers, quotes and punctuation go along). */
function capsPrefix(text: string): { caps: string; rest: string } {
  const words = text.split(' ');
  let n = 0;
  for (const w of words) {
    const letters = w.replace(/[^\p{L}]/gu, '');
    const neutral = letters.length === 0 || /\d|\//.test(w);
    if (!neutral && letters !== letters.toUpperCase()) break;
    n++;
  }
  return { caps: words.slice(0, n).join(' '), rest: words.slice(n).join(' ') };
}

/** Folded type names, shortest first: where a heading that goes on with its title is cut. */
const TITLE_TYPES_SHORT = [...TITLE_TYPES].sort((a, b) => a[0].length - b[0].length);

/** A type heading starting at left[i] (possibly wrapped onto the next line), with any title text after it. */
function typeHeadingAt(left: Line[], i: number): { type: string; lastLine: number; rest: string } | null {
  const l = left[i]!;
  if (!l.text) return null;
  const { caps } = capsPrefix(l.text);
  if (caps.split(' ').length < 1 || !isUpper(caps)) return null;
  const f = fold(caps).replace(/[:.]$/, '');
  const whole = sentenceCaseType(f);
  if (whole && TITLE_TYPES.some(([t]) => t === f))
    return { type: whole, lastLine: i, rest: l.text.slice(caps.length).trim() };
  // Wrapped heading: "QUYẾT" / "ĐỊNH".
  const next = left[i + 1];
  if (next?.text && isUpper(next.text) && !whole) {
    const joined = `${f} ${fold(capsPrefix(next.text).caps)}`.replace(/[:.]$/, '');
    const hit = TITLE_TYPES.find(([t]) => joined === t);
    if (hit && f.length < hit[0].length) return { type: hit[1], lastLine: i + 1, rest: '' };
  }
  if (!whole) return null;
  // A heading that goes on with the title on the same line: cut after the shortest type name.
  const short = TITLE_TYPES_SHORT.find(([t]) => f.startsWith(t + ' '));
  if (!short) return null;
  const words = short[0].split(' ').length;
  const rest = l.text.split(' ').slice(words).join(' ');
  return { type: short[1], lastLine: i, rest };
}

/** Title words after which a line break is a wrap, not the start of the authority line. */
const GLUE_END_RE = /(?:^|\s)(?:cua|va|voi|cho|ve|tai|thuoc|tren|den|trong|-|–)$|[,;(“"-]$/;
/** Positions that sign a document, starting the authority line under the title (folded). */
const AUTHORITY_TITLES_RE =
  /^(?:chu tich|pho chu tich|bo truong|thu tuong|cuc truong|tong cuc truong|giam doc|tong giam doc|chanh an|vien truong|thong doc|tong kiem toan|chu nhiem|truong ban|tong|ban thuong vu|ban chap hanh|ban bi thu|bo chinh tri|uy ban thuong vu|hoi dong tham phan|chinh phu|quoc hoi)(?:\s|$)/;

/** True when `f` (folded caps text) is an authority line: a signing position or the issuer itself. */
function isAuthority(f: string, issuers: readonly string[]): boolean {
  if (AUTHORITY_TITLES_RE.test(f)) return true;
  return issuers.some((n) => {
    const k = fold(n);
    return f === k || f.startsWith(k + ' ');
  });
}

/** Cut an authority phrase that ends a capitals title: "… HUYỆN CHÂU THÀNH ỦY BAN NHÂN DÂN TỈNH TÂY NINH". */
function cutTrailingAuthority(title: string, issuers: readonly string[]): string {
  const words = title.split(' ');
  const folded = words.map((w) => fold(w));
  for (let p = 1; p < words.length; p++) {
    const before = folded[p - 1]!;
    if (GLUE_END_RE.test(before)) continue;
    const rest = folded.slice(p).join(' ');
    const tailLen = words.length - p;
    const byIssuer = issuers.some((n) => {
      const k = fold(n);
      return rest === k || (rest.startsWith(k + ' ') && /^khoa\b/.test(rest.slice(k.length + 1)));
    });
    // Positions, then (part of) the issuer's name: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH".
    let r = rest;
    for (let m = AUTHORITY_TITLES_RE.exec(r); m && m[0]; m = AUTHORITY_TITLES_RE.exec(r))
      r = r.slice(m[0].length);
    const byTitle =
      r !== rest &&
      tailLen <= 12 &&
      issuers.some((n) => {
        const k = fold(n);
        return r === '' || k.startsWith(r) || r.startsWith(k) || r.endsWith(k);
      });
    if (byIssuer || byTitle) return words.slice(0, p).join(' ');
  }
  return title;
}

/**
 * Trích yếu under the type heading: capitals lines joined up to the authority line or the body (a
 * capitals title may wrap over many lines), or sentence-case lines up to the body.
 */
function titleAfterHeading(left: Line[], typeIdx: number, head: string, issuers: readonly string[]): string {
  const parts: string[] = [];
  let caps: boolean | null = null;
  const pieces: string[] = head ? [head] : [];
  let i = typeIdx + 1;
  const nextPiece = (): string | null => {
    if (pieces.length > 0) return pieces.shift()!;
    while (i < left.length && !left[i]!.text) i++;
    return i < left.length ? left[i++]!.text : null;
  };
  for (let t = nextPiece(); t !== null; t = nextPiece()) {
    const f = fold(t);
    if (isSeparator(t)) {
      if (parts.length === 0) continue;
      break;
    }
    if (BODY_START_RE.test(f)) break;
    if (caps === null) caps = isCapsText(capsPrefix(t).caps || t) && capsPrefix(t).caps.length > 0;
    if (caps) {
      const { caps: c, rest } = capsPrefix(t);
      if (!c) break;
      const last = parts[parts.length - 1];
      if (last !== undefined && !GLUE_END_RE.test(fold(last)) && isAuthority(fold(c), issuers)) break;
      parts.push(c);
      if (rest) break; // sentence-case text follows on the line: the body
      continue;
    }
    // Sentence-case title: a capitals line (authority), a cue, a new sentence or a long body line ends it.
    if (isCapsText(t)) break;
    if (parts.length > 0) {
      const last = parts[parts.length - 1]!;
      if (t.length > 160 || BODY_AFTER_TITLE_RE.test(f) || /^[-+•]\s/.test(t) || /[.;:]$/.test(last)) break;
    }
    // Flattened text: the body goes on in the same line ("Về việc … Căn cứ Luật …").
    const cue = /\s(?:Căn cứ|Theo đề nghị|Xét đề nghị|Kính gửi|Thực hiện)(?!\p{L})/u.exec(t);
    if (cue) {
      parts.push(t.slice(0, cue.index));
      break;
    }
    parts.push(t);
  }
  let title = parts
    .join(' ')
    .replace(/\s+/g, ' ')
    .replace(/[-_]{3,}$/, '')
    .trim();
  if (caps) title = cutTrailingAuthority(title, issuers);
  return title.replace(/^V\/v\s*:?\s*/iu, '').trim();
}

interface HeaderResult {
  meta: ExtractedMetadata;
  /** Index (in header lines) after which the body starts. */
  bodyStart: number;
}

function extractHeader(lines: Line[]): HeaderResult {
  const meta: ExtractedMetadata = {};
  const limit = Math.min(lines.length, 40);
  let bodyStart = limit;
  let stateMotto = false;
  let partyMotto = false;
  let soIdx = -1;
  const left: Line[] = [];
  let placeDate: PlaceDate | null = null;
  for (let i = 0; i < limit; i++) {
    const line = lines[i]!;
    if (i > 2 && BODY_START_RE.test(line.folded.replace(/^[-+•]\s*/, ''))) {
      bodyStart = i;
      break;
    }
    if (line.folded.includes(MOTTO_STATE)) stateMotto = true;
    if (line.folded.includes(MOTTO_PARTY)) partyMotto = true;
    if (!placeDate) {
      const pd = findPlaceDate(line);
      if (pd && (pd.place || pd.iso)) placeDate = pd;
    }
    const l = leftColumn(line);
    left.push(l);
    if (soIdx < 0 && NUMBER_LINE_RE.test(l.folded)) soIdx = i;
  }
  if (placeDate?.place) meta.place = { value: placeDate.place, confidence: 0.9 };
  if (placeDate?.iso) meta.issuedDate = { value: placeDate.iso, confidence: 0.92 };

  // Số và ký hiệu
  if (soIdx >= 0) {
    const l = left[soIdx]!;
    const found = parseDocNumbers(l.text)[0] ?? parseDocNumbers(closeSeparators(l.text))[0];
    if (found) {
      meta.number = { value: found.raw, confidence: 0.97 };
      meta.parsedNumber = found;
    }
  }
  if (!meta.number) {
    for (let i = 0; i < left.length && i < 12; i++) {
      const found = parseDocNumbers(left[i]!.text)[0];
      if (found && found.index < 3) {
        meta.number = { value: found.raw, confidence: 0.6 };
        meta.parsedNumber = found;
        break;
      }
    }
  }
  if (!meta.number) {
    // A first line naming the document itself in capitals: "CÔNG VĂN số 12/UBND-VP …" is its own
    // number (not a citation of another document).
    for (let i = 0; i < left.length && i < 3; i++) {
      const found = parseDocNumbers(left[i]!.text)[0];
      if (found && isOwnTypeHeading(left[i]!.text.slice(0, found.index))) {
        meta.number = { value: found.raw, confidence: 0.75 };
        meta.parsedNumber = found;
        break;
      }
    }
  }

  // System
  if (partyMotto && !stateMotto) meta.system = { value: 'party', confidence: 0.97 };
  else if (stateMotto && !partyMotto) meta.system = { value: 'state', confidence: 0.97 };
  else if (meta.parsedNumber) meta.system = { value: meta.parsedNumber.system, confidence: 0.75 };

  // Type heading after the number: "QUYẾT ĐỊNH", wrapped ("QUYẾT" / "ĐỊNH"), or starting a line
  // that goes on with the title ("NGHỊ ĐỊNH QUY ĐỊNH …", flattened text).
  let typeIdx = -1;
  let titleHead = '';
  // A text with neither motto nor number line (a news article, a web page) is not an official
  // document: no type heading, issuer or trích yếu is read off it.
  const official = stateMotto || partyMotto || soIdx >= 0;
  if (!official) {
    // What such a text says about places, dates and numbers is not a header: weak suggestions only.
    if (meta.place) meta.place.confidence = 0.4;
    if (meta.issuedDate) meta.issuedDate.confidence = 0.4;
    if (meta.number && meta.number.confidence < 0.75) {
      delete meta.number;
      delete meta.parsedNumber;
      delete meta.system;
    }
  }
  for (let i = Math.max(0, soIdx + 1); official && i < left.length && typeIdx < 0; i++) {
    const h = typeHeadingAt(left, i);
    if (!h) continue;
    typeIdx = h.lastLine;
    titleHead = h.rest;
    meta.docType = { value: h.type, confidence: 0.95 };
  }
  const issuerEnd = soIdx >= 0 ? soIdx : typeIdx >= 0 ? typeIdx : Math.min(left.length, 4);
  const issuerLines: string[] = [];
  for (let i = 0; i < issuerEnd; i++) {
    const t = left[i]!.text;
    if (!t || isSeparator(t)) continue;
    if (isUpper(t) && !/^du thao\b/.test(left[i]!.folded)) issuerLines.push(t);
  }
  // Text that is not an official document (no motto, no number line) names no issuer.
  if (issuerLines.length > 0 && official) {
    const { issuer, superior } = joinIssuerLines(issuerLines);
    meta.issuer = { value: issuer, confidence: superior ? 0.85 : 0.9 };
    if (superior) meta.issuerSuperior = { value: superior, confidence: 0.85 };
  }

  // Công văn: "V/v …" under the number (before any type heading), possibly over several lines.
  let vvIdx = -1;
  for (let i = 0; i < left.length; i++) if (/^v\/v\b/.test(left[i]!.folded)) vvIdx = vvIdx < 0 ? i : vvIdx;
  if (official && vvIdx >= 0 && (typeIdx < 0 || vvIdx < typeIdx)) {
    const parts = [left[vvIdx]!.text.replace(/^V\/v\s*:?\s*/iu, '')];
    for (let i = vvIdx + 1; i < left.length; i++) {
      const t = left[i]!.text;
      if (!t || isSeparator(t) || isCapsText(t) || /^(?:kinh gui|k\/g)/.test(left[i]!.folded)) break;
      if (/^so\b/.test(left[i]!.folded) && parseDocNumbers(t).length > 0 && parseDocNumbers(t)[0]!.index < 5)
        break;
      if (findPlaceDate(lines[i]!)?.place) break;
      parts.push(t);
    }
    const title = parts.join(' ').replace(/\s+/g, ' ').trim();
    if (title) meta.title = { value: title, confidence: 0.9 };
    if (!meta.docType) meta.docType = { value: 'Công văn', confidence: 0.9 };
  } else if (typeIdx >= 0) {
    const issuerNames = [meta.issuer?.value, meta.issuerSuperior?.value].filter((v): v is string => !!v);
    const title = titleAfterHeading(left, typeIdx, titleHead, issuerNames);
    if (title) meta.title = { value: title, confidence: 0.85 };
  }
  if (!meta.docType && meta.parsedNumber) {
    const t = typeNameOf(meta.parsedNumber);
    if (t) meta.docType = { value: t, confidence: 0.8 };
  }
  return { meta, bodyStart };
}

/** Split a merged "recipient + right column" line: "- Như trên, CHÁNH VĂN PHÒNG", "- Lưu: VT, VP. Vũ Thị Lan". */
function splitRecipientLine(text: string): { item: string; rest: string } {
  const a = AUTHORITY_RE.exec(text);
  if (a && a.index > 0) return { item: text.slice(0, a.index).trim(), rest: text.slice(a.index).trim() };
  for (const m of text.matchAll(/[;,.]\s+/gu)) {
    const cutAt = m.index + 1;
    const rest = text.slice(cutAt).trim();
    const words = rest.split(' ').length;
    if (
      isTitleLine(fold(rest), rest) ||
      looksLikeName(rest) ||
      (isUpper(rest) && words >= 2 && !/[;,.]$/.test(rest))
    ) {
      return { item: text.slice(0, cutAt).trim(), rest };
    }
  }
  return { item: text, rest: '' };
}

function cleanItem(s: string): string {
  return s
    .replace(/^[-+•*–]\s*/u, '')
    .replace(/[;,.]+\s*$/u, '')
    .replace(/\/\.$/u, '')
    .trim();
}

function looksLikeName(s: string): boolean {
  const words = s.trim().split(' ');
  if (words.length < 2 || words.length > 6) return false;
  return words.every((w) => /^\p{Lu}\p{Ll}*(?:['’]\p{Lu}?\p{Ll}+)?$/u.test(w));
}

/** A line of the signature block above the name: an authority line or a short title in capitals. */
function isTitleLine(folded: string, text: string): boolean {
  if (/:$/.test(text)) return false; // "QUYẾT ĐỊNH:", "Nơi nhận:"
  if (AUTHORITY_RE.test(text) && AUTHORITY_RE.exec(text)!.index === 0) return true;
  if (!isUpper(text) || text.split(' ').length > 5) return false;
  if (/^(?:PHÓ )?TRƯỞNG /u.test(text)) return true; // TRƯỞNG CÔNG AN HUYỆN (not TRƯỜNG, a school)
  return SIGNER_TITLE_WORDS.some(
    (w) => folded === w || folded.startsWith(w + ' ') || folded.endsWith(' ' + w),
  );
}

/** Military and police ranks printed before a signer's name ("Thượng tướng Vũ Hải Sản"). */
const RANK_RE = /^(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)\s+/u;
/** "(Đã ký)", "(ký)" after a name in copies of a document. */
const SIGNED_MARK_RE = /\s*\((?:đã ký|ký|đã ký và đóng dấu)\)\s*$/iu;

/** Title-case words of a personal name ("Nguyễn", "Thị", "Phớc"). */
const NAME_WORD_RE = /^\p{Lu}\p{Ll}+$/u;

/**
 * A line ending in "AUTHORITY / POSITION Name" (a flattened signature block, possibly after a
 * recipient: "- Lưu: VT. KT. BỘ TRƯỞNG THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn") split into the part before, the
 * capitals block and the name (a rank before the name dropped); null when the line is not one.
 */
function splitTitleName(text: string): string[] | null {
  const words = text.split(' ');
  let n = words.length;
  while (n > 0 && NAME_WORD_RE.test(words[n - 1]!) && words.length - n < 5) n--;
  const nameWords = words.slice(n);
  if (nameWords.length < 2) return null;
  let end = n;
  const rank = RANK_RE.exec(`${words.slice(Math.max(0, n - 2), n).join(' ')} `);
  if (rank && n >= 2) end = n - 2;
  let start = end;
  while (start > 0) {
    const w = words[start - 1]!;
    const letters = w.replace(/[^\p{L}]/gu, '');
    if (letters.length === 0 || letters !== letters.toUpperCase()) break;
    start--;
  }
  if (start === end) return null;
  // The block starts at its first authority mark: "- Lưu: VT, QLCT. KT. CỤC TRƯỞNG …".
  const mark = AUTHORITY_RE.exec(words.slice(start, end).join(' '));
  if (mark && mark.index > 0) {
    const skip = words.slice(start, end).join(' ').slice(0, mark.index).trim().split(' ').length;
    start += skip;
  }
  const caps = words.slice(start, end).join(' ');
  const f = fold(caps);
  const titled =
    AUTHORITY_RE.test(caps) ||
    SIGNER_TITLE_WORDS.some((w) => f === w || f.endsWith(' ' + w) || f.startsWith(w + ' '));
  if (!titled) return null;
  const before = words.slice(0, start).join(' ').trim();
  return [...(before ? [before] : []), caps, nameWords.join(' ')];
}

/**
 * Signature lines as one element per line: a flattened block ("TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ
 * TƯỚNG Trần Hồng Hà") split before the name, ranks and "(Đã ký)" dropped from a name, a name wrapped
 * over two lines ("Nguyễn Quỳnh" / "Thiện", "Phan" / "Thị Thắng") joined, "[...]" cut marks left out.
 */
function signatureLines(lines: Line[]): { lines: Line[]; signedName: string | null } {
  const out: string[] = [];
  let signedName: string | null = null;
  for (const l of lines) {
    let t = l.text;
    if (/^\[(?:\.\.\.|…)\]$/u.test(t)) continue;
    const marked = SIGNED_MARK_RE.test(t);
    t = t.replace(SIGNED_MARK_RE, '');
    if (!t) continue; // "(Đã ký)" on its own line
    const split = splitTitleName(t);
    if (split) {
      out.push(...split);
      if (marked) signedName = split[split.length - 1]!;
      continue;
    }
    const plain = t.replace(RANK_RE, '');
    if (plain !== t && looksLikeName(plain)) t = plain;
    if (marked && looksLikeName(t)) signedName = t;
    const prev = out[out.length - 1];
    const nameLike = (x: string): boolean => x.split(' ').every((w) => NAME_WORD_RE.test(w));
    if (
      prev !== undefined &&
      nameLike(prev) &&
      nameLike(t) &&
      (!prev.includes(' ') || !t.includes(' ')) &&
      looksLikeName(`${prev} ${t}`) &&
      SURNAMES.has(prev.split(' ')[0]!.toUpperCase())
    ) {
      out[out.length - 1] = `${prev} ${t}`;
      continue;
    }
    out.push(t);
  }
  return { lines: out.map((text) => ({ text, folded: fold(text) })), signedName };
}

function extractSignature(lines: Line[], meta: ExtractedMetadata): void {
  // Work on the tail of the document: from the last "Nơi nhận" (an annex may follow the signature),
  // or the last 30 lines.
  let recvIdx = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^noi nhan\b/.test(lines[i]!.folded)) {
      recvIdx = i;
      break;
    }
  }
  let start = recvIdx >= 0 ? recvIdx : Math.max(0, lines.length - 30);
  if (recvIdx < 0) {
    // No "Nơi nhận": the last position line with a name under it (an annex may follow).
    for (let i = lines.length - 1; i >= 0; i--) {
      const l = lines[i]!;
      if (!isTitleLine(l.folded, l.text)) continue;
      const below = lines.slice(i + 1, i + 5).map((x) => x.text);
      if (below.some((t) => looksLikeName(t) || isCapsName(t))) {
        start = Math.min(start, i);
        break;
      }
    }
  }
  const recipients: string[] = [];
  const right: string[] = [];
  // The signature block may come before "Nơi nhận" (right cell first): read the lines above it too.
  if (recvIdx >= 0) for (let i = Math.max(0, recvIdx - 12); i < recvIdx; i++) right.push(lines[i]!.text);
  let inList = recvIdx >= 0;
  for (let i = start; i < lines.length; i++) {
    let text = lines[i]!.text;
    if (i === recvIdx) {
      text = text.replace(/^Nơi nhận\s*:?\s*/iu, '');
      const a = AUTHORITY_RE.exec(text);
      if (a && a.index > 0) {
        recipients.push(cleanItem(text.slice(0, a.index)));
        right.push(text.slice(a.index).trim());
        continue;
      }
      if (text && !isTitleLine(fold(text), text) && !isUpper(text)) {
        recipients.push(cleanItem(text));
        continue;
      }
      if (text) right.push(text);
      continue;
    }
    if (inList && /^[-+•*–]/u.test(text)) {
      const { item, rest } = splitRecipientLine(text);
      recipients.push(cleanItem(item));
      if (rest) right.push(rest);
      continue;
    }
    inList = false;
    right.push(text);
  }
  if (recipients.filter((r) => r).length > 0) {
    meta.recipients = { value: recipients.filter((r) => r), confidence: 0.85 };
  }
  // Signature block: authority/title lines, then the signer's name (last name-like line).
  const source = right.length > 0 ? right : lines.slice(start).map((l) => l.text);
  // One entry per role line of the block ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), a
  // wrapped line joined to the role it continues.
  const titleParts: string[] = [];
  let signer: string | null = null;
  let titleStarted = false;
  for (const t of source) {
    const f = fold(t);
    if (/^\((?:da ky|ky|ky ten|ky, ghi ro|ky va dong dau)/.test(f) || /^\(.*\)$/.test(t)) continue;
    if (isTitleLine(f, t)) {
      if (signer) {
        // A second block (e.g. a countersignature): start over.
        titleParts.length = 0;
        signer = null;
      }
      addRoleLine(titleParts, t);
      titleStarted = true;
      continue;
    }
    // What follows a complete block (an annex) is not part of it.
    if (signer) break;
    if (titleStarted && !signer && isCapsName(t)) {
      signer = t; // a name printed in capitals ("NGUYỄN VĂN AN"), kept as printed
      continue;
    }
    if (
      titleStarted &&
      isUpper(t) &&
      !signer &&
      !looksLikeName(t) &&
      t.split(' ').length <= 8 &&
      !/:$/.test(t)
    ) {
      // continuation of the role line above ("KT. TRƯỞNG BAN GIÁM SÁT QUẢN LÝ" / "VỀ HQ")
      addRoleLine(titleParts, t);
      continue;
    }
    if (titleStarted && looksLikeName(t)) signer = t;
    else if (titleStarted && isUpper(t) && t.split(' ').length <= 6 && t.split(' ').length >= 2)
      signer ??= titleCase(t);
    else if (titleStarted && !signer) {
      // Body text after a capitals line: that was not a signature block.
      titleParts.length = 0;
      titleStarted = false;
    }
  }
  const position = signerPosition(titleParts);
  if (position) meta.signerTitle = { value: position, confidence: 0.85 };
  if (signer) meta.signer = { value: signer, confidence: 0.85 };
}

const MARKER_START_RE = /^(?:TM\.|T\/M|KT\.|K\/T|TL\.|T\/L|TUQ\.|Q\.)/u;
/** A role not finished on its line: only a marker or a prefix ("KT.", "PHÓ"). */
const OPEN_ROLE_RE = /^(?:PHÓ|THỨ|TM\.|T\/M|KT\.|K\/T|TL\.|T\/L|TUQ\.|Q\.)$/u;

/** True when a position name starts the words ("PHÓ TRƯỞNG BAN …"); `first`: at the line's start. */
function startsPosition(words: readonly string[], first: boolean): boolean {
  const rest = fold(words.join(' ')).replace(/[^a-z ]/g, '');
  if (words.length === 1 && /^(?:pho|thu)$/.test(rest)) return true; // cut after its prefix
  if (first && /^(?:PHÓ )?TRƯỞNG /u.test(words.join(' '))) return true; // TRƯỞNG CÔNG AN HUYỆN
  return SIGNER_TITLE_WORDS.some((w) => rest === w || rest.startsWith(`${w} `));
}

/**
 * Adds one line of a signature block to its roles (one entry per role: "TM. ỦY BAN NHÂN DÂN",
 * "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"). Web copies and flattened layouts wrap and join roles anywhere:
 * "KT." / "TRƯỞNG BAN NGHIỆP VỤ THUẾ HQ" / "PHÓ" / "TRƯỞNG BAN", "VỀ HQ PHÓ TRƯỞNG BAN", "KT. BỘ
 * TRƯỞNG THỨ TRƯỞNG". A line is cut where a position name starts, never inside a longer one ("PHÓ
 * TỔNG CỤC TRƯỞNG" stays whole) nor after a comma; a piece that starts no role continues the role above, and an open
 * role ("KT.", "PHÓ") takes the next piece.
 */
function addRoleLine(roles: string[], line: string): void {
  const words = line.split(' ').filter((w) => w !== '');
  const cuts = [0];
  for (let i = 1; i < words.length; i++) {
    // "BỘ TRƯỞNG, CHỦ NHIỆM": one role with two names.
    if (OPEN_ROLE_RE.test(words.slice(cuts.at(-1), i).join(' ')) || words[i - 1]!.endsWith(',')) continue;
    if (startsPosition(words.slice(i), false) && !startsPosition(words.slice(i - 1), i === 1)) cuts.push(i);
  }
  cuts.forEach((from, k) => {
    const piece = words.slice(from, cuts[k + 1] ?? words.length);
    const text = piece.join(' ');
    const last = roles.at(-1);
    const startsRole = MARKER_START_RE.test(text) || startsPosition(piece, true);
    if (last !== undefined && (OPEN_ROLE_RE.test(last) || (k === 0 && !startsRole)))
      roles[roles.length - 1] = `${last} ${text}`;
    else roles.push(text);
  });
}

/**
 * The signer's own position: the block's last role ("PHÓ CHỦ TỊCH" under "TM. ỦY BAN NHÂN DÂN / KT.
 * CHỦ TỊCH"); the roles above say on whose behalf they sign, not what they are. A last role that is
 * an authority line ("KT. CHỦ TỊCH", its position not read) names none; "Q. CHỦ TỊCH" (acting) is one.
 */
function signerPosition(roles: readonly string[]): string | null {
  const last = roles.at(-1)?.trim();
  // "Q. BỘ TRƯỞNG" (acting) is a position; TM./KT./TL./TUQ. say on whose behalf.
  return last && (!MARKER_START_RE.test(last) || /^Q\./u.test(last)) ? last : null;
}

/** Common Vietnamese family names as printed in capitals (accents matter: TRƯƠNG, not TRƯỞNG). */
const SURNAMES = new Set(
  (
    'NGUYỄN TRẦN LÊ PHẠM HOÀNG HUỲNH PHAN VŨ VÕ ĐẶNG BÙI ĐỖ HỒ NGÔ DƯƠNG LÝ ĐINH ĐOÀN LÂM TRỊNH TRƯƠNG ' +
    'LƯƠNG QUÁCH TĂNG LƯU THÁI TẠ VƯƠNG KIỀU TỐNG THẠCH NÔNG HỨA KHUẤT MẠC'
  ).split(' '),
);

function isCapsName(s: string): boolean {
  if (!isUpper(s)) return false;
  const words = s.split(' ');
  if (words.length < 2 || words.length > 5 || !words.every((w) => /^\p{Lu}+$/u.test(w))) return false;
  return SURNAMES.has(words[0]!);
}

/** "CÔNG VĂN số " / "QUYẾT ĐỊNH SỐ: ": a type name in capitals, then "số", right before a number. */
function isOwnTypeHeading(before: string): boolean {
  const m = /^\s*(\p{Lu}[\p{Lu}\s]*?)\s+(?:số|SỐ|Số)\s*:?\s*$/u.exec(before);
  if (!m) return false;
  const name = fold(m[1]!).replace(/\s+/g, ' ');
  return TITLE_TYPES.some(([t]) => t === name);
}

function titleCase(s: string): string {
  return s
    .toLowerCase()
    .split(' ')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');
}

/**
 * Propose metadata from the document's page texts (header from the first page, signature and
 * recipients from the end). Pages are cleaned here too, so raw text works as well.
 */
export function extractMetadata(pages: readonly string[]): ExtractedMetadata {
  // Only the first page (header) and the last two (signature, "Nơi nhận") are read.
  const first = toLines(layoutHeader(cleanText(pages.find((p) => p.trim() !== '') ?? '')));
  const { meta } = extractHeader(first);
  const tail = toLines(
    pages
      .slice(-2)
      .map((p) => cleanText(p))
      .join('\n'),
  );
  const sig = signatureLines(tail);
  extractSignature(sig.lines, meta);
  // A copy signed with the name only ("Nguyễn Văn An (Đã ký)"), or a name alone closing the text
  // (National Assembly resolutions are signed by the chair's name only): that name, less sure.
  if (!meta.signer && sig.signedName) meta.signer = { value: sig.signedName, confidence: 0.7 };
  const last = sig.lines[sig.lines.length - 1]?.text ?? '';
  const beforeLast = sig.lines[sig.lines.length - 2]?.text ?? '';
  if (
    !meta.signer &&
    looksLikeName(last) &&
    SURNAMES.has(last.split(' ')[0]!.toUpperCase()) &&
    /[.:;]$/.test(beforeLast)
  )
    meta.signer = { value: last, confidence: 0.6 };
  // One spelling per body/name: "UỶ BAN NHÂN DÂN" (old tone placement, common in HTML/Word files)
  // is proposed as "ỦY BAN NHÂN DÂN", so facets and the catalogue do not show the same issuer twice.
  for (const f of CANONICAL_FIELDS) {
    const s = meta[f];
    if (s) s.value = canonicalize(s.value);
  }
  if (meta.recipients) meta.recipients.value = meta.recipients.value.map(canonicalize);
  return meta;
}

/** Free-text fields whose tone placement is made canonical before they are proposed. */
const CANONICAL_FIELDS = [
  'issuer',
  'issuerSuperior',
  'docType',
  'signer',
  'signerTitle',
  'title',
  'place',
] as const satisfies readonly ExtractedField[];
