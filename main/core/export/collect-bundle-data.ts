import type { RecordAccessLevel, SecrecyLevel } from '../../contract/dto.js';
import type { Db } from '../archive/database.js';
import type { ManifestDocument, ManifestRelation, ManifestTag } from './bundle-manifest.js';
import { fileReadingOrder } from '../archive/reading-order.js';
import { readValidityOverride } from '../archive/document-validity.js';

// Reads what a bundle carries about a set of documents, straight from the schema of
// 001-initial.sql: document columns, field provenance, stored files, tags (with every ancestor, so
// the hierarchy survives), the relations whose source is in the set, and a person's validity override.

export interface CollectedFile {
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

export interface CollectedDocument {
  id: number;
  doc: Omit<ManifestDocument, 'files'>;
  files: CollectedFile[];
}

export interface CollectedBundleData {
  documents: CollectedDocument[];
  tags: ManifestTag[];
  relations: ManifestRelation[];
}

interface DocumentRow {
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
  text_status: ManifestDocument['textStatus'];
  text_error_code: string | null;
  page_count: number | null;
  created_at: string;
  updated_at: string;
}

interface TagRow {
  id: number;
  name: string;
  parent_id: number | null;
  color: string | null;
  created_at: string;
}

/** Documents in the order of `ids` (unknown ids are skipped; duplicates collapse). */
export function collectBundleData(db: Db, ids: readonly number[]): CollectedBundleData {
  const docStmt = db.prepare<[number], DocumentRow>('SELECT * FROM documents WHERE id = ?');
  const fieldStmt = db.prepare<
    [number],
    { field: string; source: 'auto' | 'user'; confidence: number | null; updated_at: string }
  >('SELECT field, source, confidence, updated_at FROM document_fields WHERE document_id = ? ORDER BY field');
  const fileStmt = db.prepare<[number], Omit<CollectedFile, 'pageRows'> & { pageRows: number }>(
    `SELECT f.id, f.sha256, f.size, f.media_type AS mediaType, f.original_name AS originalName, f.role,
            f.position, f.text_encoding AS textEncoding, f.imported_at AS importedAt,
            (SELECT count(*) FROM pages p WHERE p.file_id = f.id) AS pageRows
       FROM files f WHERE f.document_id = ? ORDER BY ${fileReadingOrder('f')}`,
  );
  const docTagStmt = db.prepare<[number], { tag_id: number }>(
    'SELECT tag_id FROM document_tags WHERE document_id = ? ORDER BY tag_id',
  );
  const tagStmt = db.prepare<[number], TagRow>('SELECT * FROM tags WHERE id = ?');
  const relStmt = db.prepare<
    [number],
    {
      kind: string;
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
  >(
    `SELECT r.kind, t.uid AS target_uid, r.cited_number, r.cited_number_key, r.cited_type, r.cited_date,
            r.cited_issuer, r.evidence, r.origin, r.created_at
       FROM relations r LEFT JOIN documents t ON t.id = r.target_id
      WHERE r.source_id = ? ORDER BY r.id`,
  );

  const tagsById = new Map<number, TagRow>();
  const loadTag = (id: number): TagRow | undefined => {
    let t = tagsById.get(id);
    if (!t) {
      t = tagStmt.get(id);
      if (t) tagsById.set(id, t);
    }
    return t;
  };

  const documents: CollectedDocument[] = [];
  const relations: ManifestRelation[] = [];
  const seen = new Set<number>();
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const r = docStmt.get(id);
    if (!r) continue;
    const tagNames: string[] = [];
    for (const { tag_id } of docTagStmt.all(id)) {
      const t = loadTag(tag_id);
      if (t) tagNames.push(t.name);
    }
    documents.push({
      id: r.id,
      doc: {
        uid: r.uid,
        title: r.title,
        number: r.number,
        numberKey: r.number_key,
        docType: r.doc_type,
        system: r.system,
        issuer: r.issuer,
        issuerSuperior: r.issuer_superior,
        place: r.place,
        issuedDate: r.issued_date,
        signer: r.signer,
        signerTitle: r.signer_title,
        recipients: r.recipients,
        notes: r.notes,
        access: r.access,
        secrecy: r.secrecy,
        textStatus: r.text_status,
        textErrorCode: r.text_error_code,
        pageCount: r.page_count,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        fields: fieldStmt.all(id).map((f) => ({
          field: f.field,
          source: f.source,
          confidence: f.confidence,
          updatedAt: f.updated_at,
        })),
        tags: tagNames.sort(),
        validity: readValidityOverride(db, id),
      },
      files: fileStmt.all(id),
    });
    for (const rel of relStmt.all(id)) {
      relations.push({
        sourceUid: r.uid,
        kind: rel.kind,
        targetUid: rel.target_uid,
        citedNumber: rel.cited_number,
        citedNumberKey: rel.cited_number_key,
        citedType: rel.cited_type,
        citedDate: rel.cited_date,
        citedIssuer: rel.cited_issuer,
        evidence: rel.evidence,
        origin: rel.origin,
        createdAt: rel.created_at,
      });
    }
  }

  // Ancestors of every used tag, so the importing archive can rebuild the hierarchy.
  for (const t of [...tagsById.values()]) {
    let parent = t.parent_id;
    const guard = new Set<number>();
    while (parent !== null && !guard.has(parent)) {
      guard.add(parent);
      const p = loadTag(parent);
      parent = p ? p.parent_id : null;
    }
  }
  const tags: ManifestTag[] = [...tagsById.values()]
    .sort((a, b) => a.id - b.id)
    .map((t) => ({
      name: t.name,
      parent: t.parent_id === null ? null : (tagsById.get(t.parent_id)?.name ?? null),
      color: t.color,
      createdAt: t.created_at,
    }));
  return { documents, tags, relations };
}

/**
 * Page texts of one stored file in order. Read in one go (one file's text is small) rather than with
 * a statement iterator: an iterator left open across the export's awaits would make the shared
 * connection "busy" for every other statement of the process (imports, search) meanwhile.
 */
export function filePageTexts(db: Db, fileId: number): string[] {
  return db
    .prepare<[number], string>('SELECT text FROM pages WHERE file_id = ? ORDER BY page_no')
    .pluck()
    .all(fileId);
}

/** Ids of every document, oldest issue date first. */
export function allDocumentIds(db: Db): number[] {
  return db
    .prepare<[], number>('SELECT id FROM documents ORDER BY issued_date IS NULL, issued_date, id')
    .pluck()
    .all();
}

/** Ids of the documents carrying a tag (by name), and with `descendants` its sub-tags too. */
export function documentIdsForTag(db: Db, tagName: string, descendants = true): number[] | null {
  const tag = db.prepare<[string], { id: number }>('SELECT id FROM tags WHERE name = ?').get(tagName);
  if (!tag) return null;
  const sql = descendants
    ? `WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT t.id FROM tags t JOIN sub ON t.parent_id = sub.id)
       SELECT DISTINCT d.id FROM documents d JOIN document_tags dt ON dt.document_id = d.id
        WHERE dt.tag_id IN (SELECT id FROM sub) ORDER BY d.issued_date IS NULL, d.issued_date, d.id`
    : `SELECT d.id FROM documents d JOIN document_tags dt ON dt.document_id = d.id WHERE dt.tag_id = ?
        ORDER BY d.issued_date IS NULL, d.issued_date, d.id`;
  return db.prepare<[number], number>(sql).pluck().all(tag.id);
}
