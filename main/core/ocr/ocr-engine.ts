// The OCR engine proper: a page image (a rasterised PDF page or a decoded image file) in, its text,
// word boxes and confidence out. Runs inside an OCR worker thread (ocr-worker.ts), never on the
// thread that owns the archive: rasterising and recognising a page takes seconds of CPU.
//
// Everything is local: tesseract.js's wasm core is required from its package, its worker script
// and the traineddata are given as file paths (ocr-paths.ts), so no CDN is ever contacted.

import { createCanvas, loadImage, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import Tesseract from 'tesseract.js';
import { appError } from '../../contract/errors.js';
import { reverseTurn, turnBox, type QuarterTurn } from '../../contract/word-turn.js';
import { VanKhoError } from '../errors/vankho-error.js';
import type { PdfDocument } from '../ingest/extractors/extract-pdf.js';
import { pageText, type PdfTextItem } from '../ingest/extractors/pdf-layout.js';
import { MAX_DECODE_PIXELS, MAX_OCR_PIXELS, type GreyImage } from './image-limits.js';
import type { OcrPaths } from './ocr-paths.js';
import { correctOcrText, correctOcrWord } from './post-correct.js';
import { decodeOrientedImage, decodeTiffPage, storedOrientation } from './tiff-decode.js';

/** One recognised word; `box` is [left, top, right, bottom] as fractions (0..1) of the page. */
export interface OcrWord {
  text: string;
  /** Tesseract's confidence, 0..100. */
  conf: number;
  box: [number, number, number, number];
  /**
   * Clockwise angle the word's text runs at on the page as stored (a page scanned sideways or upside
   * down, read turned upright); absent when upright.
   */
  angle?: 90 | 180 | 270;
}

export interface OcrPageResult {
  /** The page text after post-correction (NFC), lines separated by "\n". */
  text: string;
  /** The laid-out text before post-correction (to measure each rule; not stored). */
  rawText: string;
  words: OcrWord[];
  /** Mean word confidence of the page, 0..100 (0 when nothing was recognised). */
  confidence: number;
  /** Size in pixels of the image that was recognised. */
  width: number;
  height: number;
  /**
   * The page looked turned and orientation detection did not settle it: the reading kept still runs
   * down the page (vertical text), or it stays doubtful and the detector gave no sure answer (no
   * model, too little text, a low confidence). The page is marked for review, saying why.
   */
  orientationUnsure?: true;
}

export { MAX_DECODE_PIXELS, MAX_OCR_PIXELS, type GreyImage } from './image-limits.js';

/**
 * Binary PGM (P5): leptonica inside tesseract.js reads it directly, and building it costs one pass
 * over the pixels, where a PNG encoding of an A4 page at 300 dpi costs about a second.
 */
export function toPgm(img: GreyImage): Buffer {
  const head = Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'latin1');
  const out = Buffer.allocUnsafe(head.length + img.data.length);
  head.copy(out, 0);
  out.set(img.data, head.length);
  return out;
}

/** ITU-R BT.601 luma of RGBA pixels; transparent pixels count as white paper. */
function greyOf(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): GreyImage {
  const n = width * height;
  const data = new Uint8Array(n);
  for (let i = 0, k = 0; i < n; i++, k += 4) {
    const a = rgba[k + 3]!;
    const y = (rgba[k]! * 77 + rgba[k + 1]! * 150 + rgba[k + 2]! * 29) >> 8;
    data[i] = a === 255 ? y : (y * a + 255 * (255 - a)) >> 8;
  }
  return { width, height, data };
}

/**
 * Renders one page of an opened PDF (1-based) at `dpi`, lowered so the bitmap stays within
 * MAX_OCR_PIXELS, on white paper; `use` reads the canvas before the page is released. `stretch`
 * (the page's scan image's pixel aspect, scanImageStretch) draws the page that much wider than
 * high, as many pixels in all.
 */
