// The full-text index's table search_fts (migration 002, FTS5 contentless) and its shadow tables:
// the rows core/search/fts-indexer.ts writes, what they are made of, and FTS5's stored totals, which
// core/search/fts-totals.ts keeps exact (it says why and how). Behind interfaces so search holds no
// database handle (issue 13's storage seam); this is the SQLite side, each statement prepared once
// per store (the indexer runs inside import transactions, row after row).

import { sqliteChangeJournal, type ChangeJournal } from './change-journal.js';
import type { Db } from './database.js';
import { sqliteMetaEntries, type MetaEntries } from './meta-store.js';
import { documentPageTexts } from './pages-repo.js';

/** FTS5_AVERAGES_ROWID: the id of the totals record in <table>_data. */
const AVERAGES_ID = 1;

/** FTS5's per-row sizes (docsize) and its totals record ("averages") of one FTS5 table. */
export interface FtsTotalsRows {
  /** The table's column count (read once by the caller). */
  columnCount(): number;
  /** The docsize blob of row `rowid` (varints: tokens per column), undefined when there is no row. */
  sizeOf(rowid: number): Buffer | undefined;
  /** Every row's docsize blob, read as it goes. */
  sizes(): IterableIterator<[Buffer]>;
  /** Number of docsize rows (the table's real row count). */
  sizeCount(): number;
  /** The totals record (varints: rows, tokens per column), undefined when FTS5 has none. */
  record(): Buffer | undefined;
  /** Overwrites the totals record (the caller's transaction must be one FTS5 takes no part in). */
  writeRecord(block: Buffer): void;
  /** True inside a transaction of this connection. */
  inTransaction(): boolean;
  /** Runs fn in one transaction of its own. */
  transaction(fn: () => void): void;
}

export function sqliteFtsTotalsRows(db: Db, table = 'search_fts'): FtsTotalsRows {
  const nCol = db.prepare<[string], number>(`SELECT count(*) FROM pragma_table_info(?)`).pluck();
  const getSize = db.prepare<[number], Buffer>(`SELECT sz FROM ${table}_docsize WHERE id = ?`).pluck();
  const allSizes = db.prepare<[], [Buffer]>(`SELECT sz FROM ${table}_docsize`).raw();
  const countSizes = db.prepare<[], number>(`SELECT count(*) FROM ${table}_docsize`).pluck();
  const getRecord = db.prepare<[number], Buffer>(`SELECT block FROM ${table}_data WHERE id = ?`).pluck();
  return {
    columnCount: () => nCol.get(table) ?? 0,
    sizeOf: (rowid) => getSize.get(rowid),
    sizes: () => allSizes.iterate(),
    sizeCount: () => countSizes.get() ?? 0,
    record: () => getRecord.get(AVERAGES_ID),
    writeRecord(block) {
      // Shadow tables are read-only in better-sqlite3's defensive mode: unsafe for this statement only.
      db.unsafeMode(true);
      try {
        db.prepare(`UPDATE ${table}_data SET block = ? WHERE id = ?`).run(block, AVERAGES_ID);
      } finally {
        db.unsafeMode(false);
      }
    },
    inTransaction: () => db.inTransaction,
    transaction: (fn) => db.transaction(fn)(),
  };
}

/** A document's fields its index row is made of. */
export interface FtsSourceDocument {
  id: number;
  title: string;
  number: string | null;
  number_key: string | null;
  doc_type: string | null;
  issuer: string | null;
  issuer_superior: string | null;
  signer: string | null;
}

/** What a document's index row is made of. */
export interface FtsSourceRows {
  document(id: number): FtsSourceDocument | undefined;
  /** Its tag names (in no particular order). */
  tagNames(id: number): string[];
  /** The page texts of all its files, in reading order. */
  pageTexts(id: number): string[];
}

/** The rows of search_fts, by document id (its rowid). */
export interface FtsRows {
  /** `columns` in the table's column order (core/search/fts-query.ts's FTS_COLUMNS). */
  insert(rowid: number, columns: readonly string[]): void;
  delete(rowid: number): void;
  /** FTS5's 'delete-all': every row at once (the totals record is reset too). */
  deleteAll(): void;
  rowids(): number[];
}

/** Everything the full-text indexer reads and writes. */
export interface FtsIndexStore {
  journal: ChangeJournal;
  source: FtsSourceRows;
  rows: FtsRows;
  totals: FtsTotalsRows;
  meta: MetaEntries;
}

// FTS5's own settings stay at their defaults (automerge 4, crisismerge 16, pgsz 4050): measured on
// these rows (5k and 10k generated documents, 500 per transaction), the insert's CPU is the
// tokenizing and hashing of the three body copies; automerge 16 / crisismerge 64 cut it by 0-20 %
// (nothing at 5k) for more segments per query, automerge 0 with an 'optimize' at the end gains nothing
// (the optimize costs what the merges saved), hashsize 16/64 MB nothing. The DELETE before each
// insert costs ~2 µs for a row never indexed (no docsize row: fts-totals owes nothing), so it stays.
export function sqliteFtsIndexStore(db: Db): FtsIndexStore {
  const getDoc = db.prepare<[number], FtsSourceDocument>(
    `SELECT id, title, number, number_key, doc_type, issuer, issuer_superior, signer FROM documents WHERE id = ?`,
  );
  const getTags = db
    .prepare<[number], string>(
      `SELECT t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id WHERE dt.document_id = ?`,
    )
    .pluck();
  const deleteRow = db.prepare<[number]>(`DELETE FROM search_fts WHERE rowid = ?`);
  const insertRow = db.prepare(
    `INSERT INTO search_fts (rowid, number, title_f, title_b, title_a, tags, issuer, signer, doctype, body_f, body_b, body_a)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const deleteAll = db.prepare(`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`);
  const rowids = db.prepare<[], number>(`SELECT rowid FROM search_fts`).pluck();
  return {
    journal: sqliteChangeJournal(db),
    source: {
      document: (id) => getDoc.get(id),
      tagNames: (id) => getTags.all(id),
      pageTexts: (id) => documentPageTexts(db, id),
    },
    rows: {
      insert: (rowid, columns) => void insertRow.run(rowid, ...columns),
      delete: (rowid) => void deleteRow.run(rowid),
      deleteAll: () => void deleteAll.run(),
      rowids: () => rowids.all(),
    },
    totals: sqliteFtsTotalsRows(db),
    meta: sqliteMetaEntries(db),
  };
}

/** Matches of an FTS5 query expression on search_fts, and its vocabulary's document frequencies. */
export interface FtsMatchRows {
  /** [rowid, bm25] of every match (lower is better); throws on an expression FTS5 rejects. */
  scored(expr: string): [number, number][];
  ids(expr: string): number[];
  /** How many rows hold `term`, undefined when none does. */
  docFrequency(term: string): number | undefined;
}

/** `weights`: bm25's weight of each column, in the table's column order. */
export function sqliteFtsMatch(db: Db, weights: readonly number[]): FtsMatchRows {
  const scored = db
    .prepare<[string], [number, number]>(
      `SELECT rowid, bm25(search_fts, ${weights.join(', ')}) FROM search_fts WHERE search_fts MATCH ?`,
    )
    .raw();
  const ids = db.prepare<[string], number>(`SELECT rowid FROM search_fts WHERE search_fts MATCH ?`).pluck();
  const df = db.prepare<[string], number>(`SELECT doc FROM search_fts_vocab WHERE term = ?`).pluck();
  return {
    scored: (expr) => scored.all(expr),
    ids: (expr) => ids.all(expr),
    docFrequency: (term) => df.get(term),
  };
}
