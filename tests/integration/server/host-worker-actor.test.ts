// The caller crosses to the host worker (issue 14): a 'call' carries the actor and the client's
// address, so the worker's dispatch refuses by role and filters by access level; the file and export
// operations apply the same scope, serving an original is audited, and another account's job is
// NOT_FOUND. Real worker thread, real archive, real samples.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail, JobDto } from '../../../main/contract/dto.js';
import type { SearchResponse } from '../../../main/contract/search-types.js';
import { LOCAL_ACTOR, type Actor } from '../../../main/contract/request-context.js';
import { startHostWorker, type HostClient } from '../../../main/host/host-client.js';
import { listAudit } from '../../../main/core/accounts/audit-store.js';
import { openDatabase } from '../../../main/core/archive/database.js';
import { DB_FILE_NAME } from '../../../main/core/archive/archive.js';
import { repoPath } from '../../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';
import { READER } from '../../helpers/actors.js';

const reader = READER;
const clerk: Actor = {
  id: 'user:8',
  kind: 'account',
  displayName: 'Văn thư',
  role: 'archivist',
  readable: ['cong-khai', 'han-che', 'mat'],
};

describe('the actor crosses the host-worker protocol', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let client: HostClient;
  let secret: DocumentDetail;

  async function call<T>(method: string, input: unknown, actor: Actor = LOCAL_ACTOR): Promise<T> {
    const r = await client.dispatch(method, input, {
      actor,
      signal: new AbortController().signal,
      remoteAddress: '10.0.0.9',
    });
    if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
    return r.value as T;
  }
  async function code(method: string, input: unknown, actor: Actor): Promise<string> {
    const r = await client.dispatch(method, input, { actor, signal: new AbortController().signal });
    return r.ok ? 'ok' : r.error.code;
  }

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-hw-actor-');
    client = await startHostWorker({
      host: 'web',
      archiveDir: join(tmp.dir, 'kho'),
      create: true,
      samplesDir: null,
    });
    const paths = ['06-quyet-dinh-1520-QD-UBND.pdf', '08-ke-hoach-45-KH-UBND.pdf'].map((f) =>
      repoPath('resources', 'samples', f),
    );
    const uploads = await Promise.all(paths.map((p, i) => client.op('adoptUpload', `s${i}.pdf`, copyOf(p))));
    const { jobId } = await call<{ jobId: string }>('importStart', { uploadIds: uploads }, clerk);
    await waitJob(jobId);
    const hit = (await call<SearchResponse>('search', { query: '1520/QĐ-UBND', limit: 5 })).hits.find((h) =>
      h.number?.startsWith('1520'),
    );
    secret = await call<DocumentDetail>(
      'documentUpdate',
      { documentId: hit!.id, fields: { access: 'Mật' } },
      clerk,
    );
  });
  afterAll(async () => {
    await client.stop();
    await tmp.cleanup();
  });

  let copies = 0;
  function copyOf(p: string): string {
    // adoptUpload moves its file: give it a copy, never the sample itself.
    const out = join(tmp.dir, `copy-${copies++}.pdf`);
    copyFileSync(p, out);
    return out;
  }
  async function waitJob(jobId: string): Promise<void> {
    for (let i = 0; i < 600; i++) {
      const jobs = await call<JobDto[]>('jobsList', {});
      if (jobs.find((j) => j.jobId === jobId)?.state === 'done') return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('job did not finish');
  }

  it('refuses by role and filters by level in the worker', async () => {
    expect(await code('documentUpdate', { documentId: secret.id, fields: { title: 'x' } }, reader)).toBe(
      'FORBIDDEN',
    );
    expect(await code('documentGet', { documentId: secret.id }, reader)).toBe('NOT_FOUND');
    expect((await call<SearchResponse>('search', { query: '' }, reader)).total).toBe(1);
    expect((await call<SearchResponse>('search', { query: '' })).total).toBe(2);
  });

  it('scopes originals to the caller and audits what it serves', async () => {
    const fileId = secret.files[0]!.id;
    await expect(
      client.op('storedFile', { actor: reader, remoteAddress: '10.0.0.7' }, fileId, false),
    ).rejects.toThrow(/NOT_FOUND/);
    const ref = await client.op('storedFile', { actor: clerk, remoteAddress: '10.0.0.8' }, fileId, true);
    expect(ref.size).toBeGreaterThan(0);
    const db = openDatabase(join(tmp.dir, 'kho', DB_FILE_NAME), { readonly: true });
    try {
      const rows = listAudit(db, { actor: clerk.id });
      expect(
        rows.some(
          (r) => r.action === 'download' && r.documentId === secret.id && r.remoteAddress === '10.0.0.8',
        ),
      ).toBe(true);
      expect(
        listAudit(db, { actor: reader.id }).filter((r) => r.action === 'view' || r.action === 'download'),
      ).toEqual([]);
    } finally {
      db.close();
    }
  });

  it("keeps an account's jobs to itself", async () => {
    const mine = (await call<JobDto[]>('jobsList', {}, clerk)).map((j) => j.jobId);
    expect(mine.length).toBeGreaterThan(0);
    expect(await call<JobDto[]>('jobsList', {}, reader)).toEqual([]);
    expect(await code('jobCancel', { jobId: mine[0] }, reader)).toBe('NOT_FOUND');
    expect(await code('jobCancel', { jobId: mine[0] }, clerk)).toBe('ok');
    await expect(client.op('exportFile', { actor: reader }, mine[0]!)).rejects.toThrow(/NOT_FOUND/);
  });
});
