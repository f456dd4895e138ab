// A hồ sơ bundle imported through the contract (issue 12): each hồ sơ the bundle adds or gives
// documents leaves an audit row of its own ('record', op import, its mã) beside the documents' rows,
// with the importer and the address it came from; the hồ sơ it adds are the importer's (created_by);
// a second import of the same bundle adds nothing and leaves no hồ sơ row; a caller who may not read
// a hồ sơ of the bundle gets the job refused (FORBIDDEN, vi/en), nothing applied, no row.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStarted } from '../../main/contract/dto.js';
import type { RequestContext } from '../../main/contract/request-context.js';
import { listAudit } from '../../main/core/accounts/audit-store.js';
import { openArchive } from '../../main/core/archive/archive.js';
import { exportBundle } from '../../main/core/export/export-bundle.js';
import { exportSourceOf } from '../../main/core/app/export-source.js';
import { resolveExportSelection } from '../../main/core/export-selection.js';
import { addDocumentsToRecord, createRecord } from '../../main/core/records/records-store.js';
import { startAppHost, type AppHost } from '../../main/index.js';
import { dispatcher } from '../helpers/dispatch.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { seedArchive } from './export-seed.js';

const R1 = '000.00.00.H41.2026.01.VP';
const R2 = '000.00.00.H41.2026.02.TC';
const signal = new AbortController().signal;
const clerk = (readable: RequestContext['actor']['readable']): RequestContext => ({
  actor: { id: 'user:4', kind: 'account', displayName: 'Chị Hoa', role: 'archivist', readable },
  signal,
  remoteAddress: '10.0.0.21',
});

describe('hồ sơ bundle import at the contract', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  let bytes: Buffer;
  const { call } = dispatcher(() => host);

  async function importAs(ctx: RequestContext) {
    const { uploadId } = await call<{ uploadId: string }>(
      'importUpload',
      { name: 'nop-luu.zip', bytes: new Uint8Array(bytes) },
      ctx,
    );
    const { jobId } = await call<JobStarted>('bundleImportStart', { uploadId }, ctx);
    return { jobId, job: (await host.jobs.wait(jobId))! };
  }
  const recordRows = () => listAudit(host.service.db, { action: 'record' });

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-bundle-records-audit-');
    const src = openArchive(join(tmp.dir, 'nguon'));
    try {
      const ids = await seedArchive(src, [
        {
          uid: 'tb',
          title: 'Thông báo lịch tiếp công dân',
          number: '45/TB-UBND',
          issuedDate: '2026-04-02',
          files: [
            {
              name: 'tb.txt',
              bytes: Buffer.from('Thông báo 45', 'utf8'),
              mediaType: 'text/plain',
              pages: ['Thông báo 45'],
            },
          ],
        },
        {
          uid: 'bc',
          title: 'Báo cáo tài chính quý I',
          number: '12/BC-UBND',
          issuedDate: '2026-04-10',
          files: [
            {
              name: 'bc.txt',
              bytes: Buffer.from('Báo cáo 12', 'utf8'),
              mediaType: 'text/plain',
              pages: ['Báo cáo 12'],
            },
          ],
        },
      ]);
      createRecord(src, { code: R1, title: 'Hồ sơ văn phòng năm 2026' });
      addDocumentsToRecord(src, R1, [ids.get('tb')!, ids.get('bc')!]);
      createRecord(src, { code: R2, title: 'Hồ sơ tài chính năm 2026', access: 'han-che' });
      addDocumentsToRecord(src, R2, [ids.get('bc')!]);
      const resolved = resolveExportSelection(src.db, null, { kind: 'records', codes: [R1, R2] });
      const out = join(tmp.dir, 'nop-luu.zip');
      await exportBundle(exportSourceOf(src), {
        ids: resolved.ids,
        out,
        title: resolved.title,
        selection: resolved.selection,
        ...(resolved.records ? { records: resolved.records } : {}),
      });
      bytes = readFileSync(out);
    } finally {
      src.close();
    }
    host = await startAppHost({
      host: 'web',
      samplesDir: null,
      archiveDir: join(tmp.dir, 'kho'),
      create: true,
    });
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('refuses a caller who may not read one of its hồ sơ: nothing applied, no row', async () => {
    const { job } = await importAs(clerk(['cong-khai']));
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('FORBIDDEN');
    expect(job.error?.detail).toMatch(
      /^gói có 1 hồ sơ tài khoản này không được đọc \(mức Hạn chế\).* \/ the bundle holds 1 file\(s\)/,
    );
    expect(host.service.db.prepare('SELECT count(*) FROM records').pluck().get()).toBe(0);
    expect(host.service.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(0);
    expect(listAudit(host.service.db)).toEqual([]);
  });

  it('writes one row per hồ sơ added, beside the documents’ rows, and makes them the importer’s', async () => {
    const { jobId, job } = await importAs(clerk(['cong-khai', 'han-che']));
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    const rows = recordRows();
    expect(rows).toHaveLength(2);
    for (const r of rows)
      expect(r).toMatchObject({
        actor: 'user:4',
        actorName: 'Chị Hoa',
        remoteAddress: '10.0.0.21',
        documentId: null,
      });
    expect(rows.map((r) => JSON.parse(r.detail ?? '{}') as unknown).reverse()).toEqual([
      { job: 'bundleImport', jobId, op: 'import', code: R1, outcome: 'added', documentsAdded: 2 },
      { job: 'bundleImport', jobId, op: 'import', code: R2, outcome: 'added', documentsAdded: 1 },
    ]);
    expect(listAudit(host.service.db, { action: 'import' })).toHaveLength(2);
    expect(host.service.db.prepare('SELECT code, created_by FROM records ORDER BY code').raw().all()).toEqual(
      [
        [R1, 'user:4'],
        [R2, 'user:4'],
      ],
    );
  });

  it('a hồ sơ already here as it is leaves no row', async () => {
    const before = recordRows().length;
    const { job } = await importAs(clerk(['cong-khai', 'han-che']));
    expect(job.state).toBe('done');
    expect(recordRows()).toHaveLength(before);
  });
});
