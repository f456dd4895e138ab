// All SQL of the ocr_pages table (migration 007): the durable OCR queue and the recognised pages.
// Functions taking `db` run inside the caller's transaction (archive.write) where they write.

import { appError, type AppError } from '../../contract/errors.js';
import { andReadableDocument, READ_ALL, type ReadScope } from '../archive/access.js';
import type { Db } from '../archive/archive.js';
import { filePageTexts } from '../archive/pages-repo.js';
import { prepared } from '../archive/prepared.js';
import type { ExtractionResult } from '../ingest/extract-file.js';
import type { OcrPageResult, OcrWord } from './ocr-engine.js';
import { pagesToOcr, type OcrReason } from './needs-ocr.js';

export type OcrPageState = 'pending' | 'done' | 'failed';

/**
 * Queues the pages of a just-imported original that need OCR (called in the import's transaction,
 * so a document is never filed without its queue rows). A file whose extraction failed (encrypted,
 * damaged) is not queued: it cannot be rasterised either. Returns the pages queued.
 */
export function enqueueImportedFile(
  db: Db,
  fileId: number,
  mediaType: string,
  extraction: Pick<ExtractionResult, 'status' | 'pages' | 'pageCount'>,
): number {
  if (extraction.status === 'failed') return 0;
  return insertPending(db, fileId, pagesToOcr(mediaType, extraction.pages, extraction.pageCount), false);
}

function insertPending(
  db: Db,
  fileId: number,
  pages: readonly { page: number; reason: OcrReason }[],
  rerun: boolean,
): number {
  const now = new Date().toISOString();
  const insert = prepared(
    db,
    `INSERT INTO ocr_pages (file_id, page_no, reason, state, updated_at) VALUES (?, ?, ?, 'pending', ?)
     ON CONFLICT (file_id, page_no) DO ${rerun ? "UPDATE SET state = 'pending', updated_at = excluded.updated_at" : 'NOTHING'}`,
  );
  let n = 0;
  for (const p of pages) n += insert.run(fileId, p.page, p.reason, now).changes;
  return n;
}

interface FileRow {
  id: number;
  media_type: string;
  role: string;
  page_count: number | null;
}

/**
 * Queues OCR for documents already in the archive (filed before OCR existed, or asked again):
 * every page that needs it and has no row yet; with `rerun`, pages already done or failed are
 * queued again too (a better model, another language). Returns the pages queued.
 */
export function enqueueDocuments(
  db: Db,
  documentIds: readonly number[],
  opts: { rerun?: boolean } = {},
): number {
  const files = db.prepare<[number], FileRow>(
    `SELECT f.id, f.media_type, f.role, d.page_count FROM files f JOIN documents d ON d.id = f.document_id
     WHERE f.document_id = ? AND d.text_status <> 'failed'`,
  );
  const existing = db.prepare<[number], { page_no: number; reason: OcrReason }>(
    'SELECT page_no, reason FROM ocr_pages WHERE file_id = ?',
  );
  let n = 0;
  for (const id of documentIds) {
    for (const f of files.all(id)) {
      const had = existing.all(f.id);
      // Pages OCR already filled read as text now: the rows say which pages were scans.
      const known = new Set(had.map((r) => r.page_no));
      const stored = filePageTexts(db, f.id);
      const count = f.role === 'main' ? f.page_count : stored.length;
      const fresh = pagesToOcr(f.media_type, stored, count).filter((p) => !known.has(p.page));
      n += insertPending(db, f.id, fresh, false);
      if (opts.rerun)
        n += insertPending(
          db,
          f.id,
          had.map((r) => ({ page: r.page_no, reason: r.reason })),
          true,
        );
    }
    if (!opts.rerun) n += requeueFailedPages(db, [id]);
  }
  return n;
}

/**
 * "Thử lại / Retry": the documents' failed pages wait again (their error cleared), so the next OCR
 * run reads them; a page that fails again is marked failed again. Returns the pages requeued.
 */
export function requeueFailedPages(db: Db, documentIds: readonly number[]): number {
  const requeue = db.prepare(
    `UPDATE ocr_pages SET state = 'pending', error_code = NULL, error_detail = NULL, updated_at = ?
     WHERE state = 'failed' AND file_id IN (SELECT id FROM files WHERE document_id = ?)`,
  );
  const now = new Date().toISOString();
  let n = 0;
  for (const id of documentIds) n += requeue.run(now, id).changes;
  return n;
}

