// Validity (tình trạng hiệu lực, issue 12) at the contract: three real DOCX decisions imported — one
// that a later decision replaces and another amends. The validity is read from the relation graph the
// import wrote; a person's override wins and records who; removing it, or the replacing document going
// to the trash (its relation goes with it), gives the graph's word back; `vankho show --json` agrees.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail, ValidityStatus } from '../../../main/contract/dto.js';
import type { SearchResponse } from '../../../main/contract/search-types.js';
import { LOCAL_ACTOR } from '../../../main/contract/request-context.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { dispatcher } from '../../helpers/dispatch.js';
import { ubndDecision, writeDocxFiles } from '../../helpers/ubnd-decision.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const decision = (
  number: string,
  [d, m, y]: [number, number, number],
  title: string,
  body: string,
): string[] =>
  ubndDecision({
    number,
    dateLine: `ngày ${d} tháng ${m} năm ${y}`,
    title,
    body: [body],
    basis: ['Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;'],
  });

describe('validity from the relation graph', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  const { call } = dispatcher(() => host);
  let ids: { old: number; amending: number; replacing: number };
  const archiveDir = () => join(tmp.dir, 'kho');
  const get = (documentId: number) => call<DocumentDetail>('documentGet', { documentId });

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-validity-');
    const files = {
      old: decision(
        '12/2020/QĐ-UBND',
        [10, 3, 2020],
        'Ban hành Quy chế công tác văn thư, lưu trữ trên địa bàn tỉnh',
        'Điều 1. Ban hành kèm theo Quyết định này Quy chế công tác văn thư, lưu trữ.',
      ),
      amending: decision(
        '05/2022/QĐ-UBND',
        [4, 2, 2022],
        'Sửa đổi, bổ sung một số điều của Quy chế công tác văn thư, lưu trữ',
        'Điều 1. Sửa đổi, bổ sung Điều 5 của Quyết định số 12/2020/QĐ-UBND ngày 10/3/2020 của Ủy ban nhân dân tỉnh.',
      ),
      replacing: decision(
        '30/2024/QĐ-UBND',
        [20, 5, 2024],
        'Ban hành Quy chế công tác văn thư, lưu trữ mới',
        'Điều 1. Quyết định này có hiệu lực từ ngày 01/6/2024 và thay thế Quyết định số 12/2020/QĐ-UBND ngày 10/3/2020 của Ủy ban nhân dân tỉnh.',
      ),
    };
    const paths = await writeDocxFiles(
      tmp.dir,
      Object.entries(files).map(([name, paragraphs]) => [`${name}.docx`, paragraphs] as const),
    );
    host = await startAppHost({ host: 'web', archiveDir: archiveDir(), create: true });
    const job = await host.jobs.wait(host.service.startImport(paths));
    expect(job?.state).toBe('done');
    const byNumber = new Map(
      (
        host.service.vankho.archive.db.prepare('SELECT id, number FROM documents').all() as Array<{
          id: number;
          number: string;
        }>
      ).map((r) => [r.number, r.id]),
    );
    ids = {
      old: byNumber.get('12/2020/QĐ-UBND')!,
      amending: byNumber.get('05/2022/QĐ-UBND')!,
      replacing: byNumber.get('30/2024/QĐ-UBND')!,
    };
    expect(Object.values(ids).every((id) => typeof id === 'number')).toBe(true);
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('a replaced document says by which, and lists the amending one', async () => {
    const v = (await get(ids.old)).validity;
    expect(v.status).toBe('replaced');
    expect(v.derived).toBe('replaced');
    expect(v.replacedBy.map((d) => [d.id, d.number])).toEqual([[ids.replacing, '30/2024/QĐ-UBND']]);
    expect(v.amendedBy.map((d) => d.id)).toEqual([ids.amending]);
    expect(v.repealedBy).toEqual([]);
    expect(v.override).toBeNull();
    // The replacing document itself: nothing in the archive speaks of its validity.
    expect((await get(ids.replacing)).validity.status).toBe('unknown');
  });

  it("a person's override wins, with who and when; removing it gives the graph's word back", async () => {
    const before = Date.now();
    const set = await call<DocumentDetail>('documentValiditySet', {
      documentId: ids.old,
      override: { status: 'in-force', note: 'Quyết định 30/2024 chỉ thay thế Chương II' },
    });
    expect(set.validity.status).toBe('in-force');
    expect(set.validity.derived).toBe('replaced');
    expect(set.validity.override).toMatchObject({
      status: 'in-force',
      note: 'Quyết định 30/2024 chỉ thay thế Chương II',
      setBy: LOCAL_ACTOR.id,
    });
    expect(Date.parse(set.validity.override!.setAt)).toBeGreaterThanOrEqual(before - 1000);
    expect((await get(ids.old)).validity.status).toBe('in-force');

    const cli = await runCliInProcess(['--archive', archiveDir(), '--json', 'show', String(ids.old)]);
    expect(cli.code).toBe(0);
    const shown = JSON.parse(cli.stdout) as DocumentDetail;
    expect(shown.validity).toEqual((await get(ids.old)).validity);

    const cleared = await call<DocumentDetail>('documentValiditySet', {
      documentId: ids.old,
      override: null,
    });
    expect(cleared.validity.status).toBe('replaced');
    expect(cleared.validity.override).toBeNull();
  });

  it('the replacing document in the trash takes its relation along; restored, it replaces again', async () => {
    const { trashId } = await call<{ trashId: number }>('documentDelete', { documentId: ids.replacing });
    const without = (await get(ids.old)).validity;
    expect(without.status).toBe('amended');
    expect(without.replacedBy).toEqual([]);
    expect(without.amendedBy.map((d) => d.id)).toEqual([ids.amending]);

    const { documentIds } = await call<{ documentIds: number[] }>('trashRestore', { trashIds: [trashId] });
    const back = (await get(ids.old)).validity;
    expect(back.status).toBe('replaced');
    expect(back.replacedBy.map((d) => d.id)).toEqual(documentIds);
  });

  it('search filters and counts on validity, and follows an override', async () => {
    const search = (validity?: ValidityStatus[]) =>
      call<SearchResponse>('search', {
        query: 'quy chế văn thư',
        ...(validity ? { filters: { validity } } : {}),
      });
    const all = await search();
    expect(all.hits.find((h) => h.id === ids.old)?.validity).toBe('replaced');
    expect(Object.fromEntries(all.facets.validity.map((f) => [f.value, f.count]))).toEqual({
      unknown: 2,
      replaced: 1,
    });
    expect((await search(['replaced'])).hits.map((h) => h.id)).toEqual([ids.old]);
    const unknown = await search(['unknown']);
    expect(unknown.hits.map((h) => h.id).sort()).toEqual([ids.amending, ids.replacing].sort());
    // The facet keeps its other values while one is chosen (disjunctive), as the other facets do.
    expect(unknown.facets.validity.map((f) => f.value)).toEqual(['unknown', 'replaced']);

    await call('documentValiditySet', { documentId: ids.old, override: { status: 'no-longer-in-force' } });
    expect((await search(['no-longer-in-force'])).hits.map((h) => h.id)).toEqual([ids.old]);
    expect((await search(['replaced'])).hits).toEqual([]);
    await call('documentValiditySet', { documentId: ids.old, override: null });
    expect((await search(['replaced'])).hits.map((h) => h.id)).toEqual([ids.old]);
  });

  it('refuses a status a person cannot set and an unknown document', async () => {
    const { refused } = dispatcher(() => host);
    expect(
      await refused('documentValiditySet', { documentId: ids.old, override: { status: 'unknown' } }),
    ).toBe('INVALID_INPUT');
    expect(await refused('documentValiditySet', { documentId: 999_999, override: null })).toBe('NOT_FOUND');
  });
});
