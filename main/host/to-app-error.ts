// Turns anything thrown behind the boundary into a contract AppError: known errors keep their code,
// everything else becomes INTERNAL and is logged here (details never cross the boundary).
import { appError, type AppError } from '../contract/errors.js';
import { VanKhoError } from '../core/archive/vankho-error.js';
import { isCancellation } from '../core/jobs/cancellation.js';

export type ErrorLogger = (message: string, error: unknown) => void;

const defaultLogger: ErrorLogger = (message, error) => console.error(message, error);

export function toAppError(e: unknown, log: ErrorLogger = defaultLogger): AppError {
  if (e instanceof VanKhoError) return e.appError;
  if (isCancellation(e)) return appError('CANCELLED');
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC') return appError('DISK_FULL');
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return appError('ARCHIVE_CORRUPT');
  log('VanKho: unexpected error', e);
  return appError('INTERNAL');
}
