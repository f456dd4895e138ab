// Job requests common to every kind of long work.
import type { JobDto } from '../dto.js';
import { def, returns, empty } from './define.js';

export const JOBS_API = {
  jobsList: def(empty, returns<JobDto[]>()),
} as const;
