// Duplicate warning by identity (Nghị định 30/2020 Phụ lục VI III.1.h) at the contract, on real DOCX
// decisions imported into a real archive: the same số ký hiệu, cơ quan ban hành and year found on
// import and on the document; "same document, another file" moves files, tags, hồ sơ places onto the
// twin (search finds it by the moved file's text) and the trash restore undoes it; "keep both"
// silences the pair; a reader never hears of a twin it may not read, and nothing more restricted is
// merged into something less.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail, ImportReportDto, RecordDetailDto } from '../../../main/contract/dto.js';
import type { AppEvent, JobFinishedEvent } from '../../../main/contract/events.js';
import type { RequestContext } from '../../../main/contract/request-context.js';
import type { SearchResponse } from '../../../main/contract/search-types.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { dispatcher } from '../../helpers/dispatch.js';
import { makeDocx } from '../../helpers/make-docx.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const account = (id: string, role: 'reader' | 'archivist'): RequestContext => ({
  actor: { id, kind: 'account', displayName: id, role, readable: ['cong-khai'] },
  signal: new AbortController().signal,
});
const reader = account('reader', 'reader');
// Cleared for công khai only, but may edit.
const clerk = account('clerk', 'archivist');

function decision(number: string, year: number, title: string, place: string): string[] {
  return [
    'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
    `Số: ${number}`,
    `Bắc Ninh, ngày 5 tháng 3 năm ${year}`,
    'QUYẾT ĐỊNH',
    title,
    'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
    'QUYẾT ĐỊNH:',
    `Điều 1. Phê duyệt phương án chỉnh lý tài liệu lưu trữ tại ${place}.`,
    'Điều 2. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này.',
    'TM. ỦY BAN NHÂN DÂN',
    'CHỦ TỊCH',
    'Nguyễn Văn An',
  ];
}

