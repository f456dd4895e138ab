// Permissions per contract method (issue 14): every method declares read / edit / admin, and the
// dispatcher refuses a caller whose role lacks it with FORBIDDEN — before the input is looked at —
// whatever the transport. A reader cannot call any edit or admin method; an archivist no admin one.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, type ApiMethod } from '../../../main/contract/api.js';
import type { TagAddResultDto } from '../../../main/contract/dto.js';
import { METHOD_PERMISSIONS, type Permission } from '../../../main/contract/permissions.js';
import type { RequestContext, Role } from '../../../main/contract/request-context.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

function as(role: Role): RequestContext {
  return {
    actor: { id: `user:${role}`, kind: 'account', displayName: role, role, readable: ['cong-khai'] },
    signal: new AbortController().signal,
  };
}

const methodsNeeding = (p: Permission): ApiMethod[] => API_METHODS.filter((m) => METHOD_PERMISSIONS[m] === p);

describe('permissions per contract method', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  const codeOf = async (method: string, ctx: RequestContext, input: unknown = {}): Promise<string | null> => {
    const r = await host.dispatch(method, input, ctx);
    return r.ok ? null : r.error.code;
  };

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-perm-');
    host = await startAppHost({ host: 'web', archiveDir: join(tmp.dir, 'kho'), create: true });
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('declares a permission for exactly the methods of the contract', () => {
    expect(Object.keys(METHOD_PERMISSIONS).sort()).toEqual([...API_METHODS].sort());
    for (const m of API_METHODS) expect(['read', 'edit', 'admin'], m).toContain(METHOD_PERMISSIONS[m]);
    // The split is not degenerate: each class has members.
    expect(methodsNeeding('edit').length).toBeGreaterThan(10);
    expect(methodsNeeding('admin').length).toBeGreaterThan(0);
  });

  it('refuses a reader every edit and admin method with FORBIDDEN, whatever the input', async () => {
    const refused = [...methodsNeeding('edit'), ...methodsNeeding('admin')];
    for (const m of refused) {
      expect(await codeOf(m, as('reader')), m).toBe('FORBIDDEN');
      // A valid-looking input does not get further than an empty one.
      expect(await codeOf(m, as('reader'), { documentId: 1, name: 'x' }), m).toBe('FORBIDDEN');
    }
    // Nothing was written by the refused calls.
    expect(host.service.vankho.archive.db.prepare('SELECT count(*) FROM tags').pluck().get()).toBe(0);
  });

  it('lets a reader call every read method (answers may still be errors of the input, never FORBIDDEN)', async () => {
    for (const m of methodsNeeding('read')) expect(await codeOf(m, as('reader')), m).not.toBe('FORBIDDEN');
    const hits = await host.dispatch('search', { query: 'quyết định' }, as('reader'));
    expect(hits.ok).toBe(true);
  });

  it('refuses an archivist the admin methods but lets it edit; the local person may do all', async () => {
    for (const m of methodsNeeding('admin')) expect(await codeOf(m, as('archivist')), m).toBe('FORBIDDEN');
    const made = await host.dispatch('tagCreate', { name: 'Kinh tế' }, as('archivist'));
    expect(made.ok).toBe(true);
    expect((made as { value: TagAddResultDto }).value.name).toBe('Kinh tế');
    expect(await codeOf('archiveCheck', as('admin'), { full: false })).not.toBe('FORBIDDEN');
    const local = await host.dispatch('archiveCheck', { full: false });
    expect(local.ok ? null : local.error.code).not.toBe('FORBIDDEN');
  });
});
