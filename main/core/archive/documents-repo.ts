import { appError, type AppError, type ErrorCode, ERROR_MESSAGES } from '../../contract/errors.js';
import {
  METADATA_FIELDS,
  type DocumentDetail,
  type DocumentListPage,
  type DocumentSummaryDto,
  type FieldProvenance,
  type FileDto,
  type MetadataField,
  type OlderRulesDto,
  type TextStatus,
  type ValidityOverride,
} from '../../contract/dto.js';
import type { DocumentListOrder } from '../../contract/api/documents-api.js';
import { parseUserDate } from '../../contract/dates.js';
import { noTextReason } from '../../contract/no-text.js';
import { docNumberKey } from '../text/doc-number.js';
import type { Archive, Db } from './archive.js';
import { enrichDocument } from './enrich-document.js';
import { EXTRACTION_RULE, markCurrentRules, OLDER_RULES_SQL } from './extraction-rule.js';
import { FIELD_COLUMNS, parseMetadataField } from './field-columns.js';
import {
  carryField,
  dropFieldProvenance,
  fieldsWithSource,
  writeFieldProvenance,
  type CarriedField,
} from './field-provenance.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { fileReadingOrder } from './reading-order.js';
import { prepared } from './prepared.js';
import {
  accessCondition,
  READ_ALL,
  requireAccessLevel,
  requireSecrecyLevel,
  type ReadScope,
} from './access.js';
import { getDocumentValidity, writeValidityOverride } from './document-validity.js';
import { resolveTag, tagRefsOf } from './tags-repo.js';

// Documents (tags: tags-repo.ts). Reads take a Db (usable with a read-only archive); writes take the Archive so
// they go through archive.write() and its hooks (search indexes follow in the same transaction).
// Shapes are the contract DTOs (camelCase metadata keys); the database columns, and the names stored
// in document_fields.field, are the snake_case column names given by FIELD_COLUMNS.

export { METADATA_FIELDS, type MetadataField } from '../../contract/dto.js';
export type DocumentMetadata = Record<MetadataField, string | null>;
export { FIELD_COLUMNS, parseMetadataField } from './field-columns.js';

/** One row of a document list: the contract's row, as listDocuments builds it. */
export type DocumentSummary = DocumentSummaryDto;

export interface ListDocumentsOptions {
  limit?: number;
  offset?: number;
  /** Only documents carrying this tag (name or id). */
  tag?: string | number;
  order?: DocumentListOrder;
  /** Only documents of the review queue (see REVIEW_FIELDS): something missing or unconfirmed. */
  toReview?: boolean;
  /** Only documents where at least one of these fields is empty. */
  missing?: readonly MetadataField[];
  /** Only documents the caller may read (default: all). */
  scope?: ReadScope;
}

export type DocumentPage = DocumentListPage;

interface DocumentRow {
  id: number;
  uid: string;
  text_status: TextStatus;
  text_error_code: string | null;
  page_count: number | null;
  created_at: string;
  updated_at: string;
  [column: string]: unknown;
}

const ORDER_SQL: Record<NonNullable<ListDocumentsOptions['order']>, string> = {
  created_desc: 'd.created_at DESC, d.id DESC',
  created_asc: 'd.created_at ASC, d.id ASC',
  issued_desc: 'd.issued_date IS NULL, d.issued_date DESC, d.id DESC',
  issued_asc: 'd.issued_date IS NULL, d.issued_date ASC, d.id ASC',
  id_asc: 'd.id ASC',
};

function metadataOf(row: DocumentRow): DocumentMetadata {
  const m = {} as DocumentMetadata;
  for (const f of METADATA_FIELDS) {
    const v = row[FIELD_COLUMNS[f]];
    m[f] = typeof v === 'string' ? v : null;
  }
  return m;
}

function notFound(what: string): VanKhoError {
  return new VanKhoError(appError('NOT_FOUND', what));
}

function invalid(detail: string): VanKhoError {
  return new VanKhoError(appError('INVALID_INPUT', detail));
}

