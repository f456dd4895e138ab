// Bulk edits: one change (set a field, add a tag, confirm every suggestion) applied to many documents
// through the same writes as a single edit (so the search indexes follow in the same transaction),
// with what each document looked like before kept in bulk_changes / bulk_change_items, so the last
// change can be undone — also after a restart.
import {
  METADATA_FIELDS,
  type BulkChangeDto,
  type BulkField,
  type MetadataField,
} from '../../contract/dto.js';
import { appError } from '../../contract/errors.js';
import { accessCondition, READ_ALL, type ReadScope } from './access.js';
import type { Archive, Db } from './archive.js';
import {
  confirmDocumentFields,
  type EditActor,
  FIELD_COLUMNS,
  parseMetadataPatch,
  readFieldState,
  reenrichAfterEdit,
  requireDocument,
  restoreFieldState,
  setUpdatedAt,
  writeUserMetadata,
  type FieldState,
} from './documents-repo.js';
import {
  addTagToDocuments,
  deleteTag,
  findTag,
  normalizeTagName,
  removeTagFromDocuments,
} from './tags-repo.js';
import { VanKhoError } from '../errors/vankho-error.js';

export type BulkChange =
  | { kind: 'set'; field: BulkField; value: string | null }
  | { kind: 'addTag'; name: string }
  | { kind: 'confirmAll' };

/** Bulk changes kept for undo; older ones are forgotten. */
const KEEP_CHANGES = 20;

/** A document before the change: the fields it touched, its tag link, its updated_at. */
interface Before {
  updatedAt: string;
  fields?: Partial<Record<MetadataField, FieldState>>;
  /** addTag: the document carried the tag already. */
  hadTag?: boolean;
}

interface ChangeRow {
  id: number;
  kind: BulkChangeDto['kind'];
  field: string | null;
  value: string | null;
  created_tag_id: number | null;
  document_count: number;
  created_at: string;
  undone_at: string | null;
}

function dtoOf(r: ChangeRow): BulkChangeDto {
  const field = r.field ? (METADATA_FIELDS.find((f) => FIELD_COLUMNS[f] === r.field) ?? null) : null;
  return {
    id: r.id,
    kind: r.kind,
    field: field as BulkField | null,
    value: r.value,
    documentCount: r.document_count,
    createdAt: r.created_at,
    undoneAt: r.undone_at,
  };
}

function autoFields(db: Db, id: number): MetadataField[] {
  return METADATA_FIELDS.filter((f) => {
    const s = readFieldState(db, id, f);
    return s.provenance?.source === 'auto' && (s.value ?? '').trim() !== '';
  });
}

/**
 * Applies one change to every given document in one transaction (all or nothing: an unknown id or
 * an invalid value changes nothing) and records it for undo.
 */
export function applyBulkChange(
  archive: Archive,
  ids: readonly number[],
  change: BulkChange,
  actor: EditActor = null,
): BulkChangeDto {
  const documentIds = [...new Set(ids)];
  if (documentIds.length === 0) throw new VanKhoError(appError('INVALID_INPUT', 'no document given'));
  // Validate before writing anything (same rules as a single edit: dd/mm/yyyy dates and so on).
  const values = change.kind === 'set' ? parseMetadataPatch({ [change.field]: change.value }) : null;
  const tagName = change.kind === 'addTag' ? normalizeTagName(change.name) : null;
  const id = archive.write((db) => {
    for (const d of documentIds) requireDocument(db, d);
    const now = new Date().toISOString();
    const createdTag = tagName !== null && findTag(db, tagName) === null;
    const changeId = Number(
      db
        .prepare(
          `INSERT INTO bulk_changes (kind, field, value, document_count, created_at) VALUES (?, ?, ?, ?, ?)`,
        )
        .run(
          change.kind,
          values ? FIELD_COLUMNS[values[0]![0]] : null,
          values ? values[0]![1] : tagName,
          documentIds.length,
          now,
        ).lastInsertRowid,
    );
    const tagId = tagName !== null && !createdTag ? findTag(db, tagName)!.id : null;
    const hasTag = db.prepare<[number, number], number>(
      'SELECT 1 FROM document_tags WHERE document_id = ? AND tag_id = ?',
    );
    const saveItem = db.prepare(
      'INSERT INTO bulk_change_items (change_id, document_id, before) VALUES (?, ?, ?)',
    );
    const updatedAt = db.prepare<[number], string>('SELECT updated_at FROM documents WHERE id = ?').pluck();
    for (const d of documentIds) {
      const before: Before = { updatedAt: updatedAt.get(d)! };
      if (values) {
        before.fields = Object.fromEntries(values.map(([f]) => [f, readFieldState(db, d, f)]));
        writeUserMetadata(db, d, values, now, actor);
      } else if (change.kind === 'confirmAll') {
        const fields = autoFields(db, d);
        before.fields = Object.fromEntries(fields.map((f) => [f, readFieldState(db, d, f)]));
        if (fields.length > 0) confirmDocumentFields(archive, d, fields, actor);
      } else {
        before.hadTag = tagId !== null && hasTag.get(d, tagId) !== undefined;
      }
      saveItem.run(changeId, d, JSON.stringify(before));
    }
    if (tagName !== null) {
      const tag = addTagToDocuments(archive, documentIds, tagName);
      if (createdTag)
        db.prepare('UPDATE bulk_changes SET created_tag_id = ? WHERE id = ?').run(tag.id, changeId);
    }
    db.prepare('DELETE FROM bulk_changes WHERE id <= ?').run(changeId - KEEP_CHANGES);
    return changeId;
  });
  return getBulkChange(archive.db, id)!;
}

