// A document's text as the archive stores it: the one path by which fresh text of its stored
// originals reaches the pages, the search index (its write hooks), the metadata suggestions and the
// citations — for re-extraction (core/ingest/reextract.ts, through DocumentTextStore) and for OCR
// (core/ocr/ocr-queue.ts, in its own transaction) alike.
import { basename, extname } from 'node:path';
import type { MetadataField } from '../../contract/dto.js';
import { appError, type AppError } from '../../contract/errors.js';
import type { Archive, Db } from './archive.js';
import { FIELD_COLUMNS, getDocument } from './documents-repo.js';
import { dropFieldProvenance, fieldsWithSource } from './field-provenance.js';
import { replacePageTexts } from './pages-repo.js';
import { enrichDocument } from './enrich-document.js';
import { fileReadingOrder } from './reading-order.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { EXTRACTED_FIELDS } from '../text/extract-metadata.js';

/** A file's text as extraction (core/ingest's ExtractionResult) or OCR gives it. */
export interface FileText {
  status: 'ok' | 'partial' | 'none' | 'failed';
  /** Cleaned, NFC page texts (empty when status is none/failed). */
  pages: string[];
  /** Pages in the file (PDF), else null. */
  pageCount: number | null;
  /** Charset of a text file, or the legacy font encoding repaired (tcvn3, vni, …). */
  encoding: string | null;
  /** Why the text is missing or partial. */
  error: AppError | null;
}

export interface StoredFile {
  id: number;
  sha256: string;
  original_name: string;
  media_type: string;
  text_encoding: string | null;
  role: string;
}

/** One file's fresh text, with the media type its bytes show. */
export interface FileExtraction {
  file: StoredFile;
  mediaType: string;
  result: FileText;
}

/**
 * Lays text from elsewhere over a file's extracted text inside the write transaction (core/ocr's
 * withOcrText: the pages OCR recognised), so OCR text survives a re-extraction.
 */
export type TextOverlay = (db: Db, fileId: number, text: FileText) => FileText;

/** What storing fresh text changed. */
export interface StoredText {
  /** The document's text status after it. */
  textStatus: string | null;
  /** The stored page texts were replaced by different ones. */
  textChanged: boolean;
  /** Metadata fields whose value changed (user-set fields never do). */
  changedFields: MetadataField[];
  /** A text problem (partial text, truncated, metadata step failed). */
  warning: AppError | null;
}

/** The documents chosen: all of them, or the given ids (every one must exist, else NOT_FOUND). */
export function selectDocuments(db: Db, ids: readonly number[] | 'all'): number[] {
  if (ids === 'all') {
    return db.prepare<[], number>('SELECT id FROM documents ORDER BY id').pluck().all();
  }
  const unique = [...new Set(ids)];
  const exists = db.prepare<[number], number>('SELECT 1 FROM documents WHERE id = ?').pluck();
  const missing = unique.filter((id) => exists.get(id) === undefined);
  if (missing.length > 0) {
    throw new VanKhoError(appError('NOT_FOUND', missing.map((id) => `document #${id}`).join(', ')));
  }
  return unique;
}

/** A document's files, main file first (reading order). */
export function filesOf(db: Db, documentId: number): StoredFile[] {
  return db
    .prepare<[number], StoredFile>(
      `SELECT id, sha256, original_name, media_type, text_encoding, role FROM files WHERE document_id = ?
       ORDER BY ${fileReadingOrder()}`,
    )
    .all(documentId);
}

/**
 * Stores fresh text of a document's files and re-derives its metadata and citations, inside the
 * caller's write transaction. `overlay` lays other text over each file's (OCR pages). The first entry
 * is the main file: its status becomes the document's. null when the document is gone.
 */
