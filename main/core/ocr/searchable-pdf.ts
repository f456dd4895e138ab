// A searchable-PDF copy of a scanned original (issue 11, export): each page is the page's image
// with an invisible text layer (text render mode 3) laid on the OCR word boxes, so any PDF reader
// finds, selects and copies the scan's words. A derived file: the original is never altered.
//
// The text is set in Be Vietnam Pro (the app's own UI font, SIL OFL, @fontsource/be-vietnam-pro),
// embedded with a ToUnicode map by pdfkit, so the words extract with their diacritics. The package
// splits the font by script (Vietnamese letters, Latin, Latin Extended): each run of a word is set
// in the part that has its letters.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { appError } from '../../contract/errors.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { PdfPageSource, type PdfDocument } from '../ingest/extractors/extract-pdf.js';
import { shownSize, tiffPagesOfFile } from '../ingest/extractors/tiff-pages.js';
import { imageHeader, MAX_DECODE_PIXELS, MAX_OCR_PIXELS, renderPdfPage, type OcrWord } from './ocr-engine.js';
import { isOcrImageType } from './needs-ocr.js';
import { storedOrientation, tiffPageJpeg, uprightPng } from './tiff-decode.js';

const require = createRequire(import.meta.url);

/** Resolution the pages of a PDF are drawn at for the copy: the archive's scanning norm. */
export const SEARCHABLE_PDF_DPI = 200;
/** Resolution assumed for an image file's page size (scanners' default, Thông tư 01/2019). */
const IMAGE_DPI = 200;

/**
 * One run of invisible text, in points from the page's top-left; `width` is what it must span.
 * `angle`: the text runs turned clockwise by it about (x, baseline) (a page scanned sideways).
 */
export interface TextPlacement {
  text: string;
  x: number;
  baseline: number;
  size: number;
  width: number;
  angle?: number;
}

/**
 * Where an OCR word's text goes on a page of `w`×`h` points: as tall as its box (the box of the
 * ink, ascenders to descenders), the baseline a fifth above the box's bottom, stretched to its width.
 * A word whose text runs at an angle (a page scanned sideways or upside down) is placed so in its
 * own frame: it starts at the box's corner its text starts from, its baseline a fifth of the way in.
 */
export function placeWord(
  word: Pick<OcrWord, 'text' | 'box' | 'angle'>,
  w: number,
  h: number,
): TextPlacement {
  const [x0, y0, x1, y1] = word.box;
  const angle = word.angle ?? 0;
  const sideways = angle === 90 || angle === 270;
  const size = Math.max(1, sideways ? (x1 - x0) * w : (y1 - y0) * h);
  const width = Math.max(0, sideways ? (y1 - y0) * h : (x1 - x0) * w);
  // The corner the text starts from, then the baseline 0.8 of the size "down" in the text's frame.
  const [ox, oy] =
    angle === 90
      ? [x1 * w, y0 * h]
      : angle === 180
        ? [x1 * w, y1 * h]
        : angle === 270
          ? [x0 * w, y1 * h]
          : [x0 * w, y0 * h];
  const a = (angle * Math.PI) / 180;
  const down = 0.8 * size;
  const x = ox - down * Math.round(Math.sin(a));
  const baseline = oy + down * Math.round(Math.cos(a));
  return { text: word.text, x, baseline, size, width, ...(angle ? { angle } : {}) };
}

const FONT_PARTS = ['vietnamese', 'latin', 'latin-ext'] as const;

interface FontPart {
  name: string;
  path: string;
  ranges: [number, number][];
}

let fontParts: FontPart[] | null = null;

/** The font's parts and the code points each covers (from the package's unicode.json). */
function fonts(): FontPart[] {
  if (fontParts) return fontParts;
  const ranges = JSON.parse(
    readFileSync(require.resolve('@fontsource/be-vietnam-pro/unicode.json'), 'utf8'),
  ) as Record<string, string>;
  fontParts = FONT_PARTS.map((part) => ({
    name: `vk-${part}`,
    path: require.resolve(`@fontsource/be-vietnam-pro/files/be-vietnam-pro-${part}-400-normal.woff`),
    ranges: (ranges[part] ?? '').split(',').map((r) => {
      const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
      const lo = parseInt(a!, 16);
      return [lo, b ? parseInt(b, 16) : lo] as [number, number];
    }),
  }));
  return fontParts;
}

