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
