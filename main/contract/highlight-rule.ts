// What a query marks in a text — one rule for the search snippets (main/core/search/highlight.ts) and
// the previews' find (renderer/src/features/document/fold-matcher.ts), so a hit and its preview mark
// the same words (issue 15, "highlighting = matching"):
// - an accented query word marks only that accented form ("số" never marks the "sơ" of "hồ sơ"); a
//   word typed without accents marks every accented form of it;
// - words typed side by side are marked as the syllable pairs the search matched on, one mark per run
//   of pairs ("quyet dinh" marks "Quyết định", never "quyết" of "giải quyết" nor "định" of "Quy định");
//   a document number typed as one token and a document type name are marked whole, and a pair across
//   two words of the query ("bỏ quyết" of "bãi bỏ quyết định", "bộ tài" of "bộ tài chính") only
//   together with both words, never as "bộ Quyết định" of "toàn bộ Quyết định";
// - a quoted phrase is marked whole, only where the whole phrase occurs;
// - a word that stands alone in the query (no neighbour to pair with) is marked alone, unless it is a
//   function word (của, và, về…) beside other words; a one-word query is always marked.
// Pure code: no node:, no DOM.

import { CITED_TYPE_NAMES } from './doc-type-names.js';
import { fold, foldCode } from './fold-text.js';

/**
 * Function words (folded) a result need not hold and a mark never shows alone. Small on purpose: a
 * folded "dang" (đang / Đảng) or "de" (để / đề án) is often what was meant.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  'va la cua cac nhung mot trong theo voi khi nay nao gi hay hoac ve nhu neu boi rang'.split(' '),
);

/** Tone marks (NFD): the rest of the marks (circumflex, breve, horn) shape the vowel. */
const TONE_RE = /[\u0300\u0301\u0303\u0309\u0323\u0340\u0341]/g;
const MARK_RE = /[\u0300-\u036f]/g;

/**
 * The accent-kept form of a syllable, insensitive to case and to where the tone mark sits ("hoà" =
 * "hòa", "uỷ" = "ủy"): its letters with their shape marks, then its tone mark (NFD), '' for none.
 */
const ACCENT_MEMO = new Map<string, { base: string; tone: string }>();
const ACCENT_MEMO_MAX = 20_000;

function accentForm(s: string): { base: string; tone: string } {
  let a = ACCENT_MEMO.get(s);
  if (a === undefined) {
    const d = s.normalize('NFD').toLowerCase();
    const tones = d.match(TONE_RE);
    a = { base: d.replace(TONE_RE, '').normalize('NFC'), tone: tones ? tones[tones.length - 1]! : '' };
    // Snippets ask it of every candidate syllable of every page read: a few thousand distinct
    // syllables make up Vietnamese text, so they are kept (the memo is dropped if it ever fills).
    if (ACCENT_MEMO.size >= ACCENT_MEMO_MAX) ACCENT_MEMO.clear();
    ACCENT_MEMO.set(s, a);
  }
  return a;
}

/** True when a syllable carries any diacritic (đ included). */
function accented(s: string): boolean {
  const n = s.normalize('NFC').toLowerCase();
  return fold(n) !== n.replace(MARK_RE, '');
}

interface Syllable {
  /** Folded form. */
  f: string;
  /** Accent-kept form to match exactly, or null when the word was typed without accents. */
  acc: { base: string; tone: string } | null;
}

/** One thing to mark: a run of syllables (a pair, a phrase, or one word). */
interface Unit {
  syllables: Syllable[];
  /** The last syllable may be unfinished (search-as-you-type): it matches as a prefix. */
  prefix: boolean;
  /**
   * A number typed after a type name ("chương trình 04"): it matches where a document number starts
   * with it ("04-CTr/ĐU"), and the whole number is marked, as the search named that document.
   */
  numberHead?: boolean;
}

/** A marked range of the original text and the query units it covers (indexes into `units`). */
export interface MarkRange {
  start: number;
  end: number;
  units: number[];
}

