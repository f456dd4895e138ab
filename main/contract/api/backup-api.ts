// Backup and restore of a whole archive, as jobs (progress: jobProgress events; end: jobFinished).
import { z } from 'zod';
import type { JobStarted } from '../dto.js';
import { def, returns, dirPath, filePath } from './define.js';

export const BACKUP_API = {
  /**
   * Backs the open archive up into one file (database snapshot + originals, checked), as a job
   * whose result is a BackupResultDto. Needs no write lock: it works beside another holder.
   * INVALID_INPUT when `out` exists and `overwrite` is not set.
   */
  backupStart: def(
    z.object({ out: filePath, overwrite: z.boolean().optional() }).strict(),
    returns<JobStarted>(),
  ),
  /**
   * Restores a backup file into an empty or missing folder (never over an archive), verifying every
   * file, and runs the full check there, as a job whose result is a RestoreResultDto. Needs no open
   * archive and opens none; BACKUP_INVALID for a file that is not a sound backup.
   */
  restoreStart: def(z.object({ backupFile: filePath, dir: dirPath }).strict(), returns<JobStarted>()),
  /**
   * Rebuilds the catalogue of an archive whose database was lost or damaged by importing every stored
   * original again, as a job whose result is a RecoverResultDto: in place (the damaged database kept
   * aside; refused while the database looks healthy unless `force`), or into a new folder `out`
   * (the damaged archive only read). Needs no open archive and opens none in the session.
   */
  archiveRecoverStart: def(
    z
      .object({
        dir: dirPath,
        out: dirPath.optional(),
        force: z.boolean().optional(),
        /** Text extraction time limit per file (default 60 s). */
        timeoutSeconds: z.number().positive().max(86_400).optional(),
      })
      .strict(),
    returns<JobStarted>(),
  ),
} as const;
