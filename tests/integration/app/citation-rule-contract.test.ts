// Citations read by older extraction rules, through the contract: stored relations change only when a
// document is extracted again, so archiveInfo says how many documents an older rule (or none kept:
// an archive made before rule versions were kept) read, and re-extraction brings them to the current
// rule — a selection only those documents, the whole archive all of them; a document whose relations
// the older rule had missed gets them back.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveInfo, DocumentRelations, JobStarted } from '../../../main/contract/dto.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { deleteMeta, writeMeta } from '../../../main/core/archive/meta-store.js';
import { dispatcher, jobFinished } from '../../helpers/dispatch.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const decision = (n: number, cites: string): string =>
  [
    'ỦY BAN NHÂN DÂN',
    'TỈNH HÀ TĨNH',
    `Số: ${n}/2025/QĐ-UBND`,
    'Hà Tĩnh, ngày 10 tháng 3 năm 2025',
    'QUYẾT ĐỊNH',
    'Về việc ban hành Quy chế công tác văn thư',
    `Căn cứ ${cites};`,
    'Điều 1. Ban hành kèm theo Quyết định này Quy chế công tác văn thư.',
    '',
  ].join('\n');

describe('citations read by older extraction rules', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  const { call } = dispatcher(() => host);
  const ids: number[] = [];
  const behind = async (): Promise<number> =>
    (await call<ArchiveInfo>('archiveInfo', {})).citationsReadByOlderRules;
  const reextract = async (input: { documentIds?: number[] }): Promise<void> => {
    const { jobId } = await call<JobStarted>('reextractStart', input);
    expect((await jobFinished(host.events, jobId)).state).toBe('done');
  };
  const uidOf = (id: number): string =>
    host.service.vankho.archive.db
      .prepare('SELECT uid FROM documents WHERE id = ?')
      .pluck()
      .get(id) as string;

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-citation-rule-');
    const paths = [1, 2, 3].map((n) => {
      const p = join(tmp.dir, `qd-${n}.txt`);
      writeFileSync(p, decision(n, 'Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ'));
      return p;
    });
    host = await startAppHost({ host: 'web', archiveDir: join(tmp.dir, 'kho'), create: true });
    expect((await host.jobs.wait(host.service.startImport(paths)))?.state).toBe('done');
    const db = host.service.vankho.archive.db;
    ids.push(...(db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[]));
    expect(ids).toHaveLength(3);
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('counts none after an import, the older rules’ documents after, and re-extraction clears them', async () => {
    expect(await behind()).toBe(0);
    const [a, b] = [ids[0]!, ids[1]!];
    expect((await call<DocumentRelations>('documentRelations', { documentId: a })).missing).toHaveLength(1);

    // As an older app left them: A read before versions were kept (and its citation missed), B by rule 0.
    host.service.vankho.archive.write((db) => {
      deleteMeta(db, `citations_read:${uidOf(a)}`);
      db.prepare("DELETE FROM relations WHERE source_id = ? AND origin = 'auto'").run(a);
      writeMeta(db, `citations_read:${uidOf(b)}`, '0');
    });
    expect(await behind()).toBe(2);

    await reextract({ documentIds: [b] });
    expect(await behind()).toBe(1);

    await reextract({});
    expect(await behind()).toBe(0);
    const back = await call<DocumentRelations>('documentRelations', { documentId: a });
    expect(back.missing.map((r) => r.citedNumber)).toEqual(['30/2020/NĐ-CP']);
  });
});