/** Documents with a page that needs OCR and no queue row (filed before OCR existed). */
export function documentsNeedingOcr(db: Db): number[] {
  return db
    .prepare<[], number>(
      `SELECT d.id FROM documents d WHERE d.text_status IN ('none', 'ok', 'partial')
       AND EXISTS (SELECT 1 FROM files f WHERE f.document_id = d.id
                   AND (f.media_type = 'application/pdf' OR f.media_type LIKE 'image/%'))
       ORDER BY d.id`,
    )
    .pluck()
    .all();
}

/** One queued page, with what the worker needs to find it. */
export interface PendingPage {
  fileId: number;
  pageNo: number;
  documentId: number;
  sha256: string;
  mediaType: string;
  name: string;
}

export const pageKey = (p: { fileId: number; pageNo: number }): string => `${p.fileId}:${p.pageNo}`;

/**
 * The next pending page: highest priority first, then in document and page order, skipping the
 * pages in flight; restricted to some documents when given. Read fresh each time, so a priority
 * set while the queue runs (the document the user opened) applies to the next page.
 */
export function nextPendingPage(
  db: Db,
  inFlight: ReadonlySet<string>,
  documentIds: readonly number[] | null,
): PendingPage | null {
  const only = documentIds ? `AND f.document_id IN (${documentIds.map(() => '?').join(',') || 'NULL'})` : '';
  const rows = db
    .prepare<
      number[],
      { fileId: number; pageNo: number; documentId: number; sha256: string; mediaType: string; name: string }
    >(
      `SELECT o.file_id AS fileId, o.page_no AS pageNo, f.document_id AS documentId, f.sha256,
              f.media_type AS mediaType, f.original_name AS name
       FROM ocr_pages o JOIN files f ON f.id = o.file_id
       WHERE o.state = 'pending' ${only}
       ORDER BY o.priority DESC, f.document_id, o.file_id, o.page_no LIMIT ?`,
    )
    .all(...(documentIds ?? []), inFlight.size + 1);
  return rows.find((r) => !inFlight.has(pageKey(r))) ?? null;
}

/** Pending pages of these documents (null: all), of the documents `scope` may read. */
export function countPending(
  db: Db,
  documentIds: readonly number[] | null,
  scope: ReadScope = READ_ALL,
): number {
  const only = documentIds ? `AND f.document_id IN (${documentIds.map(() => '?').join(',') || 'NULL'})` : '';
  return db
    .prepare<number[], number>(
      `SELECT count(*) FROM ocr_pages o JOIN files f ON f.id = o.file_id ${pendingOf(scope)} ${only}`,
    )
    .pluck()
    .get(...(documentIds ?? []))!;
}

/** Pending OCR rows (o, f) of documents `scope` may read, as FROM-joins and a WHERE. */
function pendingOf(scope: ReadScope): string {
  return scope.all
    ? "WHERE o.state = 'pending'"
    : `JOIN documents d ON d.id = f.document_id WHERE o.state = 'pending'${andReadableDocument(scope, 'd')}`;
}

/** The documents with pages waiting for OCR, of those `scope` may read. */
export function pendingDocumentIds(db: Db, scope: ReadScope = READ_ALL): number[] {
  return db
    .prepare<[], number>(
      `SELECT DISTINCT f.document_id FROM ocr_pages o JOIN files f ON f.id = o.file_id ${pendingOf(scope)}
       ORDER BY f.document_id`,
    )
    .pluck()
    .all();
}

/** The document on screen goes first: its pages get a priority above every other. */
export function prioritizeDocument(db: Db, documentId: number): void {
  db.prepare(
    `UPDATE ocr_pages SET priority = (SELECT coalesce(max(priority), 0) + 1 FROM ocr_pages)
     WHERE state = 'pending' AND file_id IN (SELECT id FROM files WHERE document_id = ?)`,
  ).run(documentId);
}

/**
 * A page read with a caveat keeps it in error_code (a done page has no error of its own): the code
 * of why it is to review beyond its confidence, shown with the review mark (ocrSummary). The codes a
 * done page may carry, and so a bundle (bundle-manifest.ts ocrPagesFileSchema).
 */
