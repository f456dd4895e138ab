// What a cadre means by the words around a number or a type name (issue 15, "intent"): "quyết định
// 1520", "chương trình 04", "nghị định 30/2020" name a document by its type and the start of its
// number; "nghị quyết" or "ke hoach" alone asks for documents of that type; "nghị định 2021" or "kế
// hoạch năm 2025" asks for that type issued that year. The ranking puts the
// documents so named first (intent-boost.ts); the words still find the rest.
import { fold } from '../text/normalize.js';
import { CITED_TYPE_NAMES } from '../text/extract-citations.js';
import type { ParsedQuery } from './query-parser.js';

export interface QueryIntent {
  /** The type named, folded ("quyet dinh"), or null. */
  typeF: string | null;
  /** The type as stored (loại văn bản: "Quyết định"), or null. */
  type: string | null;
  /** Nothing but a type name: documents of that type first. */
  typeOnly: boolean;
  /**
   * The start of a number typed after a type name, as a number-key prefix ("04" → "4", "30/2020" →
   * "30-2020"): numbers whose key is it or starts with it and a separator.
   */
  numberPrefix: string | null;
  /**
   * A year typed right after a type name ("nghi dinh 2021", "ke hoach nam 2025"): documents of that
   * type issued that year. Without "năm" the four digits may also start a number, so both are named.
   */
  year: number | null;
}

/** Folded type names, longest first ("chuong trinh hanh dong" before "chuong trinh"). */
const TYPES: ReadonlyArray<readonly [string, string]> = CITED_TYPE_NAMES.map(
  (name) => [fold(name).trim(), name] as const,
).sort((a, b) => b[0].length - a[0].length);

const PARTIAL_NUMBER_RE = /^(\d{1,5})(?:[/-](\d{4}))?$/;

const TIME_UNITS = new Set(['ngay', 'tuan', 'thang', 'quy', 'nam', 'lan', 'dot', 'ky']);

const NONE: QueryIntent = { typeF: null, type: null, typeOnly: false, numberPrefix: null, year: null };

/** Years offices issue documents in (the state's first documents date from 1945). */
function asYear(digits: string): number | null {
  const y = Number(digits);
  return digits.length === 4 && y >= 1945 && y <= new Date().getFullYear() + 1 ? y : null;
}

export function queryIntent(q: ParsedQuery): QueryIntent {
  if (q.nears.length > 0 || q.prefixes.length > 0) return NONE;
  const text = fold(q.segments.join(' '))
    .replace(/[^\p{L}\p{N}/-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return NONE;
  const typeAt = (s: string): readonly [string, string] | undefined =>
    TYPES.find(([f]) => s === f || s.startsWith(`${f} `));
  // Only a type name: "nghị quyết", "ke hoach", "các quyết định".
  const bare = text.replace(/^cac /, '');
  const only = TYPES.find(([f]) => bare === f);
  if (only && q.numbers.length === 0 && q.phrases.length === 0)
    return { typeF: only[0], type: only[1], typeOnly: true, numberPrefix: null, year: null };
  // A type name right before a partial number ("chuong trinh 04", "nghi dinh so 30/2020").
  const words = text.split(' ');
  for (let i = 0; i < words.length; i++) {
    const t = typeAt(words.slice(i).join(' '));
    if (!t) continue;
    let j = i + t[0].split(' ').length;
    if (words[j] === 'nam') {
      const year = asYear(words[j + 1] ?? '');
      if (year !== null) return { typeF: t[0], type: t[1], typeOnly: false, numberPrefix: null, year };
    }
    if (words[j] === 'so') j++;
    const m = PARTIAL_NUMBER_RE.exec(words[j] ?? '');
    // "báo cáo 6 tháng", "kế hoạch 5 năm": a count of time, not a number.
    if (!m || TIME_UNITS.has(words[j + 1] ?? '')) continue;
    const prefix = `${Number(m[1])}${m[2] ? `-${m[2]}` : ''}`;
    const year = m[2] ? null : asYear(m[1]!);
    return { typeF: t[0], type: t[1], typeOnly: false, numberPrefix: prefix, year };
  }
  return NONE;
}

/**
 * A test of number keys: the prefix itself or going on after a separator ("4-ctr-du" for "4").
 * Made once per query: it is asked of every document of a type.
 */
export function keyPrefixTest(prefix: string): (key: string | null) => boolean {
  const dashed = `${prefix}-`;
  return (key) => key !== null && (key === prefix || key.startsWith(dashed));
}
