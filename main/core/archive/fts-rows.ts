// The full-text index's table search_fts (migration 002, FTS5 contentless) and its shadow tables:
// here FTS5's stored totals, which core/search/fts-totals.ts keeps exact (it says why and how).
// Behind interfaces so search holds no database handle (issue 13's storage seam); this is the SQLite
// side, each statement prepared once per store.

import type { Db } from './database.js';

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
