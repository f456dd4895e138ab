// Where a document's metadata value came from (document_fields, 001-initial.sql and 006-jobs.sql):
// 'auto', an extractor's suggestion with its confidence, or 'user', typed or confirmed by a person
// (with who). This module is the table's one write path — a person's edit and confirmation, a
// suggestion, a bundle's carried provenance, an undo and a re-extraction's drop all go through
// writeFieldProvenance / dropFieldProvenance — and holds the reads the writers decide by. It sits
// below documents-repo and enrich-document, which both write these fields.
import type { Db } from './database.js';
import { prepared } from './prepared.js';

export type FieldSource = 'auto' | 'user';

/** One provenance row to write for a field (the column name, as FIELD_COLUMNS gives it). */
export interface FieldProvenanceWrite {
  source: FieldSource;
  /** 'kept': the row's own confidence stays (a person confirming a suggestion); null on a new row. */
  confidence: number | null | 'kept';
  updatedAt: string;
  /** Who set it (a person's edit); null for a suggestion or a bundle's carried row. */
  actor: string | null;
}

/**
 * The one INSERT/UPDATE of document_fields: the row as given, over the field's row if there is one —
 * except that a suggestion ('auto') never replaces a person's ('user'): re-extraction and enrichment
 * may run over any document. An undo that puts a suggestion back drops the row first.
 */
export function writeFieldProvenance(
  db: Db,
  documentId: number,
  column: string,
  w: FieldProvenanceWrite,
): void {
  const keep = w.confidence === 'kept';
  prepared(
    db,
    `INSERT INTO document_fields (document_id, field, source, confidence, updated_at, actor)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (document_id, field) DO UPDATE SET source = excluded.source,
       confidence = CASE WHEN ? THEN document_fields.confidence ELSE excluded.confidence END,
       updated_at = excluded.updated_at, actor = excluded.actor
     WHERE excluded.source = 'user' OR document_fields.source = 'auto'`,
  ).run(documentId, column, w.source, keep ? null : w.confidence, w.updatedAt, w.actor, keep ? 1 : 0);
}

/** Removes a field's provenance row (`onlyAuto`: only when it is a suggestion). */
export function dropFieldProvenance(db: Db, documentId: number, column: string, onlyAuto = false): void {
  prepared(
    db,
    `DELETE FROM document_fields WHERE document_id = ? AND field = ?${onlyAuto ? " AND source = 'auto'" : ''}`,
  ).run(documentId, column);
}

/** The columns of a document whose provenance row has this source. */
export function fieldsWithSource(db: Db, documentId: number, source: FieldSource): Set<string> {
  return new Set(
    prepared(db, 'SELECT field FROM document_fields WHERE document_id = ? AND source = ?')
      .pluck()
      .all(documentId, source) as string[],
  );
}

/** A field's provenance as a copy of the document carries it (a bundle's document_fields row). */
export interface CarriedField {
  field: string;
  source: FieldSource;
  confidence: number | null;
  updatedAt: string;
}

/** Takes a carried field's provenance over what the document had for that field (no one here set it). */
export function carryField(db: Db, documentId: number, f: CarriedField): void {
  writeFieldProvenance(db, documentId, f.field, {
    source: f.source,
    confidence: f.confidence,
    updatedAt: f.updatedAt,
    actor: null,
  });
}
