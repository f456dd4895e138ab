// Documents read by older extraction rules (documents.extraction_rule, migration 015), through the
// contract as the renderer reaches it and the CLI's --json: stored suggestions and citations change
// only when a document is read again, so a document an older version read carries olderRules on its
// detail and list rows, joins the review queue and the archive's count, and leaves them when it is
// extracted again or an archivist confirms it as it stands; a bundle carries the version it was read by.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ArchiveInfo,
  DocumentDetail,
  DocumentListPage,
  JobStarted,
  ReviewQueuePage,
} from '../../../main/contract/dto.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { EXTRACTION_RULE } from '../../../main/core/archive/extraction-rule.js';
import { exportSourceOf } from '../../../main/core/app/export-source.js';
import { exportBundle } from '../../../main/core/export/export-bundle.js';
import { importBundle } from '../../../main/core/export/import-bundle.js';
import { openVanKho } from '../../../main/core/open-vankho.js';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { dispatcher, jobFinished } from '../../helpers/dispatch.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const decision = (n: number): string =>
  [
    'ỦY BAN NHÂN DÂN',
    'TỈNH HÀ TĨNH',
    `Số: ${n}/2025/QĐ-UBND`,
    'Hà Tĩnh, ngày 10 tháng 3 năm 2025',
    'QUYẾT ĐỊNH',
    'Về việc ban hành Quy chế công tác văn thư',
    'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;',
    'Điều 1. Ban hành kèm theo Quyết định này Quy chế công tác văn thư.',
    '',
  ].join('\n');

describe('documents read by older extraction rules', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  const { call, refused } = dispatcher(() => host);
  const ids: number[] = [];
  const archiveDir = (): string => join(tmp.dir, 'kho');
  const get = (documentId: number) => call<DocumentDetail>('documentGet', { documentId });
  const behind = async (): Promise<number> => (await call<ArchiveInfo>('archiveInfo', {})).readByOlderRules;
  const queued = async (): Promise<Map<number, unknown>> =>
    new Map((await call<ReviewQueuePage>('reviewQueue', {})).items.map((i) => [i.id, i.olderRules] as const));
  /** As an app with older rules left it: read by version 0 (before this app's first). */
  const readByOlderApp = (id: number): void => {
    host.service.vankho.archive.write((db) =>
      db.prepare('UPDATE documents SET extraction_rule = 0 WHERE id = ?').run(id),
    );
  };

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-older-rules-');
    const paths = [1, 2, 3].map((n) => {
      const p = join(tmp.dir, `qd-${n}.txt`);
      writeFileSync(p, decision(n));
      return p;
    });
    host = await startAppHost({ host: 'web', archiveDir: archiveDir(), create: true });
    expect((await host.jobs.wait(host.service.startImport(paths)))?.state).toBe('done');
    ids.push(
      ...(host.service.vankho.archive.db
        .prepare('SELECT id FROM documents ORDER BY id')
        .pluck()
        .all() as number[]),
    );
    expect(ids).toHaveLength(3);
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('an import is read by the current rules: no notice, no count', async () => {
    expect(await behind()).toBe(0);
    for (const id of ids) expect((await get(id)).olderRules).toBeNull();
    const list = await call<DocumentListPage>('documentsList', {});
    expect(list.items.map((d) => d.olderRules)).toEqual([null, null, null]);
  });

  it('an older rule’s document carries olderRules, joins the queue and the count; a confirmation clears it', async () => {
    const [a, b] = [ids[0]!, ids[1]!];
    // Take A out of the queue first (every suggestion confirmed, nothing missing), so the rule alone brings it in.
    const d = await get(a);
    const suggested = Object.entries(d.provenance)
      .filter(([, p]) => p?.source === 'auto')
      .map(([f]) => f);
    await call('documentConfirm', { documentId: a, fields: suggested, expectedVersion: d.version });
    const before = await queued();
    readByOlderApp(a);
    readByOlderApp(b);
    const older = { readBy: 0, current: EXTRACTION_RULE };
    expect((await get(a)).olderRules).toEqual(older);
    expect(await behind()).toBe(2);
    const after = await queued();
    expect(after.get(a)).toEqual(older);
    expect(after.get(b)).toEqual(older);
    if (!before.has(a)) expect(after.size).toBe(before.size + 1);
    const row = (await call<DocumentListPage>('documentsList', { toReview: true })).items.find(
      (i) => i.id === a,
    );
    expect(row?.olderRules).toEqual(older);

    // The CLI says so too (read-only beside the host's archive).
    const show = await runCliInProcess(['--archive', archiveDir(), '--json', 'show', String(a)]);
    expect(show.code, show.stderr).toBe(EXIT.OK);
    expect((JSON.parse(show.stdout) as DocumentDetail).olderRules).toEqual(older);
    const listed = await runCliInProcess(['--archive', archiveDir(), '--json', 'list', '--to-review']);
    expect((JSON.parse(listed.stdout) as DocumentListPage).items.find((i) => i.id === a)?.olderRules).toEqual(
      older,
    );

    // Confirming fields alone is not confirming the document; an empty confirmation is refused.
    expect(await refused('documentConfirm', { documentId: a, fields: [] })).toBe('INVALID_INPUT');
    const confirmed = await call<DocumentDetail>('documentConfirm', {
      documentId: a,
      fields: [],
      rules: true,
      expectedVersion: (await get(a)).version,
    });
    expect(confirmed.olderRules).toBeNull();
    expect((await get(a)).olderRules).toBeNull();
    expect(await behind()).toBe(1);
    expect((await queued()).has(a)).toBe(before.has(a));
  });

  it('re-extraction reads the rest by the current rules', async () => {
    const b = ids[1]!;
    expect((await get(b)).olderRules).not.toBeNull();
    const { jobId } = await call<JobStarted>('reextractStart', { documentIds: [b] });
    expect((await jobFinished(host.events, jobId)).state).toBe('done');
    expect((await get(b)).olderRules).toBeNull();
    expect(await behind()).toBe(0);
  });

  it('a bundle carries the version its documents were read by into another archive', async () => {
    const c = ids[2]!;
    readByOlderApp(c);
    const out = join(tmp.dir, 'older.zip');
    await exportBundle(exportSourceOf(host.service.vankho.archive), { ids: [c, ids[0]!], out });
    const other = openVanKho(join(tmp.dir, 'other'), { create: true });
    try {
      expect((await importBundle(other.archive, out)).added).toBe(2);
      const rules = other.archive.db
        .prepare('SELECT number, extraction_rule FROM documents ORDER BY number')
        .all();
      expect(rules).toEqual([
        { number: '1/2025/QĐ-UBND', extraction_rule: EXTRACTION_RULE },
        { number: '3/2025/QĐ-UBND', extraction_rule: 0 },
      ]);
    } finally {
      other.close();
    }
  });
});
