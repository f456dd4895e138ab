// Thùng rác (issue 16, defect 12) through the contract's dispatch over a real archive of the samples:
// a deleted document is gone from search, lists, facets, citations and exports at once, its original
// kept; restore brings it back whole; only emptying, asked for by a person, removes the original.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CheckReportDto,
  DocumentDetail,
  DocumentRelations,
  TagAddResultDto,
  TrashEntryDto,
} from '../../../main/contract/dto.js';
import type { SearchResponse } from '../../../main/contract/search-types.js';
import { openArchive } from '../../../main/core/archive/archive.js';
import { allDocumentIds } from '../../../main/core/archive/documents-repo.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { repoPath } from '../../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';
import { dispatcher } from '../../helpers/dispatch.js';

describe('trash: delete, restore, empty', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  const dir = (): string => join(tmp.dir, 'kho');

  const { call, refused } = dispatcher(() => host);
  const idOf = async (number: string): Promise<number | undefined> =>
    (await call<SearchResponse>('search', { query: `so:"${number}"`, limit: 5 })).hits.find(
      (h) => h.number === number,
    )?.id;
  const storedPath = (sha: string): string => join(dir(), 'files', sha.slice(0, 2), sha.slice(2, 4), sha);

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-trash-');
    host = await startAppHost({ host: 'web', samplesDir: null, archiveDir: dir(), create: true });
    const job = await host.jobs.wait(host.service.startImport([repoPath('resources', 'samples')]));
    expect(job?.state).toBe('done');
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('a deleted document leaves search, lists, facets, citations and exports; its original stays', async () => {
    const id = (await idOf('1520/QĐ-UBND'))!;
    expect(id).toBeGreaterThan(0);
    const before = await call<DocumentDetail>('documentGet', { documentId: id });
    await call<TagAddResultDto>('documentAddTag', { documentId: id, name: 'Ban chỉ đạo' });
    await call('documentUpdate', { documentId: id, fields: { signer: 'Người Ký Thử' } });
    const citing = await call<DocumentRelations>('documentRelations', { documentId: id });
    expect(citing.citedBy.length).toBeGreaterThan(0);
    const facetBefore = (await call<SearchResponse>('search', { query: '', limit: 1 })).facets.type.find(
      (f) => f.value === 'Quyết định',
    )!.count;

    const del = await call<{ deleted: true; trashId: number }>('documentDelete', { documentId: id });
    expect(await idOf('1520/QĐ-UBND')).toBeUndefined();
    expect(await refused('documentGet', { documentId: id })).toBe('NOT_FOUND');
    const facetAfter = (await call<SearchResponse>('search', { query: '', limit: 1 })).facets.type.find(
      (f) => f.value === 'Quyết định',
    )!.count;
    expect(facetAfter).toBe(facetBefore - 1);
    expect(allDocumentIds(host.service.vankho.archive.db)).not.toContain(id);
    // Documents that cited it now cite a number the archive does not hold.
    const other = await call<DocumentRelations>('documentRelations', {
      documentId: citing.citedBy[0]!.other!.id,
    });
    expect(other.cites.some((r) => r.other?.id === id)).toBe(false);

    const trash = await call<TrashEntryDto[]>('trashList', {});
    expect(trash).toMatchObject([{ id: del.trashId, documentId: id, number: '1520/QĐ-UBND', fileCount: 1 }]);
    for (const f of before.files) expect(existsSync(storedPath(f.sha256))).toBe(true);
    const check = await call<CheckReportDto>('archiveCheck', { full: true });
    expect(check.problems).toEqual([]);
  });

  it('restore brings it back whole: id, fields, tags, relations both ways, search', async () => {
    const [entry] = await call<TrashEntryDto[]>('trashList', {});
    const restored = await call<{ documentIds: number[] }>('trashRestore', { trashIds: [entry!.id] });
    expect(restored.documentIds).toEqual([entry!.documentId]);
    const id = entry!.documentId;
    const doc = await call<DocumentDetail>('documentGet', { documentId: id });
    expect(doc.metadata.signer).toBe('Người Ký Thử');
    expect(doc.provenance.signer?.source).toBe('user');
    expect(doc.tags.map((t) => t.name)).toContain('Ban chỉ đạo');
    expect(await idOf('1520/QĐ-UBND')).toBe(id);
    expect(
      (await call<SearchResponse>('search', { query: 'thành lập ban chỉ đạo chuyển đổi số' })).hits[0]?.id,
    ).toBe(id);
    const rel = await call<DocumentRelations>('documentRelations', { documentId: id });
    expect(rel.citedBy.length).toBeGreaterThan(0);
    expect(await call<TrashEntryDto[]>('trashList', {})).toEqual([]);
  });

  it('emptying is for good: rows and original go, the archive checks clean, nothing else is touched', async () => {
    const id = (await idOf('03/CT-UBND'))!;
    const doc = await call<DocumentDetail>('documentGet', { documentId: id });
    const { trashId } = await call<{ trashId: number }>('documentDelete', { documentId: id });
    const other = (await idOf('45/KH-UBND'))!;
    const { trashId: keep } = await call<{ trashId: number }>('documentDelete', { documentId: other });
    expect(await call('trashEmpty', { trashIds: [trashId] })).toEqual({ removed: 1, filesDeleted: 1 });
    for (const f of doc.files) expect(existsSync(storedPath(f.sha256))).toBe(false);
    expect((await call<TrashEntryDto[]>('trashList', {})).map((e) => e.id)).toEqual([keep]);
    expect(await refused('trashRestore', { trashIds: [trashId] })).toBe('NOT_FOUND');
    expect((await call<CheckReportDto>('archiveCheck', { full: true })).problems).toEqual([]);
  });

  it('originals in the trash survive reopening (the sweep keeps them); restore refuses a re-imported twin', async () => {
    const [entry] = await call<TrashEntryDto[]>('trashList', {});
    await host.stop();
    const a = openArchive(dir());
    expect(a.sweep.quarantined).toEqual([]);
    a.close();
    host = await startAppHost({ host: 'web', samplesDir: null, archiveDir: dir(), create: false });
    // The same original imported again while its document is in the trash: restoring would clash.
    const job = await host.jobs.wait(
      host.service.startImport([repoPath('resources', 'samples', '08-ke-hoach-45-KH-UBND.pdf')]),
    );
    expect(job?.state).toBe('done');
    expect(await refused('trashRestore', { trashIds: [entry!.id] })).toBe('RESTORE_CONFLICT');
    expect((await call<{ removed: number; filesDeleted: number }>('trashEmpty', {})).filesDeleted).toBe(0);
    expect(await idOf('45/KH-UBND')).toBeGreaterThan(0);
    expect((await call<CheckReportDto>('archiveCheck', { full: true })).problems).toEqual([]);
  });

  it('documentsDelete trashes several in one transaction: an unknown id among them deletes none', async () => {
    const a = (await idOf('1520/QĐ-UBND'))!;
    const b = (await idOf('2105/QĐ-UBND'))!;
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(await refused('documentsDelete', { documentIds: [a, 999_999, b] })).toBe('NOT_FOUND');
    expect(await idOf('1520/QĐ-UBND')).toBe(a);
    expect(await call<TrashEntryDto[]>('trashList', {})).toEqual([]);
    expect(await refused('documentsDelete', { documentIds: [] })).toBe('INVALID_INPUT');

    const entries = await call<TrashEntryDto[]>('documentsDelete', { documentIds: [b, a, b] });
    expect(entries).toMatchObject([
      { documentId: b, number: '2105/QĐ-UBND' },
      { documentId: a, number: '1520/QĐ-UBND' },
    ]);
    expect(entries).toHaveLength(2);
    expect(await idOf('1520/QĐ-UBND')).toBeUndefined();
    expect(await idOf('2105/QĐ-UBND')).toBeUndefined();
    const listed = (await call<TrashEntryDto[]>('trashList', {})).map((e) => e.id);
    expect(listed.sort((x, y) => x - y)).toEqual(entries.map((e) => e.id).sort((x, y) => x - y));
    const restored = await call<{ documentIds: number[] }>('trashRestore', { trashIds: listed });
    expect(restored.documentIds.sort((x, y) => x - y)).toEqual([a, b].sort((x, y) => x - y));
    expect((await call<CheckReportDto>('archiveCheck', { full: true })).problems).toEqual([]);
  });
});
