import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../main/core/archive/archive.js';
import { VanKhoError } from '../../main/core/errors/vankho-error.js';
import { allDocumentIds } from '../../main/core/archive/documents-repo.js';
import { exportBundle } from '../../main/core/export/export-bundle.js';
import { exportSourceOf } from '../../main/core/app/export-source.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { seedArchive } from './export-seed.js';

// T-E2: the disk fills up mid-export (a 3 MB tmpfs as the target volume; Linux as root only, as in
// CI). The export fails with DISK_FULL and leaves nothing on the full volume.

let tmp: TempDir;
let a: Archive;
let small: string;
let mounted = false;

beforeAll(async () => {
  tmp = await makeTempDir('vankho-diskfull-');
  small = join(tmp.dir, 'small');
  mkdirSync(small);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', small], { stdio: 'ignore' });
    mounted = true;
  } catch {
    mounted = false; // not root / no mount permission: the test below is skipped
  }
  a = openArchive(join(tmp.dir, 'A'));
  await seedArchive(a, [
    {
      title: 'Hồ sơ lớn',
      files: [{ name: 'lon.pdf', bytes: randomBytes(5 * 1024 * 1024), mediaType: 'application/pdf' }],
    },
  ]);
});

afterAll(async () => {
  a.close();
  if (mounted) execFileSync('umount', [small]);
  await tmp.cleanup();
});

describe('export on a full disk', () => {
  it.skipIf(process.platform !== 'linux' || process.getuid?.() !== 0)(
    'fails with DISK_FULL and leaves no file',
    async () => {
      expect(mounted).toBe(true);
      const err = await exportBundle(exportSourceOf(a), {
        ids: allDocumentIds(a.db),
        out: join(small, 'goi.zip'),
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VanKhoError);
      expect((err as VanKhoError).appError.code).toBe('DISK_FULL');
      expect(readdirSync(small)).toEqual([]);
    },
  );
});
