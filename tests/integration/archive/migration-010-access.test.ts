// Migration 010 (access levels): documents of an archive at schema 9 become công khai without a độ
// mật, keep their data, and the columns take only the known codes.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive } from '../../../main/core/archive/archive.js';
import { loadMigrations, migrate } from '../../../main/core/archive/database.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

describe('migration 010: documents.access and documents.secrecy', () => {
  let tmp: TempDir;
  let dir: string;
  beforeEach(async () => {
    tmp = await makeTempDir('vankho-m010-');
    dir = join(tmp.dir, 'kho');
  });
  afterEach(async () => {
    await tmp.cleanup();
  });

  it('an archive at schema 9 migrates: its documents are public, without a độ mật, data kept', () => {
    mkdirSync(dir);
    const old = new Database(join(dir, 'archive.sqlite'));
    old.pragma('journal_mode = WAL');
    migrate(
      old,
      loadMigrations().filter((m) => m.version < 10),
    );
    expect(old.pragma('user_version', { simple: true })).toBe(9);
    old
      .prepare(
        `INSERT INTO documents (uid, title, number, created_at, updated_at) VALUES (?, ?, ?, 'x', 'x')`,
      )
      .run('u-9', 'Công văn trước 010', '12/CV-UBND');
    old.close();

    const a = openArchive(dir);
    try {
      expect(a.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(10);
      expect(
        a.db.prepare('SELECT title, number, access, secrecy FROM documents WHERE uid = ?').get('u-9'),
      ).toEqual({
        title: 'Công văn trước 010',
        number: '12/CV-UBND',
        access: 'cong-khai',
        secrecy: null,
      });
      const set = (column: string, value: string) => () =>
        a.write((db) => db.prepare(`UPDATE documents SET ${column} = ? WHERE uid = 'u-9'`).run(value));
      expect(set('access', 'bi-mat')).toThrow(/CHECK/);
      expect(set('secrecy', 'Mật')).toThrow(/CHECK/);
      set('access', 'mat')();
      set('secrecy', 'tuyet-mat')();
      expect(a.db.prepare(`SELECT access, secrecy FROM documents WHERE uid = 'u-9'`).get()).toEqual({
        access: 'mat',
        secrecy: 'tuyet-mat',
      });
      expect(a.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      a.close();
    }
  });
});
