import { appError } from '../../../contract/errors.js';
import { VanKhoError } from '../../errors/vankho-error.js';
import { docxText, type DocxElement } from './docx-layout.js';
import type { RawExtraction } from './raw-extraction.js';
import { readZipEntries } from './read-zip-entries.js';

/** Largest uncompressed DOCX part we accept (zip-bomb guard, T-Z1). */
const MAX_PART_BYTES = 64 * 1024 * 1024;
const FONT_PARTS = ['word/document.xml', 'word/styles.xml', 'word/fontTable.xml'];
/** Word stores the page count it last laid out here; absent when the writer did not lay out pages. */
const APP_PART = 'docProps/app.xml';

function recordedPages(xml: Buffer | undefined): number | null {
  const m = xml ? /<(?:\w+:)?Pages>\s*(\d{1,6})\s*</u.exec(xml.toString('utf8')) : null;
  const n = m ? Number(m[1]) : 0;
  return n > 0 ? n : null;
}

/**
 * Text of a DOCX read from mammoth's document tree (tables cell by cell, see docx-layout.ts), plus the font names its runs use so legacy TCVN3/VNI text
 * (.VnTime, VNI-Times) can be recognised. Not a DOCX / broken zip → DOCX_CORRUPT; a part too large
 * to be a real document → EXTRACTION_TIMEOUT ("too complex").
 */
export async function extractDocx(data: Buffer): Promise<RawExtraction> {
  let parts: Map<string, Buffer>;
  try {
    parts = await readZipEntries(data, [...FONT_PARTS, APP_PART], MAX_PART_BYTES);
  } catch (e) {
    if (String((e as Error).message).startsWith('zip entry too large')) {
      throw new VanKhoError(appError('EXTRACTION_TIMEOUT', 'docx part too large'));
    }
    throw new VanKhoError(appError('DOCX_CORRUPT'));
  }
  if (!parts.has('word/document.xml'))
    throw new VanKhoError(appError('DOCX_CORRUPT', 'word/document.xml missing'));
  let text = '';
  // Loaded on first use, so start-up of commands that never read a DOCX skips it.
  const { default: mammoth } = await import('mammoth');
  try {
    // The tree is read in the transform hook; handing back an empty body leaves mammoth no HTML to
    // build and no images to read.
    await mammoth.convertToHtml(
      { buffer: data },
      {
        transformDocument: (document: DocxElement) => {
          text = docxText(document);
          return { ...document, children: [] };
        },
      },
    );
  } catch {
    throw new VanKhoError(appError('DOCX_CORRUPT'));
  }
  const pageCount = recordedPages(parts.get(APP_PART));
  parts.delete(APP_PART);
  const fontNames = new Set<string>();
  for (const xml of parts.values()) {
    const s = xml.toString('utf8');
    for (const m of s.matchAll(/w:(?:ascii|hAnsi|cs)="([^"]{1,100})"/g)) if (m[1]) fontNames.add(m[1]);
    for (const m of s.matchAll(/<w:font\s+w:name="([^"]{1,100})"/g)) if (m[1]) fontNames.add(m[1]);
  }
  return { pages: [text], encoding: null, fontNames: [...fontNames], failedPages: 0, pageCount };
}
