import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appError } from '../../contract/errors.js';
import { acquireArchiveLock, LOCK_FILE_NAME, type ArchiveLock } from './archive-lock.js';
import { QUARANTINE_DIR, sweepArchive, type SweepReport } from './archive-sweep.js';
import { CONVERT_ON_OPEN_MAX_BYTES, convertPageSize, openDatabase, type Db } from './database.js';
import { removeStaleTempFiles } from './durable-file.js';
import { FileStore } from './file-store.js';
import { ARCHIVE_UID_KEY, writeMetaOnce } from './meta-store.js';
import { interruptRunningJobs } from './jobs-store.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { toVanKhoError } from '../errors/to-vankho-error.js';
import {
  cachedQuickCheck,
  damagedError,
  rebuildDamagedIndexes,
  rememberCheck,
  type IntegrityReport,
} from './integrity.js';

export type { Db } from './database.js';

export const DB_FILE_NAME = 'archive.sqlite';
export const DERIVED_DIR_NAME = 'derived';

export interface OpenArchiveOptions {
  /** Create the folder and database when missing (default true). With false a missing archive is ARCHIVE_NOT_FOUND. */
  create?: boolean;
  /** Read-only: no lock, no migration, no sweep; writes throw. */
  readonly?: boolean;
  /** better-sqlite3 native binary for another runtime (Electron). */
  nativeBinding?: string;
  /**
   * Recovery in place (`vankho recover`): under the lock, the current database (with its -wal/-shm)
   * is renamed aside to archive.sqlite.damaged-<time>, derived/ is cleared (its caches describe
   * that database), a fresh database is created, and stored originals are NOT quarantined: the
   * caller re-imports them.
   */
  recover?: boolean;
}

export type WriteHook = (db: Db) => void;

export interface Archive {
  readonly dir: string;
  readonly db: Db;
  readonly files: FileStore;
  /** dir/derived: caches and indexes that can be deleted and rebuilt from the database and originals (R1). */
  readonly derivedDir: string;
  readonly readonly: boolean;
  /** What the open-time sweep found (empty when read-only). */
  readonly sweep: SweepReport;
  /** Recovery: where the damaged database was kept (null when there was none, or not recovering). */
  readonly damagedDbKeptAs: string | null;
  /**
   * The quick_check of a writable open (cached while the file is unchanged); null when read-only.
   * When not ok, write() refuses with ARCHIVE_CORRUPT naming the damage; reads still work.
   */
  readonly integrity: IntegrityReport | null;
  /** Rebuilds damaged indexes when only indexes are damaged (reindex); returns the new check. */
  repairIndexes(): IntegrityReport | null;
  /**
   * Runs fn in one write transaction, then every registered write hook inside the same transaction
   * (so derived tables commit or roll back with the change), then, after commit, the commit listeners.
   * Nested calls join the outer transaction; hooks run once per call, listeners once per outer commit.
   * `{ durable: false }` (the audit rows of reads, a few per document opened): an outermost write in
   * WAL mode commits without its own fsync (synchronous=NORMAL). Still atomic and safe from
   * corruption, and kept if the process dies; only a power cut or OS crash may lose it, until the
   * next durable commit or checkpoint syncs the log. Each fsync blocked the one thread that answers
   * every caller (issue 14's load run: two per document opened).
   */
  write<T>(fn: (db: Db) => T, opts?: { durable?: boolean }): T;
  addWriteHook(hook: WriteHook): () => void;
  addCommitListener(fn: () => void): () => void;
  /** Called when an outermost write() rolls back (what write hooks staged for the commit is void). */
  addRollbackListener(fn: () => void): () => void;
  close(): void;
}

/**
 * Opens an archive folder: takes the archive lock (ARCHIVE_LOCKED for a second process), opens and
 * migrates archive.sqlite (ARCHIVE_TOO_NEW for a newer schema), sweeps staging leftovers and moves
 * orphan originals to quarantine. Every write to the database goes through archive.write().
 */
