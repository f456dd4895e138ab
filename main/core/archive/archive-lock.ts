import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync, fsyncSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { appError } from '../../contract/errors.js';
import { VanKhoError } from '../errors/vankho-error.js';

export const LOCK_FILE_NAME = 'archive.lock';

export interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

export interface ArchiveLock {
  readonly file: string;
  readonly owner: LockOwner;
  /** True when a stale lock of a dead process on this machine was taken over. */
  readonly tookOver: LockOwner | null;
  release(): void;
}

/**
 * Takes the archive-level lock (R11): a file created exclusively ('wx') holding the owner's pid and
 * host name. A lock left by a process that no longer runs on this machine (killed, crashed) is taken
 * over; a lock held by a live process, or by another machine (shared folder: we cannot tell whether
 * it is alive), is refused with ARCHIVE_LOCKED naming the holder.
 */
export function acquireArchiveLock(archiveDir: string): ArchiveLock {
  const file = join(archiveDir, LOCK_FILE_NAME);
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  let tookOver: LockOwner | null = null;
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLockOwner(file);
      if (holder && !isStale(holder)) {
        throw new VanKhoError(
          appError('ARCHIVE_LOCKED', `pid ${holder.pid} @ ${holder.hostname} (${holder.startedAt}); ${file}`),
        );
      }
      // Stale (dead local pid) or unreadable (a half-written lock of a process killed while creating it):
      // move it aside atomically so two processes racing for the takeover cannot both delete a fresh lock.
      const aside = `${file}.stale-${process.pid}-${attempt}`;
      try {
        renameSync(file, aside);
        rmSync(aside, { force: true });
      } catch {
        /* another process moved it first; retry */
      }
      tookOver = holder ?? { pid: 0, hostname: '?', startedAt: '?' };
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(owner));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    let released = false;
    return {
      file,
      owner,
      tookOver,
      release() {
        if (released) return;
        released = true;
        const current = readLockOwner(file);
        // Only remove our own lock: never one that someone took over meanwhile.
        if (current && current.pid === owner.pid && current.startedAt === owner.startedAt) {
          rmSync(file, { force: true });
        }
      },
    };
  }
  throw new VanKhoError(appError('ARCHIVE_LOCKED', file));
}

export function readLockOwner(file: string): LockOwner | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof v.pid === 'number' && typeof v.hostname === 'string') {
      return { pid: v.pid, hostname: v.hostname, startedAt: String(v.startedAt ?? '') };
    }
  } catch {
    /* missing or half-written */
  }
  return null;
}

function isStale(holder: LockOwner): boolean {
  if (holder.hostname !== hostname()) return false;
  if (holder.pid === process.pid) return false; // this process already holds it (second open)
  return !isProcessAlive(holder.pid);
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
