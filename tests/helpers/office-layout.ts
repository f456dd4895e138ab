import type { LayoutTruth } from './layout-checks.js';
import type { PlacedText } from './make-pdf.js';

/** The parts of an office document as printed (layout of Nghị định 30/2020/NĐ-CP). */
export interface OfficeDoc {
  /** Left header cell: superior body, issuing body (bold), then "Số: …" and any "V/v …" lines. */
  issuer: string[];
  number: string;
  vv?: string[];
  /** A row left for the short rule under the issuer (default true). */
  ruleRow?: boolean;
  /** Right header cell: motto lines (and anything printed under them), then the place/date line. */
  motto: string[];
  date: string;
  heading?: string;
  title?: string[];
  /** Body lines, already broken as printed (a paragraph's last line is not justified: end it with "¶"). */
  body: string[];
  /** Left end cell: "Nơi nhận:" and the recipients. */
  recipients: string[];
  /** Right end cell: the authority lines, then (after the signature space) the name. */
  sign: string[];
  signer: string;
}

export interface Column {
  x: number;
  width: number;
}

export interface PdfLayout {
  left: Column;
  right: Column;
  /** Body text box. */
  body: Column;
  /**
   * How the two-column tables are written: row by row across both columns (OCR layers, some PDF
   * printers) or one cell after the other (Word, LibreOffice, browsers).
   */
  order: 'rows' | 'columns';
  /** Every word drawn on its own (OCR-like). */
  words?: boolean;
  size?: number;
  /** Body lines on the first page; the rest (and the end table) go on the next pages. */
  bodyLinesPerPage?: number;
}

const LINE = 17;

function cell(
  lines: readonly string[],
  col: Column,
  top: number,
  layout: PdfLayout,
  style: (i: number) => Partial<PlacedText>,
  align: PlacedText['align'] = 'center',
): PlacedText[] {
  return lines.map((text, i) => ({
    text,
    x: col.x,
    y: top + i * LINE,
    width: col.width,
    align,
    size: layout.size ?? 12,
    words: layout.words ?? false,
    ...style(i),
  }));
}

/** Interleave two cells row by row, or keep them one after the other. */
function table(left: PlacedText[], right: PlacedText[], order: PdfLayout['order']): PlacedText[] {
  if (order === 'columns') return [...left, ...right];
  const out: PlacedText[] = [];
  const rows = [...new Set([...left, ...right].map((t) => t.y))].sort((a, b) => a - b);
  for (const y of rows) out.push(...left.filter((t) => t.y === y), ...right.filter((t) => t.y === y));
  return out;
}

/** Places an office document on A4 pages for `makePlacedPdf`. */
export function officePdfPages(doc: OfficeDoc, layout: PdfLayout): PlacedText[][] {
  const size = layout.size ?? 12;
  const top = 50;
  const leftLines = [...doc.issuer, ...(doc.ruleRow === false ? [] : ['']), doc.number, ...(doc.vv ?? [])];
  const left = cell(leftLines, layout.left, top, layout, (i) => ({
    bold: i === doc.issuer.length - 1,
  })).filter((t) => t.text !== '');
  const rightLines = [...doc.motto, doc.date];
  const right = cell(rightLines, layout.right, top, layout, (i) => ({
    bold: i < doc.motto.length,
    italic: i === doc.motto.length,
  }));
  const first: PlacedText[] = table(left, right, layout.order);
  let y = top + Math.max(leftLines.length, rightLines.length) * LINE + 2 * LINE;
  const pageWidth = layout.body;
  if (doc.heading) {
    first.push(...cell([doc.heading], pageWidth, y, layout, () => ({ bold: true, size: size + 1 })));
    y += LINE;
  }
  if (doc.title) {
    first.push(...cell(doc.title, pageWidth, y, layout, () => ({ bold: true })));
    y += doc.title.length * LINE + LINE;
  }
  const pages: PlacedText[][] = [first];
  let page = first;
  let onPage = 0;
  const perPage = layout.bodyLinesPerPage ?? Infinity;
  for (const raw of doc.body) {
    if (onPage >= perPage) {
      page = [];
      pages.push(page);
      y = top;
      onPage = 0;
    }
    const last = raw.endsWith('¶');
    const text = last ? raw.slice(0, -1) : raw;
    page.push(...cell([text], pageWidth, y, layout, () => ({}), last ? 'left' : 'justify'));
    y += LINE;
    onPage++;
  }
  y += LINE;
  const recipients = cell(
    doc.recipients,
    layout.left,
    y,
    layout,
    (i) => ({ size: i === 0 ? size : size - 1 }),
    'left',
  );
  const signLines = [...doc.sign, '', '', '', doc.signer];
  const sign = cell(signLines, layout.right, y, layout, () => ({ bold: true })).filter((t) => t.text !== '');
  page.push(...table(recipients, sign, layout.order));
  return pages;
}

/** The document as the fields the layout checks compare with. */
export function officeTruth(doc: OfficeDoc): LayoutTruth {
  return {
    type: doc.heading ?? 'Công văn',
    issuer_header: doc.issuer.join(' '),
    place: doc.date.slice(0, doc.date.indexOf(',')),
    summary: doc.vv ? doc.vv.join(' ') : (doc.title ?? []).join(' '),
    sign_block: doc.sign,
    signer: doc.signer,
    motto: doc.motto,
  };
}