function getBulkChange(db: Db, id: number): BulkChangeDto | null {
  const r = db.prepare('SELECT * FROM bulk_changes WHERE id = ?').get(id) as ChangeRow | undefined;
  return r ? dtoOf(r) : null;
}

/**
 * The most recent bulk change not undone yet, or null — also when it touched a document `scope` may
 * not read: its count would tell of that document, and undoing it would change what one cannot see.
 */
function lastChangeRow(db: Db, scope: ReadScope): ChangeRow | undefined {
  const r = db
    .prepare('SELECT * FROM bulk_changes WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1')
    .get() as ChangeRow | undefined;
  if (!r || scope.all) return r;
  const unreadable = db
    .prepare<[number], number>(
      `SELECT 1 FROM bulk_change_items i JOIN documents d ON d.id = i.document_id
       WHERE i.change_id = ? AND NOT (${accessCondition(scope)}) LIMIT 1`,
    )
    .pluck()
    .get(r.id);
  return unreadable ? undefined : r;
}

export function lastBulkChange(db: Db, scope: ReadScope = READ_ALL): BulkChangeDto | null {
  const r = lastChangeRow(db, scope);
  return r ? dtoOf(r) : null;
}

function sameState(a: FieldState, b: FieldState): boolean {
  return a.value === b.value && a.provenance?.source === b.provenance?.source;
}

/**
 * Undoes the most recent bulk change not undone yet: every document it touched gets back exactly
 * its previous values, provenance (suggestion or confirmed), tag link and updated_at. A document
 * deleted since, or whose touched field a person changed again afterwards, is left as it is now
 * (counted as skipped). Null when there is nothing to undo.
 */
export function undoLastBulkChange(
  archive: Archive,
  scope: ReadScope = READ_ALL,
): { change: BulkChangeDto; restored: number; skipped: number } | null {
  return archive.write((db) => {
    const row = lastChangeRow(db, scope);
    if (!row) return null;
    const items = db
      .prepare<[number], { document_id: number; before: string }>(
        'SELECT document_id, before FROM bulk_change_items WHERE change_id = ? ORDER BY document_id',
      )
      .all(row.id);
    const exists = db.prepare<[number], number>('SELECT 1 FROM documents WHERE id = ?').pluck();
    const now = new Date().toISOString();
    const tag = row.kind === 'addTag' && row.value !== null ? findTag(db, row.value) : null;
    let restored = 0;
    let skipped = 0;
    for (const item of items) {
      const d = item.document_id;
      const before = JSON.parse(item.before) as Before;
      if (exists.get(d) === undefined) {
        skipped++;
        continue;
      }
      if (row.kind === 'addTag') {
        if (!before.hadTag && tag) removeTagFromDocuments(archive, [d], tag.id);
      } else {
        const fields = Object.entries(before.fields ?? {}) as Array<[MetadataField, FieldState]>;
        // What the change left: the set value, or the suggestion now confirmed (same value, 'user').
        const edited = fields.some(([f, was]) => {
          const expected: FieldState =
            row.kind === 'set'
              ? { value: row.value, provenance: { source: 'user', confidence: null, updatedAt: '' } }
              : { value: was.value, provenance: { source: 'user', confidence: null, updatedAt: '' } };
          return !sameState(readFieldState(db, d, f), expected);
        });
        if (edited) {
          skipped++;
          continue;
        }
        for (const [f, was] of fields) restoreFieldState(db, d, f, was, now);
        reenrichAfterEdit(
          db,
          d,
          fields.map(([f]) => f),
        );
      }
      setUpdatedAt(db, d, before.updatedAt);
      restored++;
    }
    if (row.created_tag_id !== null) {
      const t = findTag(db, row.created_tag_id);
      if (t && t.documentCount === 0) deleteTag(archive, t.id);
    }
    db.prepare('UPDATE bulk_changes SET undone_at = ? WHERE id = ?').run(now, row.id);
    return { change: getBulkChange(db, row.id)!, restored, skipped };
  });
}
