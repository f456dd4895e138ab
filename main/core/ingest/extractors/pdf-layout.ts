// Page text from positioned pdf.js text items. The body keeps the content-stream order (pdf.js
// already gives reading order for it, and table cells stay whole), but the two-column blocks of an
// office document — the header table (issuer | motto, place/date) and the end table (Nơi nhận | sign
// block) — are rebuilt from geometry: producers that write such a table line by line across both
// columns (OCR layers, some PDF printers) would otherwise interleave or glue the columns.

import { isHeaderCue, isSignCue } from './layout-cues.js';

/** One pdf.js text item in display space (y grows downwards, after the page's /Rotate). */
export interface PdfTextItem {
  str: string;
  /** Start of the baseline. */
  x: number;
  y: number;
  /** Advance along the baseline. */
  width: number;
  /** Font size (glyph height). */
  size: number;
  hasEOL: boolean;
  /** Horizontal left-to-right text; rotated or vertical text only keeps its stream position. */
  upright: boolean;
}

/**
 * A gap between two column blocks is at least this many font sizes wide. Word spaces, even in
 * justified lines, are narrower (and pdf.js gives most of them as space items or inside a string);
 * the gap between the header's columns is the two cell paddings plus the centring slack.
 */
const GUTTER_EM = 1.0;
/** Between two separate items on one line, a gap this wide (in font sizes) is a word space. */
const SPACE_EM = 0.25;
/** Runs of spaces this long inside one item separate cells ("ỦY BAN      CỘNG HÒA …"). */
const CELL_SPACES = /\s{3,}|\t/g;

interface Box {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  /** Index of the pdf.js item it came from. */
  item: number;
}

interface Line {
  boxes: Box[];
  /** Baseline and size of the line's largest box: the band other boxes must overlap. */
  y: number;
  size: number;
}

interface Zone {
  lines: Line[];
  /** Boxes left of this x are the left column. */
  split: number;
  top: number;
  bottom: number;
}

/** The text of one page: stream order, with the page's two-column blocks read column by column. */
export function pageText(items: readonly PdfTextItem[], firstPage: boolean): string {
  const sizes = items.filter((it) => it.upright && it.size > 0 && it.str.trim() !== '').map((it) => it.size);
  if (sizes.length === 0)
    return streamText(
      items,
      items.map((_, i) => i),
    );
  const gutter = GUTTER_EM * median(sizes);
  const lines = groupLines(toBoxes(items, gutter));
  const zones = findZones(lines, gutter, firstPage);
  if (zones.length === 0)
    return streamText(
      items,
      items.map((_, i) => i),
    );

  const inZone = new Set<number>();
  for (const z of zones) for (const l of z.lines) for (const b of l.boxes) inZone.add(b.item);
  // Every other item goes after the last zone that starts above it, in stream order.
  const segments: number[][] = zones.map(() => []);
  const before: number[] = [];
  items.forEach((it, i) => {
    if (inZone.has(i)) return;
    let k = -1;
    for (let z = 0; z < zones.length; z++) if (zones[z]!.top <= it.y) k = z;
    if (k >= 0 && it.y <= zones[k]!.bottom && it.str.trim() === '') return; // spacing inside a zone
    (k < 0 ? before : segments[k]!).push(i);
  });
  const parts: string[] = [];
  if (before.length) parts.push(streamText(items, before));
  zones.forEach((z, k) => {
    parts.push(zoneText(z));
    if (segments[k]!.length) parts.push(streamText(items, segments[k]!));
  });
  return parts
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p !== '')
    .join('\n');
}

/** pdf.js order: each item's text, a line break where pdf.js saw one, a space across a visible gap. */
function streamText(items: readonly PdfTextItem[], order: readonly number[]): string {
  let text = '';
  let prev: PdfTextItem | null = null;
  for (const i of order) {
    const it = items[i]!;
    if (prev && !prev.hasEOL && needsSpace(prev, it, text)) text += ' ';
    text += it.str;
    if (it.hasEOL) text += '\n';
    prev = it;
  }
  return text;
}

