import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../main/contract/events.js';
import { VanKhoError } from '../../main/core/errors/vankho-error.js';
import { appError } from '../../main/contract/errors.js';
import { EventBus } from '../../main/host/event-bus.js';
import { DEFAULT_JOB_LIMITS, JobRegistry } from '../../main/host/job-registry.js';

function setup() {
  const bus = new EventBus();
  const events: AppEvent[] = [];
  bus.subscribe((e) => events.push(e));
  return { jobs: new JobRegistry(bus), events };
}

describe('JobRegistry', () => {
  it('reports progress and the result of a job as contract events', async () => {
    const { jobs, events } = setup();
    const id = jobs.start('reindex', async (ctx) => {
      ctx.progress({ done: 1, total: 2 });
      ctx.progress({ done: 2, total: 2 });
      return { result: null };
    });
    expect(jobs.isRunning('reindex')).toBe(true);
    const dto = await jobs.wait(id);
    expect(dto?.state).toBe('done');
    expect(dto?.progress).toEqual({ done: 2, total: 2 });
    expect(events.map((e) => e.type)).toEqual(['jobProgress', 'jobProgress', 'jobFinished']);
    expect(events[1]).toMatchObject({ jobId: id, kind: 'reindex', done: 2, total: 2, label: null });
  });

  it('reports every kind through the one jobProgress event, done / total / label read per kind', async () => {
    const { jobs, events } = setup();
    const name = 'Quyết định 15-QĐ/TU.pdf';
    const backup = jobs.start('backup', async (ctx) => {
      ctx.progress({ entriesDone: 3, entriesTotal: 7, bytesDone: 10, bytesTotal: 90, currentName: name });
      return { result: { out: '/x.zip', documents: 1, files: 1, bytes: 1, schemaVersion: 1 } };
    });
    const imp = jobs.start('import', async (ctx) => {
      const p = { total: 4, done: 1, imported: 1, duplicates: 0, failed: 0, currentName: name };
      ctx.progress({ ...p, bytesDone: 5, bytesTotal: 20 });
      return { result: null as never };
    });
    await Promise.all([jobs.wait(backup), jobs.wait(imp)]);
    const progress = events.filter((e) => e.type === 'jobProgress');
    expect(progress).toMatchObject([
      { jobId: backup, kind: 'backup', done: 3, total: 7, label: name, progress: { bytesDone: 10 } },
      { jobId: imp, kind: 'import', done: 1, total: 4, label: name, progress: { imported: 1 } },
    ]);
  });

  it('cancels through the job signal, only jobs of the asked kind, and only once', async () => {
    const { jobs, events } = setup();
    const id = jobs.start('import', (ctx) => {
      return new Promise((_, reject) => {
        ctx.signal.addEventListener('abort', () => reject(new VanKhoError(appError('CANCELLED'))));
      });
    });
    expect(jobs.cancel(id, 'export')).toBe(false);
    expect(jobs.cancel(id, 'import')).toBe(true);
    expect((await jobs.wait(id))?.state).toBe('cancelled');
    expect(jobs.cancel(id)).toBe(false);
    const end = events.find((e) => e.type === 'jobFinished');
    expect(end?.type === 'jobFinished' && end.error).toBeNull();
  });

  it('turns an unexpected failure into an INTERNAL error without its message', async () => {
    const { jobs } = setup();
    const id = jobs.start('export', async () => {
      throw new Error('secret path /home/x/y');
    });
    const dto = await jobs.wait(id);
    expect(dto?.state).toBe('failed');
    expect(dto?.error?.code).toBe('INTERNAL');
    expect(JSON.stringify(dto)).not.toContain('secret path');
  });

  it('cancelAll stops every running job and waits for them', async () => {
    const { jobs } = setup();
    const started: string[] = [];
    for (let i = 0; i < 3; i++) {
      started.push(
        jobs.start(
          'import',
          (ctx) =>
            new Promise((resolve) =>
              ctx.signal.addEventListener('abort', () =>
                resolve({
                  result: {
                    total: 0,
                    imported: 0,
                    duplicates: 0,
                    failed: 0,
                    withWarnings: 0,
                    cancelled: true,
                    outcomes: [],
                  },
                  cancelled: true,
                }),
              ),
            ),
        ),
      );
    }
    await jobs.cancelAll();
    expect(jobs.list().map((j) => j.state)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(jobs.isRunning()).toBe(false);
  });

  it('bounds running jobs overall and per account: refused ones never start, ended ones free their place', async () => {
    const bus = new EventBus();
    const jobs = new JobRegistry(bus, { running: 3, runningPerOwner: 2 });
    const release: Array<() => void> = [];
    let ran = 0;
    const held = (): Promise<{ result: null }> =>
      new Promise((resolve) => {
        ran++;
        release.push(() => resolve({ result: null }));
      });
    const refusal = (f: () => string): string | undefined => {
      try {
        f();
        return undefined;
      } catch (e) {
        return e instanceof VanKhoError ? e.appError.code : String(e);
      }
    };
    const a1 = jobs.start('reindex', held, 'user:a');
    jobs.start('reindex', held, 'user:a');
    // A third for the same account is refused, while another account (and the overall bound) has room.
    expect(refusal(() => jobs.start('reindex', held, 'user:a'))).toBe('TOO_MANY_JOBS');
    jobs.start('reindex', held, 'user:b');
    // Three running: now nobody may start one, not even the person at this machine (no owner).
    expect(refusal(() => jobs.start('reindex', held))).toBe('TOO_MANY_JOBS');
    expect(refusal(() => jobs.start('reindex', held, 'user:c'))).toBe('TOO_MANY_JOBS');
    expect(jobs.list()).toHaveLength(3);
    await new Promise((r) => setImmediate(r));
    expect(ran).toBe(3);
    release[0]!();
    expect((await jobs.wait(a1))?.state).toBe('done');
    // The ended job's place is free again, for its own account too.
    expect(refusal(() => jobs.start('reindex', held, 'user:a'))).toBeUndefined();
    await new Promise((r) => setImmediate(r));
    expect(ran).toBe(4);
    for (const r of release) r();
    for (const j of jobs.list()) await jobs.wait(j.jobId);
    expect(jobs.list().every((j) => j.state === 'done')).toBe(true);
    // The defaults leave an office room for a few jobs per account and a handful overall.
    expect(DEFAULT_JOB_LIMITS.runningPerOwner).toBeGreaterThan(1);
    expect(DEFAULT_JOB_LIMITS.running).toBeGreaterThan(DEFAULT_JOB_LIMITS.runningPerOwner);
  });
});
