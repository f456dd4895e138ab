// A job's end as a command needs it: its result when done, else the error it ended with (a
// cancelled job as CANCELLED), thrown so the command exits with that error's code and message.
import { appError } from '../contract/errors.js';
import type { JobFinishedEvent } from '../contract/events.js';
import { VanKhoError } from '../core/errors/vankho-error.js';

export function jobOutcome<T>(end: JobFinishedEvent): T {
  if (end.error) throw new VanKhoError(end.error);
  if (end.state !== 'done' || end.result === null) throw new VanKhoError(appError('CANCELLED'));
  return end.result as T;
}