export function applyExtractedText(
  db: Db,
  documentId: number,
  name: string,
  extracted: readonly FileExtraction[],
  overlay?: TextOverlay,
): StoredText | null {
  const before = getDocument(db, documentId);
  if (!before) return null;
  let textChanged = false;
  const results = overlay
    ? extracted.map((x) => ({ ...x, result: overlay(db, x.file.id, x.result) }))
    : extracted;
  for (const { file, mediaType, result } of results) {
    if (replacePageTexts(db, file.id, result.pages)) textChanged = true;
    if (file.media_type !== mediaType || file.text_encoding !== result.encoding) {
      db.prepare('UPDATE files SET media_type = ?, text_encoding = ? WHERE id = ?').run(
        mediaType,
        result.encoding,
        file.id,
      );
    }
  }
  const main = results[0]?.result;
  if (main) {
    db.prepare(
      `UPDATE documents SET text_status = ?, text_error_code = ?, page_count = ?, updated_at = ?
       WHERE id = ? AND (text_status IS NOT ? OR text_error_code IS NOT ? OR page_count IS NOT ?)`,
    ).run(
      main.status,
      main.error?.code ?? null,
      main.pageCount,
      new Date().toISOString(),
      documentId,
      main.status,
      main.error?.code ?? null,
      main.pageCount,
    );
  }
  // In a savepoint, as at import: if metadata extraction throws, the new text still stands.
  let warning: AppError | null = results.find((x) => x.result.error)?.result.error ?? null;
  try {
    db.transaction(() => {
      if (main && main.pages.some((p) => p.trim() !== '')) clearAutoFields(db, documentId, name);
      enrichDocument(db, documentId);
    })();
  } catch (e) {
    warning = appError(
      'EXTRACTION_FAILED',
      `metadata: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300),
    );
  }
  const after = getDocument(db, documentId)!;
  const changedFields = (Object.keys(after.metadata) as MetadataField[]).filter(
    (f) => after.metadata[f] !== before.metadata[f],
  );
  return { textStatus: after.textStatus, textChanged, changedFields, warning };
}

/**
 * Drops the extracted ('auto') metadata values so enrichDocument proposes them afresh from the new
 * text: a value an older extractor got wrong and the fixed one no longer finds must not linger.
 * Fields a person set are not touched. Only called when the new text is not empty (a file that now
 * yields no text keeps its suggestions). The title falls back to the file name, as at import.
 */
function clearAutoFields(db: Db, documentId: number, fileName: string): void {
  const auto = fieldsWithSource(db, documentId, 'auto');
  const columns = EXTRACTED_FIELDS.map((f) => FIELD_COLUMNS[f]).filter((c) => auto.has(c));
  if (columns.length === 0) return;
  const title = basename(fileName, extname(fileName)) || fileName;
  // Column names come from the closed FIELD_COLUMNS map, never from input.
  const sets = columns.map((c) => (c === 'title' ? 'title = ?' : `${c} = NULL`));
  db.prepare(`UPDATE documents SET ${sets.join(', ')} WHERE id = ?`).run(
    ...(columns.includes('title') ? [title] : []),
    documentId,
  );
  for (const c of columns) dropFieldProvenance(db, documentId, c, true);
}

/** What re-extraction reads and writes of the archive's tables (issue 13's storage seam). */
export interface DocumentTextStore {
  /** selectDocuments: all ids, or the given ones (NOT_FOUND for any that does not exist). */
  documentIds(ids: readonly number[] | 'all'): number[];
  /** The document's files, main file first. */
  files(documentId: number): StoredFile[];
  /** Its text status now (null when it is gone). */
  textStatus(documentId: number): string | null;
  /** applyExtractedText in one write transaction of its own. */
  storeText(documentId: number, name: string, extracted: readonly FileExtraction[]): StoredText | null;
}

/** The SQLite DocumentTextStore of an archive; `overlay` goes into every storeText. */
export function documentTextStore(archive: Archive, overlay?: TextOverlay): DocumentTextStore {
  return {
    documentIds: (ids) => selectDocuments(archive.db, ids),
    files: (documentId) => filesOf(archive.db, documentId),
    textStatus: (documentId) => getDocument(archive.db, documentId)?.textStatus ?? null,
    storeText: (documentId, name, extracted) =>
      archive.write((db) => applyExtractedText(db, documentId, name, extracted, overlay)),
  };
}
