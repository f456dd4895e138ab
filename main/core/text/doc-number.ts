// Document numbers (số và ký hiệu) of state and party documents (docs/vietnamese-text.md §7.1):
//   state  30/2020/NĐ-CP, 749/QĐ-TTg, 123/UBND-VP (công văn), 80/2015/QH13 (law: no type code)
//   party  04-CTr/QU, 18-NQ/TW
// Dates, ratios, phone numbers, addresses, scales, V/v, COVID-19 never match (see doc-numbers.json).

import { CLASS_DIGIT, CLASS_LETTER, charClass } from './char-class.js';
import { fold } from './normalize.js';

export type DocSystem = 'state' | 'party';

export interface DocNumber {
  /** The number as written, leading zeros kept ("04"); null for a draft header "Số:   /QĐ-UBND". */
  number: string | null;
  /** Present only when the year is part of the symbol (normative state documents). */
  year?: number;
  /** Canonical type code ("QĐ", "CTr"); "CV" for a state công văn; null for laws/NQ of the QH. */
  typeCode: string | null;
  issuerCode: string;
  /** State công văn only: the drafting unit after the issuer. */
  unitCode?: string;
  system: DocSystem;
  /** Exact substring of the text (look-alike Đ and dashes kept as found). */
  raw: string;
  /** Offset of raw in the text, and the offset just after it. */
  index: number;
  end: number;
  /** False when the type code is not in the known lists (accepted, but less certain). */
  knownType: boolean;
}

/** State type codes (Decree 30/2020/NĐ-CP App. III plus the normative NĐ, TT, TTLT). */
export const STATE_TYPE_CODES: Readonly<Record<string, string>> = {
  NQ: 'Nghị quyết',
  QĐ: 'Quyết định',
  CT: 'Chỉ thị',
  QC: 'Quy chế',
  QyĐ: 'Quy định',
  TC: 'Thông cáo',
  TB: 'Thông báo',
  HD: 'Hướng dẫn',
  CTr: 'Chương trình',
  KH: 'Kế hoạch',
  PA: 'Phương án',
  ĐA: 'Đề án',
  DA: 'Dự án',
  BC: 'Báo cáo',
  BB: 'Biên bản',
  TTr: 'Tờ trình',
  HĐ: 'Hợp đồng',
  CĐ: 'Công điện',
  BGN: 'Bản ghi nhớ',
  BTT: 'Bản thỏa thuận',
  GUQ: 'Giấy ủy quyền',
  GM: 'Giấy mời',
  GGT: 'Giấy giới thiệu',
  GNP: 'Giấy nghỉ phép',
  PG: 'Phiếu gửi',
  PC: 'Phiếu chuyển',
  PB: 'Phiếu báo',
  SY: 'Bản sao y',
  TrS: 'Bản trích sao',
  SL: 'Bản sao lục',
  NĐ: 'Nghị định',
  TT: 'Thông tư',
  TTLT: 'Thông tư liên tịch',
  CV: 'Công văn',
};

/** Party type codes (Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW). QĐ is both quyết định and quy định. */
export const PARTY_TYPE_CODES: Readonly<Record<string, string>> = {
  NQ: 'Nghị quyết',
  QĐ: 'Quyết định',
  CT: 'Chỉ thị',
  KL: 'Kết luận',
  QC: 'Quy chế',
  TT: 'Thông tri',
  HD: 'Hướng dẫn',
  TB: 'Thông báo',
  BC: 'Báo cáo',
  KH: 'Kế hoạch',
  CTr: 'Chương trình',
  ĐA: 'Đề án',
  TTr: 'Tờ trình',
  CV: 'Công văn',
  BB: 'Biên bản',
  QH: 'Quy hoạch',
  GGT: 'Giấy giới thiệu',
};

function canonicalIndex(table: Readonly<Record<string, string>>): Map<string, string> {
  const m = new Map<string, string>();
  for (const code of Object.keys(table)) m.set(code.toUpperCase(), code);
  return m;
}
const STATE_CANON = canonicalIndex(STATE_TYPE_CODES);
const PARTY_CANON = canonicalIndex(PARTY_TYPE_CODES);

