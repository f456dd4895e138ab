// The host session: what one running app holds between requests — the open archive, the exports
// waiting for download, the folders the user picked in a dialog, tag merges that can be undone —
// and the lifecycle the composition root and the menu drive (open, close, backup, restore, stop).
// The contract handlers (core/app/*-handlers.ts) reach the archive only through this object.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type {
  AppInfo,
  ArchiveInfo,
  BackupResultDto,
  ExportKind,
  OcrSettingsDto,
} from '../../contract/dto.js';
import { appError } from '../../contract/errors.js';
import type { EventSink, JobRunner, RecentList, UploadArea } from './ports.js';
import type { StoredFileRef } from './stored-file.js';
import { ocrEngineAvailable, type OcrPathOptions } from '../ocr/ocr-paths.js';
import { ocrPaused, runOcrQueue, setOcrPaused } from '../ocr/ocr-queue.js';
import { countPending, pendingDocumentIds } from '../ocr/ocr-store.js';
import { readBooleanSetting } from '../archive/archive-settings.js';
import { createRefusal, DB_FILE_NAME, missingCatalogueError, type Db } from '../archive/archive.js';
import { getFile } from '../archive/documents-repo.js';
import { countReadByOlderRules } from '../archive/extraction-rule.js';
import { type TagMergeUndo } from '../archive/tags-repo.js';
import {
  accessCondition,
  hiddenDocumentIds,
  READ_ALL,
  requireReadableFile,
  scopeOf,
  type ReadScope,
} from '../archive/access.js';
import { knownAppError } from '../errors/to-vankho-error.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { makeOwnedTempDir } from '../archive/temp-owner.js';
import { startBackupJob, startRestoreJob } from './archive-jobs.js';
import { ExtractionPool } from '../ingest/extraction-pool.js';
import { importPaths } from '../ingest/import-files.js';
import type { ImportProgress } from '../ingest/import-types.js';
import { openVanKho, openVanKhoForReading, type VanKho } from '../open-vankho.js';
import { importProgressDto, importReportDto } from './dto-mappers.js';
import { identityTwinRefs } from '../archive/identity-twins.js';
import { startRecordedJob } from './recorded-job-runner.js';
import { localContext, type RequestContext } from '../../contract/request-context.js';

/** Native pickers; present only in the desktop app. */
export interface HostDialogs {
  pickDirectory(purpose: 'open' | 'create'): Promise<string | null>;
  pickImportPaths(folders: boolean): Promise<string[] | null>;
  pickSavePath(defaultName: string, kind: ExportKind): Promise<string | null>;
  /** Where to save a copy of an original (its file name proposed). */
  pickSaveCopyPath(defaultName: string): Promise<string | null>;
}

export interface AppSessionOptions {
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
  /** Where the OCR models and tesseract.js's worker are (the packaged app's resources); default node_modules. */
  ocrPaths?: OcrPathOptions;
}

/** What an OCR job reads: the whole queue, or only some documents' pages; which models, and how. */
export interface OcrParams {
  documentIds?: number[];
  langs?: string;
  dpi?: number;
  workers?: number;
  pageTimeoutMs?: number;
}

/** Temp folder name prefix of web mode's finished exports (also what the start-up sweep looks for). */
export const EXPORTS_DIR_PREFIX = 'vankho-exports-';

/** Tag merges kept for undo (oldest dropped first). */
const KEEP_MERGE_UNDOS = 50;

export const notFound = (what: string): VanKhoError => new VanKhoError(appError('NOT_FOUND', what));

export class AppSession {
  private current: VanKho | null = null;
  /** Web mode: where finished exports wait for their download, by job id. */
  readonly exportDir: string;
  private readonly exportFiles = new Map<string, StoredFileRef>();
  /** Folders the user chose in a native dialog during this run (see approvedDir). */
  private readonly pickedDirs = new Set<string>();
  /** Tag merges of the open archive that can still be undone, by undo id (newest last). */
  private readonly mergeUndos = new Map<string, TagMergeUndo>();
  /**
   * Text extraction workers shared by every import of this run: an office uploading files one by one
   * (web, server) would otherwise pay a worker start (loading the parsers: seconds) per upload. Idle
   * workers end after a while and never keep the process alive.
   */
  private readonly extraction = new ExtractionPool({ idleMs: 60_000 });

