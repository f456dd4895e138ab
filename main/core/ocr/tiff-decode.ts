// TIFF pages decoded by sharp (libvips with libtiff: CCITT G3/G4, LZW, Deflate, JPEG, packbits,
// uncompressed; grey, bilevel or RGB), one page at a time from the stored file: as grey pixels for
// OCR (in an OCR worker) and as a PNG for the preview, since browsers cannot show a TIFF (in the
// host). Each page's declared size is checked against its cap from the directory before decoding.
// Each page is turned as its Orientation tag (274) says, as TIFF viewers show it, so OCR, preview
// and searchable-PDF copy see one upright page. A PNG whose eXIf chunk turns it is decoded here
// too: Chromium's <img> applies the tag, Skia (the OCR's other decoder) does not.

import { renameSync, rmSync } from 'node:fs';
import sharp, { type Sharp } from 'sharp';
import { appError } from '../../contract/errors.js';
import { VanKhoError } from '../errors/vankho-error.js';
import {
  bufferReader,
  shownSize,
  tiffPages,
  tiffPagesOfFile,
  type TiffPageInfo,
} from '../ingest/extractors/tiff-pages.js';
import { MAX_DECODE_PIXELS, MAX_OCR_PIXELS, type GreyImage } from './image-limits.js';

// One libvips thread (OCR runs one worker per core already; a preview is one page) and no cache of
// open files (each page is decoded once, and the cache would hold the file open).
sharp.concurrency(1);
sharp.cache(false);

/** A preview PNG larger than this is scaled down (A4 at 300 dpi is 8.7 million pixels). */
export const MAX_PREVIEW_PIXELS = 16_000_000;

/**
 * Page `pageNo` (1-based) of a TIFF as its directory declares it, refused before any decoding:
 * unreadable directories or a page past the last → IMAGE_DAMAGED, more than MAX_DECODE_PIXELS →
 * IMAGE_TOO_LARGE (decompression bombs).
 */
export function checkedTiffPage(source: string | Buffer, pageNo: number): TiffPageInfo {
  const pages =
    typeof source === 'string' ? tiffPagesOfFile(source) : tiffPages(bufferReader(source), source.length);
  if (!pages) throw new VanKhoError(appError('IMAGE_DAMAGED', 'tiff'));
  const page = pages[pageNo - 1];
  if (!page) throw new VanKhoError(appError('IMAGE_DAMAGED', `tiff: page ${pageNo} of ${pages.length}`));
  if (page.width <= 0 || page.height <= 0 || page.width * page.height > MAX_DECODE_PIXELS) {
    throw new VanKhoError(appError('IMAGE_TOO_LARGE', `tiff p. ${pageNo}: ${page.width}×${page.height}`));
  }
  return page;
}

/**
 * The page opened by libvips, turned upright by its Orientation tag (autoOrient, before the resize,
 * so the size asked for is the upright one) and scaled to at most `maxPixels`. libvips checks the
 * pixel count again (limitInputPixels) and is told to fail on truncation only: at its strictest it
 * refuses every page of a file whose later directory is broken (a scan cut off at page 300 would
 * lose pages 1–299); a page garbled inside decodes as it can, and its OCR confidence marks it for
 * review. `pageNo` null: a one-image file (a PNG).
 */
function pagePipeline(
  source: string | Buffer,
  pageNo: number | null,
  page: Pick<TiffPageInfo, 'width' | 'height' | 'orientation'>,
  maxPixels: number,
): { pipeline: Sharp; ratio: number } {
  const ratio = Math.min(1, Math.sqrt(maxPixels / (page.width * page.height)));
  let pipeline = sharp(source, {
    ...(pageNo !== null ? { page: pageNo - 1 } : {}),
    limitInputPixels: MAX_DECODE_PIXELS,
    failOn: 'truncated',
    autoOrient: true,
  }).flatten({ background: '#ffffff' });
  if (ratio < 1) {
    const shown = shownSize(page);
    pipeline = pipeline.resize(
      Math.max(1, Math.round(shown.width * ratio)),
      Math.max(1, Math.round(shown.height * ratio)),
      { fit: 'fill' },
    );
  }
  return { pipeline, ratio };
}

async function greyPixels(pipeline: Sharp): Promise<GreyImage> {
  const { data, info } = await pipeline
    .greyscale()
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}

