// Mức độ tiếp cận enforced in the core (issues 12/14): a reader whose actor reads only 'cong-khai'
// never meets a 'mat' document — not in search hits, counts, facets, instant find, the review list,
// its detail, files, text or relations (a direct id is NOT_FOUND, as if it did not exist), while the
// local person still reads everything. Real archive, real samples, through the contract's dispatch.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DocumentDetail,
  DocumentRelations,
  ExportResultDto,
  FileDto,
  JobStarted,
} from '../../../main/contract/dto.js';
import { openBundle } from '../../../main/core/export/read-bundle.js';
import type { InstantHit, SearchFacets, SearchResponse } from '../../../main/contract/search-types.js';
import type { RequestContext } from '../../../main/contract/request-context.js';
import { readScope } from '../../../main/core/archive/access.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { repoPath } from '../../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';
import { jobFinished } from '../../helpers/dispatch.js';

const reader: RequestContext = {
  actor: { id: 'r', kind: 'account', displayName: 'R', role: 'reader', readable: ['cong-khai'] },
  signal: new AbortController().signal,
};
// An archivist cleared only for công khai: may edit and review, but not what they may not read.
const clerk: RequestContext = {
  actor: { id: 'c', kind: 'account', displayName: 'C', role: 'archivist', readable: ['cong-khai'] },
  signal: new AbortController().signal,
};

const SAMPLES = [
  '01-nghi-quyet-12-NQ-HU.pdf',
  '02-chuong-trinh-04-CTr-DU.pdf',
  '06-quyet-dinh-1520-QD-UBND.pdf',
  '08-ke-hoach-45-KH-UBND.pdf',
];

