// Turns anything thrown behind the boundary into a contract AppError through the one mapper
// (core/errors/to-vankho-error.ts); what it does not know becomes INTERNAL and is logged here
// (details never cross the boundary).
import type { AppError } from '../../contract/errors.js';
import { knownAppError, toContractError } from './to-vankho-error.js';

export type ErrorLogger = (message: string, error: unknown) => void;

const defaultLogger: ErrorLogger = (message, error) => console.error(message, error);

export function toAppError(e: unknown, log: ErrorLogger = defaultLogger): AppError {
  if (knownAppError(e) === null) log('VanKho: unexpected error', e);
  return toContractError(e);
}
