// The stores an import of files writes through (issue 13's storage seam): documents, files, pages,
// the import history, the OCR queue and the metadata step, as one unit of work. Ingest runs its
// steps inside transaction() and never holds the database; this is the SQLite side, over the
// tables' one insert path each (documents-repo, pages-repo, import-log-repo). The OCR queue belongs
// to core/ocr, a layer above this one, so its SQLite writer is passed in (as re-extraction's
// TextOverlay is).

import type { Archive } from './archive.js';
import type { Db } from './database.js';
import type { FileText } from './document-text.js';
import {
  documentHoldingBytes,
  insertDocumentRow,
  insertFileRow,
  type NewDocumentRow,
  type NewFileRow,
} from './documents-repo.js';
import { enrichDocument } from './enrich-document.js';
import {
  closeImportBatch,
  insertImportLog,
  openImportBatch,
  type ImportBatchStatus,
  type ImportLogRow,
} from './import-log-repo.js';
import { insertPageTexts } from './pages-repo.js';

/** Queues the pages of a just-imported original that need OCR (core/ocr's enqueueImportedFile). */
export type ImportedFileQueue = (
  db: Db,
  fileId: number,
  mediaType: string,
  extraction: Pick<FileText, 'status' | 'pages' | 'pageCount'>,
) => unknown;

/** What an import reads outside a transaction. */
export interface ImportReads {
  /** The document one of whose files has these bytes, null when none. */
  documentHoldingBytes(sha256: string): number | null;
}

/** The stores inside one write transaction of an import. */
export interface ImportTx extends ImportReads {
  insertDocument(row: NewDocumentRow): number;
  insertFile(row: NewFileRow): number;
  insertPageTexts(fileId: number, pages: readonly string[]): void;
  enqueueForOcr(
    fileId: number,
    mediaType: string,
    extraction: Pick<FileText, 'status' | 'pages' | 'pageCount'>,
  ): void;
  /**
   * Metadata suggestions, number_key and citations of a new document, in a savepoint of its own:
   * when it throws, what it wrote is undone and the rest of the transaction stands.
   */
  enrichDocument(documentId: number): void;
  openBatch(startedAt: string, total: number): number;
  closeBatch(batchId: number, status: Exclude<ImportBatchStatus, 'running'>): void;
  insertLog(batchId: number, row: ImportLogRow): void;
}

/** An import's unit of work: reads, and writes that commit together (with the archive's write hooks). */
export interface ImportStores extends ImportReads {
  transaction<T>(fn: (tx: ImportTx) => T): T;
}

export function sqliteImportStores(
  archive: Pick<Archive, 'db' | 'write'>,
  ocrQueue: ImportedFileQueue,
): ImportStores {
  const txOf = (db: Db): ImportTx => ({
    documentHoldingBytes: (sha256) => documentHoldingBytes(db, sha256),
    insertDocument: (row) => insertDocumentRow(db, row),
    insertFile: (row) => insertFileRow(db, row),
    insertPageTexts: (fileId, pages) => insertPageTexts(db, fileId, pages),
    enqueueForOcr: (fileId, mediaType, extraction) => void ocrQueue(db, fileId, mediaType, extraction),
    enrichDocument: (documentId) => db.transaction(() => enrichDocument(db, documentId))(),
    openBatch: (startedAt, total) => openImportBatch(db, startedAt, total),
    closeBatch: (batchId, status) => closeImportBatch(db, batchId, status),
    insertLog: (batchId, row) => insertImportLog(db, batchId, row),
  });
  return {
    documentHoldingBytes: (sha256) => documentHoldingBytes(archive.db, sha256),
    transaction: (fn) => archive.write((db) => fn(txOf(db))),
  };
}
