// Core reports → contract DTOs, one mapper per report type, so every handler (and the CLI through
// them) answers the same shape for the same report.
import type {
  BundleImportResultDto,
  IdentityTwinDto,
  ImportOutcomeDto,
  ImportProgressDto,
  ImportReportDto,
  ReextractResultDto,
  ReviewItemDto,
} from '../../contract/dto.js';
import type { DocumentSummary } from '../archive/documents-repo.js';
import type { importBundle } from '../export/import-bundle.js';
import type { ImportProgress, ImportReport } from '../ingest/import-types.js';
import type { ReextractReport } from '../ingest/reextract.js';

export function reviewItemDto(d: DocumentSummary): ReviewItemDto {
  const m = d.metadata;
  return {
    id: d.id,
    number: m.number,
    docType: m.docType,
    issuer: m.issuer,
    issuedDate: m.issuedDate,
    title: m.title ?? '',
    fileName: d.fileNames[0] ?? null,
    tags: d.tags,
    createdAt: d.createdAt,
    missing: d.missing,
    unconfirmed: d.unconfirmed,
    olderRules: d.olderRules,
  };
}

export function reextractResultDto(r: ReextractReport): ReextractResultDto {
  return {
    total: r.total,
    changed: r.changed,
    unchanged: r.unchanged,
    failed: r.failed,
    cancelled: r.cancelled,
    outcomes: r.outcomes.map((o) => ({
      documentId: o.documentId,
      name: o.name,
      outcome: o.outcome,
      textChanged: o.textChanged,
      changedFields: o.changedFields,
      error: o.error,
      warning: o.warning,
    })),
  };
}

export function importProgressDto(p: ImportProgress): ImportProgressDto {
  return {
    total: p.total,
    done: p.done,
    imported: p.imported,
    duplicates: p.duplicates,
    failed: p.failed,
    currentName: p.currentName,
    bytesDone: p.bytesDone,
    bytesTotal: p.bytesTotal,
  };
}

/**
 * `hidden`: documents the importer may not read. A file already in the archive as one of them is
 * still said to be a duplicate (the importer holds that file anyway), but not which document it is.
 * `twinsOf`: an imported document's identity twins as the importer may see them. `withSources`: the
 * caller named the paths itself (importPathsStart), so each file's path, hash and type are its to see.
 */
export function importReportDto(
  r: ImportReport,
  hidden: ReadonlySet<number> = new Set(),
  twinsOf: (documentId: number) => IdentityTwinDto[] = () => [],
  withSources = false,
): ImportReportDto {
  const outcomes: ImportOutcomeDto[] = r.outcomes.map((o) => ({
    name: o.name,
    outcome: o.outcome,
    documentId: o.documentId !== null && hidden.has(o.documentId) ? null : o.documentId,
    error: o.error,
    warning: o.warning,
    noText: o.noText,
    identityTwins: o.outcome === 'imported' && o.documentId !== null ? twinsOf(o.documentId) : [],
    ...(withSources
      ? {
          source: {
            path: o.path,
            ...(o.rawPath !== undefined ? { rawPath: o.rawPath } : {}),
            sha256: o.sha256,
            size: o.size,
            mediaType: o.mediaType,
            textStatus: o.textStatus,
          },
        }
      : {}),
  }));
  return {
    total: r.total,
    ...(withSources ? { batchId: r.batchId } : {}),
    imported: r.imported,
    duplicates: r.duplicates,
    failed: r.failed,
    withWarnings: r.withWarnings,
    cancelled: r.cancelled,
    ...(r.stoppedBy ? { stoppedBy: r.stoppedBy } : {}),
    outcomes,
  };
}

export function bundleImportResultDto(r: Awaited<ReturnType<typeof importBundle>>): BundleImportResultDto {
  return {
    added: r.added,
    merged: r.merged,
    skipped: r.skipped,
    filesAdded: r.filesAdded,
    tagsCreated: r.tagsCreated,
    relationsAdded: r.relationsAdded,
    outcomes: r.outcomes.map((o) => ({
      documentId: o.documentId,
      uid: o.uid,
      title: o.title,
      number: o.number,
      outcome: o.outcome,
      matchedBy: o.matchedBy,
      changes: o.changes,
    })),
    ...(r.records.length > 0 ? { records: r.records } : {}),
  };
}
