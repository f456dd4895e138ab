// Requests about documents: metadata, trash, files, the review queue, bulk changes, re-extraction.
import { z } from 'zod';
import type {
  BulkChangeDto,
  BulkUndoResultDto,
  DocumentDetail,
  DocumentListPage,
  DocumentRelations,
  FileDto,
  JobStarted,
  PageText,
  ReviewQueuePage,
  TrashEntryDto,
} from '../dto.js';
import { BULK_FIELDS, METADATA_FIELDS, VALIDITY_OVERRIDES, type MetadataField } from '../dto.js';
import { def, returns, id, tagName, jobId, empty, documentIds, isoDatePart } from './define.js';

const fieldText = z.string().max(2_000).nullable().optional();
const longText = z.string().max(20_000).nullable().optional();
/** A metadata patch: a field absent is left alone, null clears it. */
export const MetadataPatchSchema = z
  .object({
    title: fieldText,
    number: fieldText,
    docType: fieldText,
    system: z.enum(['party', 'state']).nullable().optional(),
    issuer: fieldText,
    issuerSuperior: fieldText,
    place: fieldText,
    /** yyyy-mm-dd, or what is known of it: yyyy-mm, yyyy (see parseUserDate). */
    issuedDate: isoDatePart.nullable().optional(),
    signer: fieldText,
    signerTitle: fieldText,
    recipients: longText,
    notes: longText,
    /** The level's code or its words ('mat', 'Mật'); null sets it back to công khai. */
    access: fieldText,
    /** Độ mật ('mat', 'toi-mat', 'tuyet-mat' or their words); null: none. */
    secrecy: fieldText,
  })
  .strict();
// Compile-time proof that the patch covers exactly the contract's metadata fields.
const _patchCoversFields: Record<MetadataField, unknown> = MetadataPatchSchema.shape;
void _patchCoversFields;

/** One change for many documents: set a field (the value as a person types it), add a tag, confirm. */
export const BulkChangeSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('set'), field: z.enum(BULK_FIELDS), value: z.string().max(2_000).nullable() })
    .strict(),
  z.object({ kind: z.literal('addTag'), name: tagName }).strict(),
  z.object({ kind: z.literal('confirmAll') }).strict(),
]);

/** Orders of a document list: import time, ngày ban hành (undated last), id. */
export const DOCUMENT_LIST_ORDERS = [
  'created_desc',
  'created_asc',
  'issued_desc',
  'issued_asc',
  'id_asc',
] as const;
export type DocumentListOrder = (typeof DOCUMENT_LIST_ORDERS)[number];
/** The most rows one documentsList request returns; callers page with offset for more. */
export const DOCUMENT_LIST_PAGE_MAX = 1000;

/** DocumentDetail.version as the caller loaded it: a save from an older copy is CONFLICT. */
const expectedVersion = z.string().min(1).max(64).optional();

