// `check` looks after the originals of documents in the trash too: while an entry holds one, losing
// it means the document can no longer be restored whole, and nothing else would notice.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkArchive } from '../../../main/core/archive/check-archive.js';
import { listFiles } from '../../../main/core/archive/documents-repo.js';
import { trashDocuments } from '../../../main/core/archive/trash.js';
import { importPaths } from '../../../main/core/ingest/import-files.js';
import { openVanKho } from '../../../main/core/open-vankho.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

let tmp: TempDir;
beforeAll(async () => {
  tmp = await makeTempDir('vankho-trash-check-');
});
afterAll(async () => {
  await tmp.cleanup();
});

it('reports a trashed document whose original is gone, and is clean while it is there', async () => {
  const src = join(tmp.dir, 'to-trinh.txt');
  writeFileSync(src, 'Số: 7/TTr-VP\nTỜ TRÌNH\nVề việc thử thùng rác\n');
  const vk = openVanKho(join(tmp.dir, 'kho'), { create: true });
  try {
    const id = (await importPaths(vk.archive, [src])).outcomes[0]!.documentId!;
    const sha = listFiles(vk.archive.db, id)[0]!.sha256;
    const [entry] = trashDocuments(vk.archive, [id]);
    expect((await checkArchive(vk.archive)).problems).toEqual([]);

    rmSync(vk.archive.files.pathOf(sha));
    const problems = (await checkArchive(vk.archive)).problems;
    expect(problems.map((p) => [p.code, p.severity])).toEqual([['trash_file_missing', 'error']]);
    expect(problems[0]!.message.vi).toContain(`mục ${entry!.id}`);
  } finally {
    vk.close();
  }
});
