// The archive's recorded jobs as the contract shows them: this session's live jobs merged with the
// rows of the jobs table (interrupted ones among them), and which interrupted job can be resumed (the
// kinds the registry, core/jobs/job-kinds.ts, says can be).
import type { JobDto, JobKind } from '../../contract/dto.js';
import { appError } from '../../contract/errors.js';
import type { Actor } from '../../contract/request-context.js';
import { getJobRow, listJobRows, type JobRow } from '../archive/jobs-store.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { JOB_KINDS } from '../jobs/job-kinds.js';
import { notFound, type AppSession } from './session.js';

function rowDto(r: JobRow): JobDto {
  return {
    jobId: r.id,
    kind: r.kind as JobKind,
    state: r.state,
    startedAt: r.startedAt,
    progress: (r.progress ?? null) as JobDto['progress'],
    error: (r.error ?? null) as JobDto['error'],
    actor: r.actor,
    resumable:
      r.state === 'interrupted' &&
      r.resumedBy === null &&
      r.kind in JOB_KINDS &&
      JOB_KINDS[r.kind as JobKind].resumable,
  };
}

/** This session's jobs (live state) and the archive's recorded ones not among them, newest first. */
export function listJobs(s: AppSession): JobDto[] {
  const live = s.jobs.list();
  if (!s.isOpen) return live;
  const liveIds = new Set(live.map((j) => j.jobId));
  const rows = listJobRows(s.db);
  const actorOf = new Map(rows.map((r) => [r.id, r.actor]));
  const liveDtos = live.map((j) => {
    const actor = actorOf.get(j.jobId);
    return actor !== undefined ? { ...j, actor, resumable: false } : j;
  });
  const recorded = rows.filter((r) => !liveIds.has(r.id)).map(rowDto);
  return [...liveDtos, ...recorded].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/** The interrupted job's row, if it can be resumed (else NOT_FOUND / JOB_NOT_RESUMABLE). */
export function resumableJob(s: AppSession, jobId: string): JobRow {
  const row = getJobRow(s.db, jobId);
  if (!row) throw notFound(`job ${jobId}`);
  if (!rowDto(row).resumable)
    throw new VanKhoError(appError('JOB_NOT_RESUMABLE', `${row.kind} ${row.state}`));
  return row;
}

/**
 * Whether the caller may see or steer this job (cancel it, download its export): admins and the
 * local person any job, an account only the jobs it started (the jobs table records its actor id).
 */
export function ownsJob(s: AppSession, actor: Actor, jobId: string): boolean {
  if (actor.role === 'admin' || actor.kind === 'local') return true;
  return s.isOpen && getJobRow(s.db, jobId)?.actor === actor.id;
}

/** NOT_FOUND for another account's job, the same as one that never was: its id reveals nothing. */
export function requireOwnJob(s: AppSession, actor: Actor, jobId: string): void {
  if (!ownsJob(s, actor, jobId)) throw notFound(`job ${jobId}`);
}
