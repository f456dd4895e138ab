// T-K1: a real `vankho import` child process is SIGKILLed mid-import (at exact fault points and at a
// random moment); reopening the archive must find it consistent, and re-running the import completes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openArchive } from '../../../main/core/archive/archive.js';
import { checkArchive } from '../../../main/core/archive/check-archive.js';
import { importPaths } from '../../../main/core/ingest/import-files.js';
import { makePdf } from '../../helpers/make-pdf.js';
import { repoPath } from '../../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const FILES = 200;
/** The fault-point runs import the first folder only (60 files, 10 of them PDFs): same code paths, less time. */
const FIRST = 60;

interface ChildEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function runImport(
  archiveDir: string,
  src: string,
  env: Record<string, string>,
  killWhen?: () => boolean,
): Promise<ChildEnd> {
  const child = spawn(
    process.execPath,
    [repoPath('bin/vankho.mjs'), '--archive', archiveDir, 'import', src],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  let poll: NodeJS.Timeout | null = null;
  if (killWhen) {
    poll = setInterval(() => {
      if (killWhen()) child.kill('SIGKILL');
    }, 20);
  }
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      if (poll) clearInterval(poll);
      resolve({ code, signal, stderr });
    });
  });
}

/** Documents committed so far, read through a separate read-only connection (WAL allows it). */
function committedCount(archiveDir: string): number {
  const file = join(archiveDir, 'archive.sqlite');
  if (!existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet / schema not there yet
  }
}

async function assertConsistent(archiveDir: string): Promise<{ documents: number; quarantined: number }> {
  const a = openArchive(archiveDir);
  try {
    expect(a.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(a.db.pragma('foreign_key_check')).toEqual([]);
    // No document row without its file row, no file row without its stored, hash-correct original.
    const bare = a.db
      .prepare(
        'SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.document_id = d.id)',
      )
      .pluck()
      .get();
    expect(bare).toBe(0);
    const report = await checkArchive(a, { full: true });
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.counts.filesHashed).toBe(report.counts.files);
    // Orphans were swept at open: nothing unreferenced is left in the store or in staging.
    expect(report.problems.filter((p) => p.code === 'orphan_file' || p.code === 'staging_leftover')).toEqual(
      [],
    );
    expect(existsSync(a.files.stagingDir) ? readdirSync(a.files.stagingDir) : []).toEqual([]);
    return { documents: report.counts.documents, quarantined: a.sweep.quarantined.length };
  } finally {
    a.close();
  }
}

// Real child processes on a shared CI machine: allow more than the default per-test time.
describe('kill -9 in the middle of an import', { timeout: 240_000 }, () => {
  let tmp: TempDir;
  let src: string;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-kill-');
    src = join(tmp.dir, 'src');
    mkdirSync(join(src, 'a', 'pdf'), { recursive: true });
    mkdirSync(join(src, 'b'), { recursive: true });
    for (let i = 0; i < FILES - 10; i++) {
      writeFileSync(
        join(src, i < FIRST - 10 ? 'a' : 'b', `cv-${String(i).padStart(3, '0')}.txt`),
        `Công văn số ${i}/UBND-VP\nV/v thử nghiệm ${'nội dung '.repeat(i % 50)}`,
      );
    }
    for (let i = 0; i < 10; i++) {
      writeFileSync(
        join(src, 'a', 'pdf', `qd-${i}.pdf`),
        await makePdf([[`Quyết định số ${i}/QĐ-UBND`], ['Trang hai']]),
      );
    }
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  const POINTS: Array<[string, number]> = [
    ['store:before-rename', 40],
    ['import:before-commit', 25],
    ['import:after-commit', 45],
  ];
  const killed = new Map<string, Promise<ChildEnd>>();
  const archiveOf = (point: string): string => join(tmp.dir, `kho-${point.replace(/\W/g, '-')}`);

  it('kills the child processes (in parallel, each at its own point)', async () => {
    for (const [point, n] of POINTS)
      killed.set(point, runImport(archiveOf(point), join(src, 'a'), { VANKHO_FAULT: `${point}:${n}` }));
    const timedDir = archiveOf('timed');
    killed.set(
      'timed',
      runImport(timedDir, src, {}, () => committedCount(timedDir) >= 30),
    );
    for (const [point, end] of killed) {
      const e = await end;
      expect(e.signal, `${point}: ${e.stderr}`).toBe('SIGKILL');
    }
  });

  it.each(POINTS)('stays consistent when killed at %s (hit %i) and a re-import completes', async (point) => {
    const archiveDir = archiveOf(point);
    expect((await killed.get(point))?.signal).toBe('SIGKILL');
    const after = await assertConsistent(archiveDir);
    expect(after.documents).toBeGreaterThan(0);
    expect(after.documents).toBeLessThan(FIRST);
    if (point === 'import:before-commit') expect(after.quarantined).toBeGreaterThanOrEqual(1);

    const a = openArchive(archiveDir);
    try {
      const r = await importPaths(a, [join(src, 'a')]);
      expect(r.failed).toBe(0);
      expect(r.imported + r.duplicates).toBe(FIRST);
      expect(r.duplicates).toBe(after.documents);
      expect(a.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(FIRST);
      const report = await checkArchive(a, { full: true });
      expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
      // The killed import's quarantined original is stored again now: redundant, no warning (D14).
      expect(report.problems.filter((p) => p.code === 'quarantine_present')).toEqual([]);
      if (point === 'import:before-commit')
        expect(report.counts.quarantineRedundant).toBeGreaterThanOrEqual(1);
    } finally {
      a.close();
    }
  });

  it('stays consistent when killed at an arbitrary moment while documents are being committed', async () => {
    const archiveDir = archiveOf('timed');
    expect((await killed.get('timed'))?.signal).toBe('SIGKILL');
    const after = await assertConsistent(archiveDir);
    expect(after.documents).toBeGreaterThanOrEqual(30);
    // The CLI completes the import on the second run; every file is there exactly once.
    const second = await runImport(archiveDir, src, {});
    expect(second.code, second.stderr).toBe(0);
    const final = await assertConsistent(archiveDir);
    expect(final.documents).toBe(FILES);
  });
});
