// The scan layer's words (scan-layer.ts builds the layer; this part needs no DOM, so it is tested
// under Node): the page's text in reading order, what a query marks in it — the text PDFs' rule
// (fold-matcher) — and where a word's span goes on the page.
import type { OcrWordDto } from '../../../../main/contract/dto.js';
import { findMatches } from './fold-matcher.js';

/** What goes between two words in reading order: a line break where the next one starts a new line. */
export function separatorBefore(prev: OcrWordDto, next: OcrWordDto): string {
  const newLine = next.box[1] > (prev.box[1] + prev.box[3]) / 2 || next.box[0] < prev.box[0];
  return newLine ? '\n' : ' ';
}

/** The page's words as one string (as they would be copied) and each word's start offset. */
export function ocrPageString(words: readonly OcrWordDto[]): { text: string; starts: number[] } {
  let text = '';
  const starts: number[] = [];
  words.forEach((w, i) => {
    if (i > 0) text += separatorBefore(words[i - 1]!, w);
    starts.push(text.length);
    text += w.text;
  });
  return { text, starts };
}

/** Each hit of the query on the page, as the indices of the words it covers (a phrase covers several). */
export function ocrHits(words: readonly OcrWordDto[], query: string): number[][] {
  const { text, starts } = ocrPageString(words);
  return findMatches(text, query).map((r) => {
    const covered: number[] = [];
    words.forEach((w, i) => {
      const s = starts[i]!;
      if (s < r.end && s + w.text.length > r.start) covered.push(i);
    });
    return covered;
  });
}

/**
 * Where a word's span goes, in units of the layer (a container of `cqh`/`cqw` size): its box's
 * top-left in percent, its font size as percent of the page height (the box's height, so the span is
 * as tall as the box) and the horizontal stretch that makes the text as wide as the box.
 * `aspect` is the page's width over its height; `emWidth` the text's width at a font size of 1.
 */
export function wordGeometry(
  box: OcrWordDto['box'],
  aspect: number,
  emWidth: number,
): { left: number; top: number; fontSize: number; scaleX: number } {
  const [x0, y0, x1, y1] = box;
  const fontSize = Math.max(0, y1 - y0) * 100;
  // Box width in the same unit as the font size (percent of the page height).
  const width = Math.max(0, x1 - x0) * 100 * aspect;
  const natural = emWidth * fontSize;
  return { left: x0 * 100, top: y0 * 100, fontSize, scaleX: natural > 0 ? width / natural : 1 };
}
