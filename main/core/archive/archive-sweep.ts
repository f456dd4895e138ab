import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Db } from './database.js';
import type { FileStore } from './file-store.js';

export interface SweepReport {
  /** Staging leftovers (a copy interrupted before its rename) that were deleted. */
  stagingRemoved: string[];
  /** Stored files without a `files` row, moved (never deleted) into quarantine: paths relative to the archive. */
  quarantined: string[];
  /** Import batches left 'running' by a process that died; marked 'failed' (their completed files stay). */
  interruptedBatches: number[];
}

export const QUARANTINE_DIR = 'quarantine';

/**
 * Runs at open, under the archive lock, so no import is in flight: deletes staging leftovers (they
 * were never committed and are copies of files the user still has, R4) and moves stored originals
 * that no row references into quarantine/<timestamp>/ — an import killed between the rename and the
 * commit leaves such a file (R3). They are reported, never deleted silently; re-importing the source
 * stores them again.
 */
export function sweepArchive(archiveDir: string, db: Db, store: FileStore): SweepReport {
  const report: SweepReport = { stagingRemoved: [], quarantined: [], interruptedBatches: [] };
  // We hold the lock, so a batch still 'running' belongs to a process that is gone.
  report.interruptedBatches = db
    .prepare(`SELECT id FROM import_batches WHERE status = 'running'`)
    .pluck()
    .all() as number[];
  if (report.interruptedBatches.length > 0) {
    db.prepare(`UPDATE import_batches SET status = 'failed', finished_at = ? WHERE status = 'running'`).run(
      new Date().toISOString(),
    );
  }
  if (existsSync(store.stagingDir)) {
    for (const name of readdirSync(store.stagingDir)) {
      rmSync(join(store.stagingDir, name), { recursive: true, force: true });
      report.stagingRemoved.push(name);
    }
  }
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
  const known = new Set((db.prepare('SELECT sha256 FROM files').pluck().all() as string[]).map(String));
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
