// The audit log at the contract (issue 14): every caller's actions leave rows through the one
// dispatcher — views of a document's detail and text, edits with the fields changed, bulk edits, tag
// and hồ sơ changes, deletes, restores, purges, imports (the ids filed) and exports (the ids and the
// job) — with the actor and the address it came from; searches leave none; a refused call leaves
// none; a change that fails leaves none; the rows go with a backup. Real archive, real DOCX files.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPageDto, DocumentDetail, JobStarted } from '../../../main/contract/dto.js';
import type { RequestContext } from '../../../main/contract/request-context.js';
import { countAudit, listAudit, type AuditRow } from '../../../main/core/accounts/audit-store.js';
import { openArchive } from '../../../main/core/archive/archive.js';
import { restoreArchive } from '../../../main/core/export/restore-archive.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { makeDocx } from '../../helpers/make-docx.js';
import { dispatcher } from '../../helpers/dispatch.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const signal = new AbortController().signal;
const clerk: RequestContext = {
  actor: {
    id: 'user:2',
    kind: 'account',
    displayName: 'Chị Lan',
    role: 'archivist',
    readable: ['cong-khai'],
  },
  signal,
  remoteAddress: '10.0.0.7',
};
const reader: RequestContext = {
  actor: { id: 'user:3', kind: 'account', displayName: 'Anh Nam', role: 'reader', readable: ['cong-khai'] },
  signal,
  remoteAddress: '10.0.0.9',
};

