import type { NoTextReason } from '../../contract/dto.js';
import type { AppError } from '../../contract/errors.js';
import type { ExtractionPool } from './extraction-pool.js';

export interface ImportProgress {
  /** Files found in the given paths (known once the walk is done). */
  total: number;
  /** Files finished: imported + duplicates + failed. */
  done: number;
  imported: number;
  duplicates: number;
  failed: number;
  bytesTotal: number;
  bytesDone: number;
  /** The file being processed now (full path and its name), null between files. */
  currentPath: string | null;
  currentName: string | null;
}

export type ImportOutcomeKind = 'imported' | 'duplicate' | 'failed';

export interface ImportOutcome {
  /** The source path as walked (absolute); a name that is not valid UTF-8 is repaired with U+FFFD. */
  path: string;
  /**
   * Only when some name on the path is not valid UTF-8: its exact bytes as text (valid UTF-8 kept,
   * other bytes and '%' as %XX). The import log keeps this form, so the source can be found again;
   * the stored original name is the repaired text (searchable, valid in JSON, ZIP and the UI).
   */
  rawPath?: string;
  /** Its file name (NFC), what the user sees. */
  name: string;
  outcome: ImportOutcomeKind;
  /** imported: the new document; duplicate: the document already holding these bytes ("already in archive as #id"). */
  documentId: number | null;
  sha256: string | null;
  size: number | null;
  mediaType: string | null;
  /** Text status of an imported document ('ok', 'partial', 'none' = no text yet, 'failed'). */
  textStatus: 'ok' | 'partial' | 'none' | 'failed' | null;
  /** failed: why the file was not imported (FILE_EMPTY, FILE_TOO_LARGE, FILE_UNREADABLE, DISK_FULL, …). */
  error: AppError | null;
  /** imported with a text problem: the original is kept, its text was not (fully) extracted (PDF_ENCRYPTED, PDF_CORRUPT, …). */
  warning: AppError | null;
  /** imported without any text: why (scan, format not read, encrypted, …); else null. */
  noText: NoTextReason | null;
}

export interface ImportReport {
  batchId: number;
  total: number;
  imported: number;
  duplicates: number;
  failed: number;
  /** Imported documents whose text could not be (fully) extracted. */
  withWarnings: number;
  /** True when the signal fired: outcomes cover only the files finished before it. */
  cancelled: boolean;
  /** Set when the batch stopped early (a full disk): outcomes cover the files finished before it. */
  stoppedBy?: AppError | null;
  outcomes: ImportOutcome[];
}

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** Files larger than this are refused with FILE_TOO_LARGE (default 512 MiB). */
  maxFileSize?: number;
  /** Per-file text extraction time limit (default 60 s). */
  extractionTimeoutMs?: number;
  /** Files processed at once (default: min(2, cores)). */
  concurrency?: number;
  /**
   * Extraction workers to use and leave running (the app session's, so a run of small uploads does
   * not start and end workers for each); without it the import starts its own and ends them.
   */
  pool?: ExtractionPool;
}
