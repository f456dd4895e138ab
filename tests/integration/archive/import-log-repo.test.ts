// The import history as a crash leaves it: a batch still 'running' in a closed archive was cut off.
// The archive check (read-only, so no sweep) warns about it; the next open marks it failed and says so.
import { expect, it } from 'vitest';
import { join } from 'node:path';
import { openArchive } from '../../../main/core/archive/archive.js';
import { checkArchive } from '../../../main/core/archive/check-archive.js';
import {
  closeImportBatch,
  insertImportLog,
  openImportBatch,
  runningImportBatches,
} from '../../../main/core/archive/import-log-repo.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tmp = useTempDir('vankho-import-log-', { each: true });

it('a batch left running is reported by the check, then marked failed by the next open', async () => {
  const dir = join(tmp.dir, 'kho');
  const a = openArchive(dir);
  const finished = a.write((db) => openImportBatch(db, new Date().toISOString(), 1));
  a.write((db) => closeImportBatch(db, finished, 'done'));
  const cut = a.write((db) => openImportBatch(db, new Date().toISOString(), 2));
  a.write((db) =>
    insertImportLog(db, cut, {
      path: 'a.pdf',
      outcome: 'failed',
      documentId: null,
      sha256: null,
      code: 'FILE_EMPTY',
      messageVi: 'Tệp rỗng',
      messageEn: 'Empty file',
    }),
  );
  a.close(); // as if the process died here: the batch was never closed

  const ro = openArchive(dir, { readonly: true });
  try {
    expect(runningImportBatches(ro.db)).toEqual([cut]);
    const report = await checkArchive(ro);
    const stuck = report.problems.filter((p) => p.code === 'import_stuck');
    expect(stuck).toHaveLength(1);
    expect(stuck[0]!.message.vi).toContain(`#${cut}`);
  } finally {
    ro.close();
  }

  const b = openArchive(dir);
  try {
    expect(b.sweep.interruptedBatches).toEqual([cut]);
    expect(runningImportBatches(b.db)).toEqual([]);
    const rows = b.db
      .prepare('SELECT id, status, finished_at FROM import_batches ORDER BY id')
      .all() as Array<{
      id: number;
      status: string;
      finished_at: string | null;
    }>;
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      [finished, 'done'],
      [cut, 'failed'],
    ]);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    // The log line written before the cut stays, with its vi/en message.
    expect(b.db.prepare('SELECT code, message_vi FROM import_log WHERE batch_id = ?').get(cut)).toEqual({
      code: 'FILE_EMPTY',
      message_vi: 'Tệp rỗng',
    });
  } finally {
    b.close();
  }
});
