// A PDF page's text as the preview's find reads it: pdf.js's text items joined into one string, with
// a line break where pdf.js says a line ends. A justified line often ends in an item of its own
// ("số", end of line) and the next line starts a new one ("15/2025/QĐ-UBND ngày…"): joined without
// the break they read "số15/2025", and the number was marked from "2025" on (issue 15). pdf.js's own
// find joins them the same way. Pure code: no DOM.

export interface PdfTextItem {
  str: string;
  /** pdf.js's hasEOL: a line ends after this item. */
  eol: boolean;
}

/** The page's text and each item's start offset in it. */
export function pageString(items: readonly PdfTextItem[]): { text: string; starts: number[] } {
  let text = '';
  const starts: number[] = [];
  for (const { str, eol } of items) {
    starts.push(text.length);
    text += str;
    // An empty item is a line end of its own.
    if (eol || str === '') text += '\n';
  }
  return { text, starts };
}

/** A piece of a marked range inside one item: offsets in that item's string. */
export interface ItemSegment {
  start: number;
  end: number;
  /** Which range (in page order) it belongs to. */
  hit: number;
}

/** Splits ranges of the page string over the items they span, by item index, in order. */
export function segmentsByItem(
  items: readonly PdfTextItem[],
  starts: readonly number[],
  ranges: readonly { start: number; end: number }[],
): Map<number, ItemSegment[]> {
  const perItem = new Map<number, ItemSegment[]>();
  let first = 0;
  ranges.forEach((r, hit) => {
    // Ranges come in page order: items ending before this one's start are never needed again.
    while (first < items.length && starts[first]! + items[first]!.str.length <= r.start) first++;
    for (let i = first; i < items.length && starts[i]! < r.end; i++) {
      const s = starts[i]!;
      const e = s + items[i]!.str.length;
      if (e <= r.start) continue;
      const list = perItem.get(i) ?? [];
      list.push({ start: Math.max(r.start, s) - s, end: Math.min(r.end, e) - s, hit });
      perItem.set(i, list);
    }
  });
  return perItem;
}

/** A CSS font for a PDF font, read from its PostScript name. */
export interface FontFace {
  family: string;
  weight: 'normal' | 'bold';
  style: 'normal' | 'italic';
}

/**
 * The installed font a PDF font names: "BAAAAA+NotoSerif-Regular" → Noto Serif, "TimesNewRomanPS-BoldMT"
 * or "Times New Roman,Bold" → Times New Roman bold. Null for a name that is no font family (Type 3,
 * "F1").
 */
export function pdfFontFace(name: string | undefined): FontFace | null {
  if (!name) return null;
  const bare = name.replace(/^[A-Z]{6}\+/, '');
  const [rawFamily = '', rawStyle = ''] = bare.split(/[-,]/, 2);
  const family = rawFamily
    .replace(/(PS)?MT$/, '')
    .replace(/PS$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
  if (family.length < 3 || /^F\d+$/.test(family) || /^T3/.test(family)) return null;
  const style = rawStyle.replace(/MT$/, '');
  return {
    family,
    weight: /bold|black|heavy|semibold/i.test(style) ? 'bold' : 'normal',
    style: /italic|oblique/i.test(style) ? 'italic' : 'normal',
  };
}

/**
 * How a text-layer span in the PDF's own font meets the width the PDF gives it. A justified line's
 * glyphs keep their widths and its spaces grow: a uniform stretch (pdf.js's --scale-x) moves every
 * letter after the first a little further right, so a mark in the middle of the line is drawn off its
 * words. `target` and `natural` are the span's widths in the same unit (what pdf.js fitted it to, and
 * its text in the PDF's font unscaled); `spaceWidth` one space of that font.
 */
export function fitSpan(
  target: number,
  natural: number,
  spaces: number,
  spaceWidth: number,
): { scaleX: number; wordSpacing: number } {
  if (natural <= 0 || target <= 0) return { scaleX: 1, wordSpacing: 0 };
  const extra = target - natural;
  // Spaces take the extra when they can without looking like more than a justified line does (a
  // space at most four times its width); otherwise the font is not the PDF's after all: stretch.
  if (spaces > 0 && extra > 0 && extra / spaces <= 3 * spaceWidth) {
    return { scaleX: 1, wordSpacing: extra / spaces };
  }
  return { scaleX: target / natural, wordSpacing: 0 };
}
