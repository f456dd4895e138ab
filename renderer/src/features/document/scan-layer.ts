// The invisible text layer over a scanned page (a PDF page read by OCR, or an image): one
// transparent span per recognised word, laid on the word's box, so the scan's text can be selected
// and copied and the find's hits highlighted on the image (matching and geometry: scan-words.ts).
import type { OcrWordDto } from '../../../../main/contract/dto.js';
import { ocrHits, separatorBefore, wordGeometry } from './scan-words.js';

/** The font the spans are set in and measured with (any font: the stretch makes it fit the box). */
const LAYER_FONT = 'sans-serif';
let measureCtx: CanvasRenderingContext2D | null = null;

function emWidthOf(text: string): number {
  measureCtx ??= document.createElement('canvas').getContext('2d');
  if (!measureCtx) return 0.5 * text.length;
  measureCtx.font = `100px ${LAYER_FONT}`;
  return measureCtx.measureText(text).width / 100;
}

/**
 * Builds the layer for a page: spans of the words, those of each hit with class `vk-hit`. Returns
 * the layer and, per hit in page order, its first span (what prev/next scrolls to).
 */
export function buildScanLayer(
  words: readonly OcrWordDto[],
  query: string,
  aspect: number,
): { layer: HTMLDivElement; marks: HTMLElement[] } {
  const layer = document.createElement('div');
  layer.className = 'scan-layer';
  layer.dataset.testid = 'scan-layer';
  const spans = words.map((w, i) => {
    const span = document.createElement('span');
    const g = wordGeometry(w.box, aspect, emWidthOf(w.text), w.angle);
    span.textContent = w.text;
    span.style.left = `${g.left}%`;
    span.style.top = `${g.top}%`;
    span.style.fontSize = `${g.fontSize}cqh`;
    span.style.transform = g.angle ? `rotate(${g.angle}deg) scaleX(${g.scaleX})` : `scaleX(${g.scaleX})`;
    // The separators stay in the flow (the layer keeps white-space), so a copy has them.
    if (i > 0) layer.append(separatorBefore(words[i - 1]!, w));
    layer.append(span);
    return span;
  });
  const marks: HTMLElement[] = [];
  ocrHits(words, query).forEach((covered, hit) => {
    covered.forEach((i) => {
      const span = spans[i]!;
      span.classList.add('vk-hit');
      span.dataset.hit = String(hit);
    });
    const first = spans[covered[0]!];
    if (first) marks.push(first);
  });
  return { layer, marks };
}

/**
 * Makes `mark` (a hit's first mark) the current hit, with every other mark of that hit on its page
 * (a phrase is several words or text items), and no other hit current in `root`.
 */
export function markCurrentHit(root: ParentNode, mark: HTMLElement): void {
  for (const el of root.querySelectorAll('.vk-hit.current')) el.classList.remove('current');
  const page = mark.closest('.page, .scan-page') ?? mark.parentElement ?? mark;
  for (const el of page.querySelectorAll(`.vk-hit[data-hit="${mark.dataset.hit ?? ''}"]`))
    el.classList.add('current');
  mark.classList.add('current');
}
