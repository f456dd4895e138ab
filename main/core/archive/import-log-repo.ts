// The import history: import_batches (one row per import of files or of a bundle) and import_log (a
// line per file or bundle document). Every statement on them lives here: the file import, the bundle
// import, the sweep on open and the archive check all read or write the same rows, so "a batch left
// running" means one thing everywhere.

import type { Db } from './database.js';
import { prepared } from './prepared.js';

export type ImportBatchStatus = 'running' | 'done' | 'cancelled' | 'failed';

/** One line of the import log; message_* hold the vi/en text of an error or warning, if any. */
export interface ImportLogRow {
  path: string;
  outcome: string;
  documentId: number | null;
  sha256: string | null;
  code?: string | null;
  messageVi?: string | null;
  messageEn?: string | null;
}

/** A batch that starts now and is 'running' until closeImportBatch (a crash leaves it so). */
export function openImportBatch(db: Db, startedAt: string, total: number): number {
  return Number(
    prepared(db, `INSERT INTO import_batches (started_at, status, total) VALUES (?, 'running', ?)`).run(
      startedAt,
      total,
    ).lastInsertRowid,
  );
}

export function closeImportBatch(
  db: Db,
  batchId: number,
  status: Exclude<ImportBatchStatus, 'running'>,
): void {
  prepared(db, 'UPDATE import_batches SET status = ?, finished_at = ? WHERE id = ?').run(
    status,
    new Date().toISOString(),
    batchId,
  );
}

/** A batch applied in one transaction (a bundle): written already done. */
export function insertDoneImportBatch(db: Db, at: string, total: number): number {
  return Number(
    prepared(
      db,
      `INSERT INTO import_batches (started_at, finished_at, status, total) VALUES (?, ?, 'done', ?)`,
    ).run(at, at, total).lastInsertRowid,
  );
}

export function insertImportLog(
  db: Db,
  batchId: number,
  row: ImportLogRow,
  at = new Date().toISOString(),
): void {
  prepared(
    db,
    `INSERT INTO import_log (batch_id, path, outcome, document_id, sha256, code, message_vi, message_en, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    batchId,
    row.path,
    row.outcome,
    row.documentId,
    row.sha256,
    row.code ?? null,
    row.messageVi ?? null,
    row.messageEn ?? null,
    at,
  );
}

/** Batches still 'running'. Read under the archive lock, these belong to a process that is gone. */
export function runningImportBatches(db: Db): number[] {
  return db.prepare(`SELECT id FROM import_batches WHERE status = 'running'`).pluck().all() as number[];
}

/** Marks interrupted batches failed (the sweep on open); returns their ids. */
export function failRunningImportBatches(db: Db): number[] {
  const ids = runningImportBatches(db);
  if (ids.length > 0) {
    db.prepare(`UPDATE import_batches SET status = 'failed', finished_at = ? WHERE status = 'running'`).run(
      new Date().toISOString(),
    );
  }
  return ids;
}
