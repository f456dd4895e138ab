// What the instant-find index (core/search/instant-index.ts) reads from the archive: each document's
// number, title, type, issuer, signer and tags, and the few columns a hit shows. Behind an interface so
// search holds no database handle (issue 13's storage seam); this is the SQLite side.

import type { Db } from './database.js';

/** The words a document is found by as the user types. `tags`: its tag names joined by " · ". */
export interface IdentityRow {
  id: number;
  number: string | null;
  title: string;
  doc_type: string | null;
  issuer: string | null;
  signer: string | null;
  tags: string | null;
}

/** What an instant hit shows. */
export interface IdentityHitRow {
  id: number;
  number: string | null;
  title: string;
  doc_type: string | null;
  issuer: string | null;
  issued_date: string | null;
}

export interface IdentityRows {
  /** Every document, read as it goes (an archive of 200k is not held as rows at once). */
  all(): Iterable<IdentityRow>;
  one(id: number): IdentityRow | undefined;
  hit(id: number): IdentityHitRow | undefined;
}

export function sqliteIdentityRows(db: Db): IdentityRows {
  const select = `SELECT d.id, d.number, d.title, d.doc_type, d.issuer, d.signer,
      (SELECT group_concat(t.name, ' · ') FROM document_tags dt JOIN tags t ON t.id = dt.tag_id
        WHERE dt.document_id = d.id) AS tags
    FROM documents d`;
  const one = db.prepare<[number], IdentityRow>(`${select} WHERE d.id = ?`);
  const all = db.prepare<[], IdentityRow>(select);
  const hit = db.prepare<[number], IdentityHitRow>(
    `SELECT id, number, title, doc_type, issuer, issued_date FROM documents WHERE id = ?`,
  );
  return {
    all: () => all.iterate(),
    one: (id) => one.get(id),
    hit: (id) => hit.get(id),
  };
}
