// Long-running jobs of every kind (core/jobs/job-kinds.ts): one AbortController per job id, progress
// (the one jobProgress event) and the end reported as contract events, and a way for shutdown to cancel and wait for jobs in flight.
import { randomBytes } from 'node:crypto';
import type {
  BackupResultDto,
  BundleImportResultDto,
  ExportResultDto,
  ImportReportDto,
  JobDto,
  JobKind,
  OcrResultDto,
  ReextractResultDto,
  RestoreResultDto,
} from '../contract/dto.js';
import { appError, type AppError } from '../contract/errors.js';
import type { EventSink, JobContext, JobOutcome, JobRunner } from '../core/app/ports.js';
import { cancelledError, isCancellation } from '../core/jobs/cancellation.js';
import { jobProgressEvent } from '../core/jobs/job-kinds.js';
import { toAppError } from '../core/errors/to-app-error.js';
import { VanKhoError } from '../core/errors/vankho-error.js';

interface JobEntry {
  dto: JobDto;
  controller: AbortController;
  done: Promise<void>;
  /** Result kept after the end, e.g. for the web download of an export. */
  result: unknown;
  /** The account that started it (server mode); undefined for the person at this machine. */
  owner: string | undefined;
}

/**
 * Running jobs at most: each holds a worker thread, file handles and the archive's one writer in
 * turn, so an office server with dozens of accounts must not let them pile up. A job beyond a bound
 * is refused (TOO_MANY_JOBS) rather than queued, so nobody waits on a job that silently never starts.
 */
export interface JobLimits {
  running: number;
  runningPerOwner: number;
}
export const DEFAULT_JOB_LIMITS: JobLimits = Object.freeze({ running: 8, runningPerOwner: 3 });

/** Finished jobs kept for jobsList / downloads. */
const KEEP_FINISHED = 50;

export class JobRegistry implements JobRunner {
  private readonly jobs = new Map<string, JobEntry>();

  constructor(
    private readonly events: EventSink,
    private readonly limits: JobLimits = DEFAULT_JOB_LIMITS,
  ) {}

  start<K extends JobKind>(
    kind: K,
    run: (ctx: JobContext<K>) => Promise<JobOutcome<K>>,
    owner?: string,
  ): string {
    const running = [...this.jobs.values()].filter((e) => e.dto.state === 'running');
    if (running.length >= this.limits.running)
      throw new VanKhoError(appError('TOO_MANY_JOBS', `${running.length} running`));
    const own = owner === undefined ? 0 : running.filter((e) => e.owner === owner).length;
    if (own >= this.limits.runningPerOwner)
      throw new VanKhoError(appError('TOO_MANY_JOBS', `${own} running for this account`));
    const jobId = `${kind}-${randomBytes(9).toString('base64url')}`;
    const controller = new AbortController();
    const dto: JobDto = {
      jobId,
      kind,
      state: 'running',
      startedAt: new Date().toISOString(),
      progress: null,
      error: null,
    };
    const entry: JobEntry = { dto, controller, done: Promise.resolve(), result: null, owner };
    this.jobs.set(jobId, entry);
    const ctx: JobContext<K> = {
      jobId,
      signal: controller.signal,
      progress: (p) => {
        dto.progress = p;
        this.events.emit(jobProgressEvent(kind, jobId, p));
      },
    };
    // Start on the next tick so the caller has the job id before the first progress event.
    entry.done = new Promise<void>((r) => setImmediate(r))
      .then(() => {
        // Cancelled before it started: never run it (its abort listener would never fire).
        if (controller.signal.aborted) throw cancelledError('before start');
        return run(ctx);
      })
      .then(
        (outcome) => {
          entry.result = outcome.result;
          const cancelled = outcome.cancelled === true || controller.signal.aborted;
          this.finish(entry, cancelled ? 'cancelled' : 'done', outcome.result, null);
        },
        (e: unknown) => {
          const cancelled = controller.signal.aborted || isCancellation(e);
          const error: AppError = toAppError(e);
          this.finish(entry, cancelled ? 'cancelled' : 'failed', null, cancelled ? null : error);
        },
      );
    return jobId;
  }

  cancel(jobId: string, kind?: JobKind): boolean {
    const entry = this.jobs.get(jobId);
    if (!entry || entry.dto.state !== 'running' || (kind && entry.dto.kind !== kind)) return false;
    entry.controller.abort();
    return true;
  }

  list(): JobDto[] {
    return [...this.jobs.values()].map((e) => ({ ...e.dto }));
  }

  get(jobId: string): { dto: JobDto; result: unknown } | null {
    const e = this.jobs.get(jobId);
    return e ? { dto: { ...e.dto }, result: e.result } : null;
  }

  /** Resolves when the job has ended (resolves at once for an unknown id). */
  async wait(jobId: string): Promise<JobDto | null> {
    const e = this.jobs.get(jobId);
    if (!e) return null;
    await e.done;
    return { ...e.dto };
  }

  isRunning(kind?: JobKind): boolean {
    return [...this.jobs.values()].some((e) => e.dto.state === 'running' && (!kind || e.dto.kind === kind));
  }

  /** Cancels every running job and waits for all of them to end (shutdown, archive switch). */
  async cancelAll(): Promise<void> {
    for (const e of this.jobs.values()) if (e.dto.state === 'running') e.controller.abort();
    await Promise.all([...this.jobs.values()].map((e) => e.done));
  }

  private finish(
    entry: JobEntry,
    state: 'done' | 'cancelled' | 'failed',
    result: unknown,
    error: AppError | null,
  ): void {
    entry.dto.state = state;
    entry.dto.error = error;
    this.events.emit({
      type: 'jobFinished',
      jobId: entry.dto.jobId,
      kind: entry.dto.kind,
      state,
      result: (result ?? null) as
        | ImportReportDto
        | ExportResultDto
        | BundleImportResultDto
        | ReextractResultDto
        | OcrResultDto
        | BackupResultDto
        | RestoreResultDto
        | null,
      error,
    });
    this.prune();
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((e) => e.dto.state !== 'running');
    for (const e of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)))
      this.jobs.delete(e.dto.jobId);
  }
}
