import Database from 'better-sqlite3';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { appError } from '../../contract/errors.js';
import { VanKhoError } from '../errors/vankho-error.js';

export type Db = Database.Database;

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
    // archive keeps its page size (WAL cannot change it).
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
