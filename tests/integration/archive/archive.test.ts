import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openArchive } from '../../../main/core/archive/archive.js';
import { LOCK_FILE_NAME } from '../../../main/core/archive/archive-lock.js';
import { checkArchive } from '../../../main/core/archive/check-archive.js';
import { VanKhoError } from '../../../main/core/errors/vankho-error.js';
import { holdArchiveInChild } from '../../helpers/hold-archive.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof VanKhoError ? e.appError.code : `non-VanKhoError: ${String(e)}`;
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe('openArchive', () => {
  let tmp: TempDir;
  let dir: string;
  beforeEach(async () => {
    tmp = await makeTempDir('vankho-archive-');
    dir = join(tmp.dir, 'kho');
  });
  afterEach(async () => {
    await tmp.cleanup();
  });

  it('creates the folder layout, and refuses a missing archive when create is false', () => {
    expect(codeOf(() => openArchive(dir, { create: false }))).toBe('ARCHIVE_NOT_FOUND');
    expect(codeOf(() => openArchive(dir, { readonly: true }))).toBe('ARCHIVE_NOT_FOUND');
    const a = openArchive(dir);
    expect(existsSync(join(dir, 'archive.sqlite'))).toBe(true);
    expect(existsSync(a.derivedDir)).toBe(true);
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(true);
    expect(a.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(a.db.pragma('foreign_keys', { simple: true })).toBe(1);
    a.close();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('never turns a non-empty unrelated folder into an archive', () => {
    mkdirSync(dir);
    writeFileSync(join(dir, 'my-thesis.docx'), 'x');
    expect(codeOf(() => openArchive(dir))).toBe('FOLDER_NOT_EMPTY');
    expect(readdirSync(dir)).toEqual(['my-thesis.docx']);
  });

  it('runs write hooks inside the transaction and commit listeners after commit only', () => {
    const a = openArchive(dir);
    const events: string[] = [];
    const offHook = a.addWriteHook((db) => {
      events.push(`hook:${db.inTransaction}`);
      const n = db.prepare('SELECT count(*) FROM tags').pluck().get() as number;
      if (n > 1) throw new Error('hook refuses a second tag');
    });
    a.addCommitListener(() => events.push('commit'));
    a.write((db) => db.prepare(`INSERT INTO tags (name, created_at) VALUES ('a', 'now')`).run());
    expect(events).toEqual(['hook:true', 'commit']);
    // A failing hook rolls back the whole write; no commit is announced.
    expect(() =>
      a.write((db) => db.prepare(`INSERT INTO tags (name, created_at) VALUES ('b', 'now')`).run()),
    ).toThrow(/second tag/);
    expect(a.db.prepare('SELECT count(*) FROM tags').pluck().get()).toBe(1);
    expect(events.filter((e) => e === 'commit')).toHaveLength(1);
    // Nested writes join the outer transaction: one commit notification.
    offHook();
    events.length = 0;
    a.write(() =>
      a.write((db) => db.prepare(`INSERT INTO tags (name, created_at) VALUES ('c', 'now')`).run()),
    );
    expect(events).toEqual(['commit']);
    a.close();
  });

  it('commits a write marked not durable without its own fsync, and only that write', () => {
    const a = openArchive(dir);
    const level = (): unknown => a.db.pragma('synchronous', { simple: true });
    const FULL = 2;
    const NORMAL = 1;
    expect(level()).toBe(FULL);
    const seen: unknown[] = [];
    const insert = (name: string) => (db: typeof a.db) => {
      seen.push(level());
      db.prepare(`INSERT INTO tags (name, created_at) VALUES (?, 'now')`).run(name);
    };
    a.write(insert('a'), { durable: false });
    expect(seen).toEqual([NORMAL]);
    expect(level()).toBe(FULL);
    // Inside a durable write the outer transaction decides: nothing is relaxed.
    a.write(() => a.write(insert('b'), { durable: false }));
    expect(seen).toEqual([NORMAL, FULL]);
    // A relaxed write that fails rolls back and still leaves the connection durable.
    expect(() =>
      a.write(
        () => {
          throw new Error('refused');
        },
        { durable: false },
      ),
    ).toThrow('refused');
    expect(level()).toBe(FULL);
    a.close();
    // Committed all the same: another connection reads both rows.
    const b = openArchive(dir);
    expect(b.db.prepare('SELECT name FROM tags ORDER BY name').pluck().all()).toEqual(['a', 'b']);
    b.close();
  });

  it('refuses a second opener in the same process with ARCHIVE_LOCKED and its holder', () => {
    const a = openArchive(dir);
    let err: VanKhoError | null = null;
    try {
      openArchive(dir);
    } catch (e) {
      err = e as VanKhoError;
    }
    expect(err?.appError.code).toBe('ARCHIVE_LOCKED');
    expect(err?.appError.message.vi).toContain('tiến trình khác');
    expect(err?.appError.detail).toContain(`pid ${process.pid}`);
    // Read-only openers take no lock.
    const ro = openArchive(dir, { readonly: true });
    expect(() => ro.write(() => 1)).toThrow();
    ro.close();
    a.close();
    openArchive(dir).close();
  });

  it('is locked by a live child process and taken over after that process is SIGKILLed', async () => {
    openArchive(dir).close();
    const child = await holdArchiveInChild(dir);
    try {
      expect(codeOf(() => openArchive(dir))).toBe('ARCHIVE_LOCKED');
      const holder = JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')) as { pid: number };
      expect(holder.pid).toBe(child.pid);
    } finally {
      child.kill('SIGKILL');
      await exited(child);
    }
    const a = openArchive(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(process.pid);
    a.close();
  });

  it('refuses a lock held from another machine, takes over a half-written one', () => {
    openArchive(dir).close();
    writeFileSync(
      join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: 1, hostname: 'other-pc', startedAt: 'x' }),
    );
    expect(codeOf(() => openArchive(dir))).toBe('ARCHIVE_LOCKED');
    writeFileSync(join(dir, LOCK_FILE_NAME), '{"pid": 12');
    const a = openArchive(dir);
    a.close();
  });

  it('sweeps staging leftovers and quarantines stored files without a row, reporting them', async () => {
    const a = openArchive(dir);
    a.close();
    mkdirSync(join(dir, 'staging'), { recursive: true });
    writeFileSync(join(dir, 'staging', '123-abc.part'), 'half a copy');
    const sha = 'ab'.repeat(32);
    mkdirSync(join(dir, 'files', 'ab', 'ab'), { recursive: true });
    writeFileSync(join(dir, 'files', 'ab', 'ab', sha), 'orphan bytes');
    writeFileSync(join(dir, 'files', 'stray.tmp'), 'stray');

    const b = openArchive(dir);
    expect(b.sweep.stagingRemoved).toEqual(['123-abc.part']);
    expect(b.sweep.quarantined).toHaveLength(2);
    expect(readdirSync(join(dir, 'staging'))).toEqual([]);
    expect(existsSync(join(dir, 'files', 'ab', 'ab', sha))).toBe(false);
    const moved = b.sweep.quarantined.map((q) => join(dir, q));
    expect(moved.every((p) => existsSync(p))).toBe(true);
    expect(
      readFileSync(
        moved.find((p) => p.endsWith(sha))!,
        'utf8',
      ),
    ).toBe('orphan bytes');
    const report = await checkArchive(b, { full: true });
    expect(report.ok).toBe(true);
    expect(report.problems.map((p) => p.code)).toEqual(['quarantine_present']);
    b.close();
  });

  it('reports a damaged database as ARCHIVE_CORRUPT and leaves the file as it was', () => {
    openArchive(dir).close();
    const file = join(dir, 'archive.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    for (let i = 0; i < 2; i++) expect(codeOf(() => openArchive(dir))).toBe('ARCHIVE_CORRUPT');
    expect(readFileSync(file).equals(Buffer.alloc(8192, 0x5a))).toBe(true);
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });
});
