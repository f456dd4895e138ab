import Database from 'better-sqlite3';
import { readFileSync, readdirSync, statSync, statfsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, isAbsolute, join } from 'node:path';
import { appError } from '../../contract/errors.js';
import { VanKhoError } from '../errors/vankho-error.js';

export type Db = Database.Database;

/** The folder of the archive whose database this is (its file's folder); undefined in memory. */
export function archiveDirOf(db: Db): string | undefined {
  return isAbsolute(db.name) ? dirname(db.name) : undefined;
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered `NNN-name.sql` files, in order. A migration file is never edited once landed. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 3)),
      name: f.slice(4, -4),
      sql: readFileSync(join(dir, f), 'utf8'),
    }));
}

export const SCHEMA_VERSION = Math.max(0, ...loadMigrations().map((m) => m.version));

export interface OpenDatabaseOptions {
  readonly?: boolean;
  /** Path of a better-sqlite3 native binary built for another runtime (Electron). */
  nativeBinding?: string;
  migrationsDir?: string;
  /**
   * Asked when the database has no schema at all (new, or a zeroed/truncated file): an error refuses
   * it instead of migrating it as if it were new; null lets it be created.
   */
  emptyIsCorrupt?: () => VanKhoError | null;
}

/** SQLite page size of a database this VanKho creates. */
export const NEW_PAGE_SIZE = 16384;

/**
 * Opens (creating if needed) an archive database: WAL, synchronous=FULL (durable commits, R6),
 * foreign keys, then applies pending migrations in one transaction each. A database whose
 * user_version is newer than this app knows is refused rather than touched.
 */
export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Db {
  const db = new Database(file, {
    readonly: opts.readonly ?? false,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  try {
    // Before any pragma that writes: a file emptied behind our back must stay as it is (R8).
    if (opts.emptyIsCorrupt && isEmptySchema(db)) {
      const refused = opts.emptyIsCorrupt();
      if (refused) throw refused;
    }
    // A new database gets 16 KB pages, before WAL fixes the page size: a page of text is a few KB
    // and a 4 KB b-tree page holds one such row with the rest of the page unused (10k generated
    // documents: pages took 171 MB at 4 KB, 127 MB at 16 KB, for 116 MB of text). An existing
    // archive is converted by convertPageSize (WAL cannot change the page size).
    if (!opts.readonly && isEmptySchema(db)) db.pragma(`page_size = ${NEW_PAGE_SIZE}`);
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -20000');
    if (!opts.readonly) migrate(db, loadMigrations(opts.migrationsDir));
    else checkNotTooNew(db, loadMigrations(opts.migrationsDir));
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Why an older archive's pages were not (yet) converted to NEW_PAGE_SIZE; null when they were. */
export type PageSizeSkip = 'already' | 'large' | 'in-use' | 'disk-space' | 'failed';

/**
 * Largest database a writable open converts (VACUUM rewrites it whole: measured ~35 s for a 171 MB
 * 10k-document archive on 2 loaded cores, so an open stays a few seconds at most); a larger one is
 * converted by the reindex job, a maintenance step the user starts and watches.
 */
export const CONVERT_ON_OPEN_MAX_BYTES = 64 * 1024 * 1024;

export interface PageSizeConversion {
  from: number;
  to: number;
  skipped: PageSizeSkip | null;
  /** The SQLite error of a failed attempt (the database is as it was; the next open tries again). */
  error?: string;
}

/**
 * Rewrites an archive made with smaller pages to NEW_PAGE_SIZE (the 4 KB archives of before it left
 * each long text row a mostly empty page: ~25 % of the file). WAL fixes the page size, so this is
 * journal_mode=DELETE, page_size, VACUUM, then WAL again. VACUUM under a rollback journal is atomic:
 * killed half-way, the next open rolls the hot journal back to the old file, and converts again.
 *
 * The caller holds the archive lock (no other writer). A read-only reader in another process (a
 * `vankho search` beside the app) keeps its shared lock: leaving WAL is then SQLITE_BUSY at once
 * (no busy wait) and the conversion is skipped for this time. Skipped too when the file is over
 * `maxBytes`, or the disk lacks the room VACUUM needs (a copy of the database and a journal of it).
 * Never throws: it is an economy.
 */
export function convertPageSize(db: Db, file: string, opts: { maxBytes?: number } = {}): PageSizeConversion {
  const from = db.pragma('page_size', { simple: true }) as number;
  const result = (skipped: PageSizeSkip | null, error?: string): PageSizeConversion => ({
    from,
    to: db.pragma('page_size', { simple: true }) as number,
    skipped,
    ...(error ? { error } : {}),
  });
  if (from >= NEW_PAGE_SIZE) return result('already');
  try {
    const size = statSync(file).size;
    if (opts.maxBytes !== undefined && size > opts.maxBytes) return result('large');
    const fs = statfsSync(dirname(file));
    // The VACUUM copy (temp file, kept out of memory below) plus the journal of the old pages.
    if (fs.bavail * fs.bsize < 2.2 * size + 64 * 1024 * 1024) return result('disk-space');
  } catch {
    return result('disk-space');
  }
  const busy = db.pragma('busy_timeout', { simple: true }) as number;
  const temp = db.pragma('temp_store', { simple: true }) as number;
  let skipped: PageSizeSkip | null = null;
  let error: string | undefined;
  db.pragma('busy_timeout = 0');
  try {
    // Leaving WAL needs the only connection; the checkpoint it does first empties the -wal.
    let mode: string;
    try {
      mode = String(db.pragma('journal_mode = DELETE', { simple: true }));
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
      mode = 'busy';
    }
    if (mode !== 'delete') {
      skipped = 'in-use';
    } else {
      db.pragma(`page_size = ${NEW_PAGE_SIZE}`);
      // VACUUM builds the new file in a temp database: on disk, not in memory (an archive is GBs).
      db.pragma('temp_store = FILE');
      db.exec('VACUUM');
    }
  } catch (e) {
    // A reader that came in after the switch (SQLITE_BUSY), a full disk: VACUUM rolled back.
    skipped = (e as { code?: string }).code === 'SQLITE_BUSY' ? 'in-use' : 'failed';
    error = e instanceof Error ? e.message : String(e);
  } finally {
    db.pragma(`temp_store = ${temp}`);
    db.pragma(`busy_timeout = ${busy}`);
    try {
      // Back to WAL whatever happened (waiting for a reader that came in meanwhile, as a write does).
      db.pragma('journal_mode = WAL');
    } catch {
      // Still held after the busy wait: this session runs in rollback mode; the next open sets WAL.
    }
  }
  return result(skipped, error);
}

/** No schema object at all and user_version 0: a new file, or one whose content was lost. */
export function isEmptySchema(db: Db): boolean {
  const version = db.pragma('user_version', { simple: true }) as number;
  return version === 0 && (db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() as number) === 0;
}

function checkNotTooNew(db: Db, migrations: Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (current > known) {
    throw new VanKhoError(appError('ARCHIVE_TOO_NEW', `schema ${current} > ${known}`));
  }
  return current;
}

/** True when the database's schema is older than this VanKho's (a writable open migrates it). */
export function needsMigration(db: Db): boolean {
  return (db.pragma('user_version', { simple: true }) as number) < SCHEMA_VERSION;
}

export function migrate(db: Db, migrations: Migration[]): void {
  const current = checkNotTooNew(db, migrations);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
