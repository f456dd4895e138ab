// Export requests: bundles and catalogues of documents, a tag or a search.
import { z } from 'zod';
import type { JobStarted } from '../dto.js';
import { def, returns, filePath, id, shortText, tagName, jobId } from './define.js';
import { recordCode } from './records-api.js';
import { SearchFiltersSchema } from './search-api.js';

export const EXPORT_KINDS = ['bundle', 'catalogue'] as const;

export const ExportSelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tag'), name: tagName, subtags: z.boolean().default(true) }).strict(),
  z
    .object({
      kind: z.literal('query'),
      query: z.string().max(2_000),
      filters: SearchFiltersSchema.optional(),
    })
    .strict(),
  /** Hồ sơ by mã hồ sơ (nộp lưu): a bundle of them with their documents (a catalogue: their documents). */
  z
    .object({
      kind: z.literal('records'),
      codes: z.array(recordCode).min(1).max(10_000),
    })
    .strict(),
]);

export const EXPORT_API = {
  /**
   * Starts an export job of the given documents (or of every document when `documentIds` is
   * omitted). Desktop: asks for the destination first (null: cancelled). Web: the result is
   * downloaded from HTTP_PATHS.exportsPrefix + jobId.
   */
  exportStart: def(
    z
      .object({
        kind: z.enum(EXPORT_KINDS),
        documentIds: z.array(id).min(1).max(1_000_000).optional(),
        /** Instead of documentIds: a tag (with sub-tags) or every result of a search, as the CLI's --tag/--query. */
        selection: ExportSelectionSchema.optional(),
        /** Gồm cả văn bản mật: without it, 'mat' documents are left out (and counted in the result). */
        includeSecret: z.boolean().optional(),
      })
      .strict()
      .refine((v) => v.documentIds === undefined || v.selection === undefined, {
        message: 'documentIds or selection',
      }),
    returns<JobStarted | null>(),
  ),
  /**
   * The same bundle export written to a file on the host's disk (the CLI's --out; an absolute path,
   * in a folder chosen in a dialog where the host has them), as an 'export' job whose result says
   * what the bundle holds. INVALID_INPUT when `out` exists and `overwrite` is not set.
   */
  exportPathStart: def(
    z
      .object({
        documentIds: z.array(id).min(1).max(1_000_000).optional(),
        selection: ExportSelectionSchema.optional(),
        includeSecret: z.boolean().optional(),
        /** The catalogue's heading (default: named after the selection). */
        title: shortText.min(1).optional(),
        out: filePath,
        overwrite: z.boolean().optional(),
      })
      .strict()
      .refine((v) => v.documentIds === undefined || v.selection === undefined, {
        message: 'documentIds or selection',
      }),
    returns<JobStarted>(),
  ),
  exportCancel: def(z.object({ jobId }).strict(), returns<{ cancelled: boolean }>()),
  /**
   * "Tải bản PDF tìm kiếm được": an export job writing a searchable-PDF copy of a scan of the document
   * (each page's image with its OCR words as invisible text; the original is never altered) — the
   * given file, else the document's first file with pages read by OCR (NOT_OCRED when none has).
   * Desktop: asks where to save first (null: cancelled); web: downloaded as exportStart's file.
   */
  documentSearchablePdf: def(
    z.object({ documentId: id, fileId: id.optional() }).strict(),
    returns<JobStarted | null>(),
  ),
} as const;
