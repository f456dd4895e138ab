// TIFF pages decoded by sharp (libvips with libtiff: CCITT G3/G4, LZW, Deflate, JPEG, packbits,
// uncompressed; grey, bilevel or RGB), one page at a time from the stored file: as grey pixels for
// OCR (in an OCR worker) and as a PNG for the preview, since browsers cannot show a TIFF (in the
// host). Each page's declared size is checked against its cap from the directory before decoding.

import { renameSync, rmSync } from 'node:fs';
import sharp, { type Sharp } from 'sharp';
import { appError } from '../../contract/errors.js';
import { VanKhoError } from '../errors/vankho-error.js';
import {
  bufferReader,
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
 * The page opened by libvips, scaled to at most `maxPixels`. libvips checks the pixel count again
 * (limitInputPixels) and is told to fail on truncation only: at its strictest it refuses every
 * page of a file whose later directory is broken (a scan cut off at page 300 would lose pages
 * 1–299); a page garbled inside decodes as it can, and its OCR confidence marks it for review.
 */
function pagePipeline(
  source: string | Buffer,
  pageNo: number,
  page: TiffPageInfo,
  maxPixels: number,
): { pipeline: Sharp; ratio: number } {
  const ratio = Math.min(1, Math.sqrt(maxPixels / (page.width * page.height)));
  let pipeline = sharp(source, {
    page: pageNo - 1,
    limitInputPixels: MAX_DECODE_PIXELS,
    failOn: 'truncated',
  }).flatten({ background: '#ffffff' });
  if (ratio < 1) {
    pipeline = pipeline.resize(
      Math.max(1, Math.round(page.width * ratio)),
      Math.max(1, Math.round(page.height * ratio)),
      { fit: 'fill' },
    );
  }
  return { pipeline, ratio };
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
    const { data, info } = await pipeline
      .greyscale()
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      image: {
        width: info.width,
        height: info.height,
        data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      },
      dpi: page.dpi === null ? null : page.dpi * ratio,
    };
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
