// The structure of a legal or administrative text (issue 15, "sections"): Chương / Mục / Điều /
// khoản headings found at line starts, each section running to the next heading of its level or
// above, with the path a cadre cites ("Điều 5, khoản 2"). Derived from the stored page text at
// search time (nothing is stored): the search names the section a query asks for ("khoan 2 dieu 5
// quyet dinh 08/2022") and the section a snippet lies in.

import { fold } from './normalize.js';

export type SectionKind = 'chuong' | 'muc' | 'dieu' | 'khoan';

export interface Section {
  kind: SectionKind;
  /** As printed: "II" for Chương II, "5" for Điều 5, "12a" for Điều 12a; khoản: "2". */
  number: string;
  /** "Chương II", "Chương II, Mục 1", "Điều 5", "Điều 5, khoản 2". */
  path: string;
  /** Offsets in the text: the heading's line start, and the end of the section. */
  start: number;
  end: number;
}

const LEVEL: Record<SectionKind, number> = { chuong: 0, muc: 1, dieu: 2, khoan: 3 };

// A heading at a line start. Điều: "Điều 5." / "Điều 5:" / "Điều 5" alone on its line or before a
// capitalised title (then only as the next article) — never "Điều 5 của Luật…" or "Điều 5, 6",
// references that a hard-wrapped line happens to start with. Khoản: "2." inside an Điều, its text
// on the same line or the next.
const HEADING_RE =
  /^[ \t]*(?:(?:Chương|CHƯƠNG)[ \t]+([IVXLCDM]+|\d+)(?![\p{L}\p{N}])|(?:Mục|MỤC)[ \t]+(\d+)(?![\p{L}\p{N}])|(?:Điều|ĐIỀU)[ \t]+(\d+[a-zđ]?)(?:([ \t]*[.:]|[ \t]*$)|(?=[ \t]+\p{Lu}))|(\d{1,3})\.(?=[ \t]+\S|[ \t]*$))/gmu;

const HEADING_WORD_RE = /Điều|ĐIỀU|Chương|CHƯƠNG|Mục|MỤC/;

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

function numeral(s: string): number {
  if (/^\d+/.test(s)) return parseInt(s, 10);
  let n = 0;
  const r = s.toLowerCase();
  for (let i = 0; i < r.length; i++) {
    const v = ROMAN[r[i]!] ?? 0;
    n += i + 1 < r.length && v < (ROMAN[r[i + 1]!] ?? 0) ? -v : v;
  }
  return n;
}

/**
 * The sections of a text, in order. Headings must follow each other (an Điều's number above the
 * previous one or 1 again — a decision's own articles, then those of the regulation it issues;
 * khoản 1, 2, 3… within an Điều), so a reference at the start of a wrapped line is not taken for one.
 */
export function parseSections(text: string): Section[] {
  const out: Section[] = [];
  // Most documents (công văn, báo cáo, kế hoạch) have no such heading: skip the scan.
  if (!HEADING_WORD_RE.test(text)) return out;
  const open: Partial<Record<SectionKind, Section>> = {};
  let lastDieu = 0;
  let lastKhoan = 0;
  let lastChuong = 0;
  const close = (level: number, at: number): void => {
    for (const kind of ['khoan', 'dieu', 'muc', 'chuong'] as const) {
      if (LEVEL[kind] < level) continue;
      const s = open[kind];
      if (s) s.end = at;
      delete open[kind];
    }
  };
  const push = (kind: SectionKind, number: string, path: string, at: number): void => {
    close(LEVEL[kind], at);
    const s: Section = { kind, number, path, start: at, end: text.length };
    open[kind] = s;
    out.push(s);
  };
  for (const m of text.matchAll(HEADING_RE)) {
    const at = m.index;
    if (m[1] !== undefined) {
      const n = numeral(m[1]);
      if (n <= lastChuong && n !== 1) continue;
      lastChuong = n;
      push('chuong', m[1].toUpperCase(), `Chương ${m[1].toUpperCase()}`, at);
    } else if (m[2] !== undefined) {
      const ch = open.chuong;
      push('muc', m[2], ch ? `${ch.path}, Mục ${m[2]}` : `Mục ${m[2]}`, at);
    } else if (m[3] !== undefined) {
      const n = parseInt(m[3], 10);
      if (n <= lastDieu && n !== 1) continue;
      // "Điều 5." is a heading wherever the numbering goes on (a text may skip articles); "Điều 5
      // Nghị định…" only as the very next article (else a reference that starts a wrapped line).
      if (m[4] === undefined && n !== lastDieu + 1) continue;
      lastDieu = n;
      lastKhoan = 0;
      push('dieu', m[3], `Điều ${m[3]}`, at);
    } else if (m[5] !== undefined) {
      const d = open.dieu;
      const n = parseInt(m[5], 10);
      if (!d || n !== lastKhoan + 1) continue;
      lastKhoan = n;
      push('khoan', m[5], `${d.path}, khoản ${m[5]}`, at);
    }
  }
  return out;
}

/** A section a query names: "điều 5", "khoản 2 điều 5", "điều 5 khoản 2", "chương II". */
export interface SectionRef {
  dieu?: string;
  khoan?: string;
  chuong?: string;
}

/** The section reference in (typed) query text, or null. */
export function sectionRef(query: string): SectionRef | null {
  const q = fold(query).replace(/[^\p{L}\p{N}]+/gu, ' ');
  const dieu = /(?:^| )dieu (\d+[a-z]?)(?= |$)/.exec(q);
  const chuong = /(?:^| )chuong ([ivxlcdm]+|\d+)(?= |$)/.exec(q);
  if (!dieu) return chuong ? { chuong: chuong[1]! } : null;
  const ref: SectionRef = { dieu: dieu[1]! };
  const khoan = /(?:^| )khoan (\d{1,3})(?= |$)/.exec(q);
  if (khoan) ref.khoan = khoan[1]!;
  return ref;
}

/** The section a reference names (the khoản when asked and present, else its Điều), or null. */
export function findSection(sections: readonly Section[], ref: SectionRef): Section | null {
  const eq = (a: string, b: string): boolean => fold(a) === fold(b);
  if (ref.dieu === undefined) {
    return sections.find((s) => s.kind === 'chuong' && ref.chuong && eq(s.number, ref.chuong)) ?? null;
  }
  let fallback: Section | null = null;
  for (const d of sections) {
    if (d.kind !== 'dieu' || !eq(d.number, ref.dieu)) continue;
    if (ref.khoan === undefined) return d;
    const k = sections.find(
      (s) => s.kind === 'khoan' && s.start >= d.start && s.end <= d.end && s.number === ref.khoan,
    );
    if (k) return k;
    fallback ??= d;
  }
  return fallback;
}

/** The innermost section holding an offset, or null. */
export function sectionAt(sections: readonly Section[], offset: number): Section | null {
  let best: Section | null = null;
  for (const s of sections) {
    if (s.start > offset) break;
    if (offset < s.end && (!best || LEVEL[s.kind] > LEVEL[best.kind])) best = s;
  }
  return best;
}
