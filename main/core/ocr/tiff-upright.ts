// Once per archive: the word boxes of TIFF pages read before pages were turned by their Orientation
// tag (274). Those boxes lie on the stored pixels, while OCR, the preview and the searchable-PDF
// copy now show the page upright (tiff-decode.ts); a page the tag turns a quarter or half turn has
// its boxes turned onto the upright page (and its words' angle with them), with nothing re-read; a
// mirrored page (tags 2, 4, 5, 7) waits for OCR again. The meta key records that it was done.
import { turnBox, type QuarterTurn } from '../../contract/word-turn.js';
import type { Archive } from '../archive/archive.js';
import { readMeta, writeMeta } from '../archive/meta-store.js';
import { tiffPagesOfFile } from '../ingest/extractors/tiff-pages.js';
import type { OcrWord } from './ocr-engine.js';
import {
  donePagesOf,
  enqueueDocuments,
  replaceDonePageWords,
  tiffFilesWithDonePages,
  type OcrPageCarried,
} from './ocr-store.js';

/** Meta key: '1' once the TIFF pages' boxes lie on the upright page. */
export const TIFF_UPRIGHT_KEY = 'ocr_tiff_upright';

/** The clockwise turn a viewer gives the stored pixels for each unmirrored Orientation tag. */
const TURN_OF: Readonly<Record<number, QuarterTurn>> = { 1: 0, 3: 180, 6: 90, 8: 270 };

export function tiffBoxesBehind(archive: Archive): boolean {
  return readMeta(archive.db, TIFF_UPRIGHT_KEY) !== '1';
}

/** The words of a page turned clockwise by `turn`: boxes onto the turned page, angles with them. */
export function turnWords(words: readonly OcrWord[], turn: QuarterTurn): OcrWord[] {
  return words.map(({ angle, ...w }) => {
    const a = (((angle ?? 0) + turn) % 360) as QuarterTurn;
    return { ...w, box: turnBox(w.box, turn), ...(a !== 0 ? { angle: a } : {}) };
  });
}

/**
 * A TIFF page's words read on its stored pixels, laid on the page as its Orientation tag shows it;
 * null for a mirrored page, which no turn puts right (it is to be read again).
 */
export function uprightWords(words: readonly OcrWord[], orientation: number): OcrWord[] | null {
  const turn = TURN_OF[orientation];
  if (turn === undefined) return null;
  return turn === 0 ? [...words] : turnWords(words, turn);
}

/**
 * The recognised pages of a TIFF, brought by a bundle written before pages were turned by their
 * Orientation tag (its file's `ocr` without `upright`), with their boxes on the upright page; a
 * mirrored page is left out (read again later). `path`: the stored original.
 */
export function uprightCarriedPages(path: string, pages: readonly OcrPageCarried[]): OcrPageCarried[] {
  let dirs;
  try {
    dirs = tiffPagesOfFile(path);
  } catch {
    return [...pages];
  }
  if (!dirs) return [...pages];
  return pages.flatMap((p) => {
    const words = uprightWords(p.words, dirs[p.pageNo - 1]?.orientation ?? 1);
    return words ? [{ ...p, words }] : [];
  });
}

/**
 * Lays the boxes of turned TIFF pages read before onto the upright page, and records it. Inside its
 * own write; a TIFF whose original cannot be read is left as it is. Returns the pages changed.
 */
export function turnTiffBoxesUpright(archive: Archive): number {
  return archive.write((db) => {
    let n = 0;
    const mirrored: number[] = [];
    for (const f of tiffFilesWithDonePages(db)) {
      let dirs;
      try {
        dirs = tiffPagesOfFile(archive.files.pathOf(f.sha256));
      } catch {
        continue;
      }
      if (!dirs) continue;
      for (const p of donePagesOf(db, f.fileId)) {
        const orientation = dirs[p.pageNo - 1]?.orientation ?? 1;
        if (orientation === 1) continue;
        const words = uprightWords(p.words, orientation);
        if (!words) {
          mirrored.push(f.documentId);
          continue;
        }
        replaceDonePageWords(db, f.fileId, p.pageNo, words);
        n++;
      }
    }
    if (mirrored.length > 0) n += enqueueDocuments(db, [...new Set(mirrored)], { rerun: true });
    writeMeta(db, TIFF_UPRIGHT_KEY, '1');
    return n;
  });
}
