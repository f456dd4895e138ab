import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  closeSync,
  mkdirSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
  readFileSync,
  chmodSync,
} from 'node:fs';
import { join } from 'node:path';
import { openArchive, type Archive } from '../../../main/core/archive/archive.js';
import { archiveLooksHealthy, checkArchive } from '../../../main/core/archive/check-archive.js';
import { importPaths } from '../../../main/core/ingest/import-files.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

describe('checkArchive (the doctor)', () => {
  let tmp: TempDir;
  let a: Archive;
  let shas: string[];
  beforeEach(async () => {
    tmp = await makeTempDir('vankho-check-');
    const src = join(tmp.dir, 'src');
    mkdirSync(src);
    for (let i = 0; i < 3; i++) writeFileSync(join(src, `v${i}.txt`), `Công văn số ${i}/UBND-VP`);
    a = openArchive(join(tmp.dir, 'kho'));
    const r = await importPaths(a, [src]);
    shas = r.outcomes.map((o) => o.sha256!);
  });
  afterEach(async () => {
    a.close();
    await tmp.cleanup();
  });

  it('reports a clean archive', async () => {
    const r = await checkArchive(a, { full: true });
    expect(r.ok).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.counts).toMatchObject({ documents: 3, files: 3, filesHashed: 3, errors: 0 });
  });

  it('finds a missing original, a wrong size, altered bytes and an orphan', async () => {
    const [s0, s1, s2] = shas as [string, string, string];
    rmSync(a.files.pathOf(s0));
    const p1 = a.files.pathOf(s1);
    chmodSync(p1, 0o600);
    writeFileSync(p1, readFileSync(p1).toString() + ' thêm');
    const p2 = a.files.pathOf(s2);
    const bytes = readFileSync(p2);
    bytes[0] = bytes[0]! ^ 1;
    chmodSync(p2, 0o600);
    writeFileSync(p2, bytes);
    const orphan = 'cd'.repeat(32);
    mkdirSync(join(a.files.root, 'cd', 'cd'), { recursive: true });
    writeFileSync(a.files.pathOf(orphan), 'x');

    const r = await checkArchive(a, { full: true });
    expect(r.ok).toBe(false);
    const codes = r.problems.map((p) => `${p.severity}:${p.code}`).sort();
    expect(codes).toEqual([
      'error:file_hash',
      'error:file_missing',
      'error:file_size',
      'warning:orphan_file',
    ]);
    expect(r.problems.find((p) => p.code === 'file_hash')!.sha256).toBe(s2);
    // The light pass skips hashing, so it misses the same-size alteration.
    const quick = await checkArchive(a, { full: false });
    expect(quick.problems.map((p) => p.code).sort()).toEqual(['file_missing', 'file_size', 'orphan_file']);
  });
  it('archiveLooksHealthy: true while it is held open, false once a table page is damaged', () => {
    const dir = join(tmp.dir, 'kho');
    expect(archiveLooksHealthy(dir)).toBe(true);
    const root = a.db
      .prepare<[], number>("SELECT rootpage FROM sqlite_master WHERE name = 'files'")
      .pluck()
      .get()!;
    const pageSize = a.db.pragma('page_size', { simple: true }) as number;
    a.close();
    const fd = openSync(join(dir, 'archive.sqlite'), 'r+');
    try {
      writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (root - 1) * pageSize);
    } finally {
      closeSync(fd);
    }
    expect(archiveLooksHealthy(dir)).toBe(false);
    expect(() => archiveLooksHealthy(join(tmp.dir, 'src'))).toThrow(/ARCHIVE_NOT_FOUND/);
  });
});