/** The text cut into runs, each with the font part that has its letters (Latin when none has). */
export function fontRuns(text: string): { font: string; text: string }[] {
  const parts = fonts();
  const latin = parts[1]!.name;
  const runs: { font: string; text: string }[] = [];
  for (const ch of text.normalize('NFC')) {
    const c = ch.codePointAt(0)!;
    const font = parts.find((p) => p.ranges.some(([lo, hi]) => c >= lo && c <= hi))?.name ?? latin;
    const last = runs[runs.length - 1];
    if (last?.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return runs;
}

/** One page of the copy: its image (JPEG or PNG bytes), size in points, and the text to lay on it. */
export interface SearchablePage {
  image: Buffer;
  width: number;
  height: number;
  text: readonly TextPlacement[];
}

/** Writes the pages as a PDF to `out`; resolves when the PDF is complete. */
export async function writeSearchablePdf(
  pages: AsyncIterable<SearchablePage>,
  out: Writable,
  info: { title?: string } = {},
): Promise<void> {
  // Loaded on first use: pdfkit costs ~0.2 s at start-up of every command otherwise.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    autoFirstPage: false,
    info: { Title: info.title ?? '', Producer: 'VanKho', Creator: 'VanKho OCR' },
  });
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);
  for (const f of fonts()) doc.registerFont(f.name, f.path);
  for await (const p of pages) {
    doc.addPage({ size: [p.width, p.height], margin: 0 });
    doc.image(p.image, 0, 0, { width: p.width, height: p.height });
    doc.save();
    // Invisible, yet found and selected by readers: the image shows, the text is searched.
    doc.addContent('3 Tr');
    for (const t of p.text) layText(doc, t);
    doc.addContent('0 Tr');
    doc.restore();
  }
  doc.end();
  await done;
}

function layText(doc: PDFKit.PDFDocument, t: TextPlacement): void {
  const runs = fontRuns(t.text);
  let natural = 0;
  for (const r of runs) natural += doc.font(r.font).fontSize(t.size).widthOfString(r.text);
  if (natural <= 0) return;
  const scale = t.width > 0 ? t.width / natural : 1;
  let x = t.x;
  // pdfkit knows the stretch (Tz) but its types do not; it writes Tz only when not 100, and Tz
  // outlives the text object, so each run starts from 100.
  const opts = { lineBreak: false, baseline: 'alphabetic', horizontalScaling: scale * 100 };
  // pdfkit's rotate turns clockwise as the page is seen (its user space runs y down).
  if (t.angle) doc.save().rotate(t.angle, { origin: [t.x, t.baseline] });
  for (const r of runs) {
    doc.font(r.font).fontSize(t.size);
    doc.addContent('100 Tz');
    doc.text(r.text, x, t.baseline, opts as PDFKit.Mixins.TextOptions);
    x += doc.widthOfString(r.text) * scale;
  }
  if (t.angle) doc.restore();
}

/** What the copy is made of: the stored original and its recognised pages' words. */
export interface SearchableSource {
  path: string;
  mediaType: string;
  /** Words of the pages read by OCR, by page number (1-based). */
  words: ReadonlyMap<number, readonly OcrWord[]>;
}

/**
 * The pages of the copy: every page of a PDF drawn at SEARCHABLE_PDF_DPI, its text from OCR where
 * the page was read, else its own text layer's items where they are (a mixed PDF stays whole);
 * each page of a TIFF (sharp); another image file as its one page.
 */
export async function* searchablePages(src: SearchableSource): AsyncGenerator<SearchablePage> {
  if (isOcrImageType(src.mediaType)) {
    const pages = tiffPagesOfFile(src.path);
    if (pages) {
      // A TIFF, multi-page or not: each page decoded on its own, as the OCR did.
      for (let i = 0; i < pages.length; i++)
        yield await tiffPage(src.path, i + 1, src.words.get(i + 1) ?? []);
      return;
    }
    yield await imagePage(readFileSync(src.path), src.words.get(1) ?? []);
    return;
  }
  if (src.mediaType !== 'application/pdf')
    throw new VanKhoError(appError('INVALID_INPUT', `not a scan: ${src.mediaType}`));
  // Page by page in ranges of the file, as OCR read it: a 500-page scan is never held whole.
  const source = new PdfPageSource({ maxImagePixels: MAX_OCR_PIXELS });
  try {
    const pages = await source.read(src.path, (doc) => Promise.resolve(doc.numPages));
    for (let n = 1; n <= pages; n++)
      yield await source.read(src.path, (doc) => pdfPage(doc, n, src.words.get(n)));
  } finally {
    await source.close();
  }
}

