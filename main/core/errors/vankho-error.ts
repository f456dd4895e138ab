import type { AppError } from '../../contract/errors.js';

/** An exception that carries a contract error, so adapters can pass it on as data. */
export class VanKhoError extends Error {
  constructor(readonly appError: AppError) {
    super(`${appError.code}: ${appError.message.en}${appError.detail ? ` (${appError.detail})` : ''}`);
    this.name = 'VanKhoError';
  }
}
