// Tình trạng hiệu lực (issue 12): derived from the relation graph at read time, so adding or removing
// a relation (an import that cites, a manual link, a trash move) changes it with no write of its own;
// a person's override (table document_validity, migration 011 — all of its SQL is here) wins.
import type { DocumentRef, DocumentValidity, ValidityOverride, ValidityStatus } from '../../contract/dto.js';
import type { Db } from './database.js';

interface SourceRow {
  kind: string;
  id: number;
  number: string | null;
  doc_type: string | null;
  title: string | null;
  issued_date: string | null;
}

interface OverrideRow {
  status: ValidityOverride;
  note: string;
  set_by: string | null;
  set_at: string;
}

/** The relation kinds that speak of the cited document's validity (relations.kind, domain.md). */
const GROUP_OF_KIND: Readonly<Record<string, ValidityGroup>> = {
  thay_the: 'replacedBy',
  bai_bo: 'repealedBy',
  sua_doi: 'amendedBy',
  bo_sung: 'amendedBy',
};
type ValidityGroup = 'replacedBy' | 'repealedBy' | 'amendedBy';
/** The same kinds as an SQL list, for the two reads below. */
const KINDS_SQL = Object.keys(GROUP_OF_KIND)
  .map((k) => `'${k}'`)
  .join(', ');

/**
 * Replacement outranks repeal outranks amendment: a document amended and later replaced is replaced.
 * Without a relation the archive knows nothing ('unknown'), which is not the same as in force.
 */
export function derivedValidity(v: Readonly<Record<ValidityGroup, readonly unknown[]>>): ValidityStatus {
  if (v.replacedBy.length > 0) return 'replaced';
  if (v.repealedBy.length > 0) return 'no-longer-in-force';
  if (v.amendedBy.length > 0) return 'amended';
  return 'unknown';
}

export function getDocumentValidity(db: Db, documentId: number): DocumentValidity {
  const lists: Record<ValidityGroup, DocumentRef[]> = { replacedBy: [], repealedBy: [], amendedBy: [] };
  // One document may cite another twice (two articles): each source is listed once per list.
  const seen = new Set<string>();
  for (const r of db
    .prepare<[number], SourceRow>(
      `SELECT r.kind, d.id, d.number, d.doc_type, d.title, d.issued_date
         FROM relations r JOIN documents d ON d.id = r.source_id
        WHERE r.target_id = ? AND r.source_id <> r.target_id AND r.kind IN (${KINDS_SQL})
        ORDER BY d.issued_date, d.id`,
    )
    .all(documentId)) {
    const group = GROUP_OF_KIND[r.kind];
    if (!group || seen.has(`${group}:${r.id}`)) continue;
    seen.add(`${group}:${r.id}`);
    lists[group].push({
      id: r.id,
      number: r.number,
      docType: r.doc_type,
      title: r.title ?? '',
      issuedDate: r.issued_date,
    });
  }
  const override = readValidityOverride(db, documentId);
  const derived = derivedValidity(lists);
  return { status: override ? override.status : derived, derived, ...lists, override };
}

/** A person's override of one document's validity, or null (bundles carry it as it is). */
export function readValidityOverride(db: Db, documentId: number): DocumentValidity['override'] {
  const o = db
    .prepare<[number], OverrideRow>(
      'SELECT status, note, set_by, set_at FROM document_validity WHERE document_id = ?',
    )
    .get(documentId);
  return o ? { status: o.status, note: o.note, setBy: o.set_by, setAt: o.set_at } : null;
}

/**
 * Every document's validity status at once, for search filters and facets (absent = 'unknown'): one
 * read of the relations that speak of validity and of the overrides, the rules of getDocumentValidity.
 */
export function validityStatuses(db: Db): Map<number, ValidityStatus> {
  const byRelations = new Map<number, Record<ValidityGroup, unknown[]>>();
  for (const [target, kind] of db
    .prepare<[], [number, string]>(
      `SELECT target_id, kind FROM relations
        WHERE target_id IS NOT NULL AND source_id <> target_id AND kind IN (${KINDS_SQL})`,
    )
    .raw()
    .all()) {
    let v = byRelations.get(target);
    if (!v) byRelations.set(target, (v = { replacedBy: [], repealedBy: [], amendedBy: [] }));
    v[GROUP_OF_KIND[kind]!].push(kind);
  }
  const out = new Map<number, ValidityStatus>();
  for (const [id, v] of byRelations) out.set(id, derivedValidity(v));
  for (const [id, status] of db
    .prepare<[], [number, ValidityOverride]>('SELECT document_id, status FROM document_validity')
    .raw()
    .all())
    out.set(id, status);
  return out;
}

/** Inside a write transaction: a person's override (null removes it, back to the derived status). */
export function writeValidityOverride(
  db: Db,
  documentId: number,
  override: { status: ValidityOverride; note: string } | null,
  actor: string | null,
  at: string,
): void {
  if (override === null) {
    db.prepare('DELETE FROM document_validity WHERE document_id = ?').run(documentId);
    return;
  }
  db.prepare(
    `INSERT INTO document_validity (document_id, status, note, set_by, set_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET status = excluded.status, note = excluded.note,
       set_by = excluded.set_by, set_at = excluded.set_at`,
  ).run(documentId, override.status, override.note.normalize('NFC'), actor, at);
}
