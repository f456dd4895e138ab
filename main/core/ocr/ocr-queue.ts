// The OCR queue runner: drains the pending rows of ocr_pages page by page in OCR worker threads.
// Each page's result is committed as it comes (a kill loses at most the pages in flight, which stay
// pending); when a document has no pending page left, its text goes through the same path as a
// re-extraction (core/archive/document-text.ts: pages, search index, metadata suggestions, citations).
// The queue can be paused ("Tạm dừng OCR"): an archive setting, so it holds across restarts and for
// every process that opens the archive; a paused queue starts no page.

import { DEFAULT_OCR_DPI } from '../../contract/api/ocr-api.js';
import type { OcrPageEndDto, OcrProgressDto } from '../../contract/dto.js';
import { appError } from '../../contract/errors.js';
import type { Archive, Db } from '../archive/archive.js';
import { readBooleanSetting, writeBooleanSetting } from '../archive/archive-settings.js';
import { applyExtractedText, filesOf, type FileExtraction } from '../archive/document-text.js';
import { getDocument } from '../archive/documents-repo.js';
import { filePageTexts } from '../archive/pages-repo.js';
import { isCancellation } from '../jobs/cancellation.js';
import type { ExtractionResult } from '../ingest/extract-file.js';
import { isOcrImageType } from './needs-ocr.js';
import { parseOcrLanguages, resolveOcrPaths, type OcrPathOptions } from './ocr-paths.js';
import { OcrPool } from './ocr-pool.js';
import {
  countPending,
  documentOcrFinished,
  markPageDone,
  markPageFailed,
  nextPendingPage,
  pageKey,
  pageToReview,
  prioritizeDocument,
  resultCaveat,
  type PendingPage,
  withOcrText,
} from './ocr-store.js';

/** Whether the archive's OCR queue is paused: no run starts a page until it is resumed. */
export function ocrPaused(db: Db): boolean {
  return readBooleanSetting(db, 'ocr_paused') === true;
}

/** Pauses or resumes the archive's OCR queue (inside the caller's transaction, archive.write). */
export function setOcrPaused(db: Db, paused: boolean): void {
  writeBooleanSetting(db, 'ocr_paused', paused);
}

export interface OcrRunOptions {
  signal?: AbortSignal;
  /**
   * Fires when the queue is paused: the pages in flight are abandoned (they stay pending) and the
   * run ends as paused, not cancelled. Without it a pause set meanwhile (by another process) is
   * still seen before each page: the pages in flight then finish.
   */
  pause?: AbortSignal;
  /** After each change; the one right after a page ends (done or failed) names it (`page`). */
  onProgress?: (p: OcrProgress) => void;
  /** Worker threads (default: cores − 1, at least 1). */
  workers?: number;
  /** The document the user is looking at: its pages go first. */
  priorityDocumentId?: number;
  /** Only these documents' pending pages (default: the whole queue). */
  documentIds?: readonly number[];
  /** Models: "vie" (default) or "vie+eng". */
  langs?: string;
  dpi?: number;
  /** Time limit per page (default 120 s). */
  pageTimeoutMs?: number;
  /** Where the models and tesseract's worker script are (the desktop app's resources). */
  paths?: OcrPathOptions;
}

// The run's progress goes to the job's subscribers as it is: the contract's shapes, not a copy.
export type OcrProgress = OcrProgressDto;
export type OcrPageOutcome = OcrPageEndDto;

export interface OcrRunReport {
  total: number;
  done: number;
  failed: number;
  /** Documents whose text was stored in this run. */
  completedDocuments: number[];
  cancelled: boolean;
  /** The run stopped (or never started a page) because the queue is paused. */
  paused: boolean;
  /** Pages still pending after the run (cancelled, paused, or queued meanwhile). */
  pendingLeft: number;
}

/**
 * Runs the OCR queue until no page is pending (or only those of `documentIds`), or the signal
 * fires: the pages in flight are abandoned and stay pending, every page finished stays finished,
 * so a second run goes on where this one stopped — after a cancel, a kill or a crash alike.
 */
