import { appError } from '../../contract/errors.js';
import { VanKhoError } from '../errors/vankho-error.js';

/** The error long operations end with when their AbortSignal fires. */
export function cancelledError(detail?: string): VanKhoError {
  return new VanKhoError(appError('CANCELLED', detail));
}

/** True for our CANCELLED error and for the AbortError Node streams throw on an aborted signal. */
export function isCancellation(e: unknown): boolean {
  if (e instanceof VanKhoError) return e.appError.code === 'CANCELLED';
  return (e as { name?: string } | null)?.name === 'AbortError';
}
