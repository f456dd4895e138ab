// The VanKho query language:
//   words in any order (ranked OR-style)      quyết định chuyển đổi số
//   "quoted phrase" (required)                "ủy ban nhân dân"
//   -word / -"phrase" (excluded)              kế hoạch -"dự thảo"
//   a OR b (alternatives; no syllable pair is formed across OR)
//   word* (prefix), NEAR(a b c, 5) (required, within 5 words)
//   filters: so: loai: coquan: nam: tu: den: tag:  (value may be "quoted")
//   document numbers anywhere ("08/2022/QĐ-TTg", "04-CTr/QU") are recognized as numbers.

import { NO_YEAR, type SearchFilters } from '../../contract/search-types.js';
import { docNumberKey, parseDocNumbers } from '../text/doc-number.js';
import { fold } from '../text/normalize.js';
import { isSyllableFolded } from '../text/vi-syllable.js';

export interface QueryNumber {
  raw: string;
  key: string;
}

export interface ParsedQuery {
  /** Free-text runs; syllable pairs are formed only inside a run. */
  segments: string[];
  /** Required phrases (raw text). */
  phrases: string[];
  /** Required proximity groups. */
  nears: { text: string; distance: number }[];
  /** Excluded words or phrases (raw text). */
  excluded: string[];
  /** Prefix words (raw, without the star). */
  prefixes: string[];
  numbers: QueryNumber[];
  filters: SearchFilters;
  /** True when the query is nothing but one document number (optionally with its type name). */
  bareNumber: boolean;
  /** True when OR was used: quoted phrases are then alternatives rather than requirements. */
  anyOr: boolean;
}

const FILTER_KEYS: Record<string, keyof SearchFilters | 'year' | 'tag' | 'type' | 'issuer'> = {
  so: 'number',
  loai: 'type',
  coquan: 'issuer',
  nam: 'year',
  tu: 'dateFrom',
  den: 'dateTo',
  tag: 'tag',
  the: 'tag',
};

/** Parses dd/mm/yyyy, yyyy-mm-dd, mm/yyyy or yyyy into an ISO (prefix) date; null if none. */
export function parseDateValue(v: string): string | null {
  const s = v.trim();
  let m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(s);
  if (m) return [m[1], m[2]?.padStart(2, '0'), m[3]?.padStart(2, '0')].filter(Boolean).join('-');
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return `${m[2]}-${m[1]!.padStart(2, '0')}`;
  return null;
}

function addFilter(filters: SearchFilters, key: string, value: string): boolean {
  const which = FILTER_KEYS[fold(key)];
  const v = value.trim();
  if (!which || !v) return false;
  switch (which) {
    case 'number':
      filters.number = v;
      return true;
    case 'type':
      (filters.types ??= []).push(v);
      return true;
    case 'issuer':
      (filters.issuers ??= []).push(v);
      return true;
    case 'tag':
      (filters.tags ??= []).push(v);
      return true;
    case 'year': {
      // `nam:none`: documents without a date (the year facet's "Không rõ năm").
      const years = v
        .split(/[,;]/)
        .map((y) => (fold(y.trim()) === NO_YEAR ? null : Number(y.trim())))
        .filter((y) => y === null || (Number.isInteger(y) && y > 0));
      if (years.length === 0) return false;
      (filters.years ??= []).push(...years);
      return true;
    }
    case 'dateFrom':
    case 'dateTo': {
      const d = parseDateValue(v);
      if (!d) return false;
      filters[which] = d;
      return true;
    }
    default:
      return false;
  }
}

/** Words that name a document type right before a bare number ("Quyết định 08/2022/QĐ-TTg"). */
const TYPE_WORDS =
  /^(?:(?:quyet dinh|nghi quyet|nghi dinh|chi thi|thong tu|thong tri|ket luan|chuong trinh|ke hoach|huong dan|thong bao|bao cao|cong van|quy dinh|quy che|to trinh|de an|bo luat|luat|phap lenh|cong dien|van ban)\s*)?(?:so(?: ky hieu)?)?$/;

/**
 * Document numbers in typed text. Typed numbers are often lower case ("08/2022/qd-ttg", "04-ctr/qu"):
 * words holding a slash are also tried in upper case (the key ignores case anyway).
 */
function findNumbers(seg: string): { raw: string; index: number; end: number }[] {
  const found = parseDocNumbers(seg).map((d) => ({ raw: d.raw, index: d.index, end: d.end }));
  const upper = seg.toUpperCase();
  if (upper.length !== seg.length || !seg.includes('/')) return found;
  for (const d of parseDocNumbers(upper)) {
    if (found.some((f) => d.index < f.end && d.end > f.index)) continue;
    found.push({ raw: seg.slice(d.index, d.end), index: d.index, end: d.end });
  }
  return found.sort((a, b) => a.index - b.index).map((d) => joinIssuerCode(seg, d));
}

