// Text of a DOCX from mammoth's document tree (the `transformDocument` hook), one paragraph per
// line. The header and end blocks of an office document are a borderless two-column table (or
// tab-separated paragraphs): those are read column by column — issuer, "Số", "V/v" before the motto
// and the place/date line; "Nơi nhận" and recipients before the sign block — so that no row is
// flattened into one line. Other tables are read row by row, each cell's paragraphs on their own lines.

import { isHeaderCue, isSignCue } from './layout-cues.js';

/** The part of mammoth's document element shapes (lib/documents.js) read here. */
export interface DocxElement {
  type: string;
  children?: DocxElement[];
  value?: string;
  breakType?: string;
  colSpan?: number;
  rowSpan?: number;
}

/** A two-column block has at most this many rows (a data table is longer). */
const MAX_LAYOUT_ROWS = 6;
/** Tab-laid-out rows: at most this many (header or end block), and this many tab-less lines in a row. */
const MAX_TAB_ROWS = 16;
const MAX_UNTABBED = 2;

type Block = { kind: 'line'; text: string } | { kind: 'table'; rows: Cell[][] };

interface Cell {
  blocks: Block[];
  colSpan: number;
  rowSpan: number;
  /** Grid column where the cell starts (after the cells merged down from rows above). */
  col: number;
}

/** The document's text: one line per paragraph, tables as described above, no empty lines. */
export function docxText(document: DocxElement): string {
  const blocks = readBlocks(document.children ?? []);
  return renderBlocks(blocks, true).join('\n');
}

function readBlocks(elements: readonly DocxElement[]): Block[] {
  const out: Block[] = [];
  for (const el of elements) {
    if (el.type === 'table') out.push({ kind: 'table', rows: readTable(el) });
    else if (el.type === 'paragraph') readParagraph(el, out);
    else if (el.children) out.push(...readBlocks(el.children));
  }
  return out;
}

/** A paragraph's lines (a line break starts a new one); a text box inside it becomes blocks of its own. */
function readParagraph(p: DocxElement, out: Block[]): void {
  let text = '';
  const flush = (): void => {
    for (const line of text.split('\n')) out.push({ kind: 'line', text: line });
    text = '';
  };
  const walk = (el: DocxElement): void => {
    switch (el.type) {
      case 'text':
        text += el.value ?? '';
        return;
      case 'tab':
        text += '\t';
        return;
      case 'break':
        text += '\n';
        return;
      case 'paragraph':
      case 'table':
        flush();
        out.push(...readBlocks([el]));
        return;
      default:
        for (const c of el.children ?? []) walk(c);
    }
  };
  for (const c of p.children ?? []) walk(c);
  flush();
}

function readTable(table: DocxElement): Cell[][] {
  const rows: Cell[][] = [];
  // Grid columns still covered by a cell merged down from above: column → rows left.
  const covered = new Map<number, number>();
  for (const row of table.children ?? []) {
    if (row.type !== 'tableRow') continue;
    const cells: Cell[] = [];
    let col = 0;
    for (const c of row.children ?? []) {
      if (c.type !== 'tableCell') continue;
      while ((covered.get(col) ?? 0) > 0) col++;
      const cell: Cell = {
        blocks: readBlocks(c.children ?? []),
        colSpan: Math.max(1, c.colSpan ?? 1),
        rowSpan: Math.max(1, c.rowSpan ?? 1),
        col,
      };
      cells.push(cell);
      col += cell.colSpan;
    }
    for (const [k, n] of covered) covered.set(k, n - 1);
    for (const cell of cells)
      if (cell.rowSpan > 1)
        for (let k = 0; k < cell.colSpan; k++) covered.set(cell.col + k, cell.rowSpan - 1);
    rows.push(cells);
  }
  return rows;
}

/** Lines of blocks; `atStart`: nothing was written before them (a header may open the document). */
function renderBlocks(blocks: readonly Block[], atStart: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'table') {
      out.push(...renderTable(b.rows, atStart && out.length === 0));
      continue;
    }
    const rows = tabRows(blocks, i);
    if (rows.length > 0 && ((atStart && out.length === 0) || rows.some(isCueRow))) {
      out.push(...rows.map((r) => r[0]).filter(nonEmpty), ...rows.map((r) => r[1]).filter(nonEmpty));
      i += rows.length - 1;
      continue;
    }
    const t = b.text.trim();
    if (t !== '') out.push(t);
  }
  return out;
}

function nonEmpty(s: string): boolean {
  return s !== '';
}

/**
 * Paragraphs from `start` laid out as two columns with tabs ("ỦY BAN NHÂN DÂN⇥CỘNG HÒA …",
 * "⇥⇥Độc lập …"): [left, right] each; a paragraph without a tab between two such rows is left only.
 */
function tabRows(blocks: readonly Block[], start: number): [string, string][] {
  const rows: [string, string][] = [];
  let pending: [string, string][] = [];
  for (let i = start; i < blocks.length && rows.length < MAX_TAB_ROWS; i++) {
    const b = blocks[i]!;
    if (b.kind !== 'line') break;
    const text = b.text.replace(/\s+$/, '');
    if (text.trim() === '') continue;
    const m = /^([^\t]*?)\s*\t[\t\s]*(\S.*)$/.exec(text);
    if (!m) {
      if (rows.length === 0 || pending.length === MAX_UNTABBED) break;
      pending.push([text.trim(), '']);
      continue;
    }
    rows.push(...pending, [m[1]!.trim(), m[2]!.replace(/\s*\t[\t\s]*/g, ' ').trim()]);
    pending = [];
  }
  return rows;
}

function isCueRow(r: readonly [string, string]): boolean {
  return isSignCue(r[0]) || isHeaderCue(r[1]) || isSignCue(r[1]);
}

function renderCell(c: Cell): string[] {
  return renderBlocks(c.blocks, false);
}

/**
 * A header or end table (the document's first block, or a table with the motto, "Nơi nhận" or an
 * authority line, of a few rows): the cells starting in the first grid column, then the others, row
 * by row; a cell spanning the whole width is a row of its own. Any other table: row by row.
 */
function renderTable(rows: readonly Cell[][], atStart: boolean): string[] {
  const width = Math.max(0, ...rows.flat().map((c) => c.col + c.colSpan));
  const texts = rows.map((r) => r.map(renderCell));
  const cue = texts.some((r) =>
    r.some((lines) => lines.length > 0 && (isHeaderCue(lines[0]!) || isSignCue(lines[0]!))),
  );
  const twoSided =
    rows.some((r, i) => r.some((c, j) => c.col === 0 && texts[i]![j]!.length > 0)) &&
    rows.some((r, i) => r.some((c, j) => c.col > 0 && texts[i]![j]!.length > 0));
  const layout = width >= 2 && rows.length <= MAX_LAYOUT_ROWS && twoSided && (atStart || cue);
  const out: string[] = [];
  if (!layout) {
    for (const r of texts) for (const lines of r) out.push(...lines);
    return out;
  }
  let left: string[] = [];
  let right: string[] = [];
  const flush = (): void => {
    out.push(...left, ...right);
    left = [];
    right = [];
  };
  rows.forEach((r, i) => {
    r.forEach((c, j) => {
      const lines = texts[i]![j]!;
      if (c.col === 0 && c.colSpan >= width) {
        flush();
        out.push(...lines);
      } else (c.col === 0 ? left : right).push(...lines);
    });
  });
  flush();
  return out;
}
