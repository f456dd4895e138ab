import { isAbsolute } from 'node:path';
import { appError } from '../../contract/errors.js';
import { VanKhoError } from '../errors/vankho-error.js';

/** A path the caller typed: absolute only (a relative one would resolve against the host's folder). */
export function absoluteFile(path: string): string {
  if (!isAbsolute(path)) throw new VanKhoError(appError('PATH_NOT_ABSOLUTE', path));
  return path;
}
