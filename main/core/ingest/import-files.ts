import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { appError, type AppError } from '../../contract/errors.js';
import { noTextReason } from '../../contract/no-text.js';
import type { Archive } from '../archive/archive.js';
import type { FileStore } from '../archive/file-store.js';
import { sqliteImportStores, type ImportStores, type ImportTx } from '../archive/import-stores.js';
import { isDiskFull, knownAppError } from '../errors/to-vankho-error.js';
import { sha256File } from '../archive/check-archive.js';
import { isCancellation } from '../jobs/cancellation.js';
import { faultPoint } from '../jobs/fault-point.js';
import type { ExtractionResult } from './extract-file.js';
import { ExtractionPool } from './extraction-pool.js';
import type { ImportOptions, ImportOutcome, ImportProgress, ImportReport } from './import-types.js';
import { detectMediaType, type ExtractorKind } from './media-type.js';
import { walkPaths, type WalkedFile, type WalkProblem } from './walk-paths.js';
import { enqueueImportedFile } from '../ocr/ocr-store.js';

export type { ImportOptions, ImportOutcome, ImportProgress, ImportReport } from './import-types.js';

export const DEFAULT_MAX_FILE_SIZE = 512 * 1024 * 1024;

/**
 * Imports files and folders (recursively) into the archive. Per file, in this order (R3): copy the
 * original into staging, fsync, rename to its content address (FileStore.put); if the same bytes are
 * already a document → 'duplicate'; else extract text in a worker thread (limits + timeout, R5); then
 * ONE transaction of its stores (core/archive/import-stores.ts) inserts the document, file, pages,
 * OCR queue and import-log rows and runs enrichDocument. A crash before that commit leaves at most an orphan original, which the next open
 * moves to quarantine. Bad files get a 'failed' outcome with a vi/en reason and the batch goes on; a
 * file whose text cannot be extracted (encrypted/corrupt PDF, parser timeout) is still imported with
 * its original kept, text_status 'failed' and a warning. Cancelling keeps completed files.
 */
export async function importPaths(
  archive: Archive,
  paths: string[],
  opts: ImportOptions = {},
): Promise<ImportReport> {
  const { files, problems } = walkPaths(paths, archive.dir);
  return importWalkedFiles(archive, files, problems, opts);
}

/** Where an import writes: the originals' file store and the catalogue's stores. */
interface ImportTarget {
  files: FileStore;
  stores: ImportStores;
}

/**
 * The import of files already listed (importPaths after its walk; recovery, whose sources lie inside
 * the archive and carry the names they are filed under).
 */
