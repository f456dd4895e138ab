// Marks matched words on the ORIGINAL accented text: matching runs on the folded copy (the text
// engine's fold(), length-preserving), and the offsets found there mark the original.

import type { SnippetPart } from '../../contract/search-types.js';
import { fold } from '../text/normalize.js';

let classes: Map<string, string> | null = null;

function letterClasses(): Map<string, string> {
  if (classes) return classes;
  const groups = new Map<string, Set<string>>();
  const addRange = (from: number, to: number): void => {
    for (let c = from; c < to; c++) {
      if (c >= 0x300 && c < 0x370) continue;
      const ch = String.fromCharCode(c);
      const f = fold(ch);
      if (f.length !== 1) continue;
      let g = groups.get(f);
      if (!g) groups.set(f, (g = new Set([f])));
      g.add(ch);
    }
  };
  addRange(0x20, 0x250);
  addRange(0x1e00, 0x1f00);
  classes = new Map();
  for (const [f, g] of groups) {
    const chars = [...g].map((ch) => ch.replace(/[\\\]^-]/g, '\\$&')).join('');
    classes.set(f, g.size > 1 ? `[${chars}]` : f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  }
  return classes;
}

const WORD_CHAR = 'A-Za-z0-9\\u00C0-\\u024F\\u1E00-\\u1EFF';
/** Up to this many words, letter classes on the original beat folding the text first. */
const CLASS_SCAN_MAX_WORDS = 2;

/**
 * Finds the query's words in original text. For one or two words: one regular expression of
 * accent-insensitive letter classes ("nang" → n[aàáảãạăằ…]ng, any case, stray combining marks) on
 * the original — no copy of the page is made (~6× faster). For more words an alternation of such
 * classes scans slowly, so the page is folded (the text engine's fold(), length-preserving on clean
 * text) and searched with plain words; text that does not fold length-preserving uses the classes.
 */
export class Matcher {
  private readonly folded: RegExp;
  private readonly classes: RegExp;
  /** Number of distinct words and prefixes looked for. */
  readonly distinct: number;