  constructor(readonly opts: AppSessionOptions) {
    this.exportDir = makeOwnedTempDir(tmpdir(), EXPORTS_DIR_PREFIX);
  }

  get events(): EventSink {
    return this.opts.events;
  }
  get jobs(): JobRunner {
    return this.opts.jobs;
  }
  get uploads(): UploadArea {
    return this.opts.uploads;
  }

  // ---- lifecycle (composition root, menu) ----------------------------------------------------------

  /**
   * Opens (or creates) an archive folder, closing the previous one after its jobs stopped. `forReading`
   * opens it without its lock when another process holds it (read-only CLI commands beside the app).
   */
  async openDir(dir: string, create: boolean, forReading = false): Promise<ArchiveInfo> {
    const abs = resolve(dir);
    // Checked before the open archive is closed; originals without a catalogue are damage, not absence.
    if (!create && !existsSync(join(abs, DB_FILE_NAME))) throw missingCatalogueError(abs);
    // A create that cannot proceed leaves the open archive open.
    const refused = create ? createRefusal(abs) : null;
    if (refused) throw refused;
    await this.closeArchive();
    const binding = this.opts.nativeBinding ? { nativeBinding: this.opts.nativeBinding } : {};
    this.current = forReading ? openVanKhoForReading(abs, binding) : openVanKho(abs, { create, ...binding });
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
    await this.extraction.close();
    this.opts.uploads.dispose();
    rmSync(this.exportDir, { recursive: true, force: true });
  }

  get isOpen(): boolean {
    return this.current !== null;
  }

  get vankho(): VanKho {
    if (!this.current) throw new VanKhoError(appError('NO_ARCHIVE_OPEN'));
    return this.current;
  }

  get db(): Db {
    return this.vankho.archive.db;
  }

