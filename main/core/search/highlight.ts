// Marks matched words on the ORIGINAL accented text. The query's folded words are turned into
// accent-insensitive regular expressions whose letter classes come from the text engine's fold()
// (every letter whose fold is "a" is in the class of "a"), so the match runs on the stored text and
// its offsets need no mapping; fold() is length-preserving, so this equals matching on the folded copy.

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

/** A regular expression matching any of the folded words (whole words) or prefixes in original text. */
export function matcherFor(words: readonly string[], prefixes: readonly string[] = []): RegExp | null {
  const cls = letterClasses();
  const pat = (w: string): string =>
    [...w].map((ch) => cls.get(ch) ?? ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('');
  const alts = [
    ...[...new Set(words)].filter((w) => w.length > 0).map((w) => `${pat(w)}(?![\\p{L}\\p{N}])`),
    ...[...new Set(prefixes)].filter((w) => w.length > 0).map((w) => `${pat(w)}[\\p{L}\\p{N}]*`),
  ].sort((a, b) => b.length - a.length);
  if (alts.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})`, 'gu');
}

/** Splits text into marked / unmarked parts. */
export function markParts(text: string, re: RegExp | null): SnippetPart[] {
  if (!re || !text) return text ? [{ text, match: false }] : [];
  const parts: SnippetPart[] = [];
  let last = 0;
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), match: false });
    parts.push({ text: m[0], match: true });
    last = m.index + m[0].length;
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

/**
 * Up to `max` snippets: windows of about WINDOW characters holding the most distinct matched words,
 * best first, never overlapping, each with its page.
 */
export function buildSnippets(pages: readonly PageText[], re: RegExp | null, max = 3): BuiltSnippet[] {
  if (!re) return [];
  interface Hit {
    p: number;
    start: number;
    end: number;
    word: string;
  }
  const hits: Hit[] = [];
  for (let p = 0; p < pages.length && hits.length < MAX_MATCHES; p++) {
    const text = pages[p]!.text;
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      hits.push({ p, start: m.index, end: m.index + m[0].length, word: fold(m[0]) });
      if (hits.length >= MAX_MATCHES) break;
    }
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
    const parts = markParts(slice, re);
    if (from > 0) parts.unshift({ text: '…', match: false });
    if (to < text.length) parts.push({ text: '…', match: false });
    out.push({ page: page.page, fileName: page.fileName, parts });
  }
  return out;
}
