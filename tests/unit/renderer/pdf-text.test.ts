// The PDF preview's page text (renderer/src/features/document/pdf-text.ts) on a real PDF: a justified
// line ending in an item of its own must not glue onto the next line, or the find marks a document
// number from its second syllable on (issue 15: "15/2025/QĐ-UBND ngày" marked as "2025/QĐ-UBND ngày").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findMatches } from '../../../renderer/src/features/document/fold-matcher.js';
import {
  fitSpan,
  pageString,
  pdfFontFace,
  segmentsByItem,
  type PdfTextItem,
} from '../../../renderer/src/features/document/pdf-text.js';
import { testdata } from '../../helpers/repo-root.js';

async function pdfPageItems(file: string, pageNo: number): Promise<PdfTextItem[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)) }).promise;
  try {
    // As the preview reads it (pdf-preview.tsx): the items with a string, and their line ends.
    const content = await (await doc.getPage(pageNo)).getTextContent({ disableNormalization: true });
    return content.items.flatMap((it) => ('str' in it ? [{ str: it.str, eol: it.hasEOL }] : []));
  } finally {
    await doc.destroy();
  }
}

describe('pageString (PDF preview text)', () => {
  it('marks a document number that starts a justified line whole (real PDF, page 2)', async () => {
    const items = await pdfPageItems(testdata('real-docs', 'pdf', '80-2025-qd-ubnd.pdf'), 2);
    // The case itself: "số" ends a line in an item of its own, the number starts the next item.
    const k = items.findIndex((it) => it.str.startsWith('15/2025/QĐ-UBND ngày'));
    expect(k).toBeGreaterThan(0);
    expect(items[k - 1]!.str).toBe('số');
    expect(items[k - 1]!.eol).toBe(true);

    const { text, starts } = pageString(items);
    const ranges = findMatches(text, '15/2025/QĐ-UBND ngày');
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual([
      '15/2025/QĐ-UBND ngày',
      '15/2025/QĐ-UBND ngày',
    ]);
    // Each mark lies in the item holding the number, from its first character.
    const segs = segmentsByItem(items, starts, ranges);
    expect(segs.get(k)).toEqual([{ start: 0, end: '15/2025/QĐ-UBND ngày'.length, hit: 0 }]);
  });

  it('reads an empty item as one line end and splits a range over the items it spans', () => {
    const items: PdfTextItem[] = [
      { str: 'Quyết', eol: false },
      { str: ' ', eol: false },
      { str: 'định', eol: true },
      { str: '', eol: true },
      { str: 'số 5', eol: false },
    ];
    const { text, starts } = pageString(items);
    expect(text).toBe('Quyết định\n\nsố 5');
    expect(starts).toEqual([0, 5, 6, 11, 12]);
    const segs = segmentsByItem(items, starts, [{ start: 0, end: 10 }]);
    expect([...segs.entries()]).toEqual([
      [0, [{ start: 0, end: 5, hit: 0 }]],
      [1, [{ start: 0, end: 1, hit: 0 }]],
      [2, [{ start: 0, end: 4, hit: 0 }]],
    ]);
  });
});

describe("text-layer spans in the PDF's own font", () => {
  it('reads the font family and style from the PDF font names', async () => {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const file = testdata('real-docs', 'pdf', '80-2025-qd-ubnd.pdf');
    const doc = await getDocument({ data: new Uint8Array(readFileSync(file)) }).promise;
    try {
      const page = await doc.getPage(1);
      await page.getOperatorList(); // loads the page's fonts
      const { styles } = await page.getTextContent();
      const faces = Object.keys(styles).map((k) =>
        pdfFontFace((page.commonObjs.get(k) as { name?: string }).name),
      );
      expect(faces).toContainEqual({ family: 'Noto Serif', weight: 'normal', style: 'normal' });
      expect(faces).toContainEqual({ family: 'Noto Serif', weight: 'bold', style: 'normal' });
    } finally {
      await doc.destroy();
    }
    // As Word and LibreOffice name Times New Roman.
    expect(pdfFontFace('TimesNewRomanPS-BoldMT')).toEqual({
      family: 'Times New Roman',
      weight: 'bold',
      style: 'normal',
    });
    expect(pdfFontFace('ABCDEF+TimesNewRomanPSMT')?.family).toBe('Times New Roman');
    expect(pdfFontFace('Times New Roman,BoldItalic')).toEqual({
      family: 'Times New Roman',
      weight: 'bold',
      style: 'italic',
    });
    expect(pdfFontFace('F1')).toBeNull();
    expect(pdfFontFace(undefined)).toBeNull();
  });

  it("gives a justified line's extra width to its spaces, letters unstretched", () => {
    // 11 spaces of 4 px each take 22 px more: 2 px each, no stretch of the letters.
    expect(fitSpan(422, 400, 11, 4)).toEqual({ scaleX: 1, wordSpacing: 2 });
    // No spaces, or far more extra than spaces could take: the font is not the PDF's, stretch.
    expect(fitSpan(110, 100, 0, 4)).toEqual({ scaleX: 1.1, wordSpacing: 0 });
    expect(fitSpan(200, 100, 2, 4)).toEqual({ scaleX: 2, wordSpacing: 0 });
    // Narrower than the text in the font: shrink uniformly.
    expect(fitSpan(90, 100, 3, 4)).toEqual({ scaleX: 0.9, wordSpacing: 0 });
  });
});
