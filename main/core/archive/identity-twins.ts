// Duplicate warning by identity (Nghị định 30/2020 Phụ lục VI III.1.h): two documents with the same
// số ký hiệu, cơ quan ban hành and year are one document filed twice, whatever their bytes. The one
// query for it, so import and editing warn alike. Numbers compare by number_key (docNumberKey, as
// citations resolve), issuers folded (no diacritics/case) after canonicalIssuer wrote them.
import type { Archive, Db } from './archive.js';
import type { IdentityTwinDto } from '../../contract/dto.js';
import { appError } from '../../contract/errors.js';
import { accessCondition, requireReadableDocument, type ReadScope } from './access.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { docNumberKey } from '../text/doc-number.js';
import { fold } from '../text/normalize.js';

export interface DocumentIdentity {
  number: string | null;
  issuer: string | null;
  /** yyyy-mm-dd or yyyy; only the year counts. */
  issuedDate: string | null;
}

/**
 * Ids of readable documents (other than `exceptId`) with the same identity, oldest first; [] when
 * the identity is incomplete (without all three parts nothing can be called the same document).
 */
export function findIdentityTwins(
  db: Db,
  scope: ReadScope,
  identity: DocumentIdentity,
  exceptId: number | null = null,
): number[] {
  const key = identity.number ? docNumberKey(identity.number) : '';
  const year = identity.issuedDate?.slice(0, 4) ?? '';
  const issuer = identity.issuer ? fold(identity.issuer).replace(/\s+/g, ' ').trim() : '';
  if (key === '' || !/^\d{4}$/.test(year) || issuer === '') return [];
  const access = accessCondition(scope);
  const rows = db
    .prepare<[string, string, number], { id: number; issuer: string | null }>(
      `SELECT d.id, d.issuer FROM documents d
        WHERE d.number_key = ? AND substr(d.issued_date, 1, 4) = ? AND d.id != ?
        ${access ? `AND ${access}` : ''} ORDER BY d.id`,
    )
    .all(key, year, exceptId ?? -1);
  return rows
    .filter((r) => r.issuer !== null && fold(r.issuer).replace(/\s+/g, ' ').trim() === issuer)
    .map((r) => r.id);
}

/** The twins of a stored document, by its own identity, without the pairs a person kept apart. */
export function identityTwinsOf(db: Db, scope: ReadScope, documentId: number): number[] {
  const d = db
    .prepare<[number], { number: string | null; issuer: string | null; issued_date: string | null }>(
      'SELECT number, issuer, issued_date FROM documents WHERE id = ?',
    )
    .get(documentId);
  if (d === undefined) return [];
  const dismissed = new Set(
    db
      .prepare<[number, number], number>(
        `SELECT high_id FROM identity_twin_dismissals WHERE low_id = ?
         UNION SELECT low_id FROM identity_twin_dismissals WHERE high_id = ?`,
      )
      .pluck()
      .all(documentId, documentId),
  );
  return findIdentityTwins(
    db,
    scope,
    { number: d.number, issuer: d.issuer, issuedDate: d.issued_date },
    documentId,
  ).filter((id) => !dismissed.has(id));
}

/** The twins as the contract shows them (số ký hiệu, trích yếu, ngày), oldest first. */
export function identityTwinRefs(db: Db, scope: ReadScope, documentId: number): IdentityTwinDto[] {
  const ids = identityTwinsOf(db, scope, documentId);
  const get = db.prepare<
    [number],
    { id: number; number: string | null; title: string; issued_date: string | null }
  >('SELECT id, number, title, issued_date FROM documents WHERE id = ?');
  return ids.flatMap((id) => {
    const r = get.get(id);
    return r ? [{ id: r.id, number: r.number, title: r.title, issuedDate: r.issued_date }] : [];
  });
}

/**
 * "Keep both": the two documents are not one filed twice, so the pair stops warning (for everyone).
 * Both must be readable by the caller and twins of each other.
 */
export function keepIdentityTwinsApart(
  archive: Archive,
  scope: ReadScope,
  documentId: number,
  otherId: number,
  by: string | null,
): void {
  requireReadableDocument(archive.db, scope, documentId);
  requireReadableDocument(archive.db, scope, otherId);
  if (!identityTwinsOf(archive.db, scope, documentId).includes(otherId))
    throw new VanKhoError(
      appError(
        'INVALID_INPUT',
        `#${documentId}, #${otherId}: không cùng số ký hiệu, cơ quan ban hành và năm / not the same number, issuer and year`,
      ),
    );
  const [low, high] = documentId < otherId ? [documentId, otherId] : [otherId, documentId];
  archive.write((db) =>
    db
      .prepare(
        `INSERT OR IGNORE INTO identity_twin_dismissals (low_id, high_id, dismissed_by, dismissed_at) VALUES (?, ?, ?, ?)`,
      )
      .run(low, high, by, new Date().toISOString()),
  );
}

/** A kept-apart pair as the trash keeps it: by the other document's uid (ids are reused). */
export interface KeptApart {
  otherUid: string;
  by: string | null;
  at: string;
}

/** The pairs `documentId` is kept apart in, for its trash snapshot (the rows go with the document). */
export function keptApartOf(db: Db, documentId: number): KeptApart[] {
  return db
    .prepare<[number, number, number], KeptApart>(
      `SELECT o.uid AS otherUid, k.dismissed_by AS by, k.dismissed_at AS at FROM identity_twin_dismissals k
        JOIN documents o ON o.id = CASE WHEN k.low_id = ? THEN k.high_id ELSE k.low_id END
        WHERE ? IN (k.low_id, k.high_id) AND o.id != ?`,
    )
    .all(documentId, documentId, documentId);
}

/** Puts a restored document's kept-apart pairs back, with the documents still (or again) here. */
export function restoreKeptApart(db: Db, documentId: number, pairs: readonly KeptApart[]): void {
  const byUid = db.prepare<[string], number>('SELECT id FROM documents WHERE uid = ?').pluck();
  const insert = db.prepare(
    `INSERT OR IGNORE INTO identity_twin_dismissals (low_id, high_id, dismissed_by, dismissed_at) VALUES (?, ?, ?, ?)`,
  );
  for (const p of pairs) {
    const other = byUid.get(p.otherUid);
    if (other === undefined || other === documentId) continue;
    insert.run(Math.min(documentId, other), Math.max(documentId, other), p.by, p.at);
  }
}
