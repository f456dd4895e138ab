// A phone photo of a page (issue 11): the camera stores the pixels as the sensor lay and an EXIF
// Orientation tag says how to turn them (6: a quarter turn clockwise, 8: counter-clockwise, 3: a
// half turn). Every viewer shows the page upright, so OCR reads it upright, its word boxes are on the
// upright page (the preview's <img> applies the tag too), and the searchable-PDF copy shows the page
// upright with its text layer on the words. The same for a PNG's eXIf chunk (Chromium's <img>
// applies it, Skia does not) and a TIFF's Orientation tag (274), whose preview PNG is made upright.
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openPdfDocument } from '../../../main/core/ingest/extractors/extract-pdf.js';
import { shownSize, tiffPagesOfFile } from '../../../main/core/ingest/extractors/tiff-pages.js';
import { rasterisePdfPage, type GreyImage, type OcrWord } from '../../../main/core/ocr/ocr-engine.js';
import { searchablePages, writeSearchablePdf } from '../../../main/core/ocr/searchable-pdf.js';
import { decodeTiffPage, tiffPreviewName, writeTiffPagePng } from '../../../main/core/ocr/tiff-decode.js';
import { renderScan, turnScan, type ScanLine } from '../../helpers/make-scan.js';
import { makeTiff } from '../../helpers/make-tiff.js';
import { foldedWords, pdfTextWords } from '../../helpers/pdf-text.js';
import { useOcrPool } from '../../helpers/ocr-pool-fixture.js';

const A4 = { w: 595.28, h: 841.89 };
const LINES: ScanLine[] = [
  { text: 'QUYẾT ĐỊNH', x: 297, y: 120, size: 16, bold: true, center: true },
  { text: 'Về việc ban hành Quy chế số hóa tài liệu lưu trữ', x: 70, y: 170, size: 14 },
  { text: 'Điều 1. Ủy ban nhân dân tỉnh giao Sở Nội vụ thực hiện.', x: 70, y: 200, size: 14 },
];
/** The turn the camera stored the pixels at, for each tag: a viewer undoes it. */
const STORED_TURN = { 3: 180, 6: 270, 8: 90 } as const;

/** Pixels darker than mid-grey. */
function ink(img: GreyImage): Uint8Array {
  return img.data.map((v) => (v < 128 ? 1 : 0));
}

/** The upright scan drawn at the size of `like` (the copy's page rendered), as grey. */
async function uprightAt(upright: Buffer, like: GreyImage): Promise<GreyImage> {
  const c = createCanvas(like.width, like.height);
  const g = c.getContext('2d');
  g.drawImage(await loadImage(upright), 0, 0, like.width, like.height);
  const rgba = g.getImageData(0, 0, like.width, like.height).data;
  const data = new Uint8Array(like.width * like.height);
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4]!;
  return { width: like.width, height: like.height, data };
}

/** The stored (turned) page image as a file of `format` whose tag says to turn it back. */
async function taggedFile(format: 'jpeg' | 'png' | 'tiff', stored: Buffer, tag: number): Promise<Buffer> {
  if (format === 'tiff') return makeTiff([stored], { dpi: 200, orientation: tag });
  const img = sharp(stored).withMetadata({ orientation: tag });
  return format === 'jpeg' ? img.jpeg({ quality: 90 }).toBuffer() : img.png().toBuffer();
}

