// OCR in the app: the archive's queue of scanned pages drained by one recorded job at a time (a
// second start joins the running one), a document's OCR summary, and priority for the document on
// screen. The queue is the ocr_pages rows, so an interrupted job resumes by simply running again.
import type { HandlersOf } from '../../contract/api.js';
import type { OCR_API } from '../../contract/api/ocr-api.js';
import type { RequestContext } from '../../contract/request-context.js';
import { getDocument } from '../archive/documents-repo.js';
import { runOcrQueue } from '../ocr/ocr-queue.js';
import { countPending, countPendingDocuments, ocrSummary, prioritizeDocument } from '../ocr/ocr-store.js';
import { startRecordedJob } from './recorded-job-runner.js';
import { notFound, type AppSession } from './session.js';

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
  const requireDocument = (documentId: number): void => {
    if (!getDocument(s.db, documentId)) throw notFound(`document #${documentId}`);
  };
  return {
    ocrStart: ({ documentIds, langs }, ctx) => {
      documentIds?.forEach(requireDocument);
      return {
        jobId: startOcr(s, ctx, { ...(documentIds ? { documentIds } : {}), ...(langs ? { langs } : {}) }),
      };
    },
    ocrPending: () => ({ pages: countPending(s.db, null), documents: countPendingDocuments(s.db) }),
    ocrSummary: ({ documentId }) => {
      requireDocument(documentId);
      return ocrSummary(s.db, documentId);
    },
    ocrPrioritize: ({ documentId }) => {
      requireDocument(documentId);
      s.vankho.archive.write((db) => prioritizeDocument(db, documentId));
      return { ok: true as const };
    },
  };
}
