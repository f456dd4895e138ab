// Requests about the app and the open archive: open, create, recent, check, samples.
import { z } from 'zod';
import type { AppInfo, ArchiveInfo, CheckReportDto, JobStarted, RecentArchive } from '../dto.js';
import { def, returns, dirPath, empty } from './define.js';

export const ARCHIVE_API = {
  appInfo: def(empty, returns<AppInfo>()),
  /** The open archive, or null when none is open (desktop app at first start). */
  archiveInfo: def(empty, returns<ArchiveInfo | null>()),
  archiveOpen: def(z.object({ dir: dirPath }).strict(), returns<ArchiveInfo>()),
  /** Creates a new archive in an empty or missing folder and opens it. */
  archiveCreate: def(z.object({ dir: dirPath }).strict(), returns<ArchiveInfo>()),
  /** Desktop only: shows a folder picker; null when the user cancelled. Web: UNSUPPORTED. */
  archivePickDirectory: def(
    z.object({ purpose: z.enum(['open', 'create']) }).strict(),
    returns<string | null>(),
  ),
  archiveRecent: def(empty, returns<RecentArchive[]>()),
  /**
   * Takes one entry off the recent list (a folder, or a shared archive's address as `dir` lists it,
   * with its pinned certificate); the archive itself is not touched. Answers the list as it is now.
   */
  archiveRecentRemove: def(z.object({ dir: dirPath }).strict(), returns<RecentArchive[]>()),
  /**
   * Desktop only ("Kết nối kho dùng chung"): connect the window to a `vankho serve` at this address,
   * after the user compared a self-signed certificate's fingerprint (main/host/shared-server.ts).
   * `connected: false` when the user declined. Answered by the Electron main process; elsewhere UNSUPPORTED.
   */
  sharedConnect: def(
    z.object({ address: z.string().trim().min(1).max(300) }).strict(),
    returns<{ connected: boolean }>(),
  ),
  archiveCheck: def(z.object({ full: z.boolean().default(false) }).strict(), returns<CheckReportDto>()),
  /** Imports the bundled sample documents as an import job (progress via jobProgress events). */
  archiveLoadSamples: def(empty, returns<JobStarted>()),
} as const;
