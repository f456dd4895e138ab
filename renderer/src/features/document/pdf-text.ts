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
