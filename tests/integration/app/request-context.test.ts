// The request context (issue 13): every call reaches its handler with { actor, signal }; a person's
// edit records who made it (single edit, confirm, bulk change — and a bulk undo puts the recorded
// person back), and recorded jobs carry their starter. Without a context the caller is the local actor.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail, JobDto } from '../../../main/contract/dto.js';
import type { RequestContext } from '../../../main/contract/request-context.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { repoPath } from '../../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const clerk: RequestContext = {
  actor: {
    id: 'van-thu-1',
    kind: 'account',
    displayName: 'Văn thư 1',
    role: 'archivist',
    readable: ['cong-khai'],
  },
  signal: new AbortController().signal,
};

describe('request context', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  let id: number;
  async function call<T>(method: string, input: unknown, ctx?: RequestContext): Promise<T> {
    const r = await host.dispatch(method, input, ctx);
    if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
    return r.value as T;
  }

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-ctx-');
    host = await startAppHost({ host: 'web', archiveDir: join(tmp.dir, 'kho'), create: true });
    const job = await host.jobs.wait(
      host.service.startImport([repoPath('resources', 'samples', '06-quyet-dinh-1520-QD-UBND.pdf')]),
    );
    expect(job?.state).toBe('done');
    id = host.service.vankho.archive.db.prepare('SELECT id FROM documents').pluck().get() as number;
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('records who set a field: the caller of the edit, the local actor by default', async () => {
    const byClerk = await call<DocumentDetail>(
      'documentUpdate',
      { documentId: id, fields: { signer: 'Nguyễn Văn A' } },
      clerk,
    );
    expect(byClerk.provenance.signer).toMatchObject({ source: 'user', setBy: 'van-thu-1' });
    const local = await call<DocumentDetail>('documentUpdate', {
      documentId: id,
      fields: { place: 'Cao Lãnh' },
    });
    expect(local.provenance.place).toMatchObject({ source: 'user', setBy: 'local' });
    // Extraction's suggestions name nobody.
    const auto = Object.values(local.provenance).filter((p) => p.source === 'auto');
    expect(auto.length).toBeGreaterThan(0);
    expect(auto.every((p) => p.setBy === undefined)).toBe(true);
  });

  it('a bulk change records its caller, and its undo puts the earlier person back', async () => {
    await call('documentsBulkUpdate', {
      documentIds: [id],
      change: { kind: 'set', field: 'signer', value: 'Trần B' },
    });
    expect((await call<DocumentDetail>('documentGet', { documentId: id })).provenance.signer?.setBy).toBe(
      'local',
    );
    await call('bulkUndo', {});
    const undone = await call<DocumentDetail>('documentGet', { documentId: id });
    expect(undone.metadata.signer).toBe('Nguyễn Văn A');
    expect(undone.provenance.signer?.setBy).toBe('van-thu-1');
  });

  it('a recorded job names who started it', async () => {
    const { jobId } = await call<{ jobId: string }>('searchReindex', {}, clerk);
    await host.jobs.wait(jobId);
    const jobs = await call<JobDto[]>('jobsList', {});
    expect(jobs.find((j) => j.jobId === jobId)).toMatchObject({
      kind: 'reindex',
      state: 'done',
      actor: 'van-thu-1',
    });
    // After a restart the row is what remains of it.
    await host.service.closeArchive();
    await host.service.openDir(join(tmp.dir, 'kho'), false);
    const recorded = await call<JobDto[]>('jobsList', {});
    expect(recorded.find((j) => j.jobId === jobId)).toMatchObject({
      kind: 'reindex',
      state: 'done',
      actor: 'van-thu-1',
      resumable: false,
    });
  });
});
