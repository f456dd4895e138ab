// Re-extraction of documents already in the archive: text again from the stored originals (same
// worker pool and extractors as import), then metadata and citations again with enrichDocument.
// Archives imported before an extraction fix keep the old values until this runs.

import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import type { MetadataField } from '../../contract/dto.js';
import { appError, type AppError } from '../../contract/errors.js';
import type { Archive } from '../archive/archive.js';
import {
  documentTextStore,
  type DocumentTextStore,
  type FileExtraction,
  type StoredFile,
} from '../archive/document-text.js';
import { isCancellation } from '../jobs/cancellation.js';
import { withOcrText } from '../ocr/ocr-store.js';
import { ExtractionPool } from './extraction-pool.js';
import { detectMediaType } from './media-type.js';
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
  // Stored text keeps the pages OCR recognised (they are laid over the extracted ones).
  const store = documentTextStore(archive, withOcrText);
  const documentIds = store.documentIds(ids);
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
      const files = store.files(id);
      progress.currentId = id;
      progress.currentName = files[0] ? files[0].original_name.normalize('NFC') : null;
      emit();
      try {
        const o = await reextractOne(archive, store, pool, id, files, signal);
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

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    return buf.subarray(0, readSync(fd, buf, 0, 16, 0));
  } finally {
    closeSync(fd);
  }
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
  store: DocumentTextStore,
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
    textStatus: store.textStatus(documentId),
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
  const stored = store.storeText(documentId, name, extracted);
  if (!stored) return failed(appError('NOT_FOUND', `document #${documentId}`));
  return {
    documentId,
    name,
    outcome: stored.textChanged || stored.changedFields.length > 0 ? 'changed' : 'unchanged',
    textStatus: stored.textStatus,
    textChanged: stored.textChanged,
    changedFields: stored.changedFields,
    error: null,
    warning: stored.warning,
  };
}
