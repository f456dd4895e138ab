// change_journal (one row per change of a document, written by the triggers of migrations 001 and
// 011) and index_checkpoints (how far each derived index has consumed it): the journal reader the
// search indexes follow. Behind an interface so search holds no database handle (issue 13's storage
// seam); this is the SQLite side, each statement prepared once per store.

import type { Db } from './database.js';

export interface JournalEntry {
  seq: number;
  document_id: number;
}

export interface ChangeJournal {
  /** The consumer's journal position (0 when it has none yet). */
  checkpointOf(consumer: string): number;
  setCheckpoint(consumer: string, seq: number): void;
  /** The entries after `seq`, in journal order. */
  entriesSince(seq: number): JournalEntry[];
  /** The documents changed after `seq` (each once). */
  documentsChangedSince(seq: number): number[];
  /** How many entries follow `seq`. */
  countSince(seq: number): number;
  /** The first entry's seq still kept, null when the journal is empty. */
  firstSeq(): number | null;
  /** The last entry's seq (0 when the journal is empty). */
  lastSeq(): number;
  /** The slowest consumer's position (0 when there is none). */
  slowestCheckpoint(): number;
  /** Drops the entries up to and including `seq`. */
  pruneThrough(seq: number): void;
}

export function sqliteChangeJournal(db: Db): ChangeJournal {
  const getCheckpoint = db
    .prepare<[string], number>(`SELECT seq FROM index_checkpoints WHERE consumer = ?`)
    .pluck();
  const setCheckpoint = db.prepare<[string, number]>(
    `INSERT INTO index_checkpoints (consumer, seq) VALUES (?, ?)
     ON CONFLICT (consumer) DO UPDATE SET seq = excluded.seq`,
  );
  const entriesSince = db.prepare<[number], JournalEntry>(
    `SELECT seq, document_id FROM change_journal WHERE seq > ? ORDER BY seq`,
  );
  const documentsSince = db
    .prepare<[number], number>(`SELECT DISTINCT document_id FROM change_journal WHERE seq > ?`)
    .pluck();
  const countSince = db
    .prepare<[number], number>(`SELECT count(*) FROM change_journal WHERE seq > ?`)
    .pluck();
  const minSeq = db.prepare<[], number | null>(`SELECT min(seq) FROM change_journal`).pluck();
  const maxSeq = db.prepare<[], number | null>(`SELECT max(seq) FROM change_journal`).pluck();
  const minCheckpoint = db.prepare<[], number | null>(`SELECT min(seq) FROM index_checkpoints`).pluck();
  const prune = db.prepare<[number]>(`DELETE FROM change_journal WHERE seq <= ?`);
  return {
    checkpointOf: (consumer) => getCheckpoint.get(consumer) ?? 0,
    setCheckpoint: (consumer, seq) => void setCheckpoint.run(consumer, seq),
    entriesSince: (seq) => entriesSince.all(seq),
    documentsChangedSince: (seq) => documentsSince.all(seq),
    countSince: (seq) => countSince.get(seq) ?? 0,
    firstSeq: () => minSeq.get() ?? null,
    lastSeq: () => maxSeq.get() ?? 0,
    slowestCheckpoint: () => minCheckpoint.get() ?? 0,
    pruneThrough: (seq) => void prune.run(seq),
  };
}
