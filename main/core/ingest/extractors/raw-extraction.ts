/**
 * What an extractor returns before text preparation: raw text per page (one page for formats
 * without pages), the detected character encoding if the format has one, and font names that hint
 * at legacy 8-bit Vietnamese encodings (.VnTime, VNI-Times).
 */
export interface RawExtraction {
  pages: string[];
  encoding: string | null;
  fontNames: string[];
  /** Pages whose text could not be read (PDF): the text is partial. */
  failedPages: number;
  /** The text was cut at the extraction cap (status partial, TEXT_TRUNCATED). */
  truncated?: boolean;
  /** Page count the file itself records (DOCX docProps/app.xml <Pages>); PDFs count their pages. */
  pageCount?: number | null;
}