export interface HighlightOptions {
  /**
   * The last word is being typed: it matches as a prefix. 'always' (the search box as you type);
   * 'in-phrase' only when it ends a pair or phrase (the previews' find bar: "chuyen do" marks "chuyển
   * đổ", a lone "ban" stays a whole word).
   */
  lastIsPrefix?: 'always' | 'in-phrase';
  /** Further phrases the search matched on (an abbreviation's expansion), marked whole. */
  extraPhrases?: readonly string[];
}

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** Characters between two query words that keep them one group (as the search index pairs them). */
function joins(gap: string): boolean {
  return /^[ ,/&-]+$/.test(gap);
}

/** A query word as typed, and the document number (typed as one token: "15/2025") it is part of. */
interface Typed {
  raw: string;
  /** Index of the number token it belongs to, or -1. */
  num: number;
}

/** A whitespace-free token holding a digit and a slash: a document number ("08/2022/qd-ttg"). */
const NUMBER_TOKEN_RE = /^(?=\S*\d)(?=\S*\/)\S+$/u;

/** Syllable groups of free text: words split where punctuation other than , / - & stands between. */
function groupsOf(text: string): Typed[][] {
  const groups: Typed[][] = [];
  let current: Typed[] = [];
  let last = -1;
  const nfc = text.normalize('NFC');
  // Each word's number token, if it is in one.
  const numberAt: { start: number; end: number }[] = [];
  for (const t of nfc.matchAll(/\S+/gu)) {
    if (NUMBER_TOKEN_RE.test(t[0])) numberAt.push({ start: t.index, end: t.index + t[0].length });
  }
  for (const m of nfc.matchAll(WORD_RE)) {
    if (current.length > 0 && !joins(nfc.slice(last, m.index))) {
      groups.push(current);
      current = [];
    }
    const num = numberAt.findIndex((t) => m.index >= t.start && m.index < t.end);
    current.push({ raw: m[0], num });
    last = m.index + m[0].length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Document type names (folded syllables), longest first: marked whole, never cut by a pair. */
const TYPE_NAMES: readonly string[][] = CITED_TYPE_NAMES.map((t) => fold(t).split(' '))
  .filter((t) => t.length > 1)
  .sort((a, b) => b.length - a.length);

/** Head nouns of a body's or a person's name ("Bộ Tài chính", "Sở Nội vụ", "người đứng đầu"). */
const HEADS: ReadonlyMap<string, { base: string; tone: string }> = new Map(
  ['bộ', 'sở', 'ban', 'phòng', 'cục', 'vụ', 'viện', 'hội', 'trường', 'người'].map((w) => [
    fold(w),
    accentForm(w),
  ]),
);

/** A head noun as typed: any accents when typed without, else that accented form only. */
function isHead(x: Syllable): boolean {
  const h = HEADS.get(x.f);
  return h !== undefined && (x.acc === null || (x.acc.base === h.base && x.acc.tone === h.tone));
}

/**
 * A group's segments: document numbers typed as one token and document type names ("quyết định")
 * are whole segments; the syllables between them are the free stretches, marked by their pairs (a
 * stretch of three is cut in two words first).
 */
function segmentsOf(group: Typed[], syl: Syllable[]): { from: number; to: number; whole: boolean }[] {
  const segs: { from: number; to: number; whole: boolean }[] = [];
  let free = 0;
  const flushFree = (to: number): void => {
    if (to - free === 3) {
      // Three syllables are a word of one and a word of two: a body's head noun and its name ("bộ |
      // tài chính", "sở | nội vụ"), otherwise a word and its modifier ("chuyển đổi | số"). The pair
      // across the two ("bộ tài" of "toàn bộ tài liệu", "đổi số" of "thay đổi số liệu") is a link.
      const cut = isHead(syl[free]!) ? free + 1 : free + 2;
      segs.push({ from: free, to: cut, whole: false }, { from: cut, to, whole: false });
    } else if (to > free) segs.push({ from: free, to, whole: false });
  };
  let i = 0;
  while (i < group.length) {
    const num = group[i]!.num;
    let to = i;
    if (num >= 0) while (to < group.length && group[to]!.num === num) to++;
    else {
      const name = TYPE_NAMES.find(
        (t) =>
          t.length <= group.length - i && t.every((f, k) => syl[i + k]!.f === f && group[i + k]!.num < 0),
      );
      if (name) to = i + name.length;
    }
    if (to > i) {
      flushFree(i);
      segs.push({ from: i, to, whole: true });
      free = i = to;
    } else i++;
  }
  flushFree(group.length);
  return segs;
}

/**
 * The words of free query text as the marking reads them, each its folded syllables: a document
 * number or type name whole, a free stretch of two as its pair, one of three cut in a word of one
 * and a word of two ("bộ | tài chính"); a longer stretch syllable by syllable (where it cuts is not
 * known). A result must hold these (search's honest count and name boost), so what counts as a
 * match is what its snippet marks: "bo tai chinh" is not matched by "nội bộ … tại … hành chính".
 * `linked`: a stretch of three stays whole, as the mark linking its two words reads it.
 */
export function queryWords(text: string, linked = false): string[][] {
  const out: string[][] = [];
  for (const g of groupsOf(text)) {
    const syl = g.map((w) => syllable(w.raw));
    const segs = segmentsOf(g, syl);
    for (let k = 0; k < segs.length; k++) {
      const seg = segs[k]!;
      const next = segs[k + 1];
      if (linked && next && !seg.whole && !next.whole && next.to - seg.from === 3) {
        out.push(syl.slice(seg.from, next.to).map((x) => x.f));
        k++;
        continue;
      }
      const f = syl.slice(seg.from, seg.to).map((x) => x.f);
      if (seg.whole || f.length <= 2) out.push(f);
      else for (const x of f) out.push([x]);
    }
  }
  return out;
}

/**
 * The free stretches of four syllables or more of free query text (folded), which queryWords gives
 * syllable by syllable: the marking marks them by their pairs only, so a result holds one of them
 * besides the syllables ("phong luu tru dang": "lưu trữ" or another of its pairs), else its snippet
 * would mark nothing.
 */
export function queryStretches(text: string): string[][] {
  const out: string[][] = [];
  for (const g of groupsOf(text)) {
    const syl = g.map((w) => syllable(w.raw));
    for (const seg of segmentsOf(g, syl))
      if (!seg.whole && seg.to - seg.from > 2) out.push(syl.slice(seg.from, seg.to).map((x) => x.f));
  }
  return out;
}

function syllable(raw: string): Syllable {
  return { f: fold(raw), acc: accented(raw) ? accentForm(raw) : null };
}

interface QueryPart {
  text: string;
  /** Quoted phrase (or abbreviation expansion): marked whole only. */
  whole: boolean;
  /** `word*`: a prefix. */
  star?: boolean;
  /** NEAR(…): its words matched one by one. */
  near?: boolean;
}

/**
 * Splits a query of the search language into what can be marked: free text, quoted phrases, NEAR
 * groups and `word*` prefixes; excluded words (-x, -"x y"), inline filters (so:, loai:, tag:…) and
 * operators (OR, AND, NOT) mark nothing and end a run of words.
 */
function queryParts(query: string): QueryPart[] {
  const s = query.normalize('NFC');
  const parts: QueryPart[] = [];
  let free: string[] = [];
  const flush = (): void => {
    if (free.length > 0) parts.push({ text: free.join(' '), whole: false });
    free = [];
  };
  const n = s.length;
  let i = 0;
  const quoted = (from: number): [string, number] => {
    const close = s.slice(from + 1).search(/["“”]/);
    return close < 0 ? [s.slice(from + 1), n] : [s.slice(from + 1, from + 1 + close), from + close + 2];
  };
  while (i < n) {
    const ch = s[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"' || ch === '“' || ch === '”') {
      flush();
      const [text, next] = quoted(i);
      if (text.trim()) parts.push({ text, whole: true });
      i = next;
      continue;
    }
    if (ch === '-' && i + 1 < n && !/\s/.test(s[i + 1]!)) {
      flush();
      if (/["“”]/.test(s[i + 1]!)) i = quoted(i + 1)[1];
      else while (i < n && !/\s/.test(s[i]!)) i++;
      continue;
    }
    if (s.startsWith('NEAR(', i)) {
      flush();
      const close = s.indexOf(')', i);
      const inner = s.slice(i + 5, close < 0 ? n : close).replace(/,\s*\d+\s*$/, '');
      parts.push({ text: inner, whole: false, near: true });
      i = close < 0 ? n : close + 1;
      continue;
    }
    let j = i;
    while (j < n && !/\s/.test(s[j]!)) j++;
    const word = s.slice(i, j);
    const filter = /^\p{L}+:(["“”]?)/u.exec(word);
    if (filter) {
      flush();
      i = filter[1] ? quoted(i + filter[0].length - 1)[1] : j;
      continue;
    }
    if (/^(AND|OR|NOT|\|)$/.test(word)) {
      flush();
      i = j;
      continue;
    }
    if (word.length > 1 && word.endsWith('*')) {
      flush();
      parts.push({ text: word.slice(0, -1), whole: false, star: true });
      i = j;
      continue;
    }
    free.push(word);
    i = j;
  }
  flush();
  return parts;
}

/** The units of a query (see the rule at the top of this file). */
function unitsOf(query: string, opts: HighlightOptions): Unit[] {
  const parts = queryParts(query);
  const units: Unit[] = [];
  const grouped = parts.map((p) => ({ part: p, groups: groupsOf(p.text) }));
  const syllableCount = grouped.reduce((n, g) => n + g.groups.reduce((m, x) => m + x.length, 0), 0);
  // The last word of the query (for as-you-type prefixes): the last syllable of the last free part.
  const lastPart = grouped[grouped.length - 1];
  const lastGroup =
    lastPart && !lastPart.part.whole ? lastPart.groups[lastPart.groups.length - 1] : undefined;
  for (const { part, groups } of grouped) {
    for (const g of groups) {
      const syl = g.map((w) => syllable(w.raw));
      const isLast = g === lastGroup;
      if (part.whole) {
        units.push({ syllables: syl, prefix: false });
        continue;
      }
      if (part.star || part.near) {
        for (const [k, x] of syl.entries())
          units.push({ syllables: [x], prefix: !!part.star && k === syl.length - 1 });
        continue;
      }
      const prefixLast =
        isLast && (opts.lastIsPrefix === 'always' || (opts.lastIsPrefix === 'in-phrase' && syl.length > 1));
      if (syl.length === 1) {
        if (syllableCount === 1 || !FUNCTION_WORDS.has(syl[0]!.f))
          units.push({ syllables: syl, prefix: prefixLast });
        continue;
      }
      // Each segment's own units: a whole one as itself, a free stretch by its pairs, a lone syllable
      // none (it is marked only beside its neighbour). A pair across two segments ("bỏ quyết" of
      // "bãi bỏ quyết định") is no word of the query: it is marked only together with the units it
      // links ("bãi bỏ Quyết định"), never as "bộ Quyết định" of "toàn bộ Quyết định".
      const unitOf = ({ from, to }: { from: number; to: number }): Unit => ({
        syllables: syl.slice(from, to),
        prefix: prefixLast && to === syl.length,
      });
      const segs = segmentsOf(g, syl);
      const own = segs.map((seg) => {
        if (seg.whole) return [seg];
        const pairs: { from: number; to: number }[] = [];
        for (let k = seg.from + 1; k < seg.to; k++) pairs.push({ from: k - 1, to: k + 1 });
        return pairs;
      });
      for (const [k, seg] of segs.entries()) {
        units.push(...own[k]!.map(unitOf));
        if (k === 0) continue;
        // The link: the last unit (or lone syllable) before the edge and the first one after it.
        const from = (own[k - 1]!.at(-1) ?? segs[k - 1]!).from;
        const to = (own[k]![0] ?? seg).to;
        units.push(unitOf({ from, to }));
        const before = segs[k - 1]!;
        if (
          before.whole &&
          g[before.from]!.num < 0 &&
          seg.to - seg.from === 1 &&
          /^\d+$/.test(syl[seg.from]!.f)
        )
          units.push({ ...unitOf(seg), numberHead: true });
      }
    }
  }
  for (const p of opts.extraPhrases ?? []) {
    for (const g of groupsOf(p)) units.push({ syllables: g.map((w) => syllable(w.raw)), prefix: false });
  }
  // One unit per distinct spelling.
  const seen = new Set<string>();
  return units.filter((u) => {
    const key = `${u.syllables.map((x) => (x.acc ? `${x.acc.base}${x.acc.tone}` : x.f)).join(' ')}${u.prefix ? '*' : ''}${u.numberHead ? '#' : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const ESCAPE_RE = /[.*+?^${}()|[\]\\/-]/g;
/** Between the syllables of a mark: spaces (a line break too: text is hard-wrapped) and , / - &. */
const GAP = '[\\s,/&\\-\\u2013]+';
/** Letters and digits of folded text (Latin: what fold() leaves of Vietnamese). */
const WORD = 'A-Za-z0-9\\u00C0-\\u024F\\u1E00-\\u1EFF';
const WORD_CHAR_RE = new RegExp(`[${WORD}]`);
const NONE: readonly number[] = [];
/** The rest of a document number after its first digits, on folded text. */
const NUMBER_REST_RE = /(?:[/-][A-Za-z0-9]+)+/y;

/** Folded copy of text and, when folding dropped combining marks (NFD text), each folded unit's offset. */
function foldMapped(text: string): { folded: string; map: Int32Array | null } {
  const folded = fold(text);
  if (folded.length === text.length) return { folded, map: null };
  const map = new Int32Array(folded.length);
  let k = 0;
  for (let i = 0; i < text.length; i++) if (foldCode(text.charCodeAt(i)) >= 0) map[k++] = i;
  return { folded, map };
}

/**
 * Marks what a query matched in original text (accented, any case, NFC or not). Build one per query
 * with `markerFor` and reuse it for every page.
 */
export class Marker {
  private readonly units: Unit[];
  /**
   * Units by their first folded syllable, in `units` order (a long question has some forty: a
   * candidate position checks only those starting with its syllable); units whose only syllable
   * is a prefix are checked everywhere.
   */
  private readonly byFirst = new Map<string, number[]>();
  private readonly anyFirst: number[] = [];
  private readonly scan: RegExp;
  private readonly maxLen: number;
  /** Number of units (pairs, phrases, words) looked for. */
  readonly distinct: number;

  constructor(units: Unit[]) {
    this.units = units;
    this.distinct = units.length;
    units.forEach((u, i) => {
      if (u.prefix && u.syllables.length === 1) this.anyFirst.push(i);
      else {
        const f = u.syllables[0]!.f;
        const list = this.byFirst.get(f);
        if (list) list.push(i);
        else this.byFirst.set(f, [i]);
      }
    });
    this.maxLen = Math.max(...units.map((u) => u.syllables.length));
    // Candidate positions on the folded text: where some unit's folded form begins. Each alternative
    // starts with its first syllable as a literal (fast to scan for) and checks the rest in a
    // lookahead, so overlapping pairs ("chuyen doi" / "doi so") are both found; the word start is
    // checked in find(). Plain (non-unicode) classes: the folded text is Latin letters and digits.
    const alts = units
      .map((u) => {
        const [first, ...rest] = u.syllables.map((x) => x.f.replace(ESCAPE_RE, '\\$&'));
        const tail = rest.map((x) => `${GAP}${x}`).join('') + (u.prefix ? '' : `(?![${WORD}])`);
        return `${first!}(?=${tail})`;
      })
      .sort((a, b) => b.length - a.length);
    this.scan = new RegExp(alts.join('|'), 'g');
  }

  /** Marked ranges of `text`, in order, never overlapping (at most `max`). */
  find(text: string, max = Infinity): MarkRange[] {
    const out: MarkRange[] = [];
    if (!text) return out;
    const { folded, map } = foldMapped(text);
    const orig = (k: number): number => (map ? map[k]! : k);
    const origEnd = (k: number): number => {
      // k is an exclusive end in the folded copy: keep trailing combining marks in the mark.
      let e = orig(k - 1) + 1;
      while (e < text.length && foldCode(text.charCodeAt(e)) < 0) e++;
      return e;
    };
    const words = new RegExp(`[${WORD}]+`, 'y');
    const gap = new RegExp(GAP, 'y');
    const re = this.scan;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(folded)) !== null) {
      const at = m.index;
      re.lastIndex = at + 1;
      if (at > 0 && WORD_CHAR_RE.test(folded[at - 1]!)) continue; // inside a word
      // The syllables from here (up to the longest unit), joined by gaps only.
      const syl: { s: number; e: number }[] = [];
      let pos = at;
      while (syl.length < this.maxLen) {
        words.lastIndex = pos;
        const w = words.exec(folded);
        if (!w) break;
        syl.push({ s: pos, e: pos + w[0].length });
        gap.lastIndex = pos + w[0].length;
        if (!gap.exec(folded)) break;
        pos = gap.lastIndex;
      }
      let best = -1;
      let bestLen = 0;
      const listed = syl.length > 0 ? this.byFirst.get(folded.slice(syl[0]!.s, syl[0]!.e)) : undefined;
      const check =
        this.anyFirst.length === 0
          ? (listed ?? NONE)
          : [...(listed ?? NONE), ...this.anyFirst].sort((a, b) => a - b);
      for (const u of check) {
        const unit = this.units[u]!;
        const len = unit.syllables.length;
        if (len > syl.length || len <= bestLen) continue;
        if (this.matches(unit, syl, folded, text, orig, origEnd)) {
          best = u;
          bestLen = len;
        }
      }
      if (best < 0) continue;
      const start = orig(at);
      let last = syl[bestLen - 1]!.e;
      if (this.units[best]!.numberHead) {
        // The rest of the document number: "-CTr/ĐU" of "04-CTr/ĐU".
        const rest = NUMBER_REST_RE;
        rest.lastIndex = last;
        if (rest.exec(folded)) last = rest.lastIndex;
      }
      const end = origEnd(last);
      const prev = out[out.length - 1];
      if (prev && start < prev.end) {
        // Overlapping pairs ("chuyển đổi" + "đổi số") are one mark.
        prev.end = Math.max(prev.end, end);
        if (!prev.units.includes(best)) prev.units.push(best);
        continue;
      }
      if (out.length >= max) break;
      out.push({ start, end, units: [best] });
    }
    return out;
  }

  private matches(
    unit: Unit,
    syl: { s: number; e: number }[],
    folded: string,
    text: string,
    orig: (k: number) => number,
    origEnd: (k: number) => number,
  ): boolean {
    const n = unit.syllables.length;
    if (unit.numberHead) {
      // Only where a document number starts: its symbol follows, with letters ("-CTr/ĐU", "/2020/NĐ-CP";
      // not the "/5" of a date or ratio).
      const rest = NUMBER_REST_RE;
      rest.lastIndex = syl[n - 1]!.e;
      const m = rest.exec(folded);
      if (!m || !/[A-Za-z]/.test(m[0])) return false;
    }
    for (let k = 0; k < n; k++) {
      const q = unit.syllables[k]!;
      const t = syl[k]!;
      const prefix = unit.prefix && k === n - 1;
      const f = folded.slice(t.s, t.e);
      if (prefix ? !f.startsWith(q.f) : f !== q.f) return false;
      if (!q.acc) continue;
      const a = accentForm(text.slice(orig(t.s), origEnd(t.e)));
      if (prefix) {
        if (!a.base.startsWith(q.acc.base) || (q.acc.tone !== '' && a.tone !== q.acc.tone)) return false;
      } else if (a.base !== q.acc.base || a.tone !== q.acc.tone) return false;
    }
    return true;
  }
}

/** The marker of a query of the search language, or null when it marks nothing. */
export function markerFor(query: string, opts: HighlightOptions = {}): Marker | null {
  const units = unitsOf(query, opts).filter((u) => u.syllables.length > 0);
  return units.length > 0 ? new Marker(units) : null;
}
