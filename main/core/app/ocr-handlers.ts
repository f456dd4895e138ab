// OCR in the app: the archive's queue of scanned pages drained by one recorded job at a time (a
// second start joins the running one), a document's OCR summary, and priority for the document on
// screen. The queue is the ocr_pages rows, so an interrupted job resumes by simply running again.
import type { HandlersOf } from '../../contract/api.js';
import { OCR_PAGE_WORDS_MAX, type OCR_API } from '../../contract/api/ocr-api.js';
import type { RequestContext } from '../../contract/request-context.js';
import { requireReadableDocument, requireReadableFile, scopeOf } from '../archive/access.js';
import { runOcrQueue } from '../ocr/ocr-queue.js';
import {
  countPending,
  countPendingDocuments,
  ocrPageOf,
  ocrSummary,
  prioritizeDocument,
} from '../ocr/ocr-store.js';
import { startRecordedJob } from './recorded-job-runner.js';
import type { AppSession } from './session.js';

export interface OcrParams {
  documentIds?: number[];
  langs?: string;
}

export function startOcr(s: AppSession, ctx: RequestContext, params: OcrParams, resumes?: string): string {
  const running = s.jobs.list().find((j) => j.kind === 'ocr' && j.state === 'running');
  if (running) return running.jobId;
  const jobId = startRecordedJob(
    s.jobs,
    s.vankho,
    { kind: 'ocr', params, ctx, ...(resumes ? { resumes } : {}) },
    async (job, vankho) => {
      const r = await runOcrQueue(vankho.archive, {
        signal: job.signal,
        ...(params.documentIds ? { documentIds: params.documentIds } : {}),
        ...(params.langs ? { langs: params.langs } : {}),
        ...(s.opts.ocrPaths ? { paths: s.opts.ocrPaths } : {}),
        onProgress: (p) =>
          job.progress({
            total: p.total,
            done: p.done,
            failed: p.failed,
            currentName: p.currentName,
            currentPage: p.currentPage,
          }),
      });
      return {
        result: {
          total: r.total,
          done: r.done,
          failed: r.failed,
          completedDocuments: r.completedDocuments,
          cancelled: r.cancelled,
          pendingLeft: r.pendingLeft,
        },
        cancelled: r.cancelled,
      };
    },
  );
  // Recognised text changes documents: save the search indexes and tell the UI, as after an import.
  s.afterImportJob(jobId, s.vankho, []);
  return jobId;
}

export function ocrHandlers(s: AppSession): HandlersOf<typeof OCR_API> {
  // A document the caller may not read is absent here too (its words, summary and queue place).
  const requireDocument = (documentId: number, ctx: RequestContext): void =>
    requireReadableDocument(s.db, scopeOf(ctx.actor), documentId);
  return {
    ocrStart: ({ documentIds, langs }, ctx) => {
      documentIds?.forEach((id) => requireDocument(id, ctx));
      return {
        jobId: startOcr(s, ctx, { ...(documentIds ? { documentIds } : {}), ...(langs ? { langs } : {}) }),
      };
    },
    ocrPending: () => ({ pages: countPending(s.db, null), documents: countPendingDocuments(s.db) }),
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
  };
}