/** Canonical spelling of a type code in a system ("QD"/"qđ" → "QĐ"), or null when unknown. */
export function canonicalTypeCode(code: string, system: DocSystem): string | null {
  const cache = system === 'state' ? STATE_CACHE : PARTY_CACHE;
  const hit = cache.get(code);
  if (hit !== undefined) return hit;
  const up = lookAlikes(code).toUpperCase();
  const table = system === 'state' ? STATE_CANON : PARTY_CANON;
  const found = table.get(up) ?? table.get(up.replace(/D/g, 'Đ')) ?? null;
  if (cache.size < 4096) cache.set(code, found);
  return found;
}
const STATE_CACHE = new Map<string, string | null>();
const PARTY_CACHE = new Map<string, string | null>();

/**
 * State types whose symbol carries the year (normative documents, Law 80/2015/QH13: "30/2020/NĐ-CP"),
 * and of those the ones never written without it. Administrative types (tờ trình, kế hoạch, báo cáo…,
 * Decree 30/2020/NĐ-CP App. III) have no year. Used only to choose among OCR repairs.
 */
const YEAR_TYPES: ReadonlySet<string> = new Set(['NQ', 'QĐ', 'CT', 'NĐ', 'TT', 'TTLT']);
const YEAR_ONLY_TYPES: ReadonlySet<string> = new Set(['NĐ', 'TT', 'TTLT']);

/**
 * Letters an OCR engine reads as digits. A type code has no digit, so every digit of a type segment
 * is a misread letter ("77", "T7" for TT on a dark copy, "0Đ" for QĐ) and all of them are read back.
 */
const DIGIT_LETTERS: Readonly<Record<string, readonly string[]>> = {
  '0': ['Q', 'O', 'Đ'],
  '1': ['T', 'I'],
  '7': ['T'],
};

/** What an OCR engine reads for a letter of a symbol, mapped to what it may have been printed as. */
const SYMBOL_CONFUSIONS: Readonly<Record<string, readonly string[]>> = {
  l: ['T', 'I'],
  I: ['T', 'l'],
  '|': ['T', 'I'],
  O: ['Q', 'Đ'],
  T: ['r'],
  // Two letters read for two: the small r beside a capital ("TTr" read "TIT").
  IT: ['Tr'],
};

/** The segment with each digit read back as each letter it may be (the segment itself if none). */
function digitsAsLetters(seg: string): string[] {
  let out = [''];
  for (const c of seg) {
    const letters = DIGIT_LETTERS[c] ?? [c];
    out = out.flatMap((head) => letters.map((l) => head + l));
  }
  return out;
}

function fitsYear(code: string, system: DocSystem, hasYear: boolean): boolean {
  if (system === 'party') return !hasYear;
  return hasYear ? YEAR_TYPES.has(code) : !YEAR_ONLY_TYPES.has(code);
}

/**
 * The known type code one OCR confusion away from `segment`, its digits read back as letters first
 * (a doubled letter: "QĐĐ" → "QĐ"; one look-alike: "TIT" → "TTr", "TTT" → "TTr"; digits: "T1", "77"
 * → "TT", "0Đ" → "QĐ", "T7T" → "TT"), counting only codes that fit the number's
 * form (`hasYear`: "TT" needs a year, "TTr" has none). Null when the segment is already known, when
 * no repair or more than one distinct code results ("CTT": "CT" or "CTr"), so an unsure case is left
 * as read.
 */
export function repairTypeCode(segment: string, system: DocSystem, hasYear: boolean): string | null {
  const seg = lookAlikes(segment);
  if (seg.length < 2 || seg.length > 5 || canonicalTypeCode(seg, system)) return null;
  const variants = new Set<string>();
  for (const base of digitsAsLetters(seg)) {
    variants.add(base);
    const chars = [...base];
    chars.forEach((c, i) => {
      const head = chars.slice(0, i).join('');
      // An echoed letter ("QĐĐ", "KHH"); not the second letter: issuer initialisms repeat their first
      // letter ("CCT" Chi cục Thuế, "TTB" Trung tâm …), and in a công văn the issuer stands first.
      if (i > 1 && sameLetter(chars[i - 1]!, c)) variants.add(head + chars.slice(i + 1).join(''));
      for (const len of [1, 2]) {
        const read = chars.slice(i, i + len).join('');
        const tail = chars.slice(i + len).join('');
        if (read.length === len) for (const r of SYMBOL_CONFUSIONS[read] ?? []) variants.add(head + r + tail);
      }
    });
  }
  const found = new Set<string>();
  for (const v of variants) {
    // Exact case only (canonicalTypeCode folds case): "Tr" is a repair, "TR" is not one letter off.
    const code = canonicalTypeCode(v, system);
    if (code && (code === v || code === v.replace(/D/g, 'Đ')) && fitsYear(code, system, hasYear))
      found.add(code);
  }
  return found.size === 1 ? [...found][0]! : null;
}

