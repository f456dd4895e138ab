// Events main → renderer. They travel on IPC_EVENT_CHANNEL (Electron) or as SSE `data:` lines
// (web mode), always as one of these plain objects, discriminated by `type`.
import type {
  ArchiveInfo,
  BackupProgressDto,
  BackupResultDto,
  BundleImportProgressDto,
  BundleImportResultDto,
  ExportProgressDto,
  ExportResultDto,
  ImportProgressDto,
  ImportReportDto,
  JobKind,
  OcrProgressDto,
  OcrResultDto,
  ReextractProgressDto,
  ReextractResultDto,
  JobState,
  RecoverResultDto,
  ReindexProgressDto,
  RestoreProgressDto,
  RestoreResultDto,
} from './dto.js';
import type { AppError } from './errors.js';

export interface ImportProgressEvent {
  type: 'importProgress';
  jobId: string;
  progress: ImportProgressDto;
}

export interface ExportProgressEvent {
  type: 'exportProgress';
  jobId: string;
  progress: ExportProgressDto;
}

export interface ReindexProgressEvent {
  type: 'reindexProgress';
  jobId: string;
  progress: ReindexProgressDto;
}

export interface BundleImportProgressEvent {
  type: 'bundleImportProgress';
  jobId: string;
  progress: BundleImportProgressDto;
}

export interface ReextractProgressEvent {
  type: 'reextractProgress';
  jobId: string;
  progress: ReextractProgressDto;
}

export interface OcrProgressEvent {
  type: 'ocrProgress';
  jobId: string;
  progress: OcrProgressDto;
}

/**
 * Progress of a job of the kinds below, one event type for all of them (the kinds above keep their
 * own event types, which clients already listen to); `kind` says how to read `progress`.
 */
export type JobProgressEvent =
  | { type: 'jobProgress'; jobId: string; kind: 'backup'; progress: BackupProgressDto }
  | { type: 'jobProgress'; jobId: string; kind: 'restore'; progress: RestoreProgressDto }
  | { type: 'jobProgress'; jobId: string; kind: 'recover'; progress: ImportProgressDto };

/** A job ended. `result` is set for state 'done' (and for a cancelled import: what was done so far). */
export interface JobFinishedEvent {
  type: 'jobFinished';
  jobId: string;
  kind: JobKind;
  state: Exclude<JobState, 'running' | 'interrupted'>;
  result:
    | ImportReportDto
    | ExportResultDto
    | BundleImportResultDto
    | ReextractResultDto
    | OcrResultDto
    | BackupResultDto
    | RestoreResultDto
    | RecoverResultDto
    | null;
  error: AppError | null;
}

/** The open archive changed (opened, created, closed, or its contents changed from outside the UI). */
export interface ArchiveChangedEvent {
  type: 'archiveChanged';
  archive: ArchiveInfo | null;
}

/** The desktop menu (or a shortcut handled by the host) asks the UI to do something. */
export interface MenuCommandEvent {
  type: 'menuCommand';
  command: MenuCommand;
}

export const MENU_COMMANDS = [
  'focusSearch',
  'showImport',
  'showExport',
  'showTags',
  'showArchive',
  'showAudit',
  'showHelp',
  'toggleLanguage',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export type AppEvent =
  | ImportProgressEvent
  | ExportProgressEvent
  | ReindexProgressEvent
  | BundleImportProgressEvent
  | ReextractProgressEvent
  | OcrProgressEvent
  | JobProgressEvent
  | JobFinishedEvent
  | ArchiveChangedEvent
  | MenuCommandEvent;

export type AppEventType = AppEvent['type'];
export type AppEventListener = (event: AppEvent) => void;