export async function importWalkedFiles(
  archive: Archive,
  files: WalkedFile[],
  problems: WalkProblem[],
  opts: ImportOptions = {},
): Promise<ImportReport> {
  // Scanned pages join core/ocr's queue in the document's own transaction.
  const target: ImportTarget = {
    files: archive.files,
    stores: sqliteImportStores(archive, enqueueImportedFile),
  };
  const { stores } = target;
  const maxFileSize = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const signal = opts.signal;
  const startedAt = new Date().toISOString();
  const batchId = stores.transaction((tx) => tx.openBatch(startedAt, files.length + problems.length));
  const progress: ImportProgress = {
    total: files.length + problems.length,
    done: 0,
    imported: 0,
    duplicates: 0,
    failed: 0,
    bytesTotal: files.reduce((n, f) => n + f.size, 0),
    bytesDone: 0,
    currentPath: null,
    currentName: null,
  };
  const emit = (): void => opts.onProgress?.({ ...progress });
  const outcomes: Array<ImportOutcome | undefined> = [];
  const record = (index: number, o: ImportOutcome, bytes: number): void => {
    outcomes[index] = o;
    progress.done++;
    progress.bytesDone += bytes;
    if (o.outcome === 'imported') progress.imported++;
    else if (o.outcome === 'duplicate') progress.duplicates++;
    else progress.failed++;
    emit();
  };

  const log = new PendingLog(stores, batchId);
  for (const [i, p] of problems.entries()) {
    const o = failedOutcome(p, p.error);
    log.add(o);
    record(i, o, 0);
  }
  emit();

  const inflight = new Map<string, number>();
  const createdHere = new Set<string>();
  const ownPool = opts.pool === undefined;
  const pool = opts.pool ?? new ExtractionPool(opts.concurrency ? { size: opts.concurrency } : {});
  const taskOptions = opts.extractionTimeoutMs ? { timeoutMs: opts.extractionTimeoutMs } : {};
  // Extraction runs in parallel, commits follow the walk order (each file waits for the previous
  // one to finish, whatever its outcome), so document ids follow the order of the files.
  const finished = files.map(() => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  });
  let next = 0;
  let cancelled = false;
  // A full disk stops the batch: every later file would fail the same way. The files finished
  // before it keep their outcomes (and the report lists them).
  let stoppedBy: AppError | null = null;
  const runner = async (): Promise<void> => {
    while (next < files.length) {
      if (signal?.aborted) {
        cancelled = true;
        return;
      }
      if (stoppedBy) return;
      const index = next++;
      const file = files[index]!;
      progress.currentPath = file.path;
      progress.currentName = nameOf(file);
      emit();
      const previousDone = index > 0 ? finished[index - 1]!.promise : Promise.resolve();
      try {
        const o = await importOne(target, log, file, {
          previousDone,
          maxFileSize,
          signal,
          extract: (path, kind) => pool.run(path, kind, signal, taskOptions),
          inflight,
          createdHere,
        });
        record(problems.length + index, o, file.size);
        if (o.error?.code === 'DISK_FULL') stoppedBy ??= o.error;
      } catch (e) {
        if (isCancellation(e)) {
          cancelled = true;
          return;
        }
        if (isDiskFull(e)) {
          stoppedBy ??= appError('DISK_FULL');
          return;
        }
        throw e;
      } finally {
        finished[index]!.resolve();
      }
    }
  };
  try {
    const concurrency = Math.max(1, opts.concurrency ?? 2);
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, files.length)) }, runner));
  } finally {
    if (ownPool) await pool.close();
    progress.currentPath = null;
    progress.currentName = null;
    const status = stoppedBy ? 'failed' : cancelled || signal?.aborted ? 'cancelled' : 'done';
    closeBatch(stores, log, batchId, status, stoppedBy !== null);
  }
  emit();
  const done = outcomes.filter((o): o is ImportOutcome => o !== undefined);
  return {
    batchId,
    total: progress.total,
    imported: progress.imported,
    duplicates: progress.duplicates,
    failed: progress.failed,
    withWarnings: done.filter((o) => o.warning !== null).length,
    cancelled: cancelled || (signal?.aborted ?? false),
    stoppedBy,
    outcomes: done,
  };
}

/**
 * Writes the pending log rows and the batch's final status. After a full disk both are best effort
 * (the blob of the failed file was removed, so there is usually room for these few rows); if even
 * that fails the batch stays 'running' and the next writable open marks it failed (sweep).
 */
function closeBatch(
  stores: ImportStores,
  log: PendingLog,
  batchId: number,
  status: 'done' | 'cancelled' | 'failed',
  afterDiskFull: boolean,
): void {
  const finish = (): void => {
    stores.transaction((tx) => tx.closeBatch(batchId, status));
  };
  if (!afterDiskFull) {
    log.flush();
    finish();
    return;
  }
  try {
    finish(); // the status first: a batch left 'running' is what check warns about
    log.flush();
  } catch (e) {
    if (!isDiskFull(e)) throw e;
  }
}

/** An error no rule knows (a bug): logged with its stack, reported as INTERNAL without its text. */
function unexpected(e: unknown): AppError {
  console.error('VanKho import: unexpected error', e);
  return appError('INTERNAL');
}

interface OneFileContext {
  /** Resolves when the previous file of the walk has finished: documents get ids in walk order. */
  previousDone: Promise<void>;
  maxFileSize: number;
  signal: AbortSignal | undefined;
  extract: (path: string, kind: ExtractorKind) => Promise<ExtractionResult>;
  /** Hashes stored by files still in flight: their blobs must not be removed by another file's cleanup. */
  inflight: Map<string, number>;
  /** Hashes whose blob this batch stored (only those may be removed when not committed). */
  createdHere: Set<string>;
}

