// Backup and restore of a whole archive as jobs of the session's runner, for every caller (the menu,
// web mode, the CLI). Neither is recorded in the jobs table: a backup's own row would be copied into
// its snapshot as 'running' (every restored archive would list it as interrupted), and a restore has
// no archive until it ends. The safety rules stay in backup-archive.ts / restore-archive.ts: a restore
// writes only into an empty or missing folder, verifies every file and runs the full check.
import { dirname, isAbsolute } from 'node:path';
import type { HandlersOf } from '../../contract/api.js';
import type { BACKUP_API } from '../../contract/api/backup-api.js';
import { appError } from '../../contract/errors.js';
import type { RequestContext } from '../../contract/request-context.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { backupArchive } from '../export/backup-archive.js';
import { restoreArchive } from '../export/restore-archive.js';
import type { AppSession } from './session.js';

/** A file path the caller typed: absolute only (a relative one would resolve against the host's folder). */
export function absoluteFile(path: string): string {
  if (!isAbsolute(path)) throw new VanKhoError(appError('PATH_NOT_ABSOLUTE', path));
  return path;
}

const ownerOf = (ctx: RequestContext): string | undefined =>
  ctx.actor.kind === 'account' ? ctx.actor.id : undefined;

export function backupHandlers(s: AppSession): HandlersOf<typeof BACKUP_API> {
  return {
    backupStart: ({ out, overwrite }, ctx) => {
      const target = absoluteFile(out);
      // Where a host has dialogs, only into a folder the person chose there (as archiveOpen).
      s.approvedDir(dirname(target));
      const dir = s.vankho.archive.dir;
      const jobId = s.jobs.start(
        'backup',
        async (job) => ({
          result: await backupArchive(dir, target, {
            overwrite: overwrite === true,
            signal: job.signal,
            onProgress: (p) => job.progress(p),
          }),
        }),
        ownerOf(ctx),
      );
      return { jobId };
    },
    restoreStart: ({ backupFile, dir }, ctx) => {
      const file = absoluteFile(backupFile);
      const into = s.approvedDir(dir);
      const jobId = s.jobs.start(
        'restore',
        async (job) => ({
          result: await restoreArchive(file, into, {
            signal: job.signal,
            onProgress: (p) => job.progress(p),
          }),
        }),
        ownerOf(ctx),
      );
      return { jobId };
    },
  };
}
