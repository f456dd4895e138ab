// OCR in the app: the archive's queue of scanned pages drained by one recorded job at a time (a
// second start joins the running one), a document's OCR summary, and priority for the document on
// screen. The queue is the ocr_pages rows, so an interrupted job resumes by simply running again.
import type { HandlersOf } from '../../contract/api.js';
import { OCR_PAGE_WORDS_MAX, type OCR_API } from '../../contract/api/ocr-api.js';
import { appError } from '../../contract/errors.js';
import type { RequestContext } from '../../contract/request-context.js';
import { readableOnly, requireReadableDocument, requireReadableFile, scopeOf } from '../archive/access.js';
import { writeBooleanSetting } from '../archive/archive-settings.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { ocrPaused } from '../ocr/ocr-queue.js';
import {
  countPending,
  countPendingDocuments,
  documentsNeedingOcr,
  enqueueDocuments,
  ocrPageOf,
  ocrSummary,
  prioritizeDocument,
  requeueFailedPages,
} from '../ocr/ocr-store.js';
import type { AppSession } from './session.js';

export function ocrHandlers(s: AppSession): HandlersOf<typeof OCR_API> {
  // A document the caller may not read is absent here too (its words, summary and queue place).
  const requireDocument = (documentId: number, ctx: RequestContext): void =>
    requireReadableDocument(s.db, scopeOf(ctx.actor), documentId);
  return {
    ocrStart: ({ documentIds, langs, again, all, dpi, workers, timeoutSeconds }, ctx) => {
      documentIds?.forEach((id) => requireDocument(id, ctx));
      if (again || all) {
        // Nothing is queued while the queue is paused, as nothing is read.
        if (ocrPaused(s.db)) throw new VanKhoError(appError('OCR_PAUSED'));
        const scope = scopeOf(ctx.actor);
        s.vankho.archive.write((db) =>
          documentIds
            ? enqueueDocuments(db, documentIds, { rerun: true })
            : enqueueDocuments(
                db,
                readableOnly(db, scope, documentsNeedingOcr(db), (id) => id),
              ),
        );
      }
      return {
        jobId: s.startOcr(ctx, {
          ...(documentIds ? { documentIds } : {}),
          ...(langs ? { langs } : {}),
          ...(dpi !== undefined ? { dpi } : {}),
          ...(workers !== undefined ? { workers } : {}),
          ...(timeoutSeconds !== undefined ? { pageTimeoutMs: Math.round(timeoutSeconds * 1000) } : {}),
        }),
      };
    },
    ocrPending: (_input, ctx) => {
      const scope = scopeOf(ctx.actor);
      return {
        pages: countPending(s.db, null, scope),
        documents: countPendingDocuments(s.db, scope),
        paused: ocrPaused(s.db),
      };
    },
    ocrPause: () => ({ paused: true as const, stopped: s.pauseOcr() }),
    ocrResume: (_input, ctx) => ({ paused: false as const, jobId: s.resumeOcr(ctx) }),
    ocrSummary: ({ documentId }, ctx) => {
      requireDocument(documentId, ctx);
      return ocrSummary(s.db, documentId);
    },
    ocrPageWords: ({ fileId, page }, ctx) => {
      requireReadableFile(s.db, scopeOf(ctx.actor), fileId);
      const v = ocrPageOf(s.db, fileId, page);
      const words = v?.state === 'done' ? v.words : [];
      return {
        fileId,
        pageNo: page,
        state: v?.state ?? 'none',
        confidence: v?.state === 'done' ? v.confidence : null,
        words: words.slice(0, OCR_PAGE_WORDS_MAX),
        truncated: words.length > OCR_PAGE_WORDS_MAX,
      };
    },
    ocrPrioritize: ({ documentId }, ctx) => {
      requireDocument(documentId, ctx);
      s.vankho.archive.write((db) => prioritizeDocument(db, documentId));
      return { ok: true as const };
    },
    ocrRetry: ({ documentId }, ctx) => {
      requireDocument(documentId, ctx);
      const requeued = s.vankho.archive.write((db) => {
        const n = requeueFailedPages(db, [documentId]);
        prioritizeDocument(db, documentId);
        return n;
      });
      // Nothing failed (already retried from another window), or the queue is paused: no job to start.
      if (requeued === 0 || ocrPaused(s.db)) return { requeued, jobId: null };
      // As "Nhận dạng chữ ngay": this document only, or the running job (this document next in it).
      return { requeued, jobId: s.startOcr(ctx, { documentIds: [documentId] }) };
    },
    ocrSettings: () => s.ocrSettings(),
    ocrSettingsSet: ({ autoOcr }) => {
      s.vankho.archive.write((db) => writeBooleanSetting(db, 'auto_ocr', autoOcr));
      return s.ocrSettings();
    },
  };
}
