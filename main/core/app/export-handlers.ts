// Export: a bundle or a catalogue of chosen documents, a tag or a search, or a scan's searchable-PDF
// copy, as a job; the desktop app asks where to save first, web mode keeps the file for its download.
import { mkdtempSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ApiParsedInput, HandlersOf } from '../../contract/api.js';
import type { EXPORT_API } from '../../contract/api/export-api.js';
import type { ExportKind, ExportProgressDto, ExportResultDto } from '../../contract/dto.js';
import type { RequestContext } from '../../contract/request-context.js';
import { exportBundle } from '../export/export-bundle.js';
import { exportSourceOf } from './export-source.js';
import { exportCatalogue } from '../export/export-catalogue.js';
import { bundleRowsOf } from '../archive/bundle-rows.js';
import {
  searchablePdfName,
  searchableScanOf,
  writeSearchablePdfFile,
} from '../export/export-searchable-pdf.js';
import { safeFileName } from '../export/safe-file-name.js';
import { resolveExportSelection, type ResolvedExportSelection } from '../export-selection.js';
import type { VanKho } from '../open-vankho.js';
import { requireReadableDocument, scopeOf } from '../archive/access.js';
import { listFiles } from '../archive/documents-repo.js';
import { ocrPagesOf } from '../ocr/ocr-store.js';
import { absoluteFile } from './absolute-path.js';
import { startRecordedJob } from './recorded-job-runner.js';
import { requireOwnJob } from './recorded-jobs.js';
import type { AppSession } from './session.js';

const MEDIA_TYPE = {
  bundle: 'application/zip',
  catalogue: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  searchablePdf: 'application/pdf',
} as const;

type ExportStartInput = ApiParsedInput<'exportStart'>;

/** The documents an export covers, as the caller may read them (the CLI's --ids/--tag/--query/--all/--records). */
function resolveSelection(
  vankho: VanKho,
  {
    documentIds,
    selection,
    includeSecret,
  }: Pick<ExportStartInput, 'documentIds' | 'selection' | 'includeSecret'>,
  ctx: RequestContext,
): ResolvedExportSelection {
  return resolveExportSelection(
    vankho.archive.db,
    vankho.search,
    selection ?? (documentIds ? { kind: 'ids', documentIds } : { kind: 'all' }),
    { scope: scopeOf(ctx.actor), includeSecret: includeSecret === true },
  );
}

/** Writes the bundle of a resolved selection to `out`; the result without where it was saved. */
async function writeBundle(
  vankho: VanKho,
  resolved: ResolvedExportSelection,
  opts: {
    out: string;
    title: string;
    overwrite: boolean;
    signal: AbortSignal;
    progress: (p: ExportProgressDto) => void;
  },
): Promise<Omit<ExportResultDto, 'savedTo'>> {
  const report = await exportBundle(exportSourceOf(vankho.archive), {
    ids: resolved.ids,
    out: opts.out,
    title: opts.title,
    selection: resolved.selection,
    ...(resolved.records ? { records: resolved.records } : {}),
    overwrite: opts.overwrite,
    signal: opts.signal,
    onProgress: (p) =>
      opts.progress({
        total: p.entriesTotal,
        done: p.entriesDone,
        currentName: p.currentName,
        bytesDone: p.bytesDone,
        bytesTotal: p.bytesTotal,
      }),
  });
  return {
    kind: 'bundle',
    fileName: basename(report.out),
    size: report.bundleBytes,
    documentCount: report.documents,
    secretLeftOut: resolved.secretLeftOut,
    bundle: {
      files: report.files,
      records: report.records,
      entries: report.entries,
      originalBytes: report.originalBytes,
    },
  };
}