export async function renderPdfPage<T>(
  doc: PdfDocument,
  pageNo: number,
  dpi: number,
  use: (canvas: Canvas, ctx: SKRSContext2D, width: number, height: number) => T,
  stretch = 1,
): Promise<T> {
  const page = await doc.getPage(pageNo);
  try {
    const unit = page.getViewport({ scale: 1 });
    let scale = dpi / 72;
    const pixels = unit.width * unit.height * scale * scale;
    if (pixels > MAX_OCR_PIXELS) scale *= Math.sqrt(MAX_OCR_PIXELS / pixels);
    const viewport = page.getViewport({ scale });
    const r = Math.sqrt(stretch);
    const width = Math.max(1, Math.round(viewport.width * r));
    const height = Math.max(1, Math.round(viewport.height / r));
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    await page.render({
      canvas: canvas as never,
      canvasContext: ctx as never,
      viewport,
      ...(r === 1 ? {} : { transform: [width / viewport.width, 0, 0, height / viewport.height, 0, 0] }),
    }).promise;
    return use(canvas, ctx, width, height);
  } finally {
    page.cleanup();
  }
}

/** One page of an opened PDF as a grey image for the recogniser (renderPdfPage). */
export function rasterisePdfPage(
  doc: PdfDocument,
  pageNo: number,
  dpi: number,
  stretch?: number,
): Promise<GreyImage> {
  return renderPdfPage(
    doc,
    pageNo,
    dpi,
    (_c, ctx, width, height) => greyOf(ctx.getImageData(0, 0, width, height).data, width, height),
    stretch,
  );
}

/** A scan image's pixel aspect within this much of the page's is the page's own (no stretch). */
const STRETCH_TOLERANCE = 1.15;

/**
 * How much wider than high the page must be drawn for its scan image's pixels to be square: the
 * image's pixels per page unit across over those down, for a page that is one image covering it
 * (a scanner that stored a landscape scan squeezed onto a portrait page gives about 2; a page of
 * its own shape 1). 1 when the page is not such a scan or the aspects agree.
 */
export async function scanImageStretch(doc: PdfDocument, pageNo: number): Promise<number> {
  const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const page = await doc.getPage(pageNo);
  const view = page.getViewport({ scale: 1 });
  let ops;
  try {
    ops = await page.getOperatorList();
  } finally {
    page.cleanup();
  }
  type M = readonly number[];
  const mul = (m: M, n: M): number[] => [
    m[0]! * n[0]! + m[2]! * n[1]!,
    m[1]! * n[0]! + m[3]! * n[1]!,
    m[0]! * n[2]! + m[2]! * n[3]!,
    m[1]! * n[2]! + m[3]! * n[3]!,
    m[0]! * n[4]! + m[2]! * n[5]! + m[4]!,
    m[1]! * n[4]! + m[3]! * n[5]! + m[5]!,
  ];
  let ctm: M = view.transform;
  const stack: M[] = [];
  let found: number | null = null;
  let images = 0;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = mul(ctm, args as M);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0] as M | null | undefined;
      if (m && m.length === 6) ctm = mul(ctm, m);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) {
      images++;
      const [w, h] =
        fn === OPS.paintImageXObject
          ? [args?.[1] as number, args?.[2] as number]
          : [(args?.[0] as { width: number }).width, (args?.[0] as { height: number }).height];
      // The image's unit square on the page: its x axis along (m0, m1), its y axis along (m2, m3).
      const [a, b, c, d] = ctm as [number, number, number, number];
      const tiny = 1e-3 * Math.max(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(d));
      let across: number; // page units across the image covers, and its pixels along them
      let down: number;
      let perAcross: number;
      let perDown: number;
      if (Math.abs(b) <= tiny && Math.abs(c) <= tiny) {
        [across, down, perAcross, perDown] = [Math.abs(a), Math.abs(d), w, h];
      } else if (Math.abs(a) <= tiny && Math.abs(d) <= tiny) {
        [across, down, perAcross, perDown] = [Math.abs(c), Math.abs(b), h, w];
      } else continue;
      if (across * down < 0.9 * view.width * view.height || !(w > 0 && h > 0)) continue;
      found = perAcross / across / (perDown / down);
    }
  }
  if (found === null || images !== 1) return 1;
  return found > STRETCH_TOLERANCE || found < 1 / STRETCH_TOLERANCE ? found : 1;
}