/**
 * Two letters an echo of one glyph: the same letter, or D and Đ (the stroke read once and missed
 * once: "UBNDĐ" for "UBND", "QDĐ" for "QĐ").
 */
export function sameLetter(a: string, b: string): boolean {
  return a === b || (a === 'D' && b === 'Đ') || (a === 'Đ' && b === 'D');
}

/** Same-length mapping of Đ look-alikes and dash variants, so offsets stay valid. */
function lookAlikes(s: string): string {
  return s.replace(/[\u00d0\u0189\u00f0\u2010-\u2014\u2212]/g, (c) =>
    c === '\u00f0' ? 'đ' : c === '\u00d0' || c === '\u0189' ? 'Đ' : '-',
  );
}

// A segment may hold dotted parts: "11554/VPCP-V.I" (a department numbered in Roman figures).
const PART = String.raw`\p{Lu}[\p{L}\d]*(?:\.\p{Lu}[\p{L}\d]*)*`;
const SEG = String.raw`${PART}(?:-${PART})*`;
// "66.4/2025/NQ-CP": a decimal number only before a year.
const STATE_RE = new RegExp(
  String.raw`(?<![\p{L}\d.,/-])(\d{1,5}(?:\.\d{1,2}(?=/(?:19|20)\d{2}/))?)(?:/((?:19|20)\d{2}))?/(${SEG})(?![\p{L}\d/])`,
  'gu',
);
const PARTY_RE = new RegExp(
  String.raw`(?<![\p{L}\d.,/-])(\d{1,5}) ?- ?(\p{Lu}\p{L}{0,4})/(${SEG})(?![\p{L}\d/])`,
  'gu',
);
const STATE_AT = new RegExp(STATE_RE.source, 'uy');
const PARTY_AT = new RegExp(PARTY_RE.source, 'uy');
const LEGISLATURE_RE = /^(?:UBTV)?QH\d+$/;

/** Interpret a state symbol's segments after the number (and year). */
export function interpretStateSymbol(
  number: string | null,
  year: number | undefined,
  symbol: string,
  raw: string,
  index: number,
): DocNumber {
  // Plain object building (no spreads): the tokenizer calls this for every number in the corpus.
  const dash = symbol.indexOf('-');
  const first = dash < 0 ? symbol : symbol.slice(0, dash);
  const rest = dash < 0 ? '' : symbol.slice(dash + 1);
  const d: DocNumber = {
    number,
    typeCode: null,
    issuerCode: '',
    system: 'state',
    raw,
    index,
    end: index + raw.length,
    knownType: true,
  };
  if (year !== undefined) d.year = year;
  if (year !== undefined && dash < 0 && LEGISLATURE_RE.test(first)) {
    d.issuerCode = first;
    return d;
  }
  const type = canonicalTypeCode(first, 'state');
  if (type && dash >= 0) {
    d.typeCode = type;
    d.issuerCode = rest;
  } else if (year === undefined) {
    d.typeCode = 'CV';
    d.issuerCode = first;
    if (rest) d.unitCode = rest;
  } else {
    // Normative symbol with an unknown type segment: keep it as the type, flagged.
    d.typeCode = first;
    d.issuerCode = rest;
    d.knownType = false;
  }
  return d;
}

function partyNumber(m: RegExpExecArray, raw: string, index: number): DocNumber {
  const type = canonicalTypeCode(m[2]!, 'party');
  return {
    number: m[1]!,
    typeCode: type ?? m[2]!,
    issuerCode: m[3]!,
    system: 'party',
    raw,
    index,
    end: index + raw.length,
    knownType: type !== null,
  };
}

/**
 * The document number starting exactly at `index` of cleaned text (look-alikes already mapped),
 * or null. Cheap enough for a tokenizer to call at each digit run followed by "/" or "-".
 */
