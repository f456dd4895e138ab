// Units and read grants over real HTTP on 127.0.0.1 (issue 14): units and memberships made by the
// CLI (`vankho units add`, `users unit`), `vankho serve` as a child process, real sample PDFs
// uploaded by an archivist who marks one "Mật" and opens it to one unit. A reader of that unit meets
// it in search, facets, counts, the file and an export; a reader of another unit in none of them;
// revoking the grant closes it again. A hồ sơ granted to one account opens the documents filed in it.
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AccessGrantDto,
  ArchiveInfo,
  DocumentDetail,
  JobDto,
  RecordDto,
  UnitDto,
  UserDto,
} from '../../../main/contract/dto.js';
import type { SearchFacets, SearchResponse } from '../../../main/contract/search-types.js';
import { CSRF_HEADER } from '../../../main/contract/transport.js';
import { repoPath } from '../../helpers/repo-root.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import {
  addAccounts,
  serveClient,
  startServe,
  stopServe,
  type ServeSession,
} from '../../helpers/serve-child.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';
import { zipEntries } from '../../helpers/zip-entries.js';

const PASSWORD = 'mật-khẩu-dài-1';
const UNIT_A = 'Phòng Tổ chức';
const UNIT_B = 'Phòng Tài chính';
const CODE = '000.00.00.H41.2025.07.TC';

