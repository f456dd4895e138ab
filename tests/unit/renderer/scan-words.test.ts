import { describe, expect, it } from 'vitest';
import type { OcrWordDto } from '../../../main/contract/dto.js';
import { turnBox } from '../../../main/contract/word-turn.js';
import { ocrHits, ocrPageString, wordGeometry } from '../../../renderer/src/features/document/scan-words.js';

const words = (texts: string[]): OcrWordDto[] =>
  texts.map((text, i) => ({ text, conf: 90, box: [0.1 + i * 0.1, 0.2, 0.18 + i * 0.1, 0.22] }));

describe('scan layer: OCR words matched as text PDFs are', () => {
  const page = words(['Ban', 'hành', 'Quy', 'chế', 'số', 'hóa', 'tài', 'liệu.']);

  it('joins the words in reading order with one space', () => {
    const { text, starts } = ocrPageString(page.slice(0, 3));
    expect(text).toBe('Ban hành Quy');
    expect(starts).toEqual([0, 4, 9]);
  });

  it('breaks the line where the next word starts a new one', () => {
    const two: OcrWordDto[] = [
      { text: 'Quy', conf: 90, box: [0.1, 0.2, 0.16, 0.22] },
      { text: 'chế', conf: 90, box: [0.17, 0.201, 0.19, 0.221] },
      { text: 'số', conf: 90, box: [0.1, 0.24, 0.14, 0.26] },
    ];
    expect(ocrPageString(two).text).toBe('Quy chế\nsố');
    // A phrase goes on over the line break, as in a text PDF.
    expect(ocrHits(two, 'quy che so')).toEqual([[0, 1, 2]]);
  });

  it('marks the words an unaccented phrase covers, once per hit', () => {
    expect(ocrHits(page, 'so hoa')).toEqual([[4, 5]]);
    expect(ocrHits(page, 'tai lieu')).toEqual([[6, 7]]);
    expect(ocrHits(page, 'quy che so hoa')).toEqual([[2, 3, 4, 5]]);
  });

  it('follows the matcher: a pair typed together is not marked syllable by syllable', () => {
    expect(ocrHits(page, 'quy hoa')).toEqual([]);
  });

  it('finds đ and NFD words from an unaccented query', () => {
    const nfd = words(['Quyết', 'định', 'số', '31']).map((w) => ({ ...w, text: w.text.normalize('NFD') }));
    expect(ocrHits(nfd, 'quyet dinh')).toEqual([[0, 1]]);
    expect(ocrHits(words(['Mở', 'rộng', 'đường']), 'duong')).toEqual([[2]]);
  });
});

describe('scan layer: a word box becomes a span on the image', () => {
  it('puts the span at the box and as tall as it', () => {
    const g = wordGeometry([0.25, 0.5, 0.45, 0.52], 0.75, 2);
    expect(g.left).toBeCloseTo(25);
    expect(g.top).toBeCloseTo(50);
    expect(g.fontSize).toBeCloseTo(2); // percent of the page height
  });

  it('stretches the text to the box width, whatever the page shape', () => {
    // Box 0.2 of the width on an A4 page (aspect 0.707): 0.2 × 0.707 × 100 = 14.14 units wide;
    // the text at font size 2 is 2 × 3 = 6 units wide, so it is stretched 2.357×.
    const a4 = wordGeometry([0.25, 0.5, 0.45, 0.52], 595 / 842, 3);
    expect(a4.scaleX * a4.fontSize * 3).toBeCloseTo(0.2 * 100 * (595 / 842));
    const wide = wordGeometry([0.25, 0.5, 0.45, 0.52], 842 / 595, 3);
    expect(wide.scaleX / a4.scaleX).toBeCloseTo((842 / 595) ** 2);
  });

  it('turns the span of a word on a page scanned sideways or upside down onto its box', () => {
    // The span, turned clockwise by the angle about its origin (transform-origin 0 0), must cover the
    // box: its length (stretched) along the text, its font size across it. Page 0.75 wide per height.
    const aspect = 0.75;
    const box: OcrWordDto['box'] = [0.6, 0.2, 0.62, 0.35];
    for (const angle of [90, 180, 270] as const) {
      const g = wordGeometry(box, aspect, 2, angle);
      expect(g.angle).toBe(angle);
      const length = g.scaleX * 2 * g.fontSize; // in percent of the page height
      // The span's corners before the turn, in percent of the page height, about its origin.
      const a = (angle * Math.PI) / 180;
      const corners = [
        [0, 0],
        [length, 0],
        [0, g.fontSize],
        [length, g.fontSize],
      ].map(([x, y]) => [x! * Math.cos(a) - y! * Math.sin(a), x! * Math.sin(a) + y! * Math.cos(a)]);
      // Back to fractions of the page: x in percent of the width, y of the height.
      const xs = corners.map(([x]) => (g.left + x! / aspect) / 100);
      const ys = corners.map(([, y]) => (g.top + y!) / 100);
      const got = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
      got.forEach((v, i) => expect(v, `angle ${angle}`).toBeCloseTo(box[i]!, 6));
    }
  });

  it('breaks lines as the upright page reads, on a page scanned sideways', () => {
    // The words of the test above ("Quy chế / số"), on the page turned 90° clockwise when scanned.
    const upright: OcrWordDto[] = [
      { text: 'Quy', conf: 90, box: [0.1, 0.2, 0.16, 0.22] },
      { text: 'chế', conf: 90, box: [0.17, 0.201, 0.19, 0.221] },
      { text: 'số', conf: 90, box: [0.1, 0.24, 0.14, 0.26] },
    ];
    const turned = upright.map((w) => ({ ...w, box: turnBox(w.box, 90), angle: 90 as const }));
    expect(ocrPageString(turned).text).toBe('Quy chế\nsố');
  });

  it('leaves a degenerate box unstretched rather than infinite', () => {
    expect(wordGeometry([0.3, 0.3, 0.3, 0.3], 1, 2).scaleX).toBe(1);
  });
});
