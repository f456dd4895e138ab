// Re-extraction of documents already in the archive: text again from the stored originals (same
// worker pool and extractors as import), then metadata and citations again with enrichDocument.
// Archives imported before an extraction fix keep the old values until this runs.

import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { MetadataField } from '../../contract/dto.js';
import { appError, type AppError } from '../../contract/errors.js';
import type { Archive, Db } from '../archive/archive.js';
import { FIELD_COLUMNS, getDocument, insertPageTexts } from '../archive/documents-repo.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { isCancellation } from '../jobs/cancellation.js';
import { EXTRACTED_FIELDS } from '../text/extract-metadata.js';
import { enrichDocument } from '../archive/enrich-document.js';
import { withOcrText } from '../ocr/ocr-store.js';
import type { ExtractionResult } from './extract-file.js';
import { ExtractionPool } from './extraction-pool.js';
import { detectMediaType } from './media-type.js';
import { fileReadingOrder } from '../archive/reading-order.js';
import { faultPoint } from '../jobs/fault-point.js';

export interface ReextractOptions {
  signal?: AbortSignal;
  onProgress?: (p: ReextractProgress) => void;
  /** Per-file text extraction time limit (default 60 s, as import). */
  extractionTimeoutMs?: number;
  /** Documents processed at once (default 2, as import). */
  concurrency?: number;
  /** Called once a document's new text is stored or found unchanged (a durable job records it). */
  onDocumentDone?: (documentId: number) => void;
}

export interface ReextractProgress {
  total: number;
  done: number;
  changed: number;
  unchanged: number;
  failed: number;
  /** The document being processed now, null between documents. */
  currentId: number | null;
  currentName: string | null;
}

/**
 * changed: new text or metadata stored; unchanged: extraction gave what was already stored;
 * failed: an original could not be re-extracted — the document was left exactly as it was.
 */
export type ReextractOutcomeKind = 'changed' | 'unchanged' | 'failed';

export interface ReextractOutcome {
  documentId: number;
  /** Original name of the document's main file (NFC), what the user recognises. */
  name: string;
  outcome: ReextractOutcomeKind;
  /** The document's text status after the run (unchanged when failed). */
  textStatus: string | null;
  /** The stored page texts were replaced by different ones. */
  textChanged: boolean;
  /** Metadata fields whose value changed (user-set fields never do). */
  changedFields: MetadataField[];
  /** failed: why (the old text is kept). */
  error: AppError | null;
  /** Re-extracted with a text problem (partial text, truncated, metadata step failed). */
  warning: AppError | null;
}

export interface ReextractReport {
  total: number;
  changed: number;
  unchanged: number;
  failed: number;
  /** True when the signal fired: outcomes cover only the documents finished before it. */
  cancelled: boolean;
  outcomes: ReextractOutcome[];
}

export interface StoredFile {
  id: number;
  sha256: string;
  original_name: string;
  media_type: string;
  text_encoding: string | null;
  role: string;
}

/** The documents a re-extraction covers: all of them, or the given ids (every one must exist). */
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

/**
 * Re-extracts the text of the chosen documents from their stored originals and re-derives their
 * metadata suggestions and citations. Per document, all its files are extracted first (in worker
 * threads, with the import's limits); only if every file succeeds does ONE archive.write() replace
 * the pages and run enrichDocument (the search write hooks update the index in that transaction).
 * A file whose extraction fails (missing/corrupt original, timeout) leaves its document untouched
 * and is reported. Fields a person set (provenance 'user') are never changed; 'auto' fields that
 * the fresh text no longer supports are cleared. Cancelling keeps the documents already finished.
 */
export async function reextractDocuments(
  archive: Archive,
  ids: readonly number[] | 'all',
  opts: ReextractOptions = {},
): Promise<ReextractReport> {
  const signal = opts.signal;
  const documentIds = selectDocuments(archive.db, ids);
  const progress: ReextractProgress = {
    total: documentIds.length,
    done: 0,
    changed: 0,
    unchanged: 0,
    failed: 0,
    currentId: null,
    currentName: null,
  };
  const emit = (): void => opts.onProgress?.({ ...progress });
  const outcomes: Array<ReextractOutcome | undefined> = [];
  emit();

  const pool = new ExtractionPool({
    ...(opts.concurrency ? { size: opts.concurrency } : {}),
    ...(opts.extractionTimeoutMs ? { timeoutMs: opts.extractionTimeoutMs } : {}),
  });
  let next = 0;
  let cancelled = false;
  const runner = async (): Promise<void> => {
    while (next < documentIds.length) {
      if (signal?.aborted) {
        cancelled = true;
        return;
      }
      const index = next++;
      const id = documentIds[index]!;
      const files = filesOf(archive.db, id);
      progress.currentId = id;
      progress.currentName = files[0] ? files[0].original_name.normalize('NFC') : null;
      emit();
      try {
        const o = await reextractOne(archive, pool, id, files, signal);
        outcomes[index] = o;
        progress.done++;
        progress[o.outcome]++;
        emit();
        if (o.outcome !== 'failed') opts.onDocumentDone?.(id);
        faultPoint('reextract:document-done');
      } catch (e) {
        if (isCancellation(e)) {
          cancelled = true;
          return;
        }
        throw e;
      }
    }
  };
  try {
    const concurrency = Math.max(1, opts.concurrency ?? 2);
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, documentIds.length)) }, runner));
  } finally {
    await pool.close();
    progress.currentId = null;
    progress.currentName = null;
  }
  emit();
  const done = outcomes.filter((o): o is ReextractOutcome => o !== undefined);
  return {
    total: progress.total,
    changed: progress.changed,
    unchanged: progress.unchanged,
    failed: progress.failed,
    cancelled: cancelled || (signal?.aborted ?? false),
    outcomes: done,
  };
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

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    return buf.subarray(0, readSync(fd, buf, 0, 16, 0));
  } finally {
    closeSync(fd);
  }
}

