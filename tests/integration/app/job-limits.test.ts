// The bound on running jobs through the contract (issue 14, limits): an account's exports beyond
// its share are refused with TOO_MANY_JOBS (vi/en) and start nothing; the refusal is per account, and
// once its jobs end the account may start again. Real archive, real export jobs.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../main/contract/errors.js';
import type { RequestContext } from '../../../main/contract/request-context.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { DEFAULT_JOB_LIMITS } from '../../../main/host/job-registry.js';
import { repoPath } from '../../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

function account(id: string): RequestContext {
  return {
    actor: { id, kind: 'account', displayName: id, role: 'reader', readable: ['cong-khai'] },
    signal: new AbortController().signal,
  };
}

describe('bounded concurrent jobs', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-job-limits-');
    host = await startAppHost({ host: 'web', archiveDir: join(tmp.dir, 'kho'), create: true });
    const imported = host.service.startImport([
      repoPath('resources', 'samples', '08-ke-hoach-45-KH-UBND.pdf'),
    ]);
    expect((await host.jobs.wait(imported))?.state).toBe('done');
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  const exportAs = (ctx: RequestContext): Promise<Result<unknown>> =>
    host.dispatch('exportStart', { kind: 'catalogue' }, ctx);

  it('refuses an account more exports at once than its share, not another account, and frees the share', async () => {
    const per = DEFAULT_JOB_LIMITS.runningPerOwner;
    const reader = account('user:canbo');
    // Started in one go: none has begun running (jobs start on a later tick), so all count.
    const answers = await Promise.all(Array.from({ length: per + 1 }, () => exportAs(reader)));
    const refused = answers.filter((a) => !a.ok);
    expect(answers.filter((a) => a.ok)).toHaveLength(per);
    expect(refused).toHaveLength(1);
    const error = refused[0]!.ok ? null : refused[0]!.error;
    expect(error?.code).toBe('TOO_MANY_JOBS');
    expect(error?.message.vi).toContain('quá nhiều công việc');
    expect(error?.message.en).toContain('Too many jobs');
    // Only the accepted ones exist.
    expect(host.jobs.list().filter((j) => j.kind === 'export')).toHaveLength(per);
    // Another account is not held back by this one's share.
    const other = await exportAs(account('user:khoa'));
    expect(other.ok).toBe(true);
    for (const j of host.jobs.list()) await host.jobs.wait(j.jobId);
    expect(
      host.jobs
        .list()
        .filter((j) => j.kind === 'export')
        .map((j) => j.state),
    ).toEqual(Array<string>(per + 1).fill('done'));
    // Ended, they free the share.
    expect((await exportAs(reader)).ok).toBe(true);
  });
});
