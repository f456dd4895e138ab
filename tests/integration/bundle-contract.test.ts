// The app's bundle methods through the contract's dispatch (validation included) over real
// archives: exportStart of a tag, of search results and of chosen ids (the same ZIP as
// `vankho export`), bundleProbe telling a bundle from a plain ZIP or a PDF, and bundleImportStart's
// per-document report (added / merged / skipped, with what a merge changed).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BundleImportResultDto,
  BundleProbeDto,
  ExportResultDto,
  JobStarted,
} from '../../main/contract/dto.js';
import type { JobFinishedEvent } from '../../main/contract/events.js';
import type { SearchResponse } from '../../main/contract/search-types.js';
import { openBundle } from '../../main/core/export/read-bundle.js';
import { startAppHost, type AppHost } from '../../main/index.js';
import { makePdf } from '../helpers/make-pdf.js';
import { QD_UBND } from '../helpers/stale-document.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { dispatcher, jobFinished } from '../helpers/dispatch.js';
import { zipEntries, zipOf } from '../helpers/zip-entries.js';

const THONG_BAO = `ỦY BAN NHÂN DÂN XÃ AN PHÚ
Số: 45/TB-UBND
An Phú, ngày 02 tháng 4 năm 2024
THÔNG BÁO
Về lịch tiếp công dân tháng 4 năm 2024
Chủ tịch Ủy ban nhân dân xã tiếp công dân vào thứ Năm hằng tuần.`;
const KE_HOACH = `ỦY BAN NHÂN DÂN HUYỆN ĐÔNG YÊN
Số: 88/KH-UBND
Đông Yên, ngày 20 tháng 5 năm 2024
KẾ HOẠCH
Bảo vệ môi trường lưu vực sông Đông năm 2024
Các xã tổ chức thu gom rác thải ven sông.`;

