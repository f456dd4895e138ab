// The CLI as a caller of the one API: a command runs the composition root in-process on the
// archive of --archive and calls the same contract handlers as the desktop app and web mode
// (validated by the same dispatcher, as the local actor), so behaviour and errors cannot drift
// between interfaces. Long work runs as the same jobs, recorded in the archive; Ctrl+C cancels it.
import type { Command } from 'commander';
import type { ApiInput, ApiMethod, ApiOutput } from '../contract/api.js';
import { appError } from '../contract/errors.js';
import type { JobFinishedEvent } from '../contract/events.js';
import { VanKhoError } from '../core/errors/vankho-error.js';
import { adminChannelOf } from '../host/admin-channel.js';
import { startAppHost, type AppHost } from '../index.js';
import { archiveDirOf, CliExit, reportSweep } from './cli-context.js';
import { EXIT, type ExitCode } from './exit-codes.js';

export interface CliApp {
  /** Calls a contract method; an error answer is thrown as a VanKhoError (mapped to an exit code). */
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  /**
   * Waits for a job's end, passing its progress events on; Ctrl+C cancels the job (jobCancel) and
   * the wait then ends with its 'cancelled' event.
   */
  waitJob(jobId: string, opts: { onProgress?: (progress: unknown) => void }): Promise<JobFinishedEvent>;
  /** Where a finished export job of this run left its file (the session's export area, as web mode's download). */
  exportedFile(jobId: string): string;
}

/**
 * `readonly: true`: the command only reads, so it works while the app or web mode holds the archive.
 * `'when-held'`: opened for writing when nobody holds it (so the open's own upkeep runs — e.g. jobs left
 * by a killed process become 'interrupted'), else read-only beside the holder.
 * `create: true`: a missing archive is created (commands that add content).
 * `noArchive: true`: the session opens no archive (restore makes one; --archive plays no part).
 * `viaServer: true`: when a running `vankho serve` holds the archive, the calls go to it over its
 * local admin channel (main/host/admin-channel.ts) instead of failing with ARCHIVE_LOCKED; for
 * account, unit and grant commands, which wait for no job.
 */
export async function withApp(
  cmd: Command,
  fn: (app: CliApp) => Promise<ExitCode>,
  opts: { readonly?: boolean | 'when-held'; noArchive?: boolean; create?: boolean; viaServer?: boolean } = {},
): Promise<void> {
  if (!opts.viaServer) return withHost(cmd, fn, opts);
  try {
    return await withHost(cmd, fn, opts);
  } catch (e) {
    if (!(e instanceof VanKhoError && e.appError.code === 'ARCHIVE_LOCKED')) throw e;
    const server = adminChannelOf(archiveDirOf(cmd));
    if (!server) throw e;
    const call = async <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> => {
      const r = await server(method, input);
      if (!r.ok) throw new VanKhoError(r.error);
      return r.value as ApiOutput<M>;
    };
    const noJobs = (): never => {
      throw new VanKhoError(appError('UNSUPPORTED', 'jobs through the admin channel'));
    };
    const code = await fn({ call, waitJob: noJobs, exportedFile: noJobs });
    if (code !== EXIT.OK) throw new CliExit(code);
  }
}

async function withHost(
  cmd: Command,
  fn: (app: CliApp) => Promise<ExitCode>,
  opts: { readonly?: boolean | 'when-held'; noArchive?: boolean; create?: boolean },
): Promise<void> {
  const start = (forReading: boolean, create = false): Promise<AppHost> =>
    startAppHost({
      ...(create ? { create: true } : {}),
      host: 'cli',
      ...(opts.noArchive ? {} : { archiveDir: archiveDirOf(cmd) }),
      recentFile: null,
      forReading,
    });
  let host: AppHost;
  if (opts.noArchive) host = await start(false);
  else if (opts.create) {
    // Opened when it exists (a create is refused in a folder that holds one), made when it does not.
    try {
      host = await start(false);
    } catch (e) {
      if (!(e instanceof VanKhoError && e.appError.code === 'ARCHIVE_NOT_FOUND')) throw e;
      host = await start(false, true);
    }
  } else if (opts.readonly === 'when-held') {
    try {
      host = await start(false);
    } catch (e) {
      if (!(e instanceof VanKhoError && e.appError.code === 'ARCHIVE_LOCKED')) throw e;
      host = await start(true);
    }
  } else host = await start(opts.readonly ?? false);
  try {
    if (host.service.isOpen) reportSweep(cmd, host.service.vankho.archive);
    const call = async <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> => {
      const r = await host.dispatch(method, input);
      if (!r.ok) throw new VanKhoError(r.error);
      return r.value as ApiOutput<M>;
    };
    const app: CliApp = {
      call,
      waitJob: (jobId, opts) =>
        new Promise<JobFinishedEvent>((resolve) => {
          const onSigint = (): void => void host.dispatch('jobCancel', { jobId });
          process.on('SIGINT', onSigint);
          const off = host.events.subscribe((e) => {
            if ('jobId' in e && e.jobId !== jobId) return;
            if (e.type === 'jobFinished') {
              off();
              process.removeListener('SIGINT', onSigint);
              resolve(e);
            } else if ('progress' in e) opts.onProgress?.(e.progress);
          });
        }),
      exportedFile: (jobId) => host.service.exportFile(jobId).path,
    };
    const code = await fn(app);
    if (code !== EXIT.OK) throw new CliExit(code);
  } finally {
    await host.stop();
  }
}
