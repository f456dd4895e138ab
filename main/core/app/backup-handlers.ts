// Backup, restore and recovery of a whole archive as jobs of the session's runner, for every caller
// (the menu, web mode, the CLI). None is recorded in the jobs table: a backup's own row would be
// copied into its snapshot as 'running' (every restored archive would list it as interrupted), a
// restore has no archive until it ends, and a recovery rebuilds the very database it would go in.
// The safety rules stay in backup-archive.ts / restore-archive.ts: a restore
// writes only into an empty or missing folder, verifies every file and runs the full check.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HandlersOf } from '../../contract/api.js';
import type { BACKUP_API } from '../../contract/api/backup-api.js';
import { appError } from '../../contract/errors.js';
import type { RequestContext } from '../../contract/request-context.js';
import { DB_FILE_NAME } from '../archive/archive.js';
import { archiveLooksHealthy } from '../archive/check-archive.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { backupArchive } from '../export/backup-archive.js';
import { restoreArchive } from '../export/restore-archive.js';
import { recoverArchive } from '../ingest/recover-archive.js';
import { openVanKho } from '../open-vankho.js';
import { importProgressDto, importReportDto } from './dto-mappers.js';
import { absoluteFile } from './absolute-path.js';
import type { AppSession } from './session.js';

const invalid = (detail: string): VanKhoError => new VanKhoError(appError('INVALID_INPUT', detail));

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
      const jobId = s.jobs.start(
        'recover',
        async (job) => {
          const vk = target ? openVanKho(target, { create: true }) : openVanKho(source, { recover: true });
          try {
            const keptAs = target ? null : vk.archive.damagedDbKeptAs;
            const report = await recoverArchive(vk.archive, source, {
              signal: job.signal,
              ...(timeoutSeconds !== undefined
                ? { extractionTimeoutMs: Math.round(timeoutSeconds * 1000) }
                : {}),
              damagedDb: target ? join(source, DB_FILE_NAME) : keptAs,
              onProgress: (p) => job.progress(importProgressDto(p)),
            });
            return {
              result: {
                // The caller named the folder: its files' paths are its to see, as importPathsStart's.
                ...importReportDto(report, new Set(), () => [], true),
                archive: target ?? source,
                damagedDbKeptAs: keptAs,
                originalsFound: report.originalsFound,
                namesRecovered: report.namesRecovered,
              },
              cancelled: report.cancelled,
            };
          } finally {
            vk.close();
          }
        },
        ownerOf(ctx),
      );
      return { jobId };
    },
  };
}
