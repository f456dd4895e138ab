// Jobs common to every kind of long work: the list the UI shows.
import type { HandlersOf } from '../../contract/api.js';
import type { JOBS_API } from '../../contract/api/jobs-api.js';
import type { AppSession } from './session.js';

export function jobsHandlers(s: AppSession): HandlersOf<typeof JOBS_API> {
  return {
    jobsList: () => s.jobs.list(),
  };
}