export async function runOcrQueue(archive: Archive, opts: OcrRunOptions = {}): Promise<OcrRunReport> {
  const { signal, pause } = opts;
  const langs = parseOcrLanguages(opts.langs ?? 'vie');
  const langSpec = langs.join('+');
  const dpi = opts.dpi ?? DEFAULT_OCR_DPI;
  const only = opts.documentIds ? [...new Set(opts.documentIds)] : null;
  if (opts.priorityDocumentId !== undefined) {
    const id = opts.priorityDocumentId;
    archive.write((db) => prioritizeDocument(db, id));
  }
  const total = countPending(archive.db, only);
  const progress: Omit<OcrProgress, 'page'> = {
    total,
    done: 0,
    failed: 0,
    currentDocumentId: null,
    currentName: null,
    currentPage: null,
  };
  const emit = (page: OcrPageOutcome | null = null): void => opts.onProgress?.({ ...progress, page });
  const completed: number[] = [];
  emit();
  // Nothing to read, or paused before the first page: every page waits as it was.
  const untouched = (paused: boolean): OcrRunReport => ({
    total,
    done: 0,
    failed: 0,
    completedDocuments: [],
    cancelled: false,
    paused,
    pendingLeft: total,
  });
  if (total === 0) return untouched(false);
  const isPaused = (): boolean => (pause?.aborted ?? false) || ocrPaused(archive.db);
  if (isPaused()) return untouched(true);

  const pool = new OcrPool({
    langs: langSpec,
    paths: resolveOcrPaths(langs, opts.paths),
    ...(opts.workers !== undefined ? { size: opts.workers } : {}),
    ...(opts.pageTimeoutMs !== undefined ? { pageTimeoutMs: opts.pageTimeoutMs } : {}),
  });
  const inFlight = new Set<string>();
  let cancelled = false;
  let paused = false;
  // A page in flight is abandoned on a cancel and on a pause alike (it stays pending).
  const stops = [signal, pause].filter((s): s is AbortSignal => s !== undefined);
  const pageSignal = stops.length > 1 ? AbortSignal.any(stops) : stops[0];

  const finishPage = (p: PendingPage, outcome: Awaited<ReturnType<OcrPool['run']>>): void => {
    const documentCompleted = archive.write((db) => {
      if (outcome.ok) markPageDone(db, p.fileId, p.pageNo, outcome.result, langSpec);
      else markPageFailed(db, p.fileId, p.pageNo, outcome.error);
      if (!documentOcrFinished(db, p.documentId)) return false;
      // The last page of the document: its text is stored in this same transaction.
      return storeOcrText(db, p.documentId);
    });
    if (documentCompleted) completed.push(p.documentId);
    if (outcome.ok) progress.done++;
    else progress.failed++;
    const caveat = outcome.ok ? resultCaveat(outcome.result) : null;
    emit({
      documentId: p.documentId,
      name: p.name.normalize('NFC'),
      pageNo: p.pageNo,
      ok: outcome.ok,
      confidence: outcome.ok ? outcome.result.confidence : null,
      error: outcome.ok ? (caveat ? appError(caveat) : null) : outcome.error,
      review: outcome.ok && pageToReview('done', outcome.result.confidence, caveat),
      documentCompleted,
    });
  };

  const runner = async (): Promise<void> => {
    for (;;) {
      if (signal?.aborted) {
        cancelled = true;
        return;
      }
      if (isPaused()) {
        paused = true;
        return;
      }
      const p = nextPendingPage(archive.db, inFlight, only);
      if (!p) return;
      inFlight.add(pageKey(p));
      progress.currentDocumentId = p.documentId;
      progress.currentName = p.name.normalize('NFC');
      progress.currentPage = p.pageNo;
      emit();
      try {
        const outcome = await pool.run(
          {
            path: archive.files.pathOf(p.sha256),
            kind: isOcrImageType(p.mediaType) ? 'image' : 'pdf',
            page: p.pageNo,
            dpi,
          },
          pageSignal,
        );
        finishPage(p, outcome);
      } catch (e) {
        if (isCancellation(e)) {
          if (signal?.aborted || !pause?.aborted) cancelled = true;
          else paused = true;
          return;
        }
        throw e;
      } finally {
        inFlight.delete(pageKey(p));
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(pool.size, total) }, runner));
  } finally {
    await pool.close();
    progress.currentDocumentId = null;
    progress.currentName = null;
    progress.currentPage = null;
  }
  emit();
  const wasCancelled = cancelled || (signal?.aborted ?? false);
  return {
    total,
    done: progress.done,
    failed: progress.failed,
    completedDocuments: completed,
    cancelled: wasCancelled,
    paused: paused && !wasCancelled,
    pendingLeft: countPending(archive.db, only),
  };
}

/**
 * Stores a document's OCR text (inside the caller's transaction): its files' stored pages with the
 * recognised ones laid over them (withOcrText, the overlay applyExtractedText applies), through the
 * re-extraction path. False when the document is gone.
 */
export function storeOcrText(db: Db, documentId: number): boolean {
  const doc = getDocument(db, documentId);
  if (!doc) return false;
  const files = filesOf(db, documentId);
  const extracted: FileExtraction[] = files.map((file, i) => {
    const pages = filePageTexts(db, file.id);
    // The extraction's own outcome as stored; an earlier OCR failure is judged afresh.
    const ocrFailure = i === 0 && doc.textStatus === 'partial' && doc.textError?.code === 'OCR_FAILED';
    const hasText = pages.some((p) => p.trim() !== '');
    const base: ExtractionResult =
      i === 0 && !ocrFailure
        ? {
            status: doc.textStatus === 'pending' ? 'none' : doc.textStatus,
            pages,
            pageCount: doc.pageCount,
            encoding: file.text_encoding,
            error: doc.textError,
          }
        : {
            status: hasText ? 'ok' : 'none',
            pages,
            pageCount: i === 0 ? doc.pageCount : pages.length || null,
            encoding: file.text_encoding,
            error: null,
          };
    return { file, mediaType: file.media_type, result: base };
  });
  const name = files[0]?.original_name.normalize('NFC') ?? '';
  return applyExtractedText(db, documentId, name, extracted, withOcrText) !== null;
}