function needsSpace(prev: PdfTextItem, it: PdfTextItem, text: string): boolean {
  if (!prev.upright || !it.upright || it.str === '' || /\s$/.test(text) || /^\s/.test(it.str)) return false;
  const size = Math.min(prev.size, it.size);
  if (Math.abs(prev.y - it.y) > 0.5 * size) return false;
  return it.x - (prev.x + prev.width) > SPACE_EM * size;
}

/**
 * Items as boxes; an item with runs of spaces is cut there. A space item fills a word gap, but one
 * as wide as a gutter is pdf.js marking a jump across columns, not text.
 */
function toBoxes(items: readonly PdfTextItem[], gutter: number): Box[] {
  const out: Box[] = [];
  items.forEach((it, item) => {
    if (!it.upright || !(it.size > 0) || it.str === '') return;
    const blank = it.str.trim() === '';
    if (blank && it.width >= gutter) return;
    const perChar = it.str.length > 0 ? it.width / it.str.length : 0;
    let start = 0;
    const push = (from: number, to: number): void => {
      const text = it.str.slice(from, to);
      if (text === '') return;
      out.push({ text, x0: it.x + from * perChar, x1: it.x + to * perChar, y: it.y, size: it.size, item });
    };
    if (!blank) {
      for (const m of it.str.matchAll(CELL_SPACES)) {
        push(start, m.index);
        start = m.index + m[0].length;
      }
    }
    push(start, it.str.length);
  });
  return out;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Boxes whose vertical bands overlap by half the smaller size share a line (superscripts join). */
function groupLines(boxes: readonly Box[]): Line[] {
  const sorted = [...boxes].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lines: Line[] = [];
  for (const b of sorted) {
    const last = lines[lines.length - 1];
    if (last && bandOverlap(last, b) >= 0.5 * Math.min(last.size, b.size)) {
      last.boxes.push(b);
      if (b.size > last.size) {
        last.size = b.size;
        last.y = b.y;
      }
    } else lines.push({ boxes: [b], y: b.y, size: b.size });
  }
  for (const l of lines) l.boxes.sort((a, b) => a.x0 - b.x0);
  return lines;
}

function bandOverlap(l: Line, b: Box): number {
  // Ascent ~0.8, descent ~0.2 of the size, y downwards.
  return Math.min(l.y + 0.2 * l.size, b.y + 0.2 * b.size) - Math.max(l.y - 0.8 * l.size, b.y - 0.8 * b.size);
}

type Interval = [number, number];

function textBoxes(l: Line): Box[] {
  return l.boxes.filter((b) => b.text.trim() !== '');
}

/** Union of x extents, intervals closer than `gap` merged. */
function coverage(acc: readonly Interval[], l: Line, gap: number): Interval[] {
  const all: Interval[] = [...acc, ...l.boxes.map((b): Interval => [b.x0, b.x1])].sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const iv of all) {
    const last = out[out.length - 1];
    if (last && iv[0] - last[1] < gap) last[1] = Math.max(last[1], iv[1]);
    else out.push([iv[0], iv[1]]);
  }
  return out;
}

function gapsOf(cov: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (let i = 1; i < cov.length; i++) out.push([cov[i - 1]![1], cov[i]![0]]);
  return out;
}

/**
 * Two-column blocks: from an anchor line — the first line of the first page, or a line with a cell
 * holding the motto, "Nơi nhận" or an authority line (TM., KT., …) — the lines below and then above
 * it for as long as one vertical gutter stays free of text, with text on both sides of it.
 */