/**
 * Reads one page of an opened PDF: drawn as the page shows it; when that reading is doubtful (low,
 * or its orientation unsettled) and
 * the page is one scan image of another shape (a landscape scan squeezed onto a portrait page),
 * read again drawn at the image's own aspect, and the more confident reading is kept. The boxes
 * stay fractions of the page either way. (A fax's pixels are twice as tall as wide on a page of the
 * right shape: the page as shown reads well, so its own reading is kept.)
 */
export async function readPdfPage(
  recognizer: Recognizer,
  doc: PdfDocument,
  pageNo: number,
  dpi: number,
): Promise<OcrPageResult> {
  const shown = await recognizer.recognise(await rasterisePdfPage(doc, pageNo, dpi), dpi, pageNo === 1);
  if (shown.confidence >= ORIENTATION_CHECK_CONFIDENCE && !shown.orientationUnsure) return shown;
  const stretch = await scanImageStretch(doc, pageNo);
  if (stretch === 1) return shown;
  const own = await rasterisePdfPage(doc, pageNo, dpi, stretch);
  const r = await recognizer.recognise(own, dpi, pageNo === 1);
  // A settled reading beats an unsettled one that is not doubtful by its confidence alone.
  const settles =
    shown.orientationUnsure && !r.orientationUnsure && r.confidence >= ORIENTATION_CHECK_CONFIDENCE;
  return settles || r.confidence > shown.confidence ? r : shown;
}

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'bmp' | 'tiff';

/**
 * The format and declared size of an image file, from its header only (no decoding), or null when
 * the bytes are no image this reader knows. TIFF is recognised without a size: its pages each
 * have their own (tiffPages).
 */
