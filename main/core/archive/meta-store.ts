// The meta table: the archive's own facts, key by value (its uid and when it was made, the versions
// its search index and citation links were made by, what was seeded once, its preferences). Its SQL
// lives here; each owner of a key keeps what the key means.
import type { Db } from './database.js';
import { prepared } from './prepared.js';

/** The value stored under `key`, or null when there is none. */
export function readMeta(db: Db, key: string): string | null {
  const v = prepared(db, 'SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  return v ?? null;
}

/** Sets `key` to `value`, whatever it held (inside the caller's write transaction). */
export function writeMeta(db: Db, key: string, value: string): void {
  prepared(
    db,
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

/** Sets `key` to `value` only when it holds nothing yet (a fact fixed once: the archive's uid). */
export function writeMetaOnce(db: Db, key: string, value: string): void {
  prepared(db, 'INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(key, value);
}

/** The key of the archive's uid, made once when the archive is created (archive.ts). */
export const ARCHIVE_UID_KEY = 'archive_uid';

/** The archive's uid, or null for an archive that has none (made before uids). */
export function archiveUidOf(db: Db): string | null {
  return readMeta(db, ARCHIVE_UID_KEY);
}

export function deleteMeta(db: Db, key: string): void {
  prepared(db, 'DELETE FROM meta WHERE key = ?').run(key);
}

/** The meta table as a store, for code that holds no database handle (issue 13's storage seam). */
export interface MetaEntries {
  read(key: string): string | null;
  write(key: string, value: string): void;
  delete(key: string): void;
}

export function sqliteMetaEntries(db: Db): MetaEntries {
  return {
    read: (key) => readMeta(db, key),
    write: (key, value) => writeMeta(db, key, value),
    delete: (key) => deleteMeta(db, key),
  };
}
