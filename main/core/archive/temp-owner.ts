// Leftovers of a killed process (issue 17 item 5): a partial export/backup beside its target, the
// per-session temp folders of the app and web mode. Each carries who wrote it — pid and host — so a
// later run removes only the stale ones: writer not alive on this host, or (another host sharing
// the folder, whose pids we cannot check) untouched for a day. A live writer's files are left alone.
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/** A writer on another host (or of unknown origin) counts as gone after this long untouched. */
export const STALE_FOREIGN_MS = 24 * 60 * 60 * 1000;
/** Marker file inside an owned temp folder. */
export const OWNER_MARKER = '.vankho-owner.json';
/** Folder of the archive holding one record per partial file being written (where it is, by whom). */
export const PARTIALS_DIR = '.partials';

/** This host, shortened (hostnames may hold characters unfit for file names). */
export function hostTag(name: string = hostname()): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 8);
}

export interface TempOwner {
  pid: number;
  host: string;
}

export function currentOwner(): TempOwner {
  return { pid: process.pid, host: hostTag() };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, owned by another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a leftover may be removed: its writer is gone (null owner = unknown, judged by age). */
export function isStale(owner: TempOwner | null, mtimeMs: number, now = Date.now()): boolean {
  if (owner && owner.host === hostTag()) return !pidAlive(owner.pid);
  return now - mtimeMs > STALE_FOREIGN_MS;
}

// `.<target name>.<pid>-<host>.<random>.partial` (optionally `.<suffix>.partial`).
const PARTIAL_NAME = /^\..+\.([0-9]{1,10})-([0-9a-f]{8})\.[0-9a-f]{12}(?:\.[a-z]{1,10})?\.partial$/;
// Older builds: `.<target name>.<random>.partial`, no owner.
const LEGACY_PARTIAL_NAME = /^\..+\.[0-9a-f]{12}(?:\.[a-z]{1,10})?\.partial$/;

export interface PartialFile {
  path: string;
  /** Call once the partial was renamed into place or removed: drops its record. */
  done(): void;
}

/**
 * Names the temporary file written beside target and, when archiveDir is given, records it in the
 * archive's .partials/ so the next open of that archive finds it even in a folder it never looks at.
 * The record is best effort (a read-only archive folder cannot hold it).
 */
export function startPartial(
  target: string,
  opts: { archiveDir?: string; suffix?: string } = {},
): PartialFile {
  const out = resolve(target);
  const { pid, host } = currentOwner();
  const random = randomBytes(6).toString('hex');
  const path = join(
    dirname(out),
    `.${basename(out)}.${pid}-${host}.${random}${opts.suffix ? `.${opts.suffix}` : ''}.partial`,
  );
  let record: string | null = null;
  if (opts.archiveDir) {
    try {
      const dir = join(resolve(opts.archiveDir), PARTIALS_DIR);
      mkdirSync(dir, { recursive: true });
      record = join(dir, `${pid}-${host}-${random}.json`);
      writeFileSync(record, JSON.stringify({ path, pid, host, startedAt: new Date().toISOString() }));
    } catch {
      record = null;
    }
  }
  return {
    path,
    done: () => {
      if (record) rmSync(record, { force: true });
      record = null;
    },
  };
}

function ownerOfPartialName(name: string): TempOwner | null | undefined {
  const m = PARTIAL_NAME.exec(name);
  if (m) return { pid: Number(m[1]), host: m[2]! };
  return LEGACY_PARTIAL_NAME.test(name) ? null : undefined;
}

function mtimeOf(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/** Removes the stale partial files directly in dir; returns their paths. */
function sweepPartialsIn(dir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const owner = ownerOfPartialName(name);
    if (owner === undefined) continue;
    const p = join(dir, name);
    const mtime = mtimeOf(p);
    if (mtime === null || !isStale(owner, mtime)) continue;
    rmSync(p, { force: true });
    removed.push(p);
  }
  return removed;
}

/**
 * At archive open: removes stale partial files recorded in the archive's .partials/ (wherever the
 * export or backup was going) and those in the archive folder itself; records of finished or
 * removed partials go too. Live writers' files stay. Returns the removed paths.
 */
export function sweepStalePartials(archiveDir: string): string[] {
  const root = resolve(archiveDir);
  const removed = sweepPartialsIn(root);
  const recordsDir = join(root, PARTIALS_DIR);
  let records: string[];
  try {
    records = readdirSync(recordsDir);
  } catch {
    return removed;
  }
  for (const name of records) {
    const recordPath = join(recordsDir, name);
    let rec: { path?: unknown };
    try {
      rec = JSON.parse(readFileSync(recordPath, 'utf8')) as { path?: unknown };
    } catch {
      // Torn or foreign record: drop it once it is old.
      const m = mtimeOf(recordPath);
      if (m !== null && Date.now() - m > STALE_FOREIGN_MS) rmSync(recordPath, { force: true });
      continue;
    }
    const p = typeof rec.path === 'string' ? rec.path : null;
    // Only a path that names a partial file is ever removed, whatever the record says.
    const owner = p ? ownerOfPartialName(basename(p)) : undefined;
    if (!p || !owner) {
      rmSync(recordPath, { force: true });
      continue;
    }
    const mtime = mtimeOf(p);
    if (mtime === null) {
      // No file: finished without dropping its record, or not created yet by a live writer.
      if (isStale(owner, mtimeOf(recordPath) ?? 0)) rmSync(recordPath, { force: true });
      continue;
    }
    if (!isStale(owner, mtime)) continue;
    rmSync(p, { force: true });
    rmSync(recordPath, { force: true });
    removed.push(p);
  }
  return removed;
}

/** A private temp folder `<parent>/<prefix>XXXXXX` with this process's owner marker. */
export function makeOwnedTempDir(parent: string, prefix: string): string {
  const dir = mkdtempSync(join(parent, prefix));
  writeFileSync(
    join(dir, OWNER_MARKER),
    JSON.stringify({ ...currentOwner(), startedAt: new Date().toISOString() }),
  );
  return dir;
}

function readOwnerMarker(dir: string): TempOwner | null {
  try {
    const o = JSON.parse(readFileSync(join(dir, OWNER_MARKER), 'utf8')) as Partial<TempOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host } : null;
  } catch {
    return null;
  }
}

/** Removes stale `<parent>/<prefix>*` folders left by killed runs (see isStale); returns them. */
export function sweepStaleTempDirs(parent: string, prefixes: readonly string[]): string[] {
  const removed: string[] = [];
  if (!existsSync(parent)) return removed;
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!prefixes.some((p) => name.startsWith(p))) continue;
    const dir = join(parent, name);
    let mtime: number;
    try {
      const st = statSync(dir);
      if (!st.isDirectory()) continue;
      mtime = st.mtimeMs;
    } catch {
      continue;
    }
    if (!isStale(readOwnerMarker(dir), mtime)) continue;
    try {
      rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      /* another user's folder, or in use: left for next time */
    }
  }
  return removed;
}