export const DOCUMENTS_API = {
  /**
   * A page of documents the caller may read (newest import first by default): all, those of a tag
   * (name or id), the review queue, or those lacking any of the given fields.
   */
  documentsList: def(
    z
      .object({
        limit: z.number().int().min(1).max(DOCUMENT_LIST_PAGE_MAX).default(50),
        offset: z.number().int().min(0).max(10_000_000).default(0),
        order: z.enum(DOCUMENT_LIST_ORDERS).default('created_desc'),
        tag: z.union([id, tagName]).optional(),
        toReview: z.boolean().optional(),
        missing: z.array(z.enum(METADATA_FIELDS)).min(1).max(METADATA_FIELDS.length).optional(),
      })
      .strict(),
    returns<DocumentListPage>(),
  ),
  /**
   * `onScreen`: the document is opened on the user's screen; its pages waiting for OCR go first in
   * the queue (as ocrPrioritize, for a caller who may call it). A plain read changes nothing.
   */
  documentGet: def(
    z.object({ documentId: id, onScreen: z.literal(true).optional() }).strict(),
    returns<DocumentDetail>(),
  ),
  /** Sets metadata fields (null clears); every field written is marked source 'user'. */
  documentUpdate: def(
    z.object({ documentId: id, fields: MetadataPatchSchema, expectedVersion }).strict(),
    returns<DocumentDetail>(),
  ),
  /**
   * Confirms extracted suggestions as they are (provenance auto → user) without changing them; with
   * `rules: true` also the document as older extraction rules read it (clears olderRules). At least
   * one field or `rules`.
   */
  documentConfirm: def(
    z
      .object({
        documentId: id,
        fields: z.array(z.enum(METADATA_FIELDS)).max(METADATA_FIELDS.length),
        rules: z.literal(true).optional(),
        expectedVersion,
      })
      .strict()
      .refine((v) => v.fields.length > 0 || v.rules === true, {
        message: 'fields: at least one, or rules: true',
      }),
    returns<DocumentDetail>(),
  ),
  /** Moves the document to the trash (Thùng rác); its originals stay until the trash is emptied. */
  documentDelete: def(z.object({ documentId: id }).strict(), returns<{ deleted: true; trashId: number }>()),
  /**
   * Moves several documents to the trash in one transaction (all or none: one the caller may not read
   * fails the whole request); one trash entry each, in the order given, duplicates once.
   */
  documentsDelete: def(
    z.object({ documentIds: z.array(id).min(1).max(10_000) }).strict(),
    returns<TrashEntryDto[]>(),
  ),
  /** The trash, most recently deleted first. */
  trashList: def(empty, returns<TrashEntryDto[]>()),
  /** Restores trash entries whole (metadata, tags, relations, text, originals); their document ids. */
  trashRestore: def(
    z.object({ trashIds: z.array(id).min(1).max(10_000) }).strict(),
    returns<{ documentIds: number[] }>(),
  ),
  /** Empties the trash (everything, or the entries given): rows and originals go for good. */
  trashEmpty: def(
    z.object({ trashIds: z.array(id).min(1).max(10_000).optional() }).strict(),
    returns<{ removed: number; filesDeleted: number }>(),
  ),
  documentRelations: def(z.object({ documentId: id }).strict(), returns<DocumentRelations>()),
  /**
   * "Cùng văn bản, thêm tệp / Same document, another file": the source, an identity twin of the
   * target (DocumentDetail.identityTwins), becomes another file of it. Its files, tags, hồ sơ places
   * and relations move to the target and it goes to the trash (trashRestore undoes the merge).
   * Refused (INVALID_INPUT) when they are not twins, or the source is more restricted than the target.
   */
  documentMergeInto: def(
    z.object({ sourceId: id, targetId: id }).strict(),
    returns<{ target: DocumentDetail; trashId: number }>(),
  ),
  /** "Giữ cả hai / Keep both": the two twins are different documents; the pair no longer warns. */
  documentKeepApart: def(z.object({ id, otherId: id }).strict(), returns<DocumentDetail>()),
  /**
   * A person's word on the document's validity (tình trạng hiệu lực), recorded with who and when; it
   * wins over what the relation graph says. null removes it (back to the derived status).
   */
  documentValiditySet: def(
    z
      .object({
        documentId: id,
        override: z
          .object({ status: z.enum(VALIDITY_OVERRIDES), note: z.string().max(2_000).default('') })
          .strict()
          .nullable(),
        expectedVersion,
      })
      .strict(),
    returns<DocumentDetail>(),
  ),
  /** Extracted text of a document's file, page by page (DOCX/TXT preview, text layer fallback). */
  filePages: def(z.object({ fileId: id }).strict(), returns<PageText[]>()),
  filesList: def(z.object({ documentId: id }).strict(), returns<FileDto[]>()),
  /**
   * Desktop only: asks where to save a copy of a stored original and writes it there (the path
   * saved to, or null when cancelled). Web mode: UNSUPPORTED — use fileUrl(id, { download: true }).
   */
  fileSaveAs: def(z.object({ fileId: id }).strict(), returns<string | null>()),

  /**
   * The review queue: documents with a suggestion nobody confirmed, without số ký hiệu, loại, cơ
   * quan ban hành or ngày ban hành, or read by older extraction rules (olderRules); newest import first.
   */
  reviewQueue: def(
    z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).max(10_000_000).default(0),
      })
      .strict(),
    returns<ReviewQueuePage>(),
  ),
  /** The queue's next document after `afterId` (wrapping), and how many others wait. */
  reviewNext: def(
    z.object({ afterId: id }).strict(),
    returns<{ documentId: number | null; remaining: number }>(),
  ),
  /**
   * Sets one field, adds a tag or confirms every suggestion on many documents, through the same
   * path as a single edit; remembered so that bulkUndo can put them back.
   */
  documentsBulkUpdate: def(
    z.object({ documentIds, change: BulkChangeSchema }).strict(),
    returns<BulkChangeDto>(),
  ),
  /** The last bulk change not undone yet (null: none), e.g. to offer its undo after a reload. */
  bulkLast: def(empty, returns<BulkChangeDto | null>()),
  /** Undoes the last bulk change (null: nothing to undo). */
  bulkUndo: def(empty, returns<BulkUndoResultDto | null>()),
  /**
   * Re-extracts text, metadata suggestions and citations from the stored originals of the given
   * documents (all when omitted), as a job: progress via jobProgress, end via jobFinished.
   * A person's values are never changed; a document that fails keeps its old text.
   */
  reextractStart: def(
    z
      .object({
        documentIds: documentIds.optional(),
        /** Extraction time limit per file (default 60 s, as import). */
        timeoutSeconds: z.number().positive().max(86_400).optional(),
      })
      .strict(),
    returns<JobStarted>(),
  ),
  reextractCancel: def(z.object({ jobId }).strict(), returns<{ cancelled: boolean }>()),
} as const;