export function listDocuments(db: Db, opts: ListDocumentsOptions = {}): DocumentPage {
  const limit = Math.max(1, Math.min(opts.limit ?? 50, 1000));
  const offset = Math.max(0, opts.offset ?? 0);
  const where: string[] = [];
  const params: unknown[] = [];
  if (opts.tag !== undefined) {
    const tag = resolveTag(db, opts.tag);
    where.push('d.id IN (SELECT document_id FROM document_tags WHERE tag_id = ?)');
    params.push(tag.id);
  }
  if (opts.missing && opts.missing.length > 0) where.push(`(${missingSql(opts.missing)})`);
  if (opts.toReview) where.push(REVIEW_SQL);
  const readable = accessCondition(opts.scope ?? READ_ALL);
  if (readable) where.push(readable);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db
    .prepare(`SELECT count(*) FROM documents d ${whereSql}`)
    .pluck()
    .get(...params) as number;
  const rows = db
    .prepare(
      `SELECT d.* FROM documents d ${whereSql} ORDER BY ${ORDER_SQL[opts.order ?? 'created_desc']} LIMIT ? OFFSET ?`,
    )
    .all(...params, limit, offset) as DocumentRow[];
  return { total, offset, limit, items: rows.map((r) => summarize(db, r)) };
}

// ---- the review queue ------------------------------------------------------------------------

/** The fields every filed document should have: số ký hiệu, loại, cơ quan ban hành, ngày ban hành. */
export const REVIEW_FIELDS: readonly MetadataField[] = ['number', 'docType', 'issuer', 'issuedDate'];

/** The value of document_fields.field's column for document d (closed FIELD_COLUMNS map). */
const FIELD_VALUE_SQL = `CASE f.field ${METADATA_FIELDS.map((m) => `WHEN '${FIELD_COLUMNS[m]}' THEN d.${FIELD_COLUMNS[m]}`).join(' ')} END`;

function missingSql(fields: readonly MetadataField[]): string {
  return fields.map((f) => `NULLIF(TRIM(d.${FIELD_COLUMNS[f]}), '') IS NULL`).join(' OR ');
}

/** A suggestion: an 'auto' provenance row whose field holds a value. */
const UNCONFIRMED_SQL = `EXISTS (SELECT 1 FROM document_fields f WHERE f.document_id = d.id
  AND f.source = 'auto' AND NULLIF(TRIM(${FIELD_VALUE_SQL}), '') IS NOT NULL)`;

/**
 * A document belongs to the review queue when one of REVIEW_FIELDS is empty, an extracted value is
 * still unconfirmed, or older extraction rules read it. It leaves the queue once those are filled,
 * every suggestion confirmed or corrected, and it is read again or confirmed as it stands.
 */
const REVIEW_SQL = `(${missingSql(REVIEW_FIELDS)} OR ${UNCONFIRMED_SQL} OR ${OLDER_RULES_SQL})`;

/** Queue order, newest import first. */
const REVIEW_ORDER = ORDER_SQL.created_desc;

/** The document's olderRules (see OlderRulesDto) from its extraction_rule column. */
function olderRulesOf(row: DocumentRow): OlderRulesDto | null {
  const readBy = row.extraction_rule;
  return typeof readBy === 'number' && readBy < EXTRACTION_RULE ? { readBy, current: EXTRACTION_RULE } : null;
}

function reviewStateOf(
  db: Db,
  row: DocumentRow,
): Pick<DocumentSummary, 'missing' | 'unconfirmed' | 'olderRules'> {
  const meta = metadataOf(row);
  const filled = (f: MetadataField): boolean => (meta[f] ?? '').trim() !== '';
  const auto = fieldsWithSource(db, row.id, 'auto');
  return {
    missing: REVIEW_FIELDS.filter((f) => !filled(f)),
    unconfirmed: METADATA_FIELDS.filter((f) => auto.has(FIELD_COLUMNS[f]) && filled(f)),
    olderRules: olderRulesOf(row),
  };
}

