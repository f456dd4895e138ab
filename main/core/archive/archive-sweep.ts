import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import type { Db } from './database.js';
import type { FileStore } from './file-store.js';
import { sweepStalePartials } from './temp-owner.js';
import { failRunningImportBatches } from './import-log-repo.js';

export interface SweepReport {
  /** Staging leftovers (a copy interrupted before its rename) that were deleted. */
  stagingRemoved: string[];
  /** Stored files without a `files` row, moved (never deleted) into quarantine: paths relative to the archive. */
  quarantined: string[];
  /** Import batches left 'running' by a process that died; marked 'failed' (their completed files stay). */
  interruptedBatches: number[];
  /**
   * Quarantined files deleted because they are byte-identical (same SHA-256, verified on both copies)
   * to a stored original a row references — e.g. the original of a killed import, stored again by
   * the re-import: paths relative to the archive.
   */
  quarantineRedundantRemoved: string[];
  /** Partial export/backup files of a killed writer (temp-owner.ts), deleted: absolute paths. */
  partialsRemoved: string[];
}

export const QUARANTINE_DIR = 'quarantine';

/**
 * Runs at open, under the archive lock, so no import is in flight: deletes staging leftovers (they
 * were never committed and are copies of files the user still has, R4) and moves stored originals
 * that no row references into quarantine/<timestamp>/ — an import killed between the rename and the
 * commit leaves such a file (R3). They are reported, never deleted silently; re-importing the source
 * stores them again. A quarantined file whose bytes are (again) in the store under a row is then
 * redundant and is deleted, reported in quarantineRedundantRemoved.
 */
export function sweepArchive(
  archiveDir: string,
  db: Db,
  store: FileStore,
  opts: { quarantineOrphans?: boolean } = {},
): SweepReport {
  const report: SweepReport = {
    stagingRemoved: [],
    quarantined: [],
    interruptedBatches: [],
    quarantineRedundantRemoved: [],
    partialsRemoved: sweepStalePartials(archiveDir),
  };
  // We hold the lock, so a batch still 'running' belongs to a process that is gone.
  report.interruptedBatches = failRunningImportBatches(db);
  if (existsSync(store.stagingDir)) {
    for (const name of readdirSync(store.stagingDir)) {
      rmSync(join(store.stagingDir, name), { recursive: true, force: true });
      report.stagingRemoved.push(name);
    }
  }
  // Recovery re-imports the stored originals into a fresh database: they are not orphans.
  if (opts.quarantineOrphans === false) return report;
  const redundant = findRedundantQuarantined(archiveDir, db, store);
  for (const abs of redundant) {
    rmSync(abs, { force: true });
    report.quarantineRedundantRemoved.push(relative(archiveDir, abs));
  }
  if (redundant.length > 0) removeEmptyDirs(join(archiveDir, QUARANTINE_DIR));
  const orphans = findOrphanFiles(db, store);
  if (orphans.length > 0) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const qdir = join(archiveDir, QUARANTINE_DIR, stamp);
    mkdirSync(qdir, { recursive: true });
    for (const abs of orphans) {
      const name = abs.split(/[\\/]/).pop() ?? 'unknown';
      const dest = join(qdir, name);
      renameSync(abs, dest);
      report.quarantined.push(relative(archiveDir, dest));
    }
  }
  return report;
}

/** Absolute paths of files under the store root that no `files` row references (or that sit at a wrong address). */
export function findOrphanFiles(db: Db, store: FileStore): string[] {
  if (!existsSync(store.root)) return [];
  // Originals of documents in the trash are held until a person empties it.
  const known = new Set(
    (
      db
        .prepare(
          db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'trash_files'`).get()
            ? 'SELECT sha256 FROM files UNION SELECT sha256 FROM trash_files'
            : 'SELECT sha256 FROM files', // read-only, on a schema older than the trash
        )
        .pluck()
        .all() as string[]
    ).map(String),
  );
  const orphans: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      const st = statSync(abs);
      if (st.isDirectory()) {
        walk(abs);
        continue;
      }
      const ok = /^[0-9a-f]{64}$/.test(name) && known.has(name) && store.pathOf(name) === abs;
      if (!ok) orphans.push(abs);
    }
  };
  walk(store.root);
  return orphans;
}

/**
 * Absolute paths of files under quarantine/ that are byte-identical to a stored original some row
 * references: the file's SHA-256 equals the row's and the stored copy, re-hashed, matches too (so
 * deleting the quarantined copy loses nothing). Only files whose size equals a stored original's are
 * hashed. Read-only; the sweep deletes what it returns, the doctor leaves it out of its warning.
 */
export function findRedundantQuarantined(archiveDir: string, db: Db, store: FileStore): string[] {
  const qdir = join(archiveDir, QUARANTINE_DIR);
  if (!existsSync(qdir)) return [];
  const candidates: Array<{ abs: string; size: number }> = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      const st = lstatSync(abs);
      if (st.isDirectory()) walk(abs);
      else if (st.isFile()) candidates.push({ abs, size: st.size });
    }
  };
  walk(qdir);
  if (candidates.length === 0) return [];
  const shasBySize = new Map<number, Set<string>>();
  for (const r of db.prepare('SELECT sha256, size FROM files').all() as Array<{
    sha256: string;
    size: number;
  }>) {
    let set = shasBySize.get(r.size);
    if (!set) shasBySize.set(r.size, (set = new Set()));
    set.add(r.sha256);
  }
  const storedOk = new Map<string, boolean>();
  const redundant: string[] = [];
  for (const c of candidates) {
    const shas = shasBySize.get(c.size);
    if (!shas) continue;
    try {
      const sha = sha256FileSync(c.abs);
      if (!shas.has(sha)) continue;
      let ok = storedOk.get(sha);
      if (ok === undefined) {
        const stored = store.pathOf(sha);
        ok = existsSync(stored) && lstatSync(stored).isFile() && sha256FileSync(stored) === sha;
        storedOk.set(sha, ok);
      }
      if (ok) redundant.push(c.abs);
    } catch {
      // An unreadable copy is simply not known to be redundant: it stays for review.
    }
  }
  return redundant;
}

/** SHA-256 of a file, read in chunks (the sweep runs synchronously at open). */
function sha256FileSync(path: string): string {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Removes the empty folders under dir, and dir itself when it ends up empty. */
function removeEmptyDirs(dir: string): void {
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name);
    if (lstatSync(abs).isDirectory()) removeEmptyDirs(abs);
  }
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}
