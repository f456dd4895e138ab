// Snippets and marked titles of search hits. What a query marks is the contract's rule
// (main/contract/highlight-rule.ts), shared with the previews' find so a hit and its preview mark
// the same words: accented words in their accented form only, pairs and phrases as one mark.

import { markerFor, type Marker } from '../../contract/highlight-rule.js';
import type { SnippetPart } from '../../contract/search-types.js';

export { markerFor, type Marker };

/** Splits text into marked / unmarked parts. */
export function markParts(text: string, matcher: Marker | null): SnippetPart[] {
  if (!matcher || !text) return text ? [{ text, match: false }] : [];
  const parts: SnippetPart[] = [];
  let last = 0;
  for (const { start, end } of matcher.find(text)) {
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
  /** Which of the pages read it is on (0-based, in reading order) and where its first mark starts. */
  source: number;
  at: number;
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
  matcher: Marker | null,
  max = 3,
): BuiltSnippet[] {
  if (!matcher) return [];
  interface Hit {
    p: number;
    start: number;
    end: number;
    units: number[];
  }
  const hits: Hit[] = [];
  const pages: PageText[] = [];
  const seen = new Set<number>();
  let read = 0;
  for (const page of pageSource) {
    const p = pages.length;
    pages.push(page);
    read += page.text.length;
    for (const { start, end, units } of matcher.find(page.text, MAX_MATCHES - hits.length)) {
      hits.push({ p, start, end, units });
      for (const u of units) seen.add(u);
    }
    if (hits.length >= MAX_MATCHES) break;
    if (hits.length >= ENOUGH_HITS && seen.size >= matcher.distinct) break;
    if (hits.length > 0 && read >= ENOUGH_TEXT) break;
  }
  if (hits.length === 0) return [];
  // Score a window starting at each hit: distinct query units (pairs, phrases, words) inside, then
  // the number of hits.
  const scored: { i: number; score: number }[] = [];
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    const words = new Set<number>();
    let count = 0;
    for (let j = i; j < hits.length; j++) {
      const o = hits[j]!;
      if (o.p !== h.p || o.end - h.start > WINDOW) break;
      for (const u of o.units) words.add(u);
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
    out.push({ page: page.page, fileName: page.fileName, parts, source: h.p, at: h.start });
  }
  return out;
}
