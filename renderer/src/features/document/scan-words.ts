// The scan layer's words (scan-layer.ts builds the layer; this part needs no DOM, so it is tested
// under Node): the page's text in reading order, what a query marks in it — the text PDFs' rule
// (fold-matcher) — and where a word's span goes on the page.
import type { OcrWordDto } from '../../../../main/contract/dto.js';
import { uprightBox } from '../../../../main/contract/word-turn.js';
import { findMatches } from './fold-matcher.js';

/**
 * What goes between two words in reading order: a line break where the next one starts a new line
 * (judged on the page turned upright, for a page scanned sideways or upside down).
 */
export function separatorBefore(prev: OcrWordDto, next: OcrWordDto): string {
  const p = uprightBox(prev.box, prev.angle);
  const n = uprightBox(next.box, next.angle);
  const newLine = n[1] > (p[1] + p[3]) / 2 || n[0] < p[0];
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
 * Where a word's span goes, in units of the layer (a container of `cqh`/`cqw` size): the span's
 * origin in percent, its font size as percent of the page height (the box's extent across the text,
 * so the span is as tall as the box) and the stretch that makes the text as long as the box.
 * `aspect` is the page's width over its height; `emWidth` the text's width at a font size of 1.
 * A word whose text runs at `angle` (clockwise; a page scanned sideways or upside down) is turned
 * about the origin (transform-origin 0 0), which is then the corner of the box where its text starts.
 */
export function wordGeometry(
  box: OcrWordDto['box'],
  aspect: number,
  emWidth: number,
  angle: OcrWordDto['angle'] = undefined,
): { left: number; top: number; fontSize: number; scaleX: number; angle: number } {
  const [x0, y0, x1, y1] = box;
  // The box's sides in the font size's unit (percent of the page height).
  const across = Math.max(0, y1 - y0) * 100;
  const along = Math.max(0, x1 - x0) * 100 * aspect;
  const sideways = angle === 90 || angle === 270;
  const fontSize = sideways ? along : across;
  const length = sideways ? across : along;
  const natural = emWidth * fontSize;
  const origin: [number, number] =
    angle === 90 ? [x1, y0] : angle === 180 ? [x1, y1] : angle === 270 ? [x0, y1] : [x0, y0];
  return {
    left: origin[0] * 100,
    top: origin[1] * 100,
    fontSize,
    scaleX: natural > 0 ? length / natural : 1,
    angle: angle ?? 0,
  };
}