export interface FileExtraction {
  file: StoredFile;
  mediaType: string;
  result: ExtractionResult;
}

/** Extracts one stored original; an error value (never a throw) when it cannot be re-extracted. */
async function extractStored(
  archive: Archive,
  pool: ExtractionPool,
  file: StoredFile,
  signal: AbortSignal | undefined,
): Promise<FileExtraction | AppError> {
  const path = archive.files.pathOf(file.sha256);
  const name = file.original_name.normalize('NFC');
  if (!existsSync(path)) return appError('FILE_UNREADABLE', `${name}: original missing from the archive`);
  let head: Buffer;
  try {
    head = readHead(path);
  } catch (e) {
    return appError('FILE_UNREADABLE', `${name}: ${(e as NodeJS.ErrnoException).code ?? 'read error'}`);
  }
  const { mediaType, kind } = detectMediaType(name, head);
  const result = await pool.run(path, kind, signal);
  if (result.status === 'failed') {
    const e = result.error ?? appError('EXTRACTION_FAILED');
    return { ...e, detail: e.detail ? `${name}: ${e.detail}` : name };
  }
  return { file, mediaType, result };
}

async function reextractOne(
  archive: Archive,
  pool: ExtractionPool,
  documentId: number,
  files: StoredFile[],
  signal: AbortSignal | undefined,
): Promise<ReextractOutcome> {
  const name = files[0]?.original_name.normalize('NFC') ?? '';
  const failed = (error: AppError): ReextractOutcome => ({
    documentId,
    name,
    outcome: 'failed',
    textStatus: getDocument(archive.db, documentId)?.textStatus ?? null,
    textChanged: false,
    changedFields: [],
    error,
    warning: null,
  });
  const extracted: FileExtraction[] = [];
  for (const file of files) {
    const x = await extractStored(archive, pool, file, signal);
    signal?.throwIfAborted();
    // One failing file leaves the whole document as it was: never half old, half new text.
    if (!('result' in x)) return failed(x);
    extracted.push(x);
  }
  return archive.write(
    (db) =>
      applyExtractedText(db, documentId, name, extracted) ??
      failed(appError('NOT_FOUND', `document #${documentId}`)),
  );
}

/**
 * Stores fresh text of a document's files and re-derives its metadata and citations, inside the
 * caller's write transaction — the one path by which new text reaches the pages, the search index
 * (its write hooks) and the metadata suggestions, for re-extraction and for OCR alike. Pages OCR
 * has recognised are laid over the extracted ones (a scan's re-extraction keeps its OCR text). The
 * first entry is the main file: its status becomes the document's. null when the document is gone.
 */
export function applyExtractedText(
  db: Db,
  documentId: number,
  name: string,
  extracted: readonly FileExtraction[],
): ReextractOutcome | null {
  const before = getDocument(db, documentId);
  if (!before) return null;
  let textChanged = false;
  const results = extracted.map((x) => ({ ...x, result: withOcrText(db, x.file.id, x.result) }));
  for (const { file, mediaType, result } of results) {
    if (replacePages(db, file.id, result.pages)) textChanged = true;
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
  return {
    documentId,
    name,
    outcome: textChanged || changedFields.length > 0 ? 'changed' : 'unchanged',
    textStatus: after.textStatus,
    textChanged,
    changedFields,
    error: null,
    warning,
  };
}

/** Replaces a file's page texts when they differ (no churn in the change journal otherwise). */
function replacePages(db: Db, fileId: number, pages: string[]): boolean {
  const old = db
    .prepare<[number], string>('SELECT text FROM pages WHERE file_id = ? ORDER BY page_no')
    .pluck()
    .all(fileId);
  if (old.length === pages.length && old.every((t, i) => t === pages[i])) return false;
  db.prepare('DELETE FROM pages WHERE file_id = ?').run(fileId);
  insertPageTexts(db, fileId, pages);
  return true;
}

/**
 * Drops the extracted ('auto') metadata values so enrichDocument proposes them afresh from the new
 * text: a value an older extractor got wrong and the fixed one no longer finds must not linger.
 * Fields a person set are not touched. Only called when the new text is not empty (a file that now
 * yields no text keeps its suggestions). The title falls back to the file name, as at import.
 */
function clearAutoFields(db: Db, documentId: number, fileName: string): void {
  const auto = new Set(
    db
      .prepare<[number], string>(
        "SELECT field FROM document_fields WHERE document_id = ? AND source = 'auto'",
      )
      .pluck()
      .all(documentId),
  );
  const columns = EXTRACTED_FIELDS.map((f) => FIELD_COLUMNS[f]).filter((c) => auto.has(c));
  if (columns.length === 0) return;
  const title = basename(fileName, extname(fileName)) || fileName;
  // Column names come from the closed FIELD_COLUMNS map, never from input.
  const sets = columns.map((c) => (c === 'title' ? 'title = ?' : `${c} = NULL`));
  db.prepare(`UPDATE documents SET ${sets.join(', ')} WHERE id = ?`).run(
    ...(columns.includes('title') ? [title] : []),
    documentId,
  );
  const drop = db.prepare(
    "DELETE FROM document_fields WHERE document_id = ? AND field = ? AND source = 'auto'",
  );
  for (const c of columns) drop.run(documentId, c);
}
