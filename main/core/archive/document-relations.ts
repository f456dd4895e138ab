// Reads the citation graph around one document, in both directions (written by enrichDocument and
// by manual links): what it cites (resolved), what cites it, and the numbers it cites that are not
// in the archive ("cited but missing"). Beside the relations' writer (enrich-document.ts), not in
// ingest, which is to reach the tables only through the archive's stores (issue 13).

import type { DocumentRelations, RelationDto } from '../../contract/dto.js';
import type { Db } from './database.js';

interface RelationRow {
  id: number;
  kind: string;
  origin: 'auto' | 'manual';
  cited_number: string | null;
  cited_type: string | null;
  cited_date: string | null;
  cited_issuer: string | null;
  evidence: string | null;
  other_id: number | null;
  other_number: string | null;
  other_type: string | null;
  other_title: string | null;
  other_date: string | null;
}

export function listDocumentRelations(db: Db, documentId: number): DocumentRelations {
  const select = (otherCol: 'source_id' | 'target_id', where: string): RelationDto[] =>
    db
      .prepare<[number], RelationRow>(
        `SELECT r.id, r.kind, r.origin, r.cited_number, r.cited_type, r.cited_date, r.cited_issuer, r.evidence,
                d.id AS other_id, d.number AS other_number, d.doc_type AS other_type, d.title AS other_title,
                d.issued_date AS other_date
           FROM relations r LEFT JOIN documents d ON d.id = r.${otherCol}
          WHERE ${where} ORDER BY d.issued_date, r.id`,
      )
      .all(documentId)
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        origin: r.origin,
        other:
          r.other_id === null
            ? null
            : {
                id: r.other_id,
                number: r.other_number,
                docType: r.other_type,
                title: r.other_title ?? '',
                issuedDate: r.other_date,
              },
        citedNumber: r.cited_number,
        citedType: r.cited_type,
        citedDate: r.cited_date,
        citedIssuer: r.cited_issuer,
        evidence: r.evidence,
      }));
  return {
    cites: select('target_id', 'r.source_id = ? AND r.target_id IS NOT NULL'),
    citedBy: select('source_id', 'r.target_id = ?'),
    missing: select('target_id', 'r.source_id = ? AND r.target_id IS NULL'),
  };
}