/** `vankho ARGS` in this process (a child costs seconds of module loading). */
async function cliOk(args: string[]): Promise<string> {
  const r = await runCliInProcess(args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('units and read grants over real HTTP', { timeout: 240_000 }, () => {
  let tmp: TempDir;
  let archive: string;
  let child: ChildProcess | undefined;
  let base: string;
  let client: ReturnType<typeof serveClient>;
  let clerk: ServeSession;
  let inA: ServeSession;
  let inB: ServeSession;
  let secret: DocumentDetail;
  let other: DocumentDetail;
  let unitA: UnitDto;
  let grant: AccessGrantDto;

  const call = <T>(s: ServeSession, method: string, input: unknown): Promise<T> =>
    client.call<T>(s, method, input);
  async function upload(s: ServeSession, file: string): Promise<string> {
    const r = await fetch(new URL('/upload', base), {
      method: 'POST',
      headers: {
        cookie: s.cookie,
        [CSRF_HEADER]: s.csrf,
        'content-type': 'application/octet-stream',
        'x-vankho-file-name': encodeURIComponent(file),
      },
      body: readFileSync(repoPath('resources', 'samples', file)),
    });
    const body = (await r.json()) as { ok: boolean; value: { uploadId: string } };
    expect(body.ok).toBe(true);
    return body.value.uploadId;
  }
  async function waitJob(s: ServeSession, jobId: string): Promise<JobDto> {
    for (let i = 0; i < 600; i++) {
      const job = (await call<JobDto[]>(s, 'jobsList', {})).find((j) => j.jobId === jobId);
      if (job && job.state !== 'running') return job;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${jobId} did not end`);
  }
  const fileStatus = async (s: ServeSession, fileId: number): Promise<number> =>
    (await fetch(new URL(`/files/${fileId}?download=1`, base), { headers: { cookie: s.cookie } })).status;

  /** The documents (uids) in a bundle the caller exports: every document it may read, mật included. */
  async function exportedUids(s: ServeSession): Promise<string[]> {
    const { jobId } = await call<{ jobId: string }>(s, 'exportStart', {
      kind: 'bundle',
      includeSecret: true,
    });
    expect((await waitJob(s, jobId)).state).toBe('done');
    const r = await fetch(new URL(`/exports/${jobId}`, base), { headers: { cookie: s.cookie } });
    expect(r.status).toBe(200);
    const file = join(tmp.dir, `${jobId}.zip`);
    writeFileSync(file, Buffer.from(await r.arrayBuffer()));
    const manifest = (await zipEntries(file)).find(([n]) => n === 'manifest.json');
    expect(manifest).toBeDefined();
    const m = JSON.parse(manifest![1].toString('utf8')) as { documents: Array<{ uid: string }> };
    return m.documents.map((d) => d.uid).sort();
  }

  /** What a reader is told of the archive: hits, facet counts, the archive's document count. */
  async function told(
    s: ServeSession,
  ): Promise<{ ids: number[]; access: string[]; years: number; count: number }> {
    const all = await call<SearchResponse>(s, 'search', { query: '', limit: 50 });
    expect(all.total).toBe(all.hits.length);
    const facets = await call<SearchFacets>(s, 'facets', {});
    const info = await call<ArchiveInfo>(s, 'archiveInfo', {});
    return {
      ids: all.hits.map((h) => h.id).sort((a, b) => a - b),
      access: facets.access.map((f) => f.value).sort(),
      years: facets.year.reduce((n, f) => n + f.count, 0),
      count: info.documentCount,
    };
  }

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-units-');
    archive = join(tmp.dir, 'kho');
    await addAccounts(
      archive,
      [
        ['quantri', 'admin'],
        ['vanthu', 'archivist'],
        ['an', 'reader'],
        ['binh', 'reader'],
      ],
      PASSWORD,
    );
    await cliOk(['--archive', archive, 'units', 'add', UNIT_A]);
    await cliOk(['--archive', archive, 'units', 'add', UNIT_B]);
    await cliOk(['--archive', archive, 'users', 'unit', 'an', UNIT_A]);
    await cliOk(['--archive', archive, 'users', 'unit', 'binh', UNIT_B.toUpperCase()]);
    ({ child, url: base } = await startServe(['--archive', archive, '--listen', '127.0.0.1:0']));
    client = serveClient(base);
    clerk = await client.signIn('vanthu', PASSWORD);
    inA = await client.signIn('an', PASSWORD);
    inB = await client.signIn('binh', PASSWORD);
    const uploadIds = [
      await upload(clerk, '06-quyet-dinh-1520-QD-UBND.pdf'),
      await upload(clerk, '08-ke-hoach-45-KH-UBND.pdf'),
    ];
    const { jobId } = await call<{ jobId: string }>(clerk, 'importStart', { uploadIds });
    expect((await waitJob(clerk, jobId)).state).toBe('done');
    const hits = (await call<SearchResponse>(clerk, 'search', { query: '', limit: 5 })).hits;
    const idOf = (prefix: string): number => hits.find((h) => h.number?.startsWith(prefix))!.id;
    secret = await call<DocumentDetail>(clerk, 'documentUpdate', {
      documentId: idOf('1520'),
      fields: { access: 'Mật' },
    });
    other = await call<DocumentDetail>(clerk, 'documentGet', { documentId: idOf('45') });
    unitA = (await call<UnitDto[]>(clerk, 'unitsList', {})).find((u) => u.name === UNIT_A)!;
  });
  afterAll(async () => {
    await stopServe(child);
    await tmp?.cleanup();
  });

  it('made the units and memberships from the CLI', async () => {
    const units = await call<UnitDto[]>(clerk, 'unitsList', {});
    expect(units.map((u) => [u.name, u.memberIds.length])).toEqual([
      [UNIT_B, 1],
      [UNIT_A, 1],
    ]);
    expect(await client.code(inA, 'unitsList', {})).toBe('FORBIDDEN');
    expect(
      await client.code(inA, 'grantsAdd', { target: { documentId: secret.id }, to: { unitId: unitA.id } }),
    ).toBe('FORBIDDEN');
    expect(await client.code(clerk, 'unitsCreate', { name: 'Ban Tuyên giáo' })).toBe('FORBIDDEN');
  });

  it('before any grant, neither reader meets the mật document', async () => {
    for (const s of [inA, inB]) {
      expect(await told(s)).toEqual({ ids: [other.id], access: ['cong-khai'], years: 1, count: 1 });
      expect(await fileStatus(s, secret.files[0]!.id)).toBe(404);
      expect(await client.code(s, 'documentGet', { documentId: secret.id })).toBe('NOT_FOUND');
    }
  });

  it('a grant to unit A opens it to the reader in A everywhere, and to no one else', async () => {
    grant = await call<AccessGrantDto>(clerk, 'grantsAdd', {
      target: { documentId: secret.id },
      to: { unitId: unitA.id },
    });
    expect(grant).toMatchObject({ documentId: secret.id, unit: { id: unitA.id, name: UNIT_A }, user: null });
    // The same grant again answers the one there.
    expect(
      (
        await call<AccessGrantDto>(clerk, 'grantsAdd', {
          target: { documentId: secret.id },
          to: { unitId: unitA.id },
        })
      ).id,
    ).toBe(grant.id);
    expect(
      (await call<AccessGrantDto[]>(clerk, 'grantsList', { target: { documentId: secret.id } })).length,
    ).toBe(1);

    expect(await told(inA)).toEqual({
      ids: [secret.id, other.id].sort((a, b) => a - b),
      access: ['cong-khai', 'mat'],
      years: 2,
      count: 2,
    });
    expect((await call<SearchResponse>(inA, 'search', { query: '1520' })).hits.map((h) => h.id)).toContain(
      secret.id,
    );
    expect((await call<DocumentDetail>(inA, 'documentGet', { documentId: secret.id })).id).toBe(secret.id);
    expect(await fileStatus(inA, secret.files[0]!.id)).toBe(200);
    expect(await exportedUids(inA)).toEqual([secret.uid, other.uid].sort());

    expect(await told(inB)).toEqual({ ids: [other.id], access: ['cong-khai'], years: 1, count: 1 });
    expect(
      (await call<SearchResponse>(inB, 'search', { query: '1520' })).hits.map((h) => h.id),
    ).not.toContain(secret.id);
    expect(await client.code(inB, 'documentGet', { documentId: secret.id })).toBe('NOT_FOUND');
    expect(await fileStatus(inB, secret.files[0]!.id)).toBe(404);
    expect(await exportedUids(inB)).toEqual([other.uid]);
  });

  it('a hồ sơ granted to one account opens the documents filed in it', async () => {
    await call<DocumentDetail>(clerk, 'documentUpdate', {
      documentId: other.id,
      fields: { access: 'Hạn chế' },
    });
    await call<RecordDto>(clerk, 'recordCreate', {
      code: CODE,
      title: 'Hồ sơ cán bộ 2025',
      access: 'han-che',
    });
    await call(clerk, 'recordAddDocuments', { code: CODE, documentIds: [other.id] });
    const admin = await client.signIn('quantri', PASSWORD);
    const binh = (await call<UserDto[]>(admin, 'usersList', {})).find((u) => u.username === 'binh')!.id;
    expect((await call<RecordDto[]>(inB, 'recordsList', {})).map((r) => r.code)).toEqual([]);
    expect((await told(inB)).ids).toEqual([]);
    await call<AccessGrantDto>(clerk, 'grantsAdd', { target: { recordCode: CODE }, to: { userId: binh } });
    expect((await call<RecordDto[]>(inB, 'recordsList', {})).map((r) => r.code)).toEqual([CODE]);
    expect(await told(inB)).toEqual({ ids: [other.id], access: ['han-che'], years: 1, count: 1 });
    expect(await fileStatus(inB, other.files[0]!.id)).toBe(200);
    // The reader in A holds no grant on that hồ sơ: only its own unit's mật document now.
    expect((await told(inA)).ids).toEqual([secret.id]);
    expect(await fileStatus(inA, other.files[0]!.id)).toBe(404);
  });

  it('revoking the grant closes the document again, and the audit log has both', async () => {
    await call<AccessGrantDto>(clerk, 'grantsRemove', { grantId: grant.id });
    expect(await told(inA)).toEqual({ ids: [], access: [], years: 0, count: 0 });
    expect((await call<SearchResponse>(inA, 'search', { query: '1520' })).hits).toEqual([]);
    expect(await client.code(inA, 'documentGet', { documentId: secret.id })).toBe('NOT_FOUND');
    expect(await fileStatus(inA, secret.files[0]!.id)).toBe(404);
    const db = new Database(join(archive, 'archive.sqlite'), { readonly: true });
    try {
      const rows = db
        .prepare("SELECT actor, document_id, detail FROM audit_log WHERE action = 'access' ORDER BY id")
        .all() as Array<{ actor: string; document_id: number | null; detail: string }>;
      const ops = rows.map((r) => [
        r.document_id,
        (JSON.parse(r.detail) as { op: string; unit?: string }).op,
      ]);
      expect(ops).toEqual([
        [secret.id, 'grant'],
        [secret.id, 'grant'],
        [null, 'grant'],
        [secret.id, 'revoke'],
      ]);
      expect(rows.every((r) => r.actor.startsWith('user:'))).toBe(true);
      const units = db
        .prepare("SELECT detail FROM audit_log WHERE action = 'users' AND detail LIKE '%units%'")
        .pluck()
        .all() as string[];
      expect(units.length).toBe(2);
    } finally {
      db.close();
    }
  });
});