/**
 * "1520/QD UBND": a number ending in a type code after its slash, followed by a space and a code
 * (capitals as typed, or not a Vietnamese syllable: "ubnd", "ttg") is the number with a hyphen for
 * the space ("1520/QĐ-UBND"), when that parses as one whole number.
 */
function joinIssuerCode(
  seg: string,
  d: { raw: string; index: number; end: number },
): { raw: string; index: number; end: number } {
  if (!/\/[\p{L}&]+$/u.test(d.raw)) return d;
  const next = /^\s+([\p{L}&]{2,10})(?![\p{L}\p{N}/-])/u.exec(seg.slice(d.end));
  if (!next) return d;
  const code = next[1]!;
  const caps = [...code].filter((c) => c !== c.toLowerCase()).length >= 2;
  if (!caps && isSyllableFolded(code)) return d;
  const joined = `${d.raw}-${code}`;
  const parsed = parseDocNumbers(joined.toUpperCase());
  if (parsed.length !== 1 || parsed[0]!.index !== 0 || parsed[0]!.end !== joined.length) return d;
  return { raw: joined, index: d.index, end: d.end + next[0].length };
}

export function parseQuery(input: string): ParsedQuery {
  const q: ParsedQuery = {
    segments: [],
    phrases: [],
    nears: [],
    excluded: [],
    prefixes: [],
    numbers: [],
    filters: {},
    bareNumber: false,
    anyOr: false,
  };
  const s = input.normalize('NFC');
  let current: string[] = [];
  const flush = (): void => {
    if (current.length > 0) q.segments.push(current.join(' '));
    current = [];
  };
  const n = s.length;
  let i = 0;
  const readQuoted = (from: number): [string, number] => {
    const close = s.indexOf('"', from + 1);
    const end = close < 0 ? n : close;
    return [s.slice(from + 1, end), close < 0 ? n : close + 1];
  };
  while (i < n) {
    const ch = s[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"' || ch === '“' || ch === '”') {
      const [text, next] = readQuoted(i);
      flush();
      if (text.trim()) q.phrases.push(text.replace(/[“”]/g, '').trim());
      i = next;
      continue;
    }
    if (ch === '-' && i + 1 < n && !/\s/.test(s[i + 1]!) && (i === 0 || /\s/.test(s[i - 1]!))) {
      flush();
      if (s[i + 1] === '"') {
        const [text, next] = readQuoted(i + 1);
        if (text.trim()) q.excluded.push(text.trim());
        i = next;
      } else {
        let j = i + 1;
        while (j < n && !/\s/.test(s[j]!)) j++;
        q.excluded.push(s.slice(i + 1, j));
        i = j;
      }
      continue;
    }
    if (s.startsWith('NEAR(', i)) {
      const close = s.indexOf(')', i);
      const inner = s.slice(i + 5, close < 0 ? n : close);
      const m = /^(.*?)(?:,\s*(\d+))?\s*$/.exec(inner)!;
      flush();
      if (m[1]!.trim()) q.nears.push({ text: m[1]!.trim(), distance: m[2] ? Number(m[2]) : 10 });
      i = close < 0 ? n : close + 1;
      continue;
    }
    let j = i;
    while (j < n && !/\s/.test(s[j]!)) j++;
    const word = s.slice(i, j);
    const filter = /^([\p{L}]+):(.*)$/u.exec(word);
    if (filter && FILTER_KEYS[fold(filter[1]!)]) {
      let value = filter[2]!;
      let next = j;
      if (value.startsWith('"')) {
        const start = i + filter[1]!.length + 1;
        const [text, after] = readQuoted(start);
        value = text;
        next = after;
      }
      if (addFilter(q.filters, filter[1]!, value)) {
        flush();
        i = next;
        continue;
      }
    }
    if (word === 'OR' || word === '|') {
      flush();
      q.anyOr = true;
      i = j;
      continue;
    }
    if (word.length > 1 && word.endsWith('*')) {
      flush();
      q.prefixes.push(word.slice(0, -1));
      i = j;
      continue;
    }
    current.push(word);
    i = j;
  }
  flush();

  // Document numbers inside the free text become numbers, not words.
  const segments: string[] = [];
  for (const seg of q.segments) {
    const found = findNumbers(seg);
    if (found.length === 0) {
      segments.push(seg);
      continue;
    }
    let last = 0;
    for (const d of found) {
      const key = docNumberKey(d.raw);
      if (key) q.numbers.push({ raw: d.raw, key });
      const before = seg.slice(last, d.index).trim();
      if (before) segments.push(before);
      last = d.end;
    }
    const after = seg.slice(last).trim();
    if (after) segments.push(after);
  }
  q.segments = segments;
  const rest = fold(segments.join(' '))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  q.bareNumber =
    q.numbers.length === 1 &&
    TYPE_WORDS.test(rest) &&
    q.phrases.length === 0 &&
    q.prefixes.length === 0 &&
    q.nears.length === 0;
  return q;
}
