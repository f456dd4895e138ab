// Pixel limits of decoded page images, shared by the OCR engine and the TIFF decoder (which the
// host also loads for the preview, without the OCR engine).

/** A greyscale image, one byte per pixel, rows top to bottom. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Pixels recognised at most: a larger page image is scaled down (A3 at 300 dpi is 17 million). */
export const MAX_OCR_PIXELS = 36_000_000;
/**
 * Pixels an image file may declare before it is decoded at all (decompression bombs): its header is
 * read first, and a file claiming more is refused without allocating its bitmap.
 */
export const MAX_DECODE_PIXELS = 80_000_000;
