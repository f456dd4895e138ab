// Migration 015 (documents.extraction_rule): documents of an archive at schema 14 take version 1,
// the rules as they stood when versions began to be kept, so an upgraded archive is told of no
// document read by older rules; the column takes no negative version.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../../main/core/archive/archive.js';
import { loadMigrations, migrate } from '../../../main/core/archive/database.js';
import { countReadByOlderRules, EXTRACTION_RULE } from '../../../main/core/archive/extraction-rule.js';
import { useTempDir } from '../../helpers/temp-dir.js';

describe('migration 015: documents.extraction_rule', () => {
  const tmp = useTempDir('vankho-m015-');

  it('an archive at schema 14 migrates: its documents stand at version 1, none behind', () => {
    const dir = join(tmp.dir, 'kho');
    mkdirSync(dir);
    const old = new Database(join(dir, 'archive.sqlite'));
    old.pragma('journal_mode = WAL');
    migrate(
      old,
      loadMigrations().filter((m) => m.version < 15),
    );
    expect(old.pragma('user_version', { simple: true })).toBe(14);
    old
      .prepare(
        `INSERT INTO documents (uid, title, number, created_at, updated_at) VALUES (?, ?, ?, 'x', 'x')`,
      )
      .run('u-14', 'Công văn trước 015', '12/CV-UBND');
    old.close();

    const a = openArchive(dir);
    try {
      expect(a.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(15);
      expect(a.db.prepare('SELECT title, extraction_rule FROM documents WHERE uid = ?').get('u-14')).toEqual({
        title: 'Công văn trước 015',
        extraction_rule: 1,
      });
      expect(EXTRACTION_RULE).toBeGreaterThanOrEqual(1);
      expect(countReadByOlderRules(a.db, null)).toBe(EXTRACTION_RULE > 1 ? 1 : 0);
      expect(() =>
        a.write((db) => db.prepare(`UPDATE documents SET extraction_rule = -1 WHERE uid = 'u-14'`).run()),
      ).toThrow(/CHECK/);
      expect(a.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      a.close();
    }
  });
});
