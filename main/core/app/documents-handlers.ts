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
  listDocuments,
  listFiles,
  nextInReviewQueue,
  setDocumentValidity,
  updateDocumentMetadata,
} from '../archive/documents-repo.js';
import { getFilePages } from '../archive/pages-repo.js';
import { requireDocumentVersion, withVersion } from '../archive/document-version.js';
import {
  emptyTrash,
  listTrash,
  requireReadableTrash,
  restoreFromTrash,
  trashDocuments,
} from '../archive/trash.js';
import { identityTwinRefs, keepIdentityTwinsApart } from '../archive/identity-twins.js';
import { mergeIdentityTwin } from '../archive/identity-merge.js';
import { listDocumentRelations } from '../archive/document-relations.js';
import { selectDocuments } from '../archive/document-text.js';
import { reextractDocuments } from '../ingest/reextract.js';
import { finishedJobItems } from '../archive/jobs-store.js';
import type { RequestContext } from '../../contract/request-context.js';
import { mayCall } from '../../contract/permissions.js';
import { countPending, prioritizeDocument } from '../ocr/ocr-store.js';
import { startRecordedJob } from './recorded-job-runner.js';
import { reextractResultDto, reviewItemDto } from './dto-mappers.js';
import { notFound, type AppSession } from './session.js';
import {
  hiddenDocumentIds,
  readableOnly,
  requireReadableDocument,
  requireReadableFile,
  scopeOf,
  type ReadScope,
} from '../archive/access.js';
import type { Db } from '../archive/archive.js';
import type { DocumentDetail, DocumentRef, DocumentRelations, RelationDto } from '../../contract/dto.js';

