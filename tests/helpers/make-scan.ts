// Scanned documents made in the test: Vietnamese official text rendered to a page image with
// @napi-rs/canvas (a serif font with every Vietnamese glyph, as offices print in Times New Roman),
// then wrapped in a PDF the way a scanner does it (one image per page, no text layer).
import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts, loadImage } from '@napi-rs/canvas';
import PDFDocument from 'pdfkit';
import { vietnameseFontPath } from './make-pdf.js';

const SERIF = [
  [
    '/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf',
    '/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf',
  ],
  [
    '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf',
    '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf',
  ],
] as const;

let registered = false;
function registerFonts(): void {
  if (registered) return;
  const serif = SERIF.find(([r]) => existsSync(r));
  const regular = serif?.[0] ?? vietnameseFontPath();
  const bold = serif && existsSync(serif[1]) ? serif[1] : regular;
  GlobalFonts.registerFromPath(regular, 'ScanSerif');
  GlobalFonts.registerFromPath(bold, 'ScanSerifBold');
  registered = true;
}

/** A line of the page: text at (x, y) in points from the top-left of an A4 page (595 × 842). */
export interface ScanLine {
  text: string;
  x: number;
  y: number;
  size?: number;
  bold?: boolean;
  /** Centre the text on x instead of starting there. */
  center?: boolean;
}

export interface ScanOptions {
  /** Resolution of the scan (default 200, as Thông tư 01/2019/TT-BNV asks). */
  dpi?: number;
  /** Degree of rotation of the paper on the scanner glass. */
  skewDeg?: number;
  /** Fraction of pixels flipped to grey speckle (0..1). */
  noise?: number;
  format?: 'png' | 'jpeg';
  /** JPEG quality 0..100 (default 80). */
  quality?: number;
  /** A red round seal (con dấu) stamped at this point (points), over the signature as offices do. */
  stamp?: { x: number; y: number };
}

const A4 = { w: 595.28, h: 841.89 };

/** The page image of these lines (A4 at `dpi`). */
export function renderScan(lines: readonly ScanLine[], opts: ScanOptions = {}): Buffer {
  registerFonts();
  const dpi = opts.dpi ?? 200;
  const k = dpi / 72;
  const width = Math.round(A4.w * k);
  const height = Math.round(A4.h * k);
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, width, height);
  if (opts.skewDeg) {
    g.translate(width / 2, height / 2);
    g.rotate((opts.skewDeg * Math.PI) / 180);
    g.translate(-width / 2, -height / 2);
  }
  g.fillStyle = '#111111';
  for (const l of lines) {
    g.font = `${(l.size ?? 13) * k}px ${l.bold ? 'ScanSerifBold' : 'ScanSerif'}`;
    const text = l.text.normalize('NFC');
    const x = l.center ? l.x * k - g.measureText(text).width / 2 : l.x * k;
    g.fillText(text, x, l.y * k);
  }
  if (opts.stamp) {
    const cx = opts.stamp.x * k;
    const cy = opts.stamp.y * k;
    const r = 48 * k;
    g.save();
    g.strokeStyle = 'rgba(220, 30, 30, 0.75)';
    g.fillStyle = 'rgba(220, 30, 30, 0.75)';
    g.lineWidth = 3 * k;
    g.beginPath();
    g.arc(cx, cy, r, 0, 2 * Math.PI);
    g.stroke();
    g.beginPath();
    g.arc(cx, cy, r * 0.72, 0, 2 * Math.PI);
    g.stroke();
    g.font = `${9 * k}px ScanSerifBold`;
    const label = 'ỦY BAN NHÂN DÂN TỈNH BẮC NINH';
    g.fillText(label, cx - g.measureText(label).width / 2, cy - r * 0.82);
    g.font = `${20 * k}px ScanSerifBold`;
    g.fillText('★', cx - 10 * k, cy + 7 * k);
    g.restore();
  }
  if (opts.noise) {
    g.setTransform(1, 0, 0, 1, 0, 0);
    const img = g.getImageData(0, 0, width, height);
    // A fixed-seed generator: the same scan every run.
    let seed = 12345;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < img.data.length; i += 4) {
      if (rnd() < opts.noise) {
        const v = Math.floor(rnd() * 255);
        img.data[i] = img.data[i + 1] = img.data[i + 2] = v;
      }
    }
    g.putImageData(img, 0, 0);
  }
  return opts.format === 'jpeg'
    ? canvas.toBuffer('image/jpeg', opts.quality ?? 80)
    : canvas.toBuffer('image/png');
}

/**
 * The page image turned clockwise by a quarter-turn multiple, as a page fed sideways or upside down
 * comes out of the scanner (PNG).
 */
