// Read grants through the trash (issue 14): a "mật" document opened to a unit and to one account,
// deleted and restored, comes back with both grants (same grantor and time), so the readers it was
// opened to find it again and no one else does. A unit deleted while the document was in the trash
// stays without its grant (deleting a unit withdraws its grants); the account's grant comes back.
// Real archive, real sample PDFs, through the contract's dispatch with account actors.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessGrantDto, DocumentDetail, UnitDto, UserDto } from '../../../main/contract/dto.js';
import type { RequestContext } from '../../../main/contract/request-context.js';
import type { SearchResponse } from '../../../main/contract/search-types.js';
import { accountActorId } from '../../../main/core/archive/access.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { dispatcher } from '../../helpers/dispatch.js';
import { repoPath } from '../../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const SAMPLES = ['06-quyet-dinh-1520-QD-UBND.pdf', '08-ke-hoach-45-KH-UBND.pdf'];

describe('read grants survive the trash', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  let secretId: number;
  let unit: UnitDto;
  const readers = new Map<string, RequestContext>();
  const { call } = dispatcher(() => host);

  /** The ids a reader's search meets. */
  const seenBy = async (name: string): Promise<number[]> =>
    (await call<SearchResponse>('search', { query: '', limit: 50 }, readers.get(name))).hits.map((h) => h.id);
  const grantsOn = (documentId: number): Promise<AccessGrantDto[]> =>
    call<AccessGrantDto[]>('grantsList', { target: { documentId } });
  const throughTrash = async (documentId: number, meanwhile?: () => Promise<void>): Promise<number> => {
    const { trashId } = await call<{ trashId: number }>('documentDelete', { documentId });
    await meanwhile?.();
    const { documentIds } = await call<{ documentIds: number[] }>('trashRestore', { trashIds: [trashId] });
    return documentIds[0]!;
  };

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-trash-grants-');
    host = await startAppHost({
      host: 'web',
      samplesDir: null,
      archiveDir: join(tmp.dir, 'kho'),
      create: true,
    });
    const job = await host.jobs.wait(
      host.service.startImport(SAMPLES.map((f) => repoPath('resources', 'samples', f))),
    );
    expect(job?.state).toBe('done');
    for (const name of ['an', 'binh', 'chi']) {
      const u = await call<UserDto>('usersCreate', {
        username: name,
        role: 'reader',
        password: 'mật-khẩu-dài-1',
      });
      readers.set(name, {
        actor: {
          id: accountActorId(u.id),
          kind: 'account',
          displayName: name,
          role: 'reader',
          readable: ['cong-khai'],
        },
        signal: new AbortController().signal,
      });
    }
    const ids = new Map((await call<UserDto[]>('usersList', {})).map((u) => [u.username, u.id]));
    unit = await call<UnitDto>('unitsCreate', { name: 'Phòng Tổ chức' });
    await call('usersSetUnits', { userId: ids.get('an')!, unitIds: [unit.id] });
    const hit = (await call<SearchResponse>('search', { query: '1520/QĐ-UBND', limit: 5 })).hits.find((h) =>
      h.number?.startsWith('1520'),
    )!;
    secretId = (
      await call<DocumentDetail>('documentUpdate', { documentId: hit.id, fields: { access: 'Mật' } })
    ).id;
    await call('grantsAdd', { target: { documentId: secretId }, to: { unitId: unit.id } });
    await call('grantsAdd', { target: { documentId: secretId }, to: { userId: ids.get('binh')! } });
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('a restored document keeps its unit and account grants, and its readers find it again', async () => {
    const before = await grantsOn(secretId);
    expect(before).toHaveLength(2);
    expect(await seenBy('an')).toContain(secretId);
    expect(await seenBy('binh')).toContain(secretId);
    expect(await seenBy('chi')).not.toContain(secretId);

    const { trashId } = await call<{ trashId: number }>('documentDelete', { documentId: secretId });
    expect(await seenBy('an')).not.toContain(secretId);
    const { documentIds } = await call<{ documentIds: number[] }>('trashRestore', { trashIds: [trashId] });
    secretId = documentIds[0]!;

    const after = await grantsOn(secretId);
    const shape = (g: AccessGrantDto) => ({
      unit: g.unit?.name ?? null,
      user: g.user?.username ?? null,
      grantedBy: g.grantedBy,
      grantedAt: g.grantedAt,
    });
    expect(after.map(shape)).toEqual(before.map(shape));
    expect(await seenBy('an')).toContain(secretId);
    expect(await seenBy('binh')).toContain(secretId);
    expect(await seenBy('chi')).not.toContain(secretId);
  });

  it('a unit deleted while the document was in the trash does not come back with it', async () => {
    secretId = await throughTrash(secretId, async () => {
      await call('unitsDelete', { unitId: unit.id });
      // A unit made since may take the deleted one's id: it was never opened this document.
      await call<UnitDto>('unitsCreate', { name: 'Phòng Kế hoạch' });
    });
    const after = await grantsOn(secretId);
    expect(after.map((g) => g.user?.username ?? g.unit?.name)).toEqual(['binh']);
    expect(await seenBy('an')).not.toContain(secretId);
    expect(await seenBy('binh')).toContain(secretId);
  });
});
