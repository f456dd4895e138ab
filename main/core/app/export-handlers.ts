// Export: a bundle or a catalogue of chosen documents, a tag or a search, as a job; the desktop app
// asks where to save first, web mode keeps the file for its download.
import { mkdtempSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { HandlersOf } from '../../contract/api.js';
import type { EXPORT_API } from '../../contract/api/export-api.js';
import type { ExportResultDto } from '../../contract/dto.js';
import { exportBundle, type ExportProgress } from '../export/export-bundle.js';
import { exportCatalogue } from '../export/export-catalogue.js';
import { safeFileName } from '../export/safe-file-name.js';
import { resolveExportSelection } from '../export-selection.js';
import { startRecordedJob } from './recorded-job-runner.js';
import { requireOwnJob } from './recorded-jobs.js';
import { scopeOf } from '../archive/access.js';
import type { AppSession } from './session.js';

const MEDIA_TYPE = {
  bundle: 'application/zip',
  catalogue: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function exportHandlers(s: AppSession): HandlersOf<typeof EXPORT_API> {
  return {
    exportStart: async ({ kind, documentIds, selection, includeSecret }, ctx) => {
      const vankho = s.vankho;
      // Resolved before the save dialog: an unknown tag or an empty search is said at once.
      const resolved = resolveExportSelection(
        vankho.archive.db,
        vankho.search,
        selection ?? (documentIds ? { kind: 'ids', documentIds } : { kind: 'all' }),
        { scope: scopeOf(ctx.actor), includeSecret: includeSecret === true },
      );
      const day = new Date().toISOString().slice(0, 10);
      // A hand-over bundle is named by its hồ sơ (one) or their count, so the lưu trữ tells them apart.
      const codes = resolved.records?.map((r) => r.fields.code) ?? [];
      const fileName =
        kind === 'bundle' && codes.length > 0
          ? safeFileName(
              `VanKho-ho-so-${codes.length === 1 ? codes[0]! : `${codes.length}-ho-so`}-${day}`,
              'zip',
            )
          : `VanKho-${kind === 'bundle' ? 'goi' : 'muc-luc'}-${day}.${kind === 'bundle' ? 'zip' : 'xlsx'}`;
      let out: string;
      let savedTo: string | null = null;
      if (s.hasDialogs) {
        const picked = await s.dialogs.pickSavePath(fileName, kind);
        if (!picked) return null;
        out = picked;
        savedTo = picked;
      } else {
        out = join(mkdtempSync(join(s.exportDir, 'job-')), fileName);
      }
      const { ids } = resolved;
      const jobId = startRecordedJob(
        s.jobs,
        vankho,
        { kind: 'export', params: { kind, documents: ids.length, savedTo }, ctx },
        async (job) => {
          const onProgress = (p: ExportProgress): void =>
            job.progress({ total: p.entriesTotal, done: p.entriesDone, currentName: p.currentName });
          let size: number;
          let documentCount: number;
          if (kind === 'bundle') {
            const report = await exportBundle(vankho.archive, {
              ids,
              out,
              title: resolved.title,
              selection: resolved.selection,
              ...(resolved.records ? { records: resolved.records } : {}),
              overwrite: savedTo !== null,
              signal: job.signal,
              onProgress,
            });
            size = report.bundleBytes;
            documentCount = report.documents;
          } else {
            const report = await exportCatalogue(vankho.archive.db, {
              ids,
              out,
              format: 'xlsx',
              overwrite: savedTo !== null,
              signal: job.signal,
            });
            documentCount = report.documents;
            size = statSync(out).size;
          }
          const result: ExportResultDto = {
            kind,
            fileName: basename(out),
            size,
            documentCount,
            secretLeftOut: resolved.secretLeftOut,
            savedTo,
          };
          if (savedTo === null)
            s.keepExportFile(jobId, { path: out, size, mediaType: MEDIA_TYPE[kind], name: fileName });
          return { result, documentIds: ids };
        },
      );
      return { jobId };
    },
    exportCancel: ({ jobId }, ctx) => {
      requireOwnJob(s, ctx.actor, jobId);
      return { cancelled: s.jobs.cancel(jobId, 'export') };
    },
  };
}
