import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';

const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
];

/** A TrueType font with full Vietnamese coverage (Noto Sans, else DejaVu Sans). */
export function vietnameseFontPath(): string {
  const found = FONT_CANDIDATES.find((f) => existsSync(f));
  if (!found) throw new Error(`No Vietnamese-capable font found; tried ${FONT_CANDIDATES.join(', ')}`);
  return found;
}

export interface MakePdfOptions {
  /** User password: the PDF is encrypted and cannot be opened without it. */
  encrypt?: string;
  /** Document title in the PDF Info dictionary. */
  title?: string;
  /** Font size in points (default 11). */
  fontSize?: number;
  /** An image (JPEG/PNG) drawn at the top of every page, embedded once per page (a photo, a scan). */
  pageImage?: Buffer;
  /** Content streams compressed (default true); false makes each page's text its own large stream. */
  compress?: boolean;
}

/**
 * Builds a real text PDF (embedded Vietnamese-capable font, so text extraction returns Unicode).
 * `pages` is one entry per page (string[] | string[][], or mixed): a string (lines separated by "\n") or an array of lines.
 * Each line is written as its own paragraph; long lines wrap within the page width.
 */
export function makePdf(
  pages: ReadonlyArray<string | readonly string[]>,
  opts: MakePdfOptions = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 70, right: 56 },
    autoFirstPage: false,
    compress: opts.compress ?? true,
    // Fixed dates keep the output byte-stable for the same input (samples are committed).
    info: { Title: opts.title ?? '', Producer: 'VanKho tests', CreationDate: new Date(Date.UTC(2024, 0, 1)) },
    ...(opts.encrypt !== undefined ? { userPassword: opts.encrypt, pdfVersion: '1.7' as const } : {}),
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolveDone, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolveDone(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', vietnameseFontPath());
  const list = pages.length === 0 ? [''] : pages;
  for (const page of list) {
    doc.addPage();
    if (opts.pageImage) doc.image(opts.pageImage, { fit: [200, 120] }).moveDown();
    doc.font('body').fontSize(opts.fontSize ?? 11);
    const lines = typeof page === 'string' ? page.split('\n') : page;
    for (const line of lines) {
      // An empty line still advances the cursor; pdfkit skips empty strings entirely.
      if (line.length === 0) doc.moveDown(0.6);
      else doc.text(line.normalize('NFC'), { lineGap: 2 });
    }
  }
  doc.end();
  return done;
}

const BOLD_CANDIDATES = [
  '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
];
const ITALIC_CANDIDATES = [
  '/usr/share/fonts/truetype/noto/NotoSans-Italic.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf',
];

/** One piece of text at a fixed place on the page (points, origin top-left, as pdfkit). */
export interface PlacedText {
  text: string;
  x: number;
  /** Top of the text box. */
  y: number;
  /** Font size (default 12). */
  size?: number;
  bold?: boolean;
  italic?: boolean;
  /** Box width: the text wraps in it and is aligned (default: one unwrapped line). */
  width?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** Spacing between characters (letter-spaced headings). */
  characterSpacing?: number;
  /**
   * Draw every word on its own at its measured place (as OCR text layers and some PDF printers
   * do), one line, aligned in `width`; `justify` spreads the words evenly.
   */
  words?: boolean;
}

/**
 * Builds a PDF whose text is drawn piece by piece in the given order at the given places: the
 * content-stream order is the test's choice (a header table written row by row across both
 * columns, or column by column), as different PDF producers do.
 */
export function makePlacedPdf(pages: ReadonlyArray<readonly PlacedText[]>): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { Title: '', Producer: 'VanKho tests', CreationDate: new Date(Date.UTC(2024, 0, 1)) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolveDone, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolveDone(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const regular = vietnameseFontPath();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', BOLD_CANDIDATES.find((f) => existsSync(f)) ?? regular);
  doc.registerFont('italic', ITALIC_CANDIDATES.find((f) => existsSync(f)) ?? regular);
  for (const page of pages.length === 0 ? [[]] : pages) {
    doc.addPage();
    for (const t of page) {
      doc.font(t.bold ? 'bold' : t.italic ? 'italic' : 'regular').fontSize(t.size ?? 12);
      if (t.words) {
        placeWords(doc, t);
        continue;
      }
      if (t.align === 'justify' && t.width !== undefined) {
        // One line stretched to the box (pdfkit leaves a paragraph's only line unjustified).
        const text = t.text.normalize('NFC');
        const spaces = (text.match(/ /g) ?? []).length;
        const wordSpacing = spaces > 0 ? Math.max(0, (t.width - doc.widthOfString(text)) / spaces) : 0;
        doc.text(text, t.x, t.y, { lineBreak: false, wordSpacing });
        continue;
      }
      doc.text(t.text.normalize('NFC'), t.x, t.y, {
        lineBreak: t.width !== undefined,
        ...(t.width !== undefined ? { width: t.width, align: t.align ?? 'left' } : {}),
        ...(t.characterSpacing !== undefined ? { characterSpacing: t.characterSpacing } : {}),
      });
    }
  }
  doc.end();
  return done;
}

function placeWords(doc: PDFKit.PDFDocument, t: PlacedText): void {
  const words = t.text.normalize('NFC').split(/\s+/).filter(Boolean);
  const widths = words.map((w) => doc.widthOfString(w));
  const space = doc.widthOfString(' ');
  const natural = widths.reduce((a, b) => a + b, 0) + space * (words.length - 1);
  const box = t.width ?? natural;
  let gap = space;
  let x = t.x;
  if (t.align === 'center') x += (box - natural) / 2;
  else if (t.align === 'right') x += box - natural;
  else if (t.align === 'justify' && words.length > 1)
    gap = (box - natural + space * (words.length - 1)) / (words.length - 1);
  words.forEach((w, i) => {
    doc.text(w, x, t.y, { lineBreak: false });
    x += widths[i]! + gap;
  });
}