async function pdfPage(
  doc: PdfDocument,
  n: number,
  words: readonly OcrWord[] | undefined,
): Promise<SearchablePage> {
  const page = await doc.getPage(n);
  const { width, height } = page.getViewport({ scale: 1 });
  let text: TextPlacement[];
  if (words) text = words.map((w) => placeWord(w, width, height));
  else {
    // A page with its own (readable) text: its items where pdf.js puts them, in points.
    const content = await page.getTextContent();
    text = content.items.flatMap((it) =>
      'str' in it && it.str.trim() !== ''
        ? [
            {
              text: it.str,
              x: it.transform[4] as number,
              baseline: height - (it.transform[5] as number),
              size: Math.max(1, Math.hypot(it.transform[2] as number, it.transform[3] as number)),
              width: it.width,
            },
          ]
        : [],
    );
  }
  const image = await renderPdfPage(doc, n, SEARCHABLE_PDF_DPI, (canvas) =>
    canvas.toBuffer('image/jpeg', 85),
  );
  return { image, width, height, text };
}

async function tiffPage(path: string, n: number, words: readonly OcrWord[]): Promise<SearchablePage> {
  const { jpeg, page } = await tiffPageJpeg(path, n, 85);
  const dpi = page.dpi ?? IMAGE_DPI;
  // The JPEG is the page turned upright by its Orientation tag, as OCR read it.
  const shown = shownSize(page);
  const width = (shown.width * 72) / dpi;
  const height = (shown.height * 72) / dpi;
  return { image: jpeg, width, height, text: words.map((w) => placeWord(w, width, height)) };
}

async function imagePage(data: Buffer, words: readonly OcrWord[]): Promise<SearchablePage> {
  const head = imageHeader(data);
  if (!head || head.format === 'tiff') throw new VanKhoError(appError('IMAGE_UNSUPPORTED', head?.format));
  if (head.width <= 0 || head.height <= 0 || head.width * head.height > MAX_DECODE_PIXELS)
    throw new VanKhoError(appError('IMAGE_TOO_LARGE', `${head.width}×${head.height}`));
  let image = data;
  // pdfkit embeds JPEG and PNG as they are; the other formats are drawn to a PNG first.
  if (head.format !== 'jpeg' && head.format !== 'png') {
    const img = await loadImage(data).catch(() => {
      throw new VanKhoError(appError('OCR_FAILED', `${head.format}: damaged image`));
    });
    const canvas = createCanvas(img.width, img.height);
    canvas.getContext('2d').drawImage(img, 0, 0);
    image = canvas.toBuffer('image/png');
  }
  // A photo's EXIF Orientation 5–8 stores the pixels a quarter turn from how every viewer shows
  // them (and how OCR decoded them, so its boxes are on the page as shown): the page takes the
  // shown size, and pdfkit turns a JPEG's pixels into it by the tag. pdfkit ignores a PNG's eXIf
  // chunk: that PNG is embedded turned upright (by sharp) instead.
  // (Unreadable metadata: as before, the pixels as stored.)
  const orientation = head.format === 'jpeg' || head.format === 'png' ? await storedOrientation(data) : 1;
  if (head.format === 'png' && orientation !== 1) {
    image = await uprightPng(data).catch(() => {
      throw new VanKhoError(appError('OCR_FAILED', 'png: damaged image'));
    });
  }
  const quarter = orientation >= 5;
  const [w, h] = quarter ? [head.height, head.width] : [head.width, head.height];
  const width = (w * 72) / IMAGE_DPI;
  const height = (h * 72) / IMAGE_DPI;
  return { image, width, height, text: words.map((w) => placeWord(w, width, height)) };
}