describe('bundle export, probe and import through the contract', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  let ids: number[];

  const { call, refused } = dispatcher(() => host);
  function jobEnd(jobId: string): Promise<JobFinishedEvent> {
    return jobFinished(host.events, jobId);
  }
  /** Runs an export job and answers the finished ZIP's path and the job's result. */
  async function exportBundle(input: object): Promise<{ path: string; result: ExportResultDto }> {
    const started = await call<JobStarted>('exportStart', { kind: 'bundle', ...input });
    const end = await jobEnd(started.jobId);
    expect(end.state, JSON.stringify(end.error)).toBe('done');
    return { path: host.service.exportFile(started.jobId).path, result: end.result as ExportResultDto };
  }
  const upload = async (name: string, bytes: Buffer): Promise<string> =>
    (await call<{ uploadId: string }>('importUpload', { name, bytes: new Uint8Array(bytes) })).uploadId;
  async function importBundle(bytes: Buffer): Promise<BundleImportResultDto> {
    const started = await call<JobStarted>('bundleImportStart', { uploadId: await upload('goi.zip', bytes) });
    const end = await jobEnd(started.jobId);
    expect(end.state, JSON.stringify(end.error)).toBe('done');
    return end.result as BundleImportResultDto;
  }

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-bundle-contract-');
    host = await startAppHost({
      host: 'web',
      samplesDir: null,
      archiveDir: join(tmp.dir, 'kho-a'),
      create: true,
    });
    const src = join(tmp.dir, 'src');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(src);
    writeFileSync(join(src, 'qd-1520.pdf'), await makePdf([QD_UBND]));
    writeFileSync(join(src, 'tb-45.pdf'), await makePdf([THONG_BAO]));
    writeFileSync(join(src, 'kh-88.txt'), KE_HOACH);
    const job = await host.jobs.wait(host.service.startImport([src]));
    expect(job?.state).toBe('done');
    ids = host.service.vankho.archive.db
      .prepare('SELECT id FROM documents ORDER BY id')
      .pluck()
      .all() as number[];
    expect(ids).toHaveLength(3);
    await call('documentAddTag', { documentId: ids[0], name: 'Chuyển đổi số' });
    await call('documentAddTag', { documentId: ids[2], name: 'Chuyển đổi số' });
  });

  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('exports a tag, search results and chosen ids as the CLI does (manifest selection and heading)', async () => {
    const tag = await exportBundle({ selection: { kind: 'tag', name: 'Chuyển đổi số' } });
    expect(tag.result.documentCount).toBe(2);
    const b = await openBundle(tag.path);
    try {
      expect(b.manifest.selection).toEqual({ kind: 'tag', value: 'Chuyển đổi số' });
      expect(b.manifest.title).toBe('Thẻ: Chuyển đổi số');
      expect(b.manifest.documents).toHaveLength(2);
      const names = [...b.entries.keys()];
      expect(names).toContain('manifest.json');
      expect(names.some((n) => n.endsWith('.html'))).toBe(true); // the printable catalogue
    } finally {
      b.close();
    }

    const found = await call<SearchResponse>('search', { query: '45/TB-UBND', limit: 200 });
    expect(found.total).toBeGreaterThan(0);
    const q = await exportBundle({ selection: { kind: 'query', query: '45/TB-UBND' } });
    expect(q.result.documentCount).toBe(found.total);
    const qb = await openBundle(q.path);
    try {
      expect(qb.manifest.selection).toEqual({ kind: 'query', value: '45/TB-UBND' });
      expect(qb.manifest.documents.map((d) => d.title).sort()).toEqual(found.hits.map((h) => h.title).sort());
    } finally {
      qb.close();
    }

    const chosen = await exportBundle({ documentIds: [ids[1]] });
    expect(chosen.result.documentCount).toBe(1);

    expect(
      await refused('exportStart', { kind: 'bundle', selection: { kind: 'tag', name: 'Không có' } }),
    ).toBe('NOT_FOUND');
    expect(
      await refused('exportStart', {
        kind: 'bundle',
        selection: { kind: 'query', query: 'zzzqqq không khớp' },
      }),
    ).toBe('NOT_FOUND');
    expect(
      await refused('exportStart', {
        kind: 'bundle',
        documentIds: [ids[0]],
        selection: { kind: 'query', query: 'x' },
      }),
    ).toBe('INVALID_INPUT');
  });

  it('probes: a bundle is recognised, a plain ZIP or a PDF is not, a tampered bundle is refused', async () => {
    const { path } = await exportBundle({ selection: { kind: 'tag', name: 'Chuyển đổi số' } });
    const bytes = readFileSync(path);
    const probe = await call<BundleProbeDto | null>('bundleProbe', {
      uploadId: await upload('goi.zip', bytes),
    });
    expect(probe).toMatchObject({
      title: 'Thẻ: Chuyển đổi số',
      documentCount: 2,
      fileCount: 2,
      recordCount: 0,
    });
    const plain = await zipOf([['ghi-chu.txt', Buffer.from('Không phải gói')]]);
    expect(await call('bundleProbe', { uploadId: await upload('thuong.zip', plain) })).toBeNull();
    expect(
      await call('bundleProbe', { uploadId: await upload('qd.pdf', await makePdf([QD_UBND])) }),
    ).toBeNull();
    // The manifest kept, one entry not listed in it: a bundle claim that fails the import's checks.
    const extra = await zipOf([...(await zipEntries(path)), ['them.txt', Buffer.from('lạ')]]);
    expect(await refused('bundleProbe', { uploadId: await upload('sua.zip', extra) })).toMatch(/^BUNDLE_/);
  });

  let recordsBundle: Buffer;
  it('exports hồ sơ (selection "records"): their folders, metadata and order in the bundle', async () => {
    const code = '000.00.00.H41.2024.05.TB';
    await call('recordCreate', { code, title: 'Hồ sơ thông báo, kế hoạch năm 2024' });
    const idOf = (number: string): number =>
      host.service.vankho.archive.db
        .prepare('SELECT id FROM documents WHERE number = ?')
        .pluck()
        .get(number) as number;
    // Added out of date order: the hồ sơ puts them by date (the thông báo of April first).
    await call('recordAddDocuments', { code, documentIds: [idOf('88/KH-UBND'), idOf('45/TB-UBND')] });
    const { path, result } = await exportBundle({ selection: { kind: 'records', codes: [code] } });
    expect(result.documentCount).toBe(2);
    expect(result.fileName).toMatch(/^VanKho-ho-so-000\.00\.00\.H41\.2024\.05\.TB-\d{4}-\d\d-\d\d\.zip$/);
    const b = await openBundle(path);
    try {
      expect(b.manifest.formatVersion).toBe(2);
      expect(b.manifest.selection).toEqual({ kind: 'records', value: code });
      expect(b.manifest.records.map((r) => [r.code, r.documents.length, r.folder])).toEqual([
        [code, 2, code],
      ]);
      const names = [...b.entries.keys()];
      expect(names).toEqual(expect.arrayContaining([`${code}/${code}.xml`, `${code}/${code}.json`]));
      expect(names.filter((n) => n.startsWith(`${code}/`) && /\.\d+\.(pdf|txt)$/.test(n)).sort()).toEqual(
        [`${code}/${code}.1.pdf`, `${code}/${code}.2.txt`].sort(),
      );
    } finally {
      b.close();
    }
    recordsBundle = readFileSync(path);
    expect(await refused('exportStart', { kind: 'bundle', selection: { kind: 'records', codes: [] } })).toBe(
      'INVALID_INPUT',
    );
    expect(
      await refused('exportStart', {
        kind: 'bundle',
        selection: { kind: 'records', codes: ['000.00.00.X.2024.99'] },
      }),
    ).toBe('NOT_FOUND');
  });

  it('imports into another archive with the per-document report: added, then skipped, then merged', async () => {
    const tagged = readFileSync(
      (await exportBundle({ selection: { kind: 'tag', name: 'Chuyển đổi số' } })).path,
    );
    const all = readFileSync((await exportBundle({})).path);
    await call('documentAddTag', { documentId: ids[0], name: 'Lưu trữ' });
    const later = readFileSync(
      (await exportBundle({ selection: { kind: 'tag', name: 'Chuyển đổi số' } })).path,
    );

    await call('archiveCreate', { dir: join(tmp.dir, 'kho-b') });
    const first = await importBundle(tagged);
    expect([first.added, first.merged, first.skipped]).toEqual([2, 0, 0]);
    expect(first.outcomes.map((o) => o.outcome)).toEqual(['added', 'added']);

    const second = await importBundle(all);
    expect([second.added, second.merged, second.skipped]).toEqual([1, 0, 2]);
    expect(second.outcomes.filter((o) => o.outcome === 'skipped').every((o) => o.matchedBy === 'uid')).toBe(
      true,
    );

    const third = await importBundle(later);
    expect([third.added, third.merged, third.skipped]).toEqual([0, 1, 1]);
    const merged = third.outcomes.find((o) => o.outcome === 'merged')!;
    expect(merged.changes).toContain('tag:Lưu trữ');
    expect((await call<{ documentCount: number }>('archiveInfo', {})).documentCount).toBe(3);

    // The hồ sơ bundle: its documents are here already, the hồ sơ is new, in its order.
    const records = await importBundle(recordsBundle);
    expect([records.added, records.merged, records.skipped]).toEqual([0, 0, 2]);
    expect(records.records).toEqual([
      { code: '000.00.00.H41.2024.05.TB', outcome: 'added', documentsAdded: 2, conflicts: [], message: null },
    ]);
    const detail = await call<{ documents: Array<{ number: string | null }> }>('recordGet', {
      code: '000.00.00.H41.2024.05.TB',
    });
    expect(detail.documents.map((d) => d.number)).toEqual(['45/TB-UBND', '88/KH-UBND']);
  });
});
