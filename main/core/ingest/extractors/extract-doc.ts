import { appError } from '../../../contract/errors.js';
import { VanKhoError } from '../../errors/vankho-error.js';
import type { RawExtraction } from './raw-extraction.js';

/** Text of a Word 97–2003 .doc (body, then headers, footnotes and endnotes) with word-extractor. */
export async function extractDoc(data: Buffer): Promise<RawExtraction> {
  let text: string;
  const { default: WordExtractor } = await import('word-extractor'); // loaded on first use
  try {
    const doc = await new WordExtractor().extract(data);
    const parts = [doc.getBody(), doc.getFootnotes(), doc.getEndnotes()];
    text = parts.filter((p) => p && p.trim() !== '').join('\n\n');
  } catch {
    throw new VanKhoError(appError('DOCX_CORRUPT', 'doc'));
  }
  return { pages: [text], encoding: null, fontNames: [], failedPages: 0 };
}
