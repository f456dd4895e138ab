import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openArchive } from '../../../main/core/archive/archive.js';
import {
  NEW_PAGE_SIZE,
  convertPageSize,
  loadMigrations,
  migrate,
} from '../../../main/core/archive/database.js';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { insertDocs } from '../../bench/insert-docs.js';
import { startAppHost } from '../../../main/index.js';
import { repoPath } from '../../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';
import { unpackPageText } from '../../../main/core/archive/pages-repo.js';

/** What must survive a conversion: every page's text, in order, and the search index's own check. */
function content(db: Database.Database): { docs: number; text: string } {
  // FTS5's check is written as an insert: a read-only connection cannot run it.
  if (!db.readonly) db.prepare(`INSERT INTO search_fts (search_fts) VALUES ('integrity-check')`).run();
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  return {
    docs: db.prepare(`SELECT count(*) FROM documents`).pluck().get() as number,
    text: (
      db.prepare(`SELECT text FROM pages ORDER BY file_id, page_no`).pluck().all() as (string | Buffer)[]
    )
      .map(unpackPageText)
      .join('|'),
  };
}

describe('converting an archive made with 4 KB pages to 16 KB pages', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let dir: string;
  let file: string;
  beforeEach(async () => {
    tmp = await makeTempDir('vankho-pagesize-');
    dir = join(tmp.dir, 'kho');
    file = join(dir, 'archive.sqlite');
    // An archive as VanKho made it before 16 KB pages, with documents and their search index; a
    // reader holding the WAL open keeps the writable opens from converting it while it is filled.
    mkdirSync(dir);
    const old = new Database(file);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    migrate(old, loadMigrations());
    old.close();
    const reader = new Database(file, { readonly: true });
    reader.prepare(`SELECT count(*) FROM documents`).get();
    const a = openArchive(dir);
    insertDocs(a, [...generateCorpus(1000)]); // enough pages (stored deflated) that the VACUUM lasts long enough to be cut off
    a.close();
    reader.close();
  });
  afterEach(async () => {
    await tmp.cleanup();
  });

  it('is left for a later open while another connection reads, then done once, keeping everything', () => {
    const raw = new Database(file);
    expect(raw.pragma('page_size', { simple: true })).toBe(4096);
    const before = content(raw);
    expect(before.docs).toBe(1000);
    const reader = new Database(file, { readonly: true });
    reader.prepare(`SELECT count(*) FROM documents`).get();
    expect(convertPageSize(raw, file)).toMatchObject({ from: 4096, to: 4096, skipped: 'in-use' });
    // Still WAL, still readable by the reader, nothing lost.
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(content(reader)).toEqual(before);
    reader.close();
    expect(convertPageSize(raw, file)).toEqual({ from: 4096, to: NEW_PAGE_SIZE, skipped: null });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(content(raw)).toEqual(before);
    expect(convertPageSize(raw, file)).toMatchObject({ skipped: 'already' });
    raw.close();
  });

  it('leaves a file over the open limit to the reindex job, which converts it and keeps search working', async () => {
    const raw = new Database(file);
    const before = content(raw);
    expect(convertPageSize(raw, file, { maxBytes: 1024 })).toMatchObject({ to: 4096, skipped: 'large' });
    raw.close();
    // The app opens it while a reader has it (as an open of a large one, it stays at 4 KB) …
    const reader = new Database(file, { readonly: true });
    reader.prepare(`SELECT count(*) FROM documents`).get();
    const host = await startAppHost({ host: 'web', archiveDir: dir, create: false });
    try {
      const db = host.service.vankho.archive.db;
      expect(db.pragma('page_size', { simple: true })).toBe(4096);
      reader.close();
      const title = db
        .prepare(`SELECT title FROM documents ORDER BY id LIMIT 1 OFFSET 7`)
        .pluck()
        .get() as string;
      // … and its reindex job, once the reader is gone, rewrites it.
      const r = await host.dispatch('searchReindex', {});
      if (!r.ok) throw new Error(r.error.code);
      const job = await host.jobs.wait((r.value as { jobId: string }).jobId);
      expect(job?.state).toBe('done');
      expect(db.pragma('page_size', { simple: true })).toBe(NEW_PAGE_SIZE);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(content(db)).toEqual(before);
      const found = await host.dispatch('search', { query: `"${title}"`, limit: 5 });
      if (!found.ok) throw new Error(found.error.code);
      expect((found.value as { hits: Array<{ title: string }> }).hits.map((h) => h.title)).toContain(title);
    } finally {
      await host.stop();
    }
  });

  it('survives a kill in the middle of its VACUUM: the old file comes back whole, and the next open converts it', async () => {
    const raw = new Database(file, { readonly: true });
    const before = content(raw);
    raw.close();
    const child = spawn(
      process.execPath,
      [repoPath('bin/run-ts.mjs'), repoPath('tests/integration/archive/open-archive.child.ts'), dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // The rollback journal exists only while VACUUM overwrites the file: kill the child then.
    let killedMidway = false;
    const journal = `${file}-journal`;
    await new Promise<void>((resolve) => {
      const poll = (): void => {
        if (existsSync(journal) && child.exitCode === null) {
          killedMidway = child.kill('SIGKILL');
          resolve();
        } else if (child.exitCode !== null) resolve();
        else setImmediate(poll);
      };
      poll();
    });
    await exited;
    expect(err).toBe('');
    expect(killedMidway).toBe(true);
    expect(existsSync(journal)).toBe(true); // a hot journal: the VACUUM was cut off

    // Any connection rolls the hot journal back first: the 4 KB file, whole.
    const after = new Database(file);
    expect(after.pragma('page_size', { simple: true })).toBe(4096);
    expect(content(after)).toEqual(before);
    after.close();

    // The next open (taking over the dead child's lock) converts it.
    const a = openArchive(dir);
    try {
      expect(a.db.pragma('page_size', { simple: true })).toBe(NEW_PAGE_SIZE);
      expect(a.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(content(a.db)).toEqual(before);
    } finally {
      a.close();
    }
  });
});
