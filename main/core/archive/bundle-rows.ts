// The rows a bundle carries about a document, read straight from the schema (001-initial.sql and
// later): its columns, field provenance, stored files, tags, the relations it is the source of and a
// person's validity override. core/export/collect-bundle-data.ts turns them into the manifest's
// shape; this is the one place that reads them for it (issue 13's storage seam).
import type { RecordAccessLevel, SecrecyLevel, TextStatus } from '../../contract/dto.js';
import type { Db } from './database.js';
import { readValidityOverride } from './document-validity.js';
import { archiveUidOf } from './meta-store.js';
import { fileReadingOrder } from './reading-order.js';

export interface BundleDocumentRow {
  id: number;
  uid: string;
  title: string;
  number: string | null;
  number_key: string | null;
  doc_type: string | null;
  system: 'party' | 'state' | null;
  issuer: string | null;
  issuer_superior: string | null;
  place: string | null;
  issued_date: string | null;
  signer: string | null;
  signer_title: string | null;
  recipients: string | null;
  notes: string;
  access: RecordAccessLevel;
  secrecy: SecrecyLevel | null;
  text_status: TextStatus;
  text_error_code: string | null;
  page_count: number | null;
  created_at: string;
  updated_at: string;
  extraction_rule: number;
}

export interface BundleFieldRow {
  field: string;
  source: 'auto' | 'user';
  confidence: number | null;
  updated_at: string;
}

export interface BundleFileRow {
  id: number;
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
  role: 'main' | 'attachment';
  position: number;
  textEncoding: string | null;
  importedAt: string;
  /** Number of stored page rows (0: no extracted text). */
  pageRows: number;
}

export interface BundleTagRow {
  id: number;
  name: string;
  parent_id: number | null;
  color: string | null;
  created_at: string;
}

export interface BundleRelationRow {
  kind: string;
  /** The cited document's uid when the citation is resolved. */
  target_uid: string | null;
  cited_number: string | null;
  cited_number_key: string | null;
  cited_type: string | null;
  cited_date: string | null;
  cited_issuer: string | null;
  evidence: string | null;
  origin: 'auto' | 'manual';
  created_at: string;
}

/** A document's rows for a bundle, one reader per export (its statements prepared once). */
export interface BundleRows {
  document(id: number): BundleDocumentRow | undefined;
  /** Field provenance, by field name. */
  fields(documentId: number): BundleFieldRow[];
  /** Stored files in reading order. */
  files(documentId: number): BundleFileRow[];
  tagIds(documentId: number): number[];
  tag(id: number): BundleTagRow | undefined;
  /** The relations whose source it is, in the order they were made. */
  relations(documentId: number): BundleRelationRow[];
  validity(documentId: number): ReturnType<typeof readValidityOverride>;
}

export function bundleRowsOf(db: Db): BundleRows {
  const doc = db.prepare<[number], BundleDocumentRow>('SELECT * FROM documents WHERE id = ?');
  const fields = db.prepare<[number], BundleFieldRow>(
    'SELECT field, source, confidence, updated_at FROM document_fields WHERE document_id = ? ORDER BY field',
  );
  const files = db.prepare<[number], BundleFileRow>(
    `SELECT f.id, f.sha256, f.size, f.media_type AS mediaType, f.original_name AS originalName, f.role,
            f.position, f.text_encoding AS textEncoding, f.imported_at AS importedAt,
            (SELECT count(*) FROM pages p WHERE p.file_id = f.id) AS pageRows
       FROM files f WHERE f.document_id = ? ORDER BY ${fileReadingOrder('f')}`,
  );
  const tagIds = db
    .prepare<[number], number>('SELECT tag_id FROM document_tags WHERE document_id = ? ORDER BY tag_id')
    .pluck();
  const tag = db.prepare<[number], BundleTagRow>('SELECT * FROM tags WHERE id = ?');
  const relations = db.prepare<[number], BundleRelationRow>(
    `SELECT r.kind, t.uid AS target_uid, r.cited_number, r.cited_number_key, r.cited_type, r.cited_date,
            r.cited_issuer, r.evidence, r.origin, r.created_at
       FROM relations r LEFT JOIN documents t ON t.id = r.target_id
      WHERE r.source_id = ? ORDER BY r.id`,
  );
  return {
    document: (id) => doc.get(id),
    fields: (id) => fields.all(id),
    files: (id) => files.all(id),
    tagIds: (id) => tagIds.all(id),
    tag: (id) => tag.get(id),
    relations: (id) => relations.all(id),
    validity: (id) => readValidityOverride(db, id),
  };
}

/** The archive's uid (meta key archive_uid; null when it has none) and schema version, as a bundle names them. */
export function archiveIdentityOf(db: Db): { archiveUid: string | null; schemaVersion: number } {
  return {
    archiveUid: archiveUidOf(db),
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
  };
}
