// Import: files handed over by upload or a native pick become an import job; VanKho bundles are
// probed and merged as their own job.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { HandlersOf } from '../../contract/api.js';
import type { IMPORT_API } from '../../contract/api/import-api.js';
import type { RequestContext } from '../../contract/request-context.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { importBundle } from '../export/import-bundle.js';
import { probeBundle } from '../export/read-bundle.js';
import { absoluteFile } from './absolute-path.js';
import { bundleImportResultDto } from './dto-mappers.js';
import { startRecordedJob } from './recorded-job-runner.js';
import { requireOwnJob } from './recorded-jobs.js';
import type { AppSession } from './session.js';
import { uploadOwnerOf } from './ports.js';

/** A picked .zip that carries a bundle manifest (or claims to: the merge then refuses it, explained). */
async function isBundleFile(path: string): Promise<boolean> {
  if (!/\.zip$/i.test(path)) return false;
  return probeBundle(path).then(
    (b) => b !== null,
    (e: unknown) => e instanceof VanKhoError && e.appError.code.startsWith('BUNDLE_'),
  );
}

export function importHandlers(s: AppSession): HandlersOf<typeof IMPORT_API> {
  /** The bundle merge as a recorded job; an upload it came from is released when the job ends. */
  const startBundleImport = (path: string, uploadIds: readonly string[], ctx: RequestContext): string => {
    const vankho = s.vankho;
    const jobId = startRecordedJob(s.jobs, vankho, { kind: 'bundleImport', params: {}, ctx }, async (job) => {
      const r = await importBundle(vankho.archive, path, {
        // The hồ sơ it adds are the caller's, and it may bring in nothing the caller may not read.
        actor: ctx.actor,
        signal: job.signal,
        onProgress: (p) => job.progress(p),
      });
      return { result: bundleImportResultDto(r) };
    });
    s.afterImportJob(jobId, vankho, uploadIds);
    return jobId;
  };
  return {
    importUpload: async ({ name, bytes }, ctx) => ({
      uploadId: await s.uploads.putBytes(name, bytes, uploadOwnerOf(ctx.actor)),
    }),
    importStart: ({ uploadIds }, ctx) => ({
      jobId: s.startImport(s.uploads.pathsOf(uploadIds), uploadIds, ctx),
    }),
    importPathsStart: ({ paths, maxFileBytes, timeoutSeconds }, ctx) => ({
      jobId: s.startImport(paths.map(absoluteFile), [], ctx, {
        ...(maxFileBytes !== undefined ? { maxFileSize: maxFileBytes } : {}),
        ...(timeoutSeconds !== undefined ? { extractionTimeoutMs: Math.round(timeoutSeconds * 1000) } : {}),
      }),
    }),
    importFromDialog: async ({ folders }, ctx) => {
      void s.vankho; // NO_ARCHIVE_OPEN before showing a dialog
      const paths = await s.dialogs.pickImportPaths(folders);
      if (!paths || paths.length === 0) return null;
      // A bundle picked as a file is offered for a merge (as a dropped one is), not filed as a document.
      const bundles: { uploadId: string; name: string }[] = [];
      const files: string[] = [];
      for (const p of paths) {
        if (folders || !(await isBundleFile(p))) files.push(p);
        else {
          const name = basename(p).normalize('NFC');
          bundles.push({ uploadId: await s.uploads.putStream(name, createReadStream(p)), name });
        }
      }
      return { jobId: files.length > 0 ? s.startImport(files, [], ctx) : null, bundles };
    },
    importCancel: ({ jobId }, ctx) => {
      requireOwnJob(s, ctx.actor, jobId);
      return { cancelled: s.jobs.cancel(jobId, 'import') || s.jobs.cancel(jobId, 'bundleImport') };
    },
    bundleImportStart: ({ uploadId }, ctx) => {
      const [path] = s.uploads.pathsOf([uploadId]);
      return { jobId: startBundleImport(path!, [uploadId], ctx) };
    },
    bundleImportPathStart: ({ path }, ctx) => ({ jobId: startBundleImport(absoluteFile(path), [], ctx) }),
    bundleProbe: async ({ uploadId }) => {
      void s.vankho; // NO_ARCHIVE_OPEN: there is nowhere to merge into
      const [path] = s.uploads.pathsOf([uploadId]);
      return probeBundle(path!);
    },
  };
}
