// `vankho audit` while this process holds the archive as the app or the server would: the rows of an
// account's actions (from an address) and of this computer's, filtered by user name, document and
// day, as text and as JSON; an unknown user name is said, not an empty log. A real child process
// lists them all; the other runs are in this process (a child costs seconds of module loading).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import type { DocumentDetail, JobStarted } from '../../../main/contract/dto.js';
import type { RequestContext } from '../../../main/contract/request-context.js';
import { hashPassword } from '../../../main/core/accounts/password.js';
import { actorOf, insertUser } from '../../../main/core/accounts/users-store.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { makeDocx } from '../../helpers/make-docx.js';
import { repoPath } from '../../helpers/repo-root.js';
import { dispatcher } from '../../helpers/dispatch.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

interface AuditJson {
  at: string;
  actor: string;
  actorId: string;
  actorName: string;
  action: string;
  documentId: number | null;
  documentNumber: string | null;
  remoteAddress: string | null;
  detail: string | null;
}

/** A real `vankho` child process. */
function vankho(archive: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [repoPath('bin/vankho.mjs'), '--archive', archive, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
/** The same program in this process. */
const cli = (archive: string, args: string[]) => runCliInProcess(['--archive', archive, ...args]);

async function auditJson(archive: string, args: string[] = []): Promise<AuditJson[]> {
  const r = await cli(archive, ['--json', 'audit', ...args]);
  expect(r.code, r.stderr).toBe(EXIT.OK);
  return JSON.parse(r.stdout) as AuditJson[];
}

describe('vankho audit', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let archive: string;
  let host: AppHost;
  let lan: RequestContext;
  let docs: DocumentDetail[];

  const { call } = dispatcher(() => host);

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-audit-cli-');
    archive = join(tmp.dir, 'kho');
    host = await startAppHost({ host: 'web', archiveDir: archive, create: true });
    const hash = await hashPassword('mật-khẩu-đủ-dài');
    const user = host.service.vankho.archive.write((db) =>
      insertUser(db, { username: 'lan', displayName: 'Chị Lan', role: 'archivist', passwordHash: hash }),
    );
    lan = { actor: actorOf(user), signal: new AbortController().signal, remoteAddress: '192.168.1.20' };
    const uploadIds: string[] = [];
    for (const n of [7, 8]) {
      const bytes = await makeDocx([
        'UBND HUYỆN CHÂU THÀNH',
        `Số: ${n}/KH-UBND`,
        'KẾ HOẠCH',
        `Triển khai nhiệm vụ ${n}`,
      ]);
      uploadIds.push(
        (
          await call<{ uploadId: string }>(
            'importUpload',
            { name: `kh-${n}.docx`, bytes: new Uint8Array(bytes) },
            lan,
          )
        ).uploadId,
      );
    }
    const { jobId } = await call<JobStarted>('importStart', { uploadIds }, lan);
    expect((await host.jobs.wait(jobId))?.state).toBe('done');
    const ids = host.service.db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[];
    docs = [];
    for (const id of ids) docs.push(await call<DocumentDetail>('documentGet', { documentId: id }, lan));
    await call('documentUpdate', { documentId: ids[1], fields: { signer: 'Trần Văn B' } }, lan);
    // This computer's person (the local actor) reads one too.
    await call('documentGet', { documentId: ids[0] });
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('lists every row as JSON while the archive is held, newest first', () => {
    const r = vankho(archive, ['--json', 'audit']);
    expect(r.code, r.stderr).toBe(EXIT.OK);
    const rows = JSON.parse(r.stdout) as AuditJson[];
    expect(rows.map((r) => [r.actor, r.action, r.documentId])).toEqual([
      ['local', 'view', docs[0]!.id],
      ['lan', 'edit', docs[1]!.id],
      ['lan', 'view', docs[1]!.id],
      ['lan', 'view', docs[0]!.id],
      ['lan', 'import', docs[1]!.id],
      ['lan', 'import', docs[0]!.id],
    ]);
    const edit = rows[1]!;
    expect(edit).toMatchObject({
      actorId: `user:${lan.actor.id.split(':')[1]}`,
      actorName: 'Chị Lan',
      remoteAddress: '192.168.1.20',
      documentNumber: '8/KH-UBND',
    });
    expect(JSON.parse(edit.detail!)).toMatchObject({ method: 'documentUpdate', fields: ['signer'] });
    expect(Date.parse(edit.at)).toBeLessThanOrEqual(Date.now());
  });

  it('filters by user, document, action, day and count', async () => {
    expect((await auditJson(archive, ['--user', 'lan'])).every((r) => r.actor === 'lan')).toBe(true);
    expect((await auditJson(archive, ['--user', 'local'])).map((r) => r.action)).toEqual(['view']);
    expect((await auditJson(archive, ['--doc', String(docs[1]!.id)])).map((r) => r.action)).toEqual([
      'edit',
      'view',
      'import',
    ]);
    expect(await auditJson(archive, ['--action', 'import'])).toHaveLength(2);
    expect(await auditJson(archive, ['--limit', '2'])).toHaveLength(2);
    const today = new Date();
    const dd = (n: number): string => String(n).padStart(2, '0');
    const day = `${dd(today.getDate())}/${dd(today.getMonth() + 1)}/${today.getFullYear()}`;
    expect(await auditJson(archive, ['--since', day])).toHaveLength(6);
    const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
    expect(await auditJson(archive, ['--since', tomorrow.toISOString().slice(0, 10)])).toHaveLength(0);
  });

  it('prints rows as text: time, who, what, which document, from where', async () => {
    const r = await cli(archive, ['audit', '--doc', String(docs[1]!.id)]);
    expect(r.code, r.stderr).toBe(EXIT.OK);
    expect(r.stdout).toContain('3 dòng nhật ký / log rows');
    const edit = r.stdout.split('\n').find((l) => l.includes('Sửa / Edited'));
    expect(edit).toMatch(
      /^\s+\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}\s+·\s+Chị Lan\s+·\s+Sửa \/ Edited\s+·\s+#\d+ 8\/KH-UBND\s+·\s+192\.168\.1\.20/,
    );
  });

  it('an unknown user name is NOT_FOUND, a bad date a usage error', async () => {
    const unknown = await cli(archive, ['audit', '--user', 'khong-co']);
    expect(unknown.code).toBe(EXIT.NOT_FOUND);
    expect(unknown.stderr).toContain('khong-co');
    const bad = await cli(archive, ['audit', '--since', '31/02/2026']);
    expect(bad.code).toBe(EXIT.USAGE);
  });
});
