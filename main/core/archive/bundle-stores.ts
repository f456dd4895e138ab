// The stores a bundle import writes through (issue 13's storage seam): tags, the import history,
// documents with their fields, files, pages and validity, and relations, as one unit of work whose
// writes commit together. The bundle import runs inside transaction() and never holds the
// database; this is the SQLite side, over each table's one home (tags-repo, import-log-repo,
// documents-repo, pages-repo, document-validity, enrich-document, access). Hồ sơ and OCR pages
// belong to core/records and core/ocr, layers above this one, so their parts of the unit of work
// are passed in as factories over the same connection (as import-stores takes the OCR queue).

import type { TagDto } from '../../contract/dto.js';
import { mayReadDocument, type ReadScope } from './access.js';
import type { Archive } from './archive.js';
import type { Db } from './database.js';
import { readValidityOverride, writeValidityOverride } from './document-validity.js';
import {
  documentHoldingBytes,
  documentIdByUid,
  hasMainFile,
  insertDocumentRow,
  insertFileRow,
  mergeCarriedMetadata,
  type CarriedMetadata,
  type NewDocumentRow,
  type NewFileRow,
} from './documents-repo.js';
import {
  findRelation,
  insertRelation,
  linkOpenCitationsAround,
  markRelationManual,
  resolveTarget,
  type CitedDocument,
  type NewRelation,
} from './enrich-document.js';
import { carryField, type CarriedField } from './field-provenance.js';
import { insertDoneImportBatch, insertImportLog, type ImportLogRow } from './import-log-repo.js';
import { insertPageTexts } from './pages-repo.js';
import { completeTag, findTagByFold, insertTag, linkDocumentTag } from './tags-repo.js';

/** The archive's part of a bundle import's transaction. */
export interface BundleArchiveTx {
  // ---- tags
  /** The tag a (normalised) name denotes, accent/case twins included (tags-repo's rule). */
  findTagByFold(name: string): TagDto | null;
  /** Gives an existing tag the colour and parent it lacks (cycle-checked). */
  completeTag(
    tag: Pick<TagDto, 'id' | 'color' | 'parentId'>,
    color: string | null,
    parentId: number | null,
  ): void;
  insertTag(t: { name: string; parentId: number | null; color: string | null; createdAt: string }): number;
  /** Links a tag to a document; 0 when it already was. */
  linkDocumentTag(documentId: number, tagId: number): number;

  // ---- import history
  /** A finished batch of `total` lines (the bundle's documents). */
  insertDoneBatch(at: string, total: number): number;
  insertLog(batchId: number, row: ImportLogRow, at: string): void;

  // ---- documents, their fields, files, pages and validity
  documentIdByUid(uid: string): number | null;
  /** The document one of whose files has these bytes, null when none. */
  documentHoldingBytes(sha256: string): number | null;
  mayReadDocument(scope: ReadScope, documentId: number): boolean;
  insertDocument(row: NewDocumentRow): number;
  /** Takes a carried field's provenance over what the document had for that field. */
  carryField(documentId: number, field: CarriedField): void;
  /** Merges a copy's metadata by provenance; the changed columns. */
  mergeCarriedMetadata(documentId: number, copy: CarriedMetadata): string[];
  hasMainFile(documentId: number): boolean;
  insertFile(row: NewFileRow): number;
  insertPageTexts(fileId: number, pages: readonly string[]): void;
  readValidityOverride(documentId: number): ReturnType<typeof readValidityOverride>;
  writeValidityOverride(
    documentId: number,
    override: Parameters<typeof writeValidityOverride>[2],
    setBy: string | null,
    setAt: string,
  ): void;

  // ---- relations
  /** The document a citation names by this archive's one rule, null when none or ambiguous. */
  resolveTarget(sourceId: number, cited: CitedDocument): number | null;
  findRelation(
    sourceId: number,
    kind: string,
    targetId: number | null,
    citedNumberKey: string | null,
  ): { id: number; origin: string } | undefined;
  markRelationManual(relationId: number): void;
  insertRelation(r: NewRelation): void;
  /** Resolves the document's open citations and the archive's open ones naming its number. */
  linkOpenCitationsAround(documentId: number): void;
}

/** The other layers' parts of the transaction, each made over its connection. */
export type BundleTxParts<P> = { readonly [K in keyof P]: (db: Db) => P[K] };

/** A bundle import's unit of work: writes that commit together (with the archive's write hooks). */
export interface BundleStores<P> {
  transaction<T>(fn: (tx: BundleArchiveTx & P) => T): T;
}

function archiveTxOf(db: Db): BundleArchiveTx {
  return {
    findTagByFold: (name) => findTagByFold(db, name),
    completeTag: (tag, color, parentId) => completeTag(db, tag, color, parentId),
    insertTag: (t) => insertTag(db, t),
    linkDocumentTag: (documentId, tagId) => linkDocumentTag(db, documentId, tagId),
    insertDoneBatch: (at, total) => insertDoneImportBatch(db, at, total),
    insertLog: (batchId, row, at) => insertImportLog(db, batchId, row, at),
    documentIdByUid: (uid) => documentIdByUid(db, uid),
    documentHoldingBytes: (sha256) => documentHoldingBytes(db, sha256),
    mayReadDocument: (scope, documentId) => mayReadDocument(db, scope, documentId),
    insertDocument: (row) => insertDocumentRow(db, row),
    carryField: (documentId, field) => carryField(db, documentId, field),
    mergeCarriedMetadata: (documentId, copy) => mergeCarriedMetadata(db, documentId, copy),
    hasMainFile: (documentId) => hasMainFile(db, documentId),
    insertFile: (row) => insertFileRow(db, row),
    insertPageTexts: (fileId, pages) => insertPageTexts(db, fileId, pages),
    readValidityOverride: (documentId) => readValidityOverride(db, documentId),
    writeValidityOverride: (documentId, override, setBy, setAt) =>
      writeValidityOverride(db, documentId, override, setBy, setAt),
    resolveTarget: (sourceId, cited) => resolveTarget(db, sourceId, cited),
    findRelation: (sourceId, kind, targetId, key) => findRelation(db, sourceId, kind, targetId, key),
    markRelationManual: (relationId) => markRelationManual(db, relationId),
    insertRelation: (r) => insertRelation(db, r),
    linkOpenCitationsAround: (documentId) => linkOpenCitationsAround(db, documentId),
  };
}

export function sqliteBundleStores<P extends object>(
  archive: Pick<Archive, 'write'>,
  parts: BundleTxParts<P>,
): BundleStores<P> {
  return {
    transaction: (fn) =>
      archive.write((db) => {
        const own = {} as P;
        for (const k of Object.keys(parts) as Array<keyof P>) own[k] = parts[k](db);
        return fn({ ...archiveTxOf(db), ...own });
      }),
  };
}