export const OCR_PAGE_CAVEATS = ['OCR_ORIENTATION_UNSURE'] as const satisfies readonly AppError['code'][];
export type OcrPageCaveat = (typeof OCR_PAGE_CAVEATS)[number];
const CAVEAT_ORIENTATION: OcrPageCaveat = 'OCR_ORIENTATION_UNSURE';
const caveatOf = (code: string | null): OcrPageCaveat | null =>
  OCR_PAGE_CAVEATS.find((c) => c === code) ?? null;

/** The caveat a page read carries (stored with it, shown with its progress line), or null. */
export function resultCaveat(r: OcrPageResult): OcrPageCaveat | null {
  return r.orientationUnsure ? CAVEAT_ORIENTATION : null;
}

export function markPageDone(db: Db, fileId: number, pageNo: number, r: OcrPageResult, langs: string): void {
  db.prepare(
    `UPDATE ocr_pages SET state = 'done', text = ?, words_json = ?, confidence = ?, langs = ?,
       error_code = ?, error_detail = NULL, updated_at = ?
     WHERE file_id = ? AND page_no = ?`,
  ).run(
    r.text,
    JSON.stringify(r.words),
    r.confidence,
    langs,
    resultCaveat(r),
    new Date().toISOString(),
    fileId,
    pageNo,
  );
}

/** A recognised page as a bundle carries it (export-bundle.ts, import-bundle.ts). */
export interface OcrPageCarried {
  pageNo: number;
  reason: OcrReason;
  text: string;
  words: OcrWord[];
  confidence: number | null;
  langs: string | null;
  /** Why to review the page beyond its confidence; absent when none (and in older bundles). */
  caveat?: OcrPageCaveat;
}

/** The file's recognised pages, in order (its pending and failed pages are not worth carrying). */
export function donePagesOf(db: Db, fileId: number): OcrPageCarried[] {
  return db
    .prepare<
      [number],
      {
        page_no: number;
        reason: OcrReason;
        text: string | null;
        words_json: string | null;
        confidence: number | null;
        langs: string | null;
        error_code: string | null;
      }
    >(
      `SELECT page_no, reason, text, words_json, confidence, langs, error_code FROM ocr_pages
       WHERE file_id = ? AND state = 'done' ORDER BY page_no`,
    )
    .all(fileId)
    .map((r) => {
      const caveat = caveatOf(r.error_code);
      return {
        pageNo: r.page_no,
        reason: r.reason,
        text: r.text ?? '',
        words: r.words_json ? (JSON.parse(r.words_json) as OcrWord[]) : [],
        confidence: r.confidence,
        langs: r.langs,
        // Written only when there is one: a bundle without caveats reads as before.
        ...(caveat ? { caveat } : {}),
      };
    });
}

/** The TIFF originals that have pages read by OCR (tiff-upright.ts). */
export function tiffFilesWithDonePages(db: Db): { fileId: number; documentId: number; sha256: string }[] {
  return db
    .prepare<[], { fileId: number; documentId: number; sha256: string }>(
      `SELECT DISTINCT f.id AS fileId, f.document_id AS documentId, f.sha256 FROM ocr_pages o
       JOIN files f ON f.id = o.file_id WHERE f.media_type = 'image/tiff' AND o.state = 'done' ORDER BY f.id`,
    )
    .all();
}

/** Replaces a done page's word boxes (the same words, laid on another frame of the page). */
export function replaceDonePageWords(
  db: Db,
  fileId: number,
  pageNo: number,
  words: readonly OcrWord[],
): void {
  db.prepare(`UPDATE ocr_pages SET words_json = ? WHERE file_id = ? AND page_no = ? AND state = 'done'`).run(
    JSON.stringify(words),
    fileId,
    pageNo,
  );
}

