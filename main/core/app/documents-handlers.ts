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
import { reextractDocuments } from '../ingest/reextract.js';
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
    documentUpdate: ({ documentId, fields }) => {
      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<
        string,
        string | null
      >;
      if (Object.keys(patch).length === 0) return documentGet({ documentId });
      return updateDocumentMetadata(s.vankho.archive, documentId, patch);
    },
    documentConfirm: ({ documentId, fields }) => confirmDocumentFields(s.vankho.archive, documentId, fields),
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
    documentsBulkUpdate: ({ documentIds, change }) => applyBulkChange(s.vankho.archive, documentIds, change),
    bulkLast: () => lastBulkChange(s.db),
    bulkUndo: () => undoLastBulkChange(s.vankho.archive),
    reextractStart: ({ documentIds }) => {
      const vankho = s.vankho;
      const jobId = s.jobs.start('reextract', async (ctx) => {
        const report = await reextractDocuments(vankho.archive, documentIds ?? 'all', {
          signal: ctx.signal,
          onProgress: (p) =>
            ctx.progress({
              total: p.total,
              done: p.done,
              changed: p.changed,
              unchanged: p.unchanged,
              failed: p.failed,
              currentName: p.currentName,
            }),
        });
        return { result: reextractResultDto(report), cancelled: report.cancelled };
      });
      s.afterImportJob(jobId, vankho, []);
      return { jobId };
    },
    reextractCancel: ({ jobId }) => ({ cancelled: s.jobs.cancel(jobId, 'reextract') }),
  };
}
