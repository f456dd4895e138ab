// The pages of a TIFF from its directory chain alone (no pixel is decoded): how many, and each one's
// declared size and resolution. Import counts a multi-page scan's pages with it (one OCR row each),
// and the decoder checks a page's pixel count against its cap before decoding it (decompression
// bombs). Reads a few bytes per page through positioned reads, so a 500-page scan costs no memory.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface TiffPageInfo {
  /** The size of the pixels as stored (before the Orientation tag turns them). */
  width: number;
  height: number;
  /** Horizontal resolution in dots per inch, null when the file does not say. */
  dpi: number | null;
  /**
   * The Orientation tag (274), as in EXIF: 1 upright (also when absent or out of range), 3 a half
   * turn, 6 and 8 a quarter turn (5–8: a viewer shows the page height × width), 2/4/5/7 mirrored.
   */
  orientation: number;
}

/** The size a viewer shows a page at: the stored size, swapped by a quarter-turn Orientation (5–8). */
export function shownSize(p: Pick<TiffPageInfo, 'width' | 'height' | 'orientation'>): {
  width: number;
  height: number;
} {
  return p.orientation >= 5 ? { width: p.height, height: p.width } : { width: p.width, height: p.height };
}

/** Directories followed at most: past it a chain is taken as hostile (a loop, a forged count). */
export const MAX_TIFF_PAGES = 5000;

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ByteReader = (offset: number, length: number) => Buffer;

/** True for the first bytes of a classic TIFF ("II*\0" or "MM\0*"). */
export function isTiffHead(b: Buffer): boolean {
  const m = b.toString('latin1', 0, 4);
  return m === 'II*\u0000' || m === 'MM\u0000*';
}

/**
 * The pages of a classic TIFF, in file order (the order decoders number them), or null when the
 * header or the first directory cannot be read. A chain broken further on ends at the last
 * directory read whole: the pages before it are still pages.
 */
export function tiffPages(read: ByteReader, size: number): TiffPageInfo[] | null {
  const head = read(0, 8);
  if (head.length < 8 || !isTiffHead(head)) return null;
  const le = head[0] === 0x49;
  const u16 = (b: Buffer, o: number): number => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (b: Buffer, o: number): number => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const pages: TiffPageInfo[] = [];
  const seen = new Set<number>();
  let offset = u32(head, 4);
  while (offset !== 0 && pages.length < MAX_TIFF_PAGES) {
    if (seen.has(offset) || offset < 8 || offset + 2 > size) break;
    seen.add(offset);
    const n = u16(read(offset, 2), 0);
    const dir = read(offset + 2, n * 12 + 4);
    if (n === 0 || dir.length < n * 12 + 4) break;
    let width = 0;
    let height = 0;
    let resolution: number | null = null;
    let unit = 2;
    let orientation = 1;
    for (let i = 0; i < n; i++) {
      const e = i * 12;
      const tag = u16(dir, e);
      const type = u16(dir, e + 2);
      // SHORT and LONG values sit in the entry itself.
      const value = type === 3 ? u16(dir, e + 8) : u32(dir, e + 8);
      if (tag === 256) width = value;
      else if (tag === 257) height = value;
      else if (tag === 296) unit = value;
      else if (tag === 274 && value >= 1 && value <= 8) orientation = value;
      else if (tag === 282 && type === 5) {
        const r = read(value, 8);
        if (r.length === 8 && u32(r, 4) !== 0) resolution = u32(r, 0) / u32(r, 4);
      }
    }
    const dpi = resolution === null ? null : unit === 3 ? resolution * 2.54 : unit === 2 ? resolution : null;
    pages.push({
      width,
      height,
      dpi: dpi !== null && dpi >= 50 && dpi <= 2400 ? Math.round(dpi) : null,
      orientation,
    });
    offset = u32(dir, n * 12);
  }
  return pages.length > 0 ? pages : null;
}

/** A reader over bytes in memory. */
export function bufferReader(b: Buffer): ByteReader {
  return (offset, length) => b.subarray(Math.min(offset, b.length), Math.min(offset + length, b.length));
}

/** tiffPages of a file on disk, by positioned reads; null for no TIFF or an unreadable header. */
export function tiffPagesOfFile(path: string): TiffPageInfo[] | null {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    return tiffPages((offset, length) => {
      const b = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const got = b.length > 0 ? readSync(fd, b, 0, b.length, offset) : 0;
      return b.subarray(0, got);
    }, size);
  } finally {
    closeSync(fd);
  }
}