  /** The open archive's facts; counts cover only what `scope` may read (a reader is told no more). */
  info(scope: ReadScope = READ_ALL): ArchiveInfo {
    const { archive } = this.vankho;
    const db = archive.db;
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number | null }).n ?? 0;
    const readable = accessCondition(scope, 'd');
    const docWhere = readable ? `WHERE ${readable}` : '';
    const fileJoin = readable ? `JOIN documents d ON d.id = f.document_id WHERE ${readable}` : '';
    return {
      dir: archive.dir,
      name: basename(archive.dir),
      documentCount: count(`SELECT count(*) AS n FROM documents d ${docWhere}`),
      fileCount: count(`SELECT count(*) AS n FROM files f ${fileJoin}`),
      tagCount: count('SELECT count(*) AS n FROM tags'),
      totalBytes: count(`SELECT sum(f.size) AS n FROM files f ${fileJoin}`),
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      readonly: archive.readonly,
      readByOlderRules: countReadByOlderRules(db, readable),
    };
  }

  /** A stored original by file id (the only way bytes reach a renderer). */
  storedFile(fileId: number, scope: ReadScope = READ_ALL): StoredFileRef {
    // A file of a document the caller may not read is not found, the same as one that never was.
    requireReadableFile(this.db, scope, fileId);
    const f = getFile(this.db, fileId);
    if (!f) throw notFound(`file #${fileId}`);
    const path = this.vankho.archive.files.pathOf(f.sha256);
    if (!existsSync(path)) throw notFound(`file #${fileId}`);
    return { path, size: statSync(path).size, mediaType: f.mediaType, name: f.originalName };
  }

  /**
   * What the preview shows of page `page` of a stored original: a TIFF's page as a PNG (browsers
   * cannot show a TIFF), derived once into derived/previews/ (a read-only archive's go to the temp
   * folder) and served from there; any other file as itself. The original is only read.
   */
  async storedPreview(fileId: number, page: number, scope: ReadScope = READ_ALL): Promise<StoredFileRef> {
    const ref = this.storedFile(fileId, scope);
    if (ref.mediaType !== 'image/tiff') return ref;
    const { archive } = this.vankho;
    const dir = archive.readonly ? join(tmpdir(), 'vankho-previews') : join(archive.derivedDir, 'previews');
    mkdirSync(dir, { recursive: true });
    // sharp is loaded on the first TIFF preview, not by every process that composes the app.
    const { tiffPreviewName, writeTiffPagePng } = await import('../ocr/tiff-decode.js');
    const out = join(dir, tiffPreviewName(ref.path, getFile(this.db, fileId)!.sha256, page));
    if (!existsSync(out)) await writeTiffPagePng(ref.path, page, out);
    const stem = basename(ref.name, extname(ref.name)) || 'scan';
    return { path: out, size: statSync(out).size, mediaType: 'image/png', name: `${stem}-${page}.png` };
  }

  exportFile(jobId: string): StoredFileRef {
    const ref = this.exportFiles.get(jobId);
    if (!ref || !existsSync(ref.path)) throw notFound(`export ${jobId}`);
    return ref;
  }

  /** Web mode: a finished export waits here for its download. */
  keepExportFile(jobId: string, ref: StoredFileRef): void {
    this.exportFiles.set(jobId, ref);
  }

  receiveUpload(name: string, body: Readable, limit: number): Promise<string> {
    return this.opts.uploads.putStream(name, body, limit);
  }

  /** Starts an import job of host-side paths (uploads, dialog picks, samples, menu), recorded in the archive. */
  startImport(
    paths: string[],
    uploadIds: readonly string[] = [],
    ctx: RequestContext = localContext(),
    /** The caller's own paths (importPathsStart): its limits, and a report naming the sources. */
    own?: { maxFileSize?: number; extractionTimeoutMs?: number },
  ): string {
    const vankho = this.vankho;
    const jobId = startRecordedJob(
      this.opts.jobs,
      vankho,
      // Uploads are temporary copies: only the names are worth keeping.
      { kind: 'import', params: { count: paths.length, fromUploads: uploadIds.length > 0 }, ctx },
      async (job) => {
        const report = await importPaths(vankho.archive, paths, {
          pool: this.extraction,
          signal: job.signal,
          onProgress: (p: ImportProgress) => job.progress(importProgressDto(p)),
          ...(own?.maxFileSize !== undefined ? { maxFileSize: own.maxFileSize } : {}),
          ...(own?.extractionTimeoutMs !== undefined ? { extractionTimeoutMs: own.extractionTimeoutMs } : {}),
        });
        const db = vankho.archive.db;
        const scope = scopeOf(ctx.actor);
        const twinsOf = (id: number) => identityTwinRefs(db, scope, id);
        const result = importReportDto(report, hiddenDocumentIds(db, scope), twinsOf, own !== undefined);
        return { result, cancelled: report.cancelled || job.signal.aborted };
      },
    );
    this.afterImportJob(jobId, vankho, uploadIds);
    // The import never waits for OCR: once its files are in, the scans are read by a job of their own.
    // Refused by the jobs bound (TOO_MANY_JOBS), the scans stay queued for the next import or OCR run.
    void this.opts.jobs
      .wait(jobId)
      .then((job) => {
        if (job?.state !== 'done' || this.current !== vankho || !this.ocrSettings().autoOcr) return;
        // The CLI's process ends with its command: its scans wait for `vankho ocr`.
        if (this.opts.host === 'cli') return;
        // A paused queue stays paused: the scans just wait with the rest.
        if (ocrPaused(vankho.archive.db)) return;
        if (countPending(vankho.archive.db, null, scopeOf(ctx.actor)) > 0) this.startOcr(ctx, {});
      })
      .catch((e: unknown) =>
        console.error('VanKho: OCR after import not started', knownAppError(e)?.code ?? e),
      );
    return jobId;
  }

  /** Whether OCR runs after each import: the archive's choice, by default on where the engine is installed. */
  ocrSettings(): OcrSettingsDto {
    const engineAvailable = this.ocrEngine ?? (this.ocrEngine = ocrEngineAvailable(this.opts.ocrPaths));
    const chosen = readBooleanSetting(this.db, 'auto_ocr');
    return { autoOcr: engineAvailable && (chosen ?? true), engineAvailable };
  }
  private ocrEngine: boolean | undefined;
  /** The running OCR job's pause switch (and its archive: a pause speaks for the open one only). */
  private ocrRun: { vankho: VanKho; pause: AbortController } | null = null;

  /**
   * "Tạm dừng OCR": the archive's queue is paused (a setting: it holds after a restart) and the
   * running OCR job, if any, stops now: its pages in flight are abandoned and wait again. True when
   * a job was stopped.
   */
  pauseOcr(): boolean {
    const vankho = this.vankho;
    vankho.archive.write((db) => setOcrPaused(db, true));
    const run = this.ocrRun?.vankho === vankho ? this.ocrRun : null;
    run?.pause.abort();
    return run !== null;
  }

  /** "Tiếp tục": the queue runs again; the OCR job reads what waits (null when nothing waits). */
  resumeOcr(ctx: RequestContext): string | null {
    this.vankho.archive.write((db) => setOcrPaused(db, false));
    return countPending(this.db, null, scopeOf(ctx.actor)) > 0 ? this.startOcr(ctx, {}) : null;
  }

  /**
   * Starts (or, when one runs, joins) the OCR job over the archive's queue, recorded so it resumes
   * after a restart; its recognised text changes documents, so it ends as an import does.
   */
  startOcr(ctx: RequestContext, asked: OcrParams, resumes?: string): string {
    // Checked first: a job still winding down after a pause is not joined.
    if (ocrPaused(this.db)) throw new VanKhoError(appError('OCR_PAUSED'));
    const running = this.opts.jobs.list().find((j) => j.kind === 'ocr' && j.state === 'running');
    if (running) return running.jobId;
    // A caller who reads fewer levels drains only its part of the queue: the job's progress names
    // the files it reads.
    const scope = scopeOf(ctx.actor);
    const params: OcrParams =
      asked.documentIds || scope.all ? asked : { ...asked, documentIds: pendingDocumentIds(this.db, scope) };
    const ocrPaths = this.opts.ocrPaths;
    const run = { vankho: this.vankho, pause: new AbortController() };
    this.ocrRun = run;
    const jobId = startRecordedJob(
      this.opts.jobs,
      this.vankho,
      { kind: 'ocr', params, ctx, ...(resumes ? { resumes } : {}) },
      async (job, vankho) => {
        const r = await runOcrQueue(vankho.archive, {
          signal: job.signal,
          pause: run.pause.signal,
          ...(params.documentIds ? { documentIds: params.documentIds } : {}),
          ...(params.langs ? { langs: params.langs } : {}),
          ...(params.dpi !== undefined ? { dpi: params.dpi } : {}),
          ...(params.workers !== undefined ? { workers: params.workers } : {}),
          ...(params.pageTimeoutMs !== undefined ? { pageTimeoutMs: params.pageTimeoutMs } : {}),
          ...(ocrPaths ? { paths: ocrPaths } : {}),
          onProgress: (p) =>
            job.progress({
              total: p.total,
              done: p.done,
              failed: p.failed,
              currentDocumentId: p.currentDocumentId,
              currentName: p.currentName,
              currentPage: p.currentPage,
              page: p.page,
            }),
        });
        return {
          result: {
            total: r.total,
            done: r.done,
            failed: r.failed,
            completedDocuments: r.completedDocuments,
            cancelled: r.cancelled,
            paused: r.paused,
            pendingLeft: r.pendingLeft,
          },
          cancelled: r.cancelled,
        };
      },
    );
    void this.opts.jobs.wait(jobId).then(() => {
      if (this.ocrRun === run) this.ocrRun = null;
    });
    this.afterImportJob(jobId, this.vankho, []);
    return jobId;
  }

  /**
   * After a job that changed documents, however it ended (even cancelled before it started): drop
   * the uploaded copies, save the in-memory search indexes (a crash later then costs no rebuild)
   * and tell the UI the archive's counts changed.
   */
  afterImportJob(jobId: string, vankho: VanKho, uploadIds: readonly string[]): void {
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

  /** Backs the open archive up into one checked file (menu: Sao lưu kho…), as a recorded backup job. */
  async backupTo(out: string): Promise<BackupResultDto> {
    const jobId = startBackupJob(this.opts.jobs, this.vankho, localContext(), { out, overwrite: true });
    return (await this.jobResult(jobId)) as BackupResultDto;
  }

  /** Restores a backup into an empty folder, checks it, and opens it (menu: Khôi phục…), as a restore job. */
  async restoreInto(backupFile: string, dir: string): Promise<ArchiveInfo> {
    await this.jobResult(startRestoreJob(this.opts.jobs, localContext(), { backupFile, dir }));
    return this.openDir(dir, false);
  }

  /** Waits for the job's end: its result when done, else its error. */
  private async jobResult(jobId: string): Promise<unknown> {
    const end = await this.opts.jobs.wait(jobId);
    if (end?.state !== 'done') throw new VanKhoError(end?.error ?? appError('CANCELLED'));
    return this.opts.jobs.get(jobId)?.result ?? null;
  }

  // ---- tag merge undo ------------------------------------------------------------------------------

  rememberMergeUndo(undoId: string, undo: TagMergeUndo): void {
    this.mergeUndos.set(undoId, undo);
    while (this.mergeUndos.size > KEEP_MERGE_UNDOS)
      this.mergeUndos.delete(this.mergeUndos.keys().next().value!);
  }

  takeMergeUndo(undoId: string): TagMergeUndo {
    const undo = this.mergeUndos.get(undoId);
    if (!undo) throw notFound(`merge ${undoId}`);
    return undo;
  }

  forgetMergeUndo(undoId: string): void {
    this.mergeUndos.delete(undoId);
  }

  // ---- folders and dialogs -------------------------------------------------------------------------

  notePickedDir(dir: string): void {
    this.pickedDirs.add(resolve(dir));
  }

  /**
   * With native dialogs (desktop), the renderer may only open folders the user picked in a main-process
   * dialog or that are in the recent list — never a path it made up (reliability T-S5). Web mode has
   * no dialogs: the token holder types the path, as on the command line.
   */
  approvedDir(dir: string): string {
    // A relative path typed in the app would resolve against the server's working folder, unseen.
    if (!isAbsolute(dir)) throw new VanKhoError(appError('PATH_NOT_ABSOLUTE', join(homedir(), dir)));
    const abs = resolve(dir);
    if (this.opts.dialogs === null) return abs;
    if (this.pickedDirs.has(abs) || this.opts.recent.list().some((r) => resolve(r.dir) === abs)) return abs;
    throw new VanKhoError(appError('FORBIDDEN', 'folder not chosen in a dialog'));
  }

  get hasDialogs(): boolean {
    return this.opts.dialogs !== null;
  }

  get dialogs(): HostDialogs {
    if (!this.opts.dialogs) throw new VanKhoError(appError('UNSUPPORTED'));
    return this.opts.dialogs;
  }

  samplePaths(): string[] {
    const dir = this.opts.samplesDir;
    if (!dir || !existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((n) => !n.startsWith('.') && !/\.(md|json)$/i.test(n))
      .sort()
      .map((n) => join(dir, n));
  }
}