/** The name a file is filed under: the one given with it (recovery), else its own (NFC). */
function nameOf(file: { path: string; name?: string }): string {
  return (file.name ?? basename(file.path)).normalize('NFC');
}

function failedOutcome(
  file: { path: string; name?: string },
  error: AppError,
  extra: Partial<ImportOutcome> = {},
): ImportOutcome {
  return {
    path: file.path,
    name: nameOf(file),
    outcome: 'failed',
    documentId: null,
    sha256: null,
    size: null,
    mediaType: null,
    textStatus: null,
    error,
    warning: null,
    noText: null,
    ...extra,
  };
}

function insertLog(tx: ImportTx, batchId: number, o: ImportOutcome): void {
  const e = o.error ?? o.warning;
  const detail = e?.detail ? ` (${e.detail})` : '';
  tx.insertLog(batchId, {
    path: o.rawPath ?? o.path,
    outcome: o.outcome,
    documentId: o.documentId,
    sha256: o.sha256,
    code: e?.code ?? null,
    messageVi: e ? e.message.vi + detail : null,
    messageEn: e ? e.message.en + detail : null,
  });
}

/**
 * Import-log rows of files that did not become documents (duplicates, failures), written in groups:
 * one commit (one fsync) per file would dominate re-importing a large folder. A crash can lose the
 * log rows of such files since the last group (they changed nothing else); a document's own log row
 * is always written in its transaction.
 */
class PendingLog {
  private rows: ImportOutcome[] = [];
  constructor(
    private readonly stores: ImportStores,
    readonly batchId: number,
  ) {}

  add(o: ImportOutcome): void {
    this.rows.push(o);
    if (this.rows.length >= 100) this.flush();
  }

  flush(): void {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    this.stores.transaction((tx) => {
      for (const o of rows) insertLog(tx, this.batchId, o);
    });
  }
}

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

async function importOne(
  { files, stores }: ImportTarget,
  log: PendingLog,
  file: WalkedFile,
  ctx: OneFileContext,
): Promise<ImportOutcome> {
  const { path } = file;
  const raw = file.rawPath !== undefined ? { rawPath: file.rawPath } : {};
  const fail = (error: AppError, extra: Partial<ImportOutcome> = {}): ImportOutcome => {
    const o = failedOutcome(file, error, { ...raw, ...extra });
    log.add(o);
    return o;
  };
  if (file.size === 0) return fail(appError('FILE_EMPTY'));
  if (file.size > ctx.maxFileSize)
    return fail(appError('FILE_TOO_LARGE', `${file.size} > ${ctx.maxFileSize} bytes`));

  let stored: { sha256: string; size: number; created: boolean };
  try {
    // Hash first: a duplicate (the common case when a folder is imported again) costs one read and
    // no copy. put() hashes again while copying, so the bytes stored are the bytes hashed.
    const preHash = await sha256File(file.fsPath ?? path, ctx.signal);
    const known = stores.documentHoldingBytes(preHash);
    if (known !== null) return duplicate(log, file, preHash, file.size, known);
    stored = await files.put(file.fsPath ?? path, ctx.signal);
  } catch (e) {
    if (isCancellation(e) || ctx.signal?.aborted) throw e;
    return fail(knownAppError(e, { readingInput: true }) ?? unexpected(e));
  }
  const { sha256, size } = stored;
  if (stored.created) ctx.createdHere.add(sha256);
  ctx.inflight.set(sha256, (ctx.inflight.get(sha256) ?? 0) + 1);
  let committed = false;
  try {
    // The file may have changed since the walk: judge the bytes actually stored.
    if (size === 0) return fail(appError('FILE_EMPTY'));
    if (size > ctx.maxFileSize) return fail(appError('FILE_TOO_LARGE', `${size} > ${ctx.maxFileSize} bytes`));
    const dup = stores.documentHoldingBytes(sha256);
    if (dup !== null) return duplicate(log, file, sha256, size, dup);

    const name = nameOf(file);
    const storedPath = files.pathOf(sha256);
    const { mediaType, kind } = detectMediaType(name, readHead(storedPath));
    const extraction = await ctx.extract(storedPath, kind);
    ctx.signal?.throwIfAborted();
    await ctx.previousDone;
    ctx.signal?.throwIfAborted();
    faultPoint('import:before-commit');

    let result: { dup: number } | { o: ImportOutcome };
    try {
      result = stores.transaction((tx): { dup: number } | { o: ImportOutcome } => {
        // Same bytes committed meanwhile by a concurrent file of this batch.
        const again = tx.documentHoldingBytes(sha256);
        if (again !== null) return { dup: again };
        return {
          o: persistDocument(tx, log.batchId, { ...raw, path, name, sha256, size, mediaType, extraction }),
        };
      });
    } catch (e) {
      return fail(knownAppError(e) ?? unexpected(e), { sha256, size, mediaType });
    }
    if ('dup' in result) return duplicate(log, file, sha256, size, result.dup);
    committed = true;
    faultPoint('import:after-commit');
    return result.o;
  } finally {
    const left = (ctx.inflight.get(sha256) ?? 1) - 1;
    if (left > 0) ctx.inflight.set(sha256, left);
    else ctx.inflight.delete(sha256);
    // Not committed (failure, cancel): drop the blob this file stored, unless a row or another
    // in-flight file holds it. A blob that was already there is not ours to remove.
    if (
      !committed &&
      ctx.createdHere.has(sha256) &&
      left === 0 &&
      stores.documentHoldingBytes(sha256) === null
    ) {
      rmSync(files.pathOf(sha256), { force: true });
    }
  }
}

