// Keeps FTS5's stored totals of search_fts exact, so bm25 ranks the same however the index got there.
//
// Why: with contentless_delete=1, FTS5 never lowers its totals (row count, tokens per column: the
// "averages" record, id 1 of search_fts_data) on DELETE or REPLACE, so every edit, tag change or
// reindex inflated them and bm25's idf/avgdl drifted (near-tied documents swapped). The per-row sizes
// in search_fts_docsize stay exact (rows go with their document), so the truth is recoverable.
//
// How (O(1) per edit, no scan of docsize):
// - Inside the write transaction, before the indexer deletes a row, its docsize (tokens per column +
//   one row) is added to a "debt" kept in meta (key search_fts_debt): a rollback drops it with the
//   delete, a crash after commit keeps it.
// - FTS5 caches the totals during a transaction and writes them at commit (verified: a patch made in
//   the same transaction is overwritten), so the debt is subtracted from the record after the commit,
//   in its own small transaction that leaves search_fts itself untouched.
// - Any pending debt is settled at open (crash between commit and fix-up). An archive whose record
//   disagrees with docsize and owes nothing (built before this fix) is recomputed from docsize once;
//   so is any state the debt cannot explain (delete-all, rows deleted around the indexer: the indexer
//   asks for a recompute after a full rebuild/reindex).
// Considered: flushing FTS5 mid-transaction with a SAVEPOINT and patching in place. It works in
// SQLite 3.53 but depends on FTS5's private savepoint behaviour; the debt keeps us on public ground.
// The record is only ever written when it (and docsize) has the layout expected for the table's
// column count; otherwise it is left alone (bm25 is then merely less exact, never broken).

import type { FtsTotalsRows } from '../archive/fts-rows.js';
import type { MetaEntries } from '../archive/meta-store.js';

const DEBT_KEY = 'search_fts_debt';
/** Debt value asking for a recompute of the whole record from docsize after the commit. */
const RECOMPUTE = 'recompute';

export interface FtsTotals {
  /** In the write transaction, before row `rowid` of search_fts is deleted: owe its sizes. */
  noteRemoval(rowid: number): void;
  /** In the write transaction: after commit, recompute the record from docsize (full rebuilds). */
  requestRecompute(): void;
  /** After a commit, outside any transaction: pays the debt into the record. Cheap when none. */
  settle(): void;
  /** At open (writable): settles a debt left by a crash, or recomputes a record that disagrees. */
  repair(): void;
}

/** Decodes SQLite varints (as FTS5 writes them) filling `buf` exactly; null on any other layout. */
export function decodeVarints(buf: Uint8Array): number[] | null {
  const out: number[] = [];
  let pos = 0;
  while (pos < buf.length) {
    let v = 0;
    let done = false;
    // Eight 7-bit groups cover every total we can hold exactly; the 9-byte form (>= 2^56) never occurs.
    for (let i = 0; i < 8 && pos < buf.length; i++) {
      const b = buf[pos++]!;
      v = v * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) {
        done = true;
        break;
      }
    }
    if (!done || !Number.isSafeInteger(v)) return null;
    out.push(v);
  }
  return out;
}

/** Encodes non-negative safe integers as SQLite varints (big-endian 7-bit groups). */
export function encodeVarints(values: readonly number[]): Buffer {
  const bytes: number[] = [];
  for (let v of values) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`not a varint value: ${v}`);
    const groups: number[] = [];
    do {
      groups.unshift(v % 128);
      v = Math.floor(v / 128);
    } while (v > 0);
    groups.forEach((g, i) => bytes.push(i < groups.length - 1 ? g | 0x80 : g));
  }
  return Buffer.from(bytes);
}

