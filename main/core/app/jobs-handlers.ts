// Jobs common to every kind of long work: the list (this session's and the archive's recorded
// ones) and resuming an interrupted job through its kind's own starter.
import { appError } from '../../contract/errors.js';
import type { HandlersOf } from '../../contract/api.js';
import type { JOBS_API } from '../../contract/api/jobs-api.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { resumeRecoverJob, type RecoverParams } from './archive-jobs.js';
import { startReextract, type ReextractParams } from './documents-handlers.js';
import { listJobs, ownsJob, requireOwnJob, resumableJob } from './recorded-jobs.js';
import { startReindex } from './search-handlers.js';
import type { AppSession, OcrParams } from './session.js';

export function jobsHandlers(s: AppSession): HandlersOf<typeof JOBS_API> {
  return {
    jobsList: (_input, ctx) => listJobs(s).filter((j) => ownsJob(s, ctx.actor, j.jobId)),
    jobCancel: ({ jobId }, ctx) => {
      requireOwnJob(s, ctx.actor, jobId);
      return { cancelled: s.jobs.cancel(jobId) };
    },
    jobResume: ({ jobId }, ctx) => {
      const row = resumableJob(s, jobId);
      switch (row.kind) {
        case 'reextract':
          return { jobId: startReextract(s, ctx, row.params as ReextractParams, row.id) };
        case 'ocr':
          return { jobId: s.startOcr(ctx, row.params as OcrParams, row.id) };
        case 'reindex':
          return { jobId: startReindex(s, ctx, row.id) };
        case 'recover':
          return { jobId: resumeRecoverJob(s.jobs, s.vankho, ctx, row.params as RecoverParams, row.id) };
        default:
          throw new VanKhoError(appError('JOB_NOT_RESUMABLE', row.kind));
      }
    },
  };
}