function duplicate(
  log: PendingLog,
  file: { path: string; name?: string; rawPath?: string },
  sha256: string,
  size: number,
  documentId: number,
): ImportOutcome {
  const o: ImportOutcome = {
    path: file.path,
    ...(file.rawPath !== undefined ? { rawPath: file.rawPath } : {}),
    name: nameOf(file),
    outcome: 'duplicate',
    documentId,
    sha256,
    size,
    mediaType: null,
    textStatus: null,
    error: null,
    warning: null,
    noText: null,
  };
  log.add(o);
  return o;
}

interface NewDocument {
  path: string;
  rawPath?: string;
  name: string;
  sha256: string;
  size: number;
  mediaType: string;
  extraction: ExtractionResult;
}

/** Inserts one imported original as a new document (inside the caller's write transaction). */
function persistDocument(tx: ImportTx, batchId: number, d: NewDocument): ImportOutcome {
  const now = new Date().toISOString();
  const x = d.extraction;
  // Until metadata is extracted the title is the original file name without its extension.
  const title = basename(d.name, extname(d.name)) || d.name;
  const documentId = tx.insertDocument({
    uid: randomUUID(),
    title,
    textStatus: x.status,
    textErrorCode: x.error?.code ?? null,
    pageCount: x.pageCount,
    createdAt: now,
    updatedAt: now,
  });
  const fileId = tx.insertFile({
    documentId,
    sha256: d.sha256,
    size: d.size,
    mediaType: d.mediaType,
    originalName: d.name,
    role: 'main',
    position: 0,
    textEncoding: x.encoding,
    importedAt: now,
  });
  tx.insertPageTexts(fileId, x.pages);
  // Scanned pages join the OCR queue in this transaction: filed "waiting for OCR", never forgotten.
  tx.enqueueForOcr(fileId, d.mediaType, x);
  // Metadata suggestions, number_key and citations, in this same transaction — inside a savepoint:
  // if enrichment throws, the document is still imported with its text (metadata can be re-extracted).
  let enrichError: AppError | null = null;
  try {
    tx.enrichDocument(documentId);
  } catch (e) {
    enrichError = appError(
      'EXTRACTION_FAILED',
      `metadata: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300),
    );
  }
  const o: ImportOutcome = {
    path: d.path,
    ...(d.rawPath !== undefined ? { rawPath: d.rawPath } : {}),
    name: d.name,
    outcome: 'imported',
    documentId,
    sha256: d.sha256,
    size: d.size,
    mediaType: d.mediaType,
    textStatus: x.status,
    error: null,
    warning: x.error ?? enrichError,
    noText: noTextReason({ textStatus: x.status, errorCode: x.error?.code ?? null, mediaType: d.mediaType }),
  };
  insertLog(tx, batchId, o);
  return o;
}