describe('access levels at the contract', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  let secret: DocumentDetail;
  let total: number;

  async function result(method: string, input: unknown, ctx?: RequestContext) {
    return host.dispatch(method, input, ctx);
  }
  async function call<T>(method: string, input: unknown, ctx?: RequestContext): Promise<T> {
    const r = await result(method, input, ctx);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.detail ?? ''}`);
    return r.value as T;
  }
  async function code(method: string, input: unknown, ctx?: RequestContext): Promise<string> {
    const r = await result(method, input, ctx);
    return r.ok ? 'ok' : r.error.code;
  }

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-access-');
    host = await startAppHost({ host: 'web', archiveDir: join(tmp.dir, 'kho'), create: true });
    const job = await host.jobs.wait(
      host.service.startImport(SAMPLES.map((f) => repoPath('resources', 'samples', f))),
    );
    expect(job?.state).toBe('done');
    const ids = host.service.vankho.archive.db
      .prepare('SELECT id FROM documents ORDER BY id')
      .pluck()
      .all() as number[];
    total = ids.length;
    expect(total).toBe(SAMPLES.length);
    // The quyết định 1520 becomes mật through the same edit path as any field, with its độ mật.
    const qd = (await call<SearchResponse>('search', { query: '1520/QĐ-UBND', limit: 5 })).hits.find((h) =>
      h.number?.startsWith('1520'),
    );
    expect(qd).toBeDefined();
    secret = await call<DocumentDetail>('documentUpdate', {
      documentId: qd!.id,
      fields: { access: 'Mật', secrecy: 'toi-mat' },
    });
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('keeps the level and độ mật as metadata with provenance (who set them)', () => {
    expect(secret.metadata.access).toBe('mat');
    expect(secret.metadata.secrecy).toBe('toi-mat');
    expect(secret.provenance.access).toMatchObject({ source: 'user', setBy: 'local' });
    expect(secret.provenance.secrecy).toMatchObject({ source: 'user', setBy: 'local' });
  });

  it('refuses a level that is not one', async () => {
    expect(
      await code('documentUpdate', { documentId: secret.id, fields: { access: 'bí mật quốc gia' } }),
    ).toBe('INVALID_INPUT');
    expect(await code('documentUpdate', { documentId: secret.id, fields: { secrecy: 'mat-lam' } })).toBe(
      'INVALID_INPUT',
    );
  });

  it('search: the reader finds neither the document nor a count or facet of it', async () => {
    const local = await call<SearchResponse>('search', { query: '1520/QĐ-UBND', limit: 50 });
    expect(local.hits.map((h) => h.id)).toContain(secret.id);
    const mine = await call<SearchResponse>('search', { query: '1520/QĐ-UBND', limit: 50 }, reader);
    expect(mine.hits.map((h) => h.id)).not.toContain(secret.id);
    expect(mine.total).toBe(local.total - 1);

    const all = await call<SearchResponse>('search', { query: '', limit: 50 });
    const allMine = await call<SearchResponse>('search', { query: '', limit: 50 }, reader);
    expect(all.total).toBe(total);
    expect(allMine.total).toBe(total - 1);
    expect(allMine.hits.map((h) => h.id)).not.toContain(secret.id);

    const facets = await call<SearchFacets>('facets', {});
    expect(facets.access).toEqual([
      { value: 'cong-khai', count: total - 1 },
      { value: 'mat', count: 1 },
    ]);
    const facetsMine = await call<SearchFacets>('facets', {}, reader);
    expect(facetsMine.access).toEqual([{ value: 'cong-khai', count: total - 1 }]);
    const sum = (f: SearchFacets['type']): number => f.reduce((n, c) => n + c.count, 0);
    expect(sum(facetsMine.type)).toBe(sum(facets.type) - 1);
    expect(facetsMine.type.find((t) => t.value === secret.metadata.docType)?.count ?? 0).toBe(
      (facets.type.find((t) => t.value === secret.metadata.docType)?.count ?? 0) - 1,
    );

    // Filtering on the level: the local person lists the mật documents; the reader gets none.
    const onlyMat = await call<SearchResponse>('search', { query: '', filters: { access: ['mat'] } });
    expect(onlyMat.hits.map((h) => h.id)).toEqual([secret.id]);
    expect(
      (await call<SearchResponse>('search', { query: '', filters: { access: ['mat'] } }, reader)).total,
    ).toBe(0);
  });

  it('the hồ sơ facet counts only readable documents and names no hồ sơ the reader may not read', async () => {
    const open = host.service.vankho.archive.db
      .prepare("SELECT id FROM documents WHERE access = 'cong-khai' ORDER BY id LIMIT 1")
      .pluck()
      .get() as number;
    const pub = '000.00.00.H41.2024.01.VP';
    const mat = '000.00.00.H41.2024.02.VP';
    await call('recordCreate', { code: pub, title: 'Hồ sơ công khai' });
    await call('recordCreate', { code: mat, title: 'Hồ sơ mật', access: 'mat' });
    await call('recordAddDocuments', { code: pub, documentIds: [open, secret.id] });
    await call('recordAddDocuments', { code: mat, documentIds: [open] });
    const facets = await call<SearchFacets>('facets', {});
    expect(facets.record).toEqual([
      { value: pub, count: 2 },
      { value: mat, count: 1 },
    ]);
    const mine = await call<SearchFacets>('facets', {}, reader);
    expect(mine.record).toEqual([{ value: pub, count: 1 }]);
    const inPub = await call<SearchResponse>('search', { query: '', filters: { records: [pub] } }, reader);
    expect(inPub.hits.map((h) => h.id)).toEqual([open]);
  });

  it('archiveInfo counts only what the caller may read; appInfo says what the caller may do', async () => {
    const all = await call<{ documentCount: number; fileCount: number }>('archiveInfo', {});
    const mine = await call<{ documentCount: number; fileCount: number }>('archiveInfo', {}, reader);
    expect(mine.documentCount).toBe(all.documentCount - 1);
    expect(mine.fileCount).toBeLessThan(all.fileCount);
    const app = await call<{ caller: { role: string; may: string[] } }>('appInfo', {}, reader);
    expect(app.caller).toMatchObject({ role: 'reader', may: ['read'] });
    const local = await call<{ caller: { role: string; may: string[] } }>('appInfo', {});
    expect(local.caller.may).toEqual(['read', 'edit', 'admin']);
  });

  it('instant find leaves it out for the reader', async () => {
    const local = await call<InstantHit[]>('instantFind', { prefix: '1520', limit: 10 });
    expect(local.map((h) => h.id)).toContain(secret.id);
    const mine = await call<InstantHit[]>('instantFind', { prefix: '1520', limit: 10 }, reader);
    expect(mine.map((h) => h.id)).not.toContain(secret.id);
  });

  it('a direct id is NOT_FOUND for the reader: detail, files, text, relations, edits', async () => {
    expect(await code('documentGet', { documentId: secret.id }, reader)).toBe('NOT_FOUND');
    expect(await code('filesList', { documentId: secret.id }, reader)).toBe('NOT_FOUND');
    expect(await code('documentRelations', { documentId: secret.id }, reader)).toBe('NOT_FOUND');
    const files = await call<FileDto[]>('filesList', { documentId: secret.id });
    expect(files.length).toBeGreaterThan(0);
    expect(await code('filePages', { fileId: files[0]!.id }, reader)).toBe('NOT_FOUND');
    expect(await code('filePages', { fileId: files[0]!.id })).toBe('ok');
    // A reader may not edit at all; an archivist who may not read it meets the same NOT_FOUND.
    expect(await code('documentUpdate', { documentId: secret.id, fields: { notes: 'x' } }, reader)).toBe(
      'FORBIDDEN',
    );
    expect(await code('documentUpdate', { documentId: secret.id, fields: { notes: 'x' } }, clerk)).toBe(
      'NOT_FOUND',
    );
    // The same answer as an id that never existed: nothing tells them apart.
    const never = await result('documentGet', { documentId: 999_999 }, reader);
    const hidden = await result('documentGet', { documentId: secret.id }, reader);
    expect(hidden.ok || never.ok).toBe(false);
    if (!hidden.ok && !never.ok) expect(hidden.error.message).toBe(never.error.message);
    // The stored original (what the host streams by file id).
    expect(() => host.service.storedFile(files[0]!.id, readScope(reader.actor.readable))).toThrow();
    expect(host.service.storedFile(files[0]!.id).size).toBe(files[0]!.size);
  });

  it('relations of a readable document do not show the mật one', async () => {
    // Every document the mật one cites or is cited by, seen from the reader's side.
    const local = await call<DocumentRelations>('documentRelations', { documentId: secret.id });
    const neighbours = [...local.cites, ...local.citedBy].flatMap((r) => (r.other ? [r.other.id] : []));
    expect(neighbours.length).toBeGreaterThan(0);
    for (const id of neighbours) {
      const theirs = await call<DocumentRelations>('documentRelations', { documentId: id }, reader);
      const shown = [...theirs.cites, ...theirs.citedBy, ...theirs.missing].flatMap((r) =>
        r.other ? [r.other.id] : [],
      );
      expect(shown).not.toContain(secret.id);
    }
  });

  it('the review queue counts and lists only readable documents', async () => {
    const local = await call<{ total: number; items: Array<{ id: number }> }>('reviewQueue', { limit: 50 });
    const mine = await call<{ total: number; items: Array<{ id: number }> }>(
      'reviewQueue',
      { limit: 50 },
      clerk,
    );
    expect(mine.items.map((i) => i.id)).not.toContain(secret.id);
    const secretQueued = local.items.some((i) => i.id === secret.id);
    expect(mine.total).toBe(local.total - (secretQueued ? 1 : 0));
  });

  it('a bulk edit sets the level on many documents (and the reader then sees fewer)', async () => {
    const others = (await call<SearchResponse>('search', { query: '', limit: 50 }, reader)).hits.map(
      (h) => h.id,
    );
    const two = others.slice(0, 2);
    await call('documentsBulkUpdate', {
      documentIds: two,
      change: { kind: 'set', field: 'access', value: 'han-che' },
    });
    const after = await call<SearchResponse>('search', { query: '', limit: 50 }, reader);
    expect(after.total).toBe(others.length - 2);
    const archivist: RequestContext = {
      ...reader,
      actor: { ...reader.actor, readable: ['cong-khai', 'han-che'] },
    };
    expect((await call<SearchResponse>('search', { query: '', limit: 50 }, archivist)).total).toBe(
      others.length,
    );
    await call('bulkUndo', {});
    expect((await call<SearchResponse>('search', { query: '', limit: 50 }, reader)).total).toBe(
      others.length,
    );
  });

  /** Runs an export job for `ctx` and answers the bundle's document uids and the job's result. */
  async function exported(
    input: object,
    ctx?: RequestContext,
  ): Promise<{ uids: string[]; result: ExportResultDto }> {
    const { jobId } = await call<JobStarted>('exportStart', { kind: 'bundle', ...input }, ctx);
    const end = await jobFinished(host.events, jobId);
    expect(end.state, JSON.stringify(end.error)).toBe('done');
    const b = await openBundle(host.service.exportFile(jobId).path);
    try {
      return { uids: b.manifest.documents.map((d) => d.uid), result: end.result as ExportResultDto };
    } finally {
      b.close();
    }
  }

  it('exports leave mật out unless asked, say how many, and never give a reader what it may not read', async () => {
    const byDefault = await exported({});
    expect(byDefault.uids).not.toContain(secret.uid);
    expect(byDefault.result.secretLeftOut).toBe(1);
    expect(byDefault.result.documentCount).toBe(total - 1);

    const withSecret = await exported({ includeSecret: true });
    expect(withSecret.uids).toContain(secret.uid);
    expect(withSecret.result.secretLeftOut).toBe(0);
    expect(withSecret.result.documentCount).toBe(total);

    // The reader: the mật document is not in its export even when it asks, nor counted as left out.
    const readers = await exported({ includeSecret: true }, reader);
    expect(readers.uids).not.toContain(secret.uid);
    expect(readers.result.documentCount).toBe(total - 1);
    expect(await code('exportStart', { kind: 'bundle', documentIds: [secret.id] }, reader)).toBe('NOT_FOUND');
  });
});