describe('an image whose EXIF or TIFF Orientation tag turns it upright', () => {
  const ocr = useOcrPool();
  const upright = renderScan(LINES, { dpi: 200, format: 'jpeg', quality: 90 });

  it.each([
    ['jpeg', 6],
    ['jpeg', 8],
    ['jpeg', 3],
    ['png', 6],
    ['tiff', 8],
  ] as const)('%s, tag %i: read, boxed and copied as the upright page', async (format, tag) => {
    const file = join(ocr.dir, `photo-${tag}.${format}`);
    const stored = await turnScan(upright, STORED_TURN[tag]);
    writeFileSync(file, await taggedFile(format, stored, tag));
    expect((await sharp(file).metadata()).orientation).toBe(tag);

    const o = await ocr.pool.run({ path: file, kind: 'image', page: 1, dpi: 200 });
    if (!o.ok) throw new Error(o.error.code);
    const r = o.result;
    // Read as the viewer shows it: a portrait page, its words upright (no angle), no turn needed.
    expect(r.width).toBeLessThan(r.height);
    expect(r.confidence).toBeGreaterThan(85);
    expect(r.text).toContain('QUYẾT ĐỊNH');
    expect(r.text).toContain('Sở Nội vụ');
    for (const w of r.words) expect(w.angle).toBeUndefined();
    // The title's box is where it was drawn upright: centred at x 297, baseline 120 points.
    const i = r.words.findIndex((w) => w.text === 'QUYẾT');
    const title: OcrWord['box'] = [
      r.words[i]!.box[0],
      r.words[i]!.box[1],
      r.words[i + 1]!.box[2],
      r.words[i + 1]!.box[3],
    ];
    expect(Math.abs((title[0] + title[2]) / 2 - 297 / A4.w)).toBeLessThan(0.012);
    expect(title[3]).toBeGreaterThan(112 / A4.h);
    expect(title[1]).toBeLessThan(120 / A4.h);

    const out = `${file}.searchable.pdf`;
    await writeSearchablePdf(
      searchablePages({ path: file, mediaType: `image/${format}`, words: new Map([[1, r.words]]) }),
      createWriteStream(out),
    );
    const copy = readFileSync(out);
    const doc = await openPdfDocument(new Uint8Array(copy));
    try {
      const page = await doc.getPage(1);
      const vp = page.getViewport({ scale: 1 });
      // An upright A4 page again (a 200 dpi photo is sized at 200 dpi).
      expect(vp.width).toBeCloseTo(A4.w, -1);
      expect(vp.height).toBeCloseTo(A4.h, -1);
      // The page image shows the page upright: its ink lies where the upright scan has ink.
      const shown = await rasterisePdfPage(doc, 1, 72);
      const want = ink(await uprightAt(upright, shown));
      const got = ink(shown);
      let both = 0;
      let wanted = 0;
      for (let k = 0; k < want.length; k++) {
        wanted += want[k]!;
        both += want[k]! & got[k]!;
      }
      expect(wanted).toBeGreaterThan(1000);
      expect(both / wanted).toBeGreaterThan(0.6);
      // The text layer is on the words: "Về" starts the second line at x 70, baseline 170 points.
      const items = (await page.getTextContent()).items.flatMap((it) =>
        'str' in it && it.str.trim() !== ''
          ? [{ str: it.str, x: it.transform[4] as number, y: vp.height - (it.transform[5] as number) }]
          : [],
      );
      const line = items.filter((it) => Math.abs(it.y - 170) < 4);
      expect(line.map((it) => it.str).join('')).toContain('Vềviệc');
      expect(Math.abs(Math.min(...line.map((it) => it.x)) - 70)).toBeLessThan(4);
    } finally {
      await doc.destroy();
    }
    // And a reader's search finds the words OCR read.
    const { words } = await pdfTextWords(copy);
    expect(words).toEqual(expect.arrayContaining(foldedWords('số hóa tài liệu lưu trữ Sở Nội vụ')));

    // A TIFF's preview (a PNG the host derives) is the upright page too: the pixels OCR read.
    if (format === 'tiff') {
      // Stored landscape (the scan turned), shown portrait.
      const [dir] = tiffPagesOfFile(file)!;
      expect(dir).toMatchObject({ width: 2339, height: 1654, orientation: tag });
      expect(shownSize(dir!)).toEqual({ width: 1654, height: 2339 });
      // Cached under a name of its own: a preview cached before showed the stored pixels.
      expect(tiffPreviewName(file, 'f'.repeat(64), 1)).toBe(`${'f'.repeat(64)}-1-upright.png`);
      const png = join(ocr.dir, `preview-${tag}.png`);
      await writeTiffPagePng(file, 1, png);
      const { data, info } = await sharp(png)
        .greyscale()
        .extractChannel(0)
        .raw()
        .toBuffer({ resolveWithObject: true });
      const read = (await decodeTiffPage(file, 1)).image;
      expect(info.width).toBeLessThan(info.height);
      expect([info.width, info.height]).toEqual([read.width, read.height]);
      expect(Buffer.from(data).equals(Buffer.from(read.data))).toBe(true);
    }
  });
});