/** The review queue's condition, narrowed to what the caller may read. */
function reviewWhere(scope: ReadScope): string {
  const readable = accessCondition(scope);
  return readable ? `${REVIEW_SQL} AND ${readable}` : REVIEW_SQL;
}

/** How many documents the review queue holds (leaving out `exceptId`, the one being reviewed). */
export function countReviewQueue(db: Db, exceptId = 0, scope: ReadScope = READ_ALL): number {
  return db
    .prepare(`SELECT count(*) FROM documents d WHERE ${reviewWhere(scope)} AND d.id <> ?`)
    .pluck()
    .get(exceptId) as number;
}

/**
 * The queue document to review after `afterId` (the next older import), wrapping to the newest;
 * never `afterId` itself, which may or may not still be in the queue. Null when nothing else is.
 */
export function nextInReviewQueue(db: Db, afterId: number, scope: ReadScope = READ_ALL): number | null {
  const cur = db.prepare('SELECT created_at FROM documents WHERE id = ?').pluck().get(afterId) as
    string | undefined;
  const base = `SELECT d.id FROM documents d WHERE ${reviewWhere(scope)} AND d.id <> ?`;
  if (cur !== undefined) {
    const older = db
      .prepare(
        `${base} AND (d.created_at < ? OR (d.created_at = ? AND d.id < ?)) ORDER BY ${REVIEW_ORDER} LIMIT 1`,
      )
      .pluck()
      .get(afterId, cur, cur, afterId) as number | undefined;
    if (older !== undefined) return older;
  }
  return (
    (db.prepare(`${base} ORDER BY ${REVIEW_ORDER} LIMIT 1`).pluck().get(afterId) as number | undefined) ??
    null
  );
}