export function countDonePages(db: Db, fileId: number): number {
  return db
    .prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM ocr_pages WHERE file_id = ? AND state = 'done'`,
    )
    .get(fileId)!.n;
}

/** Files a file's recognised pages as brought by a bundle (read already: nothing is queued). */
export function insertDonePages(db: Db, fileId: number, pages: readonly OcrPageCarried[]): void {
  const insert = db.prepare(
    `INSERT INTO ocr_pages (file_id, page_no, reason, state, text, words_json, confidence, langs, error_code,
       updated_at)
     VALUES (?, ?, ?, 'done', ?, ?, ?, ?, ?, ?)
     ON CONFLICT (file_id, page_no) DO NOTHING`,
  );
  const now = new Date().toISOString();
  for (const p of pages)
    insert.run(
      fileId,
      p.pageNo,
      p.reason,
      p.text,
      JSON.stringify(p.words),
      p.confidence,
      p.langs,
      p.caveat ?? null,
      now,
    );
}

/** The OCR part of a bundle import's unit of work (core/archive/bundle-stores.ts), over its connection. */
export interface CarriedOcrTx {
  insertDonePages(fileId: number, pages: readonly OcrPageCarried[]): void;
}

export function carriedOcrTx(db: Db): CarriedOcrTx {
  return { insertDonePages: (fileId, pages) => insertDonePages(db, fileId, pages) };
}

export function markPageFailed(db: Db, fileId: number, pageNo: number, error: AppError): void {
  db.prepare(
    `UPDATE ocr_pages SET state = 'failed', error_code = ?, error_detail = ?, updated_at = ?
     WHERE file_id = ? AND page_no = ?`,
  ).run(error.code, error.detail ?? null, new Date().toISOString(), fileId, pageNo);
}

/** True when the document has OCR rows and none of them is pending any more. */
export function documentOcrFinished(db: Db, documentId: number): boolean {
  const r = db
    .prepare<[number], { total: number; pending: number }>(
      `SELECT count(*) AS total, coalesce(sum(o.state = 'pending'), 0) AS pending
       FROM ocr_pages o JOIN files f ON f.id = o.file_id WHERE f.document_id = ?`,
    )
    .get(documentId)!;
  return r.total > 0 && r.pending === 0;
}

/**
 * An extraction of the file with its recognised pages laid over it: a done page's text replaces
 * the extracted one (which had none, or mojibake); the page count grows to cover them. A file
 * whose text comes from OCR only becomes 'ok', or 'partial' (OCR_FAILED) when some pages failed.
 */
export function withOcrText(db: Db, fileId: number, result: ExtractionResult): ExtractionResult {
  const rows = db
    .prepare<[number], { page_no: number; state: OcrPageState; text: string | null }>(
      'SELECT page_no, state, text FROM ocr_pages WHERE file_id = ? ORDER BY page_no',
    )
    .all(fileId);
  const done = rows.filter((r) => r.state === 'done');
  if (done.length === 0 || result.status === 'failed') return result;
  const n = Math.max(result.pages.length, result.pageCount ?? 0, ...done.map((r) => r.page_no));
  const pages = Array.from({ length: n }, (_, i) => result.pages[i] ?? '');
  for (const r of done) pages[r.page_no - 1] = r.text ?? '';
  const failed = rows.filter((r) => r.state === 'failed').length;
  const hasText = pages.some((p) => p.trim() !== '');
  let { status, error } = result;
  if (hasText && status === 'none') {
    status = 'ok';
    error = null;
  }
  if (failed > 0 && status === 'ok') {
    status = 'partial';
    error = appError('OCR_FAILED', `${failed} page(s)`);
  }
  return { ...result, status, error, pages, pageCount: result.pageCount ?? (pages.length || null) };
}

/** What a viewer shows of one file's OCR: per page its state, confidence and word boxes. */
export interface OcrPageView {
  pageNo: number;
  state: OcrPageState;
  reason: OcrReason;
  confidence: number | null;
  words: OcrWord[];
  error: AppError | null;
}

interface OcrViewRow {
  page_no: number;
  state: OcrPageState;
  reason: OcrReason;
  confidence: number | null;
  words_json: string | null;
  error_code: string | null;
  error_detail: string | null;
}

const VIEW_COLUMNS = 'page_no, state, reason, confidence, words_json, error_code, error_detail';

function viewOf(r: OcrViewRow): OcrPageView {
  return {
    pageNo: r.page_no,
    state: r.state,
    reason: r.reason,
    confidence: r.confidence,
    words: r.words_json ? (JSON.parse(r.words_json) as OcrWord[]) : [],
    error: r.error_code ? errorOf(r.error_code, r.error_detail) : null,
  };
}

export function ocrPagesOf(db: Db, fileId: number): OcrPageView[] {
  return db
    .prepare<[number], OcrViewRow>(`SELECT ${VIEW_COLUMNS} FROM ocr_pages WHERE file_id = ? ORDER BY page_no`)
    .all(fileId)
    .map(viewOf);
}

/** One page's OCR (null when the page was never queued): the scan viewer's text layer. */
export function ocrPageOf(db: Db, fileId: number, pageNo: number): OcrPageView | null {
  const r = db
    .prepare<[number, number], OcrViewRow>(
      `SELECT ${VIEW_COLUMNS} FROM ocr_pages WHERE file_id = ? AND page_no = ?`,
    )
    .get(fileId, pageNo);
  return r ? viewOf(r) : null;
}

function errorOf(code: string, detail: string | null): AppError {
  try {
    return appError(code as AppError['code'], detail ?? undefined);
  } catch {
    return appError('OCR_FAILED', detail ?? undefined);
  }
}

/** A document's OCR in numbers: for its screen ("chờ OCR", pages OCR'd, mean confidence). */
export interface OcrSummary {
  pending: number;
  done: number;
  failed: number;
  /** Mean confidence of the done pages (0..100), null when none. */
  meanConfidence: number | null;
  /** Done pages below LOW_CONFIDENCE, or read with a caveat (orientation unsure): to review. */
  lowConfidencePages: number[];
  /** Every OCR row of the document's files, in file then page order: which pages are OCR text. */
  pages: {
    fileId: number;
    pageNo: number;
    state: OcrPageState;
    confidence: number | null;
    low: boolean;
    /** A failed page's error; a done page's caveat (OCR_ORIENTATION_UNSURE), else null. */
    error: AppError | null;
  }[];
}

/** Pages recognised with a mean confidence below this are marked for review. */
export const LOW_CONFIDENCE = 70;

/**
 * The one rule for a page to review: read, and below LOW_CONFIDENCE or with a caveat (its
 * orientation unsure). ocrSummary marks stored pages by it, the queue each page as it ends.
 */
export function pageToReview(state: OcrPageState, confidence: number | null, caveat: string | null): boolean {
  return state === 'done' && ((confidence ?? 0) < LOW_CONFIDENCE || caveatOf(caveat) !== null);
}

export function ocrSummary(db: Db, documentId: number): OcrSummary {
  const rows = db
    .prepare<
      [number],
      {
        file_id: number;
        page_no: number;
        state: OcrPageState;
        confidence: number | null;
        error_code: string | null;
        error_detail: string | null;
      }
    >(
      `SELECT o.file_id, o.page_no, o.state, o.confidence, o.error_code, o.error_detail
       FROM ocr_pages o JOIN files f ON f.id = o.file_id
       WHERE f.document_id = ? ORDER BY f.position, o.page_no`,
    )
    .all(documentId);
  const low = (r: { state: OcrPageState; confidence: number | null; error_code: string | null }): boolean =>
    pageToReview(r.state, r.confidence, r.error_code);
  const done = rows.filter((r) => r.state === 'done');
  return {
    pending: rows.filter((r) => r.state === 'pending').length,
    done: done.length,
    failed: rows.filter((r) => r.state === 'failed').length,
    meanConfidence:
      done.length === 0 ? null : Math.round(done.reduce((n, r) => n + (r.confidence ?? 0), 0) / done.length),
    lowConfidencePages: done.filter(low).map((r) => r.page_no),
    pages: rows.map((r) => ({
      fileId: r.file_id,
      pageNo: r.page_no,
      state: r.state,
      confidence: r.confidence === null ? null : Math.round(r.confidence),
      low: low(r),
      error: r.state !== 'pending' && r.error_code ? errorOf(r.error_code, r.error_detail) : null,
    })),
  };
}

/** Documents with at least one page waiting (the archive screen's "N văn bản chờ OCR"). */
export function countPendingDocuments(db: Db, scope: ReadScope = READ_ALL): number {
  return db
    .prepare<[], number>(
      `SELECT count(DISTINCT f.document_id) FROM ocr_pages o JOIN files f ON f.id = o.file_id ${pendingOf(scope)}`,
    )
    .pluck()
    .get()!;
}
