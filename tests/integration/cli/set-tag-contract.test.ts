// `vankho set` and `vankho tag …` write through the contract (documentUpdate, documentAddTag,
// documentRemoveTag, tagByName and the tag maintenance methods): fields by either name, dates as
// people write them, tags by name resolved by the core (accent/case twins), each edit recorded as
// the CLI's actor — in the field's provenance and in the access log, as an edit in the app is.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import type { AuditPageDto, DocumentDetail, TagDto } from '../../../main/contract/dto.js';
import { LOCAL_ACTOR } from '../../../main/contract/request-context.js';
import { startAppHost } from '../../../main/index.js';
import { dispatcher } from '../../helpers/dispatch.js';
import { runCliInProcess, type CliRun } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

function json<T>(r: CliRun): T {
  expect(r.code, r.stdout + r.stderr).toBe(EXIT.OK);
  return JSON.parse(r.stdout) as T;
}

describe('set and tag through the contract', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let archive: string;
  const cli = (...args: string[]) => runCliInProcess(['--archive', archive, ...args]);
  const show = async (id: number) => json<DocumentDetail>(await cli('--json', 'show', String(id)));

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-set-tag-');
    archive = join(tmp.dir, 'kho');
    const src = join(tmp.dir, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'a.txt'), 'QUYẾT ĐỊNH\nVề việc giao chỉ tiêu năm 2024');
    writeFileSync(join(src, 'b.txt'), 'THÔNG BÁO\nVề lịch họp tháng 5');
    expect((await cli('import', src)).code).toBe(EXIT.OK);
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('set: column or contract names, d/m/yyyy and partial dates, levels by words; the actor recorded', async () => {
    const r = await cli(
      'set',
      '1',
      'doc_type=Quyết định',
      'issuedDate=5/3/2024',
      'access=Hạn chế',
      'signer=Lê Văn Ba',
    );
    expect(r.code, r.stderr).toBe(EXIT.OK);
    expect(r.stdout).toContain('Loại văn bản / Document type: Quyết định  ✓');
    const d = await show(1);
    expect(d.metadata.docType).toBe('Quyết định');
    expect(d.metadata.issuedDate).toBe('2024-03-05');
    expect(d.metadata.access).toBe('han-che');
    expect(d.provenance.signer).toEqual({ source: 'user', confidence: null, setBy: LOCAL_ACTOR.id });
    // What an archivist knows of an old paper: a month, a year.
    expect((await cli('set', '2', 'issued_date=11/2025')).code).toBe(EXIT.OK);
    expect((await show(2)).metadata.issuedDate).toBe('2025-11');
    expect((await cli('set', '2', 'issued_date=2019')).code).toBe(EXIT.OK);
    expect((await show(2)).metadata.issuedDate).toBe('2019');
    // Empty clears.
    expect((await cli('set', '1', 'signer=')).code).toBe(EXIT.OK);
    expect((await show(1)).metadata.signer).toBeNull();

    const badDate = await cli('set', '1', 'issued_date=31/02/2024');
    expect(badDate.code).toBe(EXIT.USAGE);
    expect(badDate.stderr).toContain('31/02/2024');
    expect((await cli('set', '1', 'access=tối tối mật')).code).toBe(EXIT.USAGE);
    expect((await cli('set', '1', 'colour=red')).code).toBe(EXIT.USAGE);
    expect((await cli('set', '99', 'title=x')).code).toBe(EXIT.NOT_FOUND);
  });

  it('tag add/remove and maintenance take names, resolved by the core', async () => {
    expect((await cli('tag', 'add', '1', 'Môi trường', 'Đất đai')).code).toBe(EXIT.OK);
    expect((await cli('tag', 'add', '2', 'moi truong')).stdout).toContain('“Môi trường”');
    // Removed by a name typed without accents.
    const removed = json<{ tags: TagDto[] }>(await cli('--json', 'tag', 'remove', '1', 'dat dai'));
    expect(removed.tags.map((t) => t.name)).toEqual(['Môi trường']);
    expect((await cli('tag', 'remove', '1', 'Không có')).code).toBe(EXIT.NOT_FOUND);

    expect((await cli('tag', 'parent', 'dat dai', 'MÔI TRƯỜNG')).code).toBe(EXIT.OK);
    const colored = json<TagDto>(await cli('--json', 'tag', 'color', 'moi truong', '#aa3300'));
    expect(colored).toMatchObject({ name: 'Môi trường', color: '#aa3300', documentCount: 2 });
    expect((await cli('tag', 'color', 'moi truong', 'red')).code).toBe(EXIT.USAGE);
    const renamed = json<TagDto>(await cli('--json', 'tag', 'rename', 'dat dai', 'Đất đai – Tài nguyên'));
    expect(renamed.name).toBe('Đất đai – Tài nguyên');
    const merged = json<TagDto>(await cli('--json', 'tag', 'merge', 'Đất đai – Tài nguyên', 'moi truong'));
    expect(merged.name).toBe('Môi trường');
    const tags = json<TagDto[]>(await cli('--json', 'tag', 'list'));
    expect(tags.map((t) => [t.name, t.documentCount])).toEqual([['Môi trường', 2]]);
    expect(json<{ deleted: boolean }>(await cli('--json', 'tag', 'delete', 'Môi trường')).deleted).toBe(true);
    expect(json<TagDto[]>(await cli('--json', 'tag', 'list'))).toEqual([]);
    expect((await cli('tag', 'delete', 'Môi trường')).code).toBe(EXIT.NOT_FOUND);
  });

  it('each CLI edit leaves its access-log row, by the CLI’s actor', async () => {
    const host = await startAppHost({ host: 'cli', archiveDir: archive, recentFile: null });
    try {
      const { call } = dispatcher(() => host);
      const log = await call<AuditPageDto>('auditList', { limit: 200 });
      const edits = log.items.filter((e) => e.action === 'edit' && e.documentId === 1);
      expect(edits.length).toBeGreaterThanOrEqual(3);
      expect(edits.every((e) => e.actor === LOCAL_ACTOR.id)).toBe(true);
      const details = edits.map((e) => e.detail ?? '');
      expect(details.some((t) => t.includes('issuedDate'))).toBe(true);
      expect(details.some((t) => t.includes('tags'))).toBe(true);
      expect(log.items.some((e) => e.action === 'tags' && (e.detail ?? '').includes('merge'))).toBe(true);
    } finally {
      await host.stop();
    }
  });
});