export function documentsHandlers(s: AppSession): HandlersOf<typeof DOCUMENTS_API> {
  // Every path below answers NOT_FOUND for a document the caller may not read (see core/archive/access).
  // A document as the caller may see it: with its version, and the documents its validity names
  // filtered to what the caller may read (the status stays: it is a fact about this document). Every
  // answer carrying a DocumentDetail goes through here, reads and saves alike.
  const present = (found: DocumentDetail, ctx: RequestContext): DocumentDetail => {
    const scope = scopeOf(ctx.actor);
    const d = { ...withVersion(found), identityTwins: identityTwinRefs(s.db, scope, found.id) };
    if (scope.all) return d;
    const refs = (list: DocumentRef[]) => readableOnly(s.db, scope, list, (r) => r.id);
    const v = d.validity;
    return {
      ...d,
      validity: {
        ...v,
        replacedBy: refs(v.replacedBy),
        repealedBy: refs(v.repealedBy),
        amendedBy: refs(v.amendedBy),
      },
    };
  };
  const documentGet = ({ documentId }: { documentId: number }, ctx: RequestContext) => {
    requireReadableDocument(s.db, scopeOf(ctx.actor), documentId);
    const found = getDocument(s.db, documentId);
    if (!found) throw notFound(`document #${documentId}`);
    return present(found, ctx);
  };
  const requireDocument = (documentId: number, ctx: RequestContext): void =>
    requireReadableDocument(s.db, scopeOf(ctx.actor), documentId);
  return {
    documentsList: ({ limit, offset, order, tag, toReview, missing }, ctx) =>
      listDocuments(s.db, {
        limit,
        offset,
        order,
        scope: scopeOf(ctx.actor),
        ...(tag !== undefined ? { tag } : {}),
        ...(toReview ? { toReview } : {}),
        ...(missing ? { missing } : {}),
      }),
    documentGet: ({ documentId, onScreen }, ctx) => {
      const found = documentGet({ documentId }, ctx);
      // The document the user is looking at is read next by the OCR queue (a run going picks its
      // next page fresh), with the permission "Nhận dạng chữ ngay" needs; nothing written otherwise.
      if (onScreen && mayCall(ctx.actor.role, 'ocrPrioritize') && countPending(s.db, [documentId]) > 0)
        s.vankho.archive.write((db) => prioritizeDocument(db, documentId));
      return found;
    },
    // A save checks the version it was made from and writes in the same synchronous call (one writer):
    // nobody's change can land between the check and the write.
    documentUpdate: ({ documentId, fields, expectedVersion }, ctx) => {
      requireDocument(documentId, ctx);
      requireDocumentVersion(s.db, documentId, expectedVersion);
      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<
        string,
        string | null
      >;
      if (Object.keys(patch).length === 0) return documentGet({ documentId }, ctx);
      return present(updateDocumentMetadata(s.vankho.archive, documentId, patch, ctx.actor.id), ctx);
    },
    documentConfirm: ({ documentId, fields, rules, expectedVersion }, ctx) => {
      requireDocument(documentId, ctx);
      requireDocumentVersion(s.db, documentId, expectedVersion);
      return present(
        confirmDocumentFields(s.vankho.archive, documentId, fields, ctx.actor.id, rules === true),
        ctx,
      );
    },
    documentDelete: ({ documentId }, ctx) => {
      requireDocument(documentId, ctx);
      const [entry] = trashDocuments(s.vankho.archive, [documentId]);
      return { deleted: true as const, trashId: entry!.id };
    },
    documentsDelete: ({ documentIds }, ctx) => {
      for (const documentId of documentIds) requireDocument(documentId, ctx);
      return trashDocuments(s.vankho.archive, documentIds);
    },
    documentMergeInto: ({ sourceId, targetId }, ctx) => {
      const entry = mergeIdentityTwin(s.vankho.archive, scopeOf(ctx.actor), sourceId, targetId);
      return { target: documentGet({ documentId: targetId }, ctx), trashId: entry.id };
    },
    documentKeepApart: ({ id, otherId }, ctx) => {
      keepIdentityTwinsApart(s.vankho.archive, scopeOf(ctx.actor), id, otherId, ctx.actor.id);
      return documentGet({ documentId: id }, ctx);
    },
    trashList: (_input, ctx) => listTrash(s.db, scopeOf(ctx.actor)),
    trashRestore: ({ trashIds }, ctx) => {
      requireReadableTrash(s.db, scopeOf(ctx.actor), trashIds);
      return { documentIds: restoreFromTrash(s.vankho.archive, trashIds) };
    },
    trashEmpty: ({ trashIds }, ctx) => {
      // Without ids: everything the caller may read (all of it for one reading every level).
      const scope = scopeOf(ctx.actor);
      if (trashIds) requireReadableTrash(s.db, scope, trashIds);
      const ids = trashIds ?? (scope.all ? undefined : listTrash(s.db, scope).map((e) => e.id));
      return emptyTrash(s.vankho.archive, ids);
    },
    documentValiditySet: ({ documentId, override, expectedVersion }, ctx) => {
      requireDocument(documentId, ctx);
      requireDocumentVersion(s.db, documentId, expectedVersion);
      setDocumentValidity(s.vankho.archive, documentId, override, ctx.actor.id);
      return documentGet({ documentId }, ctx);
    },
    documentRelations: ({ documentId }, ctx) => {
      requireDocument(documentId, ctx);
      return readableRelations(s.db, scopeOf(ctx.actor), listDocumentRelations(s.db, documentId));
    },
    filePages: ({ fileId }, ctx) => {
      requireReadableFile(s.db, scopeOf(ctx.actor), fileId);
      return getFilePages(s.db, fileId);
    },
    fileSaveAs: async ({ fileId }, ctx) => {
      const dialogs = s.dialogs;
      const ref = s.storedFile(fileId, scopeOf(ctx.actor));
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
    filesList: ({ documentId }, ctx) => {
      requireDocument(documentId, ctx);
      return listFiles(s.db, documentId);
    },
    reviewQueue: ({ limit, offset }, ctx) => {
      const page = listDocuments(s.db, {
        toReview: true,
        order: 'created_desc',
        limit,
        offset,
        scope: scopeOf(ctx.actor),
      });
      return { total: page.total, offset: page.offset, items: page.items.map(reviewItemDto) };
    },
    reviewNext: ({ afterId }, ctx) => ({
      documentId: nextInReviewQueue(s.db, afterId, scopeOf(ctx.actor)),
      remaining: countReviewQueue(s.db, afterId, scopeOf(ctx.actor)),
    }),
    documentsBulkUpdate: ({ documentIds, change }, ctx) => {
      for (const id of documentIds) requireDocument(id, ctx);
      return applyBulkChange(s.vankho.archive, documentIds, change, ctx.actor.id);
    },
    bulkLast: (_input, ctx) => lastBulkChange(s.db, scopeOf(ctx.actor)),
    bulkUndo: (_input, ctx) => undoLastBulkChange(s.vankho.archive, scopeOf(ctx.actor)),
    reextractStart: ({ documentIds, timeoutSeconds }, ctx) => {
      documentIds?.forEach((id) => requireDocument(id, ctx));
      // 'all' for a caller reading fewer levels is all it reads (the job's progress names files).
      const scope = scopeOf(ctx.actor);
      const ids =
        documentIds ??
        (scope.all ? 'all' : readableOnly(s.db, scope, selectDocuments(s.db, 'all'), (id) => id));
      return {
        jobId: startReextract(s, ctx, {
          documentIds: ids,
          ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
        }),
      };
    },
    reextractCancel: ({ jobId }) => ({ cancelled: s.jobs.cancel(jobId, 'reextract') }),
  };
}

/**
 * Relations without the documents the caller may not read: one citing it is left out, and one it
 * cites is shown as not in the archive (the citation is in the text the caller reads anyway).
 */
function readableRelations(db: Db, scope: ReadScope, r: DocumentRelations): DocumentRelations {
  if (scope.all) return r;
  const hidden = hiddenDocumentIds(db, scope);
  const isHidden = (x: RelationDto): boolean => x.other !== null && hidden.has(x.other.id);
  return {
    cites: r.cites.filter((x) => !isHidden(x)),
    citedBy: r.citedBy.filter((x) => !isHidden(x)),
    missing: [...r.missing, ...r.cites.filter(isHidden).map((x) => ({ ...x, other: null }))],
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
