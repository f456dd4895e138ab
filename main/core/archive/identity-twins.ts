// Duplicate warning by identity (Nghị định 30/2020 Phụ lục VI III.1.h): two documents with the same
// số ký hiệu, cơ quan ban hành and year are one document filed twice, whatever their bytes. The one
// query for it, so import and editing warn alike. Numbers compare by number_key (docNumberKey, as
// citations resolve), issuers folded (no diacritics/case) after canonicalIssuer wrote them.
import type { Db } from './database.js';
import { accessCondition, type ReadScope } from './access.js';
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

/** The twins of a stored document, by its own identity. */
export function identityTwinsOf(db: Db, scope: ReadScope, documentId: number): number[] {
  const d = db
    .prepare<[number], { number: string | null; issuer: string | null; issued_date: string | null }>(
      'SELECT number, issuer, issued_date FROM documents WHERE id = ?',
    )
    .get(documentId);
  if (d === undefined) return [];
  return findIdentityTwins(
    db,
    scope,
    { number: d.number, issuer: d.issuer, issuedDate: d.issued_date },
    documentId,
  );
}