export function docNumberAt(text: string, index: number): DocNumber | null {
  STATE_AT.lastIndex = index;
  const s = STATE_AT.exec(text);
  if (s) return interpretStateSymbol(s[1]!, s[2] ? Number(s[2]) : undefined, s[3]!, s[0], index);
  PARTY_AT.lastIndex = index;
  const p = PARTY_AT.exec(text);
  return p ? partyNumber(p, p[0], index) : null;
}

/** All document numbers in the text, in order of appearance. */
export function parseDocNumbers(text: string): DocNumber[] {
  const mapped = lookAlikes(text);
  const found: DocNumber[] = [];
  for (const m of mapped.matchAll(STATE_RE)) {
    const index = m.index;
    const raw = text.slice(index, index + m[0].length);
    found.push(interpretStateSymbol(m[1]!, m[2] ? Number(m[2]) : undefined, m[3]!, raw, index));
  }
  for (const m of mapped.matchAll(PARTY_RE)) {
    const raw = text.slice(m.index, m.index + m[0].length);
    found.push(partyNumber(m, raw, m.index));
  }
  found.sort((a, b) => a.index - b.index);
  const out: DocNumber[] = [];
  for (const d of found) {
    const last = out[out.length - 1];
    if (last && d.index < last.end) continue;
    out.push(d);
  }
  return out;
}

/**
 * Identity key of a document number: case, accents (QĐ = QD), separators and leading zeros do
 * not matter ("08/2022/QĐ-TTg", "8/2022/qd-ttg" → "8-2022-qd-ttg"). A number found inside a
 * longer string ("Số: 04-CTr/QU") is keyed alone. Empty string when there is nothing to key.
 */
export function docNumberKey(s: string): string {
  const found = parseDocNumbers(s);
  if (found.length > 0) return symbolKey(found[0]!.raw);
  // Not in the grammar (typed in lower case, spaces around "/"): key it as written, but without the
  // "Số:" label a person copies from the header, or "Số: 15 / qđ-ubnd" would never equal "15/QĐ-UBND".
  return symbolKey(s.normalize('NFC').replace(NUMBER_LABEL, ''));
}

/** A leading "Số:" / "So" / "No." label before the digits of a number. */
const NUMBER_LABEL = /^\s*(?:s[ốoô]|no\.?)\s*[:.]?\s*(?=\d)/iu;

/**
 * The key of a symbol string as written (no parsing): folded alphanumeric segments joined by "-",
 * leading zeros stripped from numeric segments. Cheap: the tokenizer calls it per document number.
 */
export function symbolKey(raw: string): string {
  const f = fold(lookAlikes(raw).normalize('NFC'));
  let out = '';
  let seg = '';
  let numeric = true;
  const flush = (): void => {
    if (seg === '') return;
    if (numeric) {
      let k = 0;
      while (k < seg.length - 1 && seg.charCodeAt(k) === 0x30) k++;
      seg = seg.slice(k);
    }
    out += out === '' ? seg : `-${seg}`;
    seg = '';
    numeric = true;
  };
  for (let i = 0; i < f.length; i++) {
    const c = f.charCodeAt(i);
    const cls = charClass(c);
    if (cls === CLASS_LETTER || cls === CLASS_DIGIT) {
      seg += f[i];
      if (cls !== CLASS_DIGIT) numeric = false;
    } else flush();
  }
  flush();
  return out;
}

/** The key for a parsed number (same as docNumberKey(raw)). */
export function keyOfDocNumber(d: DocNumber): string {
  return symbolKey(d.raw);
}

/**
 * Whether a number's issuer code is one every locality uses alike, so the number names a document
 * only together with its province or district (domain notes §7.1): state UBND, HĐND, Chủ tịch UBND
 * ("QĐ-CT"), a Sở ("TTr-SNV"); a Party committee or organ below the Central Committee ("TU", "HU",
 * "ĐU", "BTGTU"). Central codes (CP, TTg, BTC, QH15, TW, VPTW…) are unique by number.
 */
export function sharedAcrossLocalities(d: DocNumber): boolean {
  const code = fold(lookAlikes(d.issuerCode));
  if (d.system === 'party') return code !== '' && !code.endsWith('tw');
  const first = code.split('-')[0] ?? '';
  return (
    first === 'ubnd' ||
    first === 'hdnd' ||
    (first === 'ct' && d.typeCode !== null && d.typeCode !== 'CV') ||
    /^s[a-z]{1,7}$/.test(first)
  );
}
