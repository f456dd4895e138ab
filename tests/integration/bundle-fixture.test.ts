import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../main/core/archive/archive.js';
import { checkArchive } from '../../main/core/archive/check-archive.js';
import { importBundle, type BundleImportReport } from '../../main/core/export/import-bundle.js';
import { repoPath } from '../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { filePageTexts } from '../../main/core/archive/pages-repo.js';

// T-E1: a bundle made by an earlier release (kept in the repo, never regenerated) still imports
// completely into a fresh archive of this release.

let tmp: TempDir;
let b: Archive;
let report: BundleImportReport;

beforeAll(async () => {
  tmp = await makeTempDir('vankho-fixture-');
  b = openArchive(join(tmp.dir, 'B'));
  report = await importBundle(b, repoPath('tests/fixtures/bundles/vankho-bundle-v1.zip'));
});

afterAll(async () => {
  b.close();
  await tmp.cleanup();
});

describe('bundle format 1 fixture', () => {
  it('imports every document, file, page, tag and relation', async () => {
    expect([report.added, report.merged, report.skipped]).toEqual([2, 0, 0]);
    expect(report.filesAdded).toBe(3);
    expect(report.tagsCreated).toBe(3);
    const ctr = b.db.prepare(`SELECT * FROM documents WHERE uid = 'fixture-ctr-04'`).get() as Record<
      string,
      unknown
    >;
    expect(ctr).toMatchObject({
      number: '04-CTr/HU',
      doc_type: 'Chương trình',
      issuer: 'Huyện ủy Yên Thành',
      issued_date: '2021-01-15',
      notes: 'Bản chính',
    });
    const prov = b.db
      .prepare(`SELECT field, source FROM document_fields WHERE document_id = ? ORDER BY field`)
      .all(ctr['id'] as number);
    expect(prov).toEqual([
      { field: 'doc_type', source: 'auto' },
      { field: 'issued_date', source: 'user' },
      { field: 'issuer', source: 'auto' },
      { field: 'number', source: 'user' },
      { field: 'title', source: 'user' },
    ]);
    const kh15 = b.db
      .prepare(`SELECT id FROM files WHERE original_name = 'KH 15.txt'`)
      .pluck()
      .get() as number;
    expect(filePageTexts(b.db, kh15)).toEqual([
      'KẾ HOẠCH số 15/KH-UBND\nThực hiện Chương trình số 04-CTr/HU của Huyện ủy',
      'Trang 2: phân công nhiệm vụ',
    ]);
    expect(b.db.prepare(`SELECT role FROM files WHERE original_name = 'Phụ lục.txt'`).pluck().get()).toBe(
      'attachment',
    );
    expect(
      b.db
        .prepare(
          'SELECT t.name, p.name AS parent, t.color FROM tags t LEFT JOIN tags p ON p.id = t.parent_id ORDER BY t.name',
        )
        .all(),
    ).toEqual([
      { name: 'Chương trình', parent: 'Đảng ủy', color: '#1565c0' },
      { name: 'Kế hoạch 2021', parent: 'Đảng ủy', color: null },
      { name: 'Đảng ủy', parent: null, color: '#c62828' },
    ]);
    expect(
      b.db
        .prepare(
          `SELECT r.kind, t.uid AS target, r.cited_number, r.origin FROM relations r LEFT JOIN documents t ON t.id = r.target_id ORDER BY r.kind`,
        )
        .all(),
    ).toEqual([
      { kind: 'can_cu', target: null, cited_number: '30/2020/NĐ-CP', origin: 'auto' },
      { kind: 'thuc_hien', target: 'fixture-ctr-04', cited_number: '04-CTr/HU', origin: 'manual' },
    ]);
    // Originals byte-identical: every stored file hashes to its address.
    for (const sha of b.db.prepare('SELECT sha256 FROM files').pluck().all() as string[]) {
      expect(
        createHash('sha256')
          .update(readFileSync(b.files.pathOf(sha)))
          .digest('hex'),
      ).toBe(sha);
    }
    const check = await checkArchive(b, { full: true });
    expect(check.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});