export function openArchive(dir: string, opts: OpenArchiveOptions = {}): Archive {
  const root = resolve(dir);
  const readonly = opts.readonly ?? false;
  const recover = opts.recover ?? false;
  const dbFile = join(root, DB_FILE_NAME);
  if (recover && (readonly || !existsSync(root))) {
    throw new VanKhoError(appError('ARCHIVE_NOT_FOUND', root));
  }
  // Originals without a catalogue are a damaged archive, never a new one: creating or migrating an
  // empty database here would quarantine every original and call the result healthy. Counted only
  // when the catalogue is missing or empty (a walk of files/).
  const lostCatalogue = (): VanKhoError | null => {
    const originals = countStoredOriginals(root);
    return originals > 0
      ? new VanKhoError(appError('ARCHIVE_CORRUPT', lostCatalogueDetail(root, originals)))
      : null;
  };
  if (!recover && !existsSync(dbFile)) {
    if (readonly || opts.create === false) throw missingCatalogueError(root);
    const lost = lostCatalogue();
    if (lost) throw lost;
    const refused = createRefusal(root);
    if (refused) throw refused;
    mkdirSync(root, { recursive: true });
  }
  const lock: ArchiveLock | null = readonly ? null : acquireArchiveLock(root);
  let db: Db;
  let damagedDbKeptAs: string | null = null;
  try {
    if (recover) damagedDbKeptAs = setDamagedDatabaseAside(root);
    db = openDatabase(dbFile, {
      readonly,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
      ...(recover ? {} : { emptyIsCorrupt: lostCatalogue }),
    });
  } catch (e) {
    lock?.release();
    // A damaged database surfaces as ARCHIVE_CORRUPT (R8: the file is left as it is, nothing is written).
    throw toVanKhoError(e, { detail: dbFile });
  }
  const files = new FileStore(root);
  const derivedDir = join(root, DERIVED_DIR_NAME);
  let sweep: SweepReport = {
    stagingRemoved: [],
    quarantined: [],
    interruptedBatches: [],
    quarantineRedundantRemoved: [],
    partialsRemoved: [],
  };
  let integrity: IntegrityReport | null = null;
  try {
    if (!readonly) {
      mkdirSync(files.root, { recursive: true });
      mkdirSync(derivedDir, { recursive: true });
      // A derived file's write killed before its rename (we hold the lock: no writer is live).
      removeStaleTempFiles(derivedDir);
      integrity = cachedQuickCheck(db, dbFile, derivedDir);
      // A damaged database is not written, not even by the sweep (its writes could spread the damage).
      if (integrity.ok) {
        // An archive made before 16 KB pages is rewritten once (atomic; skipped while a reader has
        // it); a large one by the reindex job, not by an open that would take minutes.
        convertPageSize(db, dbFile, { maxBytes: CONVERT_ON_OPEN_MAX_BYTES });
        initMeta(db);
        sweep = sweepArchive(root, db, files, { quarantineOrphans: !recover });
        // Jobs a killed or crashed process left 'running' (we hold the write lock: it is gone).
        interruptRunningJobs(db);
      }
    }
  } catch (e) {
    db.close();
    lock?.release();
    throw toVanKhoError(e);
  }

  const hooks = new Set<WriteHook>();
  const listeners = new Set<() => void>();
  const rollbackListeners = new Set<() => void>();
  let depth = 0;
  let closed = false;
  const wal = !readonly && db.pragma('journal_mode', { simple: true }) === 'wal';
  /** The connection's own level (database.ts: FULL), put back after a relaxed write. */
  const synchronous = Number(db.pragma('synchronous', { simple: true }));

  const archive: Archive = {
    dir: root,
    db,
    files,
    derivedDir,
    readonly,
    sweep,
    damagedDbKeptAs,
    get integrity() {
      return integrity;
    },
    repairIndexes() {
      if (integrity && !integrity.ok) {
        integrity = rebuildDamagedIndexes(db, integrity);
        rememberCheck(dbFile, derivedDir, integrity);
      }
      return integrity;
    },
    write<T>(fn: (db: Db) => T, opts?: { durable?: boolean }): T {
      if (closed) throw new VanKhoError(appError('INTERNAL', 'archive closed'));
      if (readonly) throw new VanKhoError(appError('INTERNAL', 'archive opened read-only'));
      if (integrity && !integrity.ok) throw damagedError(integrity);
      // Only between transactions (SQLite refuses to change it inside one) and only in WAL mode,
      // where NORMAL cannot corrupt the database.
      const relaxed = opts?.durable === false && depth === 0 && !db.inTransaction && wal;
      if (relaxed) db.pragma('synchronous = NORMAL');
      depth++;
      let result: T;
      try {
        result = db.transaction(() => {
          const r = fn(db);
          for (const hook of [...hooks]) hook(db);
          return r;
        })();
      } catch (e) {
        if (depth === 1) for (const l of [...rollbackListeners]) l();
        throw e;
      } finally {
        depth--;
        if (relaxed) db.pragma(`synchronous = ${synchronous}`);
      }
      if (depth === 0) {
        for (const l of [...listeners]) {
          try {
            l();
          } catch (e) {
            // A listener (in-memory index) failing must not undo or hide a committed write.
            console.error('commit listener failed', e);
          }
        }
      }
      return result;
    },
    addWriteHook(hook) {
      hooks.add(hook);
      return () => hooks.delete(hook);
    },
    addCommitListener(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    addRollbackListener(fn) {
      rollbackListeners.add(fn);
      return () => rollbackListeners.delete(fn);
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        db.close();
        // Our own writes changed the file: record it as checked, so the next open does not rescan.
        if (integrity?.ok) rememberCheck(dbFile, derivedDir, integrity);
      } finally {
        lock?.release();
      }
    },
  };
  return archive;
}

