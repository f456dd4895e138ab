// Documents: metadata edits and confirmations, the trash, relations, stored files and their text,
// the review queue, bulk changes with undo, and re-extraction from the originals.
import { renameSync, rmSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { HandlersOf } from '../../contract/api.js';
import type { DOCUMENTS_API } from '../../contract/api/documents-api.js';
import { applyBulkChange, lastBulkChange, undoLastBulkChange } from '../archive/bulk-edit.js';
import {
  confirmDocumentFields,
  countReviewQueue,
  getDocument,
  getFile,
  getFilePages,
  listDocuments,
  listFiles,
  nextInReviewQueue,
  updateDocumentMetadata,
} from '../archive/documents-repo.js';
import { emptyTrash, listTrash, restoreFromTrash, trashDocuments } from '../archive/trash.js';
import { listDocumentRelations } from '../ingest/document-relations.js';
import { reextractDocuments, selectDocuments } from '../ingest/reextract.js';
import { finishedJobItems } from '../archive/jobs-store.js';
import type { RequestContext } from '../../contract/request-context.js';
import { startRecordedJob } from './recorded-job-runner.js';
import { reextractResultDto, reviewItemDto } from './dto-mappers.js';
import { notFound, type AppSession } from './session.js';

export function documentsHandlers(s: AppSession): HandlersOf<typeof DOCUMENTS_API> {
  const documentGet = ({ documentId }: { documentId: number }) => {
    const d = getDocument(s.db, documentId);
    if (!d) throw notFound(`document #${documentId}`);
    return d;
  };
  const requireDocument = (documentId: number): void => void documentGet({ documentId });
  return {
    documentGet,
    documentUpdate: ({ documentId, fields }, ctx) => {
      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<
        string,
        string | null
      >;
      if (Object.keys(patch).length === 0) return documentGet({ documentId });
      return updateDocumentMetadata(s.vankho.archive, documentId, patch, ctx.actor.id);
    },
    documentConfirm: ({ documentId, fields }, ctx) =>
      confirmDocumentFields(s.vankho.archive, documentId, fields, ctx.actor.id),
    documentDelete: ({ documentId }) => {
      const [entry] = trashDocuments(s.vankho.archive, [documentId]);
      return { deleted: true as const, trashId: entry!.id };
    },
    trashList: () => listTrash(s.db),
    trashRestore: ({ trashIds }) => ({ documentIds: restoreFromTrash(s.vankho.archive, trashIds) }),
    trashEmpty: ({ trashIds }) => emptyTrash(s.vankho.archive, trashIds),
    documentRelations: ({ documentId }) => {
      requireDocument(documentId);
      return listDocumentRelations(s.db, documentId);
    },
    filePages: ({ fileId }) => {
      if (!getFile(s.db, fileId)) throw notFound(`file #${fileId}`);
      return getFilePages(s.db, fileId);
    },
    fileSaveAs: async ({ fileId }) => {
      const dialogs = s.dialogs;
      const ref = s.storedFile(fileId);
      const target = await dialogs.pickSaveCopyPath(ref.name);
      if (!target) return null;
      // Copy to a temporary name beside the target, then rename: never a half-written file under its name.
      const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
      try {
        await copyFile(ref.path, tmp);
        renameSync(tmp, target);
      } finally {
        rmSync(tmp, { force: true });
      }
      return target;
    },
    filesList: ({ documentId }) => {
      requireDocument(documentId);
      return listFiles(s.db, documentId);
    },
    reviewQueue: ({ limit, offset }) => {
      const page = listDocuments(s.db, { toReview: true, order: 'created_desc', limit, offset });
      return { total: page.total, offset: page.offset, items: page.items.map(reviewItemDto) };
    },
    reviewNext: ({ afterId }) => ({
      documentId: nextInReviewQueue(s.db, afterId),
      remaining: countReviewQueue(s.db, afterId),
    }),
    documentsBulkUpdate: ({ documentIds, change }, ctx) =>
      applyBulkChange(s.vankho.archive, documentIds, change, ctx.actor.id),
    bulkLast: () => lastBulkChange(s.db),
    bulkUndo: () => undoLastBulkChange(s.vankho.archive),
    reextractStart: ({ documentIds, timeoutSeconds }, ctx) => ({
      jobId: startReextract(s, ctx, {
        documentIds: documentIds ?? 'all',
        ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
      }),
    }),
    reextractCancel: ({ jobId }) => ({ cancelled: s.jobs.cancel(jobId, 'reextract') }),
  };
}

/** What a re-extraction job is asked (kept in its row, so a resume can do the same). */
export interface ReextractParams {
  documentIds: number[] | 'all';
  timeoutSeconds?: number;
}

/**
 * Starts a recorded re-extraction; resuming an interrupted one re-extracts only the documents it had
 * not finished (and that still exist), counted from the original selection.
 */
export function startReextract(
  s: AppSession,
  ctx: RequestContext,
  params: ReextractParams,
  resumes?: string,
): string {
  // Unknown ids are refused now, not as a failed job later.
  let ids: number[] | 'all' =
    params.documentIds === 'all' ? 'all' : selectDocuments(s.db, params.documentIds);
  if (resumes) {
    const finished = finishedJobItems(s.db, resumes);
    const chosen = params.documentIds === 'all' ? selectDocuments(s.db, 'all') : params.documentIds;
    const existing = new Set(selectDocuments(s.db, 'all'));
    ids = chosen.filter((id) => existing.has(id) && !finished.has(id));
  }
  const jobId = startRecordedJob(
    s.jobs,
    s.vankho,
    { kind: 'reextract', params, ctx, ...(resumes ? { resumes } : {}) },
    async (job, vankho) => {
      const report = await reextractDocuments(vankho.archive, ids, {
        signal: job.signal,
        ...(params.timeoutSeconds ? { extractionTimeoutMs: Math.round(params.timeoutSeconds * 1000) } : {}),
        onDocumentDone: (id) => job.itemDone(id),
        onProgress: (p) =>
          job.progress({
            total: p.total,
            done: p.done,
            changed: p.changed,
            unchanged: p.unchanged,
            failed: p.failed,
            currentName: p.currentName,
          }),
      });
      return { result: reextractResultDto(report), cancelled: report.cancelled };
    },
  );
  s.afterImportJob(jobId, s.vankho, []);
  return jobId;
}
