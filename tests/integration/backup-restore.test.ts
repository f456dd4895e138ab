import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive } from '../../main/core/archive/archive.js';
import { VanKhoError } from '../../main/core/errors/vankho-error.js';
import { backupArchive } from '../../main/core/export/backup-archive.js';
import { restoreArchive } from '../../main/core/export/restore-archive.js';
import { repoPath } from '../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { seedArchive, snapshotArchive } from './export-seed.js';

let tmp: TempDir;
beforeEach(async () => {
  tmp = await makeTempDir('vankho-backup-');
});
afterEach(async () => {
  await tmp.cleanup();
});

describe('backup and restore', () => {
  it('restores an equal archive into an empty folder and the doctor passes', async () => {
    const a = openArchive(join(tmp.dir, 'A'));
    await seedArchive(
      a,
      [
        {
          uid: 'b1',
          title: 'Nghị quyết về công tác lưu trữ',
          number: '05-NQ/TU',
          issuedDate: '2020-02-02',
          files: [
            {
              name: 'nq.txt',
              bytes: Buffer.from('Nghị quyết số 05-NQ/TU'),
              mediaType: 'text/plain',
              pages: ['Nghị quyết'],
            },
          ],
          fields: { number: 'user' },
          tags: ['Đảng'],
        },
      ],
      [{ name: 'Đảng', color: '#c62828' }],
    );
    const out = join(tmp.dir, 'sao-luu.zip');
    // The archive stays open (locked) by this process while the backup runs.
    const rep = await backupArchive(a.dir, out);
    expect(rep).toMatchObject({ documents: 1, files: 1 });
    const restored = join(tmp.dir, 'R');
    const r = await restoreArchive(out, restored);
    expect(r.check.ok).toBe(true);
    expect(r.check.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const b = openArchive(restored, { create: false });
    expect(snapshotArchive(b)).toEqual(snapshotArchive(a));
    b.close();
    a.close();

    // Refuses a non-empty target, and a damaged backup leaves the empty target empty.
    await expect(restoreArchive(out, restored)).rejects.toMatchObject({
      appError: { code: 'INVALID_INPUT' },
    });
    const bad = Buffer.from(readFileSync(out));
    const at = bad.indexOf(Buffer.from('Nghị quyết số'));
    const broken = join(tmp.dir, 'broken.zip');
    if (at > 0) {
      bad[at] = bad[at]! ^ 0x20;
      writeFileSync(broken, bad);
    } else {
      writeFileSync(broken, bad.subarray(0, bad.length - 100));
    }
    const empty = join(tmp.dir, 'E');
    mkdirSync(empty);
    const err = await restoreArchive(broken, empty).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VanKhoError);
    expect(['BACKUP_INVALID', 'BUNDLE_INVALID']).toContain((err as VanKhoError).appError.code);
    expect(readdirSync(empty)).toEqual([]);
  });

  it('takes a consistent backup while another process is importing', async () => {
    const src = join(tmp.dir, 'src');
    mkdirSync(src);
    const total = 160;
    for (let i = 0; i < total; i++) {
      writeFileSync(
        join(src, `van-ban-${String(i).padStart(3, '0')}.txt`),
        `ỦY BAN NHÂN DÂN TỈNH\nSố: ${i + 1}/QĐ-UBND\nQUYẾT ĐỊNH về việc thử sao lưu lần ${i}\n${'Nội dung. '.repeat(200)}`,
      );
    }
    const dir = join(tmp.dir, 'live');
    const child = spawn(
      process.execPath,
      [repoPath('bin/run-ts.mjs'), repoPath('tests/integration/backup-import-child.ts'), dir, src],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let childDone = false;
    const exited = new Promise<number | null>((r) =>
      child.on('close', (code) => {
        childDone = true;
        r(code);
      }),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (/progress ([5-9]|\d\d+)\b/.test(d.toString())) resolve();
      });
      child.on('close', () => reject(new Error('import ended before the backup started')));
    });
    const out = join(tmp.dir, 'during.zip');
    const rep = await backupArchive(dir, out);
    const finishedDuringImport = !childDone;
    expect(await exited).toBe(0);
    expect(finishedDuringImport).toBe(true);
    expect(rep.documents).toBeGreaterThan(0);
    expect(rep.documents).toBeLessThan(total);

    const restored = join(tmp.dir, 'restored');
    const r = await restoreArchive(out, restored);
    expect(r.check.ok).toBe(true);
    const b = openArchive(restored, { create: false });
    try {
      const docs = b.db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
      expect(docs).toBe(rep.documents);
      expect(b.db.prepare('SELECT count(*) FROM files').pluck().get()).toBe(docs);
      expect(b.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      b.close();
    }
    // After the import, a new backup holds everything.
    const full = await backupArchive(dir, join(tmp.dir, 'after.zip'));
    expect(full.documents).toBe(total);
  });
});
