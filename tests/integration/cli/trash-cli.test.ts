// `vankho delete` / `vankho trash list|restore|empty` (issue 16, defect 12) on a real archive of the samples.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { repoPath } from '../../helpers/repo-root.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

describe('vankho delete and trash', () => {
  let tmp: TempDir;
  let A: string;
  const cli = (...args: string[]) => runCliInProcess(['--archive', A, ...args]);
  const json = async <T>(...args: string[]): Promise<T> =>
    JSON.parse((await cli('--json', ...args)).stdout) as T;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-cli-trash-');
    A = join(tmp.dir, 'a');
    const r = await cli('import', repoPath('resources', 'samples'));
    expect(r.code, r.stderr).toBe(EXIT.OK);
  }, 120_000);
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('deletes into the trash, lists it, restores it, and empties only with --yes', async () => {
    const list = await json<{ total: number; items: { id: number; metadata: { number: string | null } }[] }>(
      'list',
      '--limit',
      '100',
    );
    const doc = list.items.find((d) => d.metadata.number === '1520/QĐ-UBND')!;
    const del = await cli('delete', String(doc.id));
    expect(del.code, del.stderr).toBe(EXIT.OK);
    expect(del.stdout).toContain('Đã chuyển vào thùng rác / moved to the trash');
    expect((await json<{ total: number }>('list', '--limit', '100')).total).toBe(list.total - 1);
    expect((await cli('search', '1520/QĐ-UBND')).stdout).not.toContain(`[${doc.id}] 1520/QĐ-UBND`);
    const trash = await json<{ id: number; documentId: number }[]>('trash', 'list');
    expect(trash).toMatchObject([{ documentId: doc.id }]);

    const restore = await cli('trash', 'restore', String(trash[0]!.id));
    expect(restore.code, restore.stderr).toBe(EXIT.OK);
    expect((await json<{ total: number }>('list', '--limit', '100')).total).toBe(list.total);
    expect((await cli('search', '1520/QĐ-UBND')).stdout).toContain(`[${doc.id}] 1520/QĐ-UBND`);

    await cli('delete', String(doc.id));
    const refused = await cli('trash', 'empty');
    expect(refused.code).toBe(EXIT.USAGE);
    expect(refused.stderr).toContain('--yes');
    expect(await json<unknown[]>('trash', 'list')).toHaveLength(1);
    const empty = await cli('trash', 'empty', '--yes');
    expect(empty.code, empty.stderr).toBe(EXIT.OK);
    expect(empty.stdout).toContain('1 văn bản / documents, 1 tệp gốc / originals');
    expect(await json<unknown[]>('trash', 'list')).toEqual([]);
    const check = await cli('check');
    expect(check.code, check.stdout).toBe(EXIT.OK);
  }, 120_000);
});
