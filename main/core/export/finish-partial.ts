// The one way an export, catalogue or searchable copy becomes its target file: written into its
// partial file beside the target (see temp-owner.ts), fsynced, renamed over the name only when whole,
// the folder fsynced; on any error or cancel the partial is removed and nothing is at the name.
import { renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { appError } from '../../contract/errors.js';
import { fsyncDirectory, fsyncFile } from '../archive/durable-file.js';
import type { PartialFile } from '../archive/temp-owner.js';
import { isDiskFull } from '../errors/to-vankho-error.js';
import { VanKhoError } from '../errors/vankho-error.js';

/** Runs `write` (which fills `partial.path`), then puts the file at `out`; `write`'s answer. */
export async function finishPartial<T>(
  partial: PartialFile,
  out: string,
  signal: AbortSignal | undefined,
  write: () => Promise<T>,
): Promise<T> {
  try {
    const result = await write();
    fsyncFile(partial.path);
    if (signal?.aborted) throw new VanKhoError(appError('CANCELLED'));
    renameSync(partial.path, out);
    fsyncDirectory(dirname(out));
    return result;
  } catch (e) {
    rmSync(partial.path, { force: true });
    // stream.pipeline's own abort error (a cancelled catalogue).
    if ((e as Error).name === 'AbortError') throw new VanKhoError(appError('CANCELLED'));
    if (isDiskFull(e)) throw new VanKhoError(appError('DISK_FULL', out));
    throw e;
  } finally {
    partial.done();
  }
}
