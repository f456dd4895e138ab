import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openArchive } from '../../../main/core/archive/archive.js';
import {
  NEW_PAGE_SIZE,
  SCHEMA_VERSION,
  loadMigrations,
  migrate,
} from '../../../main/core/archive/database.js';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { insertDocs } from '../../bench/insert-docs.js';
import { VanKhoError } from '../../../main/core/errors/vankho-error.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';
import { unpackPageText } from '../../../main/core/archive/pages-repo.js';

describe('archive schema migrations', () => {
  let tmp: TempDir;
  let dir: string;
  beforeEach(async () => {
    tmp = await makeTempDir('vankho-migrate-');
    dir = join(tmp.dir, 'kho');
  });
  afterEach(async () => {
    await tmp.cleanup();
  });

  it('numbers migrations 001, 002, … without gaps', () => {
    const versions = loadMigrations().map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(versions[versions.length - 1]);
  });

  it('migrates an archive made with the first schema to the current one, keeping its data', () => {
    // The database as the first release wrote it: schema 001 only, with a document in it.
    mkdirSync(dir);
    const file = join(dir, 'archive.sqlite');
    const first = loadMigrations().slice(0, 1);
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    migrate(old, first);
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    old
      .prepare(
        `INSERT INTO documents (uid, title, created_at, updated_at) VALUES ('u-1', 'Nghị quyết cũ', 'x', 'x')`,
      )
      .run();
    old.close();

    const a = openArchive(dir);
    expect(a.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(a.db.prepare('SELECT title FROM documents WHERE uid = ?').pluck().get('u-1')).toBe(
      'Nghị quyết cũ',
    );
    expect(a.db.pragma('integrity_check', { simple: true })).toBe('ok');
    a.close();
  });

  it('refuses an archive written by a newer VanKho without touching it', () => {
    openArchive(dir).close();
    const file = join(dir, 'archive.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(file);
    for (let i = 0; i < 2; i++) {
      // Twice: the failed open must release its lock (second attempt is TOO_NEW again, not LOCKED).
      let code = '';
      try {
        openArchive(dir);
      } catch (e) {
        code = (e as VanKhoError).appError.code;
        expect((e as VanKhoError).appError.message.vi).toContain('phiên bản');
      }
      expect(code).toBe('ARCHIVE_TOO_NEW');
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });
  it('creates archives with 16 KB pages, and rewrites an archive made with 4 KB pages to them on a writable open', () => {
    // The same documents into a new archive and into one whose file was made with 4 KB pages (as
    // VanKho made them before): a reader in another connection keeps the old one at 4 KB meanwhile.
    const oldDir = join(tmp.dir, 'kho-4k');
    mkdirSync(oldDir);
    const oldFile = join(oldDir, 'archive.sqlite');
    const old = new Database(oldFile);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    migrate(old, loadMigrations());
    old.close();
    const docs = [...generateCorpus(120)];
    const unused = (db: Database.Database): { pageSize: number; share: number } => {
      const r = db
        .prepare<[], { size: number; unused: number }>(
          `SELECT sum(pgsize) AS size, sum(unused) AS unused FROM dbstat WHERE name = 'pages'`,
        )
        .get()!;
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      return { pageSize: db.pragma('page_size', { simple: true }) as number, share: r.unused / r.size };
    };
    const fill = (d: string): { pageSize: number; share: number } => {
      const a = openArchive(d);
      try {
        insertDocs(a, docs);
        return unused(a.db);
      } finally {
        a.close();
      }
    };
    const fresh = fill(dir);
    const reader = new Database(oldFile, { readonly: true });
    expect(reader.prepare(`SELECT count(*) FROM documents`).pluck().get()).toBe(0); // it has the WAL open
    const kept = fill(oldDir);
    reader.close();
    expect(fresh.pageSize).toBe(NEW_PAGE_SIZE);
    expect(kept.pageSize).toBe(4096);
    // Measured: 0.15 at 16 KB, 0.32 at 4 KB (a row of a few KB per 4 KB page, the rest unused).
    expect(fresh.share).toBeLessThan(0.2);
    expect(kept.share).toBeGreaterThan(fresh.share * 1.5);

    // Nobody else has it open now: the next open rewrites it, in WAL again, with its data.
    const pagesText = (db: Database.Database): string =>
      (db.prepare(`SELECT text FROM pages ORDER BY file_id, page_no`).pluck().all() as (string | Buffer)[])
        .map(unpackPageText)
        .join('|');
    const before = new Database(oldFile, { readonly: true });
    const text = pagesText(before);
    const sizeBefore = before
      .prepare(`SELECT sum(pgsize) FROM dbstat WHERE name = 'pages'`)
      .pluck()
      .get() as number;
    before.close();
    const a = openArchive(oldDir);
    try {
      expect(a.db.pragma('journal_mode', { simple: true })).toBe('wal');
      const converted = unused(a.db);
      expect(converted.pageSize).toBe(NEW_PAGE_SIZE);
      expect(converted.share).toBeLessThan(0.2);
      expect(pagesText(a.db)).toBe(text);
      expect(
        a.db.prepare(`SELECT sum(pgsize) FROM dbstat WHERE name = 'pages'`).pluck().get() as number,
      ).toBeLessThan(sizeBefore);
      expect(a.db.prepare(`SELECT count(*) FROM documents`).pluck().get()).toBe(docs.length);
    } finally {
      a.close();
    }
  });
});