/**
 * Regular files named by a SHA-256 under files/ and quarantine/: originals a catalogue must exist
 * for (the name makes them VanKho's, not just any folder called files).
 */
export function countStoredOriginals(root: string): number {
  let n = 0;
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const abs = join(dir, name);
      const st = lstatSync(abs);
      if (st.isDirectory()) walk(abs);
      else if (st.isFile() && /^[0-9a-f]{64}$/.test(name)) n++;
    }
  };
  walk(new FileStore(root).root);
  walk(join(root, QUARANTINE_DIR));
  return n;
}

/**
 * Why a folder without a catalogue cannot be opened: a damaged archive (ARCHIVE_CORRUPT, with the way
 * out) when it holds stored originals, else ARCHIVE_NOT_FOUND.
 */
export function missingCatalogueError(dir: string): VanKhoError {
  const root = resolve(dir);
  const originals = existsSync(root) ? countStoredOriginals(root) : 0;
  return originals > 0
    ? new VanKhoError(appError('ARCHIVE_CORRUPT', lostCatalogueDetail(root, originals)))
    : new VanKhoError(appError('ARCHIVE_NOT_FOUND', root));
}

/**
 * Why a new archive cannot be made in `dir`, or null when it can (the folder is missing or empty).
 * Asked before anything is closed or created, so a refused "create" changes nothing.
 */
export function createRefusal(dir: string): VanKhoError | null {
  const root = resolve(dir);
  if (existsSync(join(root, DB_FILE_NAME))) return new VanKhoError(appError('ARCHIVE_EXISTS', root));
  if (!existsSync(root)) return null;
  const originals = countStoredOriginals(root);
  if (originals > 0)
    return new VanKhoError(appError('ARCHIVE_CORRUPT', lostCatalogueDetail(root, originals)));
  // Never turn an unrelated, non-empty folder (e.g. a home directory) into an archive.
  if (readdirSync(root).some((n) => !n.startsWith('.') && n !== LOCK_FILE_NAME))
    return new VanKhoError(appError('FOLDER_NOT_EMPTY', root));
  return null;
}

function lostCatalogueDetail(root: string, originals: number): string {
  return (
    `${DB_FILE_NAME} trống hoặc bị mất trong khi kho còn ${originals} tệp gốc: kho bị hỏng, không phải kho mới; ` +
    `không có gì bị thay đổi. Hãy khôi phục bản sao lưu (vankho restore <bản sao lưu> <thư mục mới>) hoặc ` +
    `dựng lại danh mục từ các tệp gốc (vankho --archive "${root}" recover) / ` +
    `${DB_FILE_NAME} is empty or missing while the archive holds ${originals} original file(s): the archive is ` +
    `damaged, not new; nothing was changed. Restore a backup (vankho restore <backup> <new folder>) or rebuild ` +
    `the catalogue from the originals (vankho --archive "${root}" recover)`
  );
}

/**
 * Renames the database and its -wal to archive.sqlite.damaged-<time>[-wal] (the -shm is only an
 * index of the -wal, rebuilt by SQLite: removed); clears derived/.
 */
function setDamagedDatabaseAside(root: string): string | null {
  const dbFile = join(root, DB_FILE_NAME);
  rmSync(join(root, DERIVED_DIR_NAME), { recursive: true, force: true });
  rmSync(`${dbFile}-shm`, { force: true });
  const aside = join(root, `${DB_FILE_NAME}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const hasWal = existsSync(`${dbFile}-wal`);
  if (hasWal) renameSync(`${dbFile}-wal`, `${aside}-wal`);
  if (!existsSync(dbFile)) return hasWal ? `${aside}-wal` : null;
  renameSync(dbFile, aside);
  return aside;
}

function initMeta(db: Db): void {
  const now = new Date().toISOString();
  writeMetaOnce(db, 'created_at', now);
  writeMetaOnce(db, ARCHIVE_UID_KEY, randomBytes(16).toString('hex'));
}
