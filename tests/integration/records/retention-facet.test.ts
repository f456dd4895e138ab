// The search's thời hạn bảo quản facet and filter (issue 12): a document is kept as long as its
// longest-kept hồ sơ (vĩnh viễn beats any number of years), documents in no hồ sơ are their own value,
// and a hồ sơ the caller may not read lends its period to nothing. Real archive, real samples, through
// the contract's dispatch.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../main/contract/request-context.js';
import type { SearchFacets, SearchResponse } from '../../../main/contract/search-types.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { repoPath } from '../../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const reader: RequestContext = {
  actor: { id: 'r', kind: 'account', displayName: 'R', role: 'reader', readable: ['cong-khai'] },
  signal: new AbortController().signal,
};

const SAMPLES = [
  '01-nghi-quyet-12-NQ-HU.pdf',
  '02-chuong-trinh-04-CTr-DU.pdf',
  '06-quyet-dinh-1520-QD-UBND.pdf',
  '08-ke-hoach-45-KH-UBND.pdf',
];

describe('thời hạn bảo quản facet and filter', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  let a: number, b: number, c: number, d: number;

  async function call<T>(method: string, input: unknown, ctx?: RequestContext): Promise<T> {
    const r = await host.dispatch(method, input, ctx);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.detail ?? ''}`);
    return r.value as T;
  }
  const ids = (r: SearchResponse) => r.hits.map((h) => h.id).sort((x, y) => x - y);

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-retention-facet-');
    host = await startAppHost({ host: 'web', archiveDir: join(tmp.dir, 'kho'), create: true });
    const job = await host.jobs.wait(
      host.service.startImport(SAMPLES.map((f) => repoPath('resources', 'samples', f))),
    );
    expect(job?.state).toBe('done');
    [a, b, c, d] = host.service.vankho.archive.db
      .prepare('SELECT id FROM documents ORDER BY id')
      .pluck()
      .all() as number[] as [number, number, number, number];
    await call('recordCreate', { code: 'H41.2024.01', title: 'Hồ sơ vĩnh viễn', retention: 'permanent' });
    await call('recordCreate', { code: 'H41.2024.02', title: 'Hồ sơ 10 năm', retention: 10 });
    await call('recordCreate', {
      code: 'H41.2024.03',
      title: 'Hồ sơ mật 20 năm',
      retention: 20,
      access: 'mat',
    });
    await call('recordAddDocuments', { code: 'H41.2024.01', documentIds: [a] });
    await call('recordAddDocuments', { code: 'H41.2024.02', documentIds: [a, b] });
    await call('recordAddDocuments', { code: 'H41.2024.03', documentIds: [c] });
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('counts each document once, by its longest-kept hồ sơ, longest first and unfiled last', async () => {
    const f = await call<SearchFacets>('facets', {});
    expect(f.retention).toEqual([
      { value: 'permanent', count: 1 },
      { value: '20', count: 1 },
      { value: '10', count: 1 },
      { value: 'none', count: 1 },
    ]);
  });

  it('a reader does not get the period of a hồ sơ they may not read', async () => {
    const f = await call<SearchFacets>('facets', {}, reader);
    expect(f.retention).toEqual([
      { value: 'permanent', count: 1 },
      { value: '10', count: 1 },
      { value: 'none', count: 2 },
    ]);
    const unfiled = await call<SearchResponse>(
      'search',
      { query: '', filters: { retention: ['none'] } },
      reader,
    );
    expect(ids(unfiled)).toEqual([c, d]);
  });

  it('filters by period, and the facet keeps showing the other periods to pick', async () => {
    const ten = await call<SearchResponse>('search', { query: '', filters: { retention: ['10'] } });
    expect(ids(ten)).toEqual([b]);
    const kept = await call<SearchResponse>('search', {
      query: '',
      filters: { retention: ['permanent', '20'] },
    });
    expect(ids(kept)).toEqual([a, c]);
    expect(kept.facets?.retention.map((x) => x.value)).toEqual(['permanent', '20', '10', 'none']);
  });

  it('follows filing at once (the facet memo is dropped when the database changes)', async () => {
    await call('facets', {});
    await call('recordAddDocuments', { code: 'H41.2024.02', documentIds: [d] });
    expect((await call<SearchFacets>('facets', {})).retention).toEqual([
      { value: 'permanent', count: 1 },
      { value: '20', count: 1 },
      { value: '10', count: 2 },
    ]);
    await call('recordRemoveDocument', { code: 'H41.2024.02', documentId: d });
    expect((await call<SearchFacets>('facets', {})).retention.at(-1)).toEqual({ value: 'none', count: 1 });
  });

  it('refuses a period that is not one', async () => {
    const r = await host.dispatch('search', { query: '', filters: { retention: ['mãi mãi'] } });
    expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_INPUT');
  });
});
