// The façade: one method per contract request (main/contract/api.ts), over the core modules —
// openVanKho (archive + search), documents-repo, importPaths, checkArchive, export. Handlers get
// input already validated by the dispatcher; they throw VanKhoError for expected failures, which
// the dispatcher turns into AppError values. Long work runs as jobs (progress events + cancel).
import { randomUUID } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { copyFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { ApiHandlers, ApiOutput, ApiParsedInput } from '../contract/api.js';
import type {
  AppInfo,
  ArchiveInfo,
  ExportKind,
  ExportResultDto,
  ImportOutcomeDto,
  ImportProgressDto,
  ImportReportDto,
  ReextractResultDto,
  ReviewItemDto,
} from '../contract/dto.js';
import { appError } from '../contract/errors.js';
import type { EventSink, JobRunner, RecentList, UploadArea } from './app/ports.js';
import type { StoredFileRef } from './app/stored-file.js';
import { createRefusal, DB_FILE_NAME, type Db } from './archive/archive.js';
import { applyBulkChange, lastBulkChange, undoLastBulkChange } from './archive/bulk-edit.js';
import { checkArchive } from './archive/check-archive.js';
import {
  addTagToDocuments,
  confirmDocumentFields,
  countReviewQueue,
  createTag,
  deleteTag,
  findTag,
  getDocument,
  getFile,
  getFilePages,
  listDocuments,
  listFiles,
  listTags,
  mergeTags,
  nextInReviewQueue,
  removeTagFromDocuments,
  renameTag,
  setTagColor,
  setTagParent,
  undoTagMerge,
  updateDocumentMetadata,
  type TagMergeUndo,
} from './archive/documents-repo.js';
import { VanKhoError } from './archive/vankho-error.js';
import { makeOwnedTempDir } from './archive/temp-owner.js';
import { emptyTrash, listTrash, restoreFromTrash, trashDocuments } from './archive/trash.js';
import { backupArchive, type BackupReport } from './export/backup-archive.js';
import { exportCatalogue } from './export/export-catalogue.js';
import { exportBundle, type ExportProgress } from './export/export-bundle.js';
import { importBundle } from './export/import-bundle.js';
import { probeBundle } from './export/read-bundle.js';
import { resolveExportSelection } from './export-selection.js';
import { restoreArchive } from './export/restore-archive.js';
import { listDocumentRelations } from './ingest/document-relations.js';
import { importPaths } from './ingest/import-files.js';
import { reextractDocuments, type ReextractReport } from './ingest/reextract.js';
import type { DocumentSummary } from './archive/documents-repo.js';
import type { ImportProgress, ImportReport } from './ingest/import-types.js';
import { openVanKho, type VanKho } from './open-vankho.js';

/** Native pickers; present only in the desktop app. */
export interface HostDialogs {
  pickDirectory(purpose: 'open' | 'create'): Promise<string | null>;
  pickImportPaths(folders: boolean): Promise<string[] | null>;
  pickSavePath(defaultName: string, kind: ExportKind): Promise<string | null>;
  /** Where to save a copy of an original (its file name proposed). */
  pickSaveCopyPath(defaultName: string): Promise<string | null>;
}

export interface ArchiveServiceOptions {
  events: EventSink;
  jobs: JobRunner;
  uploads: UploadArea;
  recent: RecentList;
  host: AppInfo['host'];
  version: string;
  dialogs: HostDialogs | null;
  /** Folder of the bundled sample documents, or null when not shipped. */
  samplesDir: string | null;
  /** better-sqlite3 binary for the Electron ABI (desktop app only). */
  nativeBinding?: string;
}

type Handler<M extends keyof ApiHandlers> = (
  input: ApiParsedInput<M>,
) => Promise<ApiOutput<M>> | ApiOutput<M>;

const notFound = (what: string): VanKhoError => new VanKhoError(appError('NOT_FOUND', what));

/** Temp folder name prefix of web mode's finished exports (also what the start-up sweep looks for). */
export const EXPORTS_DIR_PREFIX = 'vankho-exports-';

export class ArchiveService implements ApiHandlers {
  private current: VanKho | null = null;
  /** Web mode: where finished exports wait for their download, by job id. */
  private readonly exportDir: string;
  private readonly exportFiles = new Map<string, StoredFileRef>();
  /** Folders the user chose in a native dialog during this run (see approvedDir). */
  private readonly pickedDirs = new Set<string>();
  /** Tag merges of the open archive that can still be undone, by undo id (newest last). */
  private readonly mergeUndos = new Map<string, TagMergeUndo>();

  constructor(private readonly opts: ArchiveServiceOptions) {
    this.exportDir = makeOwnedTempDir(tmpdir(), EXPORTS_DIR_PREFIX);
  }

  // ---- lifecycle (composition root, menu) ----------------------------------------------------------

  /** Opens (or creates) an archive folder, closing the previous one after its jobs stopped. */
  async openDir(dir: string, create: boolean): Promise<ArchiveInfo> {
    const abs = resolve(dir);
    if (!create && !existsSync(join(abs, DB_FILE_NAME)))
      throw new VanKhoError(appError('ARCHIVE_NOT_FOUND', abs));
    // A create that cannot proceed leaves the open archive open.
    const refused = create ? createRefusal(abs) : null;
    if (refused) throw refused;
    await this.closeArchive();
    this.current = openVanKho(abs, {
      create,
      ...(this.opts.nativeBinding ? { nativeBinding: this.opts.nativeBinding } : {}),
    });
    this.opts.recent.add(abs);
    const info = this.info();
    this.opts.events.emit({ type: 'archiveChanged', archive: info });
    return info;
  }

  async closeArchive(): Promise<void> {
    await this.opts.jobs.cancelAll();
    this.mergeUndos.clear();
    const v = this.current;
    this.current = null;
    if (v) {
      v.close();
      this.opts.events.emit({ type: 'archiveChanged', archive: null });
    }
  }

  async stop(): Promise<void> {
    await this.closeArchive();
    this.opts.uploads.dispose();
    rmSync(this.exportDir, { recursive: true, force: true });
  }

  get vankho(): VanKho {
    if (!this.current) throw new VanKhoError(appError('NO_ARCHIVE_OPEN'));
    return this.current;
  }

  private get db(): Db {
    return this.vankho.archive.db;
  }

  private info(): ArchiveInfo {
    const { archive } = this.vankho;
    const db = archive.db;
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number | null }).n ?? 0;
    return {
      dir: archive.dir,
      name: basename(archive.dir),
      documentCount: count('SELECT count(*) AS n FROM documents'),
      fileCount: count('SELECT count(*) AS n FROM files'),
      tagCount: count('SELECT count(*) AS n FROM tags'),
      totalBytes: count('SELECT sum(size) AS n FROM files'),
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      readonly: archive.readonly,
    };
  }

  /** A stored original by file id (the only way bytes reach a renderer). */
  storedFile(fileId: number): StoredFileRef {
    const f = getFile(this.db, fileId);
    if (!f) throw notFound(`file #${fileId}`);
    const path = this.vankho.archive.files.pathOf(f.sha256);
    if (!existsSync(path)) throw notFound(`file #${fileId}`);
    return { path, size: statSync(path).size, mediaType: f.mediaType, name: f.originalName };
  }

  exportFile(jobId: string): StoredFileRef {
    const ref = this.exportFiles.get(jobId);
    if (!ref || !existsSync(ref.path)) throw notFound(`export ${jobId}`);
    return ref;
  }

  receiveUpload(name: string, body: Readable, limit: number): Promise<string> {
    return this.opts.uploads.putStream(name, body, limit);
  }

  /** Starts an import job of host-side paths (uploads, dialog picks, samples, menu). */
  startImport(paths: string[], uploadIds: readonly string[] = []): string {
    const vankho = this.vankho;
    const jobId = this.opts.jobs.start('import', async (ctx) => {
      const report = await importPaths(vankho.archive, paths, {
        signal: ctx.signal,
        onProgress: (p: ImportProgress) => ctx.progress(importProgressDto(p)),
      });
      return { result: importReportDto(report), cancelled: report.cancelled || ctx.signal.aborted };
    });
    this.afterImportJob(jobId, vankho, uploadIds);
    return jobId;
  }

  /**
   * After an import job, however it ended (even cancelled before it started): drop the uploaded
   * copies, save the in-memory search indexes (a crash later then costs no rebuild) and tell the UI
   * the archive's counts changed.
   */
  private afterImportJob(jobId: string, vankho: VanKho, uploadIds: readonly string[]): void {
    void this.opts.jobs.wait(jobId).then(async () => {
      await this.opts.uploads.release(uploadIds);
      if (this.current !== vankho) return;
      try {
        vankho.search.flush();
      } catch (e) {
        // Derived data only: the next open catches up from the journal or rebuilds it.
        console.error('saving search indexes failed', e);
      }
      this.opts.events.emit({ type: 'archiveChanged', archive: this.info() });
    });
  }

  /** Backs the open archive up into one checked file (menu: Sao lưu kho…). */
  async backupTo(out: string): Promise<BackupReport> {
    return backupArchive(this.vankho.archive.dir, out, { overwrite: true });
  }

  /** Restores a backup into an empty folder, checks it, and opens it (menu: Khôi phục…). */
  async restoreInto(backupFile: string, dir: string): Promise<ArchiveInfo> {
    await restoreArchive(backupFile, dir);
    return this.openDir(dir, false);
  }

  // ---- contract handlers -----------------------------------------------------------------------------

  appInfo: Handler<'appInfo'> = () => ({
    version: this.opts.version,
    host: this.opts.host,
    nativeDialogs: this.opts.dialogs !== null,
    samplesAvailable: this.samplePaths().length > 0,
  });

  archiveInfo: Handler<'archiveInfo'> = () => (this.current ? this.info() : null);
  archiveOpen: Handler<'archiveOpen'> = ({ dir }) => this.openDir(this.approvedDir(dir), false);
  archiveCreate: Handler<'archiveCreate'> = ({ dir }) => this.openDir(this.approvedDir(dir), true);
  archivePickDirectory: Handler<'archivePickDirectory'> = async ({ purpose }) => {
    const dir = await this.dialogs.pickDirectory(purpose);
    if (dir !== null) this.pickedDirs.add(resolve(dir));
    return dir;
  };
  archiveRecent: Handler<'archiveRecent'> = () => this.opts.recent.list();
  archiveCheck: Handler<'archiveCheck'> = async ({ full }) => {
    const r = await checkArchive(this.vankho.archive, { full });
    return {
      ok: r.ok,
      full: r.full,
      checkedAt: r.checkedAt,
      problems: r.problems.map((p) => ({
        code: p.code,
        severity: p.severity,
        message: p.message,
        detail: p.detail,
      })),
      counts: { ...r.counts },
    };
  };
  archiveLoadSamples: Handler<'archiveLoadSamples'> = () => {
    const paths = this.samplePaths();
    if (paths.length === 0) throw notFound('samples');
    return { jobId: this.startImport(paths) };
  };

  search: Handler<'search'> = (req) => this.vankho.search.search(req);
  instantFind: Handler<'instantFind'> = ({ prefix, limit }) => this.vankho.search.find(prefix, limit);
  facets: Handler<'facets'> = ({ filters }) =>
    this.vankho.search.search({
      query: '',
      ...(filters ? { filters } : {}),
      limit: 1,
      facets: true,
      snippets: false,
    }).facets;
  searchReindex: Handler<'searchReindex'> = () => {
    const vankho = this.vankho;
    const jobId = this.opts.jobs.start('reindex', async (ctx) => {
      await vankho.search.reindex({
        signal: ctx.signal,
        onProgress: (p: { done: number; total: number }) => ctx.progress({ done: p.done, total: p.total }),
      });
      return { result: null };
    });
    return { jobId };
  };

  documentGet: Handler<'documentGet'> = ({ documentId }) => {
    const d = getDocument(this.db, documentId);
    if (!d) throw notFound(`document #${documentId}`);
    return d;
  };
  documentUpdate: Handler<'documentUpdate'> = ({ documentId, fields }) => {
    const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<
      string,
      string | null
    >;
    if (Object.keys(patch).length === 0) return this.documentGet({ documentId });
    return updateDocumentMetadata(this.vankho.archive, documentId, patch);
  };
  documentConfirm: Handler<'documentConfirm'> = ({ documentId, fields }) =>
    confirmDocumentFields(this.vankho.archive, documentId, fields);
  documentDelete: Handler<'documentDelete'> = ({ documentId }) => {
    const [entry] = trashDocuments(this.vankho.archive, [documentId]);
    return { deleted: true as const, trashId: entry!.id };
  };
  trashList: Handler<'trashList'> = () => listTrash(this.db);
  trashRestore: Handler<'trashRestore'> = ({ trashIds }) => ({
    documentIds: restoreFromTrash(this.vankho.archive, trashIds),
  });
  trashEmpty: Handler<'trashEmpty'> = ({ trashIds }) => emptyTrash(this.vankho.archive, trashIds);
  documentRelations: Handler<'documentRelations'> = ({ documentId }) => {
    if (!getDocument(this.db, documentId)) throw notFound(`document #${documentId}`);
    return listDocumentRelations(this.db, documentId);
  };
  filePages: Handler<'filePages'> = ({ fileId }) => {
    if (!getFile(this.db, fileId)) throw notFound(`file #${fileId}`);
    return getFilePages(this.db, fileId);
  };
  fileSaveAs: Handler<'fileSaveAs'> = async ({ fileId }) => {
    const dialogs = this.dialogs;
    const ref = this.storedFile(fileId);
    const target = await dialogs.pickSaveCopyPath(ref.name);
    if (!target) return null;
    // Copy to a temporary name beside the target, then rename: never a half-written file under its name.
    const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
    try {
      await copyFile(ref.path, tmp);
      renameSync(tmp, target);
    } finally {
      rmSync(tmp, { force: true });
    }
    return target;
  };
  filesList: Handler<'filesList'> = ({ documentId }) => {
    if (!getDocument(this.db, documentId)) throw notFound(`document #${documentId}`);
    return listFiles(this.db, documentId);
  };

  reviewQueue: Handler<'reviewQueue'> = ({ limit, offset }) => {
    const page = listDocuments(this.db, { toReview: true, order: 'created_desc', limit, offset });
    return { total: page.total, offset: page.offset, items: page.items.map(reviewItemDto) };
  };
  reviewNext: Handler<'reviewNext'> = ({ afterId }) => {
    return { documentId: nextInReviewQueue(this.db, afterId), remaining: countReviewQueue(this.db, afterId) };
  };
  documentsBulkUpdate: Handler<'documentsBulkUpdate'> = ({ documentIds, change }) =>
    applyBulkChange(this.vankho.archive, documentIds, change);
  bulkLast: Handler<'bulkLast'> = () => lastBulkChange(this.db);
  bulkUndo: Handler<'bulkUndo'> = () => undoLastBulkChange(this.vankho.archive);
  reextractStart: Handler<'reextractStart'> = ({ documentIds }) => {
    const vankho = this.vankho;
    const jobId = this.opts.jobs.start('reextract', async (ctx) => {
      const report = await reextractDocuments(vankho.archive, documentIds ?? 'all', {
        signal: ctx.signal,
        onProgress: (p) =>
          ctx.progress({
            total: p.total,
            done: p.done,
            changed: p.changed,
            unchanged: p.unchanged,
            failed: p.failed,
            currentName: p.currentName,
          }),
      });
      return { result: reextractResultDto(report), cancelled: report.cancelled };
    });
    this.afterImportJob(jobId, vankho, []);
    return { jobId };
  };
  reextractCancel: Handler<'reextractCancel'> = ({ jobId }) => ({
    cancelled: this.opts.jobs.cancel(jobId, 'reextract'),
  });

  tagsList: Handler<'tagsList'> = () => listTags(this.db);
  tagCreate: Handler<'tagCreate'> = ({ name, parentId, color }) =>
    createTag(this.vankho.archive, name, {
      ...(parentId != null ? { parent: parentId } : {}),
      ...(color != null ? { color } : {}),
    });
  tagRename: Handler<'tagRename'> = ({ tagId, name }) => renameTag(this.vankho.archive, tagId, name);
  tagMerge: Handler<'tagMerge'> = ({ sourceId, targetId }) => {
    const { tag, undo } = mergeTags(this.vankho.archive, sourceId, targetId);
    if (!undo) return { tag, undoId: null };
    const undoId = randomUUID();
    this.mergeUndos.set(undoId, undo);
    while (this.mergeUndos.size > 50) this.mergeUndos.delete(this.mergeUndos.keys().next().value!);
    return { tag, undoId };
  };
  tagMergeUndo: Handler<'tagMergeUndo'> = ({ undoId }) => {
    const undo = this.mergeUndos.get(undoId);
    if (!undo) throw notFound(`merge ${undoId}`);
    const tag = undoTagMerge(this.vankho.archive, undo);
    this.mergeUndos.delete(undoId);
    return tag;
  };
  tagSetColor: Handler<'tagSetColor'> = ({ tagId, color }) => setTagColor(this.vankho.archive, tagId, color);
  tagSetParent: Handler<'tagSetParent'> = ({ tagId, parentId }) =>
    setTagParent(this.vankho.archive, tagId, parentId);
  tagDelete: Handler<'tagDelete'> = ({ tagId }) => {
    deleteTag(this.vankho.archive, tagId);
    return { deleted: true as const };
  };
  documentAddTag: Handler<'documentAddTag'> = ({ documentId, tagId, name }) => {
    let tagName = name;
    if (tagId !== undefined) {
      const t = findTag(this.db, tagId);
      if (!t) throw notFound(`tag #${tagId}`);
      tagName = t.name;
    }
    return addTagToDocuments(this.vankho.archive, [documentId], tagName ?? '');
  };
  documentRemoveTag: Handler<'documentRemoveTag'> = ({ documentId, tagId }) => ({
    removed: removeTagFromDocuments(this.vankho.archive, [documentId], tagId) > 0,
  });

  importUpload: Handler<'importUpload'> = async ({ name, bytes }) => ({
    uploadId: await this.opts.uploads.putBytes(name, bytes),
  });
  importStart: Handler<'importStart'> = ({ uploadIds }) => {
    const paths = this.opts.uploads.pathsOf(uploadIds);
    return { jobId: this.startImport(paths, uploadIds) };
  };
  importFromDialog: Handler<'importFromDialog'> = async ({ folders }) => {
    void this.vankho; // NO_ARCHIVE_OPEN before showing a dialog
    const paths = await this.dialogs.pickImportPaths(folders);
    if (!paths || paths.length === 0) return null;
    // A bundle picked as a file is offered for a merge (as a dropped one is), not filed as a document.
    const bundles: { uploadId: string; name: string }[] = [];
    const files: string[] = [];
    for (const p of paths) {
      const isBundle =
        !folders &&
        /\.zip$/i.test(p) &&
        (await probeBundle(p).then(
          (b) => b !== null,
          (e: unknown) => e instanceof VanKhoError && e.appError.code.startsWith('BUNDLE_'),
        ));
      if (!isBundle) files.push(p);
      else {
        const name = basename(p).normalize('NFC');
        bundles.push({ uploadId: await this.opts.uploads.putStream(name, createReadStream(p)), name });
      }
    }
    return { jobId: files.length > 0 ? this.startImport(files) : null, bundles };
  };
  importCancel: Handler<'importCancel'> = ({ jobId }) => ({
    cancelled: this.opts.jobs.cancel(jobId, 'import') || this.opts.jobs.cancel(jobId, 'bundleImport'),
  });
  bundleImportStart: Handler<'bundleImportStart'> = ({ uploadId }) => {
    const vankho = this.vankho;
    const [path] = this.opts.uploads.pathsOf([uploadId]);
    const jobId = this.opts.jobs.start('bundleImport', async (ctx) => {
      const r = await importBundle(vankho.archive, path!, {
        signal: ctx.signal,
        onProgress: (p) => ctx.progress({ phase: p.phase, done: p.done, total: p.total }),
      });
      return {
        result: {
          added: r.added,
          merged: r.merged,
          skipped: r.skipped,
          filesAdded: r.filesAdded,
          tagsCreated: r.tagsCreated,
          relationsAdded: r.relationsAdded,
          outcomes: r.outcomes.map((o) => ({
            documentId: o.documentId,
            title: o.title,
            number: o.number,
            outcome: o.outcome,
            matchedBy: o.matchedBy,
            changes: o.changes,
          })),
        },
      };
    });
    this.afterImportJob(jobId, vankho, [uploadId]);
    return { jobId };
  };

  bundleProbe: Handler<'bundleProbe'> = async ({ uploadId }) => {
    void this.vankho; // NO_ARCHIVE_OPEN: there is nowhere to merge into
    const [path] = this.opts.uploads.pathsOf([uploadId]);
    return probeBundle(path!);
  };

  exportStart: Handler<'exportStart'> = async ({ kind, documentIds, selection }) => {
    const vankho = this.vankho;
    // Resolved before the save dialog: an unknown tag or an empty search is said at once.
    const resolved = resolveExportSelection(
      vankho.archive.db,
      vankho.search,
      selection ?? (documentIds ? { kind: 'ids', documentIds } : { kind: 'all' }),
    );
    const fileName = `VanKho-${kind === 'bundle' ? 'goi' : 'muc-luc'}-${new Date().toISOString().slice(0, 10)}.${
      kind === 'bundle' ? 'zip' : 'xlsx'
    }`;
    let out: string;
    let savedTo: string | null = null;
    if (this.opts.dialogs) {
      const picked = await this.opts.dialogs.pickSavePath(fileName, kind);
      if (!picked) return null;
      out = picked;
      savedTo = picked;
    } else {
      out = join(mkdtempSync(join(this.exportDir, 'job-')), fileName);
    }
    const { ids } = resolved;
    const jobId = this.opts.jobs.start('export', async (ctx) => {
      const onProgress = (p: ExportProgress): void =>
        ctx.progress({ total: p.entriesTotal, done: p.entriesDone, currentName: p.currentName });
      let size: number;
      let documentCount: number;
      if (kind === 'bundle') {
        const report = await exportBundle(vankho.archive, {
          ids,
          out,
          title: resolved.title,
          selection: resolved.selection,
          overwrite: savedTo !== null,
          signal: ctx.signal,
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
          signal: ctx.signal,
        });
        documentCount = report.documents;
        size = statSync(out).size;
      }
      const result: ExportResultDto = { kind, fileName: basename(out), size, documentCount, savedTo };
      if (savedTo === null) {
        this.exportFiles.set(jobId, {
          path: out,
          size,
          mediaType:
            kind === 'bundle'
              ? 'application/zip'
              : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          name: fileName,
        });
      }
      return { result };
    });
    return { jobId };
  };
  exportCancel: Handler<'exportCancel'> = ({ jobId }) => ({
    cancelled: this.opts.jobs.cancel(jobId, 'export'),
  });

  jobsList: Handler<'jobsList'> = () => this.opts.jobs.list();

  // ---- helpers -------------------------------------------------------------------------------------

  /**
   * With native dialogs (desktop), the renderer may only open folders the user picked in a main-process
   * dialog or that are in the recent list — never a path it made up (reliability T-S5). Web mode has
   * no dialogs: the token holder types the path, as on the command line.
   */
  private approvedDir(dir: string): string {
    // A relative path typed in the app would resolve against the server's working folder, unseen.
    if (!isAbsolute(dir)) throw new VanKhoError(appError('PATH_NOT_ABSOLUTE', join(homedir(), dir)));
    const abs = resolve(dir);
    if (this.opts.dialogs === null) return abs;
    if (this.pickedDirs.has(abs) || this.opts.recent.list().some((r) => resolve(r.dir) === abs)) return abs;
    throw new VanKhoError(appError('FORBIDDEN', 'folder not chosen in a dialog'));
  }

  private get dialogs(): HostDialogs {
    if (!this.opts.dialogs) throw new VanKhoError(appError('UNSUPPORTED'));
    return this.opts.dialogs;
  }

  private samplePaths(): string[] {
    const dir = this.opts.samplesDir;
    if (!dir || !existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((n) => !n.startsWith('.') && !/\.(md|json)$/i.test(n))
      .sort()
      .map((n) => join(dir, n));
  }
}

function reviewItemDto(d: DocumentSummary): ReviewItemDto {
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
  };
}

function reextractResultDto(r: ReextractReport): ReextractResultDto {
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

function importProgressDto(p: ImportProgress): ImportProgressDto {
  return {
    total: p.total,
    done: p.done,
    imported: p.imported,
    duplicates: p.duplicates,
    failed: p.failed,
    currentName: p.currentName,
  };
}

function importReportDto(r: ImportReport): ImportReportDto {
  const outcomes: ImportOutcomeDto[] = r.outcomes.map((o) => ({
    name: o.name,
    outcome: o.outcome,
    documentId: o.documentId,
    error: o.error,
    warning: o.warning,
    noText: o.noText,
  }));
  return {
    imported: r.imported,
    duplicates: r.duplicates,
    failed: r.failed,
    withWarnings: r.withWarnings,
    cancelled: r.cancelled,
    outcomes,
  };
}
