// D14: a quarantined file byte-identical to a stored, referenced original (the original of a killed
// import, stored again by the re-import) is redundant: the doctor does not warn about it and the next
// writable open deletes it. A quarantined file whose bytes are not safely in the store stays.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openArchive } from '../../../main/core/archive/archive.js';
import { QUARANTINE_DIR } from '../../../main/core/archive/archive-sweep.js';
import { checkArchive } from '../../../main/core/archive/check-archive.js';
import { importPaths } from '../../../main/core/ingest/import-files.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

describe('redundant quarantined copies', () => {
  let tmp: TempDir;
  let dir: string;
  beforeEach(async () => {
    tmp = await makeTempDir('vankho-quarantine-');
    dir = join(tmp.dir, 'kho');
  });
  afterEach(async () => {
    await tmp.cleanup();
  });

  /** Stores src without a row (what an import killed before its commit leaves), then reopens: quarantined. */
  async function orphanOf(src: string): Promise<string> {
    const a = openArchive(dir);
    try {
      await a.files.put(src);
    } finally {
      a.close();
    }
    const b = openArchive(dir);
    try {
      expect(b.sweep.quarantined).toHaveLength(1);
      return join(dir, b.sweep.quarantined[0]!);
    } finally {
      b.close();
    }
  }

  it('are not warned about once the bytes are stored again, and are deleted at the next open', async () => {
    const src = join(tmp.dir, 'cv-12.txt');
    writeFileSync(src, 'Công văn số 12/UBND-VP\nV/v báo cáo tình hình lưu trữ năm 2024\n');
    const quarantined = await orphanOf(src);

    const a = openArchive(dir);
    try {
      const before = await checkArchive(a, { full: true });
      expect(before.problems.map((p) => p.code)).toEqual(['quarantine_present']);
      // The re-run import stores the same bytes again, now with a row.
      const r = await importPaths(a, [src]);
      expect(r.imported).toBe(1);
    } finally {
      a.close();
    }

    // `vankho check` opens read-only (no sweep): no warning, the copy is counted as redundant.
    const ro = openArchive(dir, { readonly: true });
    try {
      const report = await checkArchive(ro, { full: true });
      expect(report.problems).toEqual([]);
      expect(report.counts.quarantineRedundant).toBe(1);
      expect(existsSync(quarantined)).toBe(true);
    } finally {
      ro.close();
    }

    const b = openArchive(dir);
    try {
      expect(b.sweep.quarantineRedundantRemoved).toEqual([quarantined.slice(dir.length + 1)]);
      expect(b.sweep.quarantined).toEqual([]);
      expect(existsSync(quarantined)).toBe(false);
      expect(existsSync(join(dir, QUARANTINE_DIR))).toBe(false);
      const report = await checkArchive(b, { full: true });
      expect(report.problems).toEqual([]);
      expect(report.counts).toMatchObject({ documents: 1, files: 1, filesHashed: 1, quarantineRedundant: 0 });
    } finally {
      b.close();
    }
  });

  it('keeps a quarantined copy whose stored twin was altered (sizes alone never decide)', async () => {
    const src = join(tmp.dir, 'qd-08.txt');
    writeFileSync(src, 'Quyết định số 08/2022/QĐ-TTg\n');
    const quarantined = await orphanOf(src);
    const other = join(tmp.dir, 'qd-09.txt');
    writeFileSync(other, 'Quyết định số 09/2022/QĐ-TTg\n'); // same length, different bytes

    const a = openArchive(dir);
    let storedPath: string;
    try {
      expect((await importPaths(a, [src, other])).imported).toBe(2);
      const sha = a.db.prepare('SELECT sha256 FROM files ORDER BY id LIMIT 1').pluck().get() as string;
      storedPath = a.files.pathOf(sha);
    } finally {
      a.close();
    }
    // The stored original rots (same size, one byte changed): the quarantined copy is the good one.
    writeFileSync(storedPath, 'Quyết định số 08/2022/QĐ-TTX\n');

    const b = openArchive(dir);
    try {
      expect(b.sweep.quarantineRedundantRemoved).toEqual([]);
      expect(existsSync(quarantined)).toBe(true);
      const report = await checkArchive(b, { full: true });
      expect(report.problems.map((p) => p.code).sort()).toEqual(['file_hash', 'quarantine_present']);
      expect(report.counts.quarantineRedundant).toBe(0);
    } finally {
      b.close();
    }
  });
});