function findZones(lines: readonly Line[], gap: number, firstPage: boolean): Zone[] {
  const zones: Zone[] = [];
  let taken = -1; // lines up to this index belong to a zone already
  for (let a = 0; a < lines.length; a++) {
    if (a <= taken || !isAnchor(lines[a]!, gap, firstPage && a === 0)) continue;
    let cov = coverage([], lines[a]!, gap);
    let gutter: Interval | null = widest(gapsOf(cov));
    if (gutter && !isCellGap(lines[a]!, gutter)) gutter = null;
    const admit = (l: Line): boolean => {
      const next = coverage(cov, l, gap);
      const gaps = gapsOf(next);
      const g = gutter ? gaps.find((c) => c[0] < gutter![1] && c[1] > gutter![0]) : widest(gaps);
      if (!g || !isCellGap(l, g)) return false;
      cov = next;
      gutter = g;
      return true;
    };
    let hi = a;
    while (hi + 1 < lines.length && admit(lines[hi + 1]!)) hi++;
    let lo = a;
    while (lo - 1 > taken && admit(lines[lo - 1]!)) lo--;
    if (!gutter) continue;
    const g: Interval = gutter;
    const run = lines.slice(lo, hi + 1);
    zones.push({
      lines: run,
      split: (g[0] + g[1]) / 2,
      top: Math.min(...run.map((l) => l.y - l.size)),
      bottom: Math.max(...run.map((l) => l.y + 0.3 * l.size)),
    });
    taken = hi;
  }
  return zones;
}

/**
 * A line with text on both sides of the gutter is a row of two cells only if its gap there stands
 * out: twice its widest word gap (a justified line of separately placed words has even gaps).
 */
function isCellGap(l: Line, g: Interval): boolean {
  const split = (g[0] + g[1]) / 2;
  const words = textBoxes(l);
  const left = words.filter((b) => (b.x0 + b.x1) / 2 < split);
  const right = words.filter((b) => (b.x0 + b.x1) / 2 >= split);
  if (left.length === 0 || right.length === 0) return true;
  const own = right[0]!.x0 - left[left.length - 1]!.x1;
  let other = 0;
  for (const side of [left, right])
    for (let i = 1; i < side.length; i++) other = Math.max(other, side[i]!.x0 - side[i - 1]!.x1);
  return own >= 2 * other;
}

function widest(gaps: readonly Interval[]): Interval | null {
  let best: Interval | null = null;
  for (const g of gaps) if (!best || g[1] - g[0] > best[1] - best[0]) best = g;
  return best;
}

/** The line's cells (boxes split at gutter-wide gaps) hold a header or end-block cue. */
function isAnchor(l: Line, gap: number, pageTop: boolean): boolean {
  if (textBoxes(l).length === 0) return false;
  if (pageTop) return true;
  const cells: Box[][] = [];
  for (const b of l.boxes) {
    const cell = cells[cells.length - 1];
    const last = cell?.[cell.length - 1];
    if (cell && last && b.x0 - last.x1 < gap) cell.push(b);
    else cells.push([b]);
  }
  return cells.some((c) => {
    const t = joinBoxes(c);
    return isHeaderCue(t) || isSignCue(t);
  });
}

function sideText(l: Line, split: number, left: boolean): string {
  return joinBoxes(l.boxes.filter((b) => (b.x0 + b.x1) / 2 < split === left));
}

/** Left column's lines, then the right column's. */
function zoneText(z: Zone): string {
  const out: string[] = [];
  for (const left of [true, false]) {
    for (const l of z.lines) {
      const t = sideText(l, z.split, left).trim();
      if (t) out.push(t);
    }
  }
  return out.join('\n');
}

/** Boxes of one line, left to right: a space across a gap, a printed-twice box (fake bold) once. */
function joinBoxes(boxes: readonly Box[]): string {
  let text = '';
  let prev: Box | null = null;
  for (const b of boxes) {
    if (prev) {
      const size = Math.min(prev.size, b.size);
      if (b.text === prev.text && Math.abs(b.x0 - prev.x0) < 0.3 * size) continue;
      if (!/\s$/.test(text) && !/^\s/.test(b.text) && b.x0 - prev.x1 > SPACE_EM * size) text += ' ';
    }
    text += b.text;
    prev = b;
  }
  return text.replace(/\s+/g, ' ');
}
