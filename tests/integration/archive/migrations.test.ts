import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openArchive } from '../../../main/core/archive/archive.js';
import { SCHEMA_VERSION, loadMigrations, migrate } from '../../../main/core/archive/database.js';
import { VanKhoError } from '../../../main/core/errors/vankho-error.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

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
});
