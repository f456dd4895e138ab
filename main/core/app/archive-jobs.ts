// Backup, restore and recovery of a whole archive as recorded jobs, each with its row in the archive
// it concerns (the jobs table, listed by jobsList / `vankho jobs`):
// - backup: in the archive backed up, like any job. Its copy holds the row too, ended there as 'done'
//   (backup-archive.ts), so a restored archive does not list the backup that made it as interrupted.
//   Killed, it is interrupted and not resumable: a backup is written whole again.
// - restore: in the restored archive, written the moment its database is in place (before, the folder
//   is no archive; a failed restore empties it again), then ended after the full check. Killed before
//   that, it leaves no row anywhere; killed during the check, the restored archive lists it as
//   interrupted, not resumable (restore again into an empty folder, or run `vankho check`).
// - recovery: in the archive it builds (the new folder, or the rebuilt one in place), from its start.
//   Killed, it is interrupted and resumable: the originals filed already are duplicates the import
//   skips, so a resume files only the rest.
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { RestoreProgressDto } from '../../contract/dto.js';
import { appError } from '../../contract/errors.js';
import type { RequestContext } from '../../contract/request-context.js';
import { DB_FILE_NAME } from '../archive/archive.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { backupArchive } from '../export/backup-archive.js';
import { restoreArchive, type RestoreReport } from '../export/restore-archive.js';
import { recoverArchive } from '../ingest/recover-archive.js';
import { openVanKho, type VanKho } from '../open-vankho.js';
import { importProgressDto, importReportDto } from './dto-mappers.js';
import type { JobOutcome, JobRunner } from './ports.js';
import { recordJobRun, startRecordedJob, type RecordedJobContext } from './recorded-job-runner.js';

const ownerOf = (ctx: RequestContext): string | undefined =>
  ctx.actor.kind === 'account' ? ctx.actor.id : undefined;

/** Backs up `vankho`'s archive into `out`, recorded in that archive. */
export function startBackupJob(
  jobs: JobRunner,
  vankho: VanKho,
  ctx: RequestContext,
  { out, overwrite }: { out: string; overwrite: boolean },
): string {
  return startRecordedJob(
    jobs,
    vankho,
    { kind: 'backup', params: { out, overwrite }, ctx },
    async (job, vk) => ({
      result: await backupArchive(vk.archive.dir, out, {
        overwrite,
        signal: job.signal,
        onProgress: (p) => job.progress(p),
        ...(job.recorded() ? { jobId: job.jobId } : {}),
      }),
    }),
  );
}

/** Restores `backupFile` into the empty folder `dir`, recorded in the restored archive. */
export function startRestoreJob(
  jobs: JobRunner,
  ctx: RequestContext,
  { backupFile, dir }: { backupFile: string; dir: string },
): string {
  return jobs.start(
    'restore',
    async (job) => {
      let last: RestoreProgressDto | null = null;
      const result = await restoreArchive(backupFile, dir, {
        signal: job.signal,
        onProgress: (p) => {
          last = p;
          job.progress(p);
        },
        around: async (archive, finish) => {
          const spec = {
            kind: 'restore' as const,
            params: { backupFile, dir },
            ctx,
            // The check's problems stay in the job's result; the row keeps the verdict.
            summary: (r: { check: { ok: boolean; problems: unknown[] } }) => ({
              dir,
              ok: r.check.ok,
              problems: r.check.problems.length,
            }),
          };
          let report: RestoreReport | null = null;
          await recordJobRun(archive, job, spec, async (rec) => {
            if (last) rec.progress(last);
            report = await finish();
            return { result: report };
          });
          return report!;
        },
      });
      return { result };
    },
    ownerOf(ctx),
  );
}

/** What a recovery's row keeps: enough to take it up again in the archive it was building. */
export interface RecoverParams {
  /** The archive whose originals are filed again. */
  source: string;
  /** The new archive (--out), or null in place. */
  target: string | null;
  /** The damaged database the original names are read from (kept aside in place). */
  damagedDb: string | null;
  timeoutSeconds?: number;
}

/** Recovers `source` into `target` (or in place), recorded in the archive it builds. */
export function startRecoverJob(
  jobs: JobRunner,
  ctx: RequestContext,
  p: Omit<RecoverParams, 'damagedDb'>,
): string {
  return jobs.start(
    'recover',
    async (job) => {
      const vk = p.target ? openVanKho(p.target, { create: true }) : openVanKho(p.source, { recover: true });
      try {
        const params: RecoverParams = {
          ...p,
          damagedDb: p.target ? join(p.source, DB_FILE_NAME) : vk.archive.damagedDbKeptAs,
        };
        return await recordJobRun(vk.archive, job, { kind: 'recover', params, ctx }, (rec) =>
          recoverInto(vk, params, rec),
        );
      } finally {
        vk.close();
      }
    },
    ownerOf(ctx),
  );
}

/**
 * Takes up an interrupted recovery in the archive it was building (`vankho` holds its row). In place,
 * that archive is its own source, wherever it has moved since.
 */
export function resumeRecoverJob(
  jobs: JobRunner,
  vankho: VanKho,
  ctx: RequestContext,
  recorded: RecoverParams,
  resumes: string,
): string {
  const dir = vankho.archive.dir;
  const params: RecoverParams =
    recorded.target === null
      ? {
          ...recorded,
          source: dir,
          damagedDb: recorded.damagedDb === null ? null : join(dir, basename(recorded.damagedDb)),
        }
      : { ...recorded, target: dir };
  if (!existsSync(params.source))
    throw new VanKhoError(appError('INVALID_INPUT', `${params.source}: no such folder`));
  return startRecordedJob(jobs, vankho, { kind: 'recover', params, ctx, resumes }, (job, vk) =>
    recoverInto(vk, params, job),
  );
}

async function recoverInto(
  vk: VanKho,
  p: RecoverParams,
  job: RecordedJobContext<'recover'>,
): Promise<JobOutcome<'recover'>> {
  const damagedDb = p.damagedDb !== null && existsSync(p.damagedDb) ? p.damagedDb : null;
  const report = await recoverArchive(vk.archive, p.source, {
    signal: job.signal,
    ...(p.timeoutSeconds !== undefined ? { extractionTimeoutMs: Math.round(p.timeoutSeconds * 1000) } : {}),
    damagedDb,
    onProgress: (q) => job.progress(importProgressDto(q)),
  });
  return {
    result: {
      // The caller named the folder: its files' paths are its to see, as importPathsStart's.
      ...importReportDto(report, new Set(), () => [], true),
      archive: p.target ?? p.source,
      damagedDbKeptAs: p.target ? null : p.damagedDb,
      originalsFound: report.originalsFound,
      namesRecovered: report.namesRecovered,
    },
    cancelled: report.cancelled,
  };
}
