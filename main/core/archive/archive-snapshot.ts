// A consistent copy of a live archive's database, for backups: `VACUUM INTO` on a separate read-only
// connection is one read transaction, so the copy is whole even while another process imports (WAL
// readers never wait for the writer and need no archive lock). The copy is checked before anyone
// relies on it, and summarised: which originals it references, for the backup to carry.

import { statSync } from 'node:fs';
import { join } from 'node:path';
import { appError } from '../../contract/errors.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { DB_FILE_NAME, openArchive } from './archive.js';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from './database.js';
import { archiveUidOf } from './meta-store.js';

export interface SnapshotSummary {
  /** Every original the copy references, the trash's too (a restored backup can restore them). */
  files: Array<{ sha256: string; size: number; media_type: string }>;
  documents: number;
  schemaVersion: number;
  archiveUid: string | null;
}

/**
 * Writes the copy of the archive at `root` to `snapshotPath` and reads its summary. `beforeCopy` gets
 * the live database's size first (the caller's free-space check). `settle` may then write the checked
 * copy (its summary read), e.g. a backup ending its own job row in its copy.
 * ARCHIVE_CORRUPT when the copy fails its integrity check.
 */
export function snapshotArchive(
  root: string,
  snapshotPath: string,
  beforeCopy: (databaseBytes: number) => void = () => undefined,
  settle?: (copy: Db, summary: SnapshotSummary) => void,
): SnapshotSummary {
  // Read-only open: no lock, no migration, no sweep (ARCHIVE_NOT_FOUND / ARCHIVE_TOO_NEW as usual).
  const live = openArchive(root, { readonly: true });
  try {
    beforeCopy(statSync(join(root, DB_FILE_NAME)).size);
    live.db.prepare('VACUUM INTO ?').run(snapshotPath);
  } finally {
    live.close();
  }
  // A plain connection to write it: no migration, no WAL (the copy stays one self-contained file).
  const snap = settle ? new Database(snapshotPath) : openDatabase(snapshotPath, { readonly: true });
  try {
    const check = snap.pragma('integrity_check', { simple: true });
    if (check !== 'ok')
      throw new VanKhoError(appError('ARCHIVE_CORRUPT', `backup snapshot: ${String(check)}`));
    const summary = summaryOf(snap);
    settle?.(snap, summary);
    return summary;
  } finally {
    snap.close();
  }
}

function summaryOf(snap: Db): SnapshotSummary {
  const hasTrash = snap
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'trash_files'`)
    .get();
  const files = snap
    .prepare(
      hasTrash
        ? `SELECT sha256, size, media_type FROM files UNION
             SELECT sha256, size, '' FROM trash_files WHERE sha256 NOT IN (SELECT sha256 FROM files)
             ORDER BY sha256`
        : 'SELECT sha256, size, media_type FROM files ORDER BY sha256',
    )
    .all() as SnapshotSummary['files'];
  return {
    files,
    documents: snap.prepare('SELECT count(*) FROM documents').pluck().get() as number,
    schemaVersion: snap.pragma('user_version', { simple: true }) as number,
    archiveUid: archiveUidOf(snap),
  };
}
