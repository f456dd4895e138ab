import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { walkPaths, type WalkFs } from '../../../main/core/ingest/walk-paths.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

/** A readdir that fails like the OS does on a folder without read permission (root ignores chmod). */
function deniedFor(folder: string, code: 'EACCES' | 'EPERM'): WalkFs {
  return {
    readdir: (dir) => {
      if (dir === folder) {
        throw Object.assign(new Error(`${code}: permission denied, scandir '${dir}'`), { code });
      }
      return readdirSync(dir, { encoding: 'buffer' });
    },
  };
}

describe('walkPaths', () => {
  let tmp: TempDir;
  beforeEach(async () => {
    tmp = await makeTempDir('vankho-walk-');
    mkdirSync(join(tmp.dir, 'ok'));
    mkdirSync(join(tmp.dir, 'locked', 'inner'), { recursive: true });
    writeFileSync(join(tmp.dir, 'ok', 'a.txt'), 'a');
    writeFileSync(join(tmp.dir, 'locked', 'b.txt'), 'b');
    writeFileSync(join(tmp.dir, 'locked', 'inner', 'c.txt'), 'c');
  });
  afterEach(() => tmp.cleanup());

  it.each(['EACCES', 'EPERM'] as const)(
    'reports a folder that cannot be listed (%s) as FOLDER_UNREADABLE and walks the rest',
    (code) => {
      const locked = join(tmp.dir, 'locked');
      const { files, problems } = walkPaths([tmp.dir], undefined, deniedFor(locked, code));
      expect(files.map((f) => f.path)).toEqual([join(tmp.dir, 'ok', 'a.txt')]);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.path).toBe(locked);
      expect(problems[0]!.error.code).toBe('FOLDER_UNREADABLE');
      expect(problems[0]!.error.detail).toBe(code);
      expect(problems[0]!.error.message.vi).toBe(
        'Không đọc được thư mục (không có quyền hoặc thư mục không còn truy cập được).',
      );
    },
  );

  it('a folder given directly that cannot be listed is one problem, not an exception', () => {
    const locked = join(tmp.dir, 'locked');
    const { files, problems } = walkPaths([locked], undefined, deniedFor(locked, 'EACCES'));
    expect(files).toEqual([]);
    expect(problems.map((p) => [p.path, p.error.code])).toEqual([[locked, 'FOLDER_UNREADABLE']]);
  });

  it('a path that cannot be examined stays FILE_UNREADABLE (missing, or a file used as a folder)', () => {
    const missing = join(tmp.dir, 'missing.pdf');
    const underFile = join(tmp.dir, 'ok', 'a.txt', 'x.pdf');
    const { files, problems } = walkPaths([missing, underFile, join(tmp.dir, 'ok')]);
    expect(files.map((f) => f.path)).toEqual([join(tmp.dir, 'ok', 'a.txt')]);
    expect(problems.map((p) => [p.path, p.error.code, p.error.detail])).toEqual([
      [missing, 'FILE_UNREADABLE', 'ENOENT'],
      [underFile, 'FILE_UNREADABLE', 'ENOTDIR'],
    ]);
  });
});
