// Job requests common to every kind of long work.
import { z } from 'zod';
import type { JobDto, JobStarted } from '../dto.js';
import { def, returns, empty, jobId } from './define.js';

export const JOBS_API = {
  /** This session's jobs, then the archive's recorded ones (interrupted jobs among them), newest first. */
  jobsList: def(empty, returns<JobDto[]>()),
  /**
   * Takes up an interrupted job (JobDto.resumable) as a new job of the same kind that skips what the
   * old one finished: NOT_FOUND for an unknown id, JOB_NOT_RESUMABLE when it cannot be resumed.
   */
  jobResume: def(z.object({ jobId }).strict(), returns<JobStarted>()),
  /** Cancels a running job of any kind (what is finished stays); false when it is not running. */
  jobCancel: def(z.object({ jobId }).strict(), returns<{ cancelled: boolean }>()),
} as const;
