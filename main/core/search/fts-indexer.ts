// Keeps search_fts (migration 002) equal to the documents: a write hook consumes change_journal rows
// after the search-fts checkpoint and re-indexes the touched documents inside the same transaction,
// so a committed change is searchable and a rolled-back one never is.

import type { FtsIndexStore } from '../archive/fts-rows.js';
import { createFtsTotals } from './fts-totals.js';
import { fold } from '../text/normalize.js';
import { foldedWords, indexTerms, numberToken } from './search-terms.js';

export const FTS_CONSUMER = 'search-fts';
/** Bump when the terms stored per document change; a mismatching archive is re-indexed at open. */
export const FTS_INDEX_VERSION = '4';
const VERSION_META_KEY = 'search_fts_version';
/** Journal rows kept behind the slowest checkpoint, so a persisted in-memory index can catch up. */
const JOURNAL_RETENTION = 20_000;

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
export function createFtsIndexer(
  store: FtsIndexStore,
  onRow?: (id: number, row: string[] | null) => void,
): FtsIndexer {
  const { journal, source, rows: fts, meta } = store;
  const totals = createFtsTotals(store.totals, meta);
  let hooksSincePrune = 0;

  function rowOf(id: number): string[] | null {
    const d = source.document(id);
    if (!d) return null;
    const title = indexTerms(namedTitle(d.doc_type, d.title));
    const body = indexTerms(source.pageTexts(id).join('\n'));
    const numberCol = d.number
      ? `${d.number_key ? numberToken(d.number_key) : ''} ${foldedWords(d.number)}`.trim()
      : '';
    return [
      numberCol,
      title.f,
      title.b,
      title.a,
      foldedWords(source.tagNames(id).join(' . ')),
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
    fts.delete(id);
    const row = rowOf(id);
    if (row) fts.insert(id, row);
    onRow?.(id, row);
  }

  return {
    rowOf,
    catchUp(): number[] {
      const cp = journal.checkpointOf(FTS_CONSUMER);
      const rows = journal.entriesSince(cp);
      if (rows.length === 0) return [];
      const ids = [...new Set(rows.map((r) => r.document_id))];
      for (const id of ids) indexOne(id);
      journal.setCheckpoint(FTS_CONSUMER, rows[rows.length - 1]!.seq);
      if (++hooksSincePrune >= 50) {
        hooksSincePrune = 0;
        const min = journal.slowestCheckpoint();
        if (min > JOURNAL_RETENTION) journal.pruneThrough(min - JOURNAL_RETENTION);
      }
      return ids;
    },
    indexDocuments(ids) {
      for (const id of ids) indexOne(id);
    },
    needsRebuild() {
      return meta.read(VERSION_META_KEY) !== FTS_INDEX_VERSION;
    },
    markRebuilt() {
      meta.write(VERSION_META_KEY, FTS_INDEX_VERSION);
      journal.setCheckpoint(FTS_CONSUMER, journal.lastSeq());
      totals.requestRecompute();
    },
    settleTotals() {
      totals.settle();
    },
    repairTotals() {
      totals.repair();
    },
    checkpoint() {
      return journal.checkpointOf(FTS_CONSUMER);
    },
    pending() {
      return journal.countSince(journal.checkpointOf(FTS_CONSUMER));
    },
  };
}