describe('identity twins at the contract', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  const { call } = dispatcher(() => host);
  const get = (documentId: number, ctx?: RequestContext) =>
    call<DocumentDetail>('documentGet', { documentId }, ctx);
  const twinIds = async (id: number, ctx?: RequestContext) =>
    (await get(id, ctx)).identityTwins!.map((t) => t.id);
  const searchIds = async (query: string) =>
    (await call<SearchResponse>('search', { query })).hits.map((h) => h.id);
  const ids = { original: 0, copy: 0, otherYear: 0, secret: 0 };
  let second: ImportReportDto;

  const importFiles = async (files: Record<string, string[]>): Promise<ImportReportDto> => {
    const paths: string[] = [];
    for (const [name, paragraphs] of Object.entries(files)) {
      const p = join(tmp.dir, `${name}.docx`);
      writeFileSync(p, await makeDocx(paragraphs));
      paths.push(p);
    }
    const finished: JobFinishedEvent[] = [];
    const off = host.events.subscribe((e: AppEvent) => e.type === 'jobFinished' && finished.push(e));
    const jobId = host.service.startImport(paths);
    await host.jobs.wait(jobId);
    off();
    const end = finished.find((e) => e.jobId === jobId);
    expect(end?.state).toBe('done');
    return end!.result as ImportReportDto;
  };
  const idOf = (r: ImportReportDto, name: string): number =>
    r.outcomes.find((o) => o.name === `${name}.docx`)!.documentId!;

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-twins-contract-');
    host = await startAppHost({ host: 'web', archiveDir: join(tmp.dir, 'kho'), create: true });
    const first = await importFiles({
      original: decision('15/QĐ-UBND', 2024, 'Về việc chỉnh lý tài liệu', 'huyện Lương Tài'),
    });
    ids.original = idOf(first, 'original');
    expect(first.outcomes[0]!.identityTwins).toEqual([]);
    second = await importFiles({
      copy: decision('15/QĐ-UBND', 2024, 'Về việc chỉnh lý tài liệu (bản quét)', 'huyện Gia Bình'),
      otherYear: decision('15/QĐ-UBND', 2023, 'Về việc chỉnh lý tài liệu năm trước', 'huyện Thuận Thành'),
      secret: decision('15/QĐ-UBND', 2024, 'Về việc chỉnh lý tài liệu mật', 'huyện Quế Võ'),
    });
    ids.copy = idOf(second, 'copy');
    ids.otherYear = idOf(second, 'otherYear');
    ids.secret = idOf(second, 'secret');
    await call('documentUpdate', { documentId: ids.secret, fields: { access: 'Mật' } });
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('finds the twins on import and on the document, never a different year', async () => {
    const copy = second.outcomes.find((o) => o.documentId === ids.copy)!;
    expect(copy.identityTwins.map((t) => t.id)).toEqual([ids.original, ids.secret]);
    expect(copy.identityTwins[0]).toEqual({
      id: ids.original,
      number: '15/QĐ-UBND',
      title: expect.stringContaining('chỉnh lý tài liệu'),
      issuedDate: '2024-03-05',
    });
    expect(second.outcomes.find((o) => o.documentId === ids.otherYear)!.identityTwins).toEqual([]);
    expect(await twinIds(ids.original)).toEqual([ids.copy, ids.secret]);
    expect(await twinIds(ids.otherYear)).toEqual([]);
  });

  it('vankho show prints the twins and show --json carries them', async () => {
    const dir = join(tmp.dir, 'kho');
    const json = await runCliInProcess(['--archive', dir, '--json', 'show', String(ids.original)]);
    expect(json.code).toBe(0);
    const shown = JSON.parse(json.stdout) as DocumentDetail;
    expect(shown.identityTwins).toEqual((await get(ids.original)).identityTwins);
    expect(shown.identityTwins!.map((t) => t.id)).toEqual([ids.copy, ids.secret]);
    const text = await runCliInProcess(['--archive', dir, 'show', String(ids.copy)]);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n').filter((l) => l.includes('Same number, issuer and year'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`[${ids.original}] 15/QĐ-UBND · 05/03/2024`);
  });

  it('a plain delete and restore keeps the document in its hồ sơ, at its place', async () => {
    const code = 'H41.2023.02.CL';
    await call('recordCreate', { code, title: 'Hồ sơ năm trước' });
    await call('recordAddDocuments', { code, documentIds: [ids.secret, ids.otherYear] });
    const before = (await call<RecordDetailDto>('recordGet', { code })).documents.map((d) => d.documentId);
    expect(before).toHaveLength(2);
    const { trashId } = await call<{ trashId: number }>('documentDelete', { documentId: ids.otherYear });
    expect((await call<RecordDetailDto>('recordGet', { code })).documents).toHaveLength(1);
    await call('trashRestore', { trashIds: [trashId] });
    const after = (await call<RecordDetailDto>('recordGet', { code })).documents.map((d) => d.documentId);
    expect(after).toEqual(before);
  });

  it('a reader sees no twin it may not read, and cannot merge into or dismiss one', async () => {
    expect(await twinIds(ids.original, reader)).toEqual([ids.copy]);
    expect(await twinIds(ids.original, clerk)).toEqual([ids.copy]);
    for (const [method, input] of [
      ['documentKeepApart', { id: ids.original, otherId: ids.secret }],
      ['documentMergeInto', { sourceId: ids.original, targetId: ids.secret }],
    ] as const) {
      const r = await host.dispatch(method, input, clerk);
      expect(r.ok ? 'ok' : r.error.code, method).toBe('NOT_FOUND');
    }
    expect(await twinIds(ids.original)).toEqual([ids.copy, ids.secret]);
  });

  it('refuses to merge a more restricted document into a less restricted one, or non-twins', async () => {
    const up = await host.dispatch('documentMergeInto', { sourceId: ids.secret, targetId: ids.original });
    expect(up.ok ? 'ok' : up.error.code).toBe('INVALID_INPUT');
    const apart = await host.dispatch('documentMergeInto', {
      sourceId: ids.otherYear,
      targetId: ids.original,
    });
    expect(apart.ok ? 'ok' : apart.error.code).toBe('INVALID_INPUT');
    expect((await get(ids.secret)).files).toHaveLength(1);
  });

  it('keep both silences the pair, both ways', async () => {
    await call('documentKeepApart', { id: ids.secret, otherId: ids.original });
    expect(await twinIds(ids.original)).toEqual([ids.copy]);
    expect(await twinIds(ids.secret)).toEqual([ids.copy]);
    // The choice goes through the trash with the document.
    const { trashId } = await call<{ trashId: number }>('documentDelete', { documentId: ids.secret });
    const back = await call<{ documentIds: number[] }>('trashRestore', { trashIds: [trashId] });
    expect(back.documentIds).toEqual([ids.secret]);
    expect(await twinIds(ids.original)).toEqual([ids.copy]);
    expect(await twinIds(ids.secret)).toEqual([ids.copy]);
  });

  it('same document, another file: files, tags and hồ sơ move; search finds the twin; restore undoes', async () => {
    await call('documentAddTag', { documentId: ids.copy, name: 'Bản quét' });
    await call('recordCreate', { code: 'H41.2024.01.CL', title: 'Hồ sơ chỉnh lý' });
    await call('recordAddDocuments', { code: 'H41.2024.01.CL', documentIds: [ids.copy] });
    expect(await searchIds('Gia Bình')).toEqual([ids.copy]);

    const { target, trashId } = await call<{ target: DocumentDetail; trashId: number }>('documentMergeInto', {
      sourceId: ids.copy,
      targetId: ids.original,
    });
    expect(target.id).toBe(ids.original);
    expect(target.files.map((f) => f.originalName)).toEqual(['original.docx', 'copy.docx']);
    expect(target.files[1]!.role).toBe('attachment');
    expect(target.tags.map((t) => t.name)).toEqual(['Bản quét']);
    expect(target.identityTwins).toEqual([]);
    expect(await host.dispatch('documentGet', { documentId: ids.copy })).toMatchObject({ ok: false });
    const record = await call<RecordDetailDto>('recordGet', { code: 'H41.2024.01.CL' });
    expect(record.documents.map((d) => d.documentId)).toEqual([ids.original]);
    expect(await searchIds('Gia Bình')).toEqual([ids.original]);
    const pages = await call<Array<{ text: string }>>('filePages', { fileId: target.files[1]!.id });
    expect(pages.map((p) => p.text).join('\n')).toContain('huyện Gia Bình');

    const { documentIds } = await call<{ documentIds: number[] }>('trashRestore', { trashIds: [trashId] });
    expect(documentIds).toEqual([ids.copy]);
    const original = await get(ids.original);
    expect(original.files.map((f) => f.originalName)).toEqual(['original.docx']);
    expect(original.tags).toEqual([]);
    const copy = await get(ids.copy);
    expect(copy.files.map((f) => [f.originalName, f.role])).toEqual([['copy.docx', 'main']]);
    expect(copy.tags.map((t) => t.name)).toEqual(['Bản quét']);
    expect(copy.identityTwins!.map((t) => t.id)).toEqual([ids.original, ids.secret]);
    const back = await call<RecordDetailDto>('recordGet', { code: 'H41.2024.01.CL' });
    expect(back.documents.map((d) => d.documentId)).toEqual([ids.copy]);
    expect(await searchIds('Gia Bình')).toEqual([ids.copy]);
    expect(await searchIds('Lương Tài')).toEqual([ids.original]);
  });

  it('a merge into a twin the hồ sơ already holds closes up số thứ tự; the restore opens it again', async () => {
    const code = 'H41.2024.02.CL';
    await call('recordCreate', { code, title: 'Hồ sơ có cả hai bản' });
    await call('recordAddDocuments', { code, documentIds: [ids.otherYear, ids.copy, ids.original] });
    await call('recordReorder', { code, documentIds: [ids.otherYear, ids.copy, ids.original] });
    const places = async (): Promise<Array<[number, number]>> =>
      (await call<RecordDetailDto>('recordGet', { code })).documents.map((d) => [d.position, d.documentId]);
    const stored = (): unknown[] =>
      host.service.db
        .prepare(
          `SELECT x.position, x.document_id FROM record_documents x JOIN records r ON r.id = x.record_id
            WHERE r.code = ? ORDER BY x.position`,
        )
        .raw()
        .all(code);
    expect(await places()).toEqual([
      [1, ids.otherYear],
      [2, ids.copy],
      [3, ids.original],
    ]);

    const { trashId } = await call<{ trashId: number }>('documentMergeInto', {
      sourceId: ids.copy,
      targetId: ids.original,
    });
    expect(await places()).toEqual([
      [1, ids.otherYear],
      [2, ids.original],
    ]);
    expect(stored()).toEqual([
      [1, ids.otherYear],
      [2, ids.original],
    ]);

    await call('trashRestore', { trashIds: [trashId] });
    expect(await places()).toEqual([
      [1, ids.otherYear],
      [2, ids.copy],
      [3, ids.original],
    ]);
    expect(stored()).toEqual([
      [1, ids.otherYear],
      [2, ids.copy],
      [3, ids.original],
    ]);
  });

  it('an edit that gives a document the identity of another warns in the answer to the save', async () => {
    expect(await twinIds(ids.otherYear)).toEqual([]);
    const saved = await call<DocumentDetail>('documentUpdate', {
      documentId: ids.otherYear,
      fields: { issuedDate: '2024-07-01' },
    });
    expect(saved.identityTwins!.map((t) => t.id)).toEqual([ids.original, ids.copy, ids.secret]);
  });
});
