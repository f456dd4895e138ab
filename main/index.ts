// Composition root: builds the services in order (events → jobs → uploads → recent list → session →
// handlers → dispatch) and stops them in reverse; nothing else. The desktop app and web mode run it inside the
// host worker (main/host/host-worker.ts, started by host-client.ts) so SQLite and search stay off
// their event loops; tests may run it in-process.
import { createDispatch, type Dispatch } from './core/app/dispatch.js';
import { EventBus } from './host/event-bus.js';
import { JobRegistry } from './host/job-registry.js';
import { RecentArchives } from './host/recent-archives.js';
import { tmpdir } from 'node:os';
import { UPLOADS_DIR_PREFIX, UploadStore, type AccountUploadLimits } from './host/upload-store.js';
import { createApiHandlers } from './core/app/api-handlers.js';
import { AppSession, EXPORTS_DIR_PREFIX, type HostDialogs } from './core/app/session.js';
import { sweepStaleTempDirs } from './core/archive/temp-owner.js';
import { appVersion } from './core/export/app-version.js';
import type { OcrPathOptions } from './core/ocr/ocr-paths.js';

export interface AppHostOptions {
  host: 'electron' | 'web' | 'cli';
  dialogs?: HostDialogs | null;
  samplesDir?: string | null;
  /** JSON file of recent archives; null keeps the list in memory. */
  recentFile?: string | null;
  nativeBinding?: string;
  /** OCR models and worker of a packaged app (see electron-builder.yml); default node_modules. */
  ocrPaths?: OcrPathOptions;
  /** Open this archive at start. */
  archiveDir?: string;
  /** Create the archive at archiveDir when it does not exist yet. */
  create?: boolean;
  /** Open archiveDir to read it, without its lock when another process holds it (read-only CLI commands). */
  forReading?: boolean;
  /** Cap of the bytes held uploaded at once (default MAX_SESSION_UPLOAD_BYTES; tests set less). */
  maxSessionUploadBytes?: number;
  /** Server mode: what one account may hold uploaded (default DEFAULT_ACCOUNT_UPLOAD_LIMITS). */
  accountUploadLimits?: AccountUploadLimits;
}

export interface AppHost {
  /** The host session (open archive, lifecycle); requests go through dispatch. */
  service: AppSession;
  events: EventBus;
  jobs: JobRegistry;
  uploads: UploadStore;
  dispatch: Dispatch;
  /** Cancels jobs, waits for them, closes the archive, removes temp files. */
  stop(): Promise<void>;
}

export async function startAppHost(opts: AppHostOptions): Promise<AppHost> {
  // Uploads and exports of runs that were killed (kill -9, crash); live runs' folders stay.
  sweepStaleTempDirs(tmpdir(), [UPLOADS_DIR_PREFIX, EXPORTS_DIR_PREFIX]);
  const events = new EventBus();
  const jobs = new JobRegistry(events);
  const uploads = new UploadStore(tmpdir(), opts.maxSessionUploadBytes, opts.accountUploadLimits);
  const recent = new RecentArchives(opts.recentFile ?? null);
  const service = new AppSession({
    events,
    jobs,
    uploads,
    recent,
    host: opts.host,
    version: appVersion(),
    dialogs: opts.dialogs ?? null,
    samplesDir: opts.samplesDir ?? null,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    ...(opts.ocrPaths ? { ocrPaths: opts.ocrPaths } : {}),
  });
  if (opts.archiveDir !== undefined) {
    try {
      await service.openDir(opts.archiveDir, opts.create ?? false, opts.forReading ?? false);
    } catch (e) {
      await service.stop();
      throw e;
    }
  }
  const dispatch = createDispatch(createApiHandlers(service));
  let stopped = false;
  return {
    service,
    events,
    jobs,
    uploads,
    dispatch,
    async stop() {
      if (stopped) return;
      stopped = true;
      await service.stop();
    },
  };
}