  constructor(words: readonly string[], prefixes: readonly string[]) {
    const esc = (w: string): string => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const plain = [
      ...words.map((w) => `${esc(w)}(?![${WORD_CHAR}])`),
      ...prefixes.map((w) => `${esc(w)}[${WORD_CHAR}]*`),
    ].sort((x, y) => y.length - x.length);
    this.folded = new RegExp(`(?<![${WORD_CHAR}])(?:${plain.join('|')})`, 'g');
    const cls = letterClasses();
    const pat = (w: string): string =>
      [...w].map((ch) => `${cls.get(ch) ?? esc(ch)}[\\u0300-\\u036f]*`).join('');
    const alts = [
      ...words.map((w) => `${pat(w)}(?![\\p{L}\\p{N}])`),
      ...prefixes.map((w) => `${pat(w)}[\\p{L}\\p{N}]*`),
    ].sort((x, y) => y.length - x.length);
    this.classes = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})`, 'gu');
    this.distinct = words.length + prefixes.length;
  }

  /** Matches in text as [start, end, folded word] (at most `max`). */
  find(text: string, max = Infinity): [number, number, string][] {
    const out: [number, number, string][] = [];
    let subject = text;
    let re = this.classes;
    if (this.distinct > CLASS_SCAN_MAX_WORDS) {
      const f = fold(text);
      if (f.length === text.length) {
        subject = f;
        re = this.folded;
      }
    }
    const isFolded = re === this.folded;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while (out.length < max && (m = re.exec(subject)) !== null) {
      out.push([m.index, m.index + m[0].length, isFolded ? m[0] : fold(m[0])]);
    }
    return out;
  }
}

/** A matcher for the folded words and prefixes, or null when there is nothing to mark. */
export function matcherFor(words: readonly string[], prefixes: readonly string[] = []): Matcher | null {
  const w = [...new Set(words)].filter((x) => x.length > 0);
  const p = [...new Set(prefixes)].filter((x) => x.length > 0);
  return w.length + p.length > 0 ? new Matcher(w, p) : null;
}

/** Splits text into marked / unmarked parts. */
export function markParts(text: string, matcher: Matcher | null): SnippetPart[] {
  if (!matcher || !text) return text ? [{ text, match: false }] : [];
  const parts: SnippetPart[] = [];
  let last = 0;
  for (const [start, end] of matcher.find(text)) {
    if (start > last) parts.push({ text: text.slice(last, start), match: false });
    parts.push({ text: text.slice(start, end), match: true });
    last = end;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}

export interface PageText {
  page: number;
  fileName: string | null;
  text: string;
}

export interface BuiltSnippet {
  page: number;
  fileName: string | null;
  parts: SnippetPart[];
}

const WINDOW = 220;
const MAX_MATCHES = 400;
/** Pages are read until every word was seen and this many matches found (or MAX_MATCHES): enough to choose windows. */
const ENOUGH_HITS = 12;
/** …or, once something was found, until this much text was read: a 30-page report need not be read whole. */
const ENOUGH_TEXT = 8000;

/**
 * Up to `max` snippets: windows of about WINDOW characters holding the most distinct matched words,
 * best first, never overlapping, each with its page. Pages are read (and folded) only until there
 * is enough to choose from: a common word is all over page 1 of a 30-page document.
 */
export function buildSnippets(
  pageSource: Iterable<PageText>,
  matcher: Matcher | null,
  max = 3,
): BuiltSnippet[] {
  if (!matcher) return [];
  interface Hit {
    p: number;
    start: number;
    end: number;
    word: string;
  }
  const hits: Hit[] = [];
  const pages: PageText[] = [];
  const seen = new Set<string>();
  let read = 0;
  for (const page of pageSource) {
    const p = pages.length;
    pages.push(page);
    read += page.text.length;
    for (const [start, end, word] of matcher.find(page.text, MAX_MATCHES - hits.length)) {
      hits.push({ p, start, end, word });
      seen.add(word);
    }
    if (hits.length >= MAX_MATCHES) break;
    if (hits.length >= ENOUGH_HITS && seen.size >= matcher.distinct) break;
    if (hits.length > 0 && read >= ENOUGH_TEXT) break;
  }
  if (hits.length === 0) return [];
  // Score a window starting at each hit: distinct words inside, then the number of hits.
  const scored: { i: number; score: number }[] = [];
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    const words = new Set<string>();
    let count = 0;
    for (let j = i; j < hits.length; j++) {
      const o = hits[j]!;
      if (o.p !== h.p || o.end - h.start > WINDOW) break;
      words.add(o.word);
      count++;
    }
    scored.push({ i, score: words.size * 100 + count });
  }
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  const taken: { p: number; from: number; to: number }[] = [];
  const out: BuiltSnippet[] = [];
  for (const s of scored) {
    if (out.length >= max) break;
    const h = hits[s.i]!;
    const page = pages[h.p]!;
    const text = page.text;
    let from = Math.max(0, h.start - 60);
    let to = Math.min(text.length, from + WINDOW + 60);
    if (taken.some((t) => t.p === h.p && from < t.to && to > t.from)) continue;
    // Extend to word boundaries.
    if (from > 0) {
      const sp = text.lastIndexOf(' ', from);
      from = sp >= 0 && from - sp < 20 ? sp + 1 : from;
    }
    if (to < text.length) {
      const sp = text.indexOf(' ', to);
      to = sp >= 0 && sp - to < 20 ? sp : to;
    }
    taken.push({ p: h.p, from, to });
    const slice = text.slice(from, to).replace(/\s+/g, ' ');
    const parts = markParts(slice, matcher);
    if (from > 0) parts.unshift({ text: '…', match: false });
    if (to < text.length) parts.push({ text: '…', match: false });
    out.push({ page: page.page, fileName: page.fileName, parts });
  }
  return out;
}
