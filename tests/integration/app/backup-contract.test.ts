// Backup and restore through the contract (issue 13): backupStart and restoreStart start jobs of
// their kinds, their progress comes as the generic jobProgress event and their end as jobFinished;
// the restore's safety rules hold through the contract (a non-empty folder is refused, a relative
// path too, a reader may call neither), and the restored archive holds the same documents. Both are
// rows of the jobs table: the backup's in the archive backed up (and, ended, in its copy), the
// restore's in the archive it restored.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BackupProgressDto,
  BackupResultDto,
  JobDto,
  RestoreResultDto,
} from '../../../main/contract/dto.js';
import { openArchive } from '../../../main/core/archive/archive.js';
import { listJobRows } from '../../../main/core/archive/jobs-store.js';
import type { AppEvent, JobFinishedEvent } from '../../../main/contract/events.js';
import type { RequestContext } from '../../../main/contract/request-context.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { dispatcher, jobFinished } from '../../helpers/dispatch.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const reader: RequestContext = {
  actor: { id: 'r', kind: 'account', displayName: 'r', role: 'reader', readable: ['cong-khai'] },
  signal: new AbortController().signal,
};

describe('backup and restore as contract jobs', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  let noArchive: AppHost;
  const api = dispatcher(() => host);
  const events: AppEvent[] = [];
  const ended = (h: AppHost, jobId: string): Promise<JobFinishedEvent> => jobFinished(h.events, jobId);

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-backup-contract-');
    const src = join(tmp.dir, 'cv-12.txt');
    writeFileSync(src, 'Công văn số 12/UBND-VP\nV/v sao lưu kho lưu trữ định kỳ\n');
    host = await startAppHost({ host: 'web', archiveDir: join(tmp.dir, 'kho'), create: true });
    expect((await host.jobs.wait(host.service.startImport([src])))?.state).toBe('done');
    host.events.subscribe((e) => events.push(e));
    // A session with no archive open, as `vankho restore` runs.
    noArchive = await startAppHost({ host: 'cli' });
  });
  afterAll(async () => {
    await host?.stop();
    await noArchive?.stop();
    await tmp.cleanup();
  });

  it('backs up as a backup job with jobProgress events, then restores into a new folder', async () => {
    const out = join(tmp.dir, 'sao-luu.zip');
    const { jobId } = await api.call<{ jobId: string }>('backupStart', { out });
    const end = await ended(host, jobId);
    expect(end).toMatchObject({ kind: 'backup', state: 'done', error: null });
    const report = end.result as BackupResultDto;
    expect(report).toMatchObject({ out, documents: 1, files: 1 });
    expect(report.bytes).toBeGreaterThan(0);
    const progress = events.filter((e) => e.type === 'jobProgress' && e.jobId === jobId);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((e) => e.type === 'jobProgress' && e.kind === 'backup')).toBe(true);
    // The target exists now: refused without overwrite, accepted with it.
    const again = await ended(host, (await api.call<{ jobId: string }>('backupStart', { out })).jobId);
    expect(again).toMatchObject({ state: 'failed', error: { code: 'INVALID_INPUT' } });
    const forced = await api.call<{ jobId: string }>('backupStart', { out, overwrite: true });
    expect((await ended(host, forced.jobId)).state).toBe('done');
    // Recorded in the archive backed up: kind, end state, params, actor, the last progress.
    const rows = listJobRows(host.service.vankho.archive.db);
    const row = rows.find((r) => r.id === forced.jobId);
    expect(row).toMatchObject({
      kind: 'backup',
      state: 'done',
      params: { out, overwrite: true },
      actor: 'local',
    });
    const last = row!.progress as BackupProgressDto;
    expect(last.entriesDone).toBe(last.entriesTotal);
    expect(rows.find((r) => r.id === again.jobId)).toMatchObject({ kind: 'backup', state: 'failed' });
    expect((await api.call<JobDto[]>('jobsList', {})).map((j) => j.jobId)).toContain(forced.jobId);

    const into = join(tmp.dir, 'khoi-phuc');
    const restore = dispatcher(() => noArchive);
    const r = await restore.call<{ jobId: string }>('restoreStart', { backupFile: out, dir: into });
    const rEnd = await ended(noArchive, r.jobId);
    expect(rEnd).toMatchObject({ kind: 'restore', state: 'done', error: null });
    const restored = rEnd.result as RestoreResultDto;
    expect(restored.dir).toBe(into);
    expect(restored.info.documents).toBe(1);
    expect(restored.check.ok).toBe(true);
    // Restore opens nothing: the session still has no archive.
    expect(noArchive.service.isOpen).toBe(false);

    // The restored archive records its restore, and its copy of the backup's own row is ended, so a
    // writable open (which marks every row still 'running' interrupted) finds nothing interrupted.
    const a = openArchive(into);
    try {
      const restoredRows = listJobRows(a.db);
      expect(restoredRows.find((x) => x.id === r.jobId)).toMatchObject({
        kind: 'restore',
        state: 'done',
        params: { backupFile: out, dir: into },
        actor: 'local',
        result: { dir: into, ok: true, problems: 0 },
        progress: { done: 2, total: 2 },
      });
      expect(restoredRows.find((x) => x.id === forced.jobId)).toMatchObject({
        kind: 'backup',
        state: 'done',
        result: { out, documents: 1, files: 1 },
      });
      expect(restoredRows.filter((x) => x.state === 'running' || x.state === 'interrupted')).toEqual([]);
    } finally {
      a.close();
    }

    // Never over an archive: the folder just restored is not empty.
    const over = await restore.call<{ jobId: string }>('restoreStart', { backupFile: out, dir: into });
    expect(await ended(noArchive, over.jobId)).toMatchObject({
      state: 'failed',
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('refuses a bundle that is not a backup, relative paths, and callers who are not admins', async () => {
    const junk = join(tmp.dir, 'rac.zip');
    writeFileSync(junk, 'không phải tệp zip');
    const empty = join(tmp.dir, 'trong');
    mkdirSync(empty);
    const j = await api.call<{ jobId: string }>('restoreStart', { backupFile: junk, dir: empty });
    expect((await ended(host, j.jobId)).error?.code).toBe('BACKUP_INVALID');
    expect(await api.refused('restoreStart', { backupFile: 'sao-luu.zip', dir: empty })).toBe(
      'PATH_NOT_ABSOLUTE',
    );
    expect(await api.refused('backupStart', { out: 'sao-luu.zip' })).toBe('PATH_NOT_ABSOLUTE');
    for (const [method, input] of [
      ['backupStart', { out: join(tmp.dir, 'b.zip') }],
      ['restoreStart', { backupFile: junk, dir: empty }],
    ] as const) {
      const r = await host.dispatch(method, input, reader);
      expect(r.ok ? null : r.error.code, method).toBe('FORBIDDEN');
    }
  });
});
