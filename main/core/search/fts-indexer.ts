// Keeps search_fts (migration 002) equal to the documents: a write hook consumes change_journal rows
// after the search-fts checkpoint and re-indexes the touched documents inside the same transaction,
// so a committed change is searchable and a rolled-back one never is.

import type { Db } from '../archive/database.js';
import { createFtsTotals } from './fts-totals.js';
import { fold } from '../text/normalize.js';
import { foldedWords, indexTerms, numberToken } from './search-terms.js';
import { readMeta, sqliteMetaEntries, writeMeta } from '../archive/meta-store.js';
import { sqliteFtsTotalsRows } from '../archive/fts-rows.js';
import { documentPageTexts } from '../archive/pages-repo.js';

export const FTS_CONSUMER = 'search-fts';
/** Bump when the terms stored per document change; a mismatching archive is re-indexed at open. */
export const FTS_INDEX_VERSION = '4';
const VERSION_META_KEY = 'search_fts_version';
/** Journal rows kept behind the slowest checkpoint, so a persisted in-memory index can catch up. */
const JOURNAL_RETENTION = 20_000;

interface DocRow {
  id: number;
  title: string;
  number: string | null;
  number_key: string | null;
  doc_type: string | null;
  issuer: string | null;
  issuer_superior: string | null;
  signer: string | null;
}

/**
 * The title columns hold the type before the trích yếu ("Kế hoạch triển khai Chương trình…"): that
 * is how a document is named, so "ke hoach chuyen doi so" meets its pairs in the title.
 */
function namedTitle(type: string | null, title: string): string {
  if (!type || fold(title).startsWith(fold(type))) return title;
  return `${type} ${title}`;
}

export interface FtsIndexer {
  /** The column values (FTS_COLUMNS order) the index holds for a document, or null when it is gone. */
  rowOf(id: number): string[] | null;
  /** Re-indexes every document changed since the checkpoint; returns their ids. Call inside a write. */
  catchUp(): number[];
  /** (Re-)indexes the given documents (deleting rows of documents that no longer exist). */
  indexDocuments(ids: readonly number[]): void;
  /** True when the stored index was built by another analyzer version (or never). */
  needsRebuild(): boolean;
  /**
   * Marks the index as built by this version and moves the checkpoint to the journal's end; FTS5's
   * totals are then recomputed from docsize after the commit (exact whatever happened before).
   */
  markRebuilt(): void;
  /** Commit listener: pays the FTS5 totals debt of the committed edits (see fts-totals.ts). */
  settleTotals(): void;
  /** At open (writable archive): settles a debt left by a crash / fixes totals of older archives. */
  repairTotals(): void;
  /** Journal position of the index. */
  checkpoint(): number;
  /** Number of journal rows not yet consumed. */
  pending(): number;
}

/**
 * `onRow` sees every row written (null for a deleted document) inside the write transaction, so an
 * in-memory index can reuse the prepared terms instead of preparing them again.
 */
export function createFtsIndexer(db: Db, onRow?: (id: number, row: string[] | null) => void): FtsIndexer {
  const getCheckpoint = db
    .prepare<[string], number>(`SELECT seq FROM index_checkpoints WHERE consumer = ?`)
    .pluck();
  const setCheckpoint = db.prepare<[string, number]>(
    `INSERT INTO index_checkpoints (consumer, seq) VALUES (?, ?)
     ON CONFLICT (consumer) DO UPDATE SET seq = excluded.seq`,
  );
  const journalSince = db.prepare<[number], { seq: number; document_id: number }>(
    `SELECT seq, document_id FROM change_journal WHERE seq > ? ORDER BY seq`,
  );
  const pendingCount = db
    .prepare<[number], number>(`SELECT count(*) FROM change_journal WHERE seq > ?`)
    .pluck();
  const maxSeq = db.prepare<[], number | null>(`SELECT max(seq) FROM change_journal`).pluck();
  const minCheckpoint = db.prepare<[], number | null>(`SELECT min(seq) FROM index_checkpoints`).pluck();
  const prune = db.prepare<[number]>(`DELETE FROM change_journal WHERE seq <= ?`);
  const getDoc = db.prepare<[number], DocRow>(
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
  const totals = createFtsTotals(sqliteFtsTotalsRows(db), sqliteMetaEntries(db));
  let hooksSincePrune = 0;

  function rowOf(id: number): string[] | null {
    const d = getDoc.get(id);
    if (!d) return null;
    const title = indexTerms(namedTitle(d.doc_type, d.title));
    const body = indexTerms(documentPageTexts(db, id).join('\n'));
    const numberCol = d.number
      ? `${d.number_key ? numberToken(d.number_key) : ''} ${foldedWords(d.number)}`.trim()
      : '';
    return [
      numberCol,
      title.f,
      title.b,
      title.a,
      foldedWords(getTags.all(id).join(' . ')),
      foldedWords([d.issuer ?? '', d.issuer_superior ?? ''].join(' . ')),
      foldedWords(d.signer ?? ''),
      foldedWords(d.doc_type ?? ''),
      body.f,
      body.b,
      body.a,
    ];
  }

  function indexOne(id: number): void {
    // contentless_delete never lowers FTS5's totals: owe this row's sizes, paid after the commit.
    totals.noteRemoval(id);
    deleteRow.run(id);
    const row = rowOf(id);
    if (row) insertRow.run(id, ...row);
    onRow?.(id, row);
  }

  return {
    rowOf,
    catchUp(): number[] {
      const cp = getCheckpoint.get(FTS_CONSUMER) ?? 0;
      const rows = journalSince.all(cp);
      if (rows.length === 0) return [];
      const ids = [...new Set(rows.map((r) => r.document_id))];
      for (const id of ids) indexOne(id);
      setCheckpoint.run(FTS_CONSUMER, rows[rows.length - 1]!.seq);
      if (++hooksSincePrune >= 50) {
        hooksSincePrune = 0;
        const min = minCheckpoint.get() ?? 0;
        if (min > JOURNAL_RETENTION) prune.run(min - JOURNAL_RETENTION);
      }
      return ids;
    },
    indexDocuments(ids) {
      for (const id of ids) indexOne(id);
    },
    needsRebuild() {
      return readMeta(db, VERSION_META_KEY) !== FTS_INDEX_VERSION;
    },
    markRebuilt() {
      writeMeta(db, VERSION_META_KEY, FTS_INDEX_VERSION);
      setCheckpoint.run(FTS_CONSUMER, maxSeq.get() ?? 0);
      totals.requestRecompute();
    },
    settleTotals() {
      totals.settle();
    },
    repairTotals() {
      totals.repair();
    },
    checkpoint() {
      return getCheckpoint.get(FTS_CONSUMER) ?? 0;
    },
    pending() {
      return pendingCount.get(getCheckpoint.get(FTS_CONSUMER) ?? 0) ?? 0;
    },
  };
}
