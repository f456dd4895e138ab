// Backup, restore and recovery of a whole archive as contract methods, for every caller (the menu,
// web mode, the CLI): what is refused is refused before the job; the jobs and where each records
// itself are in archive-jobs.ts. The safety rules stay in backup-archive.ts / restore-archive.ts: a
// restore writes only into an empty or missing folder, verifies every file and runs the full check.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HandlersOf } from '../../contract/api.js';
import type { BACKUP_API } from '../../contract/api/backup-api.js';
import { appError } from '../../contract/errors.js';
import { DB_FILE_NAME } from '../archive/archive.js';
import { archiveLooksHealthy } from '../archive/check-archive.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { absoluteFile } from './absolute-path.js';
import { startBackupJob, startRecoverJob, startRestoreJob } from './archive-jobs.js';
import type { AppSession } from './session.js';

const invalid = (detail: string): VanKhoError => new VanKhoError(appError('INVALID_INPUT', detail));

export function backupHandlers(s: AppSession): HandlersOf<typeof BACKUP_API> {
  return {
    backupStart: ({ out, overwrite }, ctx) => {
      const target = absoluteFile(out);
      // Where a host has dialogs, only into a folder the person chose there (as archiveOpen).
      s.approvedDir(dirname(target));
      return { jobId: startBackupJob(s.jobs, s.vankho, ctx, { out: target, overwrite: overwrite === true }) };
    },
    restoreStart: ({ backupFile, dir }, ctx) => ({
      jobId: startRestoreJob(s.jobs, ctx, { backupFile: absoluteFile(backupFile), dir: s.approvedDir(dir) }),
    }),
    archiveRecoverStart: ({ dir, out, force, timeoutSeconds }, ctx) => {
      // Said before the job: what is refused leaves every file as it was.
      const source = s.approvedDir(dir);
      if (!existsSync(source)) throw invalid(`${source}: no such folder`);
      const target = out === undefined ? null : s.approvedDir(out);
      if (target && existsSync(join(target, DB_FILE_NAME)))
        throw invalid(`--out ${target} already holds an archive; give an empty or new folder`);
      if (target === source) throw invalid('--out must be another folder than --archive');
      if (!target && force !== true && archiveLooksHealthy(source))
        throw invalid(
          'cơ sở dữ liệu của kho không hỏng; dùng --out <thư mục mới> để dựng bản mới, hoặc --force / ' +
            'the archive database is not damaged; use --out <new folder> to build a copy, or --force',
        );
      const jobId = startRecoverJob(s.jobs, ctx, {
        source,
        target,
        ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
      });
      return { jobId };
    },
  };
}
