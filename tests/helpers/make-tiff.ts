// Multi-page TIFF scans made in the test, as office scanners write them: page images (rendered by
// make-scan.ts) stacked into one TIFF by sharp, bilevel CCITT G4, LZW or uncompressed, grey or RGB.
import sharp from 'sharp';

export type TiffCompression = 'ccittfax4' | 'lzw' | 'none';

export interface TiffOptions {
  compression?: TiffCompression;
  /** RGB samples instead of grey (a colour scanner's output); not with CCITT. */
  rgb?: boolean;
  /** Resolution written in the file (dots per inch). */
  dpi?: number;
  /** The Orientation tag (274) written: how a viewer turns the stored pixels to show them. */
  orientation?: number;
}

/** One TIFF of these page images (PNG or JPEG bytes, all of one size), one directory per page. */
export async function makeTiff(pages: readonly Buffer[], opts: TiffOptions = {}): Promise<Buffer> {
  const compression = opts.compression ?? 'lzw';
  const raws = await Promise.all(
    pages.map((p) =>
      sharp(p)
        .flatten({ background: '#ffffff' })
        .greyscale()
        .extractChannel(0)
        .raw()
        .toBuffer({ resolveWithObject: true }),
    ),
  );
  const { width, height } = raws[0]!.info;
  if (raws.some((r) => r.info.width !== width || r.info.height !== height)) {
    throw new Error('makeTiff: pages of one size only');
  }
  // libvips writes a "toilet roll" image (pages stacked, pageHeight set) as one directory a page.
  let img = sharp(Buffer.concat(raws.map((r) => r.data)), {
    raw: { width, height: height * raws.length, channels: 1, pageHeight: height },
  });
  if (compression === 'ccittfax4') img = img.threshold(160);
  img = opts.rgb ? img.toColourspace('srgb') : img.toColourspace('b-w');
  const dpmm = (opts.dpi ?? 200) / 25.4;
  if (opts.orientation !== undefined) img = img.withMetadata({ orientation: opts.orientation });
  return img
    .tiff({
      compression,
      ...(compression === 'ccittfax4' ? { bitdepth: 1 as const } : {}),
      xres: dpmm,
      yres: dpmm,
      resolutionUnit: 'inch',
    })
    .toBuffer();
}