function summarize(db: Db, row: DocumentRow): DocumentSummary {
  const fileNames = db
    .prepare(`SELECT original_name FROM files WHERE document_id = ? ORDER BY ${fileReadingOrder()}`)
    .pluck()
    .all(row.id) as string[];
  return {
    id: row.id,
    uid: row.uid,
    metadata: metadataOf(row),
    textStatus: row.text_status,
    fileNames,
    tags: tagRefsOf(db, row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...reviewStateOf(db, row),
  };
}

interface FileRow {
  id: number;
  document_id: number;
  sha256: string;
  size: number;
  media_type: string;
  original_name: string;
  role: 'main' | 'attachment';
  position: number;
  imported_at: string;
}

function fileDtoOf(f: FileRow): FileDto {
  return {
    id: f.id,
    documentId: f.document_id,
    sha256: f.sha256,
    size: f.size,
    mediaType: f.media_type,
    originalName: f.original_name,
    role: f.role,
    position: f.position,
    importedAt: f.imported_at,
  };
}

/**
 * A new documents row: what import knows at once (uid, title, text state) or, from a bundle, every
 * column. The one INSERT of the table; columns not given take their schema defaults.
 */
export interface NewDocumentRow {
  uid: string;
  title: string;
  textStatus: TextStatus;
  textErrorCode: string | null;
  pageCount: number | null;
  createdAt: string;
  updatedAt: string;
  metadata?: Partial<Record<MetadataField, string | null>>;
  numberKey?: string | null;
  /** The extraction rules' version that read it, when another archive did (a bundle's document). */
  extractionRule?: number;
}

export function insertDocumentRow(db: Db, d: NewDocumentRow): number {
  const cols = ['uid', 'title', 'text_status', 'text_error_code', 'page_count', 'created_at', 'updated_at'];
  const vals: unknown[] = [
    d.uid,
    d.title,
    d.textStatus,
    d.textErrorCode,
    d.pageCount,
    d.createdAt,
    d.updatedAt,
  ];
  for (const [field, value] of Object.entries(d.metadata ?? {}) as Array<[MetadataField, string | null]>) {
    if (field === 'title') continue;
    cols.push(FIELD_COLUMNS[field]);
    vals.push(value);
  }
  if (d.numberKey !== undefined) {
    cols.push('number_key');
    vals.push(d.numberKey);
  }
  if (d.extractionRule !== undefined) {
    cols.push('extraction_rule');
    vals.push(d.extractionRule);
  }
  return Number(
    prepared(db, `INSERT INTO documents (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
      ...vals,
    ).lastInsertRowid,
  );
}

/** A stored original's row; its bytes are already in the file store under sha256. */
export type NewFileRow = Omit<FileDto, 'id'> & { textEncoding: string | null };

/** The document of this uid (its identity across archives), null when none. */
export function documentIdByUid(db: Db, uid: string): number | null {
  return (
    (prepared(db, 'SELECT id FROM documents WHERE uid = ?').pluck().get(uid) as number | undefined) ?? null
  );
}

/** Whether the document has its main file. */
export function hasMainFile(db: Db, documentId: number): boolean {
  return (
    prepared(db, `SELECT 1 FROM files WHERE document_id = ? AND role = 'main'`).get(documentId) !== undefined
  );
}

/** The one INSERT of the files table. */
export function insertFileRow(db: Db, f: NewFileRow): number {
  return Number(
    prepared(
      db,
      `INSERT INTO files (document_id, sha256, size, media_type, original_name, role, position, text_encoding, imported_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      f.documentId,
      f.sha256,
      f.size,
      f.mediaType,
      f.originalName,
      f.role,
      f.position,
      f.textEncoding,
      f.importedAt,
    ).lastInsertRowid,
  );
}

/** The document whose stored file has these bytes (files are content-addressed), if any. */
export function documentHoldingBytes(db: Db, sha256: string): number | null {
  return (
    (prepared(db, 'SELECT document_id FROM files WHERE sha256 = ?').pluck().get(sha256) as
      number | undefined) ?? null
  );
}

export function listFiles(db: Db, documentId: number): FileDto[] {
  return (
    db
      .prepare(`SELECT * FROM files WHERE document_id = ? ORDER BY ${fileReadingOrder()}`)
      .all(documentId) as FileRow[]
  ).map(fileDtoOf);
}

export function getFile(db: Db, fileId: number): FileDto | null {
  const r = db.prepare('SELECT * FROM files WHERE id = ?').get(fileId) as FileRow | undefined;
  return r ? fileDtoOf(r) : null;
}

function errorOf(code: string | null): AppError | null {
  if (!code) return null;
  return code in ERROR_MESSAGES ? appError(code as ErrorCode) : appError('EXTRACTION_FAILED', code);
}

/** A document with metadata, provenance per field, files (original names, sha256, media type) and tags. */
export function getDocument(db: Db, id: number): DocumentDetail | null {
  const row = db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
  if (!row) return null;
  const provenance: DocumentDetail['provenance'] = {};
  for (const r of db
    .prepare('SELECT field, source, confidence, actor FROM document_fields WHERE document_id = ?')
    .all(id) as Array<{
    field: string;
    source: 'auto' | 'user';
    confidence: number | null;
    actor: string | null;
  }>) {
    const f = parseMetadataField(r.field);
    if (f)
      provenance[f] = {
        source: r.source,
        confidence: r.confidence,
        ...(r.source === 'user' && r.actor !== null ? { setBy: r.actor } : {}),
      } satisfies FieldProvenance;
  }
  const files = listFiles(db, id);
  const main = files.find((f) => f.role === 'main') ?? files[0];
  return {
    id: row.id,
    uid: row.uid,
    metadata: metadataOf(row),
    provenance,
    textStatus: row.text_status,
    textError: errorOf(row.text_error_code),
    noText: noTextReason({
      textStatus: row.text_status,
      errorCode: row.text_error_code,
      mediaType: main?.mediaType ?? null,
    }),
    pageCount: row.page_count,
    files,
    tags: tagRefsOf(db, id),
    validity: getDocumentValidity(db, id),
    olderRules: olderRulesOf(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Ids of every document, oldest issue date first (the order of an export). */
export function allDocumentIds(db: Db): number[] {
  return db
    .prepare<[], number>('SELECT id FROM documents ORDER BY issued_date IS NULL, issued_date, id')
    .pluck()
    .all();
}

/**
 * Normalizes and validates one user-typed metadata value; '' or null clears it (title/notes become '').
 * Dates may be typed as d/m/yyyy, dd-mm-yyyy or yyyy-mm-dd; they are stored as yyyy-mm-dd.
 */
export function normalizeMetadataValue(field: MetadataField, value: string | null): string | null {
  const v = value === null ? null : value.normalize('NFC').trim();
  if (v === null || v === '') {
    if (field === 'title' || field === 'notes') return '';
    // A document without a stated level is public (the column's default), never "unknown".
    if (field === 'access') return 'cong-khai';
    return null;
  }
  // People type the words ('Công khai', 'tối mật'); the column keeps the code.
  if (field === 'access') return requireAccessLevel(v);
  if (field === 'secrecy') return requireSecrecyLevel(v);
  if (field === 'system' && v !== 'party' && v !== 'state') throw invalid(`system must be party|state: ${v}`);
  if (field === 'issuedDate') {
    const iso = parseUserDate(v);
    if (!iso)
      throw invalid(`ngày không hợp lệ / invalid date (dd/mm/yyyy, mm/yyyy, yyyy or yyyy-mm-dd): ${v}`);
    return iso;
  }
  if (v.length > 20_000) throw invalid(`${field} too long`);
  return v;
}

/** Fields citation resolution reads (the superior line places a Sở or a Huyện ủy: resolveTarget). */
const RESOLUTION_FIELDS = new Set<MetadataField>([
  'number',
  'docType',
  'issuedDate',
  'issuer',
  'issuerSuperior',
]);

export function requireDocument(db: Db, id: number): void {
  if (!db.prepare('SELECT 1 FROM documents WHERE id = ?').get(id)) throw notFound(`document #${id}`);
}

/** Who made a person's edit (RequestContext.actor.id); null where no caller is known (old paths, tests). */
export type EditActor = string | null;

function markUser(db: Db, id: number, field: MetadataField, now: string, actor: EditActor): void {
  // A person's value or confirmation: the suggestion's confidence stays on the row.
  writeFieldProvenance(db, id, FIELD_COLUMNS[field], {
    source: 'user',
    confidence: 'kept',
    updatedAt: now,
    actor,
  });
}

/** One field of a document as stored: its value and its provenance row (null: no row). */
export interface FieldState {
  value: string | null;
  provenance: {
    source: 'auto' | 'user';
    confidence: number | null;
    updatedAt: string;
    /** Absent in states saved before schema 6 (bulk undo items): then no one is recorded. */
    actor?: string | null;
  } | null;
}

export function readFieldState(db: Db, id: number, field: MetadataField): FieldState {
  const col = FIELD_COLUMNS[field];
  const value = db.prepare(`SELECT ${col} FROM documents WHERE id = ?`).pluck().get(id) as string | null;
  const p = db
    .prepare(
      'SELECT source, confidence, updated_at, actor FROM document_fields WHERE document_id = ? AND field = ?',
    )
    .get(id, col) as
    | { source: 'auto' | 'user'; confidence: number | null; updated_at: string; actor: string | null }
    | undefined;
  return {
    value: value ?? null,
    provenance: p
      ? { source: p.source, confidence: p.confidence, updatedAt: p.updated_at, actor: p.actor }
      : null,
  };
}

/** Puts a field back exactly as readFieldState saw it (value, number_key, provenance row). */
export function restoreFieldState(
  db: Db,
  id: number,
  field: MetadataField,
  state: FieldState,
  now: string,
): void {
  writeMetadataColumns(db, id, [[field, state.value]], now);
  const col = FIELD_COLUMNS[field];
  // Dropped first: the row put back may be a suggestion where a person's now is.
  dropFieldProvenance(db, id, col);
  if (state.provenance) {
    const p = state.provenance;
    writeFieldProvenance(db, id, col, {
      source: p.source,
      confidence: p.confidence,
      updatedAt: p.updatedAt,
      actor: p.actor ?? null,
    });
  }
}

/** Sets a document's updated_at (an undo puts the previous one back). */
export function setUpdatedAt(db: Db, id: number, updatedAt: string): void {
  db.prepare('UPDATE documents SET updated_at = ? WHERE id = ?').run(updatedAt, id);
}

/**
 * Sets metadata typed by a person: each given field (contract name or column name) is written and
 * marked source='user', so extraction never overwrites it again. Unknown fields and invalid values
 * are INVALID_INPUT; a missing document NOT_FOUND.
 */
export function updateDocumentMetadata(
  archive: Archive,
  id: number,
  patch: Partial<Record<string, string | null>>,
  actor: EditActor = null,
): DocumentDetail {
  const values = parseMetadataPatch(patch);
  archive.write((db) => {
    requireDocument(db, id);
    writeUserMetadata(db, id, values, new Date().toISOString(), actor);
  });
  const doc = getDocument(archive.db, id);
  if (!doc) throw notFound(`document #${id}`);
  return doc;
}

/** A person's validity override (null removes it); NOT_FOUND for a missing document. */
export function setDocumentValidity(
  archive: Archive,
  id: number,
  override: { status: ValidityOverride; note: string } | null,
  actor: EditActor = null,
): DocumentDetail {
  archive.write((db) => {
    requireDocument(db, id);
    writeValidityOverride(db, id, override, actor, new Date().toISOString());
  });
  const doc = getDocument(archive.db, id);
  if (!doc) throw notFound(`document #${id}`);
  return doc;
}

export type MetadataValues = Array<[MetadataField, string | null]>;

/** Validates a patch (contract or column names) into normalized values; INVALID_INPUT otherwise. */
export function parseMetadataPatch(patch: Partial<Record<string, string | null>>): MetadataValues {
  const entries = Object.entries(patch);
  if (entries.length === 0) throw invalid('no field given');
  const values: MetadataValues = [];
  for (const [k, raw] of entries) {
    const field = parseMetadataField(k);
    if (!field) throw invalid(`unknown field "${k}" (known: ${METADATA_FIELDS.join(', ')})`);
    values.push([field, normalizeMetadataValue(field, raw ?? null)]);
  }
  return values;
}

/**
 * The write of a person's edit, inside a write transaction (single edits and bulk edits alike): the
 * values, number_key, provenance 'user', and re-resolved citations when an identifying field changed.
 */
export function writeUserMetadata(
  db: Db,
  id: number,
  values: MetadataValues,
  now: string,
  actor: EditActor = null,
): void {
  writeMetadataColumns(db, id, values, now);
  for (const [field] of values) markUser(db, id, field, now, actor);
  reenrichAfterEdit(
    db,
    id,
    values.map(([f]) => f),
  );
}

/** Writes metadata columns (and number_key) as given; provenance is the caller's business. */
export function writeMetadataColumns(db: Db, id: number, values: MetadataValues, now: string): void {
  for (const [field, value] of values) {
    // Column names come from the closed FIELD_COLUMNS map, never from input.
    db.prepare(`UPDATE documents SET ${FIELD_COLUMNS[field]} = ?, updated_at = ? WHERE id = ?`).run(
      value,
      now,
      id,
    );
    if (field === 'number') {
      const key = value ? docNumberKey(value) : '';
      db.prepare('UPDATE documents SET number_key = ? WHERE id = ?').run(key === '' ? null : key, id);
    }
  }
}

/**
 * A new number, type, date or issuer can resolve citations (this document's and other documents' of
 * it): re-run enrichment, which never touches fields a person set. In a savepoint: if it fails, the
 * person's edit still stands.
 */
export function reenrichAfterEdit(db: Db, id: number, fields: readonly MetadataField[]): void {
  if (!fields.some((f) => RESOLUTION_FIELDS.has(f))) return;
  try {
    db.transaction(() => enrichDocument(db, id))();
  } catch (e) {
    console.error('enrichDocument after an edit failed', e);
  }
}

/** Confirms extracted suggestions as they are: provenance auto → user, values unchanged. */
/**
 * Confirms these fields' suggestions as they are; with `rules`, also the document as older extraction
 * rules read it (its olderRules notice is cleared: a person looked at it as it stands).
 */
export function confirmDocumentFields(
  archive: Archive,
  id: number,
  fields: string[],
  actor: EditActor = null,
  rules = false,
): DocumentDetail {
  const list = fields.map((k) => {
    const f = parseMetadataField(k);
    if (!f) throw invalid(`unknown field "${k}"`);
    return f;
  });
  archive.write((db) => {
    requireDocument(db, id);
    const now = new Date().toISOString();
    for (const f of list) markUser(db, id, f, now, actor);
    if (rules) markCurrentRules(db, id);
    db.prepare('UPDATE documents SET updated_at = ? WHERE id = ?').run(now, id);
  });
  const doc = getDocument(archive.db, id);
  if (!doc) throw notFound(`document #${id}`);
  return doc;
}

/**
 * Deletes a document with its files' rows, pages, tag links and relations (citations pointing at it
 * become unresolved again: target_id SET NULL). Its stored originals stay on disk: the next open
 * moves them to quarantine/ (reported), so a deletion can still be undone by re-importing them.
 */
export function deleteDocument(archive: Archive, id: number): void {
  archive.write((db) => {
    const r = db.prepare('DELETE FROM documents WHERE id = ?').run(id);
    if (r.changes === 0) throw notFound(`document #${id}`);
  });
}

/** A copy's metadata values, number key and field provenance. */
export type CarriedMetadata = Readonly<Record<MetadataField, string | null>> & {
  numberKey: string | null;
  fields: readonly CarriedField[];
};

/**
 * Merges one document's fields with a copy's (a bundle's) by provenance; returns the changed
 * columns. Empty fields are filled and a person's value ('user') replaces a suggestion ('auto'),
 * never the reverse. A person's clearing (source 'user', no value) is a value too: it empties a suggestion here, and a
 * clearing made here is never refilled by the bundle's suggestion.
 */
export function mergeCarriedMetadata(db: Db, id: number, d: CarriedMetadata): string[] {
  const row = db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as Record<string, unknown>;
  const byPerson = fieldsWithSource(db, id, 'user');
  const isEmpty = (v: unknown): boolean => v === null || v === '';
  const changed: string[] = [];
  for (const key of METADATA_FIELDS) {
    const column = FIELD_COLUMNS[key];
    const incoming = d[key];
    const current = row[column] as string | null;
    const prov = d.fields.find((f) => f.field === column);
    const theirsByPerson = prov?.source === 'user';
    const oursByPerson = byPerson.has(column);
    if (isEmpty(incoming)) {
      // No value there: only a person's clearing has something to say, and only over a suggestion.
      if (!theirsByPerson || oursByPerson) continue;
      if (!isEmpty(current)) {
        db.prepare(`UPDATE documents SET ${column} = ? WHERE id = ?`).run(
          normalizeMetadataValue(key, null),
          id,
        );
        if (key === 'number') db.prepare('UPDATE documents SET number_key = NULL WHERE id = ?').run(id);
      }
      carryField(db, id, prov);
      changed.push(isEmpty(current) ? `${column}:confirmed` : `${column}:cleared`);
      continue;
    }
    if (current === incoming) {
      // Same value: carry over a person's confirmation of what here is still a suggestion.
      if (theirsByPerson && !oursByPerson) {
        carryField(db, id, prov);
        changed.push(`${column}:confirmed`);
      }
      continue;
    }
    const fill = isEmpty(current) && !oursByPerson; // empty here, and not because a person cleared it
    const upgrade = theirsByPerson && !oursByPerson;
    if (!fill && !upgrade) continue;
    db.prepare(`UPDATE documents SET ${column} = ? WHERE id = ?`).run(incoming, id);
    if (key === 'number') db.prepare('UPDATE documents SET number_key = ? WHERE id = ?').run(d.numberKey, id);
    if (prov) carryField(db, id, prov);
    changed.push(column);
  }
  if (changed.length > 0) {
    db.prepare('UPDATE documents SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), id);
  }
  return changed;
}
