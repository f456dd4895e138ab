// The text layer of a PDF as a reader's search sees it, read by pdf.js itself (not the app's
// extractor, so a test of a PDF the app wrote does not trust the app to read it back).
import { fold } from '../../main/contract/fold-text.js';

/**
 * Page count and the folded words of every page. A word's runs may be items of their own (a
 * searchable copy sets its Vietnamese letters in another part of the font), and pdf.js puts a space
 * item between words and marks a line's end: the page's items are joined as they come.
 */
export async function pdfTextWords(pdf: Uint8Array): Promise<{ pages: number; words: string[] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes the buffer over: a copy keeps the caller's bytes.
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    useSystemFonts: false,
  }).promise;
  try {
    const words: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      const text = content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join('');
      words.push(...foldedWords(text));
    }
    return { pages: doc.numPages, words };
  } finally {
    await doc.destroy();
  }
}

/** A text's words as search folds them (no diacritics, lower case), for comparing OCR with a PDF. */
export function foldedWords(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