describe('audit rows at the contract', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  let ids: number[];

  const { call } = dispatcher(() => host);
  const rows = (filter: Parameters<typeof listAudit>[1] = {}): AuditRow[] =>
    listAudit(host.service.db, filter);
  const detailOf = (r: AuditRow | undefined): Record<string, unknown> =>
    JSON.parse(r?.detail ?? '{}') as Record<string, unknown>;
  const finished = async (jobId: string) => (await host.jobs.wait(jobId))!;

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-audit-contract-');
    host = await startAppHost({ host: 'web', archiveDir: join(tmp.dir, 'kho'), create: true });
    const uploadIds: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const bytes = await makeDocx([
        'ỦY BAN NHÂN DÂN TỈNH AN GIANG',
        `Số: ${100 + i}/QĐ-UBND`,
        'QUYẾT ĐỊNH',
        `Về việc phê duyệt kế hoạch số ${i} năm 2026`,
        'Điều 1. Phê duyệt kế hoạch bảo vệ môi trường.',
      ]);
      const { uploadId } = await call<{ uploadId: string }>(
        'importUpload',
        { name: `qd-${i}.docx`, bytes: new Uint8Array(bytes) },
        clerk,
      );
      uploadIds.push(uploadId);
    }
    const { jobId } = await call<JobStarted>('importStart', { uploadIds }, clerk);
    const end = await finished(jobId);
    expect(end.state).toBe('done');
    ids = host.service.db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[];
    expect(ids).toHaveLength(3);
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('an import leaves one row per document filed, with the job, the actor and the address', () => {
    const imported = rows({ action: 'import' });
    expect(imported.map((r) => r.documentId).sort()).toEqual(ids);
    for (const r of imported) {
      expect(r).toMatchObject({ actor: 'user:2', actorName: 'Chị Lan', remoteAddress: '10.0.0.7' });
      expect(detailOf(r)).toMatchObject({ job: 'import' });
      expect(r.documentNumber).toMatch(/^10[1-3]\/QĐ-UBND$/);
    }
  });

  it('a view of the detail and of the text is a row of its reader; a search is none', async () => {
    const before = countAudit(host.service.db);
    await call('search', { query: 'môi trường', limit: 10 }, reader);
    await call('instantFind', { prefix: '101' }, reader);
    await call('facets', {}, reader);
    expect(countAudit(host.service.db)).toBe(before);

    const d = await call<DocumentDetail>('documentGet', { documentId: ids[0] }, reader);
    await call('filePages', { fileId: d.files[0]!.id }, reader);
    const mine = rows({ actor: 'user:3' });
    expect(mine.map((r) => [r.action, r.documentId, detailOf(r).what])).toEqual([
      ['view', ids[0], 'text'],
      ['view', ids[0], 'detail'],
    ]);
    expect(mine[0]).toMatchObject({
      actorName: 'Anh Nam',
      remoteAddress: '10.0.0.9',
      documentNumber: '101/QĐ-UBND',
    });
  });

  it('a refused call and a failed change leave no row', async () => {
    const before = countAudit(host.service.db);
    const refused = await host.dispatch(
      'documentUpdate',
      { documentId: ids[0], fields: { notes: 'x' } },
      reader,
    );
    expect(refused.ok).toBe(false);
    const missing = await host.dispatch(
      'documentUpdate',
      { documentId: 999_999, fields: { notes: 'x' } },
      clerk,
    );
    expect(missing.ok ? 'ok' : missing.error.code).toBe('NOT_FOUND');
    expect(countAudit(host.service.db)).toBe(before);
  });

  it('edits say which fields changed, in the same transaction as the change', async () => {
    await call(
      'documentUpdate',
      { documentId: ids[0], fields: { notes: 'Đã rà soát', signer: 'Nguyễn Văn A' } },
      clerk,
    );
    await call('documentAddTag', { documentId: ids[1], name: 'Môi trường' }, clerk);
    await call(
      'documentsBulkUpdate',
      { documentIds: [ids[1], ids[2]], change: { kind: 'set', field: 'place', value: 'An Giang' } },
      clerk,
    );
    await call(
      'documentValiditySet',
      { documentId: ids[2], override: { status: 'in-force', note: '' } },
      clerk,
    );
    const edits = rows({ action: 'edit' });
    expect(edits.map((r) => [r.documentId, detailOf(r).method, detailOf(r).fields])).toEqual([
      [ids[2], 'documentValiditySet', ['validity']],
      [ids[2], 'documentsBulkUpdate', ['place']],
      [ids[1], 'documentsBulkUpdate', ['place']],
      [ids[1], 'documentAddTag', ['tags']],
      // In the contract's field order.
      [ids[0], 'documentUpdate', ['signer', 'notes']],
    ]);
  });

  it('hồ sơ changes and printing the catalogue are rows', async () => {
    await call('recordCreate', { code: 'G09.2026.01', title: 'Hồ sơ kế hoạch môi trường' }, clerk);
    await call('recordAddDocuments', { code: 'G09.2026.01', documentIds: [ids[0], ids[1]] }, clerk);
    await call('recordCatalogueHtml', { code: 'G09.2026.01' }, reader);
    const rec = rows({ action: 'record' });
    expect(rec.map((r) => [detailOf(r).op, r.documentId])).toEqual([
      ['add', ids[1]],
      ['add', ids[0]],
      ['create', null],
    ]);
    expect(rows({ action: 'print' })[0]).toMatchObject({ actor: 'user:3', documentId: null });
    expect(detailOf(rows({ action: 'print' })[0])).toMatchObject({ what: 'catalogue', code: 'G09.2026.01' });
  });

  it('an export leaves a row per document exported, with its job id', async () => {
    const started = await call<JobStarted | null>(
      'exportStart',
      { kind: 'bundle', documentIds: [ids[0], ids[2]] },
      reader,
    );
    const end = await finished(started!.jobId);
    expect(end.state).toBe('done');
    const ex = rows({ action: 'export' });
    expect(ex.map((r) => r.documentId).sort()).toEqual([ids[0], ids[2]]);
    expect(ex.every((r) => r.actor === 'user:3' && detailOf(r).jobId === started!.jobId)).toBe(true);
  });

  it('delete, restore and purge are rows; a purged document keeps its number in earlier rows', async () => {
    const { trashId } = await call<{ trashId: number }>('documentDelete', { documentId: ids[2] }, clerk);
    expect(rows({ action: 'delete' })[0]).toMatchObject({
      documentId: ids[2],
      documentNumber: '103/QĐ-UBND',
    });
    await call('trashRestore', { trashIds: [trashId] }, clerk);
    expect(rows({ action: 'restore' })[0]).toMatchObject({ documentId: ids[2] });
    const again = await call<{ trashId: number }>('documentDelete', { documentId: ids[2] }, clerk);
    // Emptying for good is the administrator's: here the local one.
    await call('trashEmpty', { trashIds: [again.trashId] });
    const purge = rows({ action: 'purge' });
    expect(purge).toHaveLength(1);
    expect(purge[0]).toMatchObject({ actor: 'local', documentId: ids[2], remoteAddress: null });
    expect(rows({ documentId: ids[2] }).map((r) => r.action)).toEqual([
      'purge',
      'delete',
      'restore',
      'delete',
      'export',
      'edit',
      'edit',
      'import',
    ]);
  });

  it('auditList pages the log for an administrator only', async () => {
    const refused = await host.dispatch('auditList', {}, clerk);
    expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
    const all = countAudit(host.service.db);
    const first = await call<AuditPageDto>('auditList', { limit: 3 });
    const second = await call<AuditPageDto>('auditList', { limit: 3, offset: 3 });
    expect(first.total).toBe(all);
    expect([...first.items, ...second.items].map((r) => r.id)).toEqual(rows({ limit: 6 }).map((r) => r.id));
    const views = await call<AuditPageDto>('auditList', { action: 'view', documentId: ids[0] });
    expect(views.items.map((r) => r.actor)).toEqual(['user:3', 'user:3']);
    // No account behind these test actors: the row keeps its id and name, the user name is unknown.
    expect(views.items[0]).toMatchObject({ actorName: 'Anh Nam', username: null });
    const future = await call<AuditPageDto>('auditList', { since: '2099-01-01T00:00:00+07:00' });
    expect(future).toMatchObject({ total: 0, items: [] });
  });

  it('the rows go with a backup', async () => {
    const all = countAudit(host.service.db);
    expect(all).toBeGreaterThan(10);
    const backup = join(tmp.dir, 'kho.vankho-backup');
    await host.service.backupTo(backup);
    const restored = join(tmp.dir, 'restored');
    await restoreArchive(backup, restored);
    const copy = openArchive(restored, { readonly: true });
    try {
      expect(countAudit(copy.db)).toBe(all);
      expect(listAudit(copy.db, { limit: 1 })[0]).toEqual(listAudit(host.service.db, { limit: 1 })[0]);
    } finally {
      copy.close();
    }
  });
});
