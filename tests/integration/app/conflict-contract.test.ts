// Two people editing the same document (issue 14): each save carries the version it was made from;
// the second save from an older copy is CONFLICT — nothing of it written, no audit row — and the first
// person's values stand. Every change a save could overwrite moves the version (metadata, confirming a
// suggestion, the validity override, a bulk edit, the CLI's set); tags do not. A caller without a
// version (old clients, the CLI) saves as before. Real archive, real DOCX, through the dispatcher.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail, JobStarted } from '../../../main/contract/dto.js';
import { ERROR_MESSAGES } from '../../../main/contract/errors.js';
import type { RequestContext } from '../../../main/contract/request-context.js';
import { countAudit } from '../../../main/core/accounts/audit-store.js';
import { updateDocumentMetadata } from '../../../main/core/archive/documents-repo.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { dispatcher } from '../../helpers/dispatch.js';
import { makeDocx } from '../../helpers/make-docx.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const ctxOf = (id: string, name: string): RequestContext => ({
  actor: {
    id,
    kind: 'account',
    displayName: name,
    role: 'archivist',
    readable: ['cong-khai', 'han-che', 'mat'],
  },
  signal: new AbortController().signal,
});
const lan = ctxOf('user:1', 'Lan');
const minh = ctxOf('user:2', 'Minh');

describe('edit conflicts at the contract', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  let id: number;
  const { call } = dispatcher(() => host);
  const codeOf = async (method: string, input: unknown, ctx: RequestContext): Promise<string> => {
    const r = await host.dispatch(method, input, ctx);
    return r.ok ? 'ok' : r.error.code;
  };
  const get = (ctx: RequestContext = lan) => call<DocumentDetail>('documentGet', { documentId: id }, ctx);

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-conflict-');
    host = await startAppHost({ host: 'web', archiveDir: join(tmp.dir, 'kho'), create: true });
    const bytes = await makeDocx([
      'HUYỆN ỦY CHÂU THÀNH',
      'Số: 15-CT/HU',
      'CHỈ THỊ',
      'Về tăng cường công tác lưu trữ',
    ]);
    const { uploadId } = await call<{ uploadId: string }>('importUpload', {
      name: 'ct.docx',
      bytes: new Uint8Array(bytes),
    });
    const { jobId } = await call<JobStarted>('importStart', { uploadIds: [uploadId] });
    expect((await host.jobs.wait(jobId))?.state).toBe('done');
    id = host.service.db.prepare('SELECT id FROM documents').pluck().get() as number;
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('the second save from the same copy is CONFLICT; the first stands, nothing of the second is written', async () => {
    const seenByLan = await get(lan);
    const seenByMinh = await get(minh);
    expect(seenByLan.version).toMatch(/^[0-9a-f]{16}$/);
    expect(seenByMinh.version).toBe(seenByLan.version);
    const saved = await call<DocumentDetail>(
      'documentUpdate',
      { documentId: id, fields: { signer: 'Lê Văn Lan' }, expectedVersion: seenByLan.version },
      lan,
    );
    expect(saved.version).not.toBe(seenByLan.version);
    const rows = countAudit(host.service.db);
    const r = await host.dispatch(
      'documentUpdate',
      {
        documentId: id,
        fields: { signer: 'Phạm Minh', notes: 'ghi chú' },
        expectedVersion: seenByMinh.version,
      },
      minh,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('CONFLICT');
      expect(r.error.message).toEqual(ERROR_MESSAGES.CONFLICT);
      expect(r.error.message.vi).toMatch(/^Văn bản vừa được người khác sửa/);
    }
    const now = await get();
    expect(now.metadata.signer).toBe('Lê Văn Lan');
    expect(now.metadata.notes).toBe(seenByLan.metadata.notes);
    expect(countAudit(host.service.db)).toBe(rows + 1); // only the view just made
    // Reloaded, the second person's save goes through.
    const again = await call<DocumentDetail>(
      'documentUpdate',
      { documentId: id, fields: { signer: 'Phạm Minh' }, expectedVersion: now.version },
      minh,
    );
    expect(again.metadata.signer).toBe('Phạm Minh');
  });

  it('confirming, the validity override, a bulk edit and a direct store write move the version', async () => {
    const versions = [(await get()).version];
    const auto = (await get()).provenance;
    const suggested = Object.entries(auto).find(([, p]) => p.source === 'auto')?.[0];
    expect(suggested).toBeDefined();
    versions.push(
      (await call<DocumentDetail>('documentConfirm', { documentId: id, fields: [suggested] }, lan)).version,
    );
    versions.push(
      (
        await call<DocumentDetail>(
          'documentValiditySet',
          { documentId: id, override: { status: 'in-force', note: '' } },
          lan,
        )
      ).version,
    );
    await call(
      'documentsBulkUpdate',
      { documentIds: [id], change: { kind: 'set', field: 'place', value: 'Châu Thành' } },
      lan,
    );
    versions.push((await get()).version);
    // What the CLI's set does: the store's own write, with no version sent.
    updateDocumentMetadata(host.service.vankho.archive, id, { recipients: 'Như trên' }, 'local');
    versions.push((await get()).version);
    expect(new Set(versions).size).toBe(versions.length);
    // Each stale copy is refused by each method that takes one.
    const stale = versions[0]!;
    expect(
      await codeOf('documentConfirm', { documentId: id, fields: ['title'], expectedVersion: stale }, minh),
    ).toBe('CONFLICT');
    expect(
      await codeOf('documentValiditySet', { documentId: id, override: null, expectedVersion: stale }, minh),
    ).toBe('CONFLICT');
  });

  it('a tag added meanwhile is no conflict; a save without a version saves as before', async () => {
    const seen = await get(minh);
    await call('documentAddTag', { documentId: id, name: 'Lưu trữ' }, lan);
    expect((await get()).version).toBe(seen.version);
    expect(
      await codeOf(
        'documentUpdate',
        { documentId: id, fields: { notes: 'Đã xem' }, expectedVersion: seen.version },
        minh,
      ),
    ).toBe('ok');
    expect(
      await codeOf('documentUpdate', { documentId: id, fields: { notes: 'Không gửi phiên bản' } }, lan),
    ).toBe('ok');
    expect((await get()).metadata.notes).toBe('Không gửi phiên bản');
  });
});
