// What the search engine reads of documents, files, pages and citations besides its indexes: what a
// hit shows, what the query's intent boosts look up, and a change counter for its caches. Behind an
// interface so search holds no database handle (issue 13's storage seam); this is the SQLite side,
// each statement prepared once per store.

import type { Db } from './database.js';
import { filePagesReader, type PageRow } from './pages-repo.js';
import { fileReadingOrder } from './reading-order.js';

/** A document's fields a hit shows. */
export interface HitRow {
  id: number;
  uid: string;
  number: string | null;
  title: string;
  doc_type: string | null;
  issuer: string | null;
  issued_date: string | null;
  signer: string | null;
}

/** A document's file as a hit lists it. */
export interface HitFile {
  id: number;
  original_name: string;
  sha256: string;
  media_type: string;
  role: 'main' | 'attachment';
}

export interface SearchRows {
  /**
   * Differs after any write to the database, this connection's (total_changes()) or another's
   * (data_version): caches of slowly changing rows are kept while it stays the same.
   */
  dataVersion(): string;
  /** Every document id, ascending. */
  documentIds(): number[];
  /** How a document is named: its type and trích yếu. */
  nameOf(id: number): { doc_type: string | null; title: string } | undefined;
  /** The documents whose number has this key. */
  bearersOf(numberKey: string): number[];
  /** The documents citing this number key (each once). */
  citersOf(numberKey: string): number[];
  /** The citations of `prefix` itself and of the keys "prefix-…", with the cited type. */
  citersOfPrefix(prefix: string): { id: number; type: string | null }[];
  hitRow(id: number): HitRow | undefined;
  /** A document's files in reading order. */
  filesOf(id: number): HitFile[];
  /**
   * A file's pages in page order, streamed so snippets that stop early read no more (a statement of
   * this store's own: its iterator is not shared with pages-repo's cached one).
   */
  filePages(fileId: number): IterableIterator<PageRow>;
}

export function sqliteSearchRows(db: Db): SearchRows {
  const dataVersion = db
    .prepare<[], string>("SELECT total_changes() || ':' || (SELECT data_version FROM pragma_data_version)")
    .pluck();
  const documentIds = db.prepare<[], number>(`SELECT id FROM documents ORDER BY id`).pluck();
  const nameRow = db.prepare<[number], { doc_type: string | null; title: string }>(
    `SELECT doc_type, title FROM documents WHERE id = ?`,
  );
  const idsByNumberKey = db
    .prepare<[string], number>(`SELECT id FROM documents WHERE number_key = ?`)
    .pluck();
  const citersOfKey = db
    .prepare<[string], number>(`SELECT DISTINCT source_id FROM relations WHERE cited_number_key = ?`)
    .pluck();
  // Keys "p" and "p-…" ('-' sorts just before '.'), read off the index on cited_number_key.
  const citersOfKeyPrefix = db.prepare<[string, string, string], { id: number; type: string | null }>(
    `SELECT source_id AS id, cited_type AS type FROM relations
      WHERE cited_number_key = ? OR (cited_number_key >= ? AND cited_number_key < ?)`,
  );
  const docRow = db.prepare<[number], HitRow>(
    `SELECT id, uid, number, title, doc_type, issuer, issued_date, signer FROM documents WHERE id = ?`,
  );
  const filesOf = db.prepare<[number], HitFile>(
    `SELECT id, original_name, sha256, media_type, role FROM files WHERE document_id = ?
     ORDER BY ${fileReadingOrder()}`,
  );
  const pagesOfFile = filePagesReader(db);
  return {
    dataVersion: () => dataVersion.get()!,
    documentIds: () => documentIds.all(),
    nameOf: (id) => nameRow.get(id),
    bearersOf: (key) => idsByNumberKey.all(key),
    citersOf: (key) => citersOfKey.all(key),
    citersOfPrefix: (p) => citersOfKeyPrefix.all(p, `${p}-`, `${p}.`),
    hitRow: (id) => docRow.get(id),
    filesOf: (id) => filesOf.all(id),
    filePages: (fileId) => pagesOfFile(fileId),
  };
}
