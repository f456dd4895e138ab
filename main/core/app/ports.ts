// What the core asks of whoever hosts it (desktop app, web mode, tests, later a server), as small
// interfaces: the host's classes (main/host/) implement them, so the core never imports the host.
import type { Readable } from 'node:stream';
import type {
  BackupResultDto,
  BundleImportResultDto,
  ExportResultDto,
  ImportReportDto,
  JobDto,
  JobKind,
  OcrResultDto,
  RecentArchive,
  RecoverResultDto,
  ReextractResultDto,
  RestoreResultDto,
} from '../../contract/dto.js';
import type { AppEvent, JobProgressOf } from '../../contract/events.js';
import type { Actor } from '../../contract/request-context.js';

/** Where the core announces events; the host fans them out to its transports. */
export interface EventSink {
  emit(event: AppEvent): void;
}

/** The result of each job kind (its progress: the contract's JobProgressOf). */
export interface JobTypes {
  import: { result: ImportReportDto };
  export: { result: ExportResultDto };
  reindex: { result: null };
  bundleImport: { result: BundleImportResultDto };
  reextract: { result: ReextractResultDto };
  ocr: { result: OcrResultDto };
  backup: { result: BackupResultDto };
  restore: { result: RestoreResultDto };
  recover: { result: RecoverResultDto };
}

export interface JobContext<K extends JobKind> {
  jobId: string;
  signal: AbortSignal;
  progress(p: JobProgressOf[K]): void;
}

/** What a job returns: its result, and whether it stopped early because it was cancelled. */
export interface JobOutcome<K extends JobKind> {
  result: JobTypes[K]['result'];
  cancelled?: boolean;
  /** The documents the job read or wrote when its result does not list them (an export), for the audit log; never sent to clients. */
  documentIds?: readonly number[];
}

/** Runs long work as jobs: one AbortSignal each, progress and end reported as events. */
export interface JobRunner {
  /**
   * Starts the job on a later tick and returns its id at once; TOO_MANY_JOBS (nothing started) when
   * the host's bound on running jobs, overall or for this `owner` (an account id), is reached.
   */
  start<K extends JobKind>(
    kind: K,
    run: (ctx: JobContext<K>) => Promise<JobOutcome<K>>,
    owner?: string,
  ): string;
  /** Aborts a running job (of that kind, when given); false when there is none. */
  cancel(jobId: string, kind?: JobKind): boolean;
  list(): JobDto[];
  /** A job this runner still keeps (running, or among the last finished), with its result once done. */
  get(jobId: string): { dto: JobDto; result: unknown } | null;
  /** Resolves when the job has ended (at once for an unknown id). */
  wait(jobId: string): Promise<JobDto | null>;
  /** Cancels every running job and waits for all of them to end. */
  cancelAll(): Promise<void>;
}

/** Files received from a client (uploads), held by id until an import has read them. */
/**
 * Whose an upload is, for the per-account upload caps: an account's id, or null for the local person
 * (desktop, web mode, CLI), who has only the session's cap.
 */
export type UploadOwner = string | null;

export function uploadOwnerOf(actor: Actor): UploadOwner {
  return actor.kind === 'account' ? actor.id : null;
}

export interface UploadArea {
  putBytes(name: string, bytes: Uint8Array, owner?: UploadOwner): Promise<string>;
  putStream(name: string, body: Readable, limit?: number): Promise<string>;
  /** Paths of the uploads, in order; throws NOT_FOUND for an unknown id. */
  pathsOf(ids: readonly string[]): string[];
  release(ids: readonly string[]): Promise<void>;
  /** Removes every upload (shutdown). */
  dispose(): void;
}

/** The recently opened archives. */
export interface RecentList {
  list(): RecentArchive[];
  add(dir: string): void;
  /** Takes the entry listed with this `dir` (a folder or a server's address) off the list. */
  forget(dir: string): void;
}