export function imageHeader(b: Buffer): { format: ImageFormat; width: number; height: number } | null {
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR') {
    return { format: 'png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    // Walk the JPEG segments to the first start-of-frame marker, which holds the size.
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1]!;
      if (marker === 0xff) {
        i++;
        continue;
      }
      const len = b.readUInt16BE(i + 2);
      const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof) return { format: 'jpeg', height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      i += 2 + len;
    }
    return null;
  }
  if (b.length >= 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    const chunk = b.toString('latin1', 12, 16);
    if (chunk === 'VP8X')
      return { format: 'webp', width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
    if (chunk === 'VP8L') {
      const bits = b.readUInt32LE(21);
      return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8 ')
      return { format: 'webp', width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
    return null;
  }
  if (b.length >= 10 && b.toString('latin1', 0, 3) === 'GIF') {
    return { format: 'gif', width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  }
  if (b.length >= 26 && b.toString('latin1', 0, 2) === 'BM') {
    return { format: 'bmp', width: Math.abs(b.readInt32LE(18)), height: Math.abs(b.readInt32LE(22)) };
  }
  const tiff = b.toString('latin1', 0, 4);
  if (tiff === 'II*\u0000' || tiff === 'MM\u0000*') return { format: 'tiff', width: 0, height: 0 };
  return null;
}

/**
 * Decodes an image file (PNG, JPEG, WebP, GIF, BMP through Skia in @napi-rs/canvas; a PNG with an
 * EXIF Orientation through sharp) to grey, upright as a viewer shows it, scaled down to MAX_OCR_PIXELS. The declared size is checked before decoding (MAX_DECODE_PIXELS).
 * A TIFF goes to decodeTiffPage (page 1 unless told). Unknown bytes → IMAGE_UNSUPPORTED, corrupt
 * or truncated ones → OCR_FAILED (IMAGE_DAMAGED for TIFF).
 */
export async function decodeImage(data: Buffer, pageNo = 1): Promise<GreyImage> {
  const head = imageHeader(data);
  if (head?.format === 'tiff') return (await decodeTiffPage(data, pageNo)).image;
  if (!head) throw new VanKhoError(appError('IMAGE_UNSUPPORTED'));
  if (head.width <= 0 || head.height <= 0 || head.width * head.height > MAX_DECODE_PIXELS) {
    throw new VanKhoError(appError('IMAGE_TOO_LARGE', `${head.width}×${head.height}`));
  }
  // Skia turns a JPEG by its EXIF Orientation but ignores a PNG's eXIf chunk, which the preview's
  // <img> applies: such a PNG is decoded turned (sharp), so its boxes lie on the page as shown.
  if (head.format === 'png') {
    const orientation = await storedOrientation(data);
    if (orientation !== 1) return decodeOrientedImage(data, { ...head, orientation }, head.format);
  }
  let img;
  try {
    img = await loadImage(data);
  } catch {
    throw new VanKhoError(appError('OCR_FAILED', `${head.format}: damaged image`));
  }
  if (img.width <= 0 || img.height <= 0)
    throw new VanKhoError(appError('OCR_FAILED', `${head.format}: damaged image`));
  const ratio = Math.min(1, Math.sqrt(MAX_OCR_PIXELS / (img.width * img.height)));
  const width = Math.max(1, Math.round(img.width * ratio));
  const height = Math.max(1, Math.round(img.height * ratio));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(img, 0, 0, width, height);
  return greyOf(ctx.getImageData(0, 0, width, height).data, width, height);
}

export interface Recognizer {
  /** `firstPage`: the page may carry the document's header (layout reading). */
  recognise(img: GreyImage, dpi: number | null, firstPage: boolean): Promise<OcrPageResult>;
  close(): Promise<void>;
}

interface TessBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TessWord {
  text: string;
  confidence: number;
  bbox: TessBox;
}
interface TessLine {
  words: TessWord[];
  bbox: TessBox;
  baseline: TessBox;
}

/**
 * Scanner dust read as text: a "word" of punctuation only (". .", "„", ":") that Tesseract itself
 * doubts. Dropped from the text and the box layer; confident punctuation (a real ";") stays as
 * part of its word anyway, since Tesseract attaches it to the word before it.
 */
export const SPECKLE_CONFIDENCE = 60;
function isSpeckle(w: TessWord): boolean {
  return w.confidence < SPECKLE_CONFIDENCE && !/[\p{L}\p{N}]/u.test(w.text);
}

/**
 * The page text from the recognised lines, laid out by the PDF reader's layout code: an office
 * document's two-column header and signature blocks are read column by column, exactly as for a
 * text PDF, so the metadata extraction sees an OCR page as it sees a typed one.
 */
function layoutText(lines: readonly TessLine[], firstPage: boolean): string {
  const items: PdfTextItem[] = [];
  for (const line of lines) {
    const words = line.words.filter((w) => w.text.trim() !== '' && !isSpeckle(w));
    // The glyph height of the line's text: its box spans ascenders, descenders and tone marks.
    const size = Math.max(1, (line.bbox.y1 - line.bbox.y0) * 0.7);
    const y = Math.max(line.baseline.y0, line.baseline.y1) || line.bbox.y1;
    words.forEach((w, i) => {
      const last = i === words.length - 1;
      items.push({
        // Tesseract has already split the words: keep a space between them however narrow the gap
        // (the layout reader would otherwise judge it against the line's glyph size, an estimate).
        str: last ? w.text : `${w.text} `,
        x: w.bbox.x0,
        y,
        width: w.bbox.x1 - w.bbox.x0,
        size,
        hasEOL: last,
        upright: true,
      });
    });
  }
  return pageText(items, firstPage);
}

/** The image turned clockwise by `turn`: pixels moved, none resampled. */
export function turnGrey(img: GreyImage, turn: QuarterTurn): GreyImage {
  const { width: w, height: h, data } = img;
  if (turn === 0) return img;
  const out = new Uint8Array(w * h);
  if (turn === 180) {
    for (let i = 0, n = w * h; i < n; i++) out[i] = data[n - 1 - i]!;
    return { width: w, height: h, data: out };
  }
  // The turned image is h wide and w high; source pixel (x, y) lands at (h-1-y, x) for 90, at
  // (y, w-1-x) for 270.
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const at = turn === 90 ? x * h + (h - 1 - y) : (w - 1 - x) * h + y;
      out[at] = data[row + x]!;
    }
  }
  return { width: h, height: w, data: out };
}

/**
 * Below this mean confidence a page's first reading may be a page fed upside down or sideways,
 * and orientation detection runs. Measured: a decision page upside down reads at ~43, upright at
 * 95–96 (clean) and 90+ (skewed, speckled, q70); a page read sideways comes out high but as
 * vertical text (isSideways).
 */
export const ORIENTATION_CHECK_CONFIDENCE = 70;
/**
 * A page turned a quarter turn can be read well by Tesseract's vertical-text mode, with its layout
 * lost (the header's two columns run together); the upright reading is kept unless it is this much
 * less confident.
 */
const SIDEWAYS_MARGIN = 5;

/** Most of the page's words taller than wide (in pixels): the lines ran top to bottom. */
function isSideways(words: readonly OcrWord[], width: number, height: number): boolean {
  if (words.length < 3) return false;
  const tall = words.filter((w) => (w.box[3] - w.box[1]) * height > (w.box[2] - w.box[0]) * width);
  return tall.length * 2 > words.length;
}

/**
 * A tesseract.js worker for the given languages ("vie", "vie+eng"), loaded from local files only.
 * One recogniser handles one page at a time.
 */
export async function createRecognizer(langs: string, paths: OcrPaths): Promise<Recognizer> {
  const worker = await Tesseract.createWorker(langs.split('+'), Tesseract.OEM.LSTM_ONLY, {
    workerPath: paths.workerPath,
    langPath: paths.langDir,
    cacheMethod: 'none',
    gzip: true,
  });
  // Page segmentation as the Tesseract CLI does it (automatic): the library's default is one
  // uniform block, which on a degraded page (skew, speckle, a seal) missed ~1.2–1.4× the words the
  // automatic mode misses (tests/bench/ocr-bench.ts). The automatic mode reports on stdout ("Detected
  // N diacritics"), hence debug_file.
  await worker.setParameters({
    preserve_interword_spaces: '1',
    tessedit_pageseg_mode: Tesseract.PSM.AUTO,
    debug_file: '/dev/null',
  });
  const orientation = orientationDetector(paths);

  async function read(img: GreyImage, dpi: number | null, firstPage: boolean): Promise<OcrPageResult> {
    // Tesseract guesses the resolution otherwise, and its size filters depend on it.
    await worker.setParameters({ user_defined_dpi: dpi ? String(Math.round(dpi)) : '0' });
    const r = await worker.recognize(toPgm(img), { rotateAuto: true }, { text: true, blocks: true });
    const words: OcrWord[] = [];
    const lines: TessLine[] = [];
    // Tesseract recognised the page deskewed (rotateAuto): its boxes are in the rotated frame.
    // Turn them back about the centre, so the box layer lies on the image as stored.
    const angle = ROTATION_SIGN * (r.data.rotateRadians ?? 0);
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const cx = img.width / 2;
    const cy = img.height / 2;
    const unrotate = (b: TessBox): OcrWord['box'] => {
      if (angle === 0) {
        return [
          round4(b.x0 / img.width),
          round4(b.y0 / img.height),
          round4(b.x1 / img.width),
          round4(b.y1 / img.height),
        ];
      }
      const xs: number[] = [];
      const ys: number[] = [];
      for (const [x, y] of [
        [b.x0, b.y0],
        [b.x1, b.y0],
        [b.x0, b.y1],
        [b.x1, b.y1],
      ] as const) {
        xs.push(cx + (x - cx) * cos - (y - cy) * sin);
        ys.push(cy + (x - cx) * sin + (y - cy) * cos);
      }
      return [
        round4(Math.min(...xs) / img.width),
        round4(Math.min(...ys) / img.height),
        round4(Math.max(...xs) / img.width),
        round4(Math.max(...ys) / img.height),
      ];
    };
    for (const block of r.data.blocks ?? []) {
      for (const para of block.paragraphs) {
        for (const line of para.lines as unknown as TessLine[]) {
          lines.push(line);
          const lineText = line.words.map((w) => w.text).join(' ');
          for (const w of line.words) {
            const text = correctOcrWord(w.text, lineText);
            if (text === '' || isSpeckle(w)) continue;
            words.push({ text, conf: Math.round(w.confidence), box: unrotate(w.bbox) });
          }
        }
      }
    }
    const confidence =
      words.length === 0 ? 0 : Math.round(words.reduce((n, w) => n + w.conf, 0) / words.length);
    const rawText = (lines.length > 0 ? layoutText(lines, firstPage) : r.data.text).normalize('NFC');
    const text = correctOcrText(rawText);
    return { text, rawText, words, confidence, width: img.width, height: img.height };
  }

  return {
    async recognise(img, dpi, firstPage) {
      const first = await read(img, dpi, firstPage);
      // Orientation detection only for a reading that looks wrong: an upright page pays nothing.
      const sideways = isSideways(first.words, img.width, img.height);
      if (!sideways && first.confidence >= ORIENTATION_CHECK_CONFIDENCE) return first;
      const { turn, sure } = await orientation.detect(img);
      // The first reading kept: doubtful still (that is why detection ran).
      const unsure = (r: OcrPageResult): OcrPageResult => ({ ...r, orientationUnsure: true });
      if (turn === 0) return sure && !sideways ? first : unsure(first);
      const turned = turnGrey(img, turn);
      const upright = await read(turned, dpi, firstPage);
      // The detector and the readings disagree: the turn did not read better.
      if (upright.confidence + (sideways ? SIDEWAYS_MARGIN : 0) < first.confidence) return unsure(first);
      const doubtful =
        isSideways(upright.words, turned.width, turned.height) ||
        (!sure && upright.confidence < ORIENTATION_CHECK_CONFIDENCE);
      // The text reads upright; the boxes go back onto the page as stored (and as the preview shows
      // it), where the text runs at the angle undoing the turn.
      const back = reverseTurn(turn);
      return {
        ...upright,
        ...(doubtful ? { orientationUnsure: true as const } : {}),
        words: upright.words.map((w) => ({
          ...w,
          box: turnBox(w.box, back).map(round4) as OcrWord['box'],
          angle: back as 90 | 180 | 270,
        })),
        width: img.width,
        height: img.height,
      };
    },
    async close() {
      await Promise.all([worker.terminate(), orientation.close()]);
    },
  };
}

interface OrientationDetector {
  /**
   * The clockwise turn that makes the page upright (a page scanned a quarter turn clockwise, its
   * tops to the right, needs 270); 0 when upright or unknown (no text, no model), `sure` only
   * when the detector answered with ORIENTATION_SURE or more.
   */
  detect(img: GreyImage): Promise<{ turn: QuarterTurn; sure: boolean }>;
  close(): Promise<void>;
}

/**
 * The detector's confidence (its own units) from which its answer is taken as sure. Measured on a
 * decision page at 200 dpi: upright, 90° and 180° answer right at 16–17; the same page at 100 dpi
 * under heavy speckle and q20 JPEG answers right at 3; a page with one short heading gives no answer.
 */
const ORIENTATION_SURE = 10;

/**
 * Tesseract's orientation and script detection (OSD). It needs the legacy engine and its model
 * (osd.traineddata, legacy only), so it is a second tesseract.js worker, started on the first page
 * that needs it (most runs never do). Without the model, or if it fails, pages are read as they lie.
 */
function orientationDetector(paths: OcrPaths): OrientationDetector {
  let started: Promise<Tesseract.Worker | null> | null = null;
  const start = (): Promise<Tesseract.Worker | null> => {
    const dir = paths.osdDir;
    if (!dir) return Promise.resolve(null);
    started ??= (async () => {
      const w = await Tesseract.createWorker('osd', Tesseract.OEM.TESSERACT_ONLY, {
        workerPath: paths.workerPath,
        langPath: dir,
        cacheMethod: 'none',
        gzip: true,
        legacyCore: true,
        legacyLang: true,
      });
      await w.setParameters({ debug_file: '/dev/null' });
      return w;
    })().catch(() => null);
    return started;
  };
  return {
    async detect(img) {
      const unknown = { turn: 0, sure: false } as const;
      const w = await start();
      if (!w) return unknown;
      try {
        const d = (await w.detect(toPgm(img))).data;
        const deg = d.orientation_degrees;
        const turn = deg === 90 || deg === 180 || deg === 270 ? deg : 0;
        if (deg !== turn) return unknown;
        return { turn, sure: (d.orientation_confidence ?? 0) >= ORIENTATION_SURE };
      } catch {
        return unknown;
      }
    },
    async close() {
      const w = started ? await started : null;
      if (w) await w.terminate();
    },
  };
}

/**
 * tesseract.js's rotateRadians turns the page the other way from a canvas rotation (y down):
 * measured on a page skewed 3° (tests/integration/ocr/ocr-engine.test.ts checks a box's place).
 */
const ROTATION_SIGN = -1;

function round4(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 10_000) / 10_000;
}