/**
 * The EXIF Orientation of an image file (1 when it has none or it cannot be read): where a PNG's
 * eXIf chunk or a JPEG's APP1 says to turn the pixels. Reads the header only.
 */
export async function storedOrientation(data: Buffer): Promise<number> {
  const o = await sharp(data)
    .metadata()
    .then((m) => m.orientation ?? 1)
    .catch(() => 1);
  return o >= 1 && o <= 8 ? o : 1;
}

/**
 * An image file (its size checked by the caller) as grey, turned upright by its EXIF Orientation
 * and scaled down to MAX_OCR_PIXELS; for the formats whose tag Skia ignores (a PNG's eXIf).
 * Damaged → OCR_FAILED, as decodeImage says it.
 */
export async function decodeOrientedImage(
  data: Buffer,
  size: { width: number; height: number; orientation: number },
  format: string,
): Promise<GreyImage> {
  try {
    return await greyPixels(pagePipeline(data, null, size, MAX_OCR_PIXELS).pipeline);
  } catch {
    throw new VanKhoError(appError('OCR_FAILED', `${format}: damaged image`));
  }
}

/** An image file as a PNG turned upright by its EXIF Orientation, at full size (the copy's page). */
export async function uprightPng(data: Buffer): Promise<Buffer> {
  return sharp(data, { limitInputPixels: MAX_DECODE_PIXELS, autoOrient: true }).png().toBuffer();
}

/**
 * One page of a TIFF — a file path (read page by page, never whole) or its bytes — as grey, scaled
 * down to MAX_OCR_PIXELS, with the resolution the file declares (scaled alike). A page cut short
 * → IMAGE_DAMAGED.
 */
export async function decodeTiffPage(
  source: string | Buffer,
  pageNo: number,
): Promise<{ image: GreyImage; dpi: number | null }> {
  const page = checkedTiffPage(source, pageNo);
  try {
    const { pipeline, ratio } = pagePipeline(source, pageNo, page, MAX_OCR_PIXELS);
    return { image: await greyPixels(pipeline), dpi: page.dpi === null ? null : page.dpi * ratio };
  } catch {
    throw new VanKhoError(appError('IMAGE_DAMAGED', `tiff p. ${pageNo}`));
  }
}

/**
 * Page `pageNo` of the TIFF file at `path` as a JPEG at full size (the page image of a searchable
 * PDF copy), with the page as its directory declares it. Same checks and errors as decodeTiffPage.
 */
export async function tiffPageJpeg(
  path: string,
  pageNo: number,
  quality: number,
): Promise<{ jpeg: Buffer; page: TiffPageInfo }> {
  const page = checkedTiffPage(path, pageNo);
  try {
    const jpeg = await pagePipeline(path, pageNo, page, MAX_DECODE_PIXELS)
      .pipeline.jpeg({ quality })
      .toBuffer();
    return { jpeg, page };
  } catch {
    throw new VanKhoError(appError('IMAGE_DAMAGED', `tiff p. ${pageNo}`));
  }
}

/**
 * The name of page `pageNo`'s preview PNG in the archive's cache of derived previews. A page its
 * Orientation tag turns gets a name of its own: a preview cached before pages were turned by the
 * tag shows the stored pixels, and is not served for the upright page.
 */
export function tiffPreviewName(path: string, sha256: string, pageNo: number): string {
  const turned = (tiffPagesOfFile(path)?.[pageNo - 1]?.orientation ?? 1) !== 1;
  return `${sha256}-${pageNo}${turned ? '-upright' : ''}.png`;
}

/**
 * Writes page `pageNo` of the TIFF file at `path` as a PNG at `out` (through a temporary file and a
 * rename, so a reader never sees half a PNG), scaled down to MAX_PREVIEW_PIXELS, colour kept.
 * The original is only read.
 */
export async function writeTiffPagePng(path: string, pageNo: number, out: string): Promise<void> {
  const page = checkedTiffPage(path, pageNo);
  const tmp = `${out}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await pagePipeline(path, pageNo, page, MAX_PREVIEW_PIXELS).pipeline.png().toFile(tmp);
    renameSync(tmp, out);
  } catch {
    rmSync(tmp, { force: true });
    throw new VanKhoError(appError('IMAGE_DAMAGED', `tiff p. ${pageNo}`));
  }
}
