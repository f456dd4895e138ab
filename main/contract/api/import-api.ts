// Import requests: uploads, import jobs, dialog picks, VanKho bundles.
import { z } from 'zod';
import type { BundleProbeDto, DialogImportStarted, JobStarted } from '../dto.js';
import { def, returns, filePath, jobId } from './define.js';

export const IMPORT_API = {
  /**
   * Hands one file's bytes to the host for a later importStart (drag and drop, file inputs).
   * Over HTTP this is POST /upload with the raw bytes (see main/web/README.md), not JSON.
   */
  importUpload: def(
    z.object({ name: z.string().min(1).max(1_000), bytes: z.instanceof(Uint8Array) }).strict(),
    returns<{ uploadId: string }>(),
  ),
  /** Starts an import job of uploaded files; progress via jobProgress, end via jobFinished. */
  importStart: def(
    z.object({ uploadIds: z.array(jobId).min(1).max(100_000) }).strict(),
    returns<JobStarted>(),
  ),
  /**
   * Files and folders (walked recursively) already on the host's disk, named by the caller (the
   * CLI; absolute paths), as an import job; its report also says each file's path, hash and type.
   */
  importPathsStart: def(
    z
      .object({
        paths: z.array(filePath).min(1).max(100_000),
        /** Files larger than this are refused with FILE_TOO_LARGE (default 512 MiB). */
        maxFileBytes: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
        /** Text extraction time limit per file (default 60 s). */
        timeoutSeconds: z.number().positive().max(86_400).optional(),
      })
      .strict(),
    returns<JobStarted>(),
  ),
  /**
   * Desktop only: shows the native file/folder picker and starts an import job of what was picked
   * (null: cancelled); VanKho bundles picked as files are held for a merge offer instead.
   */
  importFromDialog: def(
    z.object({ folders: z.boolean().default(false) }).strict(),
    returns<DialogImportStarted | null>(),
  ),
  /** Cancels an import job (files or bundle). */
  importCancel: def(z.object({ jobId }).strict(), returns<{ cancelled: boolean }>()),
  /**
   * Imports a VanKho bundle (a ZIP exported by exportStart, e.g. from another archive) that was
   * uploaded with importUpload; progress via jobProgress, end via jobFinished. A refused
   * bundle (BUNDLE_INVALID / BUNDLE_TAMPERED / BUNDLE_HOSTILE, or FORBIDDEN when it carries a
   * document or hồ sơ the caller may not read, or one matching such here) leaves the archive untouched.
   */
  bundleImportStart: def(z.object({ uploadId: jobId }).strict(), returns<JobStarted>()),
  /**
   * The same merge of a bundle file already on the host's disk (the CLI; an absolute path, read where
   * it lies instead of copied into an upload), as a 'bundleImport' job.
   */
  bundleImportPathStart: def(z.object({ path: filePath }).strict(), returns<JobStarted>()),
  /**
   * Tells whether an uploaded file is a VanKho bundle: null for any other file (also a ZIP without
   * the bundle manifest, which imports as a document); a ZIP claiming to be a bundle gets every
   * check of the import and is refused with BUNDLE_INVALID / BUNDLE_HOSTILE / BUNDLE_TAMPERED.
   */
  bundleProbe: def(z.object({ uploadId: jobId }).strict(), returns<BundleProbeDto | null>()),
} as const;