export function exportHandlers(s: AppSession): HandlersOf<typeof EXPORT_API> {
  return {
    exportStart: async ({ kind, documentIds, selection, includeSecret }, ctx) => {
      const vankho = s.vankho;
      // Resolved before the save dialog: an unknown tag or an empty search is said at once.
      const resolved = resolveSelection(vankho, { documentIds, selection, includeSecret }, ctx);
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
      const target = await saveTarget(s, fileName, kind);
      if (!target) return null;
      const { out, savedTo } = target;
      const { ids } = resolved;
      const jobId = startRecordedJob(
        s.jobs,
        vankho,
        { kind: 'export', params: { kind, documents: ids.length, savedTo }, ctx },
        async (job) => {
          const overwrite = savedTo !== null;
          let result: ExportResultDto;
          if (kind === 'bundle') {
            const written = await writeBundle(vankho, resolved, {
              out,
              title: resolved.title,
              overwrite,
              signal: job.signal,
              progress: (p) => job.progress(p),
            });
            result = { ...written, savedTo };
          } else {
            const report = await exportCatalogue(bundleRowsOf(vankho.archive.db), {
              ids,
              out,
              format: 'xlsx',
              overwrite,
              signal: job.signal,
              archiveDir: vankho.archive.dir,
            });
            result = {
              kind,
              fileName: basename(out),
              size: statSync(out).size,
              documentCount: report.documents,
              secretLeftOut: resolved.secretLeftOut,
              savedTo,
            };
          }
          if (savedTo === null)
            s.keepExportFile(jobId, {
              path: out,
              size: result.size,
              mediaType: MEDIA_TYPE[kind],
              name: fileName,
            });
          return { result, documentIds: ids };
        },
      );
      return { jobId };
    },
    exportPathStart: ({ documentIds, selection, includeSecret, title, out, overwrite }, ctx) => {
      const target = absoluteFile(out);
      // Where a host has dialogs, only into a folder the person chose there (as backupStart).
      s.approvedDir(dirname(target));
      const vankho = s.vankho;
      const resolved = resolveSelection(vankho, { documentIds, selection, includeSecret }, ctx);
      const jobId = startRecordedJob(
        s.jobs,
        vankho,
        { kind: 'export', params: { kind: 'bundle', documents: resolved.ids.length, savedTo: target }, ctx },
        async (job) => {
          const written = await writeBundle(vankho, resolved, {
            out: target,
            title: title ?? resolved.title,
            overwrite: overwrite === true,
            signal: job.signal,
            progress: (p) => job.progress(p),
          });
          return { result: { ...written, savedTo: target }, documentIds: resolved.ids };
        },
      );
      return { jobId };
    },
    documentSearchablePdf: async ({ documentId, fileId }, ctx) => {
      const vankho = s.vankho;
      // A document the caller may not read is not found; one without OCR text is said before the dialog.
      requireReadableDocument(vankho.archive.db, scopeOf(ctx.actor), documentId);
      const db = vankho.archive.db;
      const scan = searchableScanOf(
        { filesOf: (id) => listFiles(db, id), ocrPagesOf: (id) => ocrPagesOf(db, id) },
        documentId,
        fileId,
      );
      const fileName = searchablePdfName(scan.file.originalName);
      const target = await saveTarget(s, fileName, 'searchablePdf');
      if (!target) return null;
      const { out, savedTo } = target;
      const total = scan.words.size;
      const jobId = startRecordedJob(
        s.jobs,
        vankho,
        {
          kind: 'export',
          params: { kind: 'searchablePdf', documents: 1, fileId: scan.file.id, savedTo },
          ctx,
        },
        async (job) => {
          job.progress({ total, done: 0, currentName: scan.file.originalName });
          const report = await writeSearchablePdfFile(vankho.archive, scan, {
            out,
            overwrite: savedTo !== null,
            signal: job.signal,
            // A mixed PDF has pages of its own text too: the total grows with what was written.
            onPage: (done) =>
              job.progress({ total: Math.max(total, done), done, currentName: scan.file.originalName }),
          });
          const result: ExportResultDto = {
            kind: 'searchablePdf',
            fileName: basename(out),
            size: report.size,
            documentCount: 1,
            secretLeftOut: 0,
            savedTo,
          };
          if (savedTo === null)
            s.keepExportFile(jobId, {
              path: out,
              size: report.size,
              mediaType: MEDIA_TYPE.searchablePdf,
              name: fileName,
            });
          return { result, documentIds: [documentId] };
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

/**
 * Where an export's file goes: the desktop asks in a save dialog (null: cancelled; savedTo is the
 * path chosen), web mode and the CLI write it to a folder of its own in the session's export area.
 */
async function saveTarget(
  s: AppSession,
  fileName: string,
  kind: ExportKind,
): Promise<{ out: string; savedTo: string | null } | null> {
  if (s.hasDialogs) {
    const picked = await s.dialogs.pickSavePath(fileName, kind);
    return picked ? { out: picked, savedTo: picked } : null;
  }
  return { out: join(mkdtempSync(join(s.exportDir, 'job-')), fileName), savedTo: null };
}