export async function turnScan(image: Buffer, deg: 90 | 180 | 270): Promise<Buffer> {
  const img = await loadImage(image);
  const upright = deg === 180;
  const canvas = createCanvas(upright ? img.width : img.height, upright ? img.height : img.width);
  const g = canvas.getContext('2d');
  g.translate(canvas.width / 2, canvas.height / 2);
  g.rotate((deg * Math.PI) / 180);
  g.drawImage(img, -img.width / 2, -img.height / 2);
  return canvas.toBuffer('image/png');
}

/** Where a point (fractions of the page) lands when the page is turned clockwise by `deg`. */
export function turnedPoint(x: number, y: number, deg: 0 | 90 | 180 | 270): [number, number] {
  if (deg === 90) return [1 - y, x];
  if (deg === 180) return [1 - x, 1 - y];
  if (deg === 270) return [y, 1 - x];
  return [x, y];
}

/**
 * A page image under a text layer of glyph codes: what a PDF set in a legacy font without a
 * ToUnicode map extracts to (Latin-1 letters forming no syllable, which the legacy repair leaves).
 * The layer is invisible (render mode 3), so the page still rasterises as the image.
 */
export interface MojibakePage {
  image: Buffer;
  junk: string[];
}

/** Glyph-code lines the legacy repair cannot read (neither TCVN3 nor VNI gives syllables). */
export const MOJIBAKE_LINES: readonly string[] = Array.from(
  { length: 6 },
  () => 'Ëß¾ÐÞ Ýæ×Ç ÂÒ¿ ÌÊ¹Ï ¼ÈÉÕ Ëß¾ÐÞ Ýæ×Ç ÂÒ¿ ÌÊ¹Ï ¼ÈÉÕ',
);

/**
 * A scanned PDF: one A4 page per image (PNG or JPEG bytes), a text page for a mixed PDF, or an
 * image with a mojibake text layer.
 */
export function makeScannedPdf(
  pages: ReadonlyArray<Buffer | { text: string[] } | MojibakePage>,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    autoFirstPage: false,
    info: { Title: '', Producer: 'VanKho tests', CreationDate: new Date(Date.UTC(2024, 0, 1)) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', vietnameseFontPath());
  for (const p of pages) {
    doc.addPage();
    if (Buffer.isBuffer(p)) doc.image(p, 0, 0, { width: A4.w, height: A4.h });
    else if ('image' in p) {
      doc.image(p.image, 0, 0, { width: A4.w, height: A4.h });
      // A standard font (WinAnsi, no embedded ToUnicode): the junk extracts as the letters written.
      doc.font('Helvetica').fontSize(11);
      doc.addContent('3 Tr');
      p.junk.forEach((line, i) => doc.text(line, 70, 120 + i * 20, { lineBreak: false }));
      doc.addContent('0 Tr');
    } else {
      doc.font('body').fontSize(11);
      for (const line of p.text) doc.text(line.normalize('NFC'), { lineGap: 2 });
    }
  }
  doc.end();
  return done;
}

/** A Vietnamese administrative decision (header, number, date, title, body, signature). */
export function decisionLines(o: { number: string; title: string; body: string[] }): ScanLine[] {
  const lines: ScanLine[] = [
    { text: 'ỦY BAN NHÂN DÂN', x: 150, y: 60, bold: true, center: true },
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', x: 400, y: 60, bold: true, center: true },
    { text: 'TỈNH BẮC NINH', x: 150, y: 78, bold: true, center: true },
    { text: 'Độc lập - Tự do - Hạnh phúc', x: 400, y: 78, bold: true, center: true },
    { text: `Số: ${o.number}`, x: 150, y: 108, center: true },
    { text: 'Bắc Ninh, ngày 15 tháng 3 năm 2024', x: 400, y: 108, center: true },
    { text: 'QUYẾT ĐỊNH', x: 297, y: 150, size: 14, bold: true, center: true },
    { text: o.title, x: 297, y: 170, bold: true, center: true },
  ];
  o.body.forEach((text, i) => lines.push({ text, x: 70, y: 205 + i * 20 }));
  const end = 205 + o.body.length * 20 + 30;
  lines.push({ text: 'TM. ỦY BAN NHÂN DÂN', x: 430, y: end, bold: true, center: true });
  lines.push({ text: 'CHỦ TỊCH', x: 430, y: end + 18, bold: true, center: true });
  lines.push({ text: 'Nguyễn Văn Hùng', x: 430, y: end + 80, bold: true, center: true });
  return lines;
}

/** Where decisionLines puts the signature: a seal goes over it. */
export function signaturePoint(lines: readonly ScanLine[]): { x: number; y: number } {
  const signer = lines[lines.length - 1]!;
  return { x: signer.x - 40, y: signer.y - 40 };
}
