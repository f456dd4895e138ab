// Where a document's sections (Chương / Mục / Điều / Khoản) lie in its stored text, for the section a
// query names and the section a hit's snippet lies in; derived from the text and kept for the next
// searches (the service forgets a document when it changes).

import type { PageText } from './highlight.js';
import { parseSections, type Section } from '../text/sections.js';

/** Outlines (sections of a document) kept between searches. */
const OUTLINE_CACHE = 256;

/** A document's sections and the start offset of each of its pages in their joined text. */
export interface Outline {
  sections: Section[];
  starts: number[];
}

export class DocumentOutlines {
  private readonly outlines = new Map<number, Outline>();

  /** `pageTexts`: a document's pages in reading order, read lazily. */
  constructor(private readonly pageTexts: (id: number) => Iterable<PageText>) {}

  /**
   * A document's sections over its pages in reading order (pages joined by a line break; each
   * page's start offset).
   */
  outlineOf(id: number): Outline {
    const outlines = this.outlines;
    const cached = outlines.get(id);
    if (cached) {
      outlines.delete(id); // most recently used last
      outlines.set(id, cached);
      return cached;
    }
    const pages = [...this.pageTexts(id)];
    const starts: number[] = [];
    let at = 0;
    for (const p of pages) {
      starts.push(at);
      at += p.text.length + 1;
    }
    const outline: Outline = { sections: parseSections(pages.map((p) => p.text).join('\n')), starts };
    outlines.set(id, outline);
    if (outlines.size > OUTLINE_CACHE) outlines.delete(outlines.keys().next().value!);
    return outline;
  }

  /** The pages of a document cut to one section (its page numbers kept), for its snippets. */
  sectionPages(id: number, s: Section): PageText[] {
    const out: PageText[] = [];
    let at = 0;
    for (const p of this.pageTexts(id)) {
      const from = Math.max(s.start, at);
      const to = Math.min(s.end, at + p.text.length);
      if (from < to) out.push({ ...p, text: p.text.slice(from - at, to - at) });
      at += p.text.length + 1;
      if (at >= s.end) break;
    }
    return out;
  }

  /** The page (number) of an offset in a document's joined text. */
  pageAt(id: number, outline: Outline, offset: number): number {
    let k = 0;
    while (k + 1 < outline.starts.length && outline.starts[k + 1]! <= offset) k++;
    let n = 0;
    for (const p of this.pageTexts(id)) if (n++ === k) return p.page;
    return 1;
  }

  /** Drops a changed document's outline. */
  forget(id: number): void {
    this.outlines.delete(id);
  }

  /** Drops every outline (after a rebuild). */
  clear(): void {
    this.outlines.clear();
  }
}