/** `rows`: FTS5's sizes and totals of search_fts; `meta` holds the debt between commit and fix-up. */
export function createFtsTotals(rows: FtsTotalsRows, meta: MetaEntries): FtsTotals {
  const nCol = rows.columnCount();
  let warned = false;

  function warn(what: string): void {
    if (warned) return;
    warned = true;
    console.warn(`search: FTS totals left as they are (${what}); ranking may be slightly off`);
  }

  /** [rows, tokens per column…] of the record, or null when its layout is not the expected one. */
  function readRecord(): number[] | null {
    const block = rows.record();
    if (block === undefined) return null;
    if (block.length === 0) return new Array<number>(nCol + 1).fill(0); // fresh or after delete-all
    const v = decodeVarints(block);
    return v && v.length === nCol + 1 ? v : null;
  }

  function readDebt(): number[] | typeof RECOMPUTE | null {
    const raw = meta.read(DEBT_KEY);
    if (raw === null) return null;
    if (raw === RECOMPUTE) return RECOMPUTE;
    try {
      const v: unknown = JSON.parse(raw);
      if (
        Array.isArray(v) &&
        v.length === nCol + 1 &&
        v.every((x) => Number.isSafeInteger(x) && (x as number) >= 0)
      ) {
        return v as number[];
      }
    } catch {
      // falls through: an unreadable debt is settled by recomputing
    }
    return RECOMPUTE;
  }

  /** Exact [rows, tokens per column…] from docsize (O(N): open-time and after rebuilds only). */
  function sumDocsize(): number[] | null {
    const sums = new Array<number>(nCol + 1).fill(0);
    for (const [sz] of rows.sizes()) {
      const cols = sz ? decodeVarints(sz) : null;
      if (!cols || cols.length !== nCol) return null;
      sums[0]!++;
      for (let i = 0; i < nCol; i++) sums[i + 1]! += cols[i]!;
    }
    return sums;
  }

  /** Writes the record (call in a transaction FTS5 takes no part in: it would overwrite it at commit). */
  function writeRecord(values: readonly number[]): void {
    rows.writeRecord(encodeVarints(values));
  }

  /** Recomputes the record from docsize; leaves it untouched when a layout is unexpected. */
  function recompute(): void {
    if (readRecord() === null) return warn('unexpected averages record');
    const sums = sumDocsize();
    if (!sums) return warn('unexpected docsize row');
    writeRecord(sums);
  }

  function settleNow(): void {
    const debt = readDebt();
    if (debt === null) return;
    rows.transaction(() => {
      if (debt === RECOMPUTE) {
        recompute();
      } else {
        const rec = readRecord();
        if (rec === null) warn('unexpected averages record');
        else {
          const next = rec.map((v, i) => v - debt[i]!);
          // Owing more than the record holds means it was reset behind the debt's back (delete-all).
          if (next.some((v) => v < 0)) recompute();
          else writeRecord(next);
        }
      }
      // Also cleared when the record was left alone: a debt that cannot be paid must not grow forever.
      meta.delete(DEBT_KEY);
    });
  }

  return {
    noteRemoval(rowid) {
      const sz = rows.sizeOf(rowid);
      if (sz === undefined) return; // no row: the DELETE changes nothing
      const debt = readDebt();
      if (debt === RECOMPUTE) return;
      const cols = sz ? decodeVarints(sz) : null;
      if (!cols || cols.length !== nCol) {
        meta.write(DEBT_KEY, RECOMPUTE);
        return;
      }
      const next = debt ?? new Array<number>(nCol + 1).fill(0);
      next[0]!++;
      for (let i = 0; i < nCol; i++) next[i + 1]! += cols[i]!;
      meta.write(DEBT_KEY, JSON.stringify(next));
    },
    requestRecompute() {
      meta.write(DEBT_KEY, RECOMPUTE);
    },
    settle() {
      if (rows.inTransaction()) return; // paid after the outer commit
      settleNow();
    },
    repair() {
      if (rows.inTransaction()) return;
      settleNow();
      const rec = readRecord();
      // Every inflation adds a row, so comparing row counts (no scan) finds archives needing a fix.
      if (rec && rec[0] !== rows.sizeCount()) rows.transaction(() => recompute());
    },
  };
}
