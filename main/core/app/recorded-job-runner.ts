// Starts a job through the host's runner and records it in the open archive (the jobs table): a
// row when it starts, its progress at most every PROGRESS_EVERY_MS, its end state when it ends —
// written by the job itself while the archive is still open. A row left 'running' by a process
// that died is marked 'interrupted' at the next writable open (core/archive/jobs-store.ts).
import type { JobKind } from '../../contract/dto.js';
import type { RequestContext } from '../../contract/request-context.js';
import {
  finishJobRow,
  insertJobRow,
  markJobResumed,
  recordJobItem,
  recordJobProgress,
} from '../archive/jobs-store.js';
import { appendAuditRows } from '../accounts/audit-store.js';
import type { Archive } from '../archive/archive.js';
import type { Db } from '../archive/database.js';
import { knownAppError, toContractError } from '../errors/to-vankho-error.js';
import { isCancellation } from '../jobs/cancellation.js';
import type { VanKho } from '../open-vankho.js';
import { jobAuditEntries } from './method-audit.js';
import type { JobContext, JobOutcome, JobRunner, JobTypes } from './ports.js';

const PROGRESS_EVERY_MS = 1_000;

/** What a recorded job's run gets besides the usual job context. */
export interface RecordedJobContext<K extends JobKind> extends JobContext<K> {
  /** Marks one unit (a document id) finished, so a resume skips it. */
  itemDone(item: number): void;
  /** Whether the job has its row (false in an archive opened read-only, or once a write failed). */
  recorded(): boolean;
}

export interface RecordedJobSpec<K extends JobKind> {
  kind: K;
  /** JSON-safe: what a resume needs to do the same job again. */
  params: unknown;
  ctx: RequestContext;
  /** The interrupted job this one takes up. */
  resumes?: string;
  /** What of its result the row keeps (default: the result without its lists). */
  summary?: (result: JobTypes[K]['result']) => unknown;
}

/** A summary worth keeping in the row (counts, names), never a whole per-document report. */
function summaryOf(result: unknown): unknown {
  if (result === null || typeof result !== 'object') return result ?? null;
  return Object.fromEntries(Object.entries(result).filter(([, v]) => !Array.isArray(v)));
}

/** Starts the job on `jobs` and records it in `vankho`'s archive. */
export function startRecordedJob<K extends JobKind>(
  jobs: JobRunner,
  vankho: VanKho,
  spec: RecordedJobSpec<K>,
  run: (jobCtx: RecordedJobContext<K>, vankho: VanKho) => Promise<JobOutcome<K>>,
): string {
  // An account's jobs count against its own bound too; the person at this machine has only the overall one.
  const owner = spec.ctx.actor.kind === 'account' ? spec.ctx.actor.id : undefined;
  return jobs.start(
    spec.kind,
    (jobCtx) => recordJobRun(vankho.archive, jobCtx, spec, (recorded) => run(recorded, vankho)),
    owner,
  );
}

/**
 * Runs one job's work recorded in `archive`: for the jobs whose archive exists only once the job is
 * under way (a recovery builds it, a restore puts it in place), called from inside the job's run.
 */
export async function recordJobRun<K extends JobKind>(
  archive: Archive,
  jobCtx: JobContext<K>,
  spec: RecordedJobSpec<K>,
  run: (jobCtx: RecordedJobContext<K>) => Promise<JobOutcome<K>>,
): Promise<JobOutcome<K>> {
  // The record serves the job, never the other way round: when it cannot be written (a full disk,
  // a damaged database that still allows an export) the job runs unrecorded — as, without a
  // word, one of an archive opened read-only beside its holder (an export while the app runs).
  let recording = !archive.readonly;
  const record = (write: (db: Db) => void): void => {
    if (!recording) return;
    try {
      archive.write(write);
    } catch (e) {
      recording = false;
      console.error('VanKho: job record not written', knownAppError(e)?.code ?? e);
    }
  };
  record((db) => {
    insertJobRow(db, {
      id: jobCtx.jobId,
      kind: spec.kind,
      params: spec.params,
      actor: spec.ctx.actor.id,
    });
    if (spec.resumes) markJobResumed(db, spec.resumes, jobCtx.jobId);
  });
  let lastWrite = 0;
  let latest: unknown = null;
  const recorded: RecordedJobContext<K> = {
    jobId: jobCtx.jobId,
    signal: jobCtx.signal,
    recorded: () => recording,
    progress: (p) => {
      jobCtx.progress(p);
      latest = p;
      const t = Date.now();
      if (t - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = t;
      record((db) => recordJobProgress(db, jobCtx.jobId, p));
    },
    // A finished unit is worth a write anyway: the progress the row shows goes with it.
    itemDone: (item) =>
      record((db) => {
        recordJobItem(db, jobCtx.jobId, item);
        if (latest !== null) recordJobProgress(db, jobCtx.jobId, latest);
      }),
  };
  try {
    const outcome = await run(recorded);
    const cancelled = outcome.cancelled === true || jobCtx.signal.aborted;
    // Its audit rows (the documents it filed or exported) go in the transaction of its end, with
    // the last progress (a write throttled away would leave the row short of the end).
    record((db) => {
      if (latest !== null) recordJobProgress(db, jobCtx.jobId, latest);
      finishJobRow(db, jobCtx.jobId, {
        state: cancelled ? 'cancelled' : 'done',
        result: (spec.summary ?? summaryOf)(outcome.result),
      });
      appendAuditRows(db, jobAuditEntries(spec.kind, jobCtx.jobId, spec.ctx, { ...outcome, cancelled }));
    });
    return outcome;
  } catch (e) {
    const cancelled = jobCtx.signal.aborted || isCancellation(e);
    // Unwritable now, the row stays 'running' and becomes 'interrupted' at the next open.
    record((db) =>
      finishJobRow(
        db,
        jobCtx.jobId,
        cancelled ? { state: 'cancelled' } : { state: 'failed', error: toContractError(e) },
      ),
    );
    throw e;
  }
}
